package highlight

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/alecthomas/chroma/v2"
)

func TestLookup(t *testing.T) {
	h := New(Options{})
	tests := []struct {
		lang  string
		lexer string // chroma lexer name; "" for plain text
		known bool
	}{
		// chroma's names and aliases, in any case and spacing.
		{"yaml", "YAML", true},
		{"YAML", "YAML", true},
		{" yaml ", "YAML", true},
		{"bash", "Bash", true},
		{"sh", "Bash", true},
		{"shell", "Bash", true},
		{"zsh", "Bash", true},
		{"js", "JavaScript", true},
		{"javascript", "JavaScript", true},
		{"ts", "TypeScript", true},
		{"py", "Python", true},
		{"dockerfile", "Docker", true},
		{"Dockerfile", "Docker", true},
		{"json", "JSON", true},
		{"jsonc", "JSON", true},
		{"sql", "SQL", true},
		{"postgresql", "PostgreSQL SQL dialect", true},
		{"java", "Java", true},
		{"go", "Go", true},
		{"golang", "Go", true},
		{"xml", "XML", true},
		{"html", "HTML", true},
		{"properties", "properties", true},
		{"ini", "INI", true},
		{"toml", "TOML", true},
		{"shell-session", "Bash Session", true},
		// File extensions, through chroma's file name match.
		{"yml", "YAML", true},
		{"tf", "Terraform", true},
		{"cs", "C#", true},
		// Docs aliases of this package.
		{"console", "Bash", true},
		{"terminal", "Bash", true},
		{"env", "Bash", true},
		{"dotenv", "Bash", true},
		{"gotmpl", "Go Text Template", true},
		{"tmpl", "Go Text Template", true},
		{"psql", "PostgreSQL SQL dialect", true},
		// helm is YAML delegating {{ }} to the Go template lexer, which
		// names the pair.
		{"helm", "Go Text Template", true},
		// Plain text on purpose.
		{"", "", true},
		{"text", "", true},
		{"TEXT", "", true},
		{"plain", "", true},
		{"plaintext", "", true},
		{"txt", "", true},
		// Unknown.
		{"commandline", "", false},
		{"implicit", "", false},
		{"authcode", "", false},
		{"no-such-language", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			l := h.find(tt.lang)
			got := ""
			if l.lexer != nil {
				got = l.lexer.Config().Name
			}
			if got != tt.lexer || l.known != tt.known {
				t.Errorf("find(%q) = %q, known %v; want %q, known %v", tt.lang, got, l.known, tt.lexer, tt.known)
			}
			// The remembered answer is the same.
			if again := h.find(tt.lang); again != l {
				t.Errorf("find(%q) changed on the second call", tt.lang)
			}
		})
	}
}

// TestDocsAliasesResolve checks that every docs alias names a lexer chroma
// has: New drops one that does not, and the fence would silently turn plain.
func TestDocsAliasesResolve(t *testing.T) {
	h := New(Options{})
	for lang, name := range docsAliases() {
		if h.reg.Get(name) == nil {
			t.Errorf("docs alias %q -> %q: chroma has no such lexer", lang, name)
		}
	}
}

