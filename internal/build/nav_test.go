package build

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/docgen/docgen/internal/markdown"
	"github.com/docgen/docgen/internal/site"
	"github.com/docgen/docgen/internal/theme"
)

// menuSite is a site of pages pages in sections of 10 by 10, all listed in
// a menu.md, as large docs sites are.
func menuSite(pages int) fstest.MapFS {
	fsys := fstest.MapFS{
		"docgen.yaml":             {Data: []byte("title: Menu\nversions: [v1.0.x]\n")},
		"content/v1.0.x/index.md": {Data: []byte("# Home\n")},
	}
	var menu strings.Builder
	menu.WriteString("---\nsite_menu:\n")
	for i := 0; i < pages; i++ {
		a, b, c := i/100, i/10%10, i%10
		slug := fmt.Sprintf("/s%d/t%d/p%d", a, b, c)
		fsys["content/v1.0.x"+slug+".md"] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: Page %d\n---\n# Page %d\n\nSome text.\n", i, i))}
		fmt.Fprintf(&menu, "  - category: Section %d / Topic %d / Page %d\n    url: %s\n", a, b, c, slug)
	}
	menu.WriteString("---\n")
	fsys["content/v1.0.x/menu.md"] = &fstest.MapFile{Data: []byte(menu.String())}
	return fsys
}

// BenchmarkBuildMenu builds a site of 1,000 pages whose menu lists them
// all: the sidebar of every page holds every entry, so this measures what
// navigation costs a large site. Reported per page.
func BenchmarkBuildMenu(b *testing.B) {
	const pages = 1000
	fsys := menuSite(pages)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(context.Background(), Options{Source: fsys, Sink: Discard{}}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*pages), "µs/page")
}

// TestSidebarReuse checks that the sidebar made of entries rendered once
// per version is, on every page, the sidebar rendered whole.
func TestSidebarReuse(t *testing.T) {
	fsys := menuSite(250)
	fsys["content/v1.0.x/s1/unlisted.md"] = &fstest.MapFile{Data: []byte("# Unlisted\n")}
	fsys["content/v1.0.x/s1/t2/p3/deeper.md"] = &fstest.MapFile{Data: []byte("# Deeper\n")}
	s, _, err := site.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	b, err := newBuilder(s, Options{Source: fsys, Sink: Discard{}})
	if err != nil {
		t.Fatal(err)
	}
	v := s.Versions[0]
	nav, _ := s.Nav(v)
	b.navs[v] = nav
	// whole converts the tree for page p from scratch, every entry
	// rendered on the page.
	whole := func(p *site.Page) []*theme.NavNode {
		open := map[*site.NavNode]bool{nav.Node(p): true}
		for _, a := range nav.Ancestors(p) {
			open[a] = true
		}
		var conv func([]*site.NavNode) []*theme.NavNode
		conv = func(nodes []*site.NavNode) []*theme.NavNode {
			var out []*theme.NavNode
			for _, n := range nodes {
				out = append(out, &theme.NavNode{Title: n.Title, URL: n.URL(), Current: n == nav.Node(p), Open: open[n], Children: conv(n.Children)})
			}
			return out
		}
		return conv(nav.Roots)
	}
	for _, p := range v.Pages {
		d := b.pageData(p, "", &markdown.Headings{})
		var reused, all bytes.Buffer
		if err := b.theme.RenderPage(&reused, d); err != nil {
			t.Fatal(err)
		}
		d.Nav = whole(p)
		if err := b.theme.RenderPage(&all, d); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(reused.Bytes(), all.Bytes()) {
			t.Fatalf("%s: the sidebar of reused entries differs from the one rendered whole", p.URL)
		}
		if p.Slug != "/" && !strings.Contains(reused.String(), `href="`+p.URL+`" aria-current="page"`) {
			t.Errorf("%s: not current in its sidebar", p.URL)
		}
	}
}

// TestSidebarPrefix builds a menu site under a path prefix: every sidebar
// link carries the prefix once, on every page, though the entries are
// shared between pages.
func TestSidebarPrefix(t *testing.T) {
	out := &Memory{}
	if _, err := Build(context.Background(), Options{Source: menuSite(30), Sink: out, PathPrefix: "/docs"}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"v1.0.x/s0/t0/p1/index.html", "v1.0.x/s0/t2/p9/index.html", "latest/s0/t1/p0/index.html"} {
		page := string(out.Files[name])
		for _, want := range []string{`href="/docs/v1.0.x/s0/t0/p0/"`, `href="/docs/v1.0.x/s0/t2/p9/"`} {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %s", name, want)
			}
		}
		if strings.Contains(page, "/docs/docs/") || strings.Contains(page, `class="dg-nav__link" href="/v1.0.x/`) {
			t.Errorf("%s has a sidebar link prefixed twice or not at all", name)
		}
	}
}
