package limits

import (
	"bytes"
	"fmt"
)

// Limit identifiers name each limit in a Violation, in messages and in
// configuration. They are stable: tests and config files refer to them.
const (
	LimitBytes       = "max-bytes"
	LimitDepth       = "max-depth"
	LimitNestedLines = "max-nested-lines"
	LimitInlineWork  = "max-inline-work"
)

// The defaults are sized for real documentation with a wide margin, and
// small enough that the worst page they accept stays cheap to parse. The
// numbers behind them were measured on goldmark v1.8.7 (see the tests).
const (
	// DefaultMaxBytes is 4 MiB. The largest hand-written Markdown pages in
	// big projects (long changelogs, generated API references) are around
	// 1-2 MB. goldmark's worst linear inputs (runs of '[' or "*a") cost about
	// 0.8 s, 500 MB allocated and 180 MB of live AST per MiB, so 4 MiB keeps
	// an accepted page to a few seconds and under 1 GB live even when it is
	// hostile; 8 MiB would double that.
	DefaultMaxBytes = 4 << 20

	// DefaultMaxDepth is 32 levels. Real documentation nests lists and
	// blockquotes about 6 deep and link brackets 2 deep (a badge image inside
	// a link); the CommonMark spec's own examples stay under 10. goldmark's
	// per-line cost grows with the depth, so there is no reason to allow
	// hundreds of levels.
	DefaultMaxDepth = 32

	// DefaultMaxNestedLines is 2^20 line-levels. goldmark keeps a record per
	// open container per line (even blank lines inside a list), about 260
	// bytes of allocation each: at the limit, 32 nested lists followed by
	// 32,768 blank lines cost goldmark 270 MB of short-lived garbage and
	// 0.8 s. The list-heavy 4 MiB test page uses about 206,000.
	DefaultMaxNestedLines = 1 << 20

	// DefaultMaxInlineWork is 2^29 steps, where a step is roughly a
	// nanosecond of goldmark's time. The worst accepted input of each
	// hostile shape parses in 0.1-0.7 s; the 4 MiB test page of headings,
	// paragraphs, links, emphasis, lists, tables and fences uses about 3.6
	// million steps, under 1% of it.
	DefaultMaxInlineWork = 1 << 29
)

// Step costs for the inline estimate, roughly in nanoseconds of goldmark
// time per unit, measured on goldmark v1.8.7 (see TestInlineCostCalibration).
const (
	// costEmphasis is charged per delimiter a closing emphasis run may walk
	// past: goldmark's delimiter matching has no "openers bottom", so a
	// closer that finds no opener walks the whole delimiter list.
	costEmphasis = 10
	// costDestination is charged per byte an unfinished link destination
	// scan reads: "[a](" starts a scan that runs to the next space (or to the
	// next '>' for "<" destinations), and each one restarts from scratch.
	costDestination = 4
	// costLabelLine is charged per paragraph line a closed link label makes
	// goldmark walk: it looks the label text up through a reader that scans
	// the paragraph's lines from the last one back.
	costLabelLine = 3
	// costSibling is charged per inline node a link walks when it closes
	// around an emphasis delimiter: goldmark then walks the paragraph's
	// inline nodes back from that delimiter to the one before the link (or
	// to the start), a pointer chase that costs about 20 ns a node.
	costSibling = 20
)

// Limits bounds what a Markdown source may contain before it is parsed.
// A zero field means "use the default"; to switch a limit off, set it to a
// huge value such as math.MaxInt. Negative fields are invalid (see Validate).
type Limits struct {
	// MaxBytes is the largest accepted source, in bytes.
	MaxBytes int
	// MaxDepth is the deepest accepted nesting of lists and blockquotes on
	// one line, and of link brackets ('[' and "![") in one paragraph.
	MaxDepth int
	// MaxNestedLines bounds the sum, over all lines, of how many lists and
	// blockquotes enclose each line (blank lines inside a list count too).
	MaxNestedLines int
	// MaxInlineWork bounds the estimated superlinear work of inline parsing:
	// emphasis delimiters that walk past other delimiters, link destinations
	// that scan to the end of a line, link labels looked up in long
	// paragraphs. The unit is roughly a nanosecond of goldmark's time.
	MaxInlineWork int
}