func TestHighlightPlain(t *testing.T) {
	h := New(Options{})
	tests := []struct {
		name, lang, code string
		known            bool
		want             string
	}{
		{
			name:  "unknown language",
			lang:  "commandline",
			code:  "docker run -p 80:80 nginx && echo \"up\" > /tmp/status\n",
			known: false,
			want:  "<pre class=\"chroma\"><code class=\"language-commandline\">docker run -p 80:80 nginx &amp;&amp; echo \"up\" &gt; /tmp/status\n</code></pre>\n",
		},
		{
			name:  "no language",
			lang:  "",
			code:  "a <b>\n",
			known: true,
			want:  "<pre class=\"chroma\"><code>a &lt;b&gt;\n</code></pre>\n",
		},
		{
			name:  "text",
			lang:  "text",
			code:  "x & y",
			known: true,
			want:  "<pre class=\"chroma\"><code class=\"language-text\">x &amp; y</code></pre>\n",
		},
		{
			name:  "language escaped in the class",
			lang:  `x"><script>'`,
			code:  "x",
			known: false,
			want:  "<pre class=\"chroma\"><code class=\"language-x&#34;&gt;&lt;script&gt;&#39;\">x</code></pre>\n",
		},
		{
			name:  "empty code",
			lang:  "go",
			code:  "",
			known: true,
			want:  "<pre class=\"chroma\"><code class=\"language-go\"></code></pre>\n",
		},
		{
			name:  "carriage return kept as a reference",
			lang:  "commandline",
			code:  "a\r\nb\r",
			known: false,
			want:  "<pre class=\"chroma\"><code class=\"language-commandline\">a&#13;\nb&#13;</code></pre>\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			known, err := h.Highlight(&b, tt.code, tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			if known != tt.known {
				t.Errorf("known = %v, want %v", known, tt.known)
			}
			if got := b.String(); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestHighlightTokens(t *testing.T) {
	h := New(Options{})
	tests := []struct {
		lang, code string
		want       []string // substrings of the output
	}{
		{"yaml", "key: 1 # note\n", []string{`<span class="nt">key</span>`, `<span class="m">1</span>`, `<span class="c"># note</span>`}},
		{"json", `{"a": true}`, []string{`<span class="nt">"a"</span>`, `<span class="kc">true</span>`}},
		{"bash", "echo \"$HOME\"\n", []string{`<span class="nb">echo</span>`, `<span class="nv">$HOME</span>`}},
		{"sql", "SELECT 1;", []string{`<span class="k">SELECT</span>`, `<span class="mi">1</span>`}},
		{"helm", "image: {{ .Values.image }}\n", []string{`<span class="nt">image</span>`, `<span class="cp">{{</span>`}},
		{"env", "FOO=bar # c\n", []string{`<span class="nv">FOO</span>`, `<span class="c1"># c</span>`}},
		{"console", "kubectl get pods -n docs\n", []string{"kubectl get pods"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			var b bytes.Buffer
			known, err := h.Highlight(&b, tt.code, tt.lang)
			if err != nil || !known {
				t.Fatalf("known %v, err %v", known, err)
			}
			got := b.String()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("output lacks %s:\n%s", w, got)
				}
			}
			checkText(t, got, tt.code)
		})
	}
}

// TestNoInlineStyles guards the Content-Security-Policy promise.
func TestNoInlineStyles(t *testing.T) {
	h := New(Options{})
	for _, in := range inputs(t) {
		var b bytes.Buffer
		if _, err := h.Highlight(&b, in.code, in.lang); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.String(), "style=") {
			t.Errorf("%s: inline style in output", in.name)
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, in := range inputs(t) {
		var first []byte
		for i := range 5 {
			// A fresh Highlighter each time, and a warm one.
			h := New(Options{})
			for range 2 {
				var b bytes.Buffer
				if _, err := h.Highlight(&b, in.code, in.lang); err != nil {
					t.Fatal(err)
				}
				if i == 0 && first == nil {
					first = b.Bytes()
				} else if !bytes.Equal(b.Bytes(), first) {
					t.Fatalf("%s: output changed between runs", in.name)
				}
			}
		}
	}
}

// exactTextLangs are the languages the exact-text property is checked in.
var exactTextLangs = []string{
	"yaml", "json", "bash", "console", "shell-session", "sql", "go", "java", "js", "ts", "py",
	"dockerfile", "xml", "html", "properties", "ini", "env", "helm", "gotmpl",
	"toml", "md", "diff", "commandline", "",
}

// exactTextCodes are awkward inputs for the exact-text property.
var exactTextCodes = []string{
	"",
	"\n",
	"\n\n\n",
	"x",
	"no final newline",
	"  leading blank line follows\n\nand a tab\tthere",
	"\nstarts with a newline",
	"<script>alert('x')</script> & &amp; &lt; \"q\" 'a'",
	"a\r\nwindows\r\nline endings\r\n",
	"old mac\rline\rendings",
	"unicode: é ü 日本語 🙂 \u00a0nbsp \u200bzwsp",
	"invalid utf-8: \xff\xfe \xc3 end",
	"nul \x00 byte and \x1b[31mansi\x1b[0m",
	"{{ .Values.x }} {% $var %} ${HOME} $(date) `cmd`",
	"key: \"unterminated\n  - [a, {b: c}\n",
	"SELECT 'unterminated FROM t WHERE x = \"y",
	"/* unterminated comment\n<!-- and html -->",
	"#!/bin/sh\necho \"$(( 1 + 2 ))\" <<EOF\nheredoc\nEOF\n",
	"{\"a\": [1, 2.5e10, -3, true, null, \"\\u00e9\\n\"]}",
	strings.Repeat("a: b\n", 200),
	strings.Repeat("((((", 100),
}

func TestExactText(t *testing.T) {
	h := New(Options{})
	codes := slices.Concat(exactTextCodes, inputCodes(t))
	for _, lang := range exactTextLangs {
		for i, code := range codes {
			var b bytes.Buffer
			if _, err := h.Highlight(&b, code, lang); err != nil {
				t.Fatal(err)
			}
			if got, err := codeText(b.String()); err != nil {
				t.Errorf("lang %q, code %d: %v\n%s", lang, i, err, b.String())
			} else if got != code {
				t.Errorf("lang %q, code %d: text content\n%q\nwant\n%q", lang, i, got, code)
			}
		}
	}
}

// TestAllLexersExactText runs every lexer chroma ships over awkward inputs:
// none may crash Highlight or lose a byte.
func TestAllLexersExactText(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: every chroma lexer")
	}
	h := New(Options{})
	for _, l := range h.reg.Lexers {
		name := l.Config().Name
		for i, code := range exactTextCodes {
			var b bytes.Buffer
			if _, err := h.Highlight(&b, code, name); err != nil {
				t.Fatal(err)
			}
			if got, err := codeText(b.String()); err != nil || got != code {
				t.Errorf("lexer %q, code %d: text %q, err %v; want %q", name, i, got, err, code)
			}
		}
	}
}

