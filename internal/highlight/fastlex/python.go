package fastlex

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// pyWord is the set of word lists of chroma's Python lexer a word is in.
type pyWord uint16

const (
	pyKeyword      pyWord = 1 << iota // root's keywords
	pyConstant                        // False, True, None
	pyOperatorWord                    // in, is, and, or, not
	pyExprKeyword                     // expr's keywords
	pyBuiltin
	pyPseudo
	pyException
	pyMagicFunc
	pyMagicVar
)

// newPython returns the run function of the Python lexer, with its word
// table.
func newPython() func(*lexer) {
	words := make(map[string]pyWord)
	for class, list := range pyWordLists() {
		for _, w := range list {
			words[w] |= class
		}
	}
	return func(base *lexer) {
		l := &pyLexer{
			lexer:       *base,
			words:       words,
			stack:       []pyState{pyRoot},
			lastTriple2: strings.LastIndex(base.src, `"""`),
			lastTriple1: strings.LastIndex(base.src, `'''`),
			bracketFrom: -1,
			wordAt:      -1,
		}
		l.run()
		*base = l.lexer
	}
}

// pyState is a state of chroma's Python lexer. String states carry flags:
// which quote, triple or not, f-string or not, and which escape rules were
// combined in front of them (chroma's "combined" states).
type pyState uint8

const (
	pyRoot pyState = iota
	pyFuncName
	pyClassName
	pyFromImport
	pyImport
	pyExprInside      // expr-inside-fstring
	pyExprInsideInner // expr-inside-fstring-inner

	pyString    pyState = 0x80 // a string state, with the flags below
	pyStrSingle pyState = 0x01 // quoted with ' (else ")
	pyStrTriple pyState = 0x02 // tsqs, tdqs, tsqf, tdqf
	pyStrF      pyState = 0x04 // an f-string state (sqf, dqf, tsqf, tdqf)
	pyEscStd    pyState = 0x08 // stringescape combined in front
	pyEscBraces pyState = 0x10 // rfstringescape ({{ and }}) combined in front
)

// pyLexer is the state of a run of chroma's Python lexer (multiline).
type pyLexer struct {
	lexer
	words map[string]pyWord
	stack []pyState
	// lastTriple2 and lastTriple1 are the offsets of the last """ and '''
	// of the text, -1 if none.
	lastTriple2, lastTriple1 int
	// bracketFrom and bracketAt cache closeBracket.
	bracketFrom, bracketAt int
	// wordAt, wordEnd and wordIn cache word for the position wordAt.
	wordAt, wordEnd int
	wordIn          pyWord
}

func (l *pyLexer) top() pyState { return l.stack[len(l.stack)-1] }

func (l *pyLexer) push(s pyState) { l.stack = append(l.stack, s) }

// pop pops the top state. Only pushed states pop, so root stays.
func (l *pyLexer) pop() { l.stack = l.stack[:len(l.stack)-1] }

func (l *pyLexer) run() {
	for l.pos < len(l.src) && !l.overBudget() {
		if l.step() {
			continue
		}
		if l.src[l.pos] == '\n' && l.top() != pyRoot {
			l.stack = l.stack[:1]
			continue
		}
		l.errorRune()
	}
}

func (l *pyLexer) step() bool {
	s := l.top()
	if s&pyString != 0 {
		return l.str(s)
	}
	switch s {
	case pyRoot:
		return l.root()
	case pyFuncName:
		return l.funcName()
	case pyClassName:
		// [_\p{L}][_\p{L}\p{N}]*  NameClass, pop
		if end := l.ident(l.pos); end > l.pos {
			l.emit(chroma.NameClass, end)
			l.pop()
			return true
		}
		return false
	case pyFromImport:
		return l.fromImport()
	case pyImport:
		return l.imports()
	case pyExprInside:
		return l.exprInside()
	case pyExprInsideInner:
		return l.exprInsideInner()
	}
	return false
}

func isIdentStart(r rune) bool {
	return r == '_' || r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') ||
		r >= utf8.RuneSelf && unicode.IsLetter(r)
}

func isIdentPart(r rune) bool {
	return isIdentStart(r) || '0' <= r && r <= '9' || r >= utf8.RuneSelf && unicode.IsNumber(r)
}

