package fastlex

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// bashState is a state of chroma's Bash lexer.
type bashState uint8

const (
	bashRoot bashState = iota
	bashParen
	bashMath
	bashBackticks
	bashCurly
	bashString
)

// bashLexer is the state of a run of chroma's Bash lexer (multiline).
type bashLexer struct {
	lexer
	stack []bashState
	// lastSingle is the offset of the last ' of the text, -1 if none.
	lastSingle int
}

func lexBash(base *lexer) {
	l := &bashLexer{
		lexer:      *base,
		stack:      []bashState{bashRoot},
		lastSingle: strings.LastIndexByte(base.src, '\''),
	}
	for l.pos < len(l.src) && !l.overBudget() {
		if l.step() {
			continue
		}
		if l.src[l.pos] == '\n' && l.top() != bashRoot {
			l.stack = l.stack[:1]
			continue
		}
		l.errorRune()
	}
	*base = l.lexer
}

func (l *bashLexer) top() bashState { return l.stack[len(l.stack)-1] }

func (l *bashLexer) push(s bashState) { l.stack = append(l.stack, s) }

// pop pops the top state. No Bash state sits alone on the stack but root,
// which is never popped, so the stack never empties.
func (l *bashLexer) pop() { l.stack = l.stack[:len(l.stack)-1] }

// step tries the rules of the top state at pos.
func (l *bashLexer) step() bool {
	c := l.src[l.pos]
	switch l.top() {
	case bashRoot:
		return l.root()
	case bashParen:
		// \)  Keyword, pop; include root
		if c == ')' {
			l.emit(chroma.Keyword, l.pos+1)
			l.pop()
			return true
		}
		return l.root()
	case bashMath:
		return l.math()
	case bashBackticks:
		// `  LiteralStringBacktick, pop; include root
		if c == '`' {
			l.emit(chroma.LiteralStringBacktick, l.pos+1)
			l.pop()
			return true
		}
		return l.root()
	case bashCurly:
		return l.curly()
	case bashString:
		return l.string()
	}
	return false
}

// root: include basic; `  LiteralStringBacktick, push backticks; include
// data; include interp.
func (l *bashLexer) root() bool {
	if l.basic() {
		return true
	}
	if l.src[l.pos] == '`' {
		l.emit(chroma.LiteralStringBacktick, l.pos+1)
		l.push(bashBackticks)
		return true
	}
	return l.data() || l.interp()
}

// basic tries, in order:
//
//	\b(if|fi|else|...|elif)(\s*)\b  Keyword, Text
//	\b(alias|bg|...|wait)(?=[\s)`])  NameBuiltin
//	\A#!.+\n  CommentPreproc
//	#.*(\S|$)  CommentSingle
//	\\[\w\W]  LiteralStringEscape
//	(\b\w+)(\s*)(\+?=)  NameVariable, Text, Operator
//	[\[\]{}()=]  Operator
//	<<<  Operator
//	<<-?\s*(\'?)\\?(\w+)[\w\W]+?\2  LiteralString
//	&&|\|\|  Operator
func (l *bashLexer) basic() bool {
	c := l.src[l.pos]
	if c >= utf8.RuneSelf || isWord(rune(c)) {
		if l.words() {
			return true
		}
	}
	switch c {
	case '#':
		if l.pos == 0 && l.byteAt(1) == '!' {
			if e := l.lineEnd(2); e > 2 && e < len(l.src) {
				l.emit(chroma.CommentPreproc, e+1)
				return true
			}
		}
		// .* stops before the newline, where $ matches.
		l.emit(chroma.CommentSingle, l.lineEnd(l.pos))
		return true
	case '\\':
		if _, n := l.runeAt(l.pos + 1); n > 0 {
			l.emit(chroma.LiteralStringEscape, l.pos+1+n)
			return true
		}
	case '[', ']', '{', '}', '(', ')', '=':
		l.emit(chroma.Operator, l.pos+1)
		return true
	case '<':
		if l.at(l.pos, "<<<") {
			l.emit(chroma.Operator, l.pos+3)
			return true
		}
		if end := l.heredoc(); end > 0 {
			l.emit(chroma.LiteralString, end)
			return true
		} else if l.failed {
			return true
		}
	case '&', '|':
		if l.byteAt(l.pos+1) == c {
			l.emit(chroma.Operator, l.pos+2)
			return true
		}
	}
	return false
}

