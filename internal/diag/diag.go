// Package diag holds content diagnostics: problems found in a site's files,
// positioned by byte offset and printed as path:line:col only when reported.
//
// It is a leaf package: it imports only the standard library, so every stage
// of the pipeline (parser, shortcodes, markdown, site, cmd) can record
// diagnostics without importing each other.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Level is a diagnostic's severity, named as Markdoc names them.
type Level int

// The levels, least severe first, so that comparisons read naturally. The
// zero Level is no level, so a schema can leave a level unset.
const (
	Debug Level = iota + 1
	Info
	Warning
	Error
	Critical
)

var levelNames = [...]string{"", "debug", "info", "warning", "error", "critical"}

// String returns Markdoc's name for the level ("critical", "warning", ...).
func (l Level) String() string {
	if l <= 0 || int(l) >= len(levelNames) {
		return fmt.Sprintf("level(%d)", int(l))
	}
	return levelNames[l]
}

// Severity returns the word printed in the path:line:col: severity: line.
// Editors and CI problem matchers know error, warning and note; Markdoc's
// critical is an error that stopped a tag from parsing, so it prints as error.
func (l Level) Severity() string {
	switch {
	case l >= Error:
		return "error"
	case l == Warning:
		return "warning"
	default:
		return "note"
	}
}

// ParseLevel reads a Markdoc level name.
func ParseLevel(s string) (Level, bool) {
	for i, n := range levelNames {
		if n == s && n != "" {
			return Level(i), true
		}
	}
	return 0, false
}

// File is a source file that diagnostics point into. It turns byte offsets
// into 1-based line and byte column lazily, on the first report.
type File struct {
	Path string
	Src  []byte

	lineStarts []int
}

// NewFile returns a File for src at path (a repo- or site-relative path, as it
// should be printed).
func NewFile(path string, src []byte) *File {
	return &File{Path: path, Src: src}
}

// Position returns the 1-based line and 1-based byte column of offset.
// Offsets past the end are clamped, so a diagnostic at EOF still prints.
func (f *File) Position(offset int) (line, col int) {
	if f.lineStarts == nil {
		f.lineStarts = append(f.lineStarts, 0)
		for i, c := range f.Src {
			if c == '\n' {
				f.lineStarts = append(f.lineStarts, i+1)
			}
		}
	}
	if offset < 0 {
		offset = 0
	}
	if offset > len(f.Src) {
		offset = len(f.Src)
	}
	i := sort.Search(len(f.lineStarts), func(i int) bool { return f.lineStarts[i] > offset }) - 1
	return i + 1, offset - f.lineStarts[i] + 1
}

// Diagnostic is one problem in one file.
type Diagnostic struct {
	File   *File
	Offset int    // byte offset into File.Src
	Level  Level  //
	ID     string // Markdoc's error id (parse-error, missing-closing, ...) or docgen's own
	Msg    string
	Hint   string // optional: "did you mean ...", candidates tried

	// Via is the chain of includes through which File was reached, outermost
	// first: a diagnostic inside a partial prints the including page's
	// position before its own.
	Via []Site

	// Subject is the syntax node the diagnostic is about, for callers that
	// need more than a position (the Markdoc JSON dump names the node type).
	Subject any
}

// Site is a position a diagnostic was reached through, such as the partial
// tag that included the file it is in.
type Site struct {
	File   *File
	Offset int
	What   string // e.g. `in partial "/v1.9/x.md"`
}

// Position returns the diagnostic's 1-based line and byte column.
func (d *Diagnostic) Position() (line, col int) {
	if d.File == nil {
		return 0, 0
	}
	return d.File.Position(d.Offset)
}

// String formats the diagnostic as path:line:col: severity: message [id],
// nested through includes, with the hint on its own indented line.
func (d *Diagnostic) String() string {
	var b strings.Builder
	for _, s := range d.Via {
		line, col := s.File.Position(s.Offset)
		fmt.Fprintf(&b, "%s:%d:%d: %s: ", s.File.Path, line, col, s.What)
	}
	if d.File != nil {
		line, col := d.Position()
		fmt.Fprintf(&b, "%s:%d:%d: ", d.File.Path, line, col)
	}
	fmt.Fprintf(&b, "%s: %s", d.Level.Severity(), d.Msg)
	if d.ID != "" {
		fmt.Fprintf(&b, " [%s]", d.ID)
	}
	if d.Hint != "" {
		b.WriteString("\n\t")
		b.WriteString(strings.ReplaceAll(d.Hint, "\n", "\n\t"))
	}
	return b.String()
}

// Error makes a Diagnostic usable as an error.
func (d *Diagnostic) Error() string { return d.String() }

// List is a list of diagnostics. Like go/scanner.ErrorList it sorts by
// position and its Err is nil when it is empty.
type List []*Diagnostic

// Add appends a diagnostic.
func (l *List) Add(d *Diagnostic) { *l = append(*l, d) }

// Len, Less and Swap sort by path, offset, then id, then message.
func (l List) Len() int           { return len(l) }
func (l List) Swap(i, j int)      { l[i], l[j] = l[j], l[i] }
func (l List) Less(i, j int) bool { return compare(l[i], l[j]) < 0 }

// Compare orders two diagnostics as Sort does: negative when a comes
// first, zero when neither does.
func Compare(a, b *Diagnostic) int { return compare(a, b) }

func compare(a, b *Diagnostic) int {
	if c := strings.Compare(a.outerPath(), b.outerPath()); c != 0 {
		return c
	}
	if c := cmp.Compare(a.outerOffset(), b.outerOffset()); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Offset, b.Offset); c != 0 {
		return c
	}
	if c := strings.Compare(a.ID, b.ID); c != 0 {
		return c
	}
	return strings.Compare(a.Msg, b.Msg)
}

func (d *Diagnostic) outerPath() string {
	if len(d.Via) > 0 {
		return d.Via[0].File.Path
	}
	if d.File == nil {
		return ""
	}
	return d.File.Path
}

func (d *Diagnostic) outerOffset() int {
	if len(d.Via) > 0 {
		return d.Via[0].Offset
	}
	return d.Offset
}

// Sort sorts the list in place, stably, by position.
func (l List) Sort() { slices.SortStableFunc(l, compare) }

// Count returns how many diagnostics are at or above level.
func (l List) Count(level Level) int {
	n := 0
	for _, d := range l {
		if d.Level >= level {
			n++
		}
	}
	return n
}

// Error prints every diagnostic, one per line.
func (l List) Error() string {
	var b strings.Builder
	for i, d := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// Err returns the list as an error if it holds any error-level diagnostic,
// and nil otherwise.
func (l List) Err() error {
	if l.Count(Error) == 0 {
		return nil
	}
	return l
}
