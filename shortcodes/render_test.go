package shortcodes

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"strings"
	"testing"
)

// fakeContext records what renderers ask of the page.
type fakeContext struct {
	images   map[string]ImageInfo
	warnings []string
	partials []string
	headings []string
}

// Link puts site paths into version v1.9.x, as the build does, and leaves
// other hrefs alone.
func (f *fakeContext) Link(href string) string {
	if !strings.HasPrefix(href, "/") || strings.HasPrefix(href, "//") {
		return href
	}
	return "/v1.9.x" + href + "/"
}
func (f *fakeContext) Image(src string) (ImageInfo, bool) {
	img, ok := f.images[src]
	if !ok {
		return ImageInfo{URL: src}, false
	}
	return img, true
}
func (f *fakeContext) Icon(name string) template.HTML {
	return template.HTML(`<svg data-icon="` + template.HTMLEscapeString(name) + `"></svg>`)
}
func (f *fakeContext) Partial(w io.Writer, file string, vars map[string]any) error {
	f.partials = append(f.partials, fmt.Sprint(file, vars))
	_, err := io.WriteString(w, "<p>partial</p>")
	return err
}
func (f *fakeContext) LiveForm(w io.Writer, ids []string) error {
	_, err := fmt.Fprintf(w, "<form data-ids=%q></form>", strings.Join(ids, ","))
	return err
}
func (f *fakeContext) Heading(text string, section bool) (int, string) {
	f.headings = append(f.headings, text)
	level := 3
	if section {
		level = 1
	}
	return level, strings.ToLower(strings.ReplaceAll(text, " ", "-"))
}
func (f *fakeContext) Warn(id, format string, args ...any) {
	f.warnings = append(f.warnings, id+": "+fmt.Sprintf(format, args...))
}

func render(t *testing.T, s *Schema, attrs map[string]any, inline bool, content string) (string, *fakeContext) {
	t.Helper()
	ctx := &fakeContext{images: map[string]ImageInfo{"/images/a.png": {URL: "/images/a.png", Width: 640, Height: 480}}}
	var b bytes.Buffer
	c := &Call{Name: s.Name, Attrs: attrs, Inline: inline, HasContent: content != "", Ctx: ctx,
		Content: func(w io.Writer) error { _, err := io.WriteString(w, content); return err }}
	if err := s.Render(&b, c); err != nil {
		t.Fatal(err)
	}
	return b.String(), ctx
}

func TestRenderers(t *testing.T) {
	tests := []struct {
		name    string
		schema  *Schema
		attrs   map[string]any
		inline  bool
		content string
		want    string
		warn    string
	}{
		{"image with size and caption", Image(), map[string]any{"src": "/images/a.png", "alt": `A "quoted" <alt>`, "caption": "Step 1"}, false, "",
			`<figure class="dg-figure"><img src="/images/a.png" alt="A &#34;quoted&#34; &lt;alt&gt;" width="640" height="480" loading="lazy" decoding="async"><figcaption>Step 1</figcaption></figure>`, ""},
		{"image unknown size", Image(), map[string]any{"src": "/images/missing.png", "alt": "x"}, false, "",
			`<figure class="dg-figure"><img src="/images/missing.png" alt="x" loading="lazy" decoding="async"></figure>`, ""},
		{"inline image", Image(), map[string]any{"src": "/images/a.png", "alt": "x", "caption": "dropped inline"}, true, "",
			`<span class="dg-figure dg-figure--inline"><img src="/images/a.png" alt="x" width="640" height="480" loading="lazy" decoding="async"></span>`, ""},
		{"callout container", InlineCalloutContainer(), nil, false, "<a>card</a>",
			`<div class="dg-callouts"><a>card</a></div>`, ""},
		{"callout", InlineCallout(), map[string]any{"bold": "Docker", "href": "/deployment/docker", "icon": "celebration", "color": "violet-70"}, false, "<p>Body</p>",
			`<a class="dg-callout" href="/v1.9.x/deployment/docker/" data-accent="violet-70"><span class="dg-callout__icon" aria-hidden="true"><svg data-icon="celebration"></svg></span><div class="dg-callout__body"><span class="dg-callout__title">Docker</span><div class="dg-callout__text"><p>Body</p></div></div></a>`, ""},
		{"callout bad colour", InlineCallout(), map[string]any{"bold": "B", "href": "/x", "color": "red; background: url(x)"}, false, "",
			`<a class="dg-callout" href="/v1.9.x/x/"><span class="dg-callout__icon" aria-hidden="true"></span><div class="dg-callout__body"><span class="dg-callout__title">B</span><div class="dg-callout__text"></div></div></a>`,
			"attribute-value-invalid"},
		{"note tip", Note(), map[string]any{"noteType": "Tip"}, false, "<p>x</p>",
			`<aside class="dg-note dg-note--tip" role="note"><span class="dg-note__title"><svg data-icon="lightbulb"></svg> Tip</span><p>x</p></aside>`, ""},
		{"note default", Note(), nil, false, "<p>x</p>",
			`<aside class="dg-note dg-note--note" role="note"><span class="dg-note__title"><svg data-icon="info"></svg> Note</span><p>x</p></aside>`, ""},
		{"note warning", Note(), map[string]any{"noteType": "Warning"}, false, "",
			`<aside class="dg-note dg-note--warning" role="note"><span class="dg-note__title"><svg data-icon="warning"></svg> Warning</span></aside>`, ""},
		{"partial", Partial(), map[string]any{"file": "/v1.9/x.md", "variables": map[string]any{"a": "b"}}, false, "",
			`<p>partial</p>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ctx := render(t, tt.schema, tt.attrs, tt.inline, tt.content)
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			warnings := strings.Join(ctx.warnings, "\n")
			if (tt.warn == "") != (warnings == "") || !strings.Contains(warnings, tt.warn) {
				t.Errorf("warnings %q, want %q", warnings, tt.warn)
			}
		})
	}
}

func TestEval(t *testing.T) {
	scope := &Scope{Vars: map[string]any{"flag": true, "n": 3, "user": map[string]any{"roles": []any{"admin"}}},
		Parent: &Scope{Vars: map[string]any{"site": "docs", "flag": false}}}
	tests := []struct {
		path []any
		want any
		ok   bool
	}{
		{[]any{"flag"}, true, true},
		{[]any{"site"}, "docs", true},
		{[]any{"user", "roles", 0.0}, "admin", true},
		{[]any{"user", "roles", "0"}, "admin", true},
		{[]any{"user", "name"}, nil, false},
		{[]any{"missing"}, nil, false},
	}
	for _, tt := range tests {
		got, ok := scope.Lookup(tt.path)
		if ok != tt.ok || fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("Lookup(%v) = %v, %v; want %v, %v", tt.path, got, ok, tt.want, tt.ok)
		}
	}
	if got := Format(3.0); got != "3" {
		t.Errorf("Format(3) = %q", got)
	}
	if got := Format(nil); got != "" {
		t.Errorf("Format(nil) = %q", got)
	}
	if !Truthy(0.0) || Truthy(nil) || Truthy(false) || !Truthy("") {
		t.Error("Truthy follows Markdoc: only false, null and undefined are false")
	}
}
