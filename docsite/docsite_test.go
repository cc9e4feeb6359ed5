package docsite

import (
	"bytes"
	"context"
	"embed"
	"flag"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

var update = flag.Bool("update", os.Getenv("DOCGEN_UPDATE") != "", "rewrite testdata/built")

//go:embed all:testdata/built
var builtFiles embed.FS

// TestBuiltIsCurrent rebuilds testdata/site as docgen build --fragments
// --path-prefix /help/ would: testdata/built, which the Open example
// embeds, must be exactly that (regenerate with -update).
func TestBuiltIsCurrent(t *testing.T) {
	s, err := Build(context.Background(), os.DirFS("testdata/site"), Options{Prefix: "/help/"})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Diagnostics()) > 0 {
		t.Fatalf("diagnostics: %v", s.Diagnostics())
	}
	if *update {
		if err := os.RemoveAll("testdata/built"); err != nil {
			t.Fatal(err)
		}
		for _, name := range s.Names() {
			p := filepath.Join("testdata/built", filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, s.files[name], 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	built, _ := fs.Sub(builtFiles, "testdata/built")
	on, err := Open(built, Options{Prefix: "/help/"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(on.Names(), "\n") != strings.Join(s.Names(), "\n") {
		t.Fatalf("testdata/built is stale (run go test ./docsite -update):\n%v\nvs\n%v", on.Names(), s.Names())
	}
	for _, n := range s.Names() {
		if !bytes.Equal(on.files[n], s.files[n]) {
			t.Errorf("testdata/built/%s is stale (run go test ./docsite -update)", n)
		}
	}
}

func TestOpenOtherPrefix(t *testing.T) {
	built, _ := fs.Sub(builtFiles, "testdata/built")
	if _, err := Open(built, Options{Prefix: "/docs/"}); err == nil || !strings.Contains(err.Error(), "--path-prefix /docs/") {
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
