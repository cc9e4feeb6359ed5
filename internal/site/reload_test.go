package site

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestReloadFileList: a reload told what changed keeps the same list of
// files, in the same order, as a fresh load that walks the folder, through
// random additions, removals and removals of whole folders.
func TestReloadFileList(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 9))
	names := []string{
		"content/v1.0.x/a.md", "content/v1.0.x/a/b.md", "content/v1.0.x/a/c.md", "content/v1.0.x/a.b.md",
		"content/v1.0.x/a-b/x.md", "content/v1.0.x/menu.md", "content/partials/v1.0/p.md", "partials/v1.0/q.md",
		"static/images/x.png", "static/a/b/c.txt", "content/.hidden/z.md", "content/v1.0.x/.draft/y.md",
	}
	fsys := fstest.MapFS{"docgen.yaml": {Data: []byte("title: T\n")}}
	prev, _, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for step := range 300 {
		var changed []string
		switch n := names[r.IntN(len(names))]; r.IntN(3) {
		case 0:
			fsys[n] = &fstest.MapFile{Data: []byte(fmt.Sprintf("# %d\n", step))}
			changed = []string{n}
		case 1:
			delete(fsys, n)
			changed = []string{n}
		case 2: // remove the folder holding n
			dir := n[:strings.LastIndex(n, "/")]
			for k := range fsys {
				if strings.HasPrefix(k, dir+"/") {
					delete(fsys, k)
				}
			}
			changed = []string{dir}
		}
		got, _, err := Reload(fsys, prev, changed)
		if err != nil {
			t.Fatal(err)
		}
		want, _, err := Load(fsys)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.files, want.files) {
			t.Fatalf("step %d (%v): files\n got %v\nwant %v", step, changed, got.files, want.files)
		}
		if len(got.Pages) != len(want.Pages) {
			t.Fatalf("step %d: %d pages, want %d", step, len(got.Pages), len(want.Pages))
		}
		prev = got
	}
}

func TestWalkOrder(t *testing.T) {
	in := []string{"a.md", "a/b.md", "a-b/c.md", "a/a/z.md", "b.md", "a.b/x"}
	slices.SortFunc(in, walkOrder)
	if want := "a/a/z.md a/b.md a-b/c.md a.b/x a.md b.md"; strings.Join(in, " ") != want {
		t.Errorf("got %v, want %s", in, want)
	}
}
