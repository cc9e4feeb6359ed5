package parser

import (
	"sort"
	"strconv"
	"unicode/utf8"
)

// Parse parses the content between a tag's delimiters. Surrounding
// whitespace is ignored (JavaScript's String.prototype.trim set, as Markdoc
// trims); offsets in the result are into content as given.
//
//	Top = TopLevelValue / Annotation / TagOpen / TagClose   (then end of content)
//
// The first alternative that matches is kept even when content remains after
// it: {% $a b %} is an error, not a tag named $a.
func Parse(content string) Tag {
	start, end := TrimJS(content)
	p := &tagParser{src: content[:end], pos: start, start: start}
	t, ok := p.top()
	if ok && p.pos == len(p.src) {
		return t
	}
	if ok {
		p.fail(p.pos, "end of tag")
	}
	return Tag{Kind: Invalid, Err: p.syntaxError()}
}

type tagParser struct {
	src   string
	pos   int
	start int

	failPos  int
	expected []string
}

func (p *tagParser) top() (Tag, bool) {
	if v, ok := p.topLevelValue(); ok {
		return Tag{Kind: Interpolation, Value: v}, true
	}
	p.pos = p.start
	if attrs, ok := p.annotation(); ok {
		return Tag{Kind: Annotation, Attrs: attrs}, true
	}
	p.pos = p.start
	if t, ok := p.tagOpen(); ok {
		return t, true
	}
	p.pos = p.start
	if t, ok := p.tagClose(); ok {
		return t, true
	}
	return Tag{}, false
}

// fail records that what was expected at pos is missing. Like a PEG parser,
// only the failures at the furthest position are kept for the message.
func (p *tagParser) fail(pos int, what string) {
	switch {
	case pos > p.failPos:
		p.failPos = pos
		p.expected = append(p.expected[:0], what)
	case pos == p.failPos:
		for _, e := range p.expected {
			if e == what {
				return
			}
		}
		p.expected = append(p.expected, what)
	}
}

func (p *tagParser) syntaxError() *SyntaxError {
	pos := max(p.failPos, p.start)
	exp := append([]string(nil), p.expected...)
	sort.Strings(exp)
	found := ""
	if pos < len(p.src) {
		r, _ := utf8.DecodeRuneInString(p.src[pos:])
		found = string(r)
	}
	return &SyntaxError{Offset: pos, Expected: exp, Found: found}
}

