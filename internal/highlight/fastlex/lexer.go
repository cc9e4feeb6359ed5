package fastlex

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// Lexer tokenises one language as chroma's regex lexer of the same name
// does. A Lexer holds no state between calls and is safe for concurrent
// use.
type Lexer struct {
	name string
	run  func(l *lexer)
}

// Name returns the name of the chroma lexer this Lexer stands in for, as
// chroma's Config().Name gives it ("YAML", "Bash"...).
func (x *Lexer) Name() string { return x.name }

// Tokenise appends the tokens of text to dst, as chroma's lexer would
// return them from its "root" state, with neighbouring tokens of the same
// type merged and empty tokens left out. The values of the tokens
// concatenate to text.
//
// ok is false when the lexer declines the text: chroma's lexer would fail
// on it (a rule popping more states than there are, which panics), or the
// text takes a path this package does not follow. dst then holds no
// tokens of text, and the caller should ask chroma.
func (x *Lexer) Tokenise(dst []chroma.Token, text string) (toks []chroma.Token, ok bool) {
	l := &lexer{src: text, toks: dst, base: len(dst), budget: workBudget(len(text))}
	x.run(l)
	if l.failed {
		return dst[:l.base], false
	}
	return l.toks, true
}

// Lexers returns every lexer of this package, a new slice each call.
func Lexers() []*Lexer {
	return []*Lexer{
		{name: "JSON", run: lexJSON},
		{name: "YAML", run: lexYAML},
		{name: "SQL", run: newSQL()},
		{name: "Bash", run: lexBash},
		{name: "Python", run: newPython()},
	}
}

// lexer is the state of one run over a text: the text, the position the
// next rule is tried at, and the tokens so far.
type lexer struct {
	src    string
	pos    int
	toks   []chroma.Token
	base   int  // tokens of dst before this text
	failed bool // the text is declined; see Tokenise
	// work counts the bytes read by scans, including those that look
	// ahead without taking what they read. Past budget the text is
	// declined, so a lexer stays linear on any input however its rules
	// rescan: chroma then gets the text, as it would without this
	// package.
	work, budget int
}

// workBudget is how many bytes the scans of a run may read in all, for a
// text of n bytes. Ordinary code reads each byte a few times.
func workBudget(n int) int { return 8*n + 1<<16 }

// overBudget reports whether the run has read more than its budget, and
// declines the text if so.
func (l *lexer) overBudget() bool {
	if l.work > l.budget {
		l.decline()
		return true
	}
	return false
}

// emit appends the token src[pos:end] of type t and moves pos to end.
// Empty tokens are dropped and a token of the same type as the last one
// extends it, so the token list is already coalesced.
func (l *lexer) emit(t chroma.TokenType, end int) {
	if end <= l.pos {
		return
	}
	if n := len(l.toks); n > l.base && l.toks[n-1].Type == t {
		prev := &l.toks[n-1]
		prev.Value = l.src[l.pos-len(prev.Value) : end]
	} else {
		l.toks = append(l.toks, chroma.Token{Type: t, Value: l.src[l.pos:end]})
	}
	l.pos = end
}

// errorRune emits the rune at pos as an Error token, as chroma does where
// no rule of the current state matches.
func (l *lexer) errorRune() {
	_, n := l.runeAt(l.pos)
	l.emit(chroma.Error, l.pos+n)
}

// decline gives the text up: chroma would panic on it, or this package
// does not follow it exactly.
func (l *lexer) decline() {
	l.failed = true
	l.pos = len(l.src)
}

// runeAt decodes the rune at byte offset i; n is its width, 0 at the end of
// the text. Invalid UTF-8 decodes as utf8.RuneError of width 1 (chroma sees
// U+FFFD there; the highlighter never shows such text highlighted).
func (l *lexer) runeAt(i int) (r rune, n int) {
	if i >= len(l.src) {
		return -1, 0
	}
	if c := l.src[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(l.src[i:])
}

// runeBefore decodes the rune ending at byte offset i; -1 at the start.
func (l *lexer) runeBefore(i int) rune {
	if i <= 0 {
		return -1
	}
	if c := l.src[i-1]; c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeLastRuneInString(l.src[:i])
	return r
}

// at reports whether the text at byte offset i starts with s.
func (l *lexer) at(i int, s string) bool {
	return i+len(s) <= len(l.src) && l.src[i:i+len(s)] == s
}

// byteAt returns the byte at offset i, or 0 past the end.
func (l *lexer) byteAt(i int) byte {
	if i < len(l.src) {
		return l.src[i]
	}
	return 0
}

// lineStart reports whether ^ matches at i in multiline mode: at the start
// of the text or after a \n.
func (l *lexer) lineStart(i int) bool { return i == 0 || l.src[i-1] == '\n' }

// lineEnd returns the offset of the \n ending the line around i, or the
// end of the text: where .* starting at i stops.
func (l *lexer) lineEnd(i int) int {
	j := strings.IndexByte(l.src[i:], '\n')
	if j < 0 {
		j = len(l.src) - i
	}
	l.work += j
	return i + j
}

// boundary reports whether \b matches at byte offset i: exactly one of the
// runes around i is a word character.
func (l *lexer) boundary(i int) bool {
	r, _ := l.runeAt(i)
	return isWord(l.runeBefore(i)) != isWord(r)
}

// span returns the end of the run of runes from i for which in is true.
func (l *lexer) span(i int, in func(rune) bool) int {
	start := i
	for i < len(l.src) {
		r, n := l.runeAt(i)
		if !in(r) {
			break
		}
		i += n
	}
	l.work += i - start
	return i
}

// spanWord is span(i, isWord), with ASCII inline: the class most asked for.
func (l *lexer) spanWord(i int) int {
	start := i
	for i < len(l.src) {
		c := l.src[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' {
				i++
				continue
			}
			break
		}
		r, n := utf8.DecodeRuneInString(l.src[i:])
		if !isWord(r) {
			break
		}
		i += n
	}
	l.work += i - start
	return i
}

// spanSpace is span(i, isSpace), with ASCII inline.
func (l *lexer) spanSpace(i int) int {
	start := i
	for i < len(l.src) {
		c := l.src[i]
		if c < utf8.RuneSelf {
			if c == ' ' || '\t' <= c && c <= '\r' {
				i++
				continue
			}
			break
		}
		r, n := utf8.DecodeRuneInString(l.src[i:])
		if !isSpace(r) {
			break
		}
		i += n
	}
	l.work += i - start
	return i
}

// The character classes below are those of chroma's regex engine
// (regexp2, .NET semantics): Unicode-aware unless the pattern spells out
// ASCII ranges. TestClasses compares each with the engine over every rune.

// isWord reports whether r is in \w, which is also what \b tests: a letter,
// a non-spacing mark, a decimal digit or a connector punctuation.
func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
	}
	return unicode.In(r, unicode.L, unicode.Mn, unicode.Nd, unicode.Pc) || r == '\u200c' || r == '\u200d'
}

// isSpace reports whether r is in \s.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || '\t' <= r && r <= '\r'
	}
	return unicode.IsSpace(r)
}

// isDigit reports whether r is in \d: any decimal digit, not only 0-9.
func isDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return unicode.Is(unicode.Nd, r)
}

func isNotNewline(r rune) bool { return r != '\n' }

func isASCIIDigit(r rune) bool { return '0' <= r && r <= '9' }
