package markdown

import (
	"bytes"
	"unicode/utf8"

	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/internal/limits"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	gparser "github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configure how pages are read.
type Options struct {
	// Alias accepts <% ... %> as {% ... %} outside code.
	Alias bool
	// NoComments reads <!-- --> as text instead of as a comment.
	NoComments bool
	// Limits bound the size and nesting of a page before goldmark sees it.
	Limits limits.Limits
}

// Markdown parses pages. It is safe for concurrent use.
type Markdown struct {
	opts Options
	gm   goldmark.Markdown
}

// New returns a parser with the given options.
func New(opts Options) *Markdown {
	// Markdoc's tokenizer disables setext headings and indented code, and
	// markdown-it's default preset reads no raw HTML: docgen reads pages the
	// same way, so "Title\n===" stays a paragraph and indented tags stay tags.
	blocks := []util.PrioritizedValue{
		util.Prioritized(&tagBlockParser{alias: opts.Alias}, 50),
		util.Prioritized(gparser.NewThematicBreakParser(), 200),
		util.Prioritized(gparser.NewListParser(), 300),
		util.Prioritized(gparser.NewListItemParser(), 400),
		util.Prioritized(gparser.NewATXHeadingParser(), 600),
		util.Prioritized(gparser.NewFencedCodeBlockParser(), 700),
		util.Prioritized(gparser.NewBlockquoteParser(), 800),
		util.Prioritized(indentedParagraphParser{gparser.NewParagraphParser()}, 1000),
	}
	inlines := []util.PrioritizedValue{
		util.Prioritized(&tagInlineParser{alias: opts.Alias}, 50),
		util.Prioritized(gparser.NewCodeSpanParser(), 100),
		util.Prioritized(gparser.NewLinkParser(), 200),
		util.Prioritized(gparser.NewAutoLinkParser(), 300),
		util.Prioritized(gparser.NewEmphasisParser(), 500),
	}
	if !opts.NoComments {
		blocks = append(blocks, util.Prioritized(&commentBlockParser{}, 850))
		inlines = append(inlines, util.Prioritized(&commentInlineParser{}, 350))
	}
	p := gparser.NewParser(
		gparser.WithBlockParsers(blocks...),
		gparser.WithInlineParsers(inlines...),
		gparser.WithParagraphTransformers(gparser.DefaultParagraphTransformers()...),
		gparser.WithASTTransformers(util.Prioritized(&transformer{}, 1000)),
	)
	gm := goldmark.New(goldmark.WithParser(p))
	extension.Table.Extend(gm)
	extension.Strikethrough.Extend(gm)
	return &Markdown{opts: opts, gm: gm}
}

// Page is a parsed page.
type Page struct {
	File *diag.File
	// Frontmatter is the raw YAML between the leading "---" lines, trimmed;
	// HasFrontmatter tells an empty block from none.
	Frontmatter    string
	HasFrontmatter bool
	// FrontmatterOffset is where the YAML starts in the source.
	FrontmatterOffset int
	Doc               *ast.Document
	// Refused is set when the page broke a limit and was not parsed.
	Refused *diag.Diagnostic
}

// Parse parses a page. src must already be normalized (see Normalize); the
// returned page keeps a reference to it.
func (m *Markdown) Parse(path string, src []byte) *Page {
	page := &Page{File: diag.NewFile(path, src)}
	if v := limits.Check(src, m.opts.Limits); v != nil {
		page.Refused = &diag.Diagnostic{File: page.File, Offset: v.Offset, Level: diag.Critical,
			ID: "page-too-complex", Msg: v.Error() + "; the page was not rendered"}
		page.Doc = ast.NewDocument()
		return page
	}
	body := src
	if fm, start, end, ok := Frontmatter(src); ok {
		page.Frontmatter, page.HasFrontmatter, page.FrontmatterOffset = fm, true, start
		// goldmark reads the page with the front matter blanked out, so every
		// offset it reports is still an offset into src.
		body = bytes.Clone(src)
		for i := 0; i < end; i++ {
			if body[i] != '\n' {
				body[i] = ' '
			}
		}
	}
	doc := m.gm.Parser().Parse(text.NewReader(body))
	page.Doc = doc.(*ast.Document)
	return page
}

// Frontmatter finds Markdoc's front matter: a first line "---" and a later
// line "---" (surrounding spaces allowed). It returns the YAML between them
// (trimmed), the offset where the YAML starts, and the end of the closing
// line.
func Frontmatter(src []byte) (fm string, start, end int, ok bool) {
	first, rest, found := bytes.Cut(src, []byte{'\n'})
	if !found || string(bytes.TrimSpace(first)) != "---" {
		return "", 0, 0, false
	}
	start = len(first) + 1
	off := start
	for len(rest) > 0 {
		line, next, _ := bytes.Cut(rest, []byte{'\n'})
		if string(bytes.TrimSpace(line)) == "---" {
			return string(bytes.TrimSpace(src[start:off])), start, off + len(line), true
		}
		off += len(line) + 1
		rest = next
	}
	return "", 0, 0, false
}

// Normalize returns src with line endings as "\n" and NUL bytes replaced,
// as CommonMark asks and as Markdoc's tokenizer does. Line numbers are
// unchanged, so positions in the result are positions in the file.
func Normalize(src []byte) []byte {
	if bytes.IndexByte(src, '\r') < 0 && bytes.IndexByte(src, 0) < 0 {
		return src
	}
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '\r':
			out = append(out, '\n')
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
		case 0:
			out = utf8.AppendRune(out, utf8.RuneError)
		default:
			out = append(out, c)
		}
	}
	return out
}