// ident matches [_\p{L}][_\p{L}\p{N}]* at i and returns its end (i if none).
func (l *pyLexer) ident(i int) int {
	r, n := l.runeAt(i)
	if n == 0 || !isIdentStart(r) {
		return i
	}
	return l.span(i+n, isIdentPart)
}

// root tries, in order:
//
//	\n  Text
//	^(\s*)([rRuUbB]{,2})("""(?:.|\n)*?""")  Text, LiteralStringAffix, LiteralStringDoc
//	^(\s*)([rRuUbB]{,2})('''(?:.|\n)*?''')  the same
//	\A#!.+$  CommentHashbang
//	#.*$  CommentSingle
//	\\\n  Text
//	\\  Text
//	include keywords
//	(def)((?:\s|\\\s)+)  Keyword, Text, push funcname
//	(class)((?:\s|\\\s)+)  Keyword, Text, push classname
//	(from)((?:\s|\\\s)+)  KeywordNamespace, Text, push fromimport
//	(import)((?:\s|\\\s)+)  KeywordNamespace, Text, push import
//	include expr
func (l *pyLexer) root() bool {
	c := l.src[l.pos]
	if c == '\n' {
		l.emit(chroma.Text, l.pos+1)
		return true
	}
	if l.lineStart(l.pos) && l.docstring() {
		return true
	}
	switch c {
	case '#':
		end := l.lineEnd(l.pos)
		if l.pos == 0 && l.byteAt(1) == '!' && end > 2 {
			l.emit(chroma.CommentHashbang, end)
		} else {
			l.emit(chroma.CommentSingle, end)
		}
		return true
	case '\\':
		if l.byteAt(l.pos+1) == '\n' {
			l.emit(chroma.Text, l.pos+2)
		} else {
			l.emit(chroma.Text, l.pos+1)
		}
		return true
	}
	if l.keyword(pyKeyword) {
		return true
	}
	for _, d := range [...]struct {
		word string
		typ  chroma.TokenType
		next pyState
	}{
		{"def", chroma.Keyword, pyFuncName},
		{"class", chroma.Keyword, pyClassName},
		{"from", chroma.KeywordNamespace, pyFromImport},
		{"import", chroma.KeywordNamespace, pyImport},
	} {
		if c != d.word[0] || !l.at(l.pos, d.word) {
			continue
		}
		if end := l.blanks(l.pos + len(d.word)); end > l.pos+len(d.word) {
			l.emit(d.typ, l.pos+len(d.word))
			l.emit(chroma.Text, end)
			l.push(d.next)
			return true
		}
	}
	return l.expr()
}

// blanks matches (?:\s|\\\s)* at i and returns its end.
func (l *pyLexer) blanks(i int) int {
	for {
		r, n := l.runeAt(i)
		if isSpace(r) {
			i += n
			continue
		}
		if r == '\\' {
			if r2, n2 := l.runeAt(i + 1); isSpace(r2) {
				i += 1 + n2
				continue
			}
		}
		return i
	}
}

// docstring matches the two docstring rules at pos, a line start. chroma
// writes their prefix as [rRuUbB]{,2}, which its regex engine reads as one
// of rRuUbB followed by the literal text "{,2}", as .NET does: a {,n} with
// no lower bound is not a quantifier there. So these rules only match such
// odd text, and ordinary docstrings are lexed as strings by expr.
func (l *pyLexer) docstring() bool {
	i := l.spanSpace(l.pos)
	if !strings.ContainsRune("rRuUbB", rune(l.byteAt(i))) || !l.at(i+1, "{,2}") {
		return false
	}
	q := i + 5
	for _, quote := range [...]string{`"""`, `'''`} {
		last := l.lastTriple2
		if quote[0] == '\'' {
			last = l.lastTriple1
		}
		if !l.at(q, quote) || last < q+3 {
			continue
		}
		end := q + 3 + strings.Index(l.src[q+3:], quote) + 3
		l.emit(chroma.Text, i)
		l.emit(chroma.LiteralStringAffix, q)
		l.emit(chroma.LiteralStringDoc, end)
		return true
	}
	return false
}

