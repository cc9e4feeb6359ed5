package site

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/internal/markdown"
)

// Menu is a version's menu.md: the sidebar as its authors ordered it.
type Menu struct {
	File  *diag.File
	Items []MenuItem
}

// MenuItem is one entry: "Deployment / Kubernetes / Helm Values" and its URL
// path within the version.
type MenuItem struct {
	Path   []string // the category's labels, trimmed
	URL    string   // as written, e.g. "/deployment/kubernetes/helm-values"
	Offset int      // where the entry is written, for diagnostics
}

type menuFile struct {
	SiteMenu []struct {
		Category string `yaml:"category"`
		URL      string `yaml:"url"`
	} `yaml:"site_menu"`
}

func loadMenu(fsys fs.FS, p string) (*Menu, diag.List, error) {
	raw, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, nil, err
	}
	src := markdown.Normalize(raw)
	m := &Menu{File: diag.NewFile(p, src)}
	var diags diag.List
	_, start, end, ok := markdown.Frontmatter(src)
	if !ok {
		diags.Add(&diag.Diagnostic{File: m.File, Level: diag.Error, ID: "menu-invalid",
			Msg: "menu.md has no front matter with a site_menu list"})
		return m, diags, nil
	}
	var mf menuFile
	if d := decodeYAML(m.File, src[start:end], start, &mf); d != nil {
		diags.Add(d)
		return m, diags, nil
	}
	// Entries are found again in the text for their positions: YAML's
	// decoder into structs does not keep them.
	search := start
	for _, e := range mf.SiteMenu {
		off := start
		if i := strings.Index(string(src[search:end]), e.Category); i >= 0 {
			off = search + i
			search = off + len(e.Category)
		}
		var labels []string
		for _, l := range strings.Split(e.Category, "/") {
			if l = strings.TrimSpace(l); l != "" {
				labels = append(labels, l)
			}
		}
		if len(labels) == 0 {
			diags.Add(&diag.Diagnostic{File: m.File, Offset: off, Level: diag.Warning, ID: "menu-invalid",
				Msg: fmt.Sprintf("menu entry for %q has no category", e.URL)})
			continue
		}
		m.Items = append(m.Items, MenuItem{Path: labels, URL: e.URL, Offset: off})
	}
	return m, diags, nil
}
