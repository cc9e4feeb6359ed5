package markdown

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"strings"
	"unicode"

	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/parser"
	"github.com/docgen/docgen/shortcodes"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// RenderEnv is what rendering a page needs from the site being built.
type RenderEnv struct {
	Tags *shortcodes.Registry
	Vars shortcodes.Vars
	// Link turns an href as written into the URL for the page; at is the
	// offset of the link or of the tag that holds it, for the build's link
	// checks.
	Link func(href string, at int) string
	// CheckLink, when set, is asked about every href before Link, with
	// the offset of the link; false means its page is not part of this
	// build (it reports why), and a Markdown link renders as its text.
	CheckLink func(href string, at int) bool
	// Image resolves an image reference; at is the offset of the reference
	// for diagnostics.
	Image func(src string, at int) (shortcodes.ImageInfo, bool)
	// Icon returns an icon's inline SVG, and whether the name was known.
	Icon func(name string) (template.HTML, bool)
	// Partial renders a partial in place; at is the offset of the tag.
	Partial func(w io.Writer, file string, vars map[string]any, at int) error
	// Highlight writes highlighted code; known is false for an unknown
	// language (written as plain text).
	Highlight func(w io.Writer, code, lang string) (known bool, err error)
	// Report records a diagnostic; File is already set.
	Report func(d *diag.Diagnostic)
	// Headings collects the page's headings, shared by a page and the
	// partials it includes so that ids stay unique across them.
	Headings *Headings

	// Live reports whether a variable path names one of the page's live
	// variables (values the reader fills in), with its id and the example
	// value the build shows.
	Live func(path []any) (id, example string, ok bool)
	// LiveState is shared by a page and its partials.
	LiveState *LiveState
	// HighlightMarked highlights code with live values marked.
	HighlightMarked func(w io.Writer, code, lang string, marks []Mark) (known bool, err error)
	// CheckSnippet checks a snippet filled with example values; line and
	// col are 1-based within the snippet.
	CheckSnippet func(lang, code string) (line, col int, msg string, bad bool)
	// LiveForm writes the panel where readers enter their values, listing
	// the given variables (and what derived ones need).
	LiveForm func(w io.Writer, ids []string) error
	// AutoLiveForm asks Render to place the panel before the first use of
	// a live value when the page has no liveForm tag (set for pages, not
	// for the partials they include).
	AutoLiveForm bool
}

// Mark is a live value's byte range in a code snippet.
type Mark struct {
	Start, End int
	ID         string
}

// LiveState records the live values a page uses.
type LiveState struct {
	Used       []string // ids, in order of first use
	used       map[string]bool
	FormPlaced bool
}

func (s *LiveState) use(id string) {
	if s.used == nil {
		s.used = map[string]bool{}
	}
	if !s.used[id] {
		s.used[id] = true
		s.Used = append(s.Used, id)
	}
}

// Headings are the headings of a rendered page.
type Headings struct {
	List []Heading
	ids  map[string]int
}

// Heading is one heading of a page.
type Heading struct {
	Level int
	ID    string
	Text  string
	// opens is set for a heading that starts a section of the page, which
	// the headings tags write go below: a Markdown heading outside any
	// tag, or a tag's heading that asks to (Context.Heading).
	opens bool
}

// HasID reports whether the page has an element with this heading id.
func (h *Headings) HasID(id string) bool {
	_, ok := h.ids[id]
	return ok
}

// unique returns id, or id-1, id-2... when it is taken.
func (h *Headings) unique(id string) string {
	if h.ids == nil {
		h.ids = map[string]int{}
	}
	n, taken := h.ids[id]
	if !taken {
		h.ids[id] = 0
		return id
	}
	for {
		n++
		cand := fmt.Sprintf("%s-%d", id, n)
		if _, used := h.ids[cand]; !used {
			h.ids[id] = n
			h.ids[cand] = 0
			return cand
		}
	}
}