// word returns the end of the run of word characters at pos and the lists
// that run is in. Every list is an alternation followed by \b, so an entry
// matches only when it is that whole run.
//
// Several rules ask at the same position, so the answer is remembered.
func (l *pyLexer) word() (end int, in pyWord) {
	if l.wordAt == l.pos {
		return l.wordEnd, l.wordIn
	}
	end = l.spanWord(l.pos)
	if end > l.pos && end-l.pos <= len("PendingDeprecationWarning") {
		in = l.words[l.src[l.pos:end]]
	}
	l.wordAt, l.wordEnd, l.wordIn = l.pos, end, in
	return end, in
}

// keyword tries the keyword rules of root (class pyKeyword) or expr
// (pyExprKeyword), then (False|True|None)\b:
//
//	(yield from|nonlocal|...|case)\b  Keyword
//	(yield from|async for|lambda|yield|await|else|for|if)\b  Keyword
//
// "yield from" and "async for" come first in their lists and take one
// space exactly.
func (l *pyLexer) keyword(class pyWord) bool {
	end, in := l.word()
	if end == l.pos {
		return false
	}
	w := l.src[l.pos:end]
	if w == "yield" || w == "async" && class == pyExprKeyword {
		second := " from"
		if w == "async" {
			second = " for"
		}
		if l.at(end, second) && l.boundary(end+len(second)) {
			l.emit(chroma.Keyword, end+len(second))
			return true
		}
	}
	switch {
	case in&class != 0:
		l.emit(chroma.Keyword, end)
		return true
	case in&pyConstant != 0:
		l.emit(chroma.KeywordConstant, end)
		return true
	}
	return false
}

// funcName: include magicfuncs (NameFunctionMagic, no pop);
// [_\p{L}][_\p{L}\p{N}]* NameFunction, pop; else pop.
func (l *pyLexer) funcName() bool {
	if end, in := l.word(); in&pyMagicFunc != 0 {
		l.emit(chroma.NameFunctionMagic, end)
		return true
	}
	if end := l.ident(l.pos); end > l.pos {
		l.emit(chroma.NameFunction, end)
	}
	l.pop()
	return true
}

// fromImport:
//
//	(\s+)(import)\b  Text, KeywordNamespace, pop
//	\.  NameNamespace
//	None\b  NameBuiltinPseudo, pop
//	[_\p{L}][_\p{L}\p{N}]*  NameNamespace
//	else pop
func (l *pyLexer) fromImport() bool {
	if s := l.spanSpace(l.pos); s > l.pos && l.at(s, "import") && l.boundary(s+6) {
		l.emit(chroma.Text, s)
		l.emit(chroma.KeywordNamespace, s+6)
		l.pop()
		return true
	}
	if l.src[l.pos] == '.' {
		l.emit(chroma.NameNamespace, l.pos+1)
		return true
	}
	if l.at(l.pos, "None") && l.boundary(l.pos+4) {
		l.emit(chroma.NameBuiltinPseudo, l.pos+4)
		l.pop()
		return true
	}
	if end := l.ident(l.pos); end > l.pos {
		l.emit(chroma.NameNamespace, end)
		return true
	}
	l.pop()
	return true
}

// imports is state import:
//
//	(\s+)(as)(\s+)  Text, Keyword, Text
//	\.  NameNamespace
//	[_\p{L}][_\p{L}\p{N}]*  NameNamespace
//	(\s*)(,)(\s*)  Text, Operator, Text
//	else pop
func (l *pyLexer) imports() bool {
	s := l.spanSpace(l.pos)
	if s > l.pos && l.at(s, "as") {
		if e := l.spanSpace(s + 2); e > s+2 {
			l.emit(chroma.Text, s)
			l.emit(chroma.Keyword, s+2)
			l.emit(chroma.Text, e)
			return true
		}
	}
	if l.src[l.pos] == '.' {
		l.emit(chroma.NameNamespace, l.pos+1)
		return true
	}
	if end := l.ident(l.pos); end > l.pos {
		l.emit(chroma.NameNamespace, end)
		return true
	}
	if l.byteAt(s) == ',' {
		l.emit(chroma.Text, s)
		l.emit(chroma.Operator, s+1)
		l.emit(chroma.Text, l.spanSpace(s+1))
		return true
	}
	l.pop()
	return true
}

