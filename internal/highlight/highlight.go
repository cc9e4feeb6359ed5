package highlight

import (
	"bytes"
	"io"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"

	"github.com/docgen/docgen/internal/highlight/fastlex"
)

// maxHighlightBytes is the largest code Highlight tokenises; larger code is
// written as plain text. chroma's regex lexers run at 0.1 to 2 MB/s on
// ordinary code (its SQL lexer is the slowest), so this keeps one block
// under about two seconds, and the cut depends on the code alone.
const maxHighlightBytes = 128 << 10

// maxCachedLangs bounds the lookup cache, so a site that spells fence
// languages in endless ways cannot grow it without limit. Lookups past the
// bound still work; they are just not remembered.
const maxCachedLangs = 1024

// Options configures a Highlighter. The zero value is ready to use.
type Options struct {
	// ChromaOnly turns off the hand-written lexers of package fastlex, so
	// that every language goes through chroma's regex lexers. The output
	// is the same either way (a differential test checks it); this is for
	// comparing the two.
	ChromaOnly bool
}

// Highlighter writes highlighted HTML for fenced code. It is built once with
// New and is safe for concurrent use by many goroutines.
type Highlighter struct {
	reg  *chroma.LexerRegistry
	fast map[string]*fastlex.Lexer // chroma lexer name -> stand-in

	mu    sync.RWMutex
	langs map[string]lookup // normalised fence language -> result
}

// lookup is the remembered result of finding a lexer for a fence language.
type lookup struct {
	lexer chroma.Lexer // nil: write plain text
	known bool
}

// New returns a Highlighter over chroma's built-in lexers, with the aliases
// documentation authors use (yml, console, env, helm...) resolved up front.
// Unless opts.ChromaOnly is set, the languages package fastlex knows (YAML,
// JSON, Bash, Python, SQL) are lexed by its hand-written lexers, which give
// chroma's tokens many times faster.
func New(opts Options) *Highlighter {
	h := &Highlighter{
		reg:   lexers.GlobalLexerRegistry,
		fast:  make(map[string]*fastlex.Lexer),
		langs: make(map[string]lookup),
	}
	if !opts.ChromaOnly {
		for _, l := range fastlex.Lexers() {
			h.fast[l.Name()] = l
		}
	}
	// Fences that ask for plain text on purpose.
	for _, lang := range []string{"", "text", "plain", "plaintext", "txt"} {
		h.langs[lang] = lookup{known: true}
	}
	for lang, name := range docsAliases() {
		if l := h.reg.Get(name); l != nil {
			h.langs[lang] = lookup{lexer: h.standIn(l), known: true}
		}
	}
	// Helm charts and Go-templated configs: YAML with {{ ... }} actions.
	// chroma has no such lexer, but builds one from its YAML and Go
	// template lexers, as it does for Go HTML templates.
	yaml, tmpl := h.standIn(h.reg.Get("yaml")), h.reg.Get("go-text-template")
	if yaml != nil && tmpl != nil {
		helm := lookup{lexer: chroma.DelegatingLexer(yaml, tmpl), known: true}
		h.langs["helm"] = helm
		h.langs["yaml+gotmpl"] = helm
	}
	return h
}

// docsAliases maps fence languages that documentation uses, but that chroma
// does not know by that name or knows by a worse one, to a chroma lexer
// name. chroma's own names and aliases (js, ts, py, dockerfile, json, sql,
// java, go, xml, html, properties, ini...) need no entry.
func docsAliases() map[string]string {
	return map[string]string{
		// chroma's "console" is its Bash Session lexer, which shows
		// every line without a "$ " prompt as program output; docs
		// mostly write commands there without one. "shell-session"
		// keeps chroma's session lexer.
		"console":  "bash",
		"terminal": "bash",
		"yml":      "yaml",
		// .env files: KEY=value lines and # comments. chroma has no
		// dotenv lexer; its Bash lexer already claims .env files.
		"env":    "bash",
		"dotenv": "bash",
		// Go templates; chroma gives .tmpl files to Cheetah.
		"gotmpl": "go-text-template",
		"tmpl":   "go-text-template",
		"psql":   "postgresql",
	}
}