// fakeLexer is a chroma lexer whose Tokenise the test chooses.
type fakeLexer struct {
	chroma.Lexer // nil: only Tokenise is called
	tokenise     func(text string) (chroma.Iterator, error)
}

func (f fakeLexer) Tokenise(_ *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	return f.tokenise(text)
}

func TestBrokenLexerFallsBack(t *testing.T) {
	const code = "a = \"é\"\n"
	tests := []struct {
		name     string
		tokenise func(text string) (chroma.Iterator, error)
	}{
		{"panics", func(string) (chroma.Iterator, error) { panic("unknown state x") }},
		{"panics while iterating", func(text string) (chroma.Iterator, error) {
			n := 0
			return func() chroma.Token {
				if n++; n > 2 {
					panic(errors.New("mutator failed"))
				}
				return chroma.Token{Type: chroma.Keyword, Value: text[n-1 : n]}
			}, nil
		}},
		{"fails", func(string) (chroma.Iterator, error) { return nil, errors.New("bad rules") }},
		{"replaces a byte", func(text string) (chroma.Iterator, error) {
			return chroma.Literator(chroma.Token{Type: chroma.String, Value: strings.ReplaceAll(text, "é", "\uFFFD")}), nil
		}},
		{"drops text", func(text string) (chroma.Iterator, error) {
			return chroma.Literator(chroma.Token{Type: chroma.String, Value: text[:3]}), nil
		}},
		{"adds text", func(text string) (chroma.Iterator, error) {
			return chroma.Literator(chroma.Token{Type: chroma.String, Value: text + "x"}), nil
		}},
		{"returns empty tokens forever", func(string) (chroma.Iterator, error) {
			return func() chroma.Token { return chroma.Token{Type: chroma.Text} }, nil
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := New(Options{})
			h.langs["broken"] = lookup{lexer: fakeLexer{tokenise: tt.tokenise}, known: true}
			var b bytes.Buffer
			known, err := h.Highlight(&b, code, "broken")
			if err != nil || !known {
				t.Fatalf("known %v, err %v; want true, nil", known, err)
			}
			want := "<pre class=\"chroma\"><code class=\"language-broken\">a = \"é\"\n</code></pre>\n"
			if b.String() != want {
				t.Errorf("got %q, want plain %q", b.String(), want)
			}
		})
	}
}

func TestWriteError(t *testing.T) {
	want := errors.New("disk full")
	known, err := New(Options{}).Highlight(failWriter{want}, "a: 1\n", "yaml")
	if !known || !errors.Is(err, want) {
		t.Errorf("known %v, err %v; want true, %v", known, err, want)
	}
}

type failWriter struct{ err error }

func (w failWriter) Write([]byte) (int, error) { return 0, w.err }

