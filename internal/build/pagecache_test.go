package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/docgen/docgen/internal/site"
)

// buildBoth builds fsys with the page cache in dir and without any cache,
// checks they wrote the same files and diagnostics, and returns the first.
func buildBoth(t *testing.T, step string, fsys fstest.MapFS, dir string, opts Options) *Result {
	t.Helper()
	ctx := context.Background()
	got, want := &Memory{}, &Memory{}
	opts.Source, opts.Sink, opts.CacheDir = fsys, got, dir
	res, err := Build(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	opts.Sink, opts.CacheDir = want, ""
	wantRes, err := Build(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := strings.Join(got.Names(), "\n"), strings.Join(want.Names(), "\n"); g != w {
		t.Fatalf("%s: files differ:\n got %s\nwant %s", step, g, w)
	}
	for _, n := range want.Names() {
		if !bytes.Equal(got.Files[n], want.Files[n]) {
			t.Fatalf("%s: %s differs from a build without the cache:\n got %s\nwant %s", step, n, got.Files[n], want.Files[n])
		}
	}
	if g, w := fmt.Sprint(res.Diags), fmt.Sprint(wantRes.Diags); g != w {
		t.Fatalf("%s: diagnostics differ:\n got %s\nwant %s", step, g, w)
	}
	if res.Partials != wantRes.Partials || res.Pages != wantRes.Pages || res.Files != wantRes.Files {
		t.Fatalf("%s: result %+v, without the cache %+v", step, res, wantRes)
	}
	if res.CacheErr != nil {
		t.Fatalf("%s: %v", step, res.CacheErr)
	}
	return res
}

// TestPageCacheEqualsColdBuild applies random edits to a generated site;
// after each, a build with the page cache must equal one without, byte for
// byte, diagnostics included, and a body edit must take every other page
// from the cache.
func TestPageCacheEqualsColdBuild(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(seed, 11))
			fsys := generatedSite(r)
			dir := t.TempDir()
			if res := buildBoth(t, "first build", fsys, dir, Options{}); res.Cached != 0 {
				t.Fatalf("first build: %d pages from an empty cache", res.Cached)
			}
			if res := buildBoth(t, "no change", fsys, dir, Options{}); res.Cached != res.Pages {
				t.Fatalf("no change: %d of %d pages from the cache", res.Cached, res.Pages)
			}
			cached := 0
			for step := range 20 {
				_, what := randomEdit(r, fsys)
				res := buildBoth(t, fmt.Sprintf("step %d (%s)", step, what), fsys, dir, Options{})
				if strings.HasPrefix(what, "edit content/") && res.Cached != res.Pages-1 {
					t.Fatalf("step %d (%s): %d of %d pages from the cache, want all but one", step, what, res.Cached, res.Pages)
				}
				cached += res.Cached
			}
			if cached == 0 {
				t.Fatal("no page ever came from the cache")
			}
		})
	}
}

// TestPageCacheKeys: what each change leaves in the cache.
func TestPageCacheKeys(t *testing.T) {
	fsys := fstest.MapFS{
		"docgen.yaml":                    {Data: []byte("title: Keys\nversions: [v1.0.x]\n")},
		"content/v1.0.x/index.md":        {Data: []byte("# Home\n")},
		"content/v1.0.x/a.md":            {Data: []byte("# A\n\n{% partial file=\"/v1.0/outer.md\" /%}\n")},
		"content/v1.0.x/b.md":            {Data: []byte("# B\n\n{% image src=\"/images/b.png\" alt=\"B\" /%}\n")},
		"content/v1.0.x/c.md":            {Data: []byte("# C\n\n{% partial file=\"/v1.0/later.md\" /%}\n")},
		"content/partials/v1.0/outer.md": {Data: []byte("{% partial file=\"/v1.0/inner.md\" /%}\n")},
		"content/partials/v1.0/inner.md": {Data: []byte("Inner {% $missing %}.\n")},
		"static/images/b.png":            {Data: pngOf(10, 20)},
	}
	dir := t.TempDir()
	buildBoth(t, "first build", fsys, dir, Options{})
	set := func(name, data string) func() {
		return func() { fsys[name] = &fstest.MapFile{Data: []byte(data)} }
	}
	steps := []struct {
		what   string
		change func()
		opts   Options
		want   int // pages from the cache, of 4
	}{
		{"nothing", func() {}, Options{}, 4},
		{"a page's body", set("content/v1.0.x/b.md", "# B\n\n{% image src=\"/images/b.png\" alt=\"B!\" /%}\n"), Options{}, 3},
		{"a partial two includes away", set("content/partials/v1.0/inner.md", "Changed {% $missing %}.\n"), Options{}, 3},
		{"a partial tried and missing appears", set("content/partials/v1.0/later.md", "Now here.\n"), Options{}, 3},
		{"an image's size", set("static/images/b.png", string(pngOf(30, 40))), Options{}, 3},
		{"an image's bytes, not its size", set("static/images/b.png", string(pngOf(30, 40))+"\x00"), Options{}, 4},
		{"a title (every sidebar shows it)", set("content/v1.0.x/c.md", "---\ntitle: Sea\n---\n# C\n\n{% partial file=\"/v1.0/later.md\" /%}\n"), Options{}, 0},
		{"the base URL", func() {}, Options{BaseURL: "https://example.com/docs/"}, 0},
		{"the base URL again", func() {}, Options{BaseURL: "https://example.com/docs/"}, 4},
		{"back to the first options, whose entries are kept apart", func() {}, Options{}, 4},
		{"the config", set("docgen.yaml", "title: Keys 2\nversions: [v1.0.x]\n"), Options{}, 0},
		{"a theme override", set("theme/icons/extra.svg", `<svg xmlns="http://www.w3.org/2000/svg"></svg>`), Options{}, 0},
		{"fragments (the body is the same)", func() {}, Options{Fragments: true}, 4},
	}
	for _, s := range steps {
		s.change()
		res := buildBoth(t, s.what, fsys, dir, s.opts)
		if res.Cached != s.want {
			t.Errorf("after changing %s: %d pages from the cache, want %d", s.what, res.Cached, s.want)
		}
	}
}