// Default returns the limits docgen uses when the configuration sets none.
func Default() Limits {
	return Limits{
		MaxBytes:       DefaultMaxBytes,
		MaxDepth:       DefaultMaxDepth,
		MaxNestedLines: DefaultMaxNestedLines,
		MaxInlineWork:  DefaultMaxInlineWork,
	}
}

// Validate reports the first negative field by name. Zero is valid and
// means the default.
func (l Limits) Validate() error {
	for _, f := range []struct {
		name  string
		value int
	}{
		{"MaxBytes", l.MaxBytes},
		{"MaxDepth", l.MaxDepth},
		{"MaxNestedLines", l.MaxNestedLines},
		{"MaxInlineWork", l.MaxInlineWork},
	} {
		if f.value < 0 {
			return fmt.Errorf("limits: %s is %d; it must be positive, or zero for the default", f.name, f.value)
		}
	}
	return nil
}

// withDefaults replaces each zero field by its default. Check calls it so a
// zero Limits value works; negative fields, which Validate rejects, are
// treated the same way rather than disabling the guard.
func (l Limits) withDefaults() Limits {
	d := Default()
	if l.MaxBytes <= 0 {
		l.MaxBytes = d.MaxBytes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = d.MaxDepth
	}
	if l.MaxNestedLines <= 0 {
		l.MaxNestedLines = d.MaxNestedLines
	}
	if l.MaxInlineWork <= 0 {
		l.MaxInlineWork = d.MaxInlineWork
	}
	return l
}

// Violation reports the first limit a source crosses.
type Violation struct {
	// Offset is the byte offset into the source where the limit is crossed:
	// MaxBytes for max-bytes, the marker or bracket one level too deep for
	// max-depth, the start of the line for max-nested-lines, and the byte
	// whose parsing pushes the estimate over for max-inline-work.
	Offset int
	// Limit is one of the Limit* identifiers.
	Limit string
	// Message says what was found, without position or limit id.
	Message string
}

// Error returns the message followed by the limit id, for example
// "list and blockquote nesting deeper than 32 levels (limit max-depth)".
func (v *Violation) Error() string {
	return v.Message + " (limit " + v.Limit + ")"
}

// Check scans src once and returns the first limit it crosses, or nil when
// the source is safe to hand to goldmark. Zero fields of lim take their
// defaults. Check does not allocate unless it reports a violation, and its
// running time is linear in len(src).
func Check(src []byte, lim Limits) *Violation {
	lim = lim.withDefaults()
	if len(src) > lim.MaxBytes {
		return &Violation{
			Offset:  lim.MaxBytes,
			Limit:   LimitBytes,
			Message: fmt.Sprintf("file is larger than %d bytes", lim.MaxBytes),
		}
	}
	s := newScanner(src, lim)
	return s.run()
}

// newScanner prepares a scan of src under lim, whose fields must be set.
func newScanner(src []byte, lim Limits) scanner {
	return scanner{
		src:       src,
		maxDepth:  lim.MaxDepth,
		maxNested: int64(lim.MaxNestedLines),
		maxWork:   int64(lim.MaxInlineWork),
		prevBlank: true,
	}
}

// run scans every line and returns the first violation.
func (s *scanner) run() *Violation {
	src := s.src
	for start := 0; start < len(src); {
		end := len(src)
		next := end
		if n := bytes.IndexByte(src[start:], '\n'); n >= 0 {
			end = start + n
			next = end + 1
		}
		if v := s.line(start, end); v != nil {
			return v
		}
		start = next
	}
	return nil
}

// Kinds of inline work, used only to word the message.
const (
	workEmphasis = iota
	workDestination
	workLabel
	workSibling
)

// scanner holds the state of one Check. Block state is an upper bound of
// what goldmark has open; inline state is kept per paragraph, where a
// paragraph ends at a blank line or at a line that certainly interrupts one.
type scanner struct {
	src       []byte
	maxDepth  int
	maxNested int64
	maxWork   int64

	// open bounds the lists and blockquotes still open after the previous
	// line. prevBlank records a blank previous line: after one no paragraph
	// is open, so the next line cannot be a lazy continuation that keeps
	// deeper containers open.
	open      int
	prevBlank bool
	nested    int64

	runs     int64 // emphasis delimiter runs so far in the paragraph
	closes   int64 // ']' that closed an open '[' so far in the paragraph
	brackets int   // '[' still open in the paragraph
	nodes    int64 // upper bound of the inline nodes so far in the paragraph
	mark     int64 // runs when the innermost open '[' was seen...
	markOK   bool  // ...if known; closing a bracket forgets the outer one's
	arm      int64 // "](" whose destination has not started (spaces skipped)
	dest     int64 // destination scans running; they stop at whitespace
	angle    int64 // "<" destination scans running; they stop at '>'
	paren    bool  // the newest destination scan has seen '(' (or is unknown)
	work     int64
}