// Render writes the HTML of a parsed page (or partial) to w.
func Render(w io.Writer, page *Page, env *RenderEnv) error {
	if env.Headings == nil {
		env.Headings = &Headings{}
	}
	nr := &nodeRenderer{page: page, env: env}
	r := renderer.NewRenderer(renderer.WithNodeRenderers(
		util.Prioritized(html.NewRenderer(), 1000),
		// Alignment as a class-free align attribute: goldmark's default, a
		// style attribute, is blocked under a strict CSP and the column
		// alignment silently lost.
		util.Prioritized(extension.NewTableHTMLRenderer(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)), 500),
		util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500),
		util.Prioritized(nr, 100),
	))
	nr.r = r
	if page.Refused != nil {
		_, err := fmt.Fprintf(w, `<div class="dg-unknown-tag" role="note">This page was not rendered: %s</div>`,
			template.HTMLEscapeString(page.Refused.Msg))
		return err
	}
	if env.LiveState == nil {
		env.LiveState = &LiveState{}
	}
	if !env.AutoLiveForm || env.LiveForm == nil {
		return r.Render(asBufWriter(w), page.File.Src, page.Doc)
	}
	// Render block by block, remembering where each starts, so the values
	// panel can go before the block that first uses a live value, even
	// when that use comes from a partial. A bytes.Buffer is rendered into
	// directly, else a buffer of our own.
	buf, direct := w.(*bytes.Buffer)
	if !direct {
		buf = new(bytes.Buffer)
	}
	base := buf.Len()
	insertAt := -1
	for c := page.Doc.FirstChild(); c != nil; c = c.NextSibling() {
		start := buf.Len()
		before := len(env.LiveState.Used)
		if err := r.Render(bufWriter{buf}, page.File.Src, c); err != nil {
			return err
		}
		if insertAt < 0 && before == 0 && len(env.LiveState.Used) > 0 {
			insertAt = start
		}
	}
	if insertAt >= 0 && !env.LiveState.FormPlaced {
		var form bytes.Buffer
		if err := env.LiveForm(&form, nil); err != nil {
			return err
		}
		rest := bytes.Clone(buf.Bytes()[insertAt:])
		buf.Truncate(insertAt)
		buf.Write(form.Bytes())
		buf.Write(rest)
	}
	if direct {
		return nil
	}
	_, err := w.Write(buf.Bytes()[base:])
	return err
}

type nodeRenderer struct {
	page *Page
	env  *RenderEnv
	r    renderer.Renderer
	// unlinked holds the links CheckLink refused, rendered as text; the
	// tree is shared by concurrent renders, so this is not kept on it.
	unlinked map[ast.Node]bool
	// quiet is set while values are evaluated a second time (a tag's
	// children described for its renderer), so a failing call is
	// reported once, where the value is rendered.
	quiet bool
}

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindTag, r.renderTag)
	reg.Register(KindInterpolation, r.renderInterpolation)
	reg.Register(KindTagError, r.renderTagError)
	reg.Register(KindAnnotation, skip)
	reg.Register(KindComment, skip)
	reg.Register(KindFenceText, skip)
	reg.Register(ast.KindHeading, r.renderHeading)
	reg.Register(ast.KindLink, r.renderLink)
	reg.Register(ast.KindImage, r.renderImage)
	reg.Register(ast.KindFencedCodeBlock, r.renderFence)
	reg.Register(east.KindTable, r.renderTable)
}

func skip(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	return ast.WalkSkipChildren, nil
}

// render writes the HTML of n, a node of the page, to w.
func (r *nodeRenderer) render(w io.Writer, n ast.Node) error {
	return r.r.Render(asBufWriter(w), r.page.File.Src, n)
}

// bufWriter is a bytes.Buffer as the util.BufWriter goldmark renders to.
// Given any other writer, goldmark's Render wraps it in a new 4 KB
// bufio.Writer, then copies what it buffered: for a page rendered block
// by block, and for the content of every tag, that was most of what
// rendering allocated.
type bufWriter struct{ *bytes.Buffer }

func (bufWriter) Buffered() int { return 0 }
func (bufWriter) Flush() error  { return nil }

var _ util.BufWriter = bufWriter{}

