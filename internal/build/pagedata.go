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
		Site:        theme.SiteInfo{Title: cfg.Title, BaseURL: b.baseURL, Home: "/"},
		Title:       pageTitle(p, headings),
		Description: p.Description,
		URL:         p.URL,
		NoIndex:     p.Front.NoIndex,
		NoFollow:    p.Front.NoFollow,
		EditURL:     editURL(cfg.EditURL, p.Path),
		LastUpdated: b.lastUpdated(p),
		Body:        body,
		Assets:      b.assets,
		Search:      b.searchInfo(p.Version),
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
	if b.baseURL != "" {
		d.Canonical = b.baseURL + canonical
	} else {
		d.Canonical = b.prefixed(canonical)
	}
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
				link.SamePage = true
			}
		}
		d.Versions = append(d.Versions, link)
	}
	nav := b.navs[v]
	d.Nav = b.themeNav(nav, p)
	if n := nav.Prev(p); n != nil {
		d.Prev = &theme.Link{Title: n.Title, URL: n.Page.URL}
	}
	if n := nav.Next(p); n != nil {
		d.Next = &theme.Link{Title: n.Title, URL: n.Page.URL}
	}
	if p.Version != nil {
		home := theme.Link{Title: v.Name}
		if v.Home != nil {
			home.URL = v.Home.URL // a version without a home page has no page to link
		}
		d.Breadcrumbs = append(d.Breadcrumbs, home)
		for _, n := range nav.Ancestors(p) {
			d.Breadcrumbs = append(d.Breadcrumbs, theme.Link{Title: n.Title, URL: n.URL()})
		}
	}
	return d
}
