package build

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"
)

// identity tells files apart, and a file from itself written again.
type identity struct {
	info os.FileInfo
	time time.Time
}

func inode(t *testing.T, p string) identity {
	t.Helper()
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return identity{info, info.ModTime()}
}

func (a identity) same(b identity) bool { return os.SameFile(a.info, b.info) && a.time.Equal(b.time) }

func sameTree(t *testing.T, step, got, want string) {
	t.Helper()
	g, w := readTree(t, got), readTree(t, want)
	for name, data := range w {
		if !bytes.Equal(g[name], data) {
			t.Errorf("%s: %s differs from a build into a new folder", step, name)
		}
	}
	for name := range g {
		if _, ok := w[name]; !ok {
			t.Errorf("%s: %s is left over", step, name)
		}
	}
}

// TestReuseSpare builds a site again and again into one folder with
// DirOptions.Reuse, through edits, an added and a removed page: after each
// build the folder must equal a build into a new folder, file for file;
// a file the same in every build must be the very file the build before
// the last wrote; and
// a removed page's folder must be gone.
func TestReuseSpare(t *testing.T) {
	fsys := fstest.MapFS{
		"docgen.yaml":                {Data: []byte("title: Spare\nversions: [v1.0.x]\n")},
		"content/v1.0.x/index.md":    {Data: []byte("# Home\n")},
		"content/v1.0.x/a.md":        {Data: []byte("# A\n\nOne.\n")},
		"content/v1.0.x/deep/b.md":   {Data: []byte("# B\n")},
		"content/v1.0.x/deep/c/d.md": {Data: []byte("# D\n")},
	}
	tmp := t.TempDir()
	dest := filepath.Join(tmp, "public")
	spare := filepath.Join(tmp, ".public.docgen", "spare")
	reuse := DirOptions{Reuse: true}
	steps := []struct {
		what   string
		change func()
	}{
		{"first build", func() {}},
		{"second build (no spare yet)", func() {}},
		{"a page edited", func() { fsys["content/v1.0.x/a.md"] = &fstest.MapFile{Data: []byte("# A\n\nTwo.\n")} }},
		{"a page added", func() { fsys["content/v1.0.x/e.md"] = &fstest.MapFile{Data: []byte("# E\n")} }},
		{"a page removed", func() { delete(fsys, "content/v1.0.x/deep/c/d.md") }},
		{"nothing", func() {}},
	}
	var inodes []identity
	for i, s := range steps {
		s.change()
		if _, err := buildInto(t, fsys, dest, reuse); err != nil {
			t.Fatal(err)
		}
		want := filepath.Join(tmp, fmt.Sprint("want", i))
		if _, err := buildInto(t, fsys, want, DirOptions{}); err != nil {
			t.Fatal(err)
		}
		sameTree(t, s.what, dest, want)
		// A theme script is the same in every build.
		scripts, _ := filepath.Glob(filepath.Join(dest, "_docgen", "docgen.*.js"))
		if len(scripts) != 1 {
			t.Fatalf("%s: scripts %v", s.what, scripts)
		}
		// The folder two builds back is where this one started.
		inodes = append(inodes, inode(t, scripts[0]))
		if i >= 2 && !inodes[i].same(inodes[i-2]) {
			t.Errorf("%s: a file the same in every build was written again", s.what)
		}
		if i >= 1 {
			if _, err := os.Stat(filepath.Join(spare, ManifestName)); err != nil {
				t.Errorf("%s: no spare with its manifest: %v", s.what, err)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "v1.0.x/deep/c")); !os.IsNotExist(err) {
		t.Errorf("the removed page's folder is still there (%v)", err)
	}

	// Without Reuse, the spare goes.
	if _, err := buildInto(t, fsys, dest, DirOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(spare); !os.IsNotExist(err) {
		t.Errorf("a build without Reuse left the spare (%v)", err)
	}
}

// TestReuseSpareDamaged: a spare that lost its manifest (a build stopped
// half way) is not trusted; a link planted in it is replaced, not written
// through; an aborted build removes the spare and leaves the output.
func TestReuseSpareDamaged(t *testing.T) {
	fsys := fstest.MapFS{
		"docgen.yaml":             {Data: []byte("title: Spare\nversions: [v1.0.x]\n")},
		"content/v1.0.x/index.md": {Data: []byte("# Home\n")},
		"content/v1.0.x/a.md":     {Data: []byte("# A\n")},
	}
	tmp := t.TempDir()
	dest := filepath.Join(tmp, "public")
	spare := filepath.Join(tmp, ".public.docgen", "spare")
	want := filepath.Join(tmp, "want")
	if _, err := buildInto(t, fsys, want, DirOptions{}); err != nil {
		t.Fatal(err)
	}
	build := func(step string) {
		t.Helper()
		if _, err := buildInto(t, fsys, dest, DirOptions{Reuse: true}); err != nil {
			t.Fatal(err)
		}
		sameTree(t, step, dest, want)
	}
	build("first")
	build("second")

	// No manifest: the spare's files are not reused.
	if err := os.Remove(filepath.Join(spare, ManifestName)); err != nil {
		t.Fatal(err)
	}
	a := filepath.Join(spare, "v1.0.x/a/index.html")
	old := inode(t, a)
	build("spare without manifest")
	if inode(t, filepath.Join(dest, "v1.0.x/a/index.html")).same(old) {
		t.Error("a file of a spare without manifest was reused")
	}

	// A link in place of a page: replaced, and its target left alone.
	build("again, for a spare")
	target := filepath.Join(tmp, "elsewhere.html")
	if err := os.WriteFile(target, []byte("not yours"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(a); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, a); err != nil {
		t.Fatal(err)
	}
	build("link in the spare")
	if data, _ := os.ReadFile(target); string(data) != "not yours" {
		t.Errorf("the build wrote through a link: %q", data)
	}
	if info, err := os.Lstat(filepath.Join(dest, "v1.0.x/a/index.html")); err != nil || !info.Mode().IsRegular() {
		t.Errorf("the link is still in the output (%v)", err)
	}

	// Aborted: the spare, half changed, goes; the output stays.
	d, err := NewDir(context.Background(), dest, DirOptions{Reuse: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("v1.0.x/a/index.html", []byte("half")); err != nil {
		t.Fatal(err)
	}
	d.Abort()
	if _, err := os.Stat(spare); !os.IsNotExist(err) {
		t.Errorf("an aborted build left its spare (%v)", err)
	}
	sameTree(t, "after an abort", dest, want)
}

// TestReuseSpareClean: an output replaced with Clean (its files not all a
// build's) is not kept, so a file someone put there does not come back.
func TestReuseSpareClean(t *testing.T) {
	fsys := fstest.MapFS{"content/v1.0.x/index.md": {Data: []byte("# Home\n")}}
	tmp := t.TempDir()
	dest := filepath.Join(tmp, "public")
	reuse := DirOptions{Reuse: true}
	for range 2 {
		if _, err := buildInto(t, fsys, dest, reuse); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dest, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := buildInto(t, fsys, dest, DirOptions{Reuse: true, Clean: true}); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := buildInto(t, fsys, dest, reuse); err != nil {
			t.Fatalf("a build after --clean-dest: %v", err)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "notes.txt")); !os.IsNotExist(err) {
		t.Errorf("the file replaced by a clean build came back (%v)", err)
	}
}

// TestReuseSpareShapeChanges: an earlier build's file where this build
// needs a folder (a static file that became a page of the same name), and
// the other way round, are cleared from the spare, not a failed build.
func TestReuseSpareShapeChanges(t *testing.T) {
	asFile := func(fsys fstest.MapFS) {
		delete(fsys, "content/v1.0.x/guide.md")
		fsys["static/v1.0.x/guide"] = &fstest.MapFile{Data: []byte("a file named guide")}
	}
	asPage := func(fsys fstest.MapFS) {
		delete(fsys, "static/v1.0.x/guide")
		fsys["content/v1.0.x/guide.md"] = &fstest.MapFile{Data: []byte("# Guide\n")}
	}
	for _, order := range []struct {
		name   string
		first  func(fstest.MapFS)
		second func(fstest.MapFS)
	}{
		{"file, then folder", asFile, asPage},
		{"folder, then file", asPage, asFile},
	} {
		t.Run(order.name, func(t *testing.T) {
			fsys := fstest.MapFS{"content/v1.0.x/index.md": {Data: []byte("# Home\n")}}
			tmp := t.TempDir()
			dest := filepath.Join(tmp, "public")
			order.first(fsys)
			// Two builds, so the second shape meets the first in the spare.
			for range 2 {
				if _, err := buildInto(t, fsys, dest, DirOptions{Reuse: true}); err != nil {
					t.Fatal(err)
				}
			}
			order.second(fsys)
			if _, err := buildInto(t, fsys, dest, DirOptions{Reuse: true}); err != nil {
				t.Fatalf("the build after the change: %v", err)
			}
			want := filepath.Join(tmp, "want")
			if _, err := buildInto(t, fsys, want, DirOptions{}); err != nil {
				t.Fatal(err)
			}
			sameTree(t, order.name, dest, want)
		})
	}
}

// TestReuseSpareRandomEdits: through random edits of a generated site
// (pages added, removed, retitled, menus, partials, images, config), each
// build into a folder that starts from its spare equals a build into a new
// folder, file for file.
func TestReuseSpareRandomEdits(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(seed, 13))
			fsys := generatedSite(r)
			tmp := t.TempDir()
			dest := filepath.Join(tmp, "public")
			for step := range 15 {
				_, what := randomEdit(r, fsys)
				if _, err := buildInto(t, fsys, dest, DirOptions{Reuse: true}); err != nil {
					t.Fatalf("step %d (%s): %v", step, what, err)
				}
				want := filepath.Join(tmp, fmt.Sprint("want", step))
				if _, err := buildInto(t, fsys, want, DirOptions{}); err != nil {
					t.Fatal(err)
				}
				sameTree(t, fmt.Sprintf("step %d (%s)", step, what), dest, want)
				if err := os.RemoveAll(want); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