func (p *tagParser) peek() byte {
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

// lit consumes s if it is next.
func (p *tagParser) lit(s string) bool {
	if len(p.src)-p.pos >= len(s) && p.src[p.pos:p.pos+len(s)] == s {
		p.pos += len(s)
		return true
	}
	p.fail(p.pos, strconv.Quote(s))
	return false
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' }

// spaces consumes _* and reports how many bytes it took.
//
//	_ = [ \n\t]
func (p *tagParser) spaces() int {
	n := 0
	for p.pos < len(p.src) && isSpace(p.src[p.pos]) {
		p.pos++
		n++
	}
	if p.pos < len(p.src) {
		p.fail(p.pos, "whitespace")
	}
	return n
}

func isIdentByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// identifier parses
//
//	Identifier = [a-zA-Z0-9_-]+
func (p *tagParser) identifier() (string, bool) {
	start := p.pos
	for p.pos < len(p.src) && isIdentByte(p.src[p.pos]) {
		p.pos++
	}
	if p.pos == start {
		p.fail(start, "identifier")
		return "", false
	}
	return p.src[start:p.pos], true
}

// identifierSilent is identifier inside a named rule, whose failures are
// reported under the rule's own name.
func (p *tagParser) identifierSilent() (string, bool) {
	start := p.pos
	for p.pos < len(p.src) && isIdentByte(p.src[p.pos]) {
		p.pos++
	}
	return p.src[start:p.pos], p.pos > start
}

// topLevelValue parses an interpolation.
//
//	TopLevelValue = Variable / Function
func (p *tagParser) topLevelValue() (Value, bool) {
	if v, ok := p.variable(); ok {
		return v, true
	}
	p.pos = p.start
	if f, ok := p.function(); ok {
		return f, true
	}
	return nil, false
}

// annotation parses attributes that apply to the enclosing node.
//
//	Annotation = TagAttributes _*
func (p *tagParser) annotation() ([]Attr, bool) {
	attrs, ok := p.tagAttributes()
	if !ok {
		return nil, false
	}
	p.spaces()
	return attrs, true
}

// tagOpen parses an opening or self-closing tag.
//
//	TagOpen = TagName _* (Value _?)? TagAttributes? _* '/'?
func (p *tagParser) tagOpen() (Tag, bool) {
	name, ok := p.identifierSilent()
	if !ok {
		p.fail(p.pos, "tag name")
		return Tag{}, false
	}
	t := Tag{Kind: Open, Name: name}
	p.spaces()
	save := p.pos
	if v, ok := p.value(); ok {
		// Markdoc keeps a primary value only when it is truthy: {% else
		// false /%} is a plain else. Reproduced, not endorsed.
		if Truthy(v) {
			t.Attrs = append(t.Attrs, Attr{Name: "primary", Value: v, Offset: save})
		}
		if p.pos < len(p.src) && isSpace(p.src[p.pos]) {
			p.pos++
		}
	} else {
		p.pos = save
	}
	save = p.pos
	if attrs, ok := p.tagAttributes(); ok {
		t.Attrs = append(t.Attrs, attrs...)
	} else {
		p.pos = save
	}
	p.spaces()
	if p.peek() == '/' {
		p.pos++
		t.Kind = SelfClosing
	} else {
		p.fail(p.pos, `"/"`)
	}
	return t, true
}

// tagClose parses a closing tag.
//
//	TagClose = '/' TagName
func (p *tagParser) tagClose() (Tag, bool) {
	if !p.lit("/") {
		return Tag{}, false
	}
	name, ok := p.identifierSilent()
	if !ok {
		p.fail(p.pos, "tag name")
		return Tag{}, false
	}
	return Tag{Kind: Close, Name: name}, true
}

// tagAttributes parses one or more attributes separated by whitespace.
//
//	TagAttributes     = TagAttributesItem (_+ TagAttributesItem)*
//	TagAttributesItem = TagShortcutId / TagShortcutClass / TagAttribute
func (p *tagParser) tagAttributes() ([]Attr, bool) {
	a, ok := p.tagAttributesItem()
	if !ok {
		return nil, false
	}
	attrs := []Attr{a}
	for {
		save := p.pos
		if p.spaces() == 0 {
			p.pos = save
			return attrs, true
		}
		a, ok := p.tagAttributesItem()
		if !ok {
			p.pos = save
			return attrs, true
		}
		attrs = append(attrs, a)
	}
}

// TagShortcutId    = '#' Identifier
// TagShortcutClass = '.' Identifier
// TagAttribute     = Identifier '=' Value
func (p *tagParser) tagAttributesItem() (Attr, bool) {
	start := p.pos
	switch p.peek() {
	case '#':
		p.pos++
		if id, ok := p.identifierSilent(); ok {
			return Attr{Name: "id", Value: id, Offset: start}, true
		}
		p.pos = start
		p.fail(start, "id")
		return Attr{}, false
	case '.':
		p.pos++
		if class, ok := p.identifierSilent(); ok {
			return Attr{Name: class, Value: true, Class: true, Offset: start}, true
		}
		p.pos = start
		p.fail(start, "class")
		return Attr{}, false
	}
	p.fail(p.pos, "id")
	p.fail(p.pos, "class")
	name, ok := p.identifier()
	if !ok || !p.lit("=") {
		p.pos = start
		return Attr{}, false
	}
	v, ok := p.value()
	if !ok {
		p.pos = start
		return Attr{}, false
	}
	return Attr{Name: name, Value: v, Offset: start}, true
}

// value parses an attribute value; the order of the choices matters, as in
// any PEG: "nullify()" is null followed by junk, not a function call.
//
//	Value = ValueNull / ValueBoolean / ValueString / ValueNumber /
//	        ValueArray / ValueHash / Function / Variable
func (p *tagParser) value() (Value, bool) {
	start := p.pos
	switch {
	case p.word("null"):
		return nil, true
	case p.word("true"):
		return true, true
	case p.word("false"):
		return false, true
	}
	if s, ok := p.str(); ok {
		return s, true
	}
	p.pos = start
	if n, ok := p.number(); ok {
		return n, true
	}
	p.pos = start
	if a, ok := p.array(); ok {
		return a, true
	}
	p.pos = start
	if h, ok := p.hash(); ok {
		return h, true
	}
	p.pos = start
	if f, ok := p.function(); ok {
		return f, true
	}
	p.pos = start
	if v, ok := p.variable(); ok {
		return v, true
	}
	p.pos = start
	return nil, false
}

// word matches a keyword as a plain prefix, as the PEG does (no word
// boundary check).
func (p *tagParser) word(w string) bool {
	if len(p.src)-p.pos >= len(w) && p.src[p.pos:p.pos+len(w)] == w {
		p.pos += len(w)
		return true
	}
	switch w {
	case "null":
		p.fail(p.pos, "null")
	case "true", "false":
		p.fail(p.pos, "boolean")
	}
	return false
}

// str parses a double-quoted string.
//
//	ValueString        = '"' ValueStringChars* '"'
//	ValueStringChars   = [^\0-\x1F\x22\x5C] / ValueStringEscapes
//	ValueStringEscapes = '\\' ('"' / '\\' / 'n' / 'r' / 't')
func (p *tagParser) str() (string, bool) {
	open := p.pos
	if p.peek() != '"' {
		p.fail(open, "string")
		return "", false
	}
	p.pos++
	start := p.pos
	var buf []byte // nil while the string has no escapes
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '"':
			p.pos++
			if buf == nil {
				return p.src[start : p.pos-1], true
			}
			return string(buf), true
		case c == '\\':
			if buf == nil {
				buf = append(make([]byte, 0, p.pos-start+16), p.src[start:p.pos]...)
			}
			if p.pos+1 >= len(p.src) {
				p.fail(open, "string")
				return "", false
			}
			var r byte
			switch p.src[p.pos+1] {
			case '"':
				r = '"'
			case '\\':
				r = '\\'
			case 'n':
				r = '\n'
			case 'r':
				r = '\r'
			case 't':
				r = '\t'
			default:
				p.fail(open, "string")
				return "", false
			}
			buf = append(buf, r)
			p.pos += 2
		case c < 0x20:
			p.fail(open, "string")
			return "", false
		default:
			if buf != nil {
				buf = append(buf, c)
			}
			p.pos++
		}
	}
	p.fail(open, "string")
	return "", false
}

