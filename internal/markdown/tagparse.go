package markdown

import (
	"bytes"

	"github.com/docgen/docgen/parser"
	"github.com/yuin/goldmark/ast"
	gparser "github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// newConstruct turns parsed tag content into its node. contentStart maps an
// offset in content to a source offset, for the error position.
func newConstruct(t parser.Tag, sp span, raw []byte, contentStart func(int) int) ast.Node {
	for i := range t.Attrs {
		t.Attrs[i].Offset = contentStart(t.Attrs[i].Offset)
	}
	switch t.Kind {
	case parser.Interpolation:
		return &Interpolation{span: sp, Value: t.Value}
	case parser.Annotation:
		return &Annotation{span: sp, Attrs: t.Attrs}
	case parser.Open, parser.Close, parser.SelfClosing:
		return &Tag{span: sp, Name: t.Name, Attrs: t.Attrs, Syntax: t.Kind, CloseStart: -1, CloseEnd: -1}
	}
	return &TagError{span: sp, Err: t.Err, ErrOffset: contentStart(t.Err.Offset), Raw: string(raw)}
}

// delimsAt returns the delimiters that open a tag at the start of b.
func delimsAt(b []byte, alias bool) (parser.Delims, bool) {
	if len(b) < 2 {
		return parser.Delims{}, false
	}
	switch {
	case b[0] == '{' && b[1] == '%':
		return parser.Braces, true
	case alias && b[0] == '<' && b[1] == '%':
		return parser.Angles, true
	}
	return parser.Delims{}, false
}

// tagBlockParser reads a tag that stands alone on its line (or on several
// lines) as a block, as Markdoc's "annotations" block rule does: the line
// must start with the delimiter and the tag must end the line; a tag that
// ends on a later line takes all the lines up to its end, and text after it
// on its last line is dropped (Markdoc does the same; docgen warns).
type tagBlockParser struct {
	alias bool
}

func (p *tagBlockParser) Trigger() []byte {
	if p.alias {
		return []byte{'{', '<'}
	}
	return []byte{'{'}
}

func (p *tagBlockParser) Open(parent ast.Node, reader text.Reader, pc gparser.Context) (ast.Node, gparser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 {
		return nil, gparser.NoChildren
	}
	d, ok := delimsAt(line[pos:], p.alias)
	if !ok {
		return nil, gparser.NoChildren
	}
	src := reader.Source()
	start := seg.Start - seg.Padding + pos
	end := finderFor(pc, src, d).End(start + 2)
	if end < 0 {
		return nil, gparser.NoChildren
	}
	lineEnd := seg.Stop
	if end+2 <= lineEnd && !isJSBlank(src[end+2:lineEnd]) {
		return nil, gparser.NoChildren // text follows: an inline tag
	}
	if pc.BlockIndent() >= 4 {
		// Indented four or more, the line continues an open paragraph
		// lazily, as in markdown-it; the tag is then inline.
		if last := pc.LastOpenedBlock(); last.Node != nil && last.Node.Kind() == ast.KindParagraph {
			return nil, gparser.NoChildren
		}
	}
	content := src[start+2 : end]
	if i, j := trimSpan(content); i < j && content[i] == '$' {
		// A lone variable is inline content: it does not interrupt a
		// paragraph and becomes one of its own.
		return nil, gparser.NoChildren
	}
	t := parser.Parse(string(content))
	sp := span{Start: start, End: end + 2}
	n := newConstruct(t, sp, src[start:end+2], func(o int) int { return start + 2 + o })
	n.(spanned).setPending(bytes.Count(src[start:end], []byte{'\n'}))
	if end+2 > lineEnd {
		// A tag that ends on a later line ends the block there; Markdoc
		// drops whatever follows it on that line. Keep where, to warn.
		last := end + 2
		for last < len(src) && src[last] != '\n' {
			last++
		}
		if !isJSBlank(src[end+2 : last]) {
			first := end + 2
			for src[first] == ' ' || src[first] == '\t' {
				first++
			}
			n.(spanned).setDropped(first)
		}
	}
	reader.AdvanceToEOL()
	return n, gparser.NoChildren
}

func (p *tagBlockParser) Continue(node ast.Node, reader text.Reader, pc gparser.Context) gparser.State {
	return continueLines(node, reader)
}

// continueLines consumes the remaining lines of a construct that spans
// several lines. The count lives in the node: several such blocks can be
// open at once in nested containers.
func continueLines(node ast.Node, reader text.Reader) gparser.State {
	sp := node.(spanned)
	if sp.pendingLines() == 0 {
		return gparser.Close
	}
	sp.setPending(sp.pendingLines() - 1)
	reader.AdvanceToEOL()
	return gparser.Continue | gparser.NoChildren
}

func (p *tagBlockParser) Close(node ast.Node, reader text.Reader, pc gparser.Context) {}

func (p *tagBlockParser) CanInterruptParagraph() bool { return true }

// CanAcceptIndentedLine is true because Markdoc disables indented code: a
// tag indented four spaces is still a tag.
func (p *tagBlockParser) CanAcceptIndentedLine() bool { return true }

// isJSBlank reports whether b holds only JavaScript white space, which is
// what Markdoc trims when it checks that a tag ends its line.
func isJSBlank(b []byte) bool {
	i, j := parser.TrimJS(string(b))
	return i == j
}

// trimSpan returns the bounds of b without JavaScript white space.
func trimSpan(b []byte) (int, int) {
	i, j := 0, len(b)
	for i < j && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n') {
		i++
	}
	for j > i && (b[j-1] == ' ' || b[j-1] == '\t' || b[j-1] == '\n') {
		j--
	}
	return i, j
}

