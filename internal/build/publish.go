package build

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html"
	"html/template"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/docgen/docgen/internal/config"
	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/internal/linkcheck"
	"github.com/docgen/docgen/internal/site"
	"github.com/docgen/docgen/internal/theme"
)

// finish writes the files made from the whole site once its pages are
// rendered (redirects, sitemap, robots.txt, 404 page), then checks every
// link of every page against everything written. files holds the names of
// the files written so far; the ones finish writes are added.
func (b *builder) finish(results map[string]*pageResult, files map[string]bool, prevLinks *linkState) (*linkState, error) {
	finished := map[string]bool{}
	write := func(name string, data []byte) error {
		files[name] = true
		if !strings.HasPrefix(name, theme.AssetDir+"/") {
			finished[name] = true
		}
		return b.write(name, data)
	}
	if err := b.writeRedirects(files, write); err != nil {
		return nil, err
	}
	if err := b.writeSitemap(write); err != nil {
		return nil, err
	}
	if err := b.write404(files, write); err != nil {
		return nil, err
	}
	if b.opts.Fragments {
		if err := b.writeFragmentIndex(results, write); err != nil {
			return nil, err
		}
	}
	if err := b.writeSearch(results, write); err != nil {
		return nil, err
	}
	return b.checkLinks(results, files, finished, prevLinks), nil
}

// redirect is one old URL to send readers on from.
type redirect struct {
	from, to string // site paths, "/v1.9.x/old/" → "/v1.9.x/new/"
	file     *diag.File
	at       int
}

// redirects gathers the aliases of every page and the config's redirects,
// sorted by the path they redirect from.
func (b *builder) redirects() []redirect {
	var out []redirect
	for _, p := range b.site.Pages {
		for _, a := range p.Front.Aliases {
			at := bytes.Index(p.Src, []byte(a))
			if at < 0 {
				at = 0
			}
			from := b.siteLink(p, a)
			if !strings.HasPrefix(from, "/") {
				b.report(&diag.Diagnostic{File: p.File, Offset: at, Level: diag.Error, ID: "redirect-invalid",
					Msg: fmt.Sprintf("alias %q is not a site path", a), Hint: "write it as a path from the site root, like /deployment/old-name"})
				continue
			}
			out = append(out, redirect{from: from, to: p.URL, file: p.File, at: at})
		}
	}
	for _, r := range b.site.Config.Redirects {
		if r.From == "" || r.To == "" {
			continue // reported by the config's validation
		}
		to := r.To
		if !hasScheme(to) && !strings.HasPrefix(to, "//") {
			to = b.siteLink(nil, to)
		}
		out = append(out, redirect{from: b.siteLink(nil, r.From), to: to, file: b.configFile, at: r.Offset})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].from < out[j].from })
	return out
}

// siteLink reads a path written in page p (nil for the config) as links
// there are read: "/x" in a versioned page goes to its version.
func (b *builder) siteLink(p *site.Page, href string) string {
	if p == nil {
		p = &site.Page{}
	}
	rc := &renderCtx{b: b, page: p}
	return rc.link(href)
}

