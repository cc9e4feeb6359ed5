package site

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/docgen/docgen/internal/diag"
)

// TestReloadEqualsLoad edits a site at random, mostly the bodies and
// front matter of pages as an author saves them; after each edit, a
// Reload told what changed must give the site and the diagnostics a
// fresh Load gives. Most edits take the way of reloadEdited, which reads
// only the changed pages.
func TestReloadEqualsLoad(t *testing.T) {
	for _, edition := range []string{"", "collate"} {
		t.Run("edition="+edition, func(t *testing.T) {
			r := rand.New(rand.NewPCG(11, uint64(len(edition))))
			fsys := fstest.MapFS{
				"docgen.yaml":                  {Data: []byte("title: T\nversions: [v2.0.x, v1.0.x]\nvariables:\n  brand: Acme\n")},
				"content/partials/v2.0/p.md":   {Data: []byte("Partial.\n")},
				"static/images/a.png":          {Data: []byte("png")},
				"content/v2.0.x/index.md":      {Data: []byte("# Home\n")},
				"content/v1.0.x/index.md":      {Data: []byte("# Old home\n")},
				"content/v2.0.x/menu.md":       {Data: []byte("---\nsite_menu:\n  - category: Home\n    url: /\n---\n")},
				"content/v2.0.x/guide/page.md": {Data: []byte("# Page\n")},
			}
			pages := []string{"content/v2.0.x/index.md", "content/v2.0.x/guide/page.md"}
			for i := range 6 {
				p := fmt.Sprintf("content/v2.0.x/guide/p%d.md", i)
				fsys[p] = &fstest.MapFile{Data: []byte(randomPage(r))}
				pages = append(pages, p)
			}
			opts := Options{Edition: edition}
			prev, _, err := LoadWith(fsys, opts)
			if err != nil {
				t.Fatal(err)
			}
			fast := 0
			for step := range 200 {
				var changed []string
				switch k := r.IntN(10); {
				case k < 6: // a page saved
					p := pages[r.IntN(len(pages))]
					fsys[p] = &fstest.MapFile{Data: []byte(randomPage(r))}
					changed = []string{p}
				case k == 6: // the partial or the image saved
					p := []string{"content/partials/v2.0/p.md", "static/images/a.png"}[r.IntN(2)]
					fsys[p] = &fstest.MapFile{Data: []byte(fmt.Sprint(step))}
					changed = []string{p}
				case k == 7: // two pages saved at once
					a, b := pages[r.IntN(len(pages))], pages[r.IntN(len(pages))]
					fsys[a] = &fstest.MapFile{Data: []byte(randomPage(r))}
					fsys[b] = &fstest.MapFile{Data: []byte(randomPage(r))}
					changed = []string{a, b}
				case k == 8: // the menu saved
					fsys["content/v2.0.x/menu.md"] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\nsite_menu:\n  - category: Home %d\n    url: /\n---\n", step))}
					changed = []string{"content/v2.0.x/menu.md"}
				default: // a page added or removed
					p := fmt.Sprintf("content/v2.0.x/guide/new%d.md", r.IntN(3))
					if _, ok := fsys[p]; ok {
						delete(fsys, p)
						pages = slices.DeleteFunc(pages, func(q string) bool { return q == p })
					} else {
						fsys[p] = &fstest.MapFile{Data: []byte(randomPage(r))}
						pages = append(pages, p)
					}
					changed = []string{p}
				}
				got, gotDiags, err := ReloadWith(fsys, prev, changed, opts)
				if err != nil {
					t.Fatal(err)
				}
				if len(got.files) > 0 && len(prev.files) > 0 && &got.files[0] == &prev.files[0] {
					fast++
				}
				want, wantDiags, err := LoadWith(fsys, opts)
				if err != nil {
					t.Fatal(err)
				}
				if g, w := describeSite(got, gotDiags), describeSite(want, wantDiags); g != w {
					t.Fatalf("step %d (%v): reload differs from a load:\n got %s\nwant %s", step, changed, g, w)
				}
				prev = got
			}
			if fast == 0 {
				t.Error("no reload read only the changed pages")
			}
		})
	}
}

// randomPage is a page's text: front matter that may interpolate a
// variable (defined or not), give a slug (shared with another page or
// not), leave the page to the collate edition, or not parse.
func randomPage(r *rand.Rand) string {
	var b strings.Builder
	b.WriteString("---\n")
	switch r.IntN(4) {
	case 0:
		b.WriteString("title: \"{% $brand %} guide\"\n")
	case 1:
		b.WriteString("title: \"{% $nosuch %} guide\"\n")
	default:
		fmt.Fprintf(&b, "title: Guide %d\n", r.IntN(3))
	}
	if r.IntN(4) == 0 {
		fmt.Fprintf(&b, "slug: /guide/shared-%d\n", r.IntN(2))
	}
	if r.IntN(5) == 0 {
		b.WriteString("collate: true\n")
	}
	if r.IntN(8) == 0 {
		b.WriteString("weight: [not a number\n")
	}
	fmt.Fprintf(&b, "weight: %d\n---\n# Heading\n\nBody %d.\n", r.IntN(3), r.IntN(100))
	return b.String()
}

// describeSite prints what a build takes from a site, and its
// diagnostics sorted.
func describeSite(s *Site, diags diag.List) string {
	var b strings.Builder
	for _, p := range s.Pages {
		v := ""
		if p.Version != nil {
			v = p.Version.Name
		}
		fmt.Fprintf(&b, "page %s %s %s %q %q %s %+v\n", p.Path, p.URL, p.Slug, p.Title, p.Description, v, p.Front)
		if owner := s.PageByURL(p.URL); owner != nil {
			fmt.Fprintf(&b, "  url owner %s\n", owner.Path)
		}
	}
	for _, v := range s.Versions {
		fmt.Fprintf(&b, "version %s %v %v menu=%v\n", v.Name, v.IsDefault, v.Outdated, v.Menu != nil)
		if v.Home != nil {
			fmt.Fprintf(&b, "  home %s\n", v.Home.Path)
		}
		for _, p := range v.Pages {
			fmt.Fprintf(&b, "  %s\n", p.Path)
			if !slices.Contains(s.Pages, p) {
				b.WriteString("  (not one of the site's pages)\n")
			}
		}
	}
	for _, p := range s.others {
		fmt.Fprintf(&b, "elsewhere %s %s %v\n", p.Path, p.URL, s.OtherEdition(p.URL) != nil)
	}
	var lines []string
	for _, d := range diags {
		lines = append(lines, d.String())
	}
	slices.Sort(lines)
	b.WriteString(strings.Join(lines, "\n"))
	return b.String()
}
