package markdown

import (
	"fmt"
	"strings"

	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/parser"
	"github.com/docgen/docgen/shortcodes"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Env is what validation checks a page against.
type Env struct {
	Tags *shortcodes.Registry
	// VariableDefined reports whether a variable path is defined; nil skips
	// variable checks (Markdoc does when it has no variables).
	VariableDefined func(path []any) bool
	// PartialExists reports whether a partial reference resolves.
	PartialExists func(file string) bool
}

type envAdapter struct{ e *Env }

// PartialExists reports true when the environment cannot tell: a page
// inspected outside any site has no partials folder to look in.
func (a envAdapter) PartialExists(file string) bool {
	return a.e.PartialExists == nil || a.e.PartialExists(file)
}

// nodeSchemas are the attributes Markdoc's node schemas declare: the keys
// an annotation may set on a Markdown node, besides class and id. Fences
// also take docgen's srNumber and isCodeBlock (a numbered piece of a
// codeBlock listing).
var nodeSchemas = map[string]map[string]shortcodes.Attribute{
	"heading":    {"level": {Type: shortcodes.Number, Required: true}},
	"paragraph":  {},
	"item":       {},
	"list":       {"ordered": {Type: shortcodes.Boolean, Required: true}, "start": {Type: shortcodes.Number}, "marker": {Type: shortcodes.String}},
	"fence":      {"content": {Type: shortcodes.String, Required: true}, "language": {Type: shortcodes.String}, "process": {Type: shortcodes.Boolean}, "srNumber": {Type: shortcodes.Number}, "isCodeBlock": {Type: shortcodes.Boolean}},
	"td":         {"align": {Type: shortcodes.String}, "colspan": {Type: shortcodes.Number}, "rowspan": {Type: shortcodes.Number}},
	"th":         {"width": {Type: shortcodes.String}, "align": {Type: shortcodes.String}, "colspan": {Type: shortcodes.Number}, "rowspan": {Type: shortcodes.Number}},
	"image":      {"src": {Type: shortcodes.String, Required: true}, "alt": {Type: shortcodes.String}, "title": {Type: shortcodes.String}},
	"table":      {},
	"tr":         {},
	"blockquote": {},
}

// Validate checks a parsed page against env and returns Markdoc's
// diagnostics for it.
func Validate(page *Page, env *Env) diag.List {
	var out diag.List
	if page.Refused != nil {
		out.Add(page.Refused)
		return out
	}
	v := &validator{page: page, env: env, out: &out}
	_ = ast.Walk(page.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			v.node(n)
		}
		return ast.WalkContinue, nil
	})
	return out
}

type validator struct {
	page *Page
	env  *Env
	out  *diag.List
}

func (v *validator) add(subject ast.Node, offset int, level diag.Level, id, format string, args ...any) *diag.Diagnostic {
	offset = min(max(offset, 0), len(v.page.File.Src))
	d := &diag.Diagnostic{File: v.page.File, Offset: offset, Level: level, ID: id,
		Msg: fmt.Sprintf(format, args...), Subject: subject}
	v.out.Add(d)
	return d
}