// line scans one line, src[start:end] without its '\n'.
//
// The container prefix is
//
//	prefix = { ' ' | '\t' | '>' [' '] | bullet | ordered }
//	bullet = ( '-' | '+' | '*' ) ( ' ' | '\t' | EOL )      not a thematic break
//	ordered = digit{1,9} ( '.' | ')' ) ( ' ' | '\t' | EOL )
//
// and the line's nesting is bounded by
//
//	depth = blockquote markers + list markers + min(indent/2, open)
//
// Every blockquote on the line needs its own '>', every new list item its
// own marker, and every list item continued from an earlier line at least two
// columns of indentation (marker plus one space), but indentation can only
// continue containers that earlier lines opened. That is why indentation
// inside fenced or indented code cannot raise the count past the nesting the
// code sits in, while "- - - x" and "> > > x" count every marker.
func (s *scanner) line(start, end int) *Violation {
	src := s.src
	tbStart, tbChar, tbCount := thematicSuffix(src, start, end)
	col, indent := 0, 0 // indent counts columns before the first list marker
	quotes, items := 0, 0
	firstItem := -1 // column of the first list marker
	firstCanInterrupt := false
	tbPassed := 0
	i := start
prefix:
	for i < end {
		tok := i
		switch c := src[i]; {
		case c == ' ' || c == '\t':
			w := 1
			if c == '\t' {
				w = 4 - col%4 // tabs advance to the next multiple of 4
			}
			col += w
			if items == 0 {
				indent += w
			}
			i++
		case c == '>':
			quotes++
			col++
			i++
			if i < end && src[i] == ' ' {
				col++
				i++
			}
		case c == '-' || c == '+' || c == '*':
			if !markerEnds(src, i+1, end) {
				break prefix
			}
			if c == tbChar && i >= tbStart {
				if tbCount-tbPassed >= 3 {
					break prefix // "- - -" from here on is a thematic break, not lists
				}
				tbPassed++
			}
			if items == 0 {
				firstItem, firstCanInterrupt = col, true
			}
			items++
			col++
			i++
			if i < end && src[i] == ' ' {
				col++
				i++
			}
		case '0' <= c && c <= '9':
			j := i
			for j < end && j-i < 10 && '0' <= src[j] && src[j] <= '9' {
				j++
			}
			if j-i > 9 || j == end || (src[j] != '.' && src[j] != ')') || !markerEnds(src, j+1, end) {
				break prefix
			}
			if items == 0 {
				// Only a list starting at 1 may interrupt a paragraph.
				firstItem, firstCanInterrupt = col, j-i == 1 && c == '1'
			}
			items++
			col += j + 1 - i
			i = j + 1
			if i < end && src[i] == ' ' {
				col++
				i++
			}
		default:
			break prefix
		}
		if quotes+items+min(indent/2, s.open) > s.maxDepth {
			return &Violation{
				Offset:  tok,
				Limit:   LimitDepth,
				Message: fmt.Sprintf("list and blockquote nesting deeper than %d levels", s.maxDepth),
			}
		}
	}
	depth := quotes + items + min(indent/2, s.open)

	if quotes == 0 && items == 0 && isSpace(src[i:end]) {
		// A blank line keeps every open list open: goldmark still visits each
		// of them, so it costs the current nesting.
		s.nested += int64(s.open)
		if v := s.checkNested(start); v != nil {
			return v
		}
		s.endParagraph()
		s.prevBlank = true
		return nil
	}

	s.nested += int64(depth)
	if v := s.checkNested(start); v != nil {
		return v
	}
	if s.prevBlank {
		s.open = depth
	} else {
		// The line may be a lazy paragraph continuation, which keeps every
		// container of the previous line open.
		s.open = max(s.open, depth)
	}
	s.prevBlank = false

	// A list item with content, or an ATX heading, indented at most three
	// columns and outside any blockquote, always ends the paragraph before
	// it: it can neither continue a list item (that needs two columns) nor be
	// a lazy continuation (it starts a block). Anything less certain keeps
	// the paragraph going, which only overestimates.
	heading := quotes == 0 && items == 0 && indent <= 3 && isATXHeading(src[i:end])
	if quotes == 0 && items > 0 && firstItem <= 3 && firstCanInterrupt && !isSpace(src[i:end]) || heading {
		s.endParagraph()
	}
	if v := s.inline(i, end); v != nil {
		return v
	}
	s.dest, s.angle = 0, 0 // destinations never span lines
	if heading {
		s.endParagraph()
	}
	return nil
}

