package parser

// Delims are a pair of tag delimiters.
type Delims struct {
	Open, Close string
}

// Markdoc's own delimiters, and the ERB-style alias docgen accepts outside
// code (a site can turn the alias off).
var (
	Braces = Delims{"{%", "%}"}
	Angles = Delims{"<%", "%>"}
)

// FindEnd returns the offset of the closing delimiter of the tag whose
// content starts at or before from, or -1. Like Markdoc's findTagEnd it skips
// over double-quoted strings (with backslash escapes), so "%}" inside an
// attribute value does not end the tag; an unterminated string runs to the
// end of src.
//
// It is written as a small state machine rather than with strings.Index
// because the quoting state decides which "%}" counts.
func FindEnd(src []byte, from int, close string) int {
	type state uint8
	const (
		normal state = iota
		inString
		escape
	)
	s := normal
	c0, c1 := close[0], close[1]
	for i := from; i < len(src); i++ {
		c := src[i]
		switch s {
		case inString:
			switch c {
			case '"':
				s = normal
			case '\\':
				s = escape
			}
		case escape:
			s = inString
		case normal:
			if c == '"' {
				s = inString
			} else if c == c0 && i+1 < len(src) && src[i+1] == c1 {
				return i
			}
		}
	}
	return -1
}
