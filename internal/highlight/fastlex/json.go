package fastlex

import (
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// jsonLexer is the state of a run of the JSON lexer. chroma's JSON lexer
// has dot_all and not_multiline set; no rule depends on either.
type jsonLexer struct {
	lexer
	stack []jsonState
	// lastQuote is the offset of the last " of the text, -1 if none: a
	// string may end there at the latest (see string).
	lastQuote int
}

// jsonState tries the rules of one state of chroma's JSON lexer at pos and
// reports whether one matched.
type jsonState func(*jsonLexer) bool

func lexJSON(base *lexer) {
	l := &jsonLexer{lexer: *base, lastQuote: strings.LastIndexByte(base.src, '"')}
	l.stack = []jsonState{jsonRoot}
	for l.pos < len(l.src) && len(l.stack) > 0 && !l.overBudget() {
		if l.stack[len(l.stack)-1](l) {
			continue
		}
		// No rule matched: chroma resets to root at a newline (never
		// reached here, whitespace always matches) and otherwise emits
		// the rune as an error.
		if l.src[l.pos] == '\n' && len(l.stack) > 1 {
			l.stack = l.stack[:1]
			continue
		}
		l.errorRune()
	}
	if l.pos < len(l.src) {
		// The stack emptied: chroma returns the rest as one error.
		l.emit(chroma.Error, len(l.src))
	}
	*base = l.lexer
}

func (l *jsonLexer) push(s jsonState) { l.stack = append(l.stack, s) }

// pop pops n states; chroma panics when there are fewer.
func (l *jsonLexer) pop(n int) {
	if n > len(l.stack) {
		l.decline()
		return
	}
	l.stack = l.stack[:len(l.stack)-n]
}

// jsonRoot: include value.
func jsonRoot(l *jsonLexer) bool { return l.value() }

// value:
//
//	include whitespace; include simplevalue; include comment
//	\{  Punctuation, push objectvalue
//	\[  Punctuation, push arrayvalue
func (l *jsonLexer) value() bool {
	if l.whitespace() || l.simpleValue() || l.comment() {
		return true
	}
	switch l.src[l.pos] {
	case '{':
		l.emit(chroma.Punctuation, l.pos+1)
		l.push(jsonObjectValue)
		return true
	case '[':
		l.emit(chroma.Punctuation, l.pos+1)
		l.push(jsonArrayValue)
		return true
	}
	return false
}

// whitespace: \s+ Text.
func (l *jsonLexer) whitespace() bool {
	end := l.spanSpace(l.pos)
	if end == l.pos {
		return false
	}
	l.emit(chroma.Text, end)
	return true
}

// comment: //.*?\n CommentSingle (dot_all: the first \n ends it).
func (l *jsonLexer) comment() bool {
	if !l.at(l.pos, "//") {
		return false
	}
	i := strings.IndexByte(l.src[l.pos+2:], '\n')
	if i < 0 {
		return false
	}
	l.emit(chroma.CommentSingle, l.pos+2+i+1)
	return true
}

// simpleValue:
//
//	(true|false|null)\b  KeywordConstant
//	-?(0|[1-9]\d*)(\.\d+[eE](\+|-)?\d+|[eE](\+|-)?\d+|\.\d+)  LiteralNumberFloat
//	-?(0|[1-9]\d*)  LiteralNumberInteger
//	"(\\\\|\\"|[^"])*"  LiteralStringDouble
func (l *jsonLexer) simpleValue() bool {
	for _, kw := range [...]string{"true", "false", "null"} {
		if l.at(l.pos, kw) && l.boundary(l.pos+len(kw)) {
			l.emit(chroma.KeywordConstant, l.pos+len(kw))
			return true
		}
	}
	if end, float := l.number(); end > 0 {
		if float {
			l.emit(chroma.LiteralNumberFloat, end)
		} else {
			l.emit(chroma.LiteralNumberInteger, end)
		}
		return true
	}
	if end := l.string(l.pos); end > 0 {
		l.emit(chroma.LiteralStringDouble, end)
		return true
	}
	return false
}

// number matches the float rule, then the integer rule, and returns the
// end of the match (0 for none). The integer part -?(0|[1-9]\d*) has one
// match: no shorter run of digits lets the rest match, as a digit follows
// it. \d is any Unicode decimal digit, [1-9] and 0 are ASCII.
func (l *jsonLexer) number() (end int, float bool) {
	i := l.pos
	if l.byteAt(i) == '-' {
		i++
	}
	switch c := l.byteAt(i); {
	case c == '0':
		i++
	case '1' <= c && c <= '9':
		i = l.span(i+1, isDigit)
	default:
		return 0, false
	}
	// (\.\d+[eE](\+|-)?\d+ | [eE](\+|-)?\d+ | \.\d+)
	if l.byteAt(i) == '.' {
		if d := l.span(i+1, isDigit); d > i+1 {
			if e := l.exponent(d); e > 0 {
				return e, true
			}
			return d, true
		}
	}
	if e := l.exponent(i); e > 0 {
		return e, true
	}
	return i, false
}

// exponent matches [eE](\+|-)?\d+ at i and returns its end, 0 for none.
func (l *jsonLexer) exponent(i int) int {
	if c := l.byteAt(i); c != 'e' && c != 'E' {
		return 0
	}
	i++
	if c := l.byteAt(i); c == '+' || c == '-' {
		i++
	}
	if d := l.span(i, isDigit); d > i {
		return d
	}
	return 0
}

// string matches "(\\\\|\\"|[^"])*" at i and returns its end, 0 for none.
//
// The engine takes \\ and \" as pairs first, so the match usually ends at
// the first quote that is not escaped. When no such quote follows, it
// backtracks: a backslash may also be read alone through [^"], which
// frees the quote after it, and the last quote of the text is then the
// furthest one a match can reach. The first match found is the one that
// takes pairs as long as a quote remains after them: escapes are read as
// pairs up to the last quote of the text, which closes the string.
func (l *jsonLexer) string(i int) int {
	if l.byteAt(i) != '"' || l.lastQuote <= i {
		return 0
	}
	for p := i + 1; ; {
		c := l.src[p]
		switch {
		case c == '"':
			return p + 1
		case c == '\\' && p+2 <= l.lastQuote && (l.src[p+1] == '\\' || l.src[p+1] == '"'):
			p += 2
		default:
			_, n := l.runeAt(p)
			p += n
		}
	}
}

// jsonObjectValue:
//
//	include whitespace; include comment
//	"(\\\\|\\"|[^"])*"  NameTag, push objectattribute
//	\}  Punctuation, pop 1
func jsonObjectValue(l *jsonLexer) bool {
	if l.whitespace() || l.comment() {
		return true
	}
	if end := l.string(l.pos); end > 0 {
		l.emit(chroma.NameTag, end)
		l.push(jsonObjectAttribute)
		return true
	}
	if l.src[l.pos] == '}' {
		l.emit(chroma.Punctuation, l.pos+1)
		l.pop(1)
		return true
	}
	return false
}

// jsonObjectAttribute:
//
//	include value
//	:   Punctuation
//	,   Punctuation, pop 1
//	\}  Punctuation, pop 2
func jsonObjectAttribute(l *jsonLexer) bool {
	if l.value() {
		return true
	}
	switch l.src[l.pos] {
	case ':':
		l.emit(chroma.Punctuation, l.pos+1)
		return true
	case ',':
		l.emit(chroma.Punctuation, l.pos+1)
		l.pop(1)
		return true
	case '}':
		l.emit(chroma.Punctuation, l.pos+1)
		l.pop(2)
		return true
	}
	return false
}

// jsonArrayValue:
//
//	include whitespace; include value; include comment
//	,   Punctuation
//	\]  Punctuation, pop 1
func jsonArrayValue(l *jsonLexer) bool {
	if l.whitespace() || l.value() || l.comment() {
		return true
	}
	switch l.src[l.pos] {
	case ',':
		l.emit(chroma.Punctuation, l.pos+1)
		return true
	case ']':
		l.emit(chroma.Punctuation, l.pos+1)
		l.pop(1)
		return true
	}
	return false
}
