package search

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// chrome are the classes the build asks to leave out (internal/build).
var chrome = []string{"dg-live-panel", "dg-code__bar", "dg-note__title"}

func TestExtract(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []Section
	}{
		{
			name: "empty",
			body: "",
			want: []Section{{}},
		},
		{
			name: "top of the page, h1 as its heading",
			body: "<h1 id=\"guide\">The <em>Guide</em></h1>\n<p>Intro &amp; more.</p>",
			want: []Section{{Heading: "The Guide", Text: "Intro & more."}},
		},
		{
			name: "sections at headings with an id",
			body: `<p>Top.</p><h2 id="a"><a class="dg-anchor" href="#a" aria-hidden="true" tabindex="-1">#</a>Step 1: A</h2><p>In A.</p>` +
				`<h3 id="b">B</h3><p>In B.</p><h4 id="c">C</h4>C text<h5 id="d">D</h5><p>still C</p>`,
			want: []Section{
				{Text: "Top."},
				{Anchor: "a", Heading: "Step 1: A", Text: "In A."},
				{Anchor: "b", Heading: "B", Text: "In B."},
				{Anchor: "c", Heading: "C", Text: "C text D still C"},
			},
		},
		{
			name: "a heading without id stays in its section",
			body: `<h2 id="a">A</h2><h2>Plain</h2><p>x</p>`,
			want: []Section{{}, {Anchor: "a", Heading: "A", Text: "Plain x"}},
		},
		{
			name: "inline elements join, blocks separate",
			body: `<p><strong>Client</strong>ID and <code>AUTH_ID</code></p><p>next</p><ul><li>one</li><li>two</li></ul>a<br>b`,
			want: []Section{{Text: "ClientID and AUTH_ID next one two a b"}},
		},
		{
			name: "code blocks apart, without their toolbar",
			body: `<p>Set it:</p><div class="dg-code" data-lang="yaml"><div class="dg-code__bar"><span class="dg-code__lang">yaml</span><button type="button" class="dg-copy" hidden>Copy</button></div>` +
				`<pre class="chroma"><code class="language-yaml"><span class="nt">hostPort</span><span class="p">:</span> <var class="dg-live" data-live="baseUrl">https://x.example.com</var>
  <span class="nt">port</span>: 8585</code></pre></div><p>Done.</p>`,
			want: []Section{{Text: "Set it: Done.", Code: "hostPort: https://x.example.com port: 8585"}},
		},
		{
			name: "hidden, aria-hidden, scripts, styles, svg, forms",
			body: `<p>a<span hidden>no</span><span aria-hidden="true">no</span><span aria-hidden=false>b</span></p>` +
				`<script>if (a < b) { document.write("<p>no</p>") }</script><STYLE>p{}</STYLE>` +
				`<svg viewBox="0 0 1 1"><path d="M0"/><text>no</text></svg><button>no</button><select><option>no</option></select>` +
				`<noscript>no</noscript><template><p>no</p></template><textarea><p>no</textarea>c`,
			want: []Section{{Text: "ab c"}},
		},
		{
			name: "the chrome classes, headings inside included",
			body: `<p>Intro.</p><section class="dg-live-panel" data-live-config="{&#34;x&#34;:1}"><h2 id="dg-live-title">Your values</h2><table><tr><td>Tenant ID</td></tr></table></section>` +
				`<aside class="dg-note dg-note--warning"><span class="dg-note__title"><svg></svg> Warning</span><p>Careful.</p></aside>`,
			want: []Section{{Text: "Intro. Careful."}},
		},
		{
			name: "entities, in text, headings and ids",
			body: `<h2 id="a&amp;b">&lt;tag&gt; &#34;q&#34; &nbsp;&eacute;</h2>x&unknown;y`,
			want: []Section{{}, {Anchor: "a&b", Heading: `<tag> "q" é`, Text: "x&unknown;y"}},
		},
		{
			name: "comments and doctype",
			body: `<!DOCTYPE html><!-- <h2 id="x">no</h2> --><p>yes</p><!-- unclosed`,
			want: []Section{{Text: "yes"}},
		},
		{
			name: "attributes with > and odd quoting",
			body: `<p title="a > b" data-x='c "d"' class=plain>text</p><h2 id=unquoted class="x">H</h2>`,
			want: []Section{{Text: "text"}, {Anchor: "unquoted", Heading: "H"}},
		},
		{
			name: "unclosed heading ends with the body",
			body: `<h2 id="a">Heading <em>open`,
			want: []Section{{}, {Anchor: "a", Heading: "Heading open"}},
		},
		{
			name: "an end tag closes what is open inside it",
			body: `<div><h2 id="a">A <span>x</div>after`,
			want: []Section{{}, {Anchor: "a", Heading: "A x", Text: "after"}},
		},
		{
			name: "stray end tags and a lone <",
			body: `</p></div>a < b <3 c<`,
			want: []Section{{Text: "a < b <3 c<"}},
		},
		{
			name: "nested heading is text of the outer",
			body: `<h2 id="a">A<h3 id="b">B</h3></h2>`,
			want: []Section{{}, {Anchor: "a", Heading: "A B"}},
		},
		{
			name: "invalid UTF-8 replaced",
			body: "<h2 id=\"\xff\">H\xfe</h2>t\xc3",
			want: []Section{{}, {Anchor: "\uFFFD", Heading: "H\uFFFD", Text: "t\uFFFD"}},
		},
	}
	e := NewExtractor(chrome...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := e.Extract([]byte(tt.body))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Extract:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// TestExtractWithoutSkipClasses: the chrome classes are the caller's
// choice; without them the panel is text like any other.
func TestExtractWithoutSkipClasses(t *testing.T) {
	got := NewExtractor().Extract([]byte(`<section class="dg-live-panel"><h2 id="t">Your values</h2></section>`))
	want := []Section{{}, {Anchor: "t", Heading: "Your values"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"",
		`<h1 id="x">T</h1><p>a &amp; b</p><h2 id="s">S</h2><pre><code>k: v</code></pre>`,
		`<section class="dg-live-panel"><h2 id="dg-live-title">x</h2></section>`,
		`<script>a<b</script><svg><path/></svg><!-- c --><![CDATA[x]]>`,
		`<h2 id='a'<p>`,
		`<a href=x/>y</a></h2><h3 id=>z`,
		"<h2 id=\"\xff\">\xfe",
	} {
		f.Add([]byte(s))
	}
	e := NewExtractor(chrome...)
	f.Fuzz(func(t *testing.T, body []byte) {
		got := e.Extract(body)
		if len(got) == 0 || got[0].Anchor != "" {
			t.Fatalf("no top section first: %+v", got)
		}
		for i, s := range got {
			for _, v := range []string{s.Anchor, s.Heading, s.Text, s.Code} {
				if !utf8.ValidString(v) {
					t.Fatalf("section %d: invalid UTF-8 %q", i, v)
				}
			}
			for _, v := range []string{s.Heading, s.Text, s.Code} {
				if v != strings.Join(strings.Fields(v), " ") {
					t.Fatalf("section %d: white space not collapsed in %q", i, v)
				}
			}
			if i > 0 && s.Anchor == "" {
				t.Fatalf("section %d has no anchor", i)
			}
		}
		if n := strings.Count(strings.ToLower(string(body)), "<h"); len(got) > n+1 {
			t.Fatalf("%d sections from %d headings", len(got), n)
		}
		// Whatever the body, its sections index without trouble.
		NewPage("/p/", "P", "", got)
	})
}

// FuzzCollapse checks collapse, and the class splitting that reads white
// space the same way, against the strings.Fields they stand for.
func FuzzCollapse(f *testing.F) {
	for _, s := range []string{"", " a  b ", "\ta\v\fb\r\n", "a\u00a0b\u2003 c\u0085", "\xc2 \xa0x", "dg-code  dg-note__title", "\xff\xfe"} {
		f.Add(s)
	}
	e := NewExtractor("b", "dg-code")
	f.Fuzz(func(t *testing.T, s string) {
		fields := strings.Fields(s)
		if got, want := collapse(s), toValidUTF8(strings.Join(fields, " ")); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
		want := false
		for _, c := range fields {
			want = want || e.skip[c]
		}
		if got := (&extraction{e: e}).hasSkippedClass([]byte(s)); got != want {
			t.Errorf("hasSkippedClass(%q) = %v, want %v", s, got, want)
		}
	})
}
