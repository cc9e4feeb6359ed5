package markdown

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/docgen/docgen/parser"
	"github.com/docgen/docgen/shortcodes"
	"github.com/yuin/goldmark/ast"
)

// FuzzPage parses and validates whole pages of Markdown with tags. It checks
// that nothing panics, that every diagnostic and every construct points
// inside the page, and that tags are well nested after the transformer.
func FuzzPage(f *testing.F) {
	var seeds []string
	for _, pattern := range []string{
		"../markdocjson/testdata/conformance/*/*.md",
		"testdata/diag/*.txtar",
		"../../content/*/*/*/*/*.md",
	} {
		files, _ := filepath.Glob(pattern)
		seeds = append(seeds, files...)
	}
	for _, name := range seeds {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, false)
	}
	env := &Env{Tags: shortcodes.Builtin(), PartialExists: func(string) bool { return false },
		VariableDefined: func(path []any) bool { return len(path) == 1 }}
	withAlias, without := New(Options{Alias: true}), New(Options{NoComments: true})
	f.Fuzz(func(t *testing.T, data []byte, alias bool) {
		md := without
		if alias {
			md = withAlias
		}
		src := Normalize(data)
		page := md.Parse("fuzz.md", src)
		diags := Validate(page, env)
		for _, d := range diags {
			if d.Offset < 0 || d.Offset > len(src) {
				t.Fatalf("diagnostic %q at offset %d outside [0,%d]", d.Msg, d.Offset, len(src))
			}
			_ = d.String()
		}
		_ = ast.Walk(page.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			// goldmark's own Pos can overshoot by a tab's expansion on an
			// empty block; the constructs of this package must not.
			if _, ours := n.(spanned); ours {
				if p := StartOffset(n); p > len(src) {
					t.Fatalf("%s at %d beyond the page (%d bytes)", n.Kind(), p, len(src))
				}
			}
			if tag, ok := n.(*Tag); ok {
				if tag.Syntax == parser.Close && !tag.Orphan {
					t.Fatalf("closing tag %s left in the tree without being an orphan", tag.Name)
				}
				if tag.Start < 0 || tag.End > len(src) || tag.Start >= tag.End {
					t.Fatalf("tag %s spans [%d,%d) outside the page", tag.Name, tag.Start, tag.End)
				}
			}
			return ast.WalkContinue, nil
		})
	})
}
