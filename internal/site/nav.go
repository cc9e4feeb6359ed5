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
	Title    string
	Page     *Page // nil for a label without a page
	Children []*NavNode
	weight   int
	key      string
}

// Nav builds the navigation tree of a version: from its menu.md when it
// has one, else from its folders, ordered by front matter weight then
// title. Pages the menu leaves out still get a place, under the node of
// their parent folder.
func (s *Site) Nav(v *Version) ([]*NavNode, diag.List) {
	if v.Menu != nil {
		return s.menuNav(v)
	}
	return folderNav(v), nil
}

func folderNav(v *Version) []*NavNode {
	root := &NavNode{}
	bySlug := map[string]*NavNode{"/": root}
	var node func(slug string) *NavNode
	node = func(slug string) *NavNode {
		if n, ok := bySlug[slug]; ok {
			return n
		}
		parent := node(path.Dir(slug))
		n := &NavNode{Title: titleFromSlug(path.Base(slug)), key: slug}
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
	sortNav(root.Children)
	return root.Children
}

func sortNav(nodes []*NavNode) {
	sort.SliceStable(nodes, func(i, j int) bool {
		a, b := nodes[i], nodes[j]
		if a.weight != b.weight {
			// Unweighted pages go after weighted ones.
			if a.weight == 0 || b.weight == 0 {
				return b.weight == 0
			}
			return a.weight < b.weight
		}
		return strings.ToLower(a.Title) < strings.ToLower(b.Title)
	})
	for _, n := range nodes {
		sortNav(n.Children)
	}
}

// menuNav builds the tree from menu.md: labels are matched ignoring case
// and spaces, so "Deployment/ Kubernetes" and "Deployment / Kubernetes" are
// one node.
func (s *Site) menuNav(v *Version) ([]*NavNode, diag.List) {
	var diags diag.List
	root := &NavNode{}
	byKey := map[string]*NavNode{}
	seenURL := map[string]bool{}
	inMenu := map[*Page]*NavNode{}
	for _, it := range v.Menu.Items {
		// One menu serves every edition: entries for pages this edition
		// leaves out are dropped without a word.
		if s.OtherEdition(v.URLPrefix()+strings.TrimSuffix(strings.SplitN(it.URL, "#", 2)[0], "/")+"/") != nil {
			continue
		}
		parent := root
		key := ""
		for i, label := range it.Path {
			key += "/" + normalizeLabel(label)
			n, ok := byKey[key]
			if !ok {
				n = &NavNode{Title: label, key: key}
				byKey[key] = n
				parent.Children = append(parent.Children, n)
			}
			if i == len(it.Path)-1 {
				url := strings.TrimSuffix(strings.SplitN(it.URL, "#", 2)[0], "/")
				if seenURL[url+"|"+key] {
					diags.Add(&diag.Diagnostic{File: v.Menu.File, Offset: it.Offset, Level: diag.Warning, ID: "menu-duplicate",
						Msg: fmt.Sprintf("menu entry %q is listed twice; the entries are merged", strings.Join(it.Path, " / "))})
				}
				seenURL[url+"|"+key] = true
				p := s.PageByURL(v.URLPrefix() + url + "/")
				if url == "" {
					p = v.Home
				}
				if p == nil {
					diags.Add(&diag.Diagnostic{File: v.Menu.File, Offset: it.Offset, Level: diag.Warning, ID: "menu-missing-page",
						Msg: fmt.Sprintf("menu entry %q points to %s, which is no page of %s", strings.Join(it.Path, " / "), it.URL, v.Name)})
				} else if n.Page == nil {
					n.Page = p
					inMenu[p] = n
				}
			}
			parent = n
		}
	}
	// Pages the menu leaves out go under their parent folder's node.
	for _, p := range v.Pages {
		if _, ok := inMenu[p]; ok || p.Slug == "/" {
			continue
		}
		parent := root
		for dir := path.Dir(p.Slug); dir != "/" && dir != "."; dir = path.Dir(dir) {
			if pp := s.PageByURL(v.URLPrefix() + dir + "/"); pp != nil && inMenu[pp] != nil {
				parent = inMenu[pp]
				break
			}
		}
		n := &NavNode{Title: pageTitle(p), Page: p}
		parent.Children = append(parent.Children, n)
		inMenu[p] = n
	}
	return root.Children, diags
}

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
