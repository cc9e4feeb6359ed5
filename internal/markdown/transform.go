package markdown

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/docgen/docgen/parser"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	gparser "github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// transformer turns goldmark's tree with loose Markdoc constructs into the
// Markdoc tree: fenced code gets its info-string annotation and its tags,
// inline annotations move onto their node, opening and closing tags nest
// what stands between them, and list tables become tables.
type transformer struct{}

func (t *transformer) Transform(doc *ast.Document, reader text.Reader, pc gparser.Context) {
	src := reader.Source()
	var fences []*ast.FencedCodeBlock
	var annotations []*Annotation
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock:
			fences = append(fences, n)
			return ast.WalkSkipChildren, nil
		case *Annotation:
			if n.Inline {
				annotations = append(annotations, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, f := range fences {
		processFence(f, src)
	}
	targets := map[ast.Node]bool{}
	for _, a := range annotations {
		if target := inlineParent(a); target != nil {
			addAnnotations(target, a.Attrs)
			a.Parent().RemoveChild(a.Parent(), a)
			targets[target] = true
		}
	}
	for target := range targets {
		setHTMLAttributes(target)
	}
	nestAll(doc)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if tag, ok := n.(*Tag); ok && entering && tag.Name == "table" && tag.Syntax == parser.Open {
			listTable(tag)
		}
		return ast.WalkContinue, nil
	})
}

// setHTMLAttributes gives a node the id and class its annotations set, as
// goldmark attributes, so the HTML renderers write them.
func setHTMLAttributes(n ast.Node) {
	var classes []string
	for _, a := range Annotations(n) {
		switch {
		case a.Class:
			classes = append(classes, a.Name)
		case a.Name == "id":
			if s, ok := a.Value.(string); ok {
				n.SetAttributeString("id", s)
			}
		case a.Name == "class":
			if s, ok := a.Value.(string); ok {
				classes = append(classes[:0], s)
			}
		}
	}
	if len(classes) > 0 {
		n.SetAttributeString("class", strings.Join(classes, " "))
	}
}

// inlineParent returns the node an inline annotation applies to: the block
// whose inline content holds it. A tight list item's text belongs to the
// item, as Markdoc hides tight paragraphs.
func inlineParent(n ast.Node) ast.Node {
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.(type) {
		case *ast.TextBlock:
			return p.Parent()
		case *ast.Paragraph, *ast.Heading, *east.TableCell:
			return p
		}
		if p.Type() == ast.TypeBlock && p.Kind() != KindTag {
			return p
		}
	}
	return nil
}

// nestAll nests tags in every container of the tree. Pairing is done per
// container: a closing tag closes the innermost open tag among its siblings.
func nestAll(n ast.Node) {
	if _, isTag := n.(*Tag); !isTag && n.HasChildren() {
		nest(n)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		nestAll(c)
	}
}

func nest(container ast.Node) {
	hasTag := false
	for c := container.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*Tag); ok && t.Syntax != parser.SelfClosing {
			hasTag = true
			break
		}
	}
	if !hasTag {
		return
	}
	var kids []ast.Node
	for c := container.FirstChild(); c != nil; c = c.NextSibling() {
		kids = append(kids, c)
	}
	container.RemoveChildren(container)
	var stack []*Tag
	parent := func() ast.Node {
		if len(stack) > 0 {
			return stack[len(stack)-1]
		}
		return container
	}
	for _, c := range kids {
		if t, ok := c.(*Tag); ok {
			switch t.Syntax {
			case parser.Open:
				p := parent()
				p.AppendChild(p, t)
				stack = append(stack, t)
				continue
			case parser.Close:
				if len(stack) > 0 && stack[len(stack)-1].Name == t.Name {
					open := stack[len(stack)-1]
					open.CloseStart, open.CloseEnd = t.Start, t.End
					stack = stack[:len(stack)-1]
					continue
				}
				t.Orphan = true
			}
		}
		p := parent()
		p.AppendChild(p, c)
	}
	for _, t := range stack {
		t.Unclosed = true
	}
}

// FenceInfo is what docgen reads from a fence's info string.
type FenceInfo struct {
	// Language is Markdoc's: the info string up to its first space, unless
	// that is a tag.
	Language string
	// Attrs are the attributes of a {% ... %} in the info string.
	Attrs []parser.Attr
	// Err is set when that {% ... %} does not parse.
	Err *parser.SyntaxError
	// ErrOffset is the source offset of Err.
	ErrOffset int
	// Process is false when the info string says process=false: the fence's
	// tags stay literal text.
	Process bool
}