// TestConcurrent shares one Highlighter between goroutines; run with -race.
func TestConcurrent(t *testing.T) {
	h := New(Options{})
	ins := inputs(t)
	want := make([]string, len(ins))
	for i, in := range ins {
		var b bytes.Buffer
		if _, err := h.Highlight(&b, in.code, in.lang); err != nil {
			t.Fatal(err)
		}
		want[i] = b.String()
	}
	h = New(Options{}) // cold caches and lexers
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for j := range ins {
				i := (g + j) % len(ins)
				var b bytes.Buffer
				if _, err := h.Highlight(&b, ins[i].code, ins[i].lang); err != nil {
					t.Error(err)
				}
				if b.String() != want[i] {
					t.Errorf("%s: output differs under concurrency", ins[i].name)
				}
				h.find(fmt.Sprintf("lang-%d-%d", g, j)) // grow the cache meanwhile
			}
		})
	}
	wg.Wait()
}

// codeText returns the text content of the <code> element in a block
// written by Highlight, after checking the frame and that the markup inside
// is only unnested <span class="..."> elements. Tags are cut at the first
// '>', which is sound because Highlight escapes '>' in text and attributes.
func codeText(out string) (string, error) {
	const pre = `<pre class="chroma"><code`
	const post = "</code></pre>\n"
	if !strings.HasPrefix(out, pre) || !strings.HasSuffix(out, post) {
		return "", fmt.Errorf("frame: %q", out)
	}
	body := out[len(pre) : len(out)-len(post)]
	gt := strings.IndexByte(body, '>')
	if gt < 0 || !codeAttrs.MatchString(body[:gt]) {
		return "", fmt.Errorf("code tag: %q", body)
	}
	body = body[gt+1:]
	var text strings.Builder
	open := false
	for body != "" {
		lt := strings.IndexByte(body, '<')
		if lt < 0 {
			lt = len(body)
		}
		text.WriteString(html.UnescapeString(body[:lt]))
		body = body[lt:]
		if body == "" {
			break
		}
		gt := strings.IndexByte(body, '>')
		if gt < 0 {
			return "", fmt.Errorf("unclosed tag: %q", body)
		}
		tag := body[:gt+1]
		body = body[gt+1:]
		switch {
		case tag == "</span>" && open:
			open = false
		case spanTag.MatchString(tag) && !open:
			open = true
		default:
			return "", fmt.Errorf("unexpected tag %q", tag)
		}
	}
	if open {
		return "", errors.New("unclosed span")
	}
	return text.String(), nil
}

var (
	codeAttrs = regexp.MustCompile(`^(| class="language-[^"<>]*")$`)
	spanTag   = regexp.MustCompile(`^<span class="[a-z0-9]+">$`)
)

// checkText fails the test unless the text content of out is code.
func checkText(t testing.TB, out, code string) {
	t.Helper()
	got, err := codeText(out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if got != code {
		t.Fatalf("text content\n%q\nwant\n%q", got, code)
	}
}

// input is a snippet in testdata: name.lang, highlighted as lang.
type input struct {
	name, lang, code string
}

// inputs returns the snippets in testdata, sorted by name.
func inputs(t testing.TB) []input {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "*.*"))
	if err != nil {
		t.Fatal(err)
	}
	var out []input
	for _, p := range paths {
		if strings.HasSuffix(p, goldenExt) {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(p)
		out = append(out, input{name: name, lang: strings.TrimPrefix(filepath.Ext(name), "."), code: string(b)})
	}
	if len(out) == 0 {
		t.Fatal("no snippets in testdata")
	}
	return out
}

func inputCodes(t testing.TB) []string {
	var out []string
	for _, in := range inputs(t) {
		out = append(out, in.code)
	}
	return out
}

// TestSizeCap checks that code past maxHighlightBytes is written plain,
// still exactly, and that code up to it is highlighted.
func TestSizeCap(t *testing.T) {
	h := New(Options{})
	line := "key: 1\n"
	fits := strings.Repeat(line, maxHighlightBytes/len(line))
	tests := []struct {
		name      string
		code      string
		highlight bool
	}{
		{"at the cap", fits, true},
		{"over the cap", fits + strings.Repeat("x", maxHighlightBytes-len(fits)+1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			known, err := h.Highlight(&b, tt.code, "yaml")
			if err != nil || !known {
				t.Fatalf("known %v, err %v", known, err)
			}
			if got := strings.Contains(b.String(), "<span"); got != tt.highlight {
				t.Errorf("%d bytes: highlighted %v, want %v", len(tt.code), got, tt.highlight)
			}
			checkText(t, b.String(), tt.code)
		})
	}
}
