package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"unicode/utf8"

	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/internal/markdown"
	"go.yaml.in/yaml/v3"
)

// Menu is a version's menu.md: the sidebar as its authors ordered it.
type Menu struct {
	File  *diag.File
	Items []MenuItem
}

// MenuItem is one entry: "Deployment / Kubernetes / Helm Values" and its URL
// path within the version.
type MenuItem struct {
	// Path holds the category's labels, trimmed, with runs of white space
	// inside a label written as one space.
	Path []string
	// LabelOffsets holds where each label of Path is written.
	LabelOffsets []int
	// URL is as written ("/deployment/kubernetes/helm-values/#values");
	// "" for an entry that is only a label.
	URL string
	// Offset is where the category is written, URLOffset where the URL is
	// (the entry's start when it has none).
	Offset, URLOffset int
}

// loadMenu reads a menu.md: front matter holding a site_menu list of
// {category, url} entries. Keys other than these two are ignored, as the
// site generators such menus are written for ignore them.
func loadMenu(fsys fs.FS, p string) (*Menu, diag.List, error) {
	raw, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, nil, err
	}
	m, diags := parseMenu(p, markdown.Normalize(raw))
	return m, diags, nil
}

func parseMenu(p string, src []byte) (*Menu, diag.List) {
	m := &Menu{File: diag.NewFile(p, src)}
	var diags diag.List
	invalid := func(off int, format string, args ...any) {
		diags.Add(&diag.Diagnostic{File: m.File, Offset: off, Level: diag.Error, ID: "menu-invalid",
			Msg: fmt.Sprintf(format, args...)})
	}
	_, start, end, ok := markdown.Frontmatter(src)
	if !ok {
		invalid(0, "menu.md has no front matter with a site_menu list")
		return m, diags
	}
	var doc yaml.Node
	if d := decodeYAML(m.File, src[start:end], start, &doc); d != nil {
		d.ID = "menu-invalid"
		diags.Add(d)
		return m, diags
	}
	lines := lineStarts(src, start, end)
	at := func(n *yaml.Node) int { return nodeOffset(src, lines, n) }
	var list *yaml.Node
	if len(doc.Content) == 1 && doc.Content[0].Kind == yaml.MappingNode {
		root := doc.Content[0]
		for i := 0; i+1 < len(root.Content); i += 2 {
			if root.Content[i].Value == "site_menu" {
				list = root.Content[i+1]
			}
		}
	}
	switch {
	case list == nil:
		invalid(0, "menu.md's front matter has no site_menu list")
		return m, diags
	case list.Kind == yaml.ScalarNode && list.Tag == "!!null":
		return m, diags // an empty menu
	case list.Kind != yaml.SequenceNode:
		invalid(at(list), "site_menu is not a list of entries")
		return m, diags
	}
	for _, e := range list.Content {
		if e.Kind != yaml.MappingNode {
			invalid(at(e), "menu entry is not a mapping with category and url")
			continue
		}
		it := MenuItem{Offset: at(e), URLOffset: at(e)}
		var cat *yaml.Node
		for i := 0; i+1 < len(e.Content); i += 2 {
			k, v := e.Content[i], e.Content[i+1]
			switch k.Value {
			case "category":
				cat = v
			case "url":
				if v.Kind != yaml.ScalarNode {
					invalid(at(v), "menu entry url is not a string")
					continue
				}
				if v.Tag != "!!null" {
					it.URL = strings.TrimSpace(v.Value)
				}
				it.URLOffset = at(v)
			}
		}
		if cat == nil || cat.Kind != yaml.ScalarNode || strings.Trim(cat.Value, " \t/") == "" {
			diags.Add(&diag.Diagnostic{File: m.File, Offset: it.Offset, Level: diag.Warning, ID: "menu-invalid",
				Msg: fmt.Sprintf("menu entry for %q has no category; it is left out", it.URL)})
			continue
		}
		it.Offset = at(cat)
		it.Path, it.LabelOffsets = splitCategory(src, it.Offset, cat)
		m.Items = append(m.Items, it)
	}
	return m, diags
}

// splitCategory splits "A / B/ C" into its labels and finds each label in
// the source after off, so a note about one label points at it.
func splitCategory(src []byte, off int, cat *yaml.Node) (labels []string, offsets []int) {
	lineEnd := len(src)
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 && cat.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
		lineEnd = off + i
	}
	search := off
	for _, l := range strings.Split(cat.Value, "/") {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			continue
		}
		at := off
		// Found again in the raw text: a label broken over lines or
		// written with escapes keeps the category's position.
		if i := bytes.Index(src[search:lineEnd], []byte(l)); i >= 0 {
			at = search + i
			search = at + len(l)
		}
		labels = append(labels, l)
		offsets = append(offsets, at)
	}
	return labels, offsets
}

// lineStarts returns the offsets in src of the lines of src[start:end].
func lineStarts(src []byte, start, end int) []int {
	starts := []int{start}
	for i := start; i < end; i++ {
		if src[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// nodeOffset turns a YAML node's line and column, counted in characters
// from the start of the block whose lines start at lines, into a byte
// offset into src.
func nodeOffset(src []byte, lines []int, n *yaml.Node) int {
	if n.Line < 1 || n.Line > len(lines) {
		return lines[0]
	}
	off := lines[n.Line-1]
	for c := 1; c < n.Column && off < len(src) && src[off] != '\n'; c++ {
		_, size := utf8.DecodeRune(src[off:])
		off += size
	}
	return off
}