// exprInside is state expr-inside-fstring:
//
//	[{([]  Punctuation, push expr-inside-fstring-inner
//	(=\s*)?(\![sraf])?\}  LiteralStringInterpol, pop
//	(=\s*)?(\![sraf])?:  LiteralStringInterpol, pop
//	\s+  Text
//	include expr
func (l *pyLexer) exprInside() bool {
	switch l.src[l.pos] {
	case '{', '(', '[':
		l.emit(chroma.Punctuation, l.pos+1)
		l.push(pyExprInsideInner)
		return true
	}
	// The optional groups are forced: giving one back leaves a = or !
	// where } or : is needed.
	i := l.pos
	if l.byteAt(i) == '=' {
		i = l.spanSpace(i + 1)
	}
	if l.byteAt(i) == '!' && strings.IndexByte("sraf", l.byteAt(i+1)) >= 0 && l.byteAt(i+1) != 0 {
		i += 2
	}
	if c := l.byteAt(i); c == '}' || c == ':' {
		l.emit(chroma.LiteralStringInterpol, i+1)
		l.pop()
		return true
	}
	if s := l.spanSpace(l.pos); s > l.pos {
		l.emit(chroma.Text, s)
		return true
	}
	return l.expr()
}

// exprInsideInner is state expr-inside-fstring-inner:
//
//	[{([]  Punctuation, push expr-inside-fstring-inner
//	[])}]  Punctuation, pop
//	\s+  Text
//	include expr
func (l *pyLexer) exprInsideInner() bool {
	switch l.src[l.pos] {
	case '{', '(', '[':
		l.emit(chroma.Punctuation, l.pos+1)
		l.push(pyExprInsideInner)
		return true
	case '}', ')', ']':
		l.emit(chroma.Punctuation, l.pos+1)
		l.pop()
		return true
	}
	if s := l.spanSpace(l.pos); s > l.pos {
		l.emit(chroma.Text, s)
		return true
	}
	return l.expr()
}

// expr tries, in order: the string openers (see stringStart);
// [^\S\n]+ Text; include numbers; the operators
// !=|==|<<|>>|:=|[-~+/*%=<>&^|.]; the punctuation []{}:(),;[];
// (in|is|and|or|not)\b OperatorWord; include expr-keywords; include
// builtins; include magicfuncs; include magicvars; include name.
func (l *pyLexer) expr() bool {
	if l.stringStart() {
		return true
	}
	c := l.src[l.pos]
	if c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || c >= utf8.RuneSelf {
		if s := l.span(l.pos, isBlank); s > l.pos {
			l.emit(chroma.Text, s)
			return true
		}
	}
	if end, typ := l.number(); end > 0 {
		l.emit(typ, end)
		return true
	}
	switch c {
	case '!', '=', '<', '>', ':':
		if n := l.byteAt(l.pos + 1); n == '=' && c != '<' && c != '>' || (c == '<' || c == '>') && n == c {
			l.emit(chroma.Operator, l.pos+2)
			return true
		}
	}
	switch c {
	case '-', '~', '+', '/', '*', '%', '=', '<', '>', '&', '^', '|', '.':
		l.emit(chroma.Operator, l.pos+1)
		return true
	case '[', ']', '{', '}', ':', '(', ')', ',', ';':
		l.emit(chroma.Punctuation, l.pos+1)
		return true
	case '@':
		return l.decorator()
	}
	end, in := l.word()
	switch {
	case end == l.pos:
	case in&pyOperatorWord != 0:
		l.emit(chroma.OperatorWord, end)
		return true
	case l.keyword(pyExprKeyword):
		return true
	case in&(pyBuiltin|pyPseudo|pyException) != 0 && l.runeBefore(l.pos) != '.':
		// (?<!\.)(...)\b for the three builtin lists.
		switch {
		case in&pyBuiltin != 0:
			l.emit(chroma.NameBuiltin, end)
		case in&pyPseudo != 0:
			l.emit(chroma.NameBuiltinPseudo, end)
		default:
			l.emit(chroma.NameException, end)
		}
		return true
	case in&pyMagicFunc != 0:
		l.emit(chroma.NameFunctionMagic, end)
		return true
	case in&pyMagicVar != 0:
		l.emit(chroma.NameVariableMagic, end)
		return true
	}
	if end := l.ident(l.pos); end > l.pos {
		l.emit(chroma.Name, end)
		return true
	}
	return false
}

