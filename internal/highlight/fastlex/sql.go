package fastlex

import (
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// sqlWord is what the keyword and builtin rules make of a word.
type sqlWord uint8

const (
	sqlOther sqlWord = iota
	sqlKeyword
	sqlBuiltin
)

// newSQL returns the run function of the SQL lexer, with its word table.
func newSQL() func(*lexer) {
	words := make(map[string]sqlWord)
	for _, w := range sqlBuiltins() {
		words[w] = sqlBuiltin
	}
	for _, w := range sqlKeywords() {
		words[w] = sqlKeyword
	}
	return func(base *lexer) {
		l := &sqlLexer{lexer: *base, words: words}
		l.run()
		*base = l.lexer
	}
}

// sqlLexer is the state of a run of chroma's SQL lexer, which is case
// insensitive and not multiline. Its states besides root only push
// themselves (nested comments) or pop, so the stack is a kind and a depth.
type sqlLexer struct {
	lexer
	words map[string]sqlWord
	state sqlState
	depth int // comments open, in state sqlComment
}

type sqlState uint8

const (
	sqlRoot sqlState = iota
	sqlComment
	sqlSingle
	sqlDouble
)

func (l *sqlLexer) run() {
	for l.pos < len(l.src) && !l.overBudget() {
		switch l.state {
		case sqlRoot:
			if !l.root() {
				// Error, one rune; root is where a newline would
				// reset to, and \s+ takes newlines anyway.
				l.errorRune()
			}
		case sqlComment:
			l.comment()
		case sqlSingle:
			l.quoted('\'', chroma.LiteralStringSingle)
		case sqlDouble:
			l.quoted('"', chroma.LiteralStringDouble)
		}
	}
}

// root tries, in order:
//
//	\s+  TextWhitespace
//	--.*\n?  CommentSingle
//	/\*  CommentMultiline, push multiline-comments
//	'  LiteralStringSingle, push string
//	"  LiteralStringDouble, push double-string
//	(DATETIME_INTERVAL_PRECISION|...|C|G)\b  Keyword
//	(CHARACTER|...|INT)\b  NameBuiltin
//	[+*/<>=~!@#%^&|`?-]  Operator
//	[0-9]+  LiteralNumberInteger
//	[a-z_][\w$]*  Name
//	[;:()\[\],.]  Punctuation
func (l *sqlLexer) root() bool {
	c := l.src[l.pos]
	if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c >= utf8.RuneSelf || c == '\v' || c == '\f' {
		if end := l.spanSpace(l.pos); end > l.pos {
			l.emit(chroma.TextWhitespace, end)
			return true
		}
	}
	switch {
	case c == '-' && l.byteAt(l.pos+1) == '-':
		end := l.lineEnd(l.pos)
		if end < len(l.src) {
			end++
		}
		l.emit(chroma.CommentSingle, end)
		return true
	case c == '/' && l.byteAt(l.pos+1) == '*':
		l.emit(chroma.CommentMultiline, l.pos+2)
		l.state, l.depth = sqlComment, 1
		return true
	case c == '\'':
		l.emit(chroma.LiteralStringSingle, l.pos+1)
		l.state = sqlSingle
		return true
	case c == '"':
		l.emit(chroma.LiteralStringDouble, l.pos+1)
		l.state = sqlDouble
		return true
	}
	if l.word() {
		return true
	}
	switch c {
	case '+', '*', '/', '<', '>', '=', '~', '!', '@', '#', '%', '^', '&', '|', '`', '?', '-':
		l.emit(chroma.Operator, l.pos+1)
		return true
	case ';', ':', '(', ')', '[', ']', ',', '.':
		l.emit(chroma.Punctuation, l.pos+1)
		return true
	}
	if isASCIIDigit(rune(c)) {
		l.emit(chroma.LiteralNumberInteger, l.span(l.pos, isASCIIDigit))
		return true
	}
	// [a-z_] ignoring case also matches the long s and the Kelvin sign,
	// which fold to s and k.
	if r, n := l.runeAt(l.pos); r == '_' || foldASCII(r) != 0 {
		l.emit(chroma.Name, l.span(l.pos+n, isWordOrDollar))
		return true
	}
	return false
}

func isWordOrDollar(r rune) bool { return r == '$' || isWord(r) }

// foldASCII returns the lower-case ASCII letter r matches when case is
// ignored, 0 if none. Besides ASCII letters, chroma's regex engine folds
// U+017F (long s) to s and U+212A (Kelvin sign) to k.
func foldASCII(r rune) byte {
	switch {
	case 'a' <= r && r <= 'z':
		return byte(r)
	case 'A' <= r && r <= 'Z':
		return byte(r) + 'a' - 'A'
	case r == '\u017f': // ſ
		return 's'
	case r == '\u212a': // Kelvin sign
		return 'k'
	}
	return 0
}

// maxSQLWord is the length of the longest keyword.
const maxSQLWord = len("datetime_interval_precision")

// word tries the keyword and builtin rules. Each is an alternation of
// words of letters, digits and _ followed by \b, so a word matches only
// when it is the whole run of word characters at pos. The one exception is
// END-EXEC, whose - is not a word character: it comes before END in the
// alternation, so "end-exec" is one keyword and "end-x" starts with END.
func (l *sqlLexer) word() bool {
	var buf, buf2 [maxSQLWord]byte
	key, end := l.foldWord(l.pos, buf[:0])
	if key == nil {
		return false
	}
	if string(key) == "end" && l.byteAt(end) == '-' {
		if k2, end2 := l.foldWord(end+1, buf2[:0]); string(k2) == "exec" {
			l.emit(chroma.Keyword, end2)
			return true
		}
	}
	switch l.words[string(key)] {
	case sqlKeyword:
		l.emit(chroma.Keyword, end)
		return true
	case sqlBuiltin:
		l.emit(chroma.NameBuiltin, end)
		return true
	}
	return false
}

// foldWord folds the run of word characters at i into buf, lower-cased,
// and returns it with the end of the run. It returns a nil key when the
// run is empty, too long, or has a character no keyword could match.
func (l *sqlLexer) foldWord(i int, buf []byte) (key []byte, end int) {
	for i < len(l.src) {
		r, n := l.runeAt(i)
		if !isWord(r) {
			break
		}
		c := foldASCII(r)
		if c == 0 && (r == '_' || isASCIIDigit(r)) {
			c = byte(r)
		}
		if c == 0 || len(buf) == cap(buf) {
			return nil, 0
		}
		buf = append(buf, c)
		i += n
	}
	if len(buf) == 0 {
		return nil, 0
	}
	return buf, i
}

// comment is state multiline-comments, all CommentMultiline:
//
//	/\*  push multiline-comments
//	\*/  pop
//	[^/*]+
//	[/*]
func (l *sqlLexer) comment() {
	switch {
	case l.at(l.pos, "/*"):
		l.emit(chroma.CommentMultiline, l.pos+2)
		l.depth++
	case l.at(l.pos, "*/"):
		l.emit(chroma.CommentMultiline, l.pos+2)
		if l.depth--; l.depth == 0 {
			l.state = sqlRoot
		}
	default:
		i := l.pos + 1
		for i < len(l.src) && l.src[i] != '/' && l.src[i] != '*' {
			i++
		}
		l.emit(chroma.CommentMultiline, i)
	}
}

// quoted is state string (q is ') or double-string (q is "):
//
//	[^q]+  LiteralStringSingle / LiteralStringDouble
//	qq     the same
//	q      the same, pop
func (l *sqlLexer) quoted(q byte, t chroma.TokenType) {
	i := l.pos
	for i < len(l.src) && l.src[i] != q {
		i++
	}
	if i > l.pos {
		l.emit(t, i)
		return
	}
	if l.byteAt(i+1) == q {
		l.emit(t, i+2)
		return
	}
	l.emit(t, i+1)
	l.state = sqlRoot
}