func (v *validator) node(n ast.Node) {
	if sp, ok := n.(interface{ dropped() int }); ok && sp.dropped() > 0 {
		v.add(n, sp.dropped(), diag.Warning, "tag-trailing-text",
			"text after a tag that spans several lines is ignored: move it to a line of its own")
	}
	switch n := n.(type) {
	case *TagError:
		v.add(n, n.ErrOffset, diag.Critical, "parse-error", "invalid tag %s: %s", abbreviate(n.Raw), n.Err.Error())
	case *Annotation:
		p := n.Parent()
		v.add(p, n.Start, diag.Error, "no-inline-annotations",
			"annotation %s applies to nothing here: write it at the end of the heading, paragraph, list item or cell it is for", abbreviate(n.sourceText(v.page.File.Src)))
	case *Tag:
		v.tag(n)
	case *Interpolation:
		switch val := n.Value.(type) {
		case *parser.Variable:
			v.variable(n, n.Start, val)
		case parser.Sigil:
			v.add(n, n.Start, diag.Error, "attribute-type-invalid",
				"@%s: the @ sigil is reserved by Markdoc and prints nothing; write $%s", sigilPath(val), sigilPath(val))
		}
		v.childAllowed(n, "text")
	case *Comment:
		v.childAllowed(n, "comment")
	case *ast.FencedCodeBlock:
		info := Info(n)
		if info.Err != nil {
			v.add(n, info.ErrOffset, diag.Error, "fence-tag-error", "invalid tag in the fence's info string: %s", info.Err.Error())
		}
		if info.Attrs != nil {
			preset := map[string]bool{"content": true}
			if info.Language != "" {
				preset["language"] = true
			}
			v.attributes(n, n.Pos(), nodeSchemas["fence"], false, info.Attrs, preset)
		}
	default:
		if anns := Annotations(n); anns != nil {
			typ := MarkdocType(n)
			schema, ok := nodeSchemas[typ]
			if !ok {
				schema = map[string]shortcodes.Attribute{}
			}
			preset := map[string]bool{}
			switch n := n.(type) {
			case *ast.Heading:
				preset["level"] = true
			case *ast.List:
				preset["ordered"], preset["marker"] = true, true
				if n.IsOrdered() && n.Start != 1 {
					preset["start"] = true
				}
			case *east.TableCell:
				if n.Alignment != east.AlignNone {
					preset["align"] = true
				}
			}
			v.attributes(n, blockStart(n), schema, false, anns, preset)
		}
	}
}

// childAllowed reports a block-level text or comment node in a container
// whose Markdoc schema does not list it among its children (a function call
// alone on a line at the top of the page, a comment in a blockquote).
func (v *validator) childAllowed(n ast.Node, typ string) {
	if n.Type() == ast.TypeInline || n.Parent() == nil {
		return
	}
	if sp, ok := n.(interface{ inFence() bool }); ok && sp.inFence() {
		return
	}
	p := n.Parent()
	allowed := blockChildren[MarkdocType(p)]
	if allowed == nil || contains(allowed, typ) {
		return
	}
	v.add(p, blockStart(n), diag.Warning, "child-invalid", "%s cannot contain %s here", MarkdocType(p), typ)
}

// blockChildren are the children Markdoc's schemas allow in block
// containers.
var blockChildren = map[string][]string{
	"document":   {"heading", "paragraph", "image", "table", "tag", "fence", "blockquote", "comment", "list", "hr"},
	"blockquote": {"heading", "paragraph", "image", "table", "tag", "fence", "blockquote", "list", "hr"},
	"item":       {"inline", "heading", "paragraph", "image", "table", "tag", "fence", "blockquote", "list", "hr"},
	"td":         {"inline", "heading", "paragraph", "image", "table", "tag", "fence", "blockquote", "list", "hr"},
}

func (n *Annotation) sourceText(src []byte) string {
	if n.Start >= 0 && n.End <= len(src) && n.Start < n.End {
		return string(src[n.Start:n.End])
	}
	return "{% ... %}"
}

// blockStart returns the offset to report a problem of a node at.
func blockStart(n ast.Node) int { return StartOffset(n) }

// StartOffset returns the source offset where n starts. goldmark's Pos can
// overshoot on lines indented with tabs (it counts expanded columns), so the
// first thing inside the node bounds it.
func StartOffset(n ast.Node) int {
	switch n := n.(type) {
	case *Tag:
		return n.Start
	case *Interpolation:
		return n.Start
	case *TagError:
		return n.Start
	case *Comment:
		return n.Start
	case *Annotation:
		return n.Start
	case *FenceText:
		return n.Start
	case *ast.Text:
		return n.Segment.Start
	}
	p := n.Pos()
	if f := firstInside(n); f >= 0 && (p < 0 || f < p) {
		p = f
	}
	return max(p, 0)
}

// firstInside returns the offset of the first text, construct or line
// inside n, or -1.
func firstInside(n ast.Node) int {
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *Tag, *Interpolation, *TagError, *Comment, *Annotation, *FenceText, *ast.Text:
			return StartOffset(c)
		}
		if f := firstInside(c); f >= 0 {
			return f
		}
		if p := c.Pos(); p >= 0 {
			return p
		}
	}
	return -1
}

