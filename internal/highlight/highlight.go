package highlight

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

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

	// CacheDir is the folder of the on-disk cache of highlighted blocks
	// (build.HighlightCacheDir names the one a build uses); "" keeps the
	// cache in memory only.
	// The folder is created when Flush first writes to it. It may be
	// deleted at any time and shared by builds running at once.
	CacheDir string

	// CacheLimit bounds the size of the cache in bytes, in memory and in
	// CacheDir; 0 means DefaultCacheLimit, and a negative value turns the
	// cache off.
	CacheLimit int64
}

// Highlighter writes highlighted HTML for fenced code. It is built once with
// New and is safe for concurrent use by many goroutines.
type Highlighter struct {
	reg   *chroma.LexerRegistry
	fast  map[string]*fastlex.Lexer // chroma lexer name -> stand-in
	cache *cache                    // nil when off

	hits, misses atomic.Int64 // blocks found in the cache, and tokenised

	mu    sync.RWMutex
	langs map[string]lookup // normalised fence language -> result
}

// lookup is the remembered result of finding a lexer for a fence language.
type lookup struct {
	lexer chroma.Lexer // nil: write plain text
	known bool
	lang  string // the language, normalised, as the cache keys it
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
	if opts.CacheLimit >= 0 {
		h.cache = newCache(opts.CacheDir, opts.CacheLimit, opts.ChromaOnly)
	}
	// Fences that ask for plain text on purpose.
	for _, lang := range []string{"", "text", "plain", "plaintext", "txt"} {
		h.langs[lang] = lookup{known: true, lang: lang}
	}
	for lang, name := range docsAliases() {
		if l := h.reg.Get(name); l != nil {
			h.langs[lang] = lookup{lexer: h.standIn(l), known: true, lang: lang}
		}
	}
	// Helm charts and Go-templated configs: YAML with {{ ... }} actions.
	// chroma has no such lexer, but builds one from its YAML and Go
	// template lexers, as it does for Go HTML templates.
	yaml, tmpl := h.standIn(h.reg.Get("yaml")), h.reg.Get("go-text-template")
	if yaml != nil && tmpl != nil {
		h.langs["helm"] = lookup{lexer: chroma.DelegatingLexer(yaml, tmpl), known: true, lang: "helm"}
		h.langs["yaml+gotmpl"] = lookup{lexer: chroma.DelegatingLexer(yaml, tmpl), known: true, lang: "yaml+gotmpl"}
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
	spans := h.spans(l, code)
	b, direct := blockBuffer(w, htmlSize(code, lang, spans))
	writeBlock(b, code, lang, spans)
	if !direct {
		_, err = w.Write(b.Bytes())
	}
	return l.known, err
}

// blockBuffer returns the buffer to write a block of about size bytes
// into: w itself when it is a bytes.Buffer (direct), so the block is not
// copied, else a new one whose bytes the caller writes to w.
func blockBuffer(w io.Writer, size int) (b *bytes.Buffer, direct bool) {
	b, direct = w.(*bytes.Buffer)
	if !direct {
		b = new(bytes.Buffer)
	}
	b.Grow(size)
	return b, direct
}

// spans returns the spans code is written with in the language of l:
// from the cache, or tokenised (and then cached), or plain text.
func (h *Highlighter) spans(l lookup, code string) []span {
	if l.lexer == nil || code == "" || len(code) > maxHighlightBytes {
		return plain(code)
	}
	var k cacheKey
	if h.cache != nil {
		k = h.cache.key(l.lang, code)
		if spans, ok, found := h.cache.get(k, code); found {
			h.hits.Add(1)
			if !ok {
				return plain(code)
			}
			return spans
		}
	}
	h.misses.Add(1)
	spans, ok := tokenize(l.lexer, code)
	if h.cache != nil {
		h.cache.put(k, spans, ok)
	}
	if !ok {
		return plain(code)
	}
	return spans
}

// Stats counts the blocks highlighted so far: Hits were found in the
// cache, Misses were tokenised. Plain-text blocks (no language, an unknown
// one, over 128 KiB) count as neither.
type Stats struct {
	Hits, Misses int64
}

// Stats returns the counts of blocks highlighted so far.
func (h *Highlighter) Stats() Stats {
	return Stats{Hits: h.hits.Load(), Misses: h.misses.Load()}
}

// Flush writes the blocks highlighted since the last Flush to the cache
// folder, so later builds (and other builds sharing the folder) find
// them. Call it when a build is done; it does nothing without a cache
// folder. An error means some blocks were not written, which costs only
// their highlighting next time: report it as a warning, not a failure.
func (h *Highlighter) Flush() error {
	if h.cache == nil {
		return nil
	}
	return h.cache.flush()
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
	l.lang = key
	if lx := h.reg.Get(key); lx != nil {
		l = lookup{lexer: h.standIn(lx), known: true, lang: key}
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
	toks sync.Pool // of *[]chroma.Token, reused by tokenize
}

// Tokenise lexes text with the stand-in when the options are those the
// stand-in follows (from the root state, no \r\n rewriting), and with
// chroma's lexer otherwise, when the stand-in declines the text, or when
// the text is not UTF-8 (chroma's lexers read runes, so their tokens then
// differ from the text, which the stand-in's would not).
func (f *fastLexer) Tokenise(opts *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	if opts != nil && opts.State == "root" && !opts.EnsureLF && utf8.ValidString(text) {
		if toks, ok := f.fast.Tokenise(nil, text); ok {
			return chroma.Literator(toks...), nil
		}
	}
	return f.Lexer.Tokenise(opts, text)
}

// htmlSize estimates the bytes of the HTML of a block, so its buffer
// grows once: the code, a little for escapes, the tags of each span and
// the frame.
func htmlSize(code, lang string, spans []span) int {
	return len(code) + len(code)/8 + 26*len(spans) + len(lang) + 64
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
