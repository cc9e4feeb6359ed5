// Package markdocjson prints a parsed page in the normalized JSON of the
// Markdoc conformance corpus (shared/conformance/SCHEMA.md): the shape the
// real Markdoc's tree takes, so docgen's parser can be compared with it and
// authors can see what docgen made of a page (docgen inspect).
//
// It reads the markdown package's tree and diagnostics and writes nothing
// but JSON; nothing else in docgen depends on it.
package markdocjson

import (
	"strings"

	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/internal/markdown"
	"github.com/docgen/docgen/parser"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// Entry is a Markdoc construct in the dump.
type Entry struct {
	Kind       string         `json:"kind"`
	Name       string         `json:"name,omitempty"`
	Inline     bool           `json:"inline"`
	Line       int            `json:"line,omitempty"`
	Context    string         `json:"context,omitempty"`
	Value      any            `json:"value,omitempty"`
	Attributes map[string]any `json:"attributes,omitempty"`
	Text       string         `json:"text,omitempty"`
	Children   []Entry        `json:"children,omitempty"`
}

// Error is a validation error in the dump.
type Error struct {
	ID    string `json:"id"`
	Level string `json:"level"`
	Line  int    `json:"line,omitempty"`
	Node  string `json:"node"`
}

// Doc is the whole dump.
type Doc struct {
	Frontmatter *string `json:"frontmatter,omitempty"`
	Text        string  `json:"text,omitempty"`
	Children    []Entry `json:"children"`
	Errors      []Error `json:"errors"`
}

// markdocIDs are the error ids Markdoc itself reports; docgen's own checks
// (limits, dropped text) are left out of the dump.
var markdocIDs = map[string]bool{
	"parse-error": true, "missing-closing": true, "missing-opening": true,
	"tag-undefined": true, "tag-placement-invalid": true, "tag-selfclosing-has-children": true,
	"attribute-undefined": true, "attribute-missing-required": true, "attribute-type-invalid": true,
	"attribute-value-invalid": true, "duplicate-attribute": true, "variable-undefined": true,
	"no-inline-annotations": true, "fence-tag-error": true, "table-syntax": true, "child-invalid": true,
}

// Dump returns the dump of a page and its diagnostics.
func Dump(page *markdown.Page, diags diag.List) *Doc {
	d := &dumper{src: page.File.Src, file: page.File}
	out := &Doc{Children: d.entries(page.Doc, nil), Errors: []Error{}}
	if out.Children == nil {
		out.Children = []Entry{}
	}
	if page.HasFrontmatter {
		fm := page.Frontmatter
		out.Frontmatter = &fm
	}
	out.Text = collapse(d.rawText(page.Doc))
	for _, dg := range diags {
		if !markdocIDs[dg.ID] {
			continue
		}
		e := Error{ID: dg.ID, Level: dg.Level.String(), Node: "document"}
		if n, ok := dg.Subject.(ast.Node); ok {
			e.Node = nodeName(n)
			e.Line = d.line(n)
		}
		if dg.ID == "table-syntax" {
			// Markdoc locates this error at the misplaced node, not at the
			// table it is reported on.
			e.Line, _ = dg.Position()
		}
		out.Errors = append(out.Errors, e)
	}
	return out
}

func nodeName(n ast.Node) string {
	if t, ok := n.(*markdown.Tag); ok {
		return "tag:" + t.Name
	}
	return markdown.MarkdocType(n)
}

type dumper struct {
	src  []byte
	file *diag.File
}

// kids returns n's children as Markdoc sees them. For each it gives the
// context segments of Markdoc nodes that goldmark does not have (a table's
// thead and tbody) and the child's own type ("" for nodes Markdoc hides).
func (d *dumper) kids(n ast.Node) (nodes []ast.Node, prefix [][]string, own []string) {
	_, inTable := n.(*east.Table)
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		var pre []string
		t := markdown.MarkdocType(c)
		switch c.(type) {
		case *east.TableHeader:
			pre, t = []string{"thead"}, "tr"
		default:
			if inTable {
				pre = []string{"tbody"}
			}
		}
		nodes, prefix, own = append(nodes, c), append(prefix, pre), append(own, t)
	}
	return nodes, prefix, own
}

func kindOf(n ast.Node) string {
	switch n := n.(type) {
	case *markdown.Tag:
		return "tag"
	case *markdown.TagError:
		return "error"
	case *markdown.Comment:
		return "comment"
	case *markdown.Interpolation:
		if _, sigil := n.Value.(parser.Sigil); sigil {
			return ""
		}
		return "interpolation"
	case *ast.FencedCodeBlock:
		if markdown.Info(n).Attrs != nil {
			return "node"
		}
		return ""
	}
	if markdown.Annotations(n) != nil {
		return "node"
	}
	return ""
}

func (d *dumper) entries(n ast.Node, context []string) []Entry {
	var out []Entry
	nodes, prefixes, owns := d.kids(n)
	for i, c := range nodes {
		ctx := append(append([]string(nil), context...), prefixes[i]...)
		if _, ok := c.(*markdown.Annotation); ok {
			continue // misplaced annotations are errors, not nodes
		}
		kind := kindOf(c)
		if kind == "" {
			if _, leaf := c.(*ast.Image); !leaf { // Markdoc does not look inside images
				if owns[i] != "" {
					ctx = append(ctx, owns[i])
				}
				out = append(out, d.entries(c, ctx)...)
			}
			continue
		}
		e := Entry{Kind: kind, Inline: isInline(c), Line: d.line(c), Context: strings.Join(ctx, "/")}
		switch c := c.(type) {
		case *markdown.Tag:
			e.Name = c.Name
			e.Attributes = encodeAttrs(c.Attrs, false)
		case *markdown.Comment:
			e.Text = collapse(c.Content)
		case *markdown.Interpolation:
			e.Value = Encode(c.Value)
		case *ast.FencedCodeBlock:
			e.Name = "fence"
			e.Attributes = encodeAttrs(markdown.Info(c).Attrs, true)
		default:
			if kind == "node" {
				e.Name = markdown.MarkdocType(c)
				e.Attributes = encodeAttrs(markdown.Annotations(c), true)
			}
		}
		if kind == "tag" || kind == "node" {
			e.Text = collapse(d.rawText(c))
			e.Children = d.entries(c, nil)
		}
		out = append(out, e)
	}
	return out
}