// inline scans the content of one paragraph line, src[i:end].
func (s *scanner) inline(i, end int) *Violation {
	src := s.src
	// goldmark looks up every closed label through the paragraph's lines,
	// from the last back to the label, so each earlier label walks this line.
	if v := s.spend(i, costLabelLine*s.closes, workLabel); v != nil {
		return v
	}
	s.nodes++ // each line adds at least one text node
	for i < end {
		c := src[i]
		if s.arm|s.dest|s.angle == 0 && !special(c) {
			i++ // the common case: a byte no inline rule cares about
			continue
		}
		if s.arm != 0 && c != ' ' && c != '\t' && c != '\r' {
			// The armed destinations start here, after the skipped spaces.
			switch c {
			case '<':
				s.angle += s.arm
			case ')':
				// "[a]()" has an empty destination and scans nothing.
			default:
				s.dest += s.arm
				s.paren = false
			}
			s.arm = 0
		}
		if p := s.dest + s.angle; p != 0 {
			if v := s.spend(i, costDestination*p, workDestination); v != nil {
				return v
			}
		}
		switch c {
		case '\\':
			s.nodes++
			if i+1 < end && isPunct(src[i+1]) {
				i++ // the escaped byte is literal, but running scans read it
				if p := s.dest + s.angle; p != 0 {
					if v := s.spend(i, costDestination*p, workDestination); v != nil {
						return v
					}
				}
			}
		case ' ', '\t', '\r':
			s.dest = 0
		case '>':
			s.angle = 0
		case '(':
			if s.dest != 0 {
				s.paren = true
			}
		case ')':
			if s.dest != 0 && !s.paren {
				// Closes the newest destination; the balance of older ones
				// is not tracked, so they keep running until whitespace.
				s.dest--
				s.paren = true
			}
		case '`', '<':
			// Code spans, autolinks and raw HTML are nodes of their own,
			// and split the text around them.
			s.nodes += 2
		case '[':
			s.nodes += 2
			s.mark, s.markOK = s.runs, true
			s.brackets++
			if s.brackets > s.maxDepth {
				return &Violation{
					Offset:  i,
					Limit:   LimitDepth,
					Message: fmt.Sprintf("link brackets nested deeper than %d levels", s.maxDepth),
				}
			}
		case ']':
			if s.brackets == 0 {
				break // goldmark ignores a ']' with no opener
			}
			s.brackets--
			s.closes++
			s.nodes += 2
			if v := s.spend(i, costLabelLine, workLabel); v != nil {
				return v
			}
			if !s.markOK || s.runs > s.mark {
				// A delimiter inside the label: closing the link walks the
				// paragraph's inline nodes.
				if v := s.spend(i, costSibling*s.nodes, workSibling); v != nil {
					return v
				}
			}
			s.markOK = false
			if i+1 < end && src[i+1] == '(' {
				i++
				s.arm++
				if s.dest != 0 {
					s.paren = true
				}
			}
		case '*', '_', '~':
			j := i + 1
			for j < end && src[j] == c {
				j++
			}
			if s.mayClose(i, j, end) {
				if v := s.spend(i, costEmphasis*s.runs, workEmphasis); v != nil {
					return v
				}
			}
			s.runs++
			s.nodes += 2
			if p := s.dest + s.angle; p != 0 && j-i > 1 {
				if v := s.spend(j-1, costDestination*p*int64(j-i-1), workDestination); v != nil {
					return v
				}
			}
			i = j
			continue
		}
		i++
	}
	return nil
}