// tagInlineParser reads tags inside inline content. A tag may span the lines
// of its paragraph.
type tagInlineParser struct {
	alias bool
}

func (p *tagInlineParser) Trigger() []byte {
	if p.alias {
		return []byte{'{', '<'}
	}
	return []byte{'{'}
}

func (p *tagInlineParser) Parse(parent ast.Node, block text.Reader, pc gparser.Context) ast.Node {
	line, seg := block.PeekLine()
	d, ok := delimsAt(line, p.alias)
	if !ok {
		return nil
	}
	start := seg.Start
	end := finderFor(pc, block.Source(), d).End(start + 2)
	if end < 0 || end >= blockStop(pc, parent, block) {
		return nil
	}
	if end+2 <= seg.Stop {
		block.Advance(end + 2 - start)
		return p.construct(line[:end+2-start], span{Start: start, End: end + 2, Inline: true},
			func(o int) int { return start + 2 + o })
	}
	// The tag ends on a later line of the block. Join the lines as
	// Markdoc's inline content joins them (without container prefixes),
	// remembering where each came from.
	l0, pos0 := block.Position()
	buf := append([]byte(nil), line...)
	type piece struct{ at, src int }
	pieces := []piece{{0, seg.Start}}
	for {
		block.AdvanceLine()
		line, seg = block.PeekLine()
		if line == nil || seg.Start > end {
			block.SetPosition(l0, pos0)
			return nil
		}
		at := len(buf)
		buf = append(buf, line...)
		pieces = append(pieces, piece{at, seg.Start})
		if end+2 > seg.Stop {
			continue
		}
		block.Advance(end + 2 - seg.Start)
		toSource := func(o int) int {
			for i := len(pieces) - 1; i >= 0; i-- {
				if o >= pieces[i].at {
					return pieces[i].src + o - pieces[i].at
				}
			}
			return start + o
		}
		bufEnd := at + end - seg.Start
		return p.construct(buf[:bufEnd+2], span{Start: start, End: end + 2, Inline: true},
			func(o int) int { return toSource(2 + o) })
	}
}

// finders holds, for one parse, a Finder per delimiter pair over the
// page source, so that every tag end is found in linear time overall.
type finders map[parser.Delims]*parser.Finder

var findersKey = gparser.NewContextKey()

func finderFor(pc gparser.Context, src []byte, d parser.Delims) *parser.Finder {
	fs, _ := pc.Get(findersKey).(finders)
	if fs == nil {
		fs = finders{}
		pc.Set(findersKey, fs)
	}
	f := fs[d]
	if f == nil {
		f = parser.NewFinder(src, d)
		fs[d] = f
	}
	return f
}

// blockStops caches, per block, the source offset where its inline content
// ends, so that finding it costs one walk over the block's lines however
// many tags it holds.
type blockStops map[ast.Node]int

var blockStopsKey = gparser.NewContextKey()

