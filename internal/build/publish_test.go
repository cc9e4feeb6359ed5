package build

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/internal/linkcheck"
)

// readTree returns every file under dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func buildInto(t *testing.T, src fs.FS, dest string, opts DirOptions) (*Result, error) {
	t.Helper()
	d, err := NewDir(context.Background(), dest, opts)
	if err != nil {
		return nil, err
	}
	return Build(context.Background(), Options{Source: src, Sink: d, BaseURL: "https://docs.example.com/"})
}

// TestDeterministicFolders builds this repo's site into two folders: every
// file, the manifest included, must have the same bytes.
func TestDeterministicFolders(t *testing.T) {
	tmp := t.TempDir()
	for _, name := range []string{"a", "b"} {
		if _, err := buildInto(t, os.DirFS("../.."), filepath.Join(tmp, name), DirOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	a, b := readTree(t, filepath.Join(tmp, "a")), readTree(t, filepath.Join(tmp, "b"))
	if len(a) < 20 || len(a) != len(b) {
		t.Fatalf("%d and %d files", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between the two folders", name)
		}
	}
	if _, ok := a[ManifestName]; !ok {
		t.Error("no manifest written")
	}
}

// TestConcurrentBuildsOneFolder starts two builds of different sites into
// one folder at once. The lock makes the second wait for the first, so the
// folder ends up holding exactly one whole site: every file of one build,
// none of the other.
func TestConcurrentBuildsOneFolder(t *testing.T) {
	site := func(word string, pages int) fstest.MapFS {
		fsys := fstest.MapFS{"docgen.yaml": {Data: []byte("title: " + word + "\n")}}
		for i := range pages {
			fsys[filepath.ToSlash(filepath.Join("content/v1.0.x", word, strings.Repeat("p", i+1)+".md"))] =
				&fstest.MapFile{Data: []byte("# " + word + "\n\nThe " + word + " site.\n")}
		}
		return fsys
	}
	dest := filepath.Join(t.TempDir(), "out")
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, s := range []fstest.MapFS{site("alpha", 40), site("beta", 25)} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = buildInto(t, s, dest, DirOptions{})
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	got := readTree(t, dest)
	alpha, beta := 0, 0
	for name := range got {
		switch {
		case strings.Contains(name, "/alpha/"):
			alpha++
		case strings.Contains(name, "/beta/"):
			beta++
		}
	}
	// Each page is written twice (its version and /latest/).
	if !(alpha == 80 && beta == 0 || alpha == 0 && beta == 50) {
		t.Errorf("the folder mixes two builds: %d alpha files, %d beta files", alpha, beta)
	}
	manifest := strings.Fields(string(got[ManifestName]))
	names := make([]string, 0, len(got))
	for n := range got {
		if n != ManifestName {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	if strings.Join(manifest, " ") != strings.Join(names, " ") {
		t.Error("the manifest does not list exactly the files in the folder")
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	for _, e := range entries {
		if strings.Contains(e.Name(), "staging") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// TestWaitsForLock shows the wait itself: while one build holds the
// folder, another reports that it waits, and goes on once it is free.
func TestWaitsForLock(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "out")
	first, err := NewDir(context.Background(), dest, DirOptions{})
	if err != nil {
		t.Fatal(err)
	}
	waiting := make(chan struct{})
	done := make(chan error)
	go func() {
		d, err := NewDir(context.Background(), dest, DirOptions{Waiting: func() { close(waiting) }})
		if err == nil {
			d.Abort()
		}
		done <- err
	}()
	select {
	case <-waiting:
	case err := <-done:
		t.Fatalf("the second build did not wait for the first: %v", err)
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}

	// A cancelled wait gives up with the context's error.
	held, err := NewDir(context.Background(), dest, DirOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Abort()
	ctx, cancel := context.WithCancel(context.Background())
	_, err = NewDir(ctx, dest, DirOptions{Waiting: cancel})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled wait: %v", err)
	}
}

// TestRefusesForeignFolder: a folder with files no build wrote is refused
// and left untouched; an empty folder is fine.
func TestRefusesForeignFolder(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "notes")
	if err := os.MkdirAll(filepath.Join(dest, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	empty, err := NewDir(context.Background(), dest, DirOptions{})
	if err != nil {
		t.Fatalf("empty folder refused: %v", err)
	}
	empty.Abort()
	if err := os.WriteFile(filepath.Join(dest, "sub", "todo.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	var foreign *ForeignFilesError
	if _, err := NewDir(context.Background(), dest, DirOptions{}); !errors.As(err, &foreign) || foreign.Files[0] != "sub/todo.txt" {
		t.Fatalf("got %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dest, "sub", "todo.txt")); string(data) != "mine" {
		t.Error("the refused folder was changed")
	}
	d, err := NewDir(context.Background(), dest, DirOptions{Clean: true})
	if err != nil {
		t.Fatal(err)
	}
	d.Abort()

	// An output of a docgen from before the manifest: its _docgen/ folder
	// says whose it is.
	legacy := filepath.Join(t.TempDir(), "public")
	if err := os.MkdirAll(filepath.Join(legacy, "_docgen"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(legacy, "index.html"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if d, err := NewDir(context.Background(), legacy, DirOptions{}); err != nil {
		t.Errorf("an earlier docgen output was refused: %v", err)
	} else {
		d.Abort()
	}
}

var rootedURL = regexp.MustCompile(`(?:href|src|content)="(/[^"]*)"`)

// TestPathPrefix builds this repo's site to be served under /docs/: every
// rooted URL in every HTML page (outside code samples) starts with /docs/
// and, without it, names a file of the output.
func TestPathPrefix(t *testing.T) {
	out := &Memory{}
	res, err := Build(context.Background(), Options{Source: os.DirFS("../.."), Sink: out, BaseURL: "https://example.com/docs/"})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diags {
		if d.Level >= diag.Warning {
			t.Errorf("under a prefix: %s", d)
		}
	}
	checked := 0
	for _, name := range out.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		// Code samples may show tag source with href="/..." as text.
		html := codeBlock.ReplaceAll(out.Files[name], nil)
		for _, m := range rootedURL.FindAllStringSubmatch(string(html), -1) {
			u := m[1]
			if strings.HasPrefix(u, "//") {
				continue
			}
			rest, ok := strings.CutPrefix(u, "/docs/")
			if !ok {
				t.Errorf("%s: %q is not under /docs/", name, u)
				continue
			}
			target, _ := linkcheck.Resolve("/", "/"+rest)
			if _, ok := out.Files[linkcheck.FileName(target.Path)]; !ok {
				t.Errorf("%s: %q names no file of the output", name, u)
			}
			checked++
		}
	}
	if checked < 500 {
		t.Errorf("only %d URLs checked", checked)
	}
	page := string(out.Files["v1.9.x/deployment/security/azure/auth-code-flow/index.html"])
	for _, want := range []string{
		`<link rel="canonical" href="https://example.com/docs/latest/deployment/security/azure/auth-code-flow/">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if !strings.Contains(string(out.Files["sitemap.xml"]), "<loc>https://example.com/docs/latest/deployment/security/azure/auth-code-flow/</loc>") {
		t.Error("sitemap lacks the prefixed canonical URL")
	}
}

// TestRemoveTree removes a tree of folders, files and a link, as Commit
// removes the previous output, and leaves what the link points to.
func TestRemoveTree(t *testing.T) {
	tmp := t.TempDir()
	root := filepath.Join(tmp, "old")
	kept := filepath.Join(tmp, "kept")
	if err := os.MkdirAll(kept, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, p := range []string{"index.html", "a/index.html", "a/b/index.html", "a/b/c/d/index.html", "e/index.html", "e/f.css", "g/empty/"} {
		p = filepath.Join(root, filepath.FromSlash(p))
		if strings.HasSuffix(p, string(filepath.Separator)) {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.Repeat("x", i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(kept, filepath.Join(root, "a", "link")); err != nil {
		t.Logf("no link in the tree: %v", err) // Windows without the privilege
	}
	if err := removeTree(root); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(root); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s still there: %v", root, err)
	}
	if _, err := os.Stat(kept); err != nil {
		t.Errorf("the link's target was removed: %v", err)
	}
	if err := removeTree(filepath.Join(tmp, "missing")); err != nil {
		t.Errorf("a folder that is not there: %v", err)
	}
}