func (v *validator) tag(t *Tag) {
	if t.Orphan {
		v.add(t, t.Start, diag.Critical, "missing-opening", "closing tag {%% /%s %%} has no opening tag", t.Name)
	}
	if t.Unclosed {
		v.add(t, t.Start, diag.Critical, "missing-closing", "tag {%% %s %%} is never closed: add {%% /%s %%}", t.Name, t.Name)
	}
	if nodes, ok := t.AttributeString(tableSyntaxKey); ok {
		for _, k := range nodes.([]ast.Node) {
			v.add(t, blockStart(k), diag.Critical, "table-syntax",
				"found %s where a list was expected in the table: indent all content of a cell", MarkdocType(k))
		}
	}
	schema, ok := v.env.Tags.Lookup(t.Name)
	if !ok {
		d := v.add(t, t.Start, diag.Critical, "tag-undefined", "unknown tag %q", t.Name)
		d.Hint = suggestName(t.Name, v.env.Tags.Names())
		return
	}
	switch {
	case schema.Placement == BlockOnlyPlacement && t.Inline:
		v.add(t, t.Start, diag.Critical, "tag-placement-invalid", "tag %q must stand on a line of its own (it is a block tag)", t.Name)
	case schema.Placement == InlineOnlyPlacement && !t.Inline:
		v.add(t, t.Start, diag.Critical, "tag-placement-invalid", "tag %q must stand inside text (it is an inline tag)", t.Name)
	}
	if schema.SelfClosing && t.HasChildren() {
		v.add(t, t.Start, diag.Critical, "tag-selfclosing-has-children", "tag %q takes no content: write {%% %s /%%}", t.Name, t.Name)
	}
	var attrs map[string]shortcodes.Attribute
	if !schema.Generic {
		attrs = schema.Attributes
		if attrs == nil {
			attrs = map[string]shortcodes.Attribute{}
		}
	}
	v.attributes(t, t.Start, attrs, schema.Generic, t.Attrs, nil)
	if schema.Children != nil {
		for c := t.FirstChild(); c != nil; c = c.NextSibling() {
			typ := MarkdocType(c)
			if typ == "error" || contains(schema.Children, typ) {
				continue
			}
			v.add(t, blockStart(c), diag.Warning, "child-invalid", "%s cannot contain %s", t.Name, typ)
		}
	}
}

// Placement aliases keep the switch above readable.
const (
	BlockOnlyPlacement  = shortcodes.BlockOnly
	InlineOnlyPlacement = shortcodes.InlineOnly
)