// TestPageCacheCode: entries written by other code are not used, and
// without an identity for the code the cache is not used at all.
func TestPageCacheCode(t *testing.T) {
	fsys := generatedSite(rand.New(rand.NewPCG(1, 1)))
	dir := t.TempDir()
	buildBoth(t, "first build", fsys, dir, Options{})
	defer func(f func() (string, error)) { codeIdentity = f }(codeIdentity)

	codeIdentity = func() (string, error) { return "other code", nil }
	if res := buildBoth(t, "other code", fsys, dir, Options{}); res.Cached != 0 {
		t.Errorf("other code took %d pages from the cache", res.Cached)
	}
	codeIdentity = func() (string, error) { return "", errors.New("no executable") }
	other := t.TempDir()
	for range 2 {
		if res := buildBoth(t, "unknown code", fsys, other, Options{}); res.Cached != 0 {
			t.Errorf("unknown code took %d pages from the cache", res.Cached)
		}
	}
	if entries, _ := filepath.Glob(filepath.Join(other, "pages", "*", "*")); len(entries) != 0 {
		t.Errorf("unknown code stored %d entries", len(entries))
	}
}

// TestPageCacheDamaged: damaged entries are rendered again, and the build
// is the same.
func TestPageCacheDamaged(t *testing.T) {
	fsys := generatedSite(rand.New(rand.NewPCG(2, 2)))
	dir := t.TempDir()
	first := buildBoth(t, "first build", fsys, dir, Options{})
	entries, err := filepath.Glob(filepath.Join(dir, "pages", "*", "*"))
	if err != nil || len(entries) != first.Pages {
		t.Fatalf("%d entries for %d pages (%v)", len(entries), first.Pages, err)
	}
	for i, e := range entries {
		data, err := os.ReadFile(e)
		if err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 {
			data = data[:len(data)/2]
		} else {
			data[len(data)/2] ^= 1
		}
		if err := os.WriteFile(e, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if res := buildBoth(t, "damaged", fsys, dir, Options{}); res.Cached != 0 {
		t.Errorf("%d damaged entries used", res.Cached)
	}
	if res := buildBoth(t, "repaired", fsys, dir, Options{}); res.Cached != res.Pages {
		t.Errorf("after rendering again, %d of %d pages from the cache", res.Cached, res.Pages)
	}
}

// FuzzPageCacheEntry: whatever an entry holds, decoding it gives an error
// or a page, never a panic, and what it decodes encodes back the same.
func FuzzPageCacheEntry(f *testing.F) {
	fsys := generatedSite(rand.New(rand.NewPCG(3, 3)))
	dir := f.TempDir()
	if _, err := Build(context.Background(), Options{Source: fsys, Sink: &Memory{}, CacheDir: dir}); err != nil {
		f.Fatal(err)
	}
	entries, _ := filepath.Glob(filepath.Join(dir, "pages", "*", "*"))
	for _, e := range entries {
		data, err := os.ReadFile(e)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data[len("DGPC1\n")+8+4:]) // the payload, after pagecache's header
	}
	st, _, err := site.LoadWith(fsys, site.Options{})
	if err != nil {
		f.Fatal(err)
	}
	b, err := newBuilder(st, Options{Source: fsys, Sink: &Memory{}})
	if err != nil {
		f.Fatal(err)
	}
	ps, err := newPageStore(b, dir)
	if err != nil || ps == nil {
		f.Fatal(err)
	}
	page := st.Pages[len(st.Pages)-1]
	key := ps.key(page)
	f.Fuzz(func(t *testing.T, data []byte) {
		// Entries carry their key; give every input the page's, so the
		// fuzzer gets past it.
		if len(data) >= len(key) {
			copy(data, key[:])
		}
		c, err := ps.decodeEntry(page, key, data)
		if err != nil {
			return
		}
		again, err := ps.encodeEntry(page, key, c.body, c.search)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ps.decodeEntry(page, key, again)
		if err != nil {
			t.Fatalf("an entry encoded from a decoded one does not decode: %v", err)
		}
		if !bytes.Equal(back.body.html, c.body.html) || fmt.Sprint(back.body.res.diags) != fmt.Sprint(c.body.res.diags) {
			t.Fatal("an entry does not read back the same")
		}
	})
}

// TestPageCacheUnwritable: a cache folder that cannot be written costs the
// build nothing but the cache; the result says so.
func TestPageCacheUnwritable(t *testing.T) {
	fsys := generatedSite(rand.New(rand.NewPCG(4, 4)))
	blocked := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocked, []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, want := &Memory{}, &Memory{}
	res, err := Build(context.Background(), Options{Source: fsys, Sink: got, CacheDir: blocked})
	if err != nil {
		t.Fatal(err)
	}
	if res.CacheErr == nil || res.Cached != 0 {
		t.Errorf("CacheErr %v, %d pages from the cache", res.CacheErr, res.Cached)
	}
	if _, err := Build(context.Background(), Options{Source: fsys, Sink: want}); err != nil {
		t.Fatal(err)
	}
	for _, n := range want.Names() {
		if !bytes.Equal(got.Files[n], want.Files[n]) {
			t.Errorf("%s differs from a build without the cache", n)
		}
	}
}

// TestSessionPageCache: a preview's first rebuild takes every page from
// the cache an earlier one filled, and the output is the same; an edit
// after it renders only the edited page, and the cache is not touched.
func TestSessionPageCache(t *testing.T) {
	ctx := context.Background()
	fsys := generatedSite(rand.New(rand.NewPCG(5, 5)))
	dir := t.TempDir()
	first := NewSession(fsys)
	first.CacheDir = dir
	want, err := first.Rebuild(ctx, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	if want.Cached != 0 || want.Rendered != want.Pages {
		t.Fatalf("first start: %d rendered, %d from the cache, of %d", want.Rendered, want.Cached, want.Pages)
	}
	wantFiles := map[string][]byte{}
	for n, d := range want.Files {
		wantFiles[n] = d
	}
	wantDiags := fmt.Sprint(want.Diags)

	second := NewSession(fsys)
	second.CacheDir = dir
	got, err := second.Rebuild(ctx, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	if got.Cached != got.Pages || got.Rendered != 0 {
		t.Fatalf("second start: %d rendered, %d from the cache, of %d", got.Rendered, got.Cached, got.Pages)
	}
	if len(got.Files) != len(wantFiles) {
		t.Fatalf("%d files, want %d", len(got.Files), len(wantFiles))
	}
	for n, d := range wantFiles {
		if !bytes.Equal(got.Files[n], d) {
			t.Errorf("%s differs when its page comes from the cache", n)
		}
	}
	if g := fmt.Sprint(got.Diags); g != wantDiags {
		t.Errorf("diagnostics differ:\n got %s\nwant %s", g, wantDiags)
	}

	entries := func() map[string]identity {
		names, _ := filepath.Glob(filepath.Join(dir, "pages", "*", "*"))
		ids := map[string]identity{}
		for _, n := range names {
			ids[n] = inode(t, n)
		}
		return ids
	}
	before := entries()
	edited := "content/v2.0.x/guide/page-3.md"
	fsys[edited] = &fstest.MapFile{Data: append(bytes.Clone(fsys[edited].Data), "\nMore.\n"...)}
	res, err := second.Rebuild(ctx, []string{edited}, false)
	if err != nil {
		t.Fatal(err)
	}
	if res.Rendered != 1 || res.Cached != 0 {
		t.Errorf("an edit rendered %d pages, took %d from the cache", res.Rendered, res.Cached)
	}
	after := entries()
	if len(after) != len(before) {
		t.Errorf("a rebuild after an edit changed the cache's entries from %d to %d", len(before), len(after))
	}
	for n, id := range before {
		if a, ok := after[n]; !ok || !a.same(id) {
			t.Errorf("a rebuild after an edit wrote %s", n)
		}
	}
}

// TestPageCacheTwoSites: two sites with the same page paths, built in turn
// with one cache, keep their entries apart.
func TestPageCacheTwoSites(t *testing.T) {
	cache := t.TempDir()
	var dirs []string
	for _, title := range []string{"One", "Two"} {
		dir := t.TempDir()
		for name, text := range map[string]string{
			"content/v1.0.x/index.md": "# " + title + "\n",
			"content/v1.0.x/a.md":     "# A of " + title + "\n",
		} {
			if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		dirs = append(dirs, dir)
	}
	for round := range 2 {
		for i, dir := range dirs {
			res, err := Build(context.Background(), Options{Source: os.DirFS(dir), SourceDir: dir, Sink: &Memory{}, CacheDir: cache})
			if err != nil {
				t.Fatal(err)
			}
			if want := round * res.Pages; res.Cached != want {
				t.Errorf("round %d, site %d: %d pages from the cache, want %d", round, i, res.Cached, want)
			}
		}
	}
}