// asBufWriter returns w as a bufWriter when it is a bytes.Buffer.
func asBufWriter(w io.Writer) io.Writer {
	if b, ok := w.(*bytes.Buffer); ok {
		return bufWriter{b}
	}
	return w
}

func (r *nodeRenderer) report(at int, level diag.Level, id, format string, args ...any) {
	if r.env.Report != nil {
		r.env.Report(&diag.Diagnostic{File: r.page.File, Offset: at, Level: level, ID: id, Msg: fmt.Sprintf(format, args...)})
	}
}

func (r *nodeRenderer) children(w io.Writer, n ast.Node) error {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if err := r.render(w, c); err != nil {
			return err
		}
	}
	return nil
}

// eval evaluates a value, reporting a failing function call at the node.
func (r *nodeRenderer) eval(v parser.Value, at int) any {
	x, err := shortcodes.Eval(v, r.env.Vars)
	if err != nil && !r.quiet {
		r.report(at, diag.Error, "function-invalid", "%v", err)
	}
	return x
}

func (r *nodeRenderer) renderInterpolation(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*Interpolation)
		if id, example, ok := r.live(n); ok {
			fmt.Fprintf(w, `<var class="dg-live" data-live="%s">%s</var>`, template.HTMLEscapeString(id), template.HTMLEscapeString(example))
			return ast.WalkSkipChildren, nil
		}
		_, _ = w.WriteString(template.HTMLEscapeString(shortcodes.Format(r.eval(n.Value, n.Start))))
	}
	return ast.WalkSkipChildren, nil
}

// live reports whether an interpolation is a live value, recording its use.
func (r *nodeRenderer) live(n *Interpolation) (id, example string, ok bool) {
	v, isVar := n.Value.(*parser.Variable)
	if !isVar || r.env.Live == nil {
		return "", "", false
	}
	id, example, ok = r.env.Live(v.Path)
	if ok {
		r.env.LiveState.use(id)
	}
	return id, example, ok
}

func (r *nodeRenderer) renderTagError(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*TagError)
		placeholder(w, !n.Inline, "invalid tag: "+strings.TrimSpace(n.Raw[2:len(n.Raw)-2]))
	}
	return ast.WalkSkipChildren, nil
}

// placeholder writes the visible stand-in for a tag that cannot render:
// marked, never dropped, and never shown as raw tag syntax.
func placeholder(w util.BufWriter, block bool, label string) {
	label = template.HTMLEscapeString(label)
	if block {
		_, _ = w.WriteString(`<div class="dg-unknown-tag" role="note">` + label + "</div>\n")
	} else {
		_, _ = w.WriteString(`<span class="dg-unknown-tag">` + label + "</span>")
	}
}

func (r *nodeRenderer) renderTag(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	t := node.(*Tag)
	if t.Orphan {
		return ast.WalkSkipChildren, nil
	}
	switch t.Name {
	case "if":
		return ast.WalkSkipChildren, r.renderIf(w, t)
	case "else":
		return ast.WalkSkipChildren, nil // handled by the enclosing if
	}
	schema, ok := r.env.Tags.Lookup(t.Name)
	if !ok {
		if !t.Inline {
			_, _ = w.WriteString(`<div class="dg-unknown-tag" role="note"><p class="dg-unknown-tag__label">`)
			_, _ = w.WriteString(template.HTMLEscapeString("Unsupported tag: " + t.Name))
			_, _ = w.WriteString("</p>\n")
			err := r.children(w, t)
			_, _ = w.WriteString("</div>\n")
			return ast.WalkSkipChildren, err
		}
		placeholder(w, false, "unsupported tag: "+t.Name)
		return ast.WalkSkipChildren, r.children(w, t)
	}
	if schema.Render == nil {
		return ast.WalkSkipChildren, r.children(w, t)
	}
	call := &shortcodes.Call{
		Name:       t.Name,
		Attrs:      r.attrs(t),
		Inline:     t.Inline,
		HasContent: t.HasChildren(),
		Content:    func(cw io.Writer) error { return r.children(cw, t) },
		Children:   r.childList(t),
		Ctx:        &tagContext{r: r, at: t.Start},
	}
	if err := schema.Render(w, call); err != nil {
		return ast.WalkStop, err
	}
	return ast.WalkSkipChildren, nil
}