var fenceInfoKey = "\x00markdoc-fence-info"

// Info returns what the fence's info string says.
func Info(f *ast.FencedCodeBlock) *FenceInfo {
	if v, ok := f.AttributeString(fenceInfoKey); ok {
		return v.(*FenceInfo)
	}
	return &FenceInfo{Process: true}
}

// processFence reads the fence's info-string annotation and, unless it says
// process=false, replaces its content by text and Markdoc constructs.
func processFence(f *ast.FencedCodeBlock, src []byte) {
	info := &FenceInfo{Process: true}
	if f.Info != nil {
		seg := f.Info.Segment
		raw := seg.Value(src)
		lang, _, _ := strings.Cut(string(raw), " ")
		if lang != "{%" {
			info.Language = lang
		}
		if i := bytes.Index(raw, []byte("{%")); i >= 0 {
			end := parser.FindEnd(raw, i+2, "%}")
			var content string
			if end >= 0 {
				content = string(raw[i+2 : end])
			}
			t := parser.Parse(content)
			switch t.Kind {
			case parser.Invalid:
				info.Err = t.Err
				info.ErrOffset = seg.Start + i + 2 + t.Err.Offset
			case parser.Annotation, parser.Open, parser.SelfClosing:
				info.Attrs = t.Attrs
				for j := range info.Attrs {
					info.Attrs[j].Offset += seg.Start + i + 2
				}
			}
			for _, a := range info.Attrs {
				if !a.Class && a.Name == "process" && !truthy(a.Value) {
					info.Process = false
				}
			}
		}
	}
	f.SetAttributeString(fenceInfoKey, info)
	if !info.Process {
		return
	}
	lines := f.Lines()
	var content []byte
	type piece struct{ at, src int }
	pieces := make([]piece, 0, lines.Len())
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		pieces = append(pieces, piece{len(content), seg.Start - seg.Padding})
		content = append(content, seg.Value(src)...)
	}
	if !bytes.Contains(content, []byte("{%")) {
		return
	}
	toSource := func(o int) int {
		for i := len(pieces) - 1; i >= 0; i-- {
			if o >= pieces[i].at {
				return pieces[i].src + o - pieces[i].at
			}
		}
		return o
	}
	for _, n := range scanFence(content, toSource) {
		f.AppendChild(f, n)
	}
}

// truthy is JavaScript's truthiness, which Markdoc uses for process=false.
func truthy(v parser.Value) bool { return parser.Truthy(v) }

// scanFence splits fence content into text and Markdoc constructs, as
// Markdoc's parseTags does. A tag alone on its line takes the line with it,
// so {% if %} lines leave no blank lines in the code.
func scanFence(content []byte, toSource func(int) int) []ast.Node {
	var out []ast.Node
	finder := parser.NewFinder(content, parser.Braces)
	textStart := 0
	for pos := 0; pos+1 < len(content); pos++ {
		if content[pos] != '{' || content[pos+1] != '%' {
			continue
		}
		end := finder.End(pos + 2)
		if end < 0 {
			pos++
			continue
		}
		lineStart := bytes.LastIndexByte(content[:pos], '\n') + 1
		lineEnd := len(content)
		if i := bytes.IndexByte(content[end:], '\n'); i >= 0 {
			lineEnd = end + i
		}
		textEnd := pos
		after := end + 2
		// As in Markdoc, a tag alone on a line (not the first) takes the
		// line's indentation and the newline before it.
		if lineStart > 0 && len(bytes.TrimSpace(content[lineStart:pos])) == 0 && len(bytes.TrimSpace(content[end+2:lineEnd])) == 0 {
			textEnd = lineStart - 1
		}
		if textEnd > textStart {
			out = append(out, &FenceText{span: span{Start: toSource(textStart), End: toSource(textEnd), InFence: true},
				Value: string(content[textStart:textEnd])})
		}
		t := parser.Parse(string(content[pos+2 : end]))
		sp := span{Start: toSource(pos), End: toSource(end + 2), InFence: true}
		at := pos
		out = append(out, newConstruct(t, sp, content[pos:end+2], func(o int) int { return toSource(at + 2 + o) }))
		textStart = after
		pos = after - 1
	}
	if textStart < len(content) {
		out = append(out, &FenceText{span: span{Start: toSource(textStart), End: toSource(len(content)), InFence: true},
			Value: string(content[textStart:])})
	}
	return out
}

