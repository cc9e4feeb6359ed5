package shortcodes

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// updateGolden reports whether golden files are to be rewritten: with
// DOCGEN_UPDATE=1, or with -update when the package's tests define it.
func updateGolden() bool {
	if os.Getenv("DOCGEN_UPDATE") != "" {
		return true
	}
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// fence is a fence child as the markdown renderer describes it.
func fence(lang string, attrs map[string]any, html string) Child {
	return Child{Type: "fence", Lang: lang, Attrs: attrs, Render: func(w io.Writer) error {
		_, err := io.WriteString(w, html)
		return err
	}}
}

func node(typ, html string) Child {
	return Child{Type: typ, Render: func(w io.Writer) error {
		_, err := io.WriteString(w, html)
		return err
	}}
}

// TestCodeGolden renders the code tags with a fake context and compares
// each output, with the warnings it raised, to testdata/code/NAME.html.
func TestCodeGolden(t *testing.T) {
	tests := []struct {
		name     string
		schema   *Schema
		attrs    map[string]any
		inline   bool
		content  string
		children []Child
	}{
		{name: "code-preview", schema: CodePreview(), content: "<div>info</div><figure>code</figure>\n"},
		{name: "code-info-container", schema: CodeInfoContainer(), content: "<h4>Source</h4>\n"},
		{name: "code-info", schema: CodeInfo(), attrs: map[string]any{"srNumber": 35.0}, content: "<p><strong>https</strong>: use TLS.</p>\n"},
		{name: "code-info-without-number", schema: CodeInfo(), content: "<p>Unpaired.</p>\n"},
		{name: "code-info-escapes", schema: CodeInfo(), attrs: map[string]any{"srNumber": `"><x`}, content: ""},
		{name: "code-block-file", schema: CodeBlock(), attrs: map[string]any{"fileName": "ingest <local>.yaml"},
			content: `<div class="dg-code dg-code--chunk" data-lang="yaml"><pre><code>source:
</code></pre></div>
`},
		{name: "code-block-no-file-gray", schema: CodeBlock(), attrs: map[string]any{"theme": "gray"}, content: "<div>chunk</div>\n"},
		{name: "code-block-dark-theme", schema: CodeBlock(), attrs: map[string]any{"theme": "dark"}, content: "<div>chunk</div>\n"},
		{name: "language-selector", schema: CodeWithLanguageSelector(),
			attrs:    map[string]any{"title": "Auth Configuration", "id": "container-1", "languagesArray": []any{"implicit", "authcode"}, "theme": "light"},
			children: []Child{fence("implicit", nil, "<div>implicit code</div>\n"), fence("authcode", nil, "<div>authcode code</div>\n")}},
		{name: "language-selector-known-names", schema: CodeWithLanguageSelector(),
			attrs:    map[string]any{"languagesArray": []any{"Python", "java", "js"}},
			children: []Child{fence("js", nil, "<div>js</div>\n"), fence("python", nil, "<div>py</div>\n"), fence("java", nil, "<div>java</div>\n")}},
		{name: "language-selector-mismatch", schema: CodeWithLanguageSelector(),
			attrs: map[string]any{"title": "Install", "languagesArray": []any{"python", "go", 3.0}},
			children: []Child{node("paragraph", "<p>Pick one.</p>\n"), fence("python", nil, "<div>py</div>\n"), fence("ruby", nil, "<div>rb</div>\n"),
				fence("python", nil, "<div>py again</div>\n"), fence("", nil, "<div>plain</div>\n")}},
		{name: "language-selector-no-array", schema: CodeWithLanguageSelector(),
			children: []Child{fence("bash", nil, "<div>sh</div>\n"), fence("powershell", nil, "<div>ps</div>\n")}},
		{name: "language-selector-empty", schema: CodeWithLanguageSelector(), attrs: map[string]any{"title": "Nothing"},
			children: []Child{node("paragraph", "<p>No code.</p>\n")}},
		{name: "collate-content-in-oss", schema: CollateContent(EditionOSS), content: "<p>Collate only.</p>\n"},
		{name: "collate-content-in-collate", schema: CollateContent(EditionCollate), content: "<p>Collate only.</p>\n"},
		{name: "oss-content-in-oss-inline", schema: OSSContent(EditionOSS), inline: true, content: "OpenMetadata"},
		{name: "oss-content-in-collate", schema: OSSContent(EditionCollate), inline: true, content: "OpenMetadata"},
	}
	dir := filepath.Join("testdata", "code")
	names := map[string]bool{}
	for _, tt := range tests {
		names[tt.name+".html"] = true
		t.Run(tt.name, func(t *testing.T) {
			ctx := &fakeContext{}
			var b bytes.Buffer
			c := &Call{Name: tt.schema.Name, Attrs: tt.attrs, Inline: tt.inline, HasContent: tt.content != "" || tt.children != nil,
				Children: tt.children, Ctx: ctx,
				Content: func(w io.Writer) error {
					if tt.children != nil {
						for _, ch := range tt.children {
							if err := ch.Render(w); err != nil {
								return err
							}
						}
						return nil
					}
					_, err := io.WriteString(w, tt.content)
					return err
				}}
			if err := tt.schema.Render(&b, c); err != nil {
				t.Fatal(err)
			}
			for _, w := range ctx.warnings {
				b.WriteString("<!-- warning: " + w + " -->\n")
			}
			file := filepath.Join(dir, tt.name+".html")
			if updateGolden() {
				if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run with DOCGEN_UPDATE=1 to create it)", err)
			}
			if got := b.String(); got != string(want) {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if names[e.Name()] {
			continue
		}
		if updateGolden() {
			os.Remove(filepath.Join(dir, e.Name()))
			continue
		}
		t.Errorf("golden file %s belongs to no case: delete it or add its case", e.Name())
	}
}

// TestCodeSchemas checks what the code tags declare: the attributes real
// pages pass, and where each may stand.
func TestCodeSchemas(t *testing.T) {
	r := Builtin()
	for _, tt := range []struct {
		tag   string
		attrs []string
	}{
		{"codePreview", nil},
		{"codeInfoContainer", nil},
		{"codeInfo", []string{"srNumber"}},
		{"codeBlock", []string{"fileName", "theme"}},
		{"codeWithLanguageSelector", []string{"languagesArray", "theme", "title"}},
		{"collateContent", nil},
		{"ossContent", nil},
	} {
		s, ok := r.Lookup(tt.tag)
		if !ok {
			t.Errorf("%s is not in Builtin", tt.tag)
			continue
		}
		if got := strings.Join(s.AttributeNames(), ","); got != strings.Join(tt.attrs, ",") {
			t.Errorf("%s declares %s, want %s", tt.tag, got, strings.Join(tt.attrs, ","))
		}
	}
	if s, _ := r.Lookup("collateContent"); s.Placement != Anywhere {
		t.Error("collateContent must be allowed inside a sentence")
	}
	if s, _ := r.Lookup("codeBlock"); !s.JoinsFences {
		t.Error("codeBlock must join its fences into one listing")
	}
	// Builtin is the oss edition: collate content hidden.
	var b bytes.Buffer
	s, _ := r.Lookup("collateContent")
	_ = s.Render(&b, &Call{Content: func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }})
	if b.Len() != 0 {
		t.Errorf("Builtin collateContent rendered %q, want nothing in the default (oss) edition", b.String())
	}
}

func TestLangName(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"python", "Python"}, {"JS", "JavaScript"}, {"authcode", "Authcode"}, {"", "Code"}, {"élan", "Élan"}, {" yaml ", "YAML"},
	} {
		if got := langName(tt.in); got != tt.want {
			t.Errorf("langName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