// attributes validates attributes as Markdoc's annotate and validator do:
// repeats warn, class shorthands collect into an object, and each final
// value is checked against its declaration (schema nil with generic set
// accepts any name; preset names are attributes the node already has).
func (v *validator) attributes(subject ast.Node, at int, schema map[string]shortcodes.Attribute, generic bool,
	written []parser.Attr, preset map[string]bool) {
	type final struct {
		value  parser.Value
		offset int
	}
	values := map[string]final{}
	var order []string
	set := func(name string, val parser.Value, off int) {
		if _, ok := values[name]; !ok {
			order = append(order, name)
		}
		values[name] = final{val, off}
	}
	for _, a := range written {
		off := a.Offset
		if a.Class {
			cur, ok := values["class"]
			if ok {
				if obj, isObj := cur.value.(*parser.Object); isObj {
					obj.Set(a.Name, true)
					continue
				}
				v.add(subject, off, diag.Error, "attribute-type-invalid",
					"class shorthand .%s cannot be combined with class=%s: write every class in one place", a.Name, shortcodes.FormatValue(cur.value))
				continue
			}
			obj := &parser.Object{}
			obj.Set(a.Name, true)
			set("class", obj, off)
			continue
		}
		if _, dup := values[a.Name]; dup || preset[a.Name] {
			v.add(subject, off, diag.Warning, "duplicate-attribute", "attribute %q is set more than once; the last value wins", a.Name)
		}
		set(a.Name, a.Value, off)
	}
	for _, name := range order {
		f := values[name]
		decl, ok := schema[name]
		if !ok {
			decl, ok = shortcodes.GlobalAttribute(name)
		}
		if !ok {
			if generic {
				decl = shortcodes.Attribute{}
			} else {
				v.unknownAttribute(subject, f.offset, name, schema)
				continue
			}
		}
		level := decl.ErrorLevel
		if level == 0 {
			level = diag.Error
		}
		switch val := f.value.(type) {
		case *parser.Function:
			continue
		case *parser.Variable:
			v.variable(subject, f.offset, val)
			if len(decl.Matches) > 0 {
				// Markdoc compares the unresolved variable with the allowed
				// values, so it never matches.
				v.add(subject, f.offset, level, "attribute-value-invalid",
					"attribute %q must be one of %s, not the variable %s", name, formatList(decl.Matches), shortcodes.FormatValue(val))
			}
			continue
		}
		if sig, ok := f.value.(parser.Sigil); ok {
			v.add(subject, f.offset, diag.Warning, "reserved-sigil",
				"attribute %q: @%s uses the @ sigil Markdoc reserves; it is passed as a plain list, not a variable: write $%s", name, sigilPath(sig), sigilPath(sig))
		}
		if !decl.Type.Matches(f.value) {
			v.add(subject, f.offset, level, "attribute-type-invalid", "attribute %q must be of type %s, not %s",
				name, decl.Type, shortcodes.FormatValue(f.value))
		}
		if len(decl.Matches) > 0 && !containsValue(decl.Matches, f.value) {
			v.add(subject, f.offset, level, "attribute-value-invalid", "attribute %q must be one of %s, not %s",
				name, formatList(decl.Matches), shortcodes.FormatValue(f.value))
		}
		if decl.Check != nil {
			for _, p := range decl.Check(f.value, envAdapter{v.env}) {
				lv := p.Level
				if decl.ErrorLevel != 0 {
					lv = decl.ErrorLevel
				}
				v.add(subject, f.offset, lv, p.ID, "%s", p.Msg)
			}
		}
	}
	for _, name := range keys(schema) {
		if schema[name].Required && !preset[name] {
			if _, ok := values[name]; !ok {
				level := schema[name].ErrorLevel
				if level == 0 {
					level = diag.Error
				}
				v.add(subject, at, level, "attribute-missing-required", "missing required attribute %q", name)
			}
		}
	}
}

// unknownAttribute reports an attribute the schema does not declare. Real
// pages pass attributes their old renderer ignored (width and height on a
// video, theme="dark"); docgen ignores them too, so this is a warning that
// names what is allowed, not an error that fails the build (Markdoc makes
// it an error: a deliberate difference, see the conformance README).
func (v *validator) unknownAttribute(subject ast.Node, at int, name string, schema map[string]shortcodes.Attribute) {
	owner := MarkdocType(subject)
	if t, ok := subject.(*Tag); ok {
		owner = t.Name
	}
	allowed := keys(schema)
	msg := fmt.Sprintf("unknown attribute %q on %s is ignored", name, owner)
	if len(allowed) > 0 {
		msg += " (allowed: " + strings.Join(allowed, ", ") + ")"
	} else {
		msg += fmt.Sprintf(" (%s takes no attributes besides class and id)", owner)
	}
	d := v.add(subject, at, diag.Warning, "attribute-undefined", "%s", msg)
	d.Hint = suggestName(name, append(allowed, "class", "id"))
}

func (v *validator) variable(subject ast.Node, at int, vr *parser.Variable) {
	if v.env.VariableDefined == nil || v.env.VariableDefined(vr.Path) {
		return
	}
	v.add(subject, at, diag.Error, "variable-undefined", "undefined variable %s", shortcodes.FormatValue(vr))
}

func sigilPath(s parser.Sigil) string {
	parts := make([]string, len(s))
	for i, p := range s {
		parts[i] = fmt.Sprint(p)
	}
	return strings.Join(parts, ".")
}

func containsValue(list []parser.Value, x parser.Value) bool {
	for _, e := range list {
		if e == x {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

func formatList(list []parser.Value) string {
	parts := make([]string, len(list))
	for i, x := range list {
		parts[i] = shortcodes.FormatValue(x)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func keys(m map[string]shortcodes.Attribute) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sortStrings(out)
	return out
}

func abbreviate(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}
