package docsite

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/docgen/docgen/internal/build"
)

// builtDir holds testdata/site built as `docgen build --fragments
// --path-prefix /help/ --dest help` writes it, by TestMain, for Open and
// its example. It is built at test time rather than kept in testdata, so
// that it can never lag behind the theme.
var builtDir string

// BuiltHelp returns the site TestMain built, for ExampleOpen; a product
// embeds the folder instead (see Open).
func BuiltHelp() fs.FS { return os.DirFS(builtDir) }

func TestMain(m *testing.M) {
	tmp, err := os.MkdirTemp("", "docsite-")
	if err != nil {
		panic(err)
	}
	builtDir = filepath.Join(tmp, "help")
	code, err := func() (int, error) {
		defer os.RemoveAll(tmp)
		sink, err := build.NewDir(context.Background(), builtDir, build.DirOptions{})
		if err != nil {
			return 0, err
		}
		res, err := build.Build(context.Background(), build.Options{Source: os.DirFS("testdata/site"), Sink: sink,
			PathPrefix: "/help/", Fragments: true})
		if err != nil {
			return 0, err
		}
		if len(res.Diags) > 0 {
			return 0, fmt.Errorf("testdata/site: %v", res.Diags)
		}
		return m.Run(), nil
	}()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(code)
}

// TestOpenServesWhatBuildMade: a site opened from what the command wrote
// holds exactly the files, byte for byte, of the same site built in memory.
func TestOpenServesWhatBuildMade(t *testing.T) {
	s, err := Build(context.Background(), os.DirFS("testdata/site"), Options{Prefix: "/help/"})
	if err != nil {
		t.Fatal(err)
	}
	on, err := Open(BuiltHelp(), Options{Prefix: "/help/"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(on.Names(), "\n") != strings.Join(s.Names(), "\n") {
		t.Fatalf("files differ:\n%v\nvs\n%v", on.Names(), s.Names())
	}
	for _, n := range s.Names() {
		if !bytes.Equal(on.files[n], s.files[n]) {
			t.Errorf("%s differs", n)
		}
	}
}

func TestOpenOtherPrefix(t *testing.T) {
	if _, err := Open(BuiltHelp(), Options{Prefix: "/docs/"}); err == nil || !strings.Contains(err.Error(), "--path-prefix /docs/") {
		t.Errorf("got %v", err)
	}
	if _, err := Open(fstest.MapFS{"index.html": {}}, Options{}); err == nil || !strings.Contains(err.Error(), "--fragments") {
		t.Errorf("a site without fragments: %v", err)
	}
	if _, err := Build(context.Background(), fstest.MapFS{}, Options{Prefix: "/a b/"}); err == nil {
		t.Error("a prefix with a space was accepted")
	}
}

func TestHandler(t *testing.T) {
	s, err := Build(context.Background(), os.DirFS("testdata/site"), Options{Prefix: "/help"})
	if err != nil {
		t.Fatal(err)
	}
	css, _ := s.Assets()
	for _, tc := range []struct {
		method, url string
		status      int
		header      string // "Name: value" expected, or ""
	}{
		{"GET", "/help/v1.0.x/", 200, "Cache-Control: no-cache"},
		{"HEAD", "/help/v1.0.x/connect/", 200, "Content-Type: text/html; charset=utf-8"},
		{"GET", css[0], 200, "Cache-Control: public, max-age=31536000, immutable"},
		{"GET", "/help/v1.0.x/connect", 301, "Location: /help/v1.0.x/connect/"},
		{"GET", "/help", 301, "Location: /help/"},
		{"GET", "/help/nope/", 404, "Content-Type: text/html; charset=utf-8"},
		{"GET", "/help/../docgen.yaml", 404, ""},
		{"GET", "/help/.docgen-manifest", 404, ""},
		{"GET", "/elsewhere/", 404, ""},
		{"POST", "/help/v1.0.x/", 405, "Allow: GET, HEAD"},
	} {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest(tc.method, tc.url, nil))
		if rec.Code != tc.status {
			t.Errorf("%s %s: %d, want %d", tc.method, tc.url, rec.Code, tc.status)
		}
		if name, value, ok := strings.Cut(tc.header, ": "); ok && rec.Header().Get(name) != value {
			t.Errorf("%s %s: %s is %q, want %q", tc.method, tc.url, name, rec.Header().Get(name), value)
		}
	}
	// A fresh ETag gives 304.
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/help/v1.0.x/", nil))
	req := httptest.NewRequest("GET", "/help/v1.0.x/", nil)
	req.Header.Set("If-None-Match", rec.Header().Get("ETag"))
	rec = httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified {
		t.Errorf("revalidation: %d", rec.Code)
	}
}

func TestPagesAndFragments(t *testing.T) {
	s, err := Build(context.Background(), os.DirFS("testdata/site"), Options{Prefix: "/help/"})
	if err != nil {
		t.Fatal(err)
	}
	p, ok := s.Page("/help/latest/connect/")
	if !ok || p.URL != "/help/v1.0.x/connect/" || p.Title != "Connect a database" || len(p.Headings) != 1 || p.Headings[0].ID != "credentials" {
		t.Fatalf("page: %+v %v", p, ok)
	}
	home, _ := s.Page("/help/v1.0.x/")
	if home.Summary != "Sign in, create a workspace and invite your team." {
		t.Errorf("summary %q", home.Summary)
	}
	html, ok := s.Fragment(home)
	if !ok || !strings.Contains(string(html), `<a href="/help/v1.0.x/connect/#credentials">`) || strings.Contains(string(html), "<header") {
		t.Errorf("fragment:\n%s", html)
	}
}