// number parses a decimal number.
//
//	ValueNumber = '-'? [0-9]+ ('.' [0-9]+)?
func (p *tagParser) number() (float64, bool) {
	start := p.pos
	if p.peek() == '-' {
		p.pos++
	}
	digits := func() int {
		s := p.pos
		for p.pos < len(p.src) && '0' <= p.src[p.pos] && p.src[p.pos] <= '9' {
			p.pos++
		}
		return p.pos - s
	}
	if digits() == 0 {
		p.fail(start, "number")
		return 0, false
	}
	if p.peek() == '.' {
		save := p.pos
		p.pos++
		if digits() == 0 {
			p.pos = save
		}
	}
	f, err := strconv.ParseFloat(p.src[start:p.pos], 64)
	if err != nil {
		// Only a literal too large for a double gets here; JavaScript's
		// parseFloat gives ±Infinity, which is no JSON value: reject it.
		p.fail(start, "number")
		return 0, false
	}
	return f, true
}

// array parses a list of values.
//
//	ValueArray = '[' _* (Value (_* ',' _* Value)* (_* ',')?)? _* ']'
func (p *tagParser) array() ([]Value, bool) {
	if !p.lit("[") {
		return nil, false
	}
	p.spaces()
	out := []Value{}
	if v, ok := p.value(); ok {
		out = append(out, v)
		p.listTail(func() bool {
			v, ok := p.value()
			if ok {
				out = append(out, v)
			}
			return ok
		})
	}
	p.spaces()
	if !p.lit("]") {
		return nil, false
	}
	return out, true
}

// listTail parses (_* ',' _* item)* then an optional trailing (_* ',').
func (p *tagParser) listTail(item func() bool) {
	for {
		save := p.pos
		p.spaces()
		if !p.lit(",") {
			p.pos = save
			return
		}
		p.spaces()
		if !item() {
			// Not an item: this comma may be the trailing one.
			p.pos = save
			p.spaces()
			p.lit(",")
			return
		}
	}
}

// hash parses an object.
//
//	ValueHash     = '{' _* (ValueHashItem (_* ',' _* ValueHashItem)* (_* ',')?)? _* '}'
//	ValueHashItem = (Identifier / ValueString) ':' _* Value
func (p *tagParser) hash() (*Object, bool) {
	if !p.lit("{") {
		return nil, false
	}
	p.spaces()
	obj := &Object{}
	if p.hashItem(obj) {
		p.listTail(func() bool { return p.hashItem(obj) })
	}
	p.spaces()
	if !p.lit("}") {
		return nil, false
	}
	return obj, true
}

