package markdown

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docgen/docgen/shortcodes"
	"github.com/yuin/goldmark/ast"
	"golang.org/x/tools/txtar"
)

// update rewrites the expected sections of golden files:
// go test ./internal/markdown -update, or DOCGEN_UPDATE=1 go test ./...
var update = flag.Bool("update", os.Getenv("DOCGEN_UPDATE") != "", "rewrite golden files")

// TestDiagnostics runs the txtar cases of testdata/diag. Each holds
// "page.md", optional "options" (words: noalias, nocomments), and
// "diagnostics", the expected output, one diagnostic per line, and
// "tree", an outline of the parsed Markdoc constructs.
func TestDiagnostics(t *testing.T) {
	files, err := filepath.Glob("testdata/diag/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			sections := map[string][]byte{}
			for _, f := range ar.Files {
				sections[f.Name] = f.Data
			}
			src, ok := sections["page.md"]
			if !ok {
				t.Fatal("no page.md section")
			}
			opts := Options{Alias: true}
			for _, w := range strings.Fields(string(sections["options"])) {
				switch w {
				case "noalias":
					opts.Alias = false
				case "nocomments":
					opts.NoComments = true
				default:
					t.Fatalf("unknown option %q", w)
				}
			}
			page := New(opts).Parse("page.md", Normalize(src))
			diags := Validate(page, &Env{Tags: shortcodes.Builtin(), PartialExists: func(string) bool { return true }})
			diags.Sort()
			var got bytes.Buffer
			for _, d := range diags {
				fmt.Fprintln(&got, d)
			}
			tree := outline(page)
			if *update {
				for i, f := range ar.Files {
					switch f.Name {
					case "diagnostics":
						ar.Files[i].Data = got.Bytes()
					case "tree":
						ar.Files[i].Data = []byte(tree)
					}
				}
				if _, ok := sections["diagnostics"]; !ok {
					ar.Files = append(ar.Files, txtar.File{Name: "diagnostics", Data: got.Bytes()})
				}
				if _, ok := sections["tree"]; !ok {
					ar.Files = append(ar.Files, txtar.File{Name: "tree", Data: []byte(tree)})
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := string(sections["diagnostics"]); got.String() != want {
				t.Errorf("diagnostics:\n got:\n%s\nwant:\n%s", got.String(), want)
			}
			if want := string(sections["tree"]); tree != want {
				t.Errorf("tree:\n got:\n%s\nwant:\n%s", tree, want)
			}
		})
	}
}

// outline prints the Markdoc constructs of a page, indented by nesting,
// with the line each starts on.
func outline(p *Page) string {
	var b strings.Builder
	depth := 0
	_ = ast.Walk(p.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		var desc string
		var start int
		switch n := n.(type) {
		case *Tag:
			desc, start = fmt.Sprintf("tag %s %s inline=%v", n.Name, n.Syntax, n.Inline), n.Start
			for _, a := range n.Attrs {
				if a.Class {
					desc += " ." + a.Name
				} else {
					desc += fmt.Sprintf(" %s=%s", a.Name, shortcodes.FormatValue(a.Value))
				}
			}
		case *Interpolation:
			desc, start = "interpolation "+shortcodes.FormatValue(n.Value), n.Start
		case *TagError:
			desc, start = "error "+n.Raw, n.Start
		case *Comment:
			desc, start = "comment "+n.Content, n.Start
		case *FenceText:
			desc, start = fmt.Sprintf("fence-text %q", n.Value), n.Start
		default:
			if anns := Annotations(n); anns != nil && entering {
				desc = MarkdocType(n) + " annotated"
				for _, a := range anns {
					desc += " " + a.Name
				}
				start = blockStart(n)
			}
		}
		if desc == "" {
			return ast.WalkContinue, nil
		}
		if !entering {
			depth--
			return ast.WalkContinue, nil
		}
		line, _ := p.File.Position(start)
		fmt.Fprintf(&b, "%s%d: %s\n", strings.Repeat("  ", depth), line, desc)
		depth++
		return ast.WalkContinue, nil
	})
	return b.String()
}