// childList describes a tag's children for renderers that lay them out one
// by one.
func (r *nodeRenderer) childList(t *Tag) []shortcodes.Child {
	r.quiet = true
	defer func() { r.quiet = false }()
	var out []shortcodes.Child
	for c := t.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(*Comment); ok {
			continue
		}
		node := c
		ch := shortcodes.Child{Type: MarkdocType(c), Render: func(w io.Writer) error { return r.render(w, node) }}
		switch c := c.(type) {
		case *Tag:
			ch.Name, ch.Attrs = c.Name, r.attrs(c)
		case *ast.FencedCodeBlock:
			ch.Lang, ch.Attrs = fenceLanguage(c), r.fenceAttrs(c)
		}
		out = append(out, ch)
	}
	return out
}

// fenceLanguage is the fence's language: its info string up to the first
// space, without an info-string tag.
func fenceLanguage(f *ast.FencedCodeBlock) string {
	lang := Info(f).Language
	if i := strings.Index(lang, "{%"); i >= 0 {
		lang = strings.TrimSpace(lang[:i])
	}
	return lang
}

// fenceAttrs evaluates the attributes of the tag in a fence's info string
// ({% srNumber=2 %}).
func (r *nodeRenderer) fenceAttrs(f *ast.FencedCodeBlock) map[string]any {
	info := Info(f)
	if len(info.Attrs) == 0 {
		return nil
	}
	out := make(map[string]any, len(info.Attrs))
	for _, a := range info.Attrs {
		if !a.Class {
			out[a.Name] = r.eval(a.Value, a.Offset)
		}
	}
	return out
}

// joinedFence reports whether a fence stands in a tag whose schema joins
// fences into one listing (codeBlock); the nearest tag other than a
// conditional decides.
func (r *nodeRenderer) joinedFence(f *ast.FencedCodeBlock) bool {
	for p := f.Parent(); p != nil; p = p.Parent() {
		t, ok := p.(*Tag)
		if !ok {
			continue
		}
		if t.Name == "if" {
			continue
		}
		s, ok := r.env.Tags.Lookup(t.Name)
		return ok && s.JoinsFences
	}
	return false
}

// attrs evaluates a tag's attributes, last value winning and .class
// shorthands merged into "class".
func (r *nodeRenderer) attrs(t *Tag) map[string]any {
	out := make(map[string]any, len(t.Attrs))
	var classes []string
	for _, a := range t.Attrs {
		if a.Class {
			classes = append(classes, a.Name)
			continue
		}
		out[a.Name] = r.eval(a.Value, a.Offset)
	}
	if len(classes) > 0 {
		if s, ok := out["class"].(string); ok && s != "" {
			classes = append([]string{s}, classes...)
		}
		out["class"] = strings.Join(classes, " ")
	}
	return out
}

// renderIf renders the first branch whose condition holds: the if's own
// primary value, then each else's (an else without one always holds).
func (r *nodeRenderer) renderIf(w io.Writer, t *Tag) error {
	cond := true
	if v, ok := t.Attr("primary"); ok {
		cond = shortcodes.Truthy(r.eval(v, t.Start))
	} else {
		cond = false
	}
	for c := t.FirstChild(); c != nil; c = c.NextSibling() {
		if e, ok := c.(*Tag); ok && e.Name == "else" && e.Syntax == parser.SelfClosing {
			if cond {
				return nil
			}
			cond = true
			if v, ok := e.Attr("primary"); ok {
				cond = shortcodes.Truthy(r.eval(v, e.Start))
			}
			continue
		}
		if cond {
			if err := r.render(w, c); err != nil {
				return err
			}
		}
	}
	return nil
}

// tagContext is shortcodes.Context for one tag.
type tagContext struct {
	r  *nodeRenderer
	at int
}