// Highlight writes code as a highlighted block:
//
//	<pre class="chroma"><code class="language-LANG">...</code></pre>
//
// and a newline, as goldmark ends its own code blocks. The class attribute
// on <code> is written only when lang is not empty; it carries lang as
// given, HTML-escaped. lang is looked up, trimmed and case-insensitively,
// among chroma's lexer names, aliases and file extensions and the aliases
// docs use (console, yml, env, helm...).
//
// known reports whether lang named a language: it is false for a non-empty
// lang that matches no lexer, so the caller can warn, and true for the empty
// lang and for "text" or "plain". Unknown languages, and lexers that panic,
// fail or lose text on this input (invalid UTF-8 included), and code over
// 128 KiB, give escaped plain text instead; that changes neither known nor
// err. err is only ever an error from w.
//
// The text content of <code> is exactly code, byte for byte, and the output
// is a function of code and lang alone.
func (h *Highlighter) Highlight(w io.Writer, code, lang string) (known bool, err error) {
	l := h.find(lang)
	var spans []span
	ok := false
	if len(code) <= maxHighlightBytes {
		spans, ok = tokenize(l.lexer, code)
	}
	if !ok {
		spans = plain(code)
	}
	var b bytes.Buffer
	b.Grow(len(code)*2 + 64)
	writeBlock(&b, code, lang, spans)
	_, err = w.Write(b.Bytes())
	return l.known, err
}

// find returns the lexer for a fence language, remembering the answer.
func (h *Highlighter) find(lang string) lookup {
	key := strings.ToLower(strings.TrimSpace(lang))
	h.mu.RLock()
	l, ok := h.langs[key]
	h.mu.RUnlock()
	if ok {
		return l
	}
	// chroma's Get tries names, aliases, then file names and extensions
	// (yml, cs, tf...), which scans every lexer: do it once per language.
	if lx := h.reg.Get(key); lx != nil {
		l = lookup{lexer: h.standIn(lx), known: true}
	}
	h.mu.Lock()
	if len(h.langs) < maxCachedLangs {
		h.langs[key] = l
	}
	h.mu.Unlock()
	return l
}

// standIn returns the lexer to use for chroma's lexer l: a fastLexer when
// package fastlex has one for the language, else l itself.
func (h *Highlighter) standIn(l chroma.Lexer) chroma.Lexer {
	if l == nil {
		return nil
	}
	if f := h.fast[l.Config().Name]; f != nil {
		return &fastLexer{Lexer: l, fast: f}
	}
	return l
}

// fastLexer is chroma's lexer for a language with a hand-written stand-in:
// Tokenise runs the stand-in, everything else (configuration, registry,
// analysis) is chroma's lexer's. tokenize calls the stand-in directly.
type fastLexer struct {
	chroma.Lexer
	fast *fastlex.Lexer
}

// Tokenise lexes text with the stand-in when the options are those the
// stand-in follows (from the root state, no \r\n rewriting), and with
// chroma's lexer otherwise or when the stand-in declines the text.
func (f *fastLexer) Tokenise(opts *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	if opts != nil && opts.State == "root" && !opts.EnsureLF {
		if toks, ok := f.fast.Tokenise(nil, text); ok {
			return chroma.Literator(toks...), nil
		}
	}
	return f.Lexer.Tokenise(opts, text)
}

// writeBlock writes the <pre><code> frame around the spans of code.
func writeBlock(b *bytes.Buffer, code, lang string, spans []span) {
	b.WriteString(`<pre class="chroma"><code`)
	if lang != "" {
		b.WriteString(` class="language-`)
		escapeAttr(b, lang)
		b.WriteByte('"')
	}
	// A newline right after <pre> would be dropped by HTML parsers; the
	// <code> start tag in between keeps a leading blank line of the code.
	b.WriteByte('>')
	writeTokens(b, code, spans)
	b.WriteString("</code></pre>\n")
}