func (p *tagParser) hashItem(obj *Object) bool {
	start := p.pos
	key, ok := p.identifier()
	if !ok {
		p.pos = start
		if key, ok = p.str(); !ok {
			p.pos = start
			return false
		}
	}
	if !p.lit(":") {
		p.pos = start
		return false
	}
	p.spaces()
	v, ok := p.value()
	if !ok {
		p.pos = start
		return false
	}
	// Markdoc drops this key so that a hash cannot pose as one of its AST
	// nodes.
	if key != "$$mdtype" {
		obj.Set(key, v)
	}
	return true
}

// function parses a call.
//
//	Function          = Identifier '(' _* (FunctionParameter? FunctionParameterTail*)? ')'
//	FunctionParameter = (Identifier '=')? Value
//	FunctionParameterTail = _* ',' _* FunctionParameter
//
// As in Markdoc, parameters after a missing first one are parsed and then
// dropped: f(, 1) has no arguments.
func (p *tagParser) function() (*Function, bool) {
	start := p.pos
	name, ok := p.identifier()
	if !ok || !p.lit("(") {
		p.pos = start
		return nil, false
	}
	p.spaces()
	fn := &Function{Name: name, Args: &Object{}}
	index := 0
	param := func(keep bool) bool {
		s := p.pos
		key := ""
		if id, ok := p.identifier(); ok && p.lit("=") {
			key = id
		} else {
			p.pos = s
		}
		v, ok := p.value()
		if !ok {
			p.pos = s
			return false
		}
		if keep {
			if key == "" {
				key = strconv.Itoa(index)
			}
			fn.Args.Set(key, v)
		}
		index++
		return true
	}
	hasHead := param(true)
	for {
		save := p.pos
		p.spaces()
		if !p.lit(",") {
			p.pos = save
			break
		}
		p.spaces()
		if !param(hasHead) {
			p.pos = save
			break
		}
	}
	if !p.lit(")") {
		p.pos = start
		return nil, false
	}
	return fn, true
}

// variable parses a variable reference.
//
//	Variable     = [$@] Identifier VariableTail*
//	VariableTail = '.' Identifier / '[' (ValueNumber / ValueString) ']'
func (p *tagParser) variable() (Value, bool) {
	start := p.pos
	sigil := p.peek()
	if sigil != '$' && sigil != '@' {
		p.fail(start, "variable")
		return nil, false
	}
	p.pos++
	head, ok := p.identifierSilent()
	if !ok {
		p.pos = start
		p.fail(start, "variable")
		return nil, false
	}
	path := []any{head}
	for {
		save := p.pos
		switch p.peek() {
		case '.':
			p.pos++
			if id, ok := p.identifierSilent(); ok {
				path = append(path, id)
				continue
			}
		case '[':
			p.pos++
			var seg any
			f, e := p.failPos, len(p.expected)
			if n, ok := p.number(); ok {
				seg = n
			} else if s, ok := p.str(); ok {
				seg = s
			}
			// Variable is a named rule: what failed inside it is not reported.
			if p.failPos == f {
				p.expected = p.expected[:min(e, len(p.expected))]
			}
			p.failPos = f
			if seg != nil && p.lit("]") {
				path = append(path, seg)
				continue
			}
		}
		p.pos = save
		break
	}
	if sigil == '@' {
		return Sigil(path), true
	}
	return &Variable{Path: path}, true
}

// TrimJS returns the bounds of s without the leading and trailing white
// space that JavaScript's String.prototype.trim removes.
func TrimJS(s string) (start, end int) {
	start, end = 0, len(s)
	for start < end {
		r, n := utf8.DecodeRuneInString(s[start:])
		if !isJSSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(s[start:end])
		if !isJSSpace(r) {
			break
		}
		end -= n
	}
	return start, end
}

func isJSSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff:
		return true
	}
	return 0x2000 <= r && r <= 0x200a
}

// Truthy is JavaScript's truthiness of a value.
func Truthy(v Value) bool {
	switch v := v.(type) {
	case nil:
		return false
	case bool:
		return v
	case float64:
		return v != 0
	case string:
		return v != ""
	}
	return true
}
