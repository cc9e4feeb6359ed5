package site

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/docgen/docgen/internal/diag"
)

// NavNode is an entry of a version's navigation tree.
type NavNode struct {
	Title string
	// Page is the page the entry links to; nil for a label, an external
	// link, or a menu entry whose page does not exist.
	Page *Page
	// Fragment is what follows the page's URL in a link into the page
	// ("#1.8.0-release", "?tab=docker"); "" for a link to the page itself.
	Fragment string
	// External is the absolute URL of a menu entry that leaves the site.
	External string
	Children []*NavNode
	// URLOffset is where a menu entry's URL is written in menu.md, for
	// the build's link checks; 0 for nodes made from folders.
	URLOffset int

	weight int
}

// URL returns where the entry links to: the page's URL with the fragment,
// the external URL, or "" for a label.
func (n *NavNode) URL() string {
	switch {
	case n.Page != nil:
		return n.Page.URL + n.Fragment
	default:
		return n.External
	}
}

// Nav is the navigation of a version: the sidebar tree and, for each page
// in it, the node that is the page's own, its place in reading order and
// the nodes above it.
type Nav struct {
	Roots []*NavNode

	own    map[*Page]*NavNode // the page's first entry without fragment, else its first entry
	parent map[*NavNode]*NavNode
	order  []*Page // depth first, each page once, at its own node
	index  map[*Page]int
}

// Node returns the page's own node: its first entry in the tree that links
// to the page itself, else its first entry that links into it; nil when the
// page is not in the tree (a version home the menu does not list).
func (n *Nav) Node(p *Page) *NavNode { return n.own[p] }

