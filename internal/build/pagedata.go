package build

import (
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"strings"

	"github.com/docgen/docgen/internal/markdown"
	"github.com/docgen/docgen/internal/site"
	"github.com/docgen/docgen/internal/theme"
)

func escape(s string) string { return template.HTMLEscapeString(s) }

func shortHash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:4])
}

// pageData assembles what the theme shows around a page's body.
func (b *builder) pageData(p *site.Page, body template.HTML, headings *markdown.Headings) *theme.PageData {
	s := b.site
	cfg := s.Config
	v := p.Version
	if v == nil {
		v = s.Default
	}
	d := &theme.PageData{
		Site:        theme.SiteInfo{Title: cfg.Title, BaseURL: strings.TrimSuffix(cfg.BaseURL, "/"), Home: "/"},
		Title:       site.PageTitle(p),
		Description: p.Front.Description,
		URL:         p.URL,
		NoIndex:     p.Front.NoIndex,
		Body:        body,
		Assets:      b.assets,
		Search:      b.searchInfo(p),
	}
	if d.Site.Title == "" {
		d.Site.Title = "Docs"
	}
	if s.PageByURL("/") == nil && s.Default != nil {
		d.Site.Home = s.Default.URLPrefix() + "/"
	}
	canonical := p.URL
	if latest := p.LatestURL(); latest != "" {
		canonical = latest
	}
	d.Canonical = d.Site.BaseURL + canonical
	for _, h := range headings.List {
		if (h.Level == 2 || h.Level == 3) && h.ID != "" {
			d.TOC = append(d.TOC, theme.TOCEntry{Level: h.Level, ID: h.ID, Text: h.Text})
		}
	}
	if v == nil {
		return d
	}
	d.Version = theme.VersionInfo{Name: v.Name, Home: v.URLPrefix() + "/", IsDefault: v.IsDefault, Outdated: v.Outdated}
	for _, other := range s.Versions {
		link := theme.VersionLink{Name: other.Name, URL: other.URLPrefix() + "/", Current: other == v, IsDefault: other.IsDefault}
		if p.Version != nil {
			if same := s.PageByURL(other.URLPrefix() + strings.TrimSuffix(p.Slug, "/") + "/"); same != nil {
				link.URL = same.URL
			}
		}
		d.Versions = append(d.Versions, link)
	}
	nav := b.navs[v]
	d.Nav, _ = themeNav(nav, p)
	var flat []*site.NavNode
	flatten(nav, &flat)
	for i, n := range flat {
		if n.Page != p {
			continue
		}
		if i > 0 {
			d.Prev = &theme.Link{Title: flat[i-1].Title, URL: flat[i-1].Page.URL}
		}
		if i+1 < len(flat) {
			d.Next = &theme.Link{Title: flat[i+1].Title, URL: flat[i+1].Page.URL}
		}
		break
	}
	if p.Version != nil {
		d.Breadcrumbs = append(d.Breadcrumbs, theme.Link{Title: v.Name, URL: v.URLPrefix() + "/"})
		for _, n := range ancestors(nav, p) {
			l := theme.Link{Title: n.Title}
			if n.Page != nil {
				l.URL = n.Page.URL
			}
			d.Breadcrumbs = append(d.Breadcrumbs, l)
		}
	}
	return d
}

// themeNav converts the navigation tree, marking the current page and
// opening its ancestors; it reports whether p is inside nodes.
func themeNav(nodes []*site.NavNode, p *site.Page) ([]*theme.NavNode, bool) {
	var out []*theme.NavNode
	found := false
	for _, n := range nodes {
		t := &theme.NavNode{Title: n.Title}
		if n.Page != nil {
			t.URL = n.Page.URL
			t.Current = n.Page == p
		}
		var inside bool
		t.Children, inside = themeNav(n.Children, p)
		t.Open = inside
		found = found || inside || t.Current
		out = append(out, t)
	}
	return out, found
}

func flatten(nodes []*site.NavNode, out *[]*site.NavNode) {
	for _, n := range nodes {
		if n.Page != nil {
			*out = append(*out, n)
		}
		flatten(n.Children, out)
	}
}

// ancestors returns the nodes above p's node, outermost first.
func ancestors(nodes []*site.NavNode, p *site.Page) []*site.NavNode {
	for _, n := range nodes {
		if n.Page == p {
			return []*site.NavNode{}
		}
		if a := ancestors(n.Children, p); a != nil {
			return append([]*site.NavNode{n}, a...)
		}
	}
	return nil
}