// writeRedirects writes a small page at each redirected path that sends
// the reader on (a meta refresh: no script, so a strict CSP allows it) and
// a _redirects file for hosts that read one (Netlify, Cloudflare Pages).
func (b *builder) writeRedirects(files map[string]bool, write func(string, []byte) error) error {
	rs := b.redirects()
	var list bytes.Buffer
	seen := map[string]redirect{}
	for _, r := range rs {
		name := linkcheck.FileName(r.from)
		if prev, dup := seen[r.from]; dup {
			b.report(&diag.Diagnostic{File: r.file, Offset: r.at, Level: diag.Error, ID: "redirect-conflict",
				Msg: fmt.Sprintf("%s is redirected twice: to %s and to %s", r.from, prev.to, r.to)})
			continue
		}
		if files[name] {
			b.report(&diag.Diagnostic{File: r.file, Offset: r.at, Level: diag.Error, ID: "redirect-conflict",
				Msg:  fmt.Sprintf("redirect from %s would hide the page or file the site has there", r.from),
				Hint: "remove the alias, or move that page"})
			continue
		}
		if t, problem := linkcheck.Resolve("/", r.to); problem == "" && t.Internal && !files[linkcheck.FileName(t.Path)] {
			level, ignored := b.site.Config.Checks.Level("redirect-broken", diag.Error)
			if !ignored {
				b.report(&diag.Diagnostic{File: r.file, Offset: r.at, Level: level, ID: "redirect-broken",
					Msg: fmt.Sprintf("redirect from %s goes to %s, which is not a page or file of this site", r.from, r.to)})
			}
			continue
		}
		seen[r.from] = r
		to := b.prefixed(r.to)
		abs := to
		if b.baseURL != "" && strings.HasPrefix(r.to, "/") {
			abs = b.baseURL + r.to
		}
		page := fmt.Sprintf(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Moved to %[1]s</title>
<link rel="canonical" href="%[2]s">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=%[1]s">
</head>
<body>
<p>This page has moved to <a href="%[1]s">%[1]s</a>.</p>
</body>
</html>
`, escape(to), escape(abs))
		if err := write(name, []byte(page)); err != nil {
			return err
		}
		fmt.Fprintf(&list, "%s %s 301\n", b.prefixed(r.from), to)
	}
	if list.Len() == 0 || b.site.Static["_redirects"] {
		return nil
	}
	return write("_redirects", list.Bytes())
}

// writeSitemap writes sitemap.xml with the canonical URL of every page
// that may be indexed, and robots.txt pointing to it. A sitemap needs
// absolute URLs: without a base URL neither is written (Result.NoSitemap
// tells the command, which says so).
func (b *builder) writeSitemap(write func(string, []byte) error) error {
	if b.baseURL == "" {
		return nil
	}
	var urls []string
	lastmod := map[string]string{} // by URL, when the build knows it
	for _, p := range b.site.Pages {
		if p.Front.NoIndex {
			continue
		}
		u := p.URL
		if latest := p.LatestURL(); latest != "" {
			u = latest
		}
		urls = append(urls, b.baseURL+u)
		if t := b.lastUpdated(p); !t.IsZero() {
			lastmod[b.baseURL+u] = t.UTC().Format("2006-01-02")
		}
	}
	sort.Strings(urls)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, u := range urls {
		buf.WriteString("<url><loc>")
		_ = xml.EscapeText(&buf, []byte(u))
		buf.WriteString("</loc>")
		if t := lastmod[u]; t != "" {
			buf.WriteString("<lastmod>" + t + "</lastmod>")
		}
		buf.WriteString("</url>\n")
	}
	buf.WriteString("</urlset>\n")
	if !b.site.Static["sitemap.xml"] {
		if err := write("sitemap.xml", buf.Bytes()); err != nil {
			return err
		}
	}
	if b.site.Static["robots.txt"] {
		return nil
	}
	robots := fmt.Sprintf("User-agent: *\nAllow: /\n\nSitemap: %s/sitemap.xml\n", b.baseURL)
	return write("robots.txt", []byte(robots))
}

// write404 writes the page hosts show for a missing URL: the search box of
// the theme's header, and links to every version's home.
func (b *builder) write404(files map[string]bool, write func(string, []byte) error) error {
	if files["404.html"] {
		return nil // the site ships its own
	}
	var body strings.Builder
	body.WriteString("<h1 id=\"page-not-found\">Page not found</h1>\n")
	body.WriteString("<p>There is no page at this address. It may have moved, or the link that led here may be wrong. Search for it, or start from the documentation home.</p>\n")
	home := "/"
	if b.site.PageByURL("/") == nil && b.site.Default != nil {
		home = b.site.Default.URLPrefix() + "/"
	}
	fmt.Fprintf(&body, "<ul class=\"dg-notfound\">\n<li><a href=\"%s\">Documentation home</a></li>\n", escape(b.prefixed(home)))
	for _, v := range b.site.Versions {
		label := v.Name
		if v.IsDefault {
			label += " (latest)"
		}
		fmt.Fprintf(&body, "<li><a href=\"%s\">%s</a></li>\n", escape(b.prefixed(v.URLPrefix()+"/")), escape(label))
	}
	body.WriteString("</ul>\n")
	d := &theme.PageData{
		Site:    theme.SiteInfo{Title: b.site.Config.Title, BaseURL: b.baseURL, Home: home},
		Title:   "Page not found",
		NoIndex: true,
		Body:    template.HTML(body.String()),
		Assets:  b.assets,
		Search:  b.searchInfo(nil),
	}
	if d.Site.Title == "" {
		d.Site.Title = "Docs"
	}
	d.Assets.LiveCSS, d.Assets.LiveJS = "", ""
	if v := b.site.Default; v != nil {
		d.Version = theme.VersionInfo{Name: v.Name, Home: v.URLPrefix() + "/", IsDefault: true}
		for _, other := range b.site.Versions {
			d.Versions = append(d.Versions, theme.VersionLink{Name: other.Name, URL: other.URLPrefix() + "/", IsDefault: other.IsDefault})
		}
	}
	b.prefixPage(d)
	var out bytes.Buffer
	if err := b.theme.RenderPage(&out, d); err != nil {
		return err
	}
	return write("404.html", out.Bytes())
}

// linkState is what the preview server keeps of the last link check, so
// that a rebuild checks again only the pages an edit can have changed.
type linkState struct {
	// finished holds the names of the files made from the whole site
	// (redirects, sitemap, 404 page), but for the build's own files under
	// _docgen/: their names carry content hashes (search shards change
	// with every edit), and pages do not link to them.
	finished map[string]bool
	anchors  map[string]map[string]bool // the ids of each page, by URL
	// anchorPage names the page whose ids anchors holds, by URL: the
	// last one of pages sharing a URL.
	anchorPage map[string]string
	pages      map[string]*pageLinks // by page path
	list       []*pageLinks          // the same, in the order of the site's pages
	// linkers holds, by page URL, the paths of the pages whose links
	// name its anchors.
	linkers map[string]map[string]bool
	// since lists the pages rendered again since this check, when the
	// session that keeps it knows them; nil: any page may have been.
	since []*site.Page
}

// pageLinks is the check of one page's links.
type pageLinks struct {
	checked *pageResult // the rendering checked; another one means the page was rendered again
	diags   diag.List
	anchors []string // the URLs of the pages whose ids its links name
}

// checkLinks checks the links of every page against the files written,
// and the anchors against the ids of the pages they name. finished names
// the files finish wrote, but for those under _docgen/.
//
// prev, when not nil, is the state of the previous check, of a build
// that wrote the same files but maybe for those finish writes, from the
// same pages at the same URLs (a session's rebuild with the same
// signature). A page then
// keeps its result when it was not rendered again, the files finish
// wrote have the same names, and no page whose anchors it names changed
// its ids. prev is updated in place and returned.
func (b *builder) checkLinks(results map[string]*pageResult, files, finished map[string]bool, prev *linkState) *linkState {
	if prev != nil && (len(prev.list) != len(b.site.Pages) || !maps.Equal(prev.finished, finished)) {
		prev = nil
	}
	checks := b.site.Config.Checks
	pol := linkcheck.Policy{IgnoreTargets: checks.IgnoreTargets, IgnoreFiles: checks.IgnoreFiles}
	var next *linkState
	if prev == nil {
		next = &linkState{finished: finished, pages: make(map[string]*pageLinks, len(b.site.Pages)),
			anchors: map[string]map[string]bool{}, anchorPage: map[string]string{}, linkers: map[string]map[string]bool{}}
		for _, p := range b.site.Pages {
			if r := results[p.Path]; r != nil {
				next.anchors[p.URL] = r.ids
				next.anchorPage[p.URL] = p.Path
				if latest := p.LatestURL(); latest != "" {
					next.anchors[latest] = r.ids
					next.anchorPage[latest] = p.Path
				}
			}
		}
		out := linkcheck.Output{Files: files, Anchors: next.anchors}
		next.list = make([]*pageLinks, len(b.site.Pages))
		for i, p := range b.site.Pages {
			if r := results[p.Path]; r != nil {
				next.check(p, r, out, pol)
				next.list[i] = next.pages[p.Path]
			}
		}
	} else {
		next = prev
		rendered := prev.since
		if rendered == nil {
			for _, p := range b.site.Pages {
				if old := prev.pages[p.Path]; old == nil || old.checked != results[p.Path] {
					rendered = append(rendered, p)
				}
			}
		}
		next.since, next.finished = nil, finished
		// The ids of the pages rendered again, and the URLs whose ids
		// changed.
		changed := map[string]bool{}
		for _, p := range rendered {
			old, r := next.pages[p.Path], results[p.Path]
			if r == nil {
				continue
			}
			urls := []string{p.URL}
			if latest := p.LatestURL(); latest != "" {
				urls = append(urls, latest)
			}
			for _, u := range urls {
				if next.anchorPage[u] == p.Path {
					next.anchors[u] = r.ids
				}
				if old == nil || !maps.Equal(old.checked.ids, r.ids) {
					changed[u] = true
				}
			}
		}
		// Checked again: the pages rendered again, and those naming
		// anchors of a page whose ids changed.
		again := map[*site.Page]bool{}
		for _, p := range rendered {
			again[p] = true
		}
		for u := range changed {
			for path := range next.linkers[u] {
				if p := b.site.PageByPath(path); p != nil {
					again[p] = true
				}
			}
		}
		out := linkcheck.Output{Files: files, Anchors: next.anchors}
		for p := range again {
			if r := results[p.Path]; r != nil {
				next.check(p, r, out, pol)
				i, _ := slices.BinarySearchFunc(b.site.Pages, p.Path, func(q *site.Page, path string) int { return strings.Compare(q.Path, path) })
				next.list[i] = next.pages[p.Path]
			}
		}
	}
	// Anchors in menu.md entries: few, and checked every time.
	navDiags, _ := linkcheck.CheckPage(linkcheck.Page{URL: "/", Refs: b.navRefs()}, linkcheck.Output{Files: files, Anchors: next.anchors}, pol)
	b.mu.Lock()
	defer b.mu.Unlock()
	b.diags = append(b.diags, navDiags...)
	for _, pl := range next.list {
		if pl != nil {
			b.diags = append(b.diags, pl.diags...)
		}
	}
	return next
}

// check checks the links of page p, rendered to r, and records it.
func (s *linkState) check(p *site.Page, r *pageResult, out linkcheck.Output, pol linkcheck.Policy) {
	if old := s.pages[p.Path]; old != nil {
		for _, u := range old.anchors {
			delete(s.linkers[u], p.Path)
		}
	}
	d, anchors := linkcheck.CheckPage(linkcheck.Page{URL: p.URL, Refs: r.links}, out, pol)
	s.pages[p.Path] = &pageLinks{checked: r, diags: d, anchors: anchors}
	for _, u := range anchors {
		if s.linkers[u] == nil {
			s.linkers[u] = map[string]bool{}
		}
		s.linkers[u][p.Path] = true
	}
}

// navRefs are the menu entries that link to an anchor of a page.
func (b *builder) navRefs() []linkcheck.Ref {
	var refs []linkcheck.Ref
	for _, v := range b.site.Versions {
		nav := b.navs[v]
		if v.Menu == nil || nav == nil {
			continue
		}
		var walk func([]*site.NavNode)
		walk = func(nodes []*site.NavNode) {
			for _, n := range nodes {
				if n.Page != nil && strings.HasPrefix(n.Fragment, "#") {
					refs = append(refs, linkcheck.Ref{File: v.Menu.File, At: n.URLOffset, Href: n.URL(), URL: n.URL()})
				}
				walk(n.Children)
			}
		}
		walk(nav.Roots)
	}
	return refs
}

// applyChecks sets the levels the config gives the checks it may adjust,
// and drops the ones it turns off or whose file it ignores.
func (b *builder) applyChecks(in diag.List) diag.List {
	checks := b.site.Config.Checks
	if len(checks.Levels) == 0 && len(checks.IgnoreFiles) == 0 {
		return in
	}
	adjustable := map[string]bool{}
	for _, id := range config.CheckIDs {
		adjustable[id] = true
	}
	out := in[:0]
	for _, d := range in {
		if adjustable[d.ID] {
			if d.File != nil && matchesAny(checks.IgnoreFiles, d.File.Path) {
				continue
			}
			level, ignored := checks.Level(d.ID, d.Level)
			if ignored {
				continue
			}
			d.Level = level
		}
		out = append(out, d)
	}
	return out
}

func matchesAny(patterns []string, p string) bool {
	for _, pat := range patterns {
		if linkcheck.Match(pat, p) {
			return true
		}
	}
	return false
}

// elementIDs returns the values of the id attributes in rendered HTML:
// the anchors a link may name. Code is escaped by the highlighter, so
// every ` id="` in a body is an attribute.
func elementIDs(body []byte) map[string]bool {
	ids := map[string]bool{}
	for rest := body; ; {
		i := bytes.Index(rest, []byte(` id="`))
		if i < 0 {
			return ids
		}
		rest = rest[i+5:]
		j := bytes.IndexByte(rest, '"')
		if j < 0 {
			return ids
		}
		ids[html.UnescapeString(string(rest[:j]))] = true
		rest = rest[j:]
	}
}