func (c *tagContext) Link(href string) string {
	if c.r.env.CheckLink != nil {
		// A tag's link to a page this build leaves out is reported; the
		// tag still gets the URL, as it has no text-only form.
		c.r.env.CheckLink(href, c.at)
	}
	if c.r.env.Link == nil {
		return href
	}
	return c.r.env.Link(href, c.at)
}

func (c *tagContext) Image(src string) (shortcodes.ImageInfo, bool) {
	if c.r.env.Image == nil {
		return shortcodes.ImageInfo{URL: src}, false
	}
	return c.r.env.Image(src, c.at)
}

func (c *tagContext) Icon(name string) template.HTML {
	if c.r.env.Icon == nil {
		return ""
	}
	svg, ok := c.r.env.Icon(name)
	if !ok {
		c.Warn("icon-unknown", "unknown icon %q; a generic icon is shown instead", name)
	}
	return svg
}

func (c *tagContext) Partial(w io.Writer, file string, vars map[string]any) error {
	if c.r.env.Partial == nil {
		return nil
	}
	return c.r.env.Partial(w, file, vars, c.at)
}

func (c *tagContext) LiveForm(w io.Writer, ids []string) error {
	if c.r.env.LiveForm == nil {
		return nil
	}
	c.r.env.LiveState.FormPlaced = true
	return c.r.env.LiveForm(w, ids)
}

func (c *tagContext) Heading(text string, section bool) (level int, id string) {
	h := c.r.env.Headings
	level = 2
	if section {
		level = 1
	}
	for i := len(h.List) - 1; i >= 0; i-- {
		// Below the section the tag is in: the headings of earlier steps
		// are its siblings, and a heading inside the content of a tag
		// (the text between two steps) does not open a section.
		if h.List[i].opens {
			level = min(h.List[i].Level+1, 6)
			break
		}
	}
	if id = HeadingID(text); id != "" {
		id = h.unique(id)
	}
	h.List = append(h.List, Heading{Level: level, ID: id, Text: text, opens: section})
	return level, id
}

func (c *tagContext) Warn(id, format string, args ...any) {
	c.r.report(c.at, diag.Warning, id, format, args...)
}

// HeadingID returns the id the docs' rule gives a heading's text: lower
// case, runs of white space as "-", "?" dropped, other punctuation kept
// ("1. Create a directory" → "1.-create-a-directory"), as real links into
// these docs expect.
func HeadingID(text string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.TrimSpace(text) {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case r == '?':
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte('-')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// plainText returns the text of inline content as a reader sees it.
func (r *nodeRenderer) plainText(n ast.Node) string {
	var b strings.Builder
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				b.Write(unescapeText(c.Segment.Value(r.page.File.Src)))
				if c.SoftLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(c.Value)
			case *Interpolation:
				b.WriteString(shortcodes.Format(r.eval(c.Value, c.Start)))
			case *Tag, *TagError, *Comment, *Annotation:
				if t, ok := c.(*Tag); ok && t.Name != "if" {
					walk(c)
				}
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}

func unescapeText(b []byte) []byte {
	b = util.UnescapePunctuations(b)
	b = util.ResolveNumericReferences(b)
	return util.ResolveEntityNames(b)
}

func (r *nodeRenderer) renderHeading(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	if !entering {
		fmt.Fprintf(w, "</h%d>\n", n.Level)
		return ast.WalkContinue, nil
	}
	text := strings.TrimSpace(r.plainText(n))
	id := ""
	if v, ok := n.AttributeString("id"); ok {
		id, _ = v.(string)
	}
	if id == "" {
		id = HeadingID(text)
	}
	if id != "" {
		id = r.env.Headings.unique(id)
	}
	r.env.Headings.List = append(r.env.Headings.List, Heading{Level: n.Level, ID: id, Text: text, opens: !inTag(n)})
	fmt.Fprintf(w, "<h%d", n.Level)
	if id != "" {
		fmt.Fprintf(w, ` id="%s"`, template.HTMLEscapeString(id))
	}
	if v, ok := n.AttributeString("class"); ok {
		fmt.Fprintf(w, ` class="%s"`, template.HTMLEscapeString(fmt.Sprint(v)))
	}
	_ = w.WriteByte('>')
	if id != "" && n.Level > 1 {
		fmt.Fprintf(w, `<a class="dg-anchor" href="#%s" aria-hidden="true" tabindex="-1">#</a>`, template.HTMLEscapeString(id))
	}
	return ast.WalkContinue, nil
}

// inTag reports whether n is in the content of a tag.
func inTag(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*Tag); ok {
			return true
		}
	}
	return false
}

