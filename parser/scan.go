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

// Finder finds the ends of tags in one source. It remembers, for every
// opening delimiter a scan passes, the scan's state there (outside a string,
// inside one, after a backslash) and where the scan ended: a later scan that
// reaches the same opener in the same state, or a tag starting there, would
// scan the same bytes to the same end. So a page full of openers that never
// close ("{% {% {% ...") costs linear time in all, where calling FindEnd for
// each would be quadratic.
type Finder struct {
	src    []byte
	delims Delims
	memo   map[int]int // opener content start<<2 | scan state -> end, or -1
	steps  int         // bytes scanned, for the linearity test
}

// NewFinder returns a Finder for tags with delimiters d in src.
func NewFinder(src []byte, d Delims) *Finder {
	return &Finder{src: src, delims: d}
}

// The states of the delimiter scan.
const (
	scanNormal = iota
	scanString
	scanEscape
)

// End returns what FindEnd(src, from, close) returns.
func (f *Finder) End(from int) int {
	if e, ok := f.memo[from<<2|scanNormal]; ok {
		return e
	}
	src := f.src
	o0, o1 := f.delims.Open[0], f.delims.Open[1]
	c0, c1 := f.delims.Close[0], f.delims.Close[1]
	var passed []int // (opener, state) keys met: they share this end
	end := -1
	s := scanNormal
	i := from
scan:
	for ; i < len(src); i++ {
		c := src[i]
		if c == o0 && i+1 < len(src) && src[i+1] == o1 && !(s == scanNormal && c0 == o1 && i+2 < len(src) && src[i+2] == c1) {
			// An opener (but not the "{%" of "{%}", whose "%" starts a
			// closing delimiter that this scan finds next). The scan
			// continues from i+2 in the state it has after the opener's
			// two bytes, which neither are quotes nor backslashes.
			st := s
			if st == scanEscape {
				st = scanString
			}
			key := (i+2)<<2 | st
			if e, ok := f.memo[key]; ok {
				end = e
				break scan
			}
			passed = append(passed, key)
		}
		switch s {
		case scanString:
			switch c {
			case '"':
				s = scanNormal
			case '\\':
				s = scanEscape
			}
		case scanEscape:
			s = scanString
		case scanNormal:
			switch {
			case c == '"':
				s = scanString
			case c == c0 && i+1 < len(src) && src[i+1] == c1:
				end = i
				break scan
			}
		}
	}
	f.steps += i - from
	if f.memo == nil {
		f.memo = make(map[int]int)
	}
	f.memo[from<<2|scanNormal] = end
	for _, k := range passed {
		f.memo[k] = end
	}
	return end
}