// listTable turns the lists of a {% table %} into a table, as Markdoc's
// table transform does: the first list is the header row, each later list a
// row, "---" separators are dropped. Anything else is left in place and
// reported by validation (table-syntax).
func listTable(tag *Tag) {
	first := tag.FirstChild()
	if first == nil {
		return
	}
	if _, ok := first.(*east.Table); ok {
		return
	}
	var kids []ast.Node
	for c := tag.FirstChild(); c != nil; c = c.NextSibling() {
		kids = append(kids, c)
	}
	table := east.NewTable()
	var header *east.TableHeader
	if l, ok := first.(*ast.List); ok {
		header = east.NewTableHeader(listRow(l, true))
	}
	// Markdoc drops a first child that is not a list.
	kids = kids[1:]
	tag.RemoveChildren(tag)
	if header != nil {
		table.AppendChild(table, header)
	}
	var leftovers []ast.Node
	for _, k := range kids {
		switch k := k.(type) {
		case *ast.List:
			table.AppendChild(table, listRow(k, false))
		case *ast.ThematicBreak, *Comment:
		case *Tag:
			if k.Name == "if" {
				conditionalRows(k)
				table.AppendChild(table, k)
				continue
			}
			leftovers = append(leftovers, k)
		default:
			leftovers = append(leftovers, k)
		}
	}
	tag.AppendChild(tag, table)
	if leftovers != nil {
		// Like Markdoc, drop them from the table and report them.
		tag.SetAttributeString(tableSyntaxKey, leftovers)
	}
}

// conditionalRows turns the lists inside an if tag in a list table into
// rows, keeping else branches, nested conditionals and comments, as
// Markdoc's table transform does; anything else is dropped and reported.
func conditionalRows(tag *Tag) {
	var kids []ast.Node
	for c := tag.FirstChild(); c != nil; c = c.NextSibling() {
		kids = append(kids, c)
	}
	tag.RemoveChildren(tag)
	var bad []ast.Node
	for _, k := range kids {
		switch k := k.(type) {
		case *ast.ThematicBreak:
		case *ast.List:
			tag.AppendChild(tag, listRow(k, false))
		case *Comment:
			tag.AppendChild(tag, k)
		case *Tag:
			if k.Name == "else" || k.Name == "if" || k.Name == "comment" {
				if k.Name == "if" {
					conditionalRows(k)
				}
				tag.AppendChild(tag, k)
				continue
			}
			bad = append(bad, k)
		default:
			bad = append(bad, k)
		}
	}
	if bad != nil {
		tag.SetAttributeString(tableSyntaxKey, bad)
	}
}

// tableSyntaxKey holds the nodes that stood in a list table where a row was
// expected.
const tableSyntaxKey = "\x00markdoc-table-syntax"

func listRow(l *ast.List, header bool) *east.TableRow {
	row := east.NewTableRow(nil)
	var items []ast.Node
	for c := l.FirstChild(); c != nil; c = c.NextSibling() {
		items = append(items, c)
	}
	for _, item := range items {
		cell := east.NewTableCell()
		if anns := Annotations(item); anns != nil {
			addAnnotations(cell, anns)
			setCellAttributes(cell, header)
		}
		var kids []ast.Node
		for c := item.FirstChild(); c != nil; c = c.NextSibling() {
			kids = append(kids, c)
		}
		for _, k := range kids {
			cell.AppendChild(cell, k)
		}
		cell.SetAttributeString(listCellKey, header)
		row.AppendChild(row, cell)
	}
	return row
}

// setCellAttributes gives a list-table cell the HTML attributes its
// annotations set, as Markdoc's td and th render them: id and class, as on
// any node, and colspan, rowspan, align and, on a header cell, width. The
// annotations come from the list item, which is dropped, so without this a
// spanning cell would silently shift the rest of its row.
func setCellAttributes(cell *east.TableCell, header bool) {
	setHTMLAttributes(cell)
	for _, a := range Annotations(cell) {
		if a.Class {
			continue
		}
		switch a.Name {
		case "colspan", "rowspan", "align":
		case "width":
			if !header {
				continue
			}
		default:
			continue
		}
		// Validation reports values of the wrong type; variables are not
		// resolved in annotations of cells.
		switch v := a.Value.(type) {
		case float64:
			cell.SetAttributeString(a.Name, strconv.FormatFloat(v, 'f', -1, 64))
		case string:
			cell.SetAttributeString(a.Name, v)
		}
	}
}

// listCellKey marks cells made from list items: their content is blocks, and
// the value says whether they are header cells.
const listCellKey = "\x00markdoc-list-cell"