// mayClose reports whether the delimiter run src[i:j] might close emphasis.
// It answers false only when goldmark certainly says no: the run follows
// whitespace (so it is not right-flanking), or it is '_' between two ASCII
// letters or digits (intraword underscores never close).
func (s *scanner) mayClose(i, j, end int) bool {
	if i == 0 {
		return false
	}
	before := s.src[i-1]
	switch before {
	case ' ', '\t', '\n', '\r':
		return false
	}
	if s.src[i] == '_' && isAlnum(before) && j < end && isAlnum(s.src[j]) {
		return false
	}
	return true
}

// spend adds amount to the inline work estimate and reports a violation at
// off when the estimate goes over the limit (or overflows).
func (s *scanner) spend(off int, amount int64, kind int) *Violation {
	s.work += amount
	if s.work <= s.maxWork && s.work >= 0 {
		return nil
	}
	var what string
	switch kind {
	case workEmphasis:
		what = "emphasis delimiters in one paragraph would take more than %d steps to match"
	case workDestination:
		what = "unfinished link destinations would take more than %d steps to scan"
	case workSibling:
		what = "links around emphasis delimiters in one paragraph would take more than %d steps to close"
	default:
		what = "link labels in long paragraphs would take more than %d steps to look up"
	}
	return &Violation{Offset: off, Limit: LimitInlineWork, Message: fmt.Sprintf(what, s.maxWork)}
}

// checkNested reports a violation at the line start off when the running sum
// of per-line nesting goes over the limit.
func (s *scanner) checkNested(off int) *Violation {
	if s.nested <= s.maxNested {
		return nil
	}
	return &Violation{
		Offset:  off,
		Limit:   LimitNestedLines,
		Message: fmt.Sprintf("list and blockquote nesting summed over all lines exceeds %d", s.maxNested),
	}
}

// endParagraph forgets the inline state: goldmark parses inlines one block
// at a time, so nothing carries over.
func (s *scanner) endParagraph() {
	s.runs, s.closes, s.brackets = 0, 0, 0
	s.nodes, s.mark, s.markOK = 0, 0, false
	s.arm, s.dest, s.angle = 0, 0, 0
}

// thematicSuffix finds the longest suffix of src[start:end] made of one of
// '-', '*' or '_' mixed with spaces and tabs, ending in that character. It
// returns where the suffix starts, the character and how often it occurs
// there, or a start past end when the line does not end that way. A list
// marker inside the suffix with three or more of the character from it on
// begins a thematic break ("- - -"), not a list.
func thematicSuffix(src []byte, start, end int) (int, byte, int) {
	j := end
	for j > start && (src[j-1] == ' ' || src[j-1] == '\t' || src[j-1] == '\r') {
		j--
	}
	if j == start {
		return end + 1, 0, 0
	}
	c := src[j-1]
	if c != '-' && c != '*' && c != '_' {
		return end + 1, 0, 0
	}
	n := 0
	for j > start && (src[j-1] == c || src[j-1] == ' ' || src[j-1] == '\t') {
		j--
		if src[j] == c {
			n++
		}
	}
	return j, c, n
}

// markerEnds reports whether a list marker ending before src[k] is followed
// by a space, a tab or the end of the line, as CommonMark requires.
func markerEnds(src []byte, k, end int) bool {
	return k >= end || src[k] == ' ' || src[k] == '\t' || src[k] == '\r'
}

// isATXHeading reports whether b starts with 1-6 '#' followed by a space,
// a tab or the end of the line.
func isATXHeading(b []byte) bool {
	n := 0
	for n < len(b) && b[n] == '#' {
		n++
	}
	return n >= 1 && n <= 6 && markerEnds(b, n, len(b))
}

// isSpace reports whether b holds only spaces, tabs and carriage returns.
func isSpace(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// special reports the bytes inline reads when no destination scan runs.
// Whitespace matters only to running scans, so it is not special.
func special(c byte) bool {
	switch c {
	case '\\', '[', ']', '*', '_', '~', '`', '<':
		return true
	}
	return false
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// isPunct reports ASCII punctuation, the bytes a backslash can escape.
func isPunct(c byte) bool {
	return '!' <= c && c <= '/' || ':' <= c && c <= '@' || '[' <= c && c <= '`' || '{' <= c && c <= '~'
}