// isBlank is [^\S\n]: white space but the newline.
func isBlank(r rune) bool { return r != '\n' && isSpace(r) }

// decorator, at an @:
//
//	@[_\p{L}][_\p{L}\p{N}]*(\s*\.\s*[_\p{L}][_\p{L}\p{N}]*)*  NameDecorator
//	@  Operator
//
// Each repetition of the group either matches whole or is given back.
func (l *pyLexer) decorator() bool {
	end := l.ident(l.pos + 1)
	if end == l.pos+1 {
		l.emit(chroma.Operator, l.pos+1)
		return true
	}
	for {
		i := l.spanSpace(end)
		if l.byteAt(i) != '.' {
			break
		}
		i = l.spanSpace(i + 1)
		e := l.ident(i)
		if e == i {
			break
		}
		end = e
	}
	l.emit(chroma.NameDecorator, end)
	return true
}

// stringStart tries the sixteen string openers of expr. Each is a prefix
// and a quote, the quotes tried in this order: three double quotes, three
// single quotes, one double quote, one single quote:
//
//	(?i)(rf|fr)(quote)  LiteralStringAffix, quote; push combined(rfstringescape, f-string state)
//	([fF])(quote)  the same with combined(fstringescape, f-string state)
//	(?i)(rb|br|r)(quote)  the same with the raw string state
//	([uUbB]?)(quote)  the same with combined(stringescape, string state)
func (l *pyLexer) stringStart() bool {
	i := l.pos
	var kind pyState
	lower := func(c byte) byte { return c | 0x20 }
	c0, c1 := lower(l.byteAt(i)), lower(l.byteAt(i+1))
	switch {
	case c0 == 'r' && c1 == 'f' || c0 == 'f' && c1 == 'r':
		i, kind = i+2, pyStrF|pyEscBraces
	case c0 == 'f':
		i, kind = i+1, pyStrF|pyEscBraces|pyEscStd
	case c0 == 'r' && c1 == 'b' || c0 == 'b' && c1 == 'r':
		i = i + 2
	case c0 == 'r':
		i = i + 1
	case c0 == 'u' || c0 == 'b':
		i, kind = i+1, pyEscStd
	default:
		kind = pyEscStd
	}
	q := l.byteAt(i)
	if q != '"' && q != '\'' {
		// A prefix that is not followed by a quote may still be a plain
		// quote's missing optional prefix: nothing else starts a string.
		return false
	}
	typ := chroma.LiteralStringDouble
	if q == '\'' {
		kind |= pyStrSingle
		typ = chroma.LiteralStringSingle
	}
	end := i + 1
	if l.byteAt(i+1) == q && l.byteAt(i+2) == q {
		kind |= pyStrTriple
		end = i + 3
	}
	l.emit(chroma.LiteralStringAffix, i)
	l.emit(typ, end)
	l.push(pyString | kind)
	return true
}

// digitGroup matches \d(?:_?\d)* at i and returns its end (i if none).
func (l *pyLexer) digitGroup(i int) int {
	return l.groupOf(i, isDigit)
}

// groupOf matches c(?:_?c)* for the class c at i, returning its end.
func (l *pyLexer) groupOf(i int, c func(rune) bool) int {
	r, n := l.runeAt(i)
	if n == 0 || !c(r) {
		return i
	}
	i += n
	for {
		if r, n := l.runeAt(i); n > 0 && c(r) {
			i += n
			continue
		}
		if l.byteAt(i) == '_' {
			if r, n := l.runeAt(i + 1); n > 0 && c(r) {
				i += 1 + n
				continue
			}
		}
		return i
	}
}