func isInline(n ast.Node) bool {
	switch n := n.(type) {
	case *markdown.Tag:
		return n.Inline
	case *markdown.Interpolation:
		return n.Inline
	case *markdown.TagError:
		return n.Inline
	case *markdown.Comment:
		return n.Inline
	}
	return false
}

// line returns Markdoc's line for n: a block's first line; for inline
// content, the first line of the block that holds it.
func (d *dumper) line(n ast.Node) int {
	if _, ok := n.(*ast.Document); ok {
		return 0
	}
	if inl := isInline(n); inl || n.Type() == ast.TypeInline {
		for p := n.Parent(); p != nil; p = p.Parent() {
			if p.Type() == ast.TypeBlock && !isInline(p) {
				if _, isTag := p.(*markdown.Tag); !isTag {
					return d.line(p)
				}
			}
		}
	}
	l, _ := d.file.Position(markdown.StartOffset(n))
	return l
}

// rawText is Markdoc's text of a node: its content, with nested tags,
// interpolations and errors as placeholders and comments left out.
func (d *dumper) rawText(n ast.Node) string {
	var b strings.Builder
	d.writeText(&b, n)
	return b.String()
}

func (d *dumper) writeText(b *strings.Builder, n ast.Node) {
	if f, ok := n.(*ast.FencedCodeBlock); ok && f.ChildCount() == 0 {
		lines := f.Lines()
		for i := 0; i < lines.Len(); i++ {
			s := lines.At(i)
			b.Write(s.Value(d.src))
		}
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch kindOf(c) {
		case "tag":
			b.WriteString("\u27e8" + c.(*markdown.Tag).Name + "\u27e9")
			continue
		case "interpolation":
			b.WriteString("\u27e8=\u27e9")
			continue
		case "error":
			b.WriteString("\u27e8!\u27e9")
			continue
		case "comment":
			continue
		}
		d.textPiece(b, c)
	}
}

func (d *dumper) textPiece(b *strings.Builder, n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		b.Write(unescape(n.Segment.Value(d.src)))
		if n.SoftLineBreak() || n.HardLineBreak() {
			b.WriteByte(' ')
		}
		return
	case *ast.String:
		b.Write(n.Value)
		return
	case *markdown.FenceText:
		b.WriteString(n.Value)
		return
	case *markdown.Annotation, *markdown.Interpolation:
		return
	case *ast.CodeSpan:
		b.WriteByte('`')
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(c.Segment.Value(d.src))
			case *ast.String:
				b.Write(c.Value)
			}
		}
		b.WriteByte('`')
		return
	case *ast.ThematicBreak:
		b.WriteByte(' ')
		return
	case *ast.Image:
		return
	case *ast.AutoLink:
		b.Write(n.Label(d.src))
		return
	}
	block := n.Type() == ast.TypeBlock
	if _, hidden := n.(*ast.TextBlock); hidden {
		block = false
	}
	if block {
		b.WriteByte(' ')
	}
	if _, isHeader := n.(*east.TableHeader); isHeader {
		// thead > tr: two block levels in Markdoc.
		b.WriteByte(' ')
	}
	d.writeText(b, n)
	if block {
		b.WriteByte(' ')
	}
}

func unescape(b []byte) []byte {
	b = util.UnescapePunctuations(b)
	b = util.ResolveNumericReferences(b)
	return util.ResolveEntityNames(b)
}

// collapse folds runs of ASCII white space into one space and trims, as the
// schema asks.
func collapse(s string) string {
	var b strings.Builder
	space := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteByte(s[i])
	}
	return b.String()
}

// encodeAttrs merges attributes as Markdoc's annotate does: the last value
// of a name wins and .class shorthands collect into a class object.
func encodeAttrs(attrs []parser.Attr, annotation bool) map[string]any {
	if len(attrs) == 0 {
		return nil
	}
	out := map[string]any{}
	for _, a := range attrs {
		if a.Class {
			cls, ok := out["class"].(map[string]any)
			if !ok {
				if _, set := out["class"]; set {
					continue // class="x" then .y: Markdoc crashes; keep the string
				}
				cls = map[string]any{}
				out["class"] = cls
			}
			cls[a.Name] = true
			continue
		}
		out[a.Name] = Encode(a.Value)
	}
	return out
}

// Encode turns a tag value into the dump's JSON value.
func Encode(v parser.Value) any {
	switch v := v.(type) {
	case []parser.Value:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = Encode(x)
		}
		return out
	case *parser.Object:
		out := make(map[string]any, len(v.Keys))
		for _, k := range v.Keys {
			out[k] = Encode(v.Values[k])
		}
		return out
	case *parser.Variable:
		return map[string]any{"$var": v.Path}
	case *parser.Function:
		return map[string]any{"$fn": v.Name, "args": Encode(v.Args)}
	case parser.Sigil:
		return []any(v)
	}
	return v
}
