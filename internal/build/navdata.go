package build

import (
	"sync"

	"github.com/docgen/docgen/internal/site"
	"github.com/docgen/docgen/internal/theme"
)

// sidebars holds, per version, the sidebar entries rendered once: every
// page shows the whole tree, and only the entries on the path to the page
// differ from page to page (open, current). Rendering the tree for each
// page cost milliseconds a page on a 1,000-entry menu.
type sidebars struct {
	mu     sync.Mutex
	byNav  map[*site.Nav]map[*site.NavNode]*theme.NavNode
	failed bool // the theme could not render an entry: pages render them all
}

// base returns the version's entries converted for the theme, each with
// its HTML as it is off the current page's path.
// URLs are passed through prefixed, since the entries' HTML holds them.
func (sb *sidebars) base(th *theme.Theme, nav *site.Nav, prefixed func(string) string) map[*site.NavNode]*theme.NavNode {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	if m, ok := sb.byNav[nav]; ok {
		return m
	}
	if sb.byNav == nil {
		sb.byNav = map[*site.Nav]map[*site.NavNode]*theme.NavNode{}
	}
	m := map[*site.NavNode]*theme.NavNode{}
	var conv func([]*site.NavNode) []*theme.NavNode
	conv = func(nodes []*site.NavNode) []*theme.NavNode {
		var out []*theme.NavNode
		for _, n := range nodes {
			t := &theme.NavNode{Title: n.Title, URL: prefixed(n.URL()), Children: conv(n.Children)}
			if !sb.failed {
				// Children first, so an entry's HTML is made of theirs.
				html, err := th.RenderNavItem(t)
				if err != nil {
					// The page's own render reports the error.
					sb.failed = true
				}
				t.HTML = html
			}
			m[n] = t
			out = append(out, t)
		}
		return out
	}
	conv(nav.Roots)
	if sb.failed {
		for _, t := range m {
			t.HTML = ""
		}
	}
	sb.byNav[nav] = m
	return m
}

// themeNav returns the sidebar for page p: the version's entries as
// rendered once, except those on the path to p's own entry, which are
// copied, open, with Current set on its own, and no HTML.
func (b *builder) themeNav(nav *site.Nav, p *site.Page) []*theme.NavNode {
	base := b.sidebars.base(b.theme, nav, b.prefixed)
	own := nav.Node(p)
	onPath := map[*site.NavNode]bool{}
	if own != nil {
		onPath[own] = true
		for _, a := range nav.Ancestors(p) {
			onPath[a] = true
		}
	}
	var conv func([]*site.NavNode) []*theme.NavNode
	conv = func(nodes []*site.NavNode) []*theme.NavNode {
		out := make([]*theme.NavNode, 0, len(nodes))
		for _, n := range nodes {
			t := base[n]
			if onPath[n] {
				c := *t
				c.HTML = ""
				c.Current = n == own
				// The page's own section opens too: its reader is likely
				// to go on to its children.
				c.Open = true
				c.Children = conv(n.Children)
				t = &c
			}
			out = append(out, t)
		}
		return out
	}
	return conv(nav.Roots)
}