// number tries the rules of state numbers, returning the end of the match
// (0 for none) and its type:
//
//	(\d(?:_?\d)*\.(?:\d(?:_?\d)*)?|(?:\d(?:_?\d)*)?\.\d(?:_?\d)*)([eE][+-]?\d(?:_?\d)*)?  LiteralNumberFloat
//	\d(?:_?\d)*[eE][+-]?\d(?:_?\d)*j?  LiteralNumberFloat
//	0[oO](?:_?[0-7])+  LiteralNumberOct
//	0[bB](?:_?[01])+  LiteralNumberBin
//	0[xX](?:_?[a-fA-F0-9])+  LiteralNumberHex
//	\d(?:_?\d)*  LiteralNumberInteger
//
// Nothing follows these patterns, so each greedy part keeps all it takes;
// a shorter digit group would leave a digit or _ where . or e is needed.
func (l *pyLexer) number() (int, chroma.TokenType) {
	i := l.pos
	g := l.digitGroup(i)
	if g > i && l.byteAt(g) == '.' {
		return l.exponent(l.digitGroup(g + 1)), chroma.LiteralNumberFloat
	}
	if g == i && l.byteAt(i) == '.' {
		if f := l.digitGroup(i + 1); f > i+1 {
			return l.exponent(f), chroma.LiteralNumberFloat
		}
		return 0, 0
	}
	if g == i {
		return 0, 0
	}
	if e := l.exponent(g); e > g {
		if l.byteAt(e) == 'j' {
			e++
		}
		return e, chroma.LiteralNumberFloat
	}
	if l.src[i] == '0' {
		for _, b := range [...]struct {
			mark  byte
			class func(rune) bool
			typ   chroma.TokenType
		}{
			{'o', isOctal, chroma.LiteralNumberOct},
			{'b', isBinary, chroma.LiteralNumberBin},
			{'x', isHex, chroma.LiteralNumberHex},
		} {
			if l.byteAt(i+1)|0x20 != b.mark {
				continue
			}
			// (?:_?c)+ is c(?:_?c)* or _c(?:_?c)*.
			j := i + 2
			if l.byteAt(j) == '_' {
				j++
			}
			if e := l.groupOf(j, b.class); e > j {
				return e, b.typ
			}
		}
	}
	return g, chroma.LiteralNumberInteger
}

func isBinary(r rune) bool { return r == '0' || r == '1' }

func isHex(r rune) bool {
	return '0' <= r && r <= '9' || 'a' <= r && r <= 'f' || 'A' <= r && r <= 'F'
}

// exponent matches [eE][+-]?\d(?:_?\d)* at i and returns its end, i if
// none.
func (l *pyLexer) exponent(i int) int {
	if c := l.byteAt(i); c != 'e' && c != 'E' {
		return i
	}
	j := i + 1
	if c := l.byteAt(j); c == '+' || c == '-' {
		j++
	}
	if e := l.digitGroup(j); e > j {
		return e
	}
	return i
}

// str tries the rules of a string state: the escape rules combined in
// front of it, then its own.
//
//	rfstringescape: \{\{ and \}\}  LiteralStringEscape
//	stringescape: \\([\\abfnrtv"\']|\n|N\{.*?\}|u[a-fA-F0-9]{4}|U[a-fA-F0-9]{8}|x[a-fA-F0-9]{2}|[0-7]{1,3})  LiteralStringEscape
//	tdqs, tdqf: """ pop; include strings-double or fstrings-double; \n
//	dqs, dqf: " pop; \\\\|\\"|\\\n LiteralStringEscape; include strings-double or fstrings-double
//
// and the same with ' for the single-quoted states.
func (l *pyLexer) str(s pyState) bool {
	c := l.src[l.pos]
	if s&pyEscBraces != 0 && (c == '{' || c == '}') && l.byteAt(l.pos+1) == c {
		l.emit(chroma.LiteralStringEscape, l.pos+2)
		return true
	}
	if s&pyEscStd != 0 && c == '\\' {
		if end := l.escape(l.pos + 1); end > 0 {
			l.emit(chroma.LiteralStringEscape, end)
			return true
		}
	}
	q := byte('"')
	typ := chroma.LiteralStringDouble
	if s&pyStrSingle != 0 {
		q, typ = '\'', chroma.LiteralStringSingle
	}
	if s&pyStrTriple != 0 {
		if c == q && l.byteAt(l.pos+1) == q && l.byteAt(l.pos+2) == q {
			l.emit(typ, l.pos+3)
			l.pop()
			return true
		}
	} else {
		if c == q {
			l.emit(typ, l.pos+1)
			l.pop()
			return true
		}
		if c == '\\' {
			if n := l.byteAt(l.pos + 1); n == '\\' || n == q || n == '\n' {
				l.emit(chroma.LiteralStringEscape, l.pos+2)
				return true
			}
		}
	}
	var ok bool
	if s&pyStrF != 0 {
		ok = l.fstringContent(typ)
	} else {
		ok = l.stringContent(typ)
	}
	if ok {
		return true
	}
	if s&pyStrTriple != 0 && c == '\n' {
		l.emit(typ, l.pos+1)
		return true
	}
	return false
}

