package build

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
)

// TestSessionEqualsFullBuild applies random sequences of edits to a
// generated site; after each, the session's incremental rebuild must equal
// a fresh full build byte for byte, diagnostics included.
func TestSessionEqualsFullBuild(t *testing.T) {
	for seed := uint64(1); seed <= 6; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			r := rand.New(rand.NewPCG(seed, 7))
			fsys := generatedSite(r)
			sess := NewSession(fsys)
			ctx := context.Background()
			first, err := sess.Rebuild(ctx, nil, true)
			if err != nil {
				t.Fatal(err)
			}
			before := maps.Clone(first.Files)
			incremental := 0
			for step := 0; step < 25; step++ {
				changed, what := randomEdit(r, fsys)
				got, err := sess.Rebuild(ctx, changed, false)
				if err != nil {
					t.Fatal(err)
				}
				want := &Memory{}
				wantRes, err := Build(ctx, Options{Source: fsys, Sink: want})
				if err != nil {
					t.Fatal(err)
				}
				name := fmt.Sprintf("step %d (%s)", step, what)
				compare(t, name, got, want, wantRes)
				compareChanges(t, name, before, got)
				before = maps.Clone(got.Files)
				if got.Changes != nil {
					incremental++
				}
			}
			if incremental == 0 {
				t.Error("no rebuild reported its changes: the incremental output went untested")
			}
		})
	}
}

func compare(t *testing.T, step string, got *Rebuilt, want *Memory, wantRes *Result) {
	t.Helper()
	var gotNames []string
	for n := range got.Files {
		gotNames = append(gotNames, n)
	}
	sort.Strings(gotNames)
	if strings.Join(gotNames, "\n") != strings.Join(want.Names(), "\n") {
		t.Fatalf("%s: files differ:\n got %v\nwant %v", step, gotNames, want.Names())
	}
	for _, n := range gotNames {
		if !bytes.Equal(got.Files[n], want.Files[n]) {
			t.Fatalf("%s: %s differs from a full build", step, n)
		}
	}
	if g, w := fmt.Sprint(got.Diags), fmt.Sprint(wantRes.Diags); g != w {
		t.Fatalf("%s: diagnostics differ:\n got %s\nwant %s", step, g, w)
	}
}

// compareChanges checks that a rebuild's Changes name every file that
// differs from the rebuild before.
func compareChanges(t *testing.T, step string, before map[string][]byte, got *Rebuilt) {
	t.Helper()
	if got.Changes == nil {
		return // everything may have changed
	}
	listed := map[string]bool{}
	for _, n := range got.Changes {
		listed[n] = true
	}
	for n, data := range got.Files {
		if old, ok := before[n]; !listed[n] && (!ok || !bytes.Equal(old, data)) {
			t.Fatalf("%s: %s changed but is not in Changes", step, n)
		}
	}
	for n := range before {
		if _, ok := got.Files[n]; !ok && !listed[n] {
			t.Fatalf("%s: %s was removed but is not in Changes", step, n)
		}
	}
}

func generatedSite(r *rand.Rand) fstest.MapFS {
	fsys := fstest.MapFS{
		"docgen.yaml":                     {Data: []byte(genConfig(0))},
		"content/partials/v2.0/shared.md": {Data: []byte("Shared text.\n\n{% partial file=\"/v2.0/inner.md\" /%}\n")},
		"content/partials/v2.0/inner.md":  {Data: []byte("Inner text.\n")},
		"content/partials/v1.0/old.md":    {Data: []byte("Old partial.\n")},
		"static/images/a.png":             {Data: pngOf(10, 20)},
		"content/v2.0.x/index.md":         {Data: []byte("# Home\n")},
		"content/v1.0.x/index.md":         {Data: []byte("# Old home\n")},
		"content/v1.0.x/guide/page-0.md":  {Data: []byte("# Old page\n")},
	}
	for i := 0; i < 8; i++ {
		fsys[fmt.Sprintf("content/v2.0.x/guide/page-%d.md", i)] = &fstest.MapFile{Data: []byte(pageText(r, i))}
	}
	return fsys
}

// genConfig is the generated site's config. Missing anchors are
// warnings, which past ten in a file are summed up.
func genConfig(n int) string {
	return fmt.Sprintf("title: Gen %d\nversions: [v2.0.x, v1.0.x]\nchecks:\n  levels:\n    anchor-missing: warning\n", n)
}