func (r *nodeRenderer) renderLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		if r.unlinked[n] {
			_, _ = w.WriteString("</span>")
		} else {
			_, _ = w.WriteString("</a>")
		}
		return ast.WalkContinue, nil
	}
	href := string(n.Destination)
	if r.env.CheckLink != nil && !r.env.CheckLink(href, StartOffset(n)) {
		if r.unlinked == nil {
			r.unlinked = map[ast.Node]bool{}
		}
		r.unlinked[n] = true
		_, _ = w.WriteString(`<span class="dg-link-unavailable">`)
		return ast.WalkContinue, nil
	}
	if r.env.Link != nil {
		href = r.env.Link(href, linkOffset(src, n))
	}
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.WriteString(template.HTMLEscapeString(href))
	_ = w.WriteByte('"')
	if len(n.Title) > 0 {
		_, _ = w.WriteString(` title="` + template.HTMLEscapeString(string(n.Title)) + `"`)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) renderImage(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	img := shortcodes.ImageInfo{URL: string(n.Destination)}
	if r.env.Image != nil {
		img, _ = r.env.Image(string(n.Destination), StartOffset(n.Parent()))
	}
	alt := r.plainText(n)
	fmt.Fprintf(w, `<img src="%s" alt="%s"`, template.HTMLEscapeString(img.URL), template.HTMLEscapeString(alt))
	if img.Width > 0 && img.Height > 0 {
		fmt.Fprintf(w, ` width="%d" height="%d"`, img.Width, img.Height)
	}
	if len(n.Title) > 0 {
		fmt.Fprintf(w, ` title="%s"`, template.HTMLEscapeString(string(n.Title)))
	}
	_, _ = w.WriteString(` loading="lazy" decoding="async">`)
	return ast.WalkSkipChildren, nil
}

func (r *nodeRenderer) renderTable(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<div class=\"dg-table\"><table>\n")
	} else {
		_, _ = w.WriteString("</table></div>\n")
	}
	return ast.WalkContinue, nil
}

// snippetOffset maps a 1-based line and column of a fence's filled code to
// a source offset: the line of the fence it came from (tags alone on their
// lines shift it slightly; the column is kept within that line).
func (r *nodeRenderer) snippetOffset(f *ast.FencedCodeBlock, line, col int) int {
	lines := f.Lines()
	if lines.Len() == 0 {
		return StartOffset(f)
	}
	i := min(max(line-1, 0), lines.Len()-1)
	seg := lines.At(i)
	return min(seg.Start+max(col-1, 0), max(seg.Stop-1, seg.Start))
}

// FenceCode returns the code of a fence as the reader gets it: its text,
// with interpolations filled in and conditional parts chosen.
func (r *nodeRenderer) fenceCode(f *ast.FencedCodeBlock) (string, []Mark) {
	if !f.HasChildren() {
		lines := f.Lines()
		n := 0
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			n += seg.Len()
		}
		var b strings.Builder
		b.Grow(n)
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			b.Write(seg.Value(r.page.File.Src))
		}
		return b.String(), nil
	}
	var b strings.Builder
	var marks []Mark
	r.fenceText(&b, f, &marks)
	return b.String(), marks
}