func blockStop(pc gparser.Context, parent ast.Node, block text.Reader) int {
	stops, _ := pc.Get(blockStopsKey).(blockStops)
	if stops == nil {
		stops = blockStops{}
		pc.Set(blockStopsKey, stops)
	}
	if stop, ok := stops[parent]; ok {
		return stop
	}
	l0, pos0 := block.Position()
	stop := 0
	for {
		line, seg := block.PeekLine()
		if line == nil {
			break
		}
		stop = seg.Stop
		block.AdvanceLine()
	}
	block.SetPosition(l0, pos0)
	stops[parent] = stop
	return stop
}

func (p *tagInlineParser) construct(raw []byte, sp span, contentStart func(int) int) ast.Node {
	t := parser.Parse(string(raw[2 : len(raw)-2]))
	return newConstruct(t, sp, raw, contentStart)
}

// commentBlockParser reads <!-- ... --> starting a line as Markdoc's comments
// plugin does: the comment takes every line up to its end.
type commentBlockParser struct{}

func (p *commentBlockParser) Trigger() []byte { return []byte{'<'} }

func (p *commentBlockParser) Open(parent ast.Node, reader text.Reader, pc gparser.Context) (ast.Node, gparser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || !bytes.HasPrefix(line[pos:], []byte("<!--")) {
		return nil, gparser.NoChildren
	}
	src := reader.Source()
	start := seg.Start - seg.Padding + pos
	end := commentEnd(pc, src, start)
	if end < 0 {
		return nil, gparser.NoChildren
	}
	var body []byte // "<!-->" and "<!--->": the close overlaps the open
	if end > start+4 {
		body = src[start+4 : end]
	}
	n := &Comment{span: span{Start: start, End: end + 3}, Content: string(bytes.TrimSpace(body))}
	n.setPending(bytes.Count(body, []byte{'\n'}))
	reader.AdvanceToEOL()
	return n, gparser.NoChildren
}

func (p *commentBlockParser) Continue(node ast.Node, reader text.Reader, pc gparser.Context) gparser.State {
	return continueLines(node, reader)
}

func (p *commentBlockParser) Close(node ast.Node, reader text.Reader, pc gparser.Context) {}

func (p *commentBlockParser) CanInterruptParagraph() bool { return true }
func (p *commentBlockParser) CanAcceptIndentedLine() bool { return true }

// commentInlineParser reads <!-- ... --> inside inline content.
type commentInlineParser struct{}

func (p *commentInlineParser) Trigger() []byte { return []byte{'<'} }

func (p *commentInlineParser) Parse(parent ast.Node, block text.Reader, pc gparser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("<!--")) {
		return nil
	}
	start := seg.Start
	end := commentEnd(pc, block.Source(), start)
	if end < 0 || end >= blockStop(pc, parent, block) {
		return nil
	}
	l0, pos0 := block.Position()
	var body []byte
	for {
		from := max(seg.Start, start+4)
		if to := min(seg.Stop, end); to > from {
			body = append(body, block.Source()[from:to]...)
		}
		if end+3 <= seg.Stop {
			block.Advance(end + 3 - seg.Start)
			return &Comment{span: span{Start: start, End: end + 3, Inline: true},
				Content: string(bytes.TrimSpace(body))}
		}
		block.AdvanceLine()
		line, seg = block.PeekLine()
		if line == nil || seg.Start > end {
			block.SetPosition(l0, pos0)
			return nil
		}
	}
}

// commentSearch remembers the last search for "-->", so that a page with
// many unclosed "<!--" is scanned once, not once per opener.
type commentSearch struct{ from, end int }

var commentSearchKey = gparser.NewContextKey()

// commentEnd returns the offset of the first "-->" at or after from, or -1.
func commentEnd(pc gparser.Context, src []byte, from int) int {
	if c, ok := pc.Get(commentSearchKey).(*commentSearch); ok && from >= c.from && (c.end < 0 || from <= c.end) {
		return c.end
	}
	end := bytes.Index(src[from:], []byte("-->"))
	if end >= 0 {
		end += from
	}
	pc.Set(commentSearchKey, &commentSearch{from: from, end: end})
	return end
}

// indentedParagraphParser is goldmark's paragraph parser, also opened on
// lines indented four or more columns. Markdoc disables indented code, so
// such a line (typically the body of an indented tag) starts a paragraph;
// with no parser accepting it goldmark would stop reading the page there.
type indentedParagraphParser struct {
	gparser.BlockParser
}

func (p indentedParagraphParser) CanAcceptIndentedLine() bool { return true }