func pageText(r *rand.Rand, i int) string {
	var b strings.Builder
	noindex := r.IntN(5) == 0
	fmt.Fprintf(&b, "---\ntitle: Page %d %d\nweight: %d\nnoindex: %v\n---\n# Page %d\n\nBody %d.\n\n", i, r.IntN(3), r.IntN(4), noindex, i, r.IntN(1000))
	if r.IntN(2) == 0 {
		fmt.Fprintf(&b, "## Part %d\n\nSearchable %d.\n\n", r.IntN(3), r.IntN(1000))
	}
	if r.IntN(2) == 0 {
		b.WriteString("{% partial file=\"/v2.0/shared.md\" /%}\n\n")
	}
	if r.IntN(3) == 0 {
		b.WriteString("{% partial file=\"/v2.0/old.md\" /%}\n\n")
	}
	if r.IntN(3) == 0 {
		b.WriteString("{% image src=\"/images/a.png\" alt=\"A\" /%}\n\n")
	}
	if r.IntN(4) == 0 {
		b.WriteString("{% partial file=\"/v2.0/missing.md\" /%}\n\n")
	}
	// Missing anchors: some pages have more than the ten a file shows.
	if r.IntN(3) == 0 {
		for k := range 6 + r.IntN(10) {
			fmt.Fprintf(&b, "[gone](#gone-%d) ", k)
		}
		b.WriteString("\n\n")
	}
	// Unknown tags: folded into one diagnostic per tag over the site,
	// whose first use names the count.
	for range r.IntN(3) {
		b.WriteString("{% nosuch /%}\n\n")
	}
	fmt.Fprintf(&b, "See [page 1](/guide/page-1) and [missing](/guide/nope).\n")
	// Anchors into other pages whose headings edits change: the link
	// checks a rebuild keeps must be the ones still true.
	fmt.Fprintf(&b, "\n## Section %d\n\nSee [a section](/guide/page-%d#section-%d) and [this one](#section-%d).\n", r.IntN(3), r.IntN(8), r.IntN(3), r.IntN(3))
	return b.String()
}

// randomEdit changes the site the way an author might and returns the
// paths a watcher would report.
func randomEdit(r *rand.Rand, fsys fstest.MapFS) ([]string, string) {
	pages := []string{}
	for n := range fsys {
		if strings.HasPrefix(n, "content/v2.0.x/guide/") {
			pages = append(pages, n)
		}
	}
	sort.Strings(pages)
	switch r.IntN(12) {
	case 11: // override the theme's stylesheet, or drop the override
		p := "theme/static/docgen.css"
		if _, ok := fsys[p]; ok && r.IntN(2) == 0 {
			delete(fsys, p)
			return []string{p}, "drop theme override"
		}
		fsys[p] = &fstest.MapFile{Data: []byte(fmt.Sprintf("body { margin: %dpx }\n", r.IntN(100)))}
		return []string{p}, "override theme"
	case 10: // rename a page's section heading, keeping its title: only its ids change
		p := pages[r.IntN(len(pages))]
		text := regexp.MustCompile(`## Section \d`).ReplaceAllString(string(fsys[p].Data), fmt.Sprintf("## Section %d", r.IntN(3)))
		fsys[p] = &fstest.MapFile{Data: []byte(text)}
		return []string{p}, "rename section in " + p
	case 0: // edit a page body
		p := pages[r.IntN(len(pages))]
		fsys[p] = &fstest.MapFile{Data: append(append([]byte(nil), fsys[p].Data...), []byte(fmt.Sprintf("\nMore %d.\n", r.IntN(1000)))...)}
		return []string{p}, "edit " + p
	case 1: // rewrite a page, title included
		p := pages[r.IntN(len(pages))]
		fsys[p] = &fstest.MapFile{Data: []byte(pageText(r, r.IntN(20)))}
		return []string{p}, "rewrite " + p
	case 2: // add a page
		p := fmt.Sprintf("content/v2.0.x/guide/new-%d.md", r.IntN(1000))
		fsys[p] = &fstest.MapFile{Data: []byte(pageText(r, r.IntN(20)))}
		return []string{p}, "add " + p
	case 3: // delete a page
		if len(pages) < 3 {
			return nil, "nothing"
		}
		p := pages[r.IntN(len(pages))]
		delete(fsys, p)
		return []string{p}, "delete " + p
	case 4: // edit the nested partial
		p := "content/partials/v2.0/inner.md"
		text := fmt.Sprintf("Inner %d.\n", r.IntN(1000))
		if r.IntN(2) == 0 {
			text += "\n{% nosuch /%}\n" // once for each page that includes it
		}
		fsys[p] = &fstest.MapFile{Data: []byte(text)}
		return []string{p}, "edit partial"
	case 5: // create or remove the missing partial
		p := "content/partials/v2.0/missing.md"
		if _, ok := fsys[p]; ok {
			delete(fsys, p)
			return []string{p}, "remove partial"
		}
		fsys[p] = &fstest.MapFile{Data: []byte("Now it exists.\n")}
		return []string{p}, "create partial"
	case 6: // replace the image with another size
		p := "static/images/a.png"
		fsys[p] = &fstest.MapFile{Data: pngOf(1+r.IntN(50), 1+r.IntN(50))}
		return []string{p}, "replace image"
	case 7: // edit the config
		fsys["docgen.yaml"] = &fstest.MapFile{Data: []byte(genConfig(r.IntN(100)))}
		return []string{"docgen.yaml"}, "edit config"
	case 8: // write a menu listing some pages (one twice, one missing, one into a fragment), or remove it
		p := "content/v2.0.x/menu.md"
		if _, ok := fsys[p]; ok && r.IntN(3) == 0 {
			delete(fsys, p)
			return []string{p}, "remove menu"
		}
		var m strings.Builder
		m.WriteString("---\nsite_menu:\n  - category: Home\n    url: /\n")
		for i, n := range pages {
			if r.IntN(3) == 0 {
				continue // left out: placed under its folder
			}
			slug := strings.TrimSuffix(strings.TrimPrefix(n, "content/v2.0.x"), ".md")
			fmt.Fprintf(&m, "  - category: Guide %d / Page %d\n    url: %s\n", r.IntN(2), i, slug)
			if r.IntN(4) == 0 {
				fmt.Fprintf(&m, "  - category: guide %d/page %d / Part\n    url: %s#part\n", r.IntN(2), i, slug)
			}
		}
		m.WriteString("  - category: Guide 0 / Gone\n    url: /guide/gone\n---\n")
		fsys[p] = &fstest.MapFile{Data: []byte(m.String())}
		return []string{p}, "write menu"
	default: // add a partial version that makes old.md found in 2.0's fallback chain
		p := "content/partials/v1.5/old.md"
		fsys[p] = &fstest.MapFile{Data: []byte(fmt.Sprintf("v1.5 partial %d.\n", r.IntN(100)))}
		return []string{p}, "add partial version"
	}
}

