package fastlex

import (
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// yamlLexer is the state of a run of chroma's YAML lexer, which has one
// state, root, in multiline mode: ^ and $ match at line boundaries.
type yamlLexer struct {
	lexer
	// lastDouble and lastSingle are the offsets of the last " and ' of
	// the text, -1 if none: how far a quoted string can reach (see
	// quoted).
	lastDouble, lastSingle int
	// keyEnd caches keyScan: for positions in [keyFrom, keyStop) the key
	// rules' scan ends at keyStop and finds the first ": " at keyColon
	// (-1 if none before keyStop).
	keyFrom, keyStop, keyColon int
	// qcLineStart, qcLineEnd and qcLast cache lastQuoteColon for a line.
	qcLineStart, qcLineEnd, qcLast int
}

func lexYAML(base *lexer) {
	l := &yamlLexer{
		lexer:      *base,
		lastDouble: strings.LastIndexByte(base.src, '"'),
		lastSingle: strings.LastIndexByte(base.src, '\''),
		keyFrom:    -1,
		qcLineEnd:  -1,
	}
	// Every rune matches a rule of root (\s+ or .), so there are no
	// errors and the one state never changes.
	for l.pos < len(l.src) && !l.overBudget() {
		l.root()
	}
	*base = l.lexer
}

// root tries, in order:
//
//	include whitespace: \s+ TextWhitespace (and \n+, never reached)
//	^---  NameNamespace
//	^\.\.\.  NameNamespace
//	[\n?]?\s*-   Text
//	#.*$  Comment
//	//.*$  Comment
//	!![^\s]+  CommentPreproc
//	&[^\s]+  CommentPreproc
//	\*[^\s]+  CommentPreproc
//	^%include\s+[^\n\r]+  CommentPreproc
//	include key; include value
//	[?:,\[\]]  Punctuation
//	.  Text
func (l *yamlLexer) root() {
	if end := l.spanSpace(l.pos); end > l.pos {
		l.emit(chroma.TextWhitespace, end)
		return
	}
	// pos is not at white space from here on.
	c := l.src[l.pos]
	if l.lineStart(l.pos) && (l.at(l.pos, "---") || l.at(l.pos, "...")) {
		l.emit(chroma.NameNamespace, l.pos+3)
		return
	}
	// [\n?]?\s*- : the \n cannot be here (white space was taken above).
	if c == '?' {
		if i := l.spanSpace(l.pos + 1); l.at(i, "- ") {
			l.emit(chroma.Text, i+2)
			return
		}
	} else if l.at(l.pos, "- ") {
		l.emit(chroma.Text, l.pos+2)
		return
	}
	switch {
	case c == '#' || c == '/' && l.at(l.pos, "//"):
		l.emit(chroma.Comment, l.lineEnd(l.pos))
		return
	case c == '!' && l.at(l.pos, "!!") || c == '&' || c == '*':
		from := l.pos + 1
		if c == '!' {
			from++
		}
		if end := l.span(from, notSpace); end > from {
			l.emit(chroma.CommentPreproc, end)
			return
		}
	case c == '%' && l.lineStart(l.pos) && l.at(l.pos, "%include"):
		if end := l.include(l.pos + len("%include")); end > 0 {
			l.emit(chroma.CommentPreproc, end)
			return
		}
	}
	if l.key() || l.value() {
		return
	}
	switch c {
	case '?', ':', ',', '[', ']':
		l.emit(chroma.Punctuation, l.pos+1)
		return
	}
	_, n := l.runeAt(l.pos)
	l.emit(chroma.Text, l.pos+n)
}

func notSpace(r rune) bool { return !isSpace(r) }

func notLineBreak(r rune) bool { return r != '\n' && r != '\r' }

// include matches \s+[^\n\r]+ at i, after "%include", and returns its end,
// 0 for none. \s+ takes all white space, newlines included; when the text
// ends there, the engine gives white space back until [^\n\r]+ can start
// on a blank that is not a line break.
func (l *yamlLexer) include(i int) int {
	ws := l.spanSpace(i)
	if ws == i {
		return 0
	}
	if ws < len(l.src) {
		return l.span(ws, notLineBreak)
	}
	best := 0
	for j := i; j < ws; {
		r, n := l.runeAt(j)
		if j > i && notLineBreak(r) {
			best = j
		}
		j += n
	}
	if best == 0 {
		return 0
	}
	return l.span(best, notLineBreak)
}

// key tries the rules of state key:
//
//	"[^"\n#].*":   NameTag
//	(-)( )((?:(?!//)[^"\n{#])*?)(:)( )  never reached: root's "- " comes first
//	((?:(?!//)[^"\n{#])*?)(:)( )   NameTag, Punctuation, TextWhitespace
//	((?:(?!//)[^"\n{#])*?)(:)(\n)  NameTag, Punctuation, TextWhitespace
//
// As in chroma, these rules run at any position of a line, not only where
// a key would start.
func (l *yamlLexer) key() bool {
	// "[^"\n#].*":  : .* is greedy, so the match ends at the last ": "
	// of the line that starts after the first character.
	if l.src[l.pos] == '"' && l.pos+1 < len(l.src) {
		if c := l.src[l.pos+1]; c != '"' && c != '\n' && c != '#' {
			_, n := l.runeAt(l.pos + 1)
			if i := l.lastQuoteColon(l.pos + 1 + n); i >= 0 {
				l.emit(chroma.NameTag, i+3)
				return true
			}
		}
	}
	stop, colon := l.keyScan()
	if colon >= 0 {
		l.emit(chroma.NameTag, colon)
		l.emit(chroma.Punctuation, colon+1)
		l.emit(chroma.TextWhitespace, colon+2)
		return true
	}
	// The lazy scan fails at stop; (:)(\n) matches when a colon right
	// before a newline ends the run.
	if stop < len(l.src) && l.src[stop] == '\n' && stop > l.pos && l.src[stop-1] == ':' {
		l.emit(chroma.NameTag, stop-1)
		l.emit(chroma.Punctuation, stop)
		l.emit(chroma.TextWhitespace, stop+1)
		return true
	}
	return false
}

// lastQuoteColon returns the offset of the last `": ` of the line at or
// after from, -1 if none. It remembers the answer per line, as a line of
// many quoted strings asks once per string.
func (l *yamlLexer) lastQuoteColon(from int) int {
	if from < l.qcLineStart || from > l.qcLineEnd {
		start := strings.LastIndexByte(l.src[:from], '\n') + 1
		end := l.lineEnd(from)
		l.qcLineStart, l.qcLineEnd = start, end
		l.qcLast = -1
		l.work += end - start
		if i := strings.LastIndex(l.src[start:end], "\": "); i >= 0 {
			l.qcLast = start + i
		}
	}
	if l.qcLast >= from {
		return l.qcLast
	}
	return -1
}

// keyScan runs the lazy (?:(?!//)[^"\n{#])*? of the key rules from pos. It
// returns stop, where the run of allowed characters ends (at a ", \n, {,
// # or the start of //), and the first ": " from pos before stop (-1 if
// none). stop is the same for every position of the run and the colon
// only moves forward, so a long line is scanned once, not once per token.
func (l *yamlLexer) keyScan() (stop, colon int) {
	if l.keyFrom < 0 || l.pos < l.keyFrom || l.pos > l.keyStop {
		l.keyFrom = l.pos
		i := l.pos
		for ; i < len(l.src); i++ {
			c := l.src[i]
			if c == '"' || c == '\n' || c == '{' || c == '#' || c == '/' && l.byteAt(i+1) == '/' {
				break
			}
		}
		l.keyStop = i
		l.keyColon = -2
		l.work += i - l.pos
	}
	if l.keyColon == -2 || l.keyColon >= 0 && l.keyColon < l.pos {
		l.keyColon = -1
		if i := strings.Index(l.src[l.pos:l.keyStop], ": "); i >= 0 {
			l.keyColon = l.pos + i
			l.work += i
		} else {
			l.work += l.keyStop - l.pos
		}
	}
	return l.keyStop, l.keyColon
}

// value tries the rules of state value in order; see each method.
func (l *yamlLexer) value() bool {
	return l.blockScalar() || l.constant() || l.quoted() || l.date() || l.number() || l.literal()
}

// blockScalar:
//
//	([>|](?:[+-])?)(\n(^ {1,})(?:(?:.*\n*(?:^\3 *).*)+|.*))  Punctuation, LiteralStringDoc, Ignore
//
// The indicator must end its line. Group 3 takes every space starting
// the next line (the alternation after it always succeeds, so the engine
// never gives spaces back). The loop then takes each following line that
// starts with that indentation after any number of empty lines; when not
// even one does, .* takes the rest of the first line. The Ignore group
// lies inside the LiteralStringDoc one, so it adds no token.
func (l *yamlLexer) blockScalar() bool {
	c := l.src[l.pos]
	if c != '>' && c != '|' {
		return false
	}
	i := l.pos + 1
	if b := l.byteAt(i); b == '+' || b == '-' {
		i++
	}
	if l.byteAt(i) != '\n' {
		return false
	}
	j := i + 1
	k := j
	for k < len(l.src) && l.src[k] == ' ' {
		k++
	}
	if k == j {
		return false
	}
	indent := l.src[j:k]
	end := -1
	for p := k; ; {
		q := l.lineEnd(p)
		for q < len(l.src) && l.src[q] == '\n' {
			q++
		}
		if !l.lineStart(q) || !l.at(q, indent) {
			break
		}
		p = q + len(indent)
		for p < len(l.src) && l.src[p] == ' ' {
			p++
		}
		p = l.lineEnd(p)
		end = p
	}
	if end < 0 {
		end = l.lineEnd(k)
	}
	l.emit(chroma.Punctuation, i)
	l.emit(chroma.LiteralStringDoc, end)
	return true
}

// yamlConstants are the words of the KeywordConstant rule.
var yamlConstants = map[string]bool{
	"false": true, "False": true, "FALSE": true, "true": true, "True": true, "TRUE": true,
	"null": true, "Off": true, "off": true, "yes": true, "Yes": true, "YES": true, "OFF": true,
	"On": true, "ON": true, "no": true, "No": true, "on": true, "NO": true,
	"n": true, "N": true, "Y": true, "y": true,
}

// constant:
//
//	(false|False|...|y)\b  KeywordConstant
//
// Every word of the list is letters only, so \b after one means it is the
// whole run of word characters at pos.
func (l *yamlLexer) constant() bool {
	end := l.spanWord(l.pos)
	if end == l.pos || end-l.pos > 5 || !yamlConstants[l.src[l.pos:end]] {
		return false
	}
	l.emit(chroma.KeywordConstant, end)
	return true
}

// quoted:
//
//	"(?:\\.|[^"])*"  LiteralStringDouble
//	'(?:\\.|[^'])*'  LiteralStringSingle
//
// As with JSON strings (see jsonLexer.string), the engine reads \ and the
// character after it as a pair while a closing quote remains after the
// pair, and the last quote of the text is the furthest a string reaches.
// . does not match \n, so a backslash before a newline is read alone.
func (l *yamlLexer) quoted() bool {
	q := l.src[l.pos]
	last := l.lastDouble
	typ := chroma.LiteralStringDouble
	switch q {
	case '"':
	case '\'':
		last, typ = l.lastSingle, chroma.LiteralStringSingle
	default:
		return false
	}
	if last <= l.pos {
		return false
	}
	for p := l.pos + 1; ; {
		c := l.src[p]
		if c == q {
			l.emit(typ, p+1)
			return true
		}
		if c == '\\' && p+1 < len(l.src) && l.src[p+1] != '\n' {
			_, n := l.runeAt(p + 1)
			if p+1+n <= last {
				p += 1 + n
				continue
			}
		}
		_, n := l.runeAt(p)
		p += n
	}
}

// digits reports whether n runes of \d start at i, and returns the offset
// after them.
func (l *yamlLexer) digits(i, n int) (int, bool) {
	for ; n > 0; n-- {
		r, w := l.runeAt(i)
		if !isDigit(r) {
			return i, false
		}
		i += w
	}
	return i, true
}

// date:
//
//	\d\d\d\d-\d\d-\d\d([T ]\d\d:\d\d:\d\d(\.\d+)?(Z|\s+[-+]\d+)?)?  LiteralDate
func (l *yamlLexer) date() bool {
	i, ok := l.digits(l.pos, 4)
	if !ok || l.byteAt(i) != '-' {
		return false
	}
	if i, ok = l.digits(i+1, 2); !ok || l.byteAt(i) != '-' {
		return false
	}
	if i, ok = l.digits(i+1, 2); !ok {
		return false
	}
	if end := l.time(i); end > 0 {
		i = end
	}
	l.emit(chroma.LiteralDate, i)
	return true
}

// time matches [T ]\d\d:\d\d:\d\d(\.\d+)?(Z|\s+[-+]\d+)? at i; 0 for none.
func (l *yamlLexer) time(i int) int {
	if c := l.byteAt(i); c != 'T' && c != ' ' {
		return 0
	}
	i++
	for k := 0; k < 3; k++ {
		if k > 0 {
			if l.byteAt(i) != ':' {
				return 0
			}
			i++
		}
		var ok bool
		if i, ok = l.digits(i, 2); !ok {
			return 0
		}
	}
	if l.byteAt(i) == '.' {
		if d := l.span(i+1, isDigit); d > i+1 {
			i = d
		}
	}
	if l.byteAt(i) == 'Z' {
		return i + 1
	}
	if ws := l.spanSpace(i); ws > i {
		if c := l.byteAt(ws); c == '-' || c == '+' {
			if d := l.span(ws+1, isDigit); d > ws+1 {
				return d
			}
		}
	}
	return i
}

// number:
//
//	\b[+\-]?(0x[\da-f]+|0o[0-7]+|(\d+\.?\d*|\.?\d+)(e[\+\-]?\d+)?|\.inf|\.nan)\b  LiteralNumber
//
// The \b before the sign means a sign only starts a number right after a
// word character: "- 5" and ": -5" are not numbers here, as in chroma.
func (l *yamlLexer) number() bool {
	if !l.boundary(l.pos) {
		return false
	}
	i := l.pos
	if c := l.src[i]; c == '+' || c == '-' {
		i++
	}
	if end := l.unsigned(i); end > 0 {
		l.emit(chroma.LiteralNumber, end)
		return true
	}
	return false
}

// unsigned matches the alternation of the number rule and the \b after it
// at i, returning the end of the match, 0 for none. The reasoning for the
// decimal alternatives, which backtrack:
//
// (\d+\.?\d*)(e...)?\b with a run D of digits at i: a shorter \d+ leaves a
// digit next, where neither ., e nor \b can follow, so \d+ is all of D.
// If a dot follows D, with a run F of digits after it: the whole of F,
// then an exponent, then \b after F; failing that, F given back entirely
// leaves the match ending with the dot, and \b holds there when a word
// character follows the dot (a digit of F does); failing that, the dot is
// given back and \b after D holds, as a dot is not a word character. So
// with a dot, the rule always matches. Without one: an exponent and \b,
// or \b right after D.
//
// \.?\d+ then covers numbers starting with a dot.
func (l *yamlLexer) unsigned(i int) int {
	if l.at(i, "0x") {
		if end := l.span(i+2, isHexLower); end > i+2 && l.boundary(end) {
			return end
		}
	}
	if l.at(i, "0o") {
		if end := l.span(i+2, isOctal); end > i+2 && l.boundary(end) {
			return end
		}
	}
	if d := l.span(i, isDigit); d > i {
		if l.byteAt(d) == '.' {
			f := l.span(d+1, isDigit)
			if e := l.exponent(f); e > 0 {
				return e
			}
			if l.boundary(f) {
				return f
			}
			if l.boundary(d + 1) {
				return d + 1
			}
			return d
		}
		if e := l.exponent(d); e > 0 {
			return e
		}
		if l.boundary(d) {
			return d
		}
		return 0
	}
	if l.byteAt(i) == '.' {
		if d := l.span(i+1, isDigit); d > i+1 {
			if e := l.exponent(d); e > 0 {
				return e
			}
			if l.boundary(d) {
				return d
			}
		}
		for _, s := range [...]string{".inf", ".nan"} {
			if l.at(i, s) && l.boundary(i+4) {
				return i + 4
			}
		}
	}
	return 0
}

// exponent matches e[\+\-]?\d+\b at i, returning its end, 0 for none. A
// shorter run of digits would leave a digit next, where \b fails.
func (l *yamlLexer) exponent(i int) int {
	if l.byteAt(i) != 'e' {
		return 0
	}
	i++
	if c := l.byteAt(i); c == '+' || c == '-' {
		i++
	}
	if d := l.span(i, isDigit); d > i && l.boundary(d) {
		return d
	}
	return 0
}

func isHexLower(r rune) bool { return isDigit(r) || 'a' <= r && r <= 'f' }

func isOctal(r rune) bool { return '0' <= r && r <= '7' }

// literal:
//
//	([^\{\}\[\]\?,\:\!\-\*&\@].*)( )+(#.*)   Literal, TextWhitespace, Comment
//	([^\{\}\[\]\?,\:\!\-\*&\@].*)( )+(//.*)  Literal, TextWhitespace, Comment
//	[^\{\}\[\]\?,\:\!\-\*&\@].*  Literal
//
// The greedy .* gives characters back from the end of the line, so a
// comment is found at the last " #" (or " //") of the line, and ( )+ is
// the one space before it: earlier spaces stay in the Literal.
func (l *yamlLexer) literal() bool {
	switch l.src[l.pos] {
	case '{', '}', '[', ']', '?', ',', ':', '!', '-', '*', '&', '@':
		return false
	}
	_, n := l.runeAt(l.pos)
	from := l.pos + n
	end := l.lineEnd(from)
	line := l.src[from:end]
	// The space must be at or after from, so the marker after it.
	if h := lastAfterSpace(line, "#"); h >= 0 {
		l.emit(chroma.Literal, from+h-1)
		l.emit(chroma.TextWhitespace, from+h)
		l.emit(chroma.Comment, end)
		return true
	}
	if h := lastAfterSpace(line, "//"); h >= 0 {
		l.emit(chroma.Literal, from+h-1)
		l.emit(chroma.TextWhitespace, from+h)
		l.emit(chroma.Comment, end)
		return true
	}
	l.emit(chroma.Literal, end)
	return true
}

// lastAfterSpace returns the offset of the last occurrence of marker in s
// that has a space right before it, -1 if none.
func lastAfterSpace(s, marker string) int {
	for end := len(s); ; {
		i := strings.LastIndex(s[:end], marker)
		if i < 1 {
			return -1
		}
		if s[i-1] == ' ' {
			return i
		}
		end = i + len(marker) - 1
	}
}