// words tries the rules of basic that start with a word: keywords,
// builtins and assignments. pos is at a word character or a non-ASCII
// rune.
func (l *bashLexer) words() bool {
	if !l.boundary(l.pos) {
		return false
	}
	w := l.spanWord(l.pos)
	if w == l.pos {
		return false
	}
	// \b(if|...)(\s*)\b: the keyword is the whole word (a shorter one
	// would have a word character after it). The white space after it is
	// taken only when a word character follows, as \b needs; otherwise
	// \s* gives it all back and \b holds right after the keyword.
	if bashKeyword(l.src[l.pos:w]) {
		end := w
		if s := l.spanSpace(w); s > w {
			if r, _ := l.runeAt(s); isWord(r) {
				end = s
			}
		}
		l.emit(chroma.Keyword, w)
		l.emit(chroma.Text, end)
		return true
	}
	// \b(alias|...)(?=[\s)`]): names are lower-case letters, followed by
	// a blank, ) or `, so the name is the run of a-z at pos.
	a := l.pos
	for a < len(l.src) && 'a' <= l.src[a] && l.src[a] <= 'z' {
		a++
	}
	if a > l.pos && bashBuiltin(l.src[l.pos:a]) {
		if r, _ := l.runeAt(a); r == ')' || r == '`' || isSpace(r) {
			l.emit(chroma.NameBuiltin, a)
			return true
		}
	}
	// (\b\w+)(\s*)(\+?=): a shorter \w+ or \s* leaves a word character or
	// a blank before the =, so both are whole runs.
	s := l.spanSpace(w)
	op := s
	if l.byteAt(op) == '+' {
		op++
	}
	if l.byteAt(op) == '=' {
		l.emit(chroma.NameVariable, w)
		l.emit(chroma.Text, s)
		l.emit(chroma.Operator, op+1)
		return true
	}
	return false
}

func bashKeyword(w string) bool {
	switch w {
	case "if", "fi", "else", "while", "do", "done", "for", "then", "return", "function",
		"case", "select", "continue", "until", "esac", "elif":
		return true
	}
	return false
}

func bashBuiltin(w string) bool {
	switch w {
	case "alias", "bg", "bind", "break", "builtin", "caller", "cd", "command", "compgen",
		"complete", "declare", "dirs", "disown", "echo", "enable", "eval", "exec", "exit",
		"export", "false", "fc", "fg", "getopts", "hash", "help", "history", "jobs", "kill",
		"let", "local", "logout", "popd", "printf", "pushd", "pwd", "read", "readonly", "set",
		"shift", "shopt", "source", "suspend", "test", "time", "times", "trap", "true", "type",
		"typeset", "ulimit", "umask", "unalias", "unset", "wait":
		return true
	}
	return false
}

// heredoc matches <<-?\s*(\'?)\\?(\w+)[\w\W]+?\2 at pos and returns its
// end, 0 for none.
//
// The optional parts before the word are forced (giving one back leaves a
// character \w+ cannot start with). The engine tries the whole word W
// first and then ever shorter prefixes of it; a prefix w matches when it
// occurs again at least one character after its own end, and the lazy
// [\w\W]+? stops at the first such occurrence, anywhere, not only on a
// line of its own. If a prefix occurs again, every shorter prefix does
// too, so the longest one that occurs is found by bisection.
func (l *bashLexer) heredoc() int {
	if !l.at(l.pos, "<<") {
		return 0
	}
	i := l.pos + 2
	if l.byteAt(i) == '-' {
		i++
	}
	i = l.spanSpace(i)
	if l.byteAt(i) == '\'' {
		i++
	}
	if l.byteAt(i) == '\\' {
		i++
	}
	wEnd := l.spanWord(i)
	if wEnd == i {
		return 0
	}
	// Rune boundaries of W after each prefix: ends[k-1] is the end of the
	// prefix of k runes.
	var ends []int
	for j := i; j < wEnd; {
		_, n := l.runeAt(j)
		j += n
		ends = append(ends, j)
	}
	find := func(k int) int {
		w := l.src[i:ends[k-1]]
		_, n := l.runeAt(ends[k-1])
		if n == 0 {
			return -1
		}
		from := ends[k-1] + n
		if l.overBudget() {
			return -2
		}
		j := strings.Index(l.src[from:], w)
		if j < 0 {
			l.work += len(l.src) - from
			return -1
		}
		l.work += j + len(w)
		return from + j + len(w)
	}
	if end := find(len(ends)); end != -1 {
		if end == -2 {
			return 0
		}
		return end
	}
	// Bisect on k in [1, len(ends)-1] for the largest k that matches.
	lo, hi, best := 1, len(ends)-1, -1
	for lo <= hi {
		mid := (lo + hi) / 2
		switch end := find(mid); end {
		case -2:
			return 0
		case -1:
			hi = mid - 1
		default:
			best = mid
			lo = mid + 1
		}
	}
	if best < 0 {
		return 0
	}
	return find(best)
}