func (r *nodeRenderer) fenceText(b *strings.Builder, n ast.Node, marks *[]Mark) {
	cond, inIf := true, false
	if t, ok := n.(*Tag); ok && t.Name == "if" {
		inIf = true
		cond = false
		if v, ok := t.Attr("primary"); ok {
			cond = shortcodes.Truthy(r.eval(v, t.Start))
		}
	}
	done := false
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if inIf {
			if e, ok := c.(*Tag); ok && e.Name == "else" {
				if cond {
					done = true
				}
				cond = true
				if v, ok := e.Attr("primary"); ok {
					cond = shortcodes.Truthy(r.eval(v, e.Start))
				}
				continue
			}
			if done || !cond {
				continue
			}
		}
		switch c := c.(type) {
		case *FenceText:
			b.WriteString(c.Value)
		case *Interpolation:
			if id, example, ok := r.live(c); ok {
				start := b.Len()
				b.WriteString(example)
				*marks = append(*marks, Mark{Start: start, End: b.Len(), ID: id})
				continue
			}
			b.WriteString(shortcodes.Format(r.eval(c.Value, c.Start)))
		case *TagError:
			b.WriteString(c.Raw)
		case *Tag:
			r.fenceText(b, c, marks)
		}
	}
}

func (r *nodeRenderer) renderFence(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	f := node.(*ast.FencedCodeBlock)
	lang := fenceLanguage(f)
	code, marks := r.fenceCode(f)
	esc := template.HTMLEscapeString(lang)
	// A fence with an srNumber, or inside a codeBlock, is a piece of one
	// listing: no toolbar of its own, and its number shown beside it so
	// the explanation of the same number can be found without script.
	attrs := r.fenceAttrs(f)
	sr := ""
	if v, ok := attrs["srNumber"]; ok && v != nil {
		sr = shortcodes.Format(v)
	}
	chunk := sr != "" || r.joinedFence(f)
	if v, ok := attrs["isCodeBlock"].(bool); ok {
		chunk = v
	}
	_, _ = w.WriteString(`<div class="dg-code`)
	if chunk {
		_, _ = w.WriteString(` dg-code--chunk`)
	}
	_ = w.WriteByte('"')
	if lang != "" {
		fmt.Fprintf(w, ` data-lang="%s"`, esc)
	}
	if sr != "" {
		fmt.Fprintf(w, ` data-sr="%s"`, template.HTMLEscapeString(sr))
	}
	if len(marks) > 0 {
		_, _ = w.WriteString(` data-live-code`)
	}
	_ = w.WriteByte('>')
	if !chunk {
		_, _ = w.WriteString(`<div class="dg-code__bar"><span class="dg-code__lang">`)
		_, _ = w.WriteString(esc)
		_, _ = w.WriteString(`</span><button type="button" class="dg-copy" hidden>Copy</button></div>`)
	}
	if sr != "" {
		fmt.Fprintf(w, `<span class="dg-code__sr"><span class="dg-visually-hidden">Code for explanation </span>%s</span>`, template.HTMLEscapeString(sr))
	}
	// A piece of a listing is rarely valid on its own (an indented YAML
	// fragment), so only whole snippets are checked.
	if len(marks) > 0 && r.env.CheckSnippet != nil && !chunk {
		if line, col, msg, bad := r.env.CheckSnippet(lang, code); bad {
			r.report(r.snippetOffset(f, line, col), diag.Error, "snippet-invalid",
				"this %s snippet is not valid once filled with the example values: %s", lang, msg)
		}
	}
	// The highlighter writes a block straight into a bytes.Buffer.
	var hw io.Writer = w
	if b, ok := w.(bufWriter); ok {
		hw = b.Buffer
	}
	if len(marks) > 0 && r.env.HighlightMarked != nil {
		if _, err := r.env.HighlightMarked(hw, code, lang, marks); err != nil {
			return ast.WalkStop, err
		}
	} else if r.env.Highlight != nil {
		if _, err := r.env.Highlight(hw, code, lang); err != nil {
			return ast.WalkStop, err
		}
	} else {
		_, _ = w.WriteString(`<pre><code>` + template.HTMLEscapeString(code) + `</code></pre>`)
	}
	_, _ = w.WriteString("</div>\n")
	return ast.WalkSkipChildren, nil
}

// linkOffset is where a Markdown link starts: its "[" when the source has
// one before the text.
func linkOffset(src []byte, n ast.Node) int {
	at := StartOffset(n)
	if at > 0 && at <= len(src) && src[at-1] == '[' {
		at--
	}
	return at
}
