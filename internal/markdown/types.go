package markdown

import (
	"sort"

	"github.com/docgen/docgen/internal/suggest"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// MarkdocType returns the Markdoc node type of n ("paragraph", "item",
// "fence", "td", "tag", ...), or "" for nodes Markdoc has no node for (the
// text block of a tight list item, which Markdoc hides).
func MarkdocType(n ast.Node) string {
	switch n := n.(type) {
	case *ast.Document:
		return "document"
	case *ast.Paragraph:
		return "paragraph"
	case *ast.TextBlock:
		return ""
	case *ast.Heading:
		return "heading"
	case *ast.List:
		return "list"
	case *ast.ListItem:
		return "item"
	case *ast.Blockquote:
		return "blockquote"
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		return "fence"
	case *ast.ThematicBreak:
		return "hr"
	case *ast.Emphasis:
		if n.Level == 2 {
			return "strong"
		}
		return "em"
	case *ast.Link, *ast.AutoLink:
		return "link"
	case *ast.Image:
		return "image"
	case *ast.CodeSpan:
		return "code"
	case *ast.Text, *ast.String, *ast.RawHTML, *ast.HTMLBlock:
		return "text"
	case *east.Table:
		return "table"
	case *east.TableHeader:
		return "thead"
	case *east.TableRow:
		return "tr"
	case *east.TableCell:
		if isHeaderCell(n) {
			return "th"
		}
		return "td"
	case *east.Strikethrough:
		return "s"
	case *Tag:
		return "tag"
	case *Interpolation:
		return "text"
	case *TagError:
		return "error"
	case *Comment:
		return "comment"
	case *Annotation:
		return "annotation"
	}
	return n.Kind().String()
}

func isHeaderCell(c *east.TableCell) bool {
	if v, ok := c.AttributeString(listCellKey); ok {
		return v.(bool)
	}
	_, ok := c.Parent().(*east.TableHeader)
	return ok
}

// IsListCell reports whether a table cell came from a list-table item, so
// its content is blocks rather than inline text.
func IsListCell(c *east.TableCell) bool {
	_, ok := c.AttributeString(listCellKey)
	return ok
}

func suggestName(name string, names []string) string { return suggest.DidYouMean(name, names) }

func sortStrings(s []string) { sort.Strings(s) }