// TestSessionRendersOnlyWhatChanged: a body edit renders one page; a
// partial edit renders the pages that include it at any depth; a title
// edit renders every page (they all show it in the sidebar).
func TestSessionRendersOnlyWhatChanged(t *testing.T) {
	fsys := fstest.MapFS{
		"content/v1.0.x/a.md":            {Data: []byte("# A\n\n{% partial file=\"/v1.0/outer.md\" /%}\n")},
		"content/v1.0.x/b.md":            {Data: []byte("# B\n")},
		"content/v1.0.x/c.md":            {Data: []byte("# C\n")},
		"content/partials/v1.0/outer.md": {Data: []byte("{% partial file=\"/v1.0/inner.md\" /%}\n")},
		"content/partials/v1.0/inner.md": {Data: []byte("Inner.\n")},
	}
	sess := NewSession(fsys)
	ctx := context.Background()
	first, err := sess.Rebuild(ctx, nil, true)
	if err != nil || first.Rendered != 3 {
		t.Fatalf("first rebuild rendered %d: %v", first.Rendered, err)
	}
	steps := []struct {
		file, data string
		want       int
	}{
		{"content/v1.0.x/b.md", "# B\n\nMore.\n", 1},
		{"content/partials/v1.0/inner.md", "Changed.\n", 1},
		{"content/v1.0.x/c.md", "---\ntitle: New title\n---\n# C\n", 3},
	}
	for _, s := range steps {
		fsys[s.file] = &fstest.MapFile{Data: []byte(s.data)}
		got, err := sess.Rebuild(ctx, []string{s.file}, false)
		if err != nil {
			t.Fatal(err)
		}
		if got.Rendered != s.want {
			t.Errorf("editing %s rendered %d pages, want %d", s.file, got.Rendered, s.want)
		}
	}
	if got := string(mustFile(t, fsys, sess, "v1.0.x/a/index.html")); !strings.Contains(got, "Changed.") {
		t.Error("the page two includes away from the edited partial was not updated")
	}
}

func mustFile(t *testing.T, fsys fstest.MapFS, sess *Session, name string) []byte {
	t.Helper()
	got, err := sess.Rebuild(context.Background(), nil, false)
	if err != nil {
		t.Fatal(err)
	}
	return got.Files[name]
}

// TestSessionAfterFailedRebuild: a rebuild that fails (here, cancelled)
// leaves no half-updated state behind; the next one, told of no change,
// still builds the edit.
func TestSessionAfterFailedRebuild(t *testing.T) {
	fsys := fstest.MapFS{
		"content/v1.0.x/a.md": {Data: []byte("# A\n")},
		"content/v1.0.x/b.md": {Data: []byte("# B\n")},
	}
	sess := NewSession(fsys)
	if _, err := sess.Rebuild(context.Background(), nil, true); err != nil {
		t.Fatal(err)
	}
	fsys["content/v1.0.x/a.md"] = &fstest.MapFile{Data: []byte("# A\n\nEdited.\n")}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := sess.Rebuild(cancelled, []string{"content/v1.0.x/a.md"}, false); err == nil {
		t.Fatal("a cancelled rebuild succeeded")
	}
	got, err := sess.Rebuild(context.Background(), nil, false)
	if err != nil {
		t.Fatal(err)
	}
	want := &Memory{}
	wantRes, err := Build(context.Background(), Options{Source: fsys, Sink: want})
	if err != nil {
		t.Fatal(err)
	}
	compare(t, "after a failed rebuild", got, want, wantRes)
}
