package markdown

import (
	"fmt"

	"github.com/docgen/docgen/parser"
	"github.com/yuin/goldmark/ast"
)

// Node kinds of the Markdoc constructs.
var (
	KindTag           = ast.NewNodeKind("MarkdocTag")
	KindInterpolation = ast.NewNodeKind("MarkdocInterpolation")
	KindTagError      = ast.NewNodeKind("MarkdocTagError")
	KindAnnotation    = ast.NewNodeKind("MarkdocAnnotation")
	KindComment       = ast.NewNodeKind("MarkdocComment")
	KindFenceText     = ast.NewNodeKind("MarkdocFenceText")
)

// span is what every Markdoc construct knows about where it was written.
// Offsets are into the page source: Start at the opening delimiter, End just
// past the closing one.
type span struct {
	// Embedding BaseBlock gives every construct line storage; Type is
	// overridden, so a construct inside a paragraph is an inline node.
	ast.BaseBlock
	Start, End int
	// Inline is Markdoc's node.inline: the construct stands inside inline
	// content (a paragraph, heading, list item text or table cell).
	Inline bool
	// InFence marks constructs found inside fenced code.
	InFence bool

	// pending counts the lines of a multi-line block construct still to be
	// consumed while parsing.
	pending int
	// Dropped is the offset of text that followed a multi-line block tag
	// on its last line and was dropped, or 0.
	Dropped int
}

// spanned is implemented by every Markdoc construct.
type spanned interface {
	pendingLines() int
	setPending(int)
	setDropped(int)
}

func (s *span) setDropped(off int) { s.Dropped = off }
func (s *span) dropped() int       { return s.Dropped }

func (s *span) pendingLines() int { return s.pending }
func (s *span) setPending(n int)  { s.pending = n }

// Type reports inline for constructs inside inline content.
func (s *span) Type() ast.NodeType {
	if s.Inline {
		return ast.TypeInline
	}
	return ast.TypeBlock
}

func (s *span) inFence() bool { return s.InFence }

// Pos returns the offset of the construct's opening delimiter.
func (s *span) Pos() int { return s.Start }

// Tag is a Markdoc tag. After the transformer has run, an opening tag holds
// everything up to its closing tag as children, and a self-closing tag has
// none.
type Tag struct {
	span
	Name  string
	Attrs []parser.Attr // as written, primary first
	// Syntax is how the tag was written: parser.Open, parser.Close or
	// parser.SelfClosing.
	Syntax parser.Kind
	// CloseStart and CloseEnd locate the matching closing tag; both are -1
	// when the tag was never closed.
	CloseStart, CloseEnd int
	// Orphan marks a closing tag that matched no opening tag.
	Orphan bool
	// Unclosed marks an opening tag with no closing tag.
	Unclosed bool
}

// Kind implements ast.Node.
func (t *Tag) Kind() ast.NodeKind { return KindTag }

// Dump implements ast.Node.
func (t *Tag) Dump(src []byte, level int) {
	ast.DumpHelper(t, src, level, map[string]string{
		"Name": t.Name, "Syntax": t.Syntax.String(), "Inline": fmt.Sprint(t.Inline),
	}, nil)
}

// Attr returns the last value written for name, and whether it was written.
func (t *Tag) Attr(name string) (parser.Value, bool) {
	for i := len(t.Attrs) - 1; i >= 0; i-- {
		if a := t.Attrs[i]; !a.Class && a.Name == name {
			return a.Value, true
		}
	}
	return nil, false
}

// Interpolation is {% $var %} or {% fn() %} used as content.
type Interpolation struct {
	span
	Value parser.Value
}

// Kind implements ast.Node.
func (n *Interpolation) Kind() ast.NodeKind { return KindInterpolation }

// Dump implements ast.Node.
func (n *Interpolation) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Value": fmt.Sprintf("%v", n.Value)}, nil)
}

// TagError is a {% ... %} whose content does not match the grammar. It keeps
// its place in the tree so the page still renders around it.
type TagError struct {
	span
	Err *parser.SyntaxError
	// ErrOffset is the source offset the syntax error points at.
	ErrOffset int
	// Raw is the text as written, delimiters included.
	Raw string
}

// Kind implements ast.Node.
func (n *TagError) Kind() ast.NodeKind { return KindTagError }

// Dump implements ast.Node.
func (n *TagError) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Err": n.Err.Error()}, nil)
}

// Annotation is {% #id .class key=value %}: attributes for the enclosing
// node. The transformer applies inline annotations to their node and removes
// them; one left in the tree is misplaced (on a line of its own, or in
// fenced code) and is reported.
type Annotation struct {
	span
	Attrs []parser.Attr
}

// Kind implements ast.Node.
func (n *Annotation) Kind() ast.NodeKind { return KindAnnotation }

// Dump implements ast.Node.
func (n *Annotation) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// Comment is <!-- ... -->. Comments are dropped from the output.
type Comment struct {
	span
	Content string // trimmed
}

// Kind implements ast.Node.
func (n *Comment) Kind() ast.NodeKind { return KindComment }

// Dump implements ast.Node.
func (n *Comment) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Content": n.Content}, nil)
}

// FenceText is literal text inside a fenced code block whose tags were
// processed; the fence's children alternate FenceText and Markdoc nodes.
type FenceText struct {
	span
	Value string
}

// Kind implements ast.Node.
func (n *FenceText) Kind() ast.NodeKind { return KindFenceText }

// Dump implements ast.Node.
func (n *FenceText) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Value": n.Value}, nil)
}

// Annotations returns the annotation attributes applied to a Markdown node
// (heading, paragraph, list item, fence, table cell), in the order written.
func Annotations(n ast.Node) []parser.Attr {
	v, ok := n.AttributeString(annotationsKey)
	if !ok {
		return nil
	}
	return v.([]parser.Attr)
}

// annotationsKey stores annotations among a node's goldmark attributes. The
// name is no HTML attribute, so goldmark's renderers never print it.
const annotationsKey = "\x00markdoc-annotations"

func addAnnotations(n ast.Node, attrs []parser.Attr) {
	n.SetAttributeString(annotationsKey, append(Annotations(n), attrs...))
}