// data tries, in order:
//
//	(?s)\$?"(\\\\|\\[0-7]+|\\.|[^"\\$])*"  LiteralStringDouble
//	"  LiteralStringDouble, push string
//	(?s)\$'(\\\\|\\[0-7]+|\\.|[^'\\])*'  LiteralStringSingle
//	(?s)'.*?'  LiteralStringSingle
//	;  &  \|  Punctuation
//	\s+  Text
//	\d+(?= |$)  LiteralNumber
//	[^=\s\[\]{}()$"\'`\\<&|;]+  Text
//	<  Text
func (l *bashLexer) data() bool {
	c := l.src[l.pos]
	switch c {
	case '$':
		switch l.byteAt(l.pos + 1) {
		case '"':
			if end := l.doubleQuoted(l.pos + 2); end > 0 {
				l.emit(chroma.LiteralStringDouble, end)
				return true
			}
		case '\'':
			if end := l.dollarSingle(l.pos + 2); end > 0 {
				l.emit(chroma.LiteralStringSingle, end)
				return true
			} else if l.failed {
				return true
			}
		}
		return false
	case '"':
		if end := l.doubleQuoted(l.pos + 1); end > 0 {
			l.emit(chroma.LiteralStringDouble, end)
			return true
		}
		l.emit(chroma.LiteralStringDouble, l.pos+1)
		l.push(bashString)
		return true
	case '\'':
		if l.lastSingle > l.pos {
			l.emit(chroma.LiteralStringSingle, l.pos+2+strings.IndexByte(l.src[l.pos+1:], '\''))
			return true
		}
		return false
	case ';', '&', '|':
		l.emit(chroma.Punctuation, l.pos+1)
		return true
	case '<':
		l.emit(chroma.Text, l.pos+1)
		return true
	case '=', '[', ']', '{', '}', '(', ')', '`', '\\':
		return false
	}
	if s := l.spanSpace(l.pos); s > l.pos {
		l.emit(chroma.Text, s)
		return true
	}
	if d := l.span(l.pos, isDigit); d > l.pos {
		if c := l.byteAt(d); c == ' ' || c == '\n' || d == len(l.src) {
			l.emit(chroma.LiteralNumber, d)
			return true
		}
	}
	end := l.pos
	for end < len(l.src) {
		c := l.src[end]
		if c < utf8.RuneSelf {
			if bashTextStop(c) {
				break
			}
			end++
			continue
		}
		r, n := l.runeAt(end)
		if isSpace(r) {
			break
		}
		end += n
	}
	l.emit(chroma.Text, end)
	return true
}

// bashTextStop reports whether an ASCII byte ends a run of
// [^=\s\[\]{}()$"\'`\\<&|;]+.
func bashTextStop(c byte) bool {
	switch c {
	case '=', '[', ']', '{', '}', '(', ')', '$', '"', '\'', '`', '\\', '<', '&', '|', ';',
		' ', '\t', '\n', '\v', '\f', '\r':
		return true
	}
	return false
}

// doubleQuoted matches (\\\\|\\[0-7]+|\\.|[^"\\$])*" from i, just after
// the opening quote, and returns its end, 0 for none. Every backslash
// takes at least the rune after it, so how the alternatives split the
// text never changes where a quote or $ is seen: the match ends at the
// first unescaped ", and fails at an unescaped $ or the end of the text.
func (l *bashLexer) doubleQuoted(i int) int {
	start := i
	defer func() { l.work += i - start }()
	for i < len(l.src) {
		switch l.src[i] {
		case '"':
			return i + 1
		case '$':
			return 0
		case '\\':
			_, n := l.runeAt(i + 1)
			if n == 0 {
				return 0
			}
			i += 1 + n
		default:
			i++
		}
	}
	return 0
}

// dollarSingle matches (\\\\|\\[0-7]+|\\.|[^'\\])*' from i, just after
// $', as doubleQuoted does with ' and no $.
func (l *bashLexer) dollarSingle(i int) int {
	start := i
	defer func() { l.work += i - start }()
	if l.overBudget() {
		return 0
	}
	for i < len(l.src) {
		switch l.src[i] {
		case '\'':
			return i + 1
		case '\\':
			_, n := l.runeAt(i + 1)
			if n == 0 {
				return 0
			}
			i += 1 + n
		default:
			i++
		}
	}
	return 0
}