// escape matches what follows the backslash of stringescape at i and
// returns the end of the escape, 0 for none.
func (l *pyLexer) escape(i int) int {
	c := l.byteAt(i)
	switch c {
	case '\\', 'a', 'b', 'f', 'n', 'r', 't', 'v', '"', '\'', '\n':
		return i + 1
	case 'N':
		// N\{.*?\}: the first } on the line.
		if l.byteAt(i+1) == '{' {
			e := l.lineEnd(i + 2)
			if j := strings.IndexByte(l.src[i+2:e], '}'); j >= 0 {
				return i + 2 + j + 1
			}
		}
	case 'u', 'U', 'x':
		n := 2
		switch c {
		case 'u':
			n = 4
		case 'U':
			n = 8
		}
		j := i + 1
		for k := 0; k < n; k++ {
			if !isHex(rune(l.byteAt(j))) {
				return 0
			}
			j++
		}
		return j
	}
	if isOctal(rune(c)) {
		j := i + 1
		for j < i+3 && isOctal(rune(l.byteAt(j))) {
			j++
		}
		return j
	}
	return 0
}

// stringContent tries strings-double (or strings-single), typ being the
// string's type:
//
//	%(\(\w+\))?[-#0 +]*([0-9]+|[*])?(\.([0-9]+|[*]))?[hlL]?[E-GXc-giorsaux%]  LiteralStringInterpol
//	\{((\w+)((\.\w+)|(\[[^\]]+\]))*)?(\![sra])?(\:(.?[<>=\^])?[-+ ]?#?0?(\d+)?,?(\.\d+)?[E-GXb-gnosx%]?)?\}  LiteralStringInterpol
//	[^\\\'"%{\n]+  typ
//	[\'"\\]  typ
//	%|(\{{1,2})  typ
func (l *pyLexer) stringContent(typ chroma.TokenType) bool {
	switch c := l.src[l.pos]; c {
	case '%':
		if end := l.percentFormat(l.pos + 1); end > 0 {
			l.emit(chroma.LiteralStringInterpol, end)
		} else {
			l.emit(typ, l.pos+1)
		}
		return true
	case '{':
		if end := l.braceFormat(l.pos + 1); end > 0 {
			l.emit(chroma.LiteralStringInterpol, end)
		} else if l.byteAt(l.pos+1) == '{' {
			l.emit(typ, l.pos+2)
		} else {
			l.emit(typ, l.pos+1)
		}
		return true
	case '\\', '\'', '"':
		l.emit(typ, l.pos+1)
		return true
	case '\n':
		return false
	}
	end := l.pos + 1
	for end < len(l.src) {
		switch l.src[end] {
		case '\\', '\'', '"', '%', '{', '\n':
		default:
			end++
			continue
		}
		break
	}
	l.emit(typ, end)
	return true
}

// percentFormat matches the %-format rule after its % at i; 0 for none.
// Every optional part is followed by parts that cannot start with what it
// takes, so the greedy choice is the only one that can match.
func (l *pyLexer) percentFormat(i int) int {
	if l.byteAt(i) == '(' {
		w := l.spanWord(i + 1)
		if w == i+1 || l.byteAt(w) != ')' {
			return 0
		}
		i = w + 1
	}
	for strings.IndexByte("-#0 +", l.byteAt(i)) >= 0 && i < len(l.src) {
		i++
	}
	i = l.digitsOrStar(i)
	if l.byteAt(i) == '.' {
		if j := l.digitsOrStar(i + 1); j > i+1 {
			i = j
		}
	}
	if c := l.byteAt(i); c == 'h' || c == 'l' || c == 'L' {
		i++
	}
	if c := l.byteAt(i); c != 0 && strings.IndexByte("EFGXcdefgiorsaux%", c) >= 0 {
		return i + 1
	}
	return 0
}

// digitsOrStar matches ([0-9]+|[*])? at i and returns its end.
func (l *pyLexer) digitsOrStar(i int) int {
	if l.byteAt(i) == '*' {
		return i + 1
	}
	for '0' <= l.byteAt(i) && l.byteAt(i) <= '9' {
		i++
	}
	return i
}

