package parser

import (
	"fmt"
	"strconv"
	"strings"
)

// Kind says what a piece of tag content is.
type Kind uint8

// The kinds of tag content.
const (
	Invalid       Kind = iota // content that does not match the grammar
	Open                      // {% name attrs %}
	Close                     // {% /name %}
	SelfClosing               // {% name attrs /%}
	Interpolation             // {% $var %} or {% fn() %}
	Annotation                // {% #id .class key=value %}
)

var kindNames = [...]string{"invalid", "open", "close", "self-closing", "interpolation", "annotation"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Tag is the parsed content of one {% ... %}.
type Tag struct {
	Kind  Kind
	Name  string // Open, Close, SelfClosing
	Attrs []Attr // Open, SelfClosing, Annotation; a primary value comes first, named "primary"
	Value Value  // Interpolation: a *Variable, *Function or Sigil
	Err   *SyntaxError
}

// Attr is one attribute as written. A .class shorthand has Class set, its
// class name in Name and true in Value; #id is the attribute id.
type Attr struct {
	Name   string
	Value  Value
	Class  bool
	Offset int // byte offset of the attribute in the content given to Parse
}

// SyntaxError describes content that does not match the grammar, at the
// furthest position the parser reached, as a PEG parser reports it.
type SyntaxError struct {
	Offset   int // byte offset in the content given to Parse
	Expected []string
	Found    string // "" at the end of the content
}

func (e *SyntaxError) Error() string {
	var b strings.Builder
	b.WriteString("expected ")
	switch n := len(e.Expected); n {
	case 0:
		b.WriteString("a tag")
	case 1:
		b.WriteString(e.Expected[0])
	default:
		b.WriteString(strings.Join(e.Expected[:n-1], ", "))
		b.WriteString(" or ")
		b.WriteString(e.Expected[n-1])
	}
	if e.Found == "" {
		b.WriteString(" but found the end of the tag")
	} else {
		b.WriteString(" but found ")
		b.WriteString(strconv.Quote(e.Found))
	}
	return b.String()
}