// interp tries, in order:
//
//	\$\(\(  Keyword, push math
//	\$\(  Keyword, push paren
//	\$\{#?  LiteralStringInterpol, push curly
//	\$[a-zA-Z_]\w*  NameVariable
//	\$(?:\d+|[#$?!_*@-])  NameVariable
//	\$  Text
func (l *bashLexer) interp() bool {
	if l.src[l.pos] != '$' {
		return false
	}
	c := l.byteAt(l.pos + 1)
	switch {
	case c == '(' && l.byteAt(l.pos+2) == '(':
		l.emit(chroma.Keyword, l.pos+3)
		l.push(bashMath)
	case c == '(':
		l.emit(chroma.Keyword, l.pos+2)
		l.push(bashParen)
	case c == '{':
		end := l.pos + 2
		if l.byteAt(end) == '#' {
			end++
		}
		l.emit(chroma.LiteralStringInterpol, end)
		l.push(bashCurly)
	case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_':
		l.emit(chroma.NameVariable, l.spanWord(l.pos+2))
	case strings.IndexByte("#$?!*@-", c) >= 0 && c != 0:
		l.emit(chroma.NameVariable, l.pos+2)
	default:
		if d := l.span(l.pos+1, isDigit); d > l.pos+1 {
			l.emit(chroma.NameVariable, d)
		} else {
			l.emit(chroma.Text, l.pos+1)
		}
	}
	return true
}

// math:
//
//	\)\)  Keyword, pop
//	[-+*/%^|&]|\*\*|\|\|  Operator
//	\d+#\d+  LiteralNumber
//	\d+#(?! )  LiteralNumber
//	\d+  LiteralNumber
//	include root
func (l *bashLexer) math() bool {
	switch c := l.src[l.pos]; c {
	case ')':
		if l.byteAt(l.pos+1) == ')' {
			l.emit(chroma.Keyword, l.pos+2)
			l.pop()
			return true
		}
	case '-', '+', '*', '/', '%', '^', '|', '&':
		l.emit(chroma.Operator, l.pos+1)
		return true
	}
	if d := l.span(l.pos, isDigit); d > l.pos {
		if l.byteAt(d) == '#' {
			if e := l.span(d+1, isDigit); e > d+1 {
				l.emit(chroma.LiteralNumber, e)
				return true
			}
			if l.byteAt(d+1) != ' ' {
				l.emit(chroma.LiteralNumber, d+1)
				return true
			}
		}
		l.emit(chroma.LiteralNumber, d)
		return true
	}
	return l.root()
}

// curly:
//
//	\}  LiteralStringInterpol, pop
//	:-  Keyword
//	\w+  NameVariable
//	[^}:"\'`$\\]+  Punctuation
//	:  Punctuation
//	include root
func (l *bashLexer) curly() bool {
	switch l.src[l.pos] {
	case '}':
		l.emit(chroma.LiteralStringInterpol, l.pos+1)
		l.pop()
		return true
	case ':':
		if l.byteAt(l.pos+1) == '-' {
			l.emit(chroma.Keyword, l.pos+2)
		} else {
			l.emit(chroma.Punctuation, l.pos+1)
		}
		return true
	case '"', '\'', '`', '$', '\\':
		return l.root()
	}
	if w := l.spanWord(l.pos); w > l.pos {
		l.emit(chroma.NameVariable, w)
		return true
	}
	end := l.pos
	for end < len(l.src) {
		switch l.src[end] {
		case '}', ':', '"', '\'', '`', '$', '\\':
		default:
			end++
			continue
		}
		break
	}
	l.emit(chroma.Punctuation, end)
	return true
}

// string:
//
//	"  LiteralStringDouble, pop
//	(?s)(\\\\|\\[0-7]+|\\.|[^"\\$])+  LiteralStringDouble
//	include interp
func (l *bashLexer) string() bool {
	if l.src[l.pos] == '"' {
		l.emit(chroma.LiteralStringDouble, l.pos+1)
		l.pop()
		return true
	}
	i := l.pos
loop:
	for i < len(l.src) {
		switch l.src[i] {
		case '"', '$':
			break loop
		case '\\':
			_, n := l.runeAt(i + 1)
			if n == 0 {
				break loop
			}
			i += 1 + n
		default:
			i++
		}
	}
	if i > l.pos {
		l.emit(chroma.LiteralStringDouble, i)
		return true
	}
	return l.interp()
}