// braceFormat matches the {}-format rule after its { at i; 0 for none.
// The field, the conversion and the parts of the format spec are forced as
// in percentFormat, but for the fill and align (.?[<>=\^])?, where the
// engine tries a fill character and an align, then an align alone, then
// neither, each followed by the rest of the spec and the closing }.
func (l *pyLexer) braceFormat(i int) int {
	if w := l.spanWord(i); w > i {
		i = w
		for {
			if l.byteAt(i) == '.' {
				if w := l.spanWord(i + 1); w > i+1 {
					i = w
					continue
				}
			}
			if l.byteAt(i) == '[' {
				if j := l.closeBracket(i + 1); j > i+1 {
					i = j + 1
					continue
				}
			}
			break
		}
	}
	if l.byteAt(i) == '!' && strings.IndexByte("sra", l.byteAt(i+1)) >= 0 && l.byteAt(i+1) != 0 {
		i += 2
	}
	if l.byteAt(i) == ':' {
		i++
		isAlign := func(c byte) bool { return c == '<' || c == '>' || c == '=' || c == '^' }
		var starts []int
		if r, n := l.runeAt(i); n > 0 && r != '\n' && isAlign(l.byteAt(i+n)) {
			starts = append(starts, i+n+1)
		}
		if isAlign(l.byteAt(i)) {
			starts = append(starts, i+1)
		}
		starts = append(starts, i)
		for _, s := range starts {
			if e := l.formatSpecRest(s); e > 0 {
				return e
			}
		}
		return 0
	}
	if l.byteAt(i) == '}' {
		return i + 1
	}
	return 0
}

// closeBracket returns the offset of the first ] at or after i, -1 if
// none. It remembers the last answer, which holds for every i up to it, so
// many unclosed [ do not each scan the rest of the text.
func (l *pyLexer) closeBracket(i int) int {
	if l.bracketFrom < 0 || i < l.bracketFrom || l.bracketAt >= 0 && i > l.bracketAt {
		l.bracketFrom = i
		l.bracketAt = strings.IndexByte(l.src[i:], ']')
		if l.bracketAt >= 0 {
			l.work += l.bracketAt
			l.bracketAt += i
		} else {
			l.work += len(l.src) - i
		}
	}
	return l.bracketAt
}

// formatSpecRest matches [-+ ]?#?0?(\d+)?,?(\.\d+)?[E-GXb-gnosx%]?\} at i.
func (l *pyLexer) formatSpecRest(i int) int {
	if c := l.byteAt(i); c == '-' || c == '+' || c == ' ' {
		i++
	}
	if l.byteAt(i) == '#' {
		i++
	}
	if l.byteAt(i) == '0' {
		i++
	}
	i = l.span(i, isDigit)
	if l.byteAt(i) == ',' {
		i++
	}
	if l.byteAt(i) == '.' {
		if d := l.span(i+1, isDigit); d > i+1 {
			i = d
		}
	}
	if c := l.byteAt(i); c != 0 && strings.IndexByte("EFGXbcdefgnosx%", c) >= 0 {
		i++
	}
	if l.byteAt(i) == '}' {
		return i + 1
	}
	return 0
}

// fstringContent tries fstrings-double (or fstrings-single):
//
//	\}  LiteralStringInterpol
//	\{  LiteralStringInterpol, push expr-inside-fstring
//	[^\\\'"{}\n]+  typ
//	[\'"\\]  typ
func (l *pyLexer) fstringContent(typ chroma.TokenType) bool {
	switch l.src[l.pos] {
	case '}':
		l.emit(chroma.LiteralStringInterpol, l.pos+1)
		return true
	case '{':
		l.emit(chroma.LiteralStringInterpol, l.pos+1)
		l.push(pyExprInside)
		return true
	case '\\', '\'', '"':
		l.emit(typ, l.pos+1)
		return true
	case '\n':
		return false
	}
	end := l.pos + 1
	for end < len(l.src) {
		switch l.src[end] {
		case '\\', '\'', '"', '{', '}', '\n':
		default:
			end++
			continue
		}
		break
	}
	l.emit(typ, end)
	return true
}
