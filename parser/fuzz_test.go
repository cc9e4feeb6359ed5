package parser

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// FuzzParse checks that tag content never panics the parser, that errors
// point inside the content, and that parsing is deterministic.
func FuzzParse(f *testing.F) {
	for _, s := range seedContents(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, content string) {
		a := Parse(content)
		if a.Kind == Invalid {
			if a.Err == nil {
				t.Fatalf("Parse(%q): invalid without an error", content)
			}
			if a.Err.Offset < 0 || a.Err.Offset > len(content) {
				t.Fatalf("Parse(%q): error offset %d outside [0,%d]", content, a.Err.Offset, len(content))
			}
			_ = a.Err.Error()
		}
		for _, at := range a.Attrs {
			if at.Offset < 0 || at.Offset > len(content) {
				t.Fatalf("Parse(%q): attribute %s at %d outside the content", content, at.Name, at.Offset)
			}
		}
		if b := Parse(content); show(a) != show(b) {
			t.Fatalf("Parse(%q) is not deterministic: %s then %s", content, show(a), show(b))
		}
	})
}

// FuzzFindEnd checks the delimiter scan stays in bounds and finds a real
// closing delimiter.
func FuzzFindEnd(f *testing.F) {
	for _, s := range seedContents(f) {
		f.Add("{%" + s + "%}")
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, d := range []Delims{Braces, Angles} {
			i := FindEnd([]byte(src), 0, d.Close)
			if i < -1 || i > len(src)-2 {
				t.Fatalf("FindEnd(%q) = %d out of range", src, i)
			}
			if i >= 0 && src[i:i+2] != d.Close {
				t.Fatalf("FindEnd(%q) = %d, not at %q", src, i, d.Close)
			}
		}
	})
}

var tagContent = regexp.MustCompile(`(?s)\{%(.*?)%\}`)

// seedContents returns the table-test inputs and the tag contents of every
// conformance case, so the fuzzer starts from the grammar's real corners.
func seedContents(f *testing.F) []string {
	var out []string
	for _, tt := range parseTests {
		out = append(out, tt.in)
	}
	files, _ := filepath.Glob("../internal/markdocjson/testdata/conformance/*/*.md")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, m := range tagContent.FindAllSubmatch(data, -1) {
			out = append(out, string(m[1]))
		}
	}
	return out
}

// FuzzFinder checks that the memoizing Finder answers as FindEnd does, in
// any order of queries.
func FuzzFinder(f *testing.F) {
	f.Add(`{% " {% " {% " {% %}`, true)
	f.Add(`{% a %}{% "\" %}" %}`, false)
	f.Fuzz(func(t *testing.T, src string, backwards bool) {
		var starts []int
		for i := 0; i+1 < len(src); i++ {
			if src[i] == '{' && src[i+1] == '%' {
				starts = append(starts, i+2)
			}
		}
		if backwards {
			for i, j := 0, len(starts)-1; i < j; i, j = i+1, j-1 {
				starts[i], starts[j] = starts[j], starts[i]
			}
		}
		fd := NewFinder([]byte(src), Braces)
		for _, s := range starts {
			if got, want := fd.End(s), FindEnd([]byte(src), s, "%}"); got != want {
				t.Fatalf("%q from %d: Finder %d, FindEnd %d", src, s, got, want)
			}
		}
	})
}
