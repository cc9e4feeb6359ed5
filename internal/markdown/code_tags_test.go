package markdown

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/shortcodes"
	"golang.org/x/tools/txtar"
)

// TestCodeTagsGolden renders the txtar cases of testdata/codetags, pages
// written the way real docs write the code and edition tags. Each case
// holds "page.md", partials as "partials/<path>", optional "options"
// (edition=collate), and the expected "html" and "diagnostics" (validation
// and rendering, sorted); -update rewrites those two.
func TestCodeTagsGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/codetags/*.txtar")
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
			tags := shortcodes.Builtin()
			for _, w := range strings.Fields(string(sections["options"])) {
				ed, ok := strings.CutPrefix(w, "edition=")
				if !ok {
					t.Fatalf("unknown option %q", w)
				}
				for _, s := range shortcodes.EditionTags(ed) {
					tags.Replace(s)
				}
			}
			gotHTML, gotDiags := renderCase(t, sections, tags)
			if *update {
				for i, f := range ar.Files {
					switch f.Name {
					case "html":
						ar.Files[i].Data = []byte(gotHTML)
					case "diagnostics":
						ar.Files[i].Data = []byte(gotDiags)
					}
				}
				for _, name := range []string{"html", "diagnostics"} {
					if _, ok := sections[name]; !ok {
						data := gotHTML
						if name == "diagnostics" {
							data = gotDiags
						}
						ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(data)})
					}
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want := string(sections["html"]); gotHTML != want {
				t.Errorf("html:\n got:\n%s\nwant:\n%s", gotHTML, want)
			}
			if want := string(sections["diagnostics"]); gotDiags != want {
				t.Errorf("diagnostics:\n got:\n%s\nwant:\n%s", gotDiags, want)
			}
			for _, delim := range []string{"{%", "%}"} {
				if i := strings.Index(outsideCode(gotHTML), delim); i >= 0 {
					t.Errorf("html shows %q outside code", delim)
				}
			}
		})
	}
}

// renderCase validates and renders a case's page, with its partials, as
// the build does, and returns the HTML and the sorted diagnostics.
func renderCase(t *testing.T, sections map[string][]byte, tags *shortcodes.Registry) (string, string) {
	t.Helper()
	md := New(Options{Alias: true})
	var diags diag.List
	site := &shortcodes.Scope{Vars: map[string]any{"brandName": "Acme"}}
	validate := func(p *Page, scope *shortcodes.Scope) {
		diags = append(diags, Validate(p, &Env{Tags: tags,
			PartialExists:   func(f string) bool { _, ok := sections["partials"+f]; return ok },
			VariableDefined: func(path []any) bool { _, ok := scope.Lookup(path); return ok },
		})...)
	}
	headings := &Headings{}
	var env func(scope *shortcodes.Scope) *RenderEnv
	env = func(scope *shortcodes.Scope) *RenderEnv {
		return &RenderEnv{
			Tags: tags, Vars: scope, Headings: headings,
			Link: func(href string, _ int) string {
				if strings.HasPrefix(href, "/") {
					return "/v1.0.x" + href
				}
				return href
			},
			Report: func(d *diag.Diagnostic) { diags = append(diags, d) },
			Partial: func(w io.Writer, file string, vars map[string]any, at int) error {
				src, ok := sections["partials"+file]
				if !ok {
					return fmt.Errorf("no partial %s", file)
				}
				inner := &shortcodes.Scope{Vars: vars, Parent: scope}
				p := md.Parse("partials"+file, Normalize(src))
				validate(p, inner)
				return Render(w, p, env(inner))
			},
		}
	}
	page := md.Parse("page.md", Normalize(sections["page.md"]))
	validate(page, site)
	var b bytes.Buffer
	if err := Render(&b, page, env(site)); err != nil {
		t.Fatal(err)
	}
	if b.Len() > 0 && !bytes.HasSuffix(b.Bytes(), []byte("\n")) {
		b.WriteByte('\n') // as txtar keeps it
	}
	diags.Sort()
	var d strings.Builder
	for _, x := range diags {
		fmt.Fprintln(&d, x)
	}
	return b.String(), d.String()
}

// outsideCode drops <pre>...</pre>, where tag syntax may be shown.
func outsideCode(html string) string {
	var b strings.Builder
	for {
		i := strings.Index(html, "<pre")
		if i < 0 {
			b.WriteString(html)
			return b.String()
		}
		b.WriteString(html[:i])
		j := strings.Index(html[i:], "</pre>")
		if j < 0 {
			return b.String()
		}
		html = html[i+j+len("</pre>"):]
	}
}