// Ancestors returns the nodes above the page's own node, outermost first.
func (n *Nav) Ancestors(p *Page) []*NavNode {
	var out []*NavNode
	for a := n.parent[n.own[p]]; a != nil; a = n.parent[a] {
		out = append(out, a)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// Prev returns the own node of the page before p in reading order, or nil.
func (n *Nav) Prev(p *Page) *NavNode {
	if i, ok := n.index[p]; ok && i > 0 {
		return n.own[n.order[i-1]]
	}
	return nil
}

// Next returns the own node of the page after p in reading order, or nil.
func (n *Nav) Next(p *Page) *NavNode {
	if i, ok := n.index[p]; ok && i+1 < len(n.order) {
		return n.own[n.order[i+1]]
	}
	return nil
}

// newNav indexes a finished tree of version v. Pages of other versions
// (a menu may link to one) have no place in its reading order.
func newNav(v *Version, roots []*NavNode) *Nav {
	n := &Nav{Roots: roots, own: map[*Page]*NavNode{}, parent: map[*NavNode]*NavNode{}, index: map[*Page]int{}}
	var walk func(nodes []*NavNode, parent *NavNode)
	walk = func(nodes []*NavNode, parent *NavNode) {
		for _, c := range nodes {
			if parent != nil {
				n.parent[c] = parent
			}
			if c.Page != nil {
				if o, ok := n.own[c.Page]; !ok || (o.Fragment != "" && c.Fragment == "") {
					n.own[c.Page] = c
				}
			}
			walk(c.Children, c)
		}
	}
	walk(roots, nil)
	var order func(nodes []*NavNode)
	order = func(nodes []*NavNode) {
		for _, c := range nodes {
			if c.Page != nil && c.Page.Version == v && n.own[c.Page] == c {
				n.index[c.Page] = len(n.order)
				n.order = append(n.order, c.Page)
			}
			order(c.Children)
		}
	}
	order(roots)
	return n
}

// Nav builds the navigation of a version: from its menu.md when it has
// one, else from its folders, ordered by front matter weight then title.
// Pages the menu leaves out still get a place, under the entry of their
// parent folder.
func (s *Site) Nav(v *Version) (*Nav, diag.List) {
	if v.Menu != nil {
		roots, diags := s.menuNav(v)
		return newNav(v, roots), diags
	}
	return newNav(v, folderNav(v)), nil
}

// folderNav builds the tree from the pages' slugs: a node per folder, the
// folder's index page as its own page, its name humanized when it has none.
func folderNav(v *Version) []*NavNode {
	root := &NavNode{}
	bySlug := map[string]*NavNode{"/": root}
	var node func(slug string) *NavNode
	node = func(slug string) *NavNode {
		if n, ok := bySlug[slug]; ok {
			return n
		}
		parent := node(path.Dir(slug))
		n := &NavNode{Title: titleFromSlug(path.Base(slug))}
		bySlug[slug] = n
		parent.Children = append(parent.Children, n)
		return n
	}
	for _, p := range v.Pages {
		if p.Slug == "/" {
			continue
		}
		n := node(p.Slug)
		n.Page, n.Title, n.weight = p, pageTitle(p), p.Front.Weight
	}
	folderWeights(root.Children)
	sortNav(root.Children, true)
	return root.Children
}

// folderWeights gives a folder without a page of its own the smallest
// weight among its children, so weighting the pages of a folder that has
// no index page places the folder too.
func folderWeights(nodes []*NavNode) (lowest int) {
	for _, n := range nodes {
		w := folderWeights(n.Children)
		if n.Page == nil {
			n.weight = w
		}
		if n.weight != 0 && (lowest == 0 || n.weight < lowest) {
			lowest = n.weight
		}
	}
	return lowest
}

// sortNav orders siblings by weight, then title; unweighted ones go after
// weighted ones. The sort is stable, so equal ones keep their order.
func sortNav(nodes []*NavNode, deep bool) {
	sort.SliceStable(nodes, func(i, j int) bool {
		a, b := nodes[i], nodes[j]
		if a.weight != b.weight {
			if a.weight == 0 || b.weight == 0 {
				return b.weight == 0
			}
			return a.weight < b.weight
		}
		return strings.ToLower(a.Title) < strings.ToLower(b.Title)
	})
	if deep {
		for _, n := range nodes {
			sortNav(n.Children, true)
		}
	}
}

// menuEntry is what the tree builder keeps about the entry that gave a
// node its URL, to report a second entry for the same node.
type menuEntry struct {
	offset int
	target string // the URL as resolved, for comparing entries
}

// menuNav builds the tree from menu.md.
//
// Labels are matched ignoring case and white space, so "Deployment/
// Kubernetes" and "Deployment / Kubernetes" are one node. The label shown is
// the one written in the node's own entry (the entry whose last label it
// is), else the first one written: the own entry is where the author names
// the section on purpose, while a parent label repeated in front of each
// child is where slips creep in ("Database / cockroach / Run Externally"
// under "Database / Cockroach"). The first spelling, rather than the most
// frequent, also keeps a label from changing when entries are added further
// down. Other spellings are reported as notes.
//
// An entry for a node that already has one is a duplicate: reported and
// merged (the first URL wins). URLs are read within the version, ignoring a
// trailing slash; a fragment or query is kept on the link. An entry whose
// page does not exist stays in the tree as a label and is reported.
func (s *Site) menuNav(v *Version) ([]*NavNode, diag.List) {
	var diags diag.List
	report := func(level diag.Level, off int, id, msg, hint string) {
		diags.Add(&diag.Diagnostic{File: v.Menu.File, Offset: off, Level: level, ID: id, Msg: msg, Hint: hint})
	}
	root := &NavNode{}
	byKey := map[string]*NavNode{}
	titled := map[*NavNode]bool{} // the node's title comes from its own entry
	spellings := map[*NavNode][]labelSpelling{}
	var made []*NavNode // in order, for reporting in it
	entries := map[*NavNode]menuEntry{}
	bySlug := map[string]*NavNode{} // the first entry linking to each path of the version
	var folded map[string]*Page     // the version's pages by lower-cased URL, made on first need

	for _, it := range v.Menu.Items {
		// One menu serves every edition: entries for pages this edition
		// leaves out are dropped without a word.
		if s.OtherEdition(v.URLPrefix()+strings.TrimSuffix(strings.SplitN(it.URL, "#", 2)[0], "/")+"/") != nil {
			continue
		}
		parent := root
		key := ""
		last := len(it.Path) - 1
		for i, label := range it.Path {
			key += "/" + normalizeLabel(label)
			n, ok := byKey[key]
			if !ok {
				n = &NavNode{Title: label}
				byKey[key] = n
				made = append(made, n)
				parent.Children = append(parent.Children, n)
			}
			if i == last && !titled[n] {
				titled[n] = true
				n.Title = label
			}
			if !hasSpelling(spellings[n], label) {
				spellings[n] = append(spellings[n], labelSpelling{label, it.LabelOffsets[i]})
			}
			parent = n
		}
		n := parent
		if it.URL == "" {
			continue // a label only: it names the node and claims no link
		}
		name := strings.Join(it.Path, " / ")
		t := s.menuTarget(v, it.URL)
		if e, dup := entries[n]; dup {
			line, _ := v.Menu.File.Position(e.offset)
			if e.target == t.key {
				report(diag.Warning, it.Offset, "menu-duplicate",
					fmt.Sprintf("menu entry %q is listed twice (first on line %d); the entries are merged", name, line), "")
			} else {
				report(diag.Warning, it.URLOffset, "menu-duplicate",
					fmt.Sprintf("menu entry %q is listed again with another URL, %s; the URL on line %d is kept", name, it.URL, line), "")
			}
			continue
		}
		entries[n] = menuEntry{offset: it.Offset, target: t.key}
		switch {
		case t.external != "":
			n.External = t.external
		case t.page != nil:
			n.Page, n.Fragment, n.URLOffset = t.page, t.fragment, it.URLOffset
		default:
			if folded == nil {
				folded = map[string]*Page{}
				for _, p := range v.Pages {
					folded[strings.ToLower(p.URL)] = p
				}
			}
			if p := folded[strings.ToLower(t.url)]; p != nil {
				n.Page, n.Fragment, n.URLOffset = p, t.fragment, it.URLOffset
				report(diag.Warning, it.URLOffset, "menu-url-case",
					fmt.Sprintf("menu entry %q points to %s, which differs in case from the page's URL; it links to %s", name, it.URL, p.URL), "")
			} else {
				report(diag.Warning, it.URLOffset, "menu-missing-page",
					fmt.Sprintf("menu entry %q points to %s, which is no page of %s", name, it.URL, v.Name), t.tried)
			}
		}
		if t.slug != "" && t.fragment == "" && bySlug[t.slug] == nil {
			bySlug[t.slug] = n
		}
	}

	for _, n := range made {
		var shown labelSpelling
		for _, s := range spellings[n] {
			if s.text == n.Title {
				shown = s
			}
		}
		line, _ := v.Menu.File.Position(shown.offset)
		for _, s := range spellings[n] {
			if s.text != n.Title {
				report(diag.Info, s.offset, "menu-label-variant",
					fmt.Sprintf("menu label %q is written %q on line %d; the entries are one node, shown as %q", s.text, n.Title, line, n.Title), "")
			}
		}
	}
	placeUnlisted(v, root, bySlug)
	return root.Children, diags
}

// labelSpelling is one way a label was written, and where.
type labelSpelling struct {
	text   string
	offset int
}

func hasSpelling(list []labelSpelling, text string) bool {
	for _, s := range list {
		if s.text == text {
			return true
		}
	}
	return false
}

// placeUnlisted gives the pages the menu does not list a place under the
// entry of their nearest parent folder that the menu lists (or that an
// unlisted page placed before made), else at the end of the top level.
// Siblings added to one node are ordered by weight, then title.
func placeUnlisted(v *Version, root *NavNode, bySlug map[string]*NavNode) {
	listed := map[*Page]bool{}
	var mark func([]*NavNode)
	mark = func(nodes []*NavNode) {
		for _, n := range nodes {
			if n.Page != nil {
				listed[n.Page] = true
			}
			mark(n.Children)
		}
	}
	mark(root.Children)
	var rest []*Page
	for _, p := range v.Pages {
		if !listed[p] && p.Slug != "/" {
			rest = append(rest, p)
		}
	}
	// Parents before children, so a page under an unlisted folder page
	// goes under that page's new node.
	sort.SliceStable(rest, func(i, j int) bool {
		di, dj := strings.Count(rest[i].Slug, "/"), strings.Count(rest[j].Slug, "/")
		if di != dj {
			return di < dj
		}
		return rest[i].Slug < rest[j].Slug
	})
	added := map[*NavNode][]*NavNode{}
	var parents []*NavNode
	for _, p := range rest {
		parent := root
		for dir := path.Dir(p.Slug); dir != "/" && dir != "."; dir = path.Dir(dir) {
			if n := bySlug[dir]; n != nil {
				parent = n
				break
			}
		}
		n := &NavNode{Title: pageTitle(p), Page: p, weight: p.Front.Weight}
		if bySlug[p.Slug] == nil {
			bySlug[p.Slug] = n
		}
		if added[parent] == nil {
			parents = append(parents, parent)
		}
		added[parent] = append(added[parent], n)
	}
	for _, parent := range parents {
		group := added[parent]
		sortNav(group, false)
		parent.Children = append(parent.Children, group...)
	}
}

// menuTarget is what a menu URL resolves to.
type menuTarget struct {
	page     *Page
	url      string // the page URL looked up ("/v1.9.x/a/"), "" for external links
	slug     string // the path within the version ("/a"), "" when it is in no version of v
	fragment string
	external string
	key      string // the resolved link, for comparing two entries
	tried    string // for a page not found: what was looked up
}

// menuTarget resolves a menu URL: "/a/b", "/a/b/", "a/b", "/a/b#frag" and
// "/" are paths within the version, "/v1.8.x/a" a path in another version,
// and a URL with a scheme (or starting with //) leaves the site.
func (s *Site) menuTarget(v *Version, raw string) menuTarget {
	if raw == "" {
		return menuTarget{}
	}
	if strings.HasPrefix(raw, "//") || hasURLScheme(raw) {
		return menuTarget{external: raw, key: raw}
	}
	p, frag := raw, ""
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p, frag = p[:i], p[i:]
	}
	if frag == "#" || frag == "?" {
		frag = ""
	}
	p = path.Clean("/" + p)
	t := menuTarget{fragment: frag}
	first := strings.SplitN(strings.TrimPrefix(p, "/"), "/", 2)[0]
	if s.Version(first) != nil {
		t.url = strings.TrimSuffix(p, "/") + "/"
		if first == v.Name {
			t.slug = "/" + strings.TrimPrefix(strings.TrimPrefix(p, "/"+first), "/")
		}
	} else {
		t.slug = p
		t.url = v.URLPrefix() + strings.TrimSuffix(p, "/") + "/"
	}
	t.key = t.url + frag
	t.page = s.PageByURL(t.url)
	if t.page == nil {
		rel := strings.TrimPrefix(strings.TrimPrefix(t.url, "/"), v.Name+"/")
		rel = strings.TrimSuffix(rel, "/")
		dir := path.Join(ContentDir, v.Name)
		if rel == "" {
			t.tried = fmt.Sprintf("looked for %s/index.md", dir)
		} else if t.slug != "" {
			t.tried = fmt.Sprintf("looked for %s/%s.md, %s/%s/index.md and a page with slug %s", dir, rel, dir, rel, t.slug)
		}
	}
	return t
}

func hasURLScheme(s string) bool {
	i := strings.Index(s, ":")
	if i <= 0 {
		return false
	}
	for j, c := range s[:i] {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case j > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return true
}

// normalizeLabel is the key labels are matched by: lower case, without
// white space.
func normalizeLabel(l string) string {
	return strings.ToLower(strings.Join(strings.Fields(l), ""))
}

func pageTitle(p *Page) string {
	if p.Title != "" {
		return p.Title
	}
	if p.Front.Title != "" {
		return p.Front.Title
	}
	return titleFromSlug(path.Base(p.Slug))
}

// PageTitle returns the page's title: its front matter title, else a title
// made from its slug.
func PageTitle(p *Page) string { return pageTitle(p) }

// titleFromSlug humanizes a file or folder name: "azure-sso_setup" is
// "Azure Sso Setup".
func titleFromSlug(s string) string {
	words := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' })
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	if len(words) == 0 {
		return "Home"
	}
	return strings.Join(words, " ")
}
