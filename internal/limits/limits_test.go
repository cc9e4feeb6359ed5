package limits

import (
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
)

// checkCases are the table for TestCheck and the seeds for FuzzCheck.
var checkCases = []struct {
	name string
	src  string
	lim  Limits
	want *Violation // only Offset and Limit are compared
}{
	// Accepted.
	{name: "empty", src: ""},
	{name: "plain page", src: "# Title\n\nSome *emphasis*, `code` and a [link](https://example.com \"t\").\n"},
	{name: "nested list two spaces", src: nestedList(6, 2, "- ")},
	{name: "nested list four spaces", src: nestedList(8, 4, "1. ")},
	{name: "nested list tabs", src: tabbedList(8)},
	{name: "list and quote mix", src: "> - a\n>   - b\n>     > c\n>     > - d\n>     >   text\n"},
	{
		name: "fence deep inside list items",
		src: "- item\n  - sub\n    - subsub\n\n      ```go\n      func f() {\n" +
			strings.Repeat(" ", 200) + "return\n      }\n      ```\n",
	},
	{name: "deeply indented code block", src: "text\n\n" + strings.Repeat("    "+strings.Repeat(" ", 120)+"x\n", 50)},
	{name: "indented lines after a list", src: "- a\n- b\n\n" + strings.Repeat(strings.Repeat(" ", 100)+"x\n", 20)},
	{name: "long thematic break", src: strings.Repeat("- ", 200) + "\n" + strings.Repeat("* ", 200) + "\n"},
	{name: "list item holding a thematic break", src: "- " + strings.Repeat("* ", 50) + "\n"},
	{name: "quotes at the limit", src: strings.Repeat(">", 32) + " x\n"},
	{name: "markers at the limit", src: strings.Repeat("- ", 32) + "x\n"},
	{name: "brackets at the limit", src: strings.Repeat("[", 32) + "x" + strings.Repeat("]", 32)},
	{name: "many balanced brackets", src: strings.Repeat("[a] [b](c) ![d](e) ", 2000)},
	{name: "crlf nested list", src: strings.ReplaceAll(nestedList(10, 2, "* "), "\n", "\r\n")},
	{name: "snake case words", src: strings.Repeat("call some_function_name with an_argument and *one* more_thing ", 500)},
	{name: "badges", src: strings.Repeat("[![b](https://img.example/b.svg)](https://example.com)", 300) + "\n"},
	{name: "realistic page", src: string(page(200 << 10))},

	// Refused.
	{
		name: "too large",
		src:  "0123456789a",
		lim:  Limits{MaxBytes: 10},
		want: &Violation{Offset: 10, Limit: LimitBytes},
	},
	{
		name: "nested bullets",
		src:  strings.Repeat("- ", 3000) + "x" + strings.Repeat("\n", 3000),
		want: &Violation{Offset: 64, Limit: LimitDepth},
	},
	{name: "tight quotes", src: strings.Repeat(">", 33) + "x", want: &Violation{Offset: 32, Limit: LimitDepth}},
	{name: "spaced quotes", src: strings.Repeat("> ", 33) + "x", want: &Violation{Offset: 64, Limit: LimitDepth}},
	{name: "ordered markers", src: strings.Repeat("1. ", 33) + "x", want: &Violation{Offset: 96, Limit: LimitDepth}},
	{name: "lists in quotes", src: strings.Repeat("- > ", 17) + "x", want: &Violation{Offset: 64, Limit: LimitDepth}},
	{
		// Line k is 2k spaces and "- a"; line 32 starts at 32*32+3*32 and
		// its marker, 64 columns in, opens level 33.
		name: "indented list",
		src:  nestedList(40, 2, "- "),
		want: &Violation{Offset: 1120 + 64, Limit: LimitDepth},
	},
	{
		// Line k is k tabs and "- a"; line 32 starts at 32*31/2+4*32.
		name: "tabbed list",
		src:  tabbedList(40),
		want: &Violation{Offset: 624 + 32, Limit: LimitDepth},
	},
	{name: "nested brackets", src: strings.Repeat("[", 10000), want: &Violation{Offset: 32, Limit: LimitDepth}},
	{name: "nested images", src: strings.Repeat("![", 40), want: &Violation{Offset: 65, Limit: LimitDepth}},
	{
		// "- - x\n" is 2 levels, then each blank line costs the 2 open
		// levels; the 50th blank line, at byte 6+49, makes 102.
		name: "blank lines in a list",
		src:  "- - x\n" + strings.Repeat("\n", 60),
		lim:  Limits{MaxNestedLines: 100},
		want: &Violation{Offset: 55, Limit: LimitNestedLines},
	},
	{
		name: "blank lines in a deep list",
		src:  strings.Repeat("- ", 32) + "x" + strings.Repeat("\n", 40000),
		want: &Violation{Offset: 66 + 32767, Limit: LimitNestedLines},
	},
	{
		// The k-th "_" closer walks k runs at 10 steps each; the 15th, at
		// byte 3*14+1, takes the total to 1050.
		name: "unmatched emphasis",
		src:  strings.Repeat("a_ ", 100),
		lim:  Limits{MaxInlineWork: 1000},
		want: &Violation{Offset: 43, Limit: LimitInlineWork},
	},
	{
		// The label costs 3, then the destination scan 4 a byte from
		// byte 4 on: byte 253 takes the total to 3+4*250.
		name: "unclosed destination",
		src:  "[a](" + strings.Repeat("b", 300),
		lim:  Limits{MaxInlineWork: 1000},
		want: &Violation{Offset: 253, Limit: LimitInlineWork},
	},
	{
		// Each of 25 earlier labels walks line 25, which starts at 100.
		name: "labels in a long paragraph",
		src:  strings.Repeat("[a]\n", 30),
		lim:  Limits{MaxInlineWork: 1000},
		want: &Violation{Offset: 100, Limit: LimitInlineWork},
	},
	{
		// Each "[a_b](c)" closes around a delimiter and is charged 20 a
		// node: 1+2+2+2+2 nodes for the first, 11 more for each next.
		name: "links around delimiters",
		src:  strings.Repeat("[a_b](c) ", 20),
		lim:  Limits{MaxInlineWork: 2000},
		want: &Violation{Offset: -1, Limit: LimitInlineWork},
	},
	{name: "plain links stay linear", src: strings.Repeat("[a](b) ", 20000)},
	{name: "default inline budget", src: rep("*a_ ", 40000), want: &Violation{Limit: LimitInlineWork, Offset: -1}},
}

func TestCheck(t *testing.T) {
	for _, tc := range checkCases {
		t.Run(tc.name, func(t *testing.T) {
			got := Check([]byte(tc.src), tc.lim)
			switch {
			case tc.want == nil && got != nil:
				t.Fatalf("Check refused: offset %d: %v", got.Offset, got)
			case tc.want != nil && got == nil:
				t.Fatalf("Check accepted, want %s at %d", tc.want.Limit, tc.want.Offset)
			case tc.want != nil:
				if got.Limit != tc.want.Limit || (tc.want.Offset >= 0 && got.Offset != tc.want.Offset) {
					t.Fatalf("got %s at %d (%v), want %s at %d", got.Limit, got.Offset, got, tc.want.Limit, tc.want.Offset)
				}
				if !strings.HasSuffix(got.Error(), "(limit "+got.Limit+")") {
					t.Errorf("Error() = %q, want it to end with the limit id", got.Error())
				}
			}
		})
	}
}

func TestViolationMessages(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		{strings.Repeat("- ", 49) + "x", "list and blockquote nesting deeper than 48 levels (limit max-depth)"},
		{strings.Repeat("[", 49), "link brackets nested deeper than 48 levels (limit max-depth)"},
		{strings.Repeat("x", 5000), "file is larger than 4096 bytes (limit max-bytes)"},
	}
	for _, tc := range tests {
		got := Check([]byte(tc.src), Limits{MaxBytes: 4096, MaxDepth: 48})
		if got == nil || got.Error() != tc.want {
			t.Errorf("Check(%.20q...) = %v, want %q", tc.src, got, tc.want)
		}
	}
}

func TestDefaultsAndValidate(t *testing.T) {
	if err := Default().Validate(); err != nil {
		t.Fatalf("Default().Validate() = %v", err)
	}
	if err := (Limits{}).Validate(); err != nil {
		t.Fatalf("zero Limits should be valid (zero means default): %v", err)
	}
	if got := (Limits{}).withDefaults(); got != Default() {
		t.Fatalf("zero Limits resolve to %+v, want %+v", got, Default())
	}
	tests := []struct {
		lim  Limits
		want string
	}{
		{Limits{MaxBytes: -1}, "MaxBytes"},
		{Limits{MaxDepth: -5}, "MaxDepth"},
		{Limits{MaxNestedLines: -1}, "MaxNestedLines"},
		{Limits{MaxInlineWork: -1}, "MaxInlineWork"},
	}
	for _, tc := range tests {
		err := tc.lim.Validate()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Validate(%+v) = %v, want an error naming %s", tc.lim, err, tc.want)
		}
	}
	// A negative field must not switch the guard off in Check.
	if Check([]byte(strings.Repeat("- ", 100)+"x"), Limits{MaxDepth: -1}) == nil {
		t.Errorf("Check with MaxDepth -1 accepted 100 nested markers")
	}
}

// TestRealisticPagesPass makes sure a large page of ordinary documentation
// is far from every limit, and logs how much of each it uses.
func TestRealisticPagesPass(t *testing.T) {
	src := page(DefaultMaxBytes - 1024)
	lim := Default()
	s := newScanner(src, lim)
	if v := s.run(); v != nil {
		t.Fatalf("realistic %d-byte page refused at %d: %v", len(src), v.Offset, v)
	}
	t.Logf("%d bytes: nested lines %d (%.2f%% of the limit), inline work %d (%.2f%%)",
		len(src), s.nested, 100*float64(s.nested)/float64(lim.MaxNestedLines),
		s.work, 100*float64(s.work)/float64(lim.MaxInlineWork))
	if s.nested > int64(lim.MaxNestedLines)/2 || s.work > int64(lim.MaxInlineWork)/10 {
		t.Errorf("a realistic page uses too much of the budget; the defaults leave too little margin")
	}
}

// TestCheckDoesNotAllocate holds Check to its promise of no allocation on
// accepted input.
func TestCheckDoesNotAllocate(t *testing.T) {
	src := page(64 << 10)
	if n := testing.AllocsPerRun(10, func() { Check(src, Limits{}) }); n != 0 {
		t.Errorf("Check allocated %v times per run", n)
	}
}

// TestNoGoldmarkImport keeps the package free of goldmark (and of anything
// else outside the standard library), as doc.go promises.
func TestNoGoldmarkImport(t *testing.T) {
	notTest := func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }
	pkgs, err := parser.ParseDir(token.NewFileSet(), ".", notTest, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range pkgs {
		for name, f := range pkg.Files {
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if strings.Contains(path, ".") {
					t.Errorf("%s imports %s; the package must use the standard library only", name, path)
				}
			}
		}
	}
}

func FuzzCheck(f *testing.F) {
	for _, tc := range checkCases {
		if len(tc.src) <= 4096 {
			f.Add([]byte(tc.src), tc.lim.MaxDepth, tc.lim.MaxInlineWork)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, depth, work int) {
		// Small limits make the fuzzer reach every violation quickly.
		lim := Limits{MaxBytes: 1 << 16, MaxDepth: depth % 64, MaxNestedLines: 1 << 12, MaxInlineWork: work % (1 << 16)}
		v := Check(src, lim)
		if v == nil {
			return
		}
		if v.Offset < 0 || v.Offset > len(src) {
			t.Fatalf("offset %d outside [0, %d]: %v", v.Offset, len(src), v)
		}
		switch v.Limit {
		case LimitBytes, LimitDepth, LimitNestedLines, LimitInlineWork:
		default:
			t.Fatalf("unknown limit %q", v.Limit)
		}
		if v.Message == "" {
			t.Fatalf("empty message")
		}
	})
}

func BenchmarkCheck(b *testing.B) {
	src := page(1 << 20)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if v := Check(src, Limits{}); v != nil {
			b.Fatal(v)
		}
	}
}

// nestedList returns a list n levels deep, each level indented step more
// columns than the last.
func nestedList(n, step int, marker string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat(" ", i*step) + marker + "a\n")
	}
	return b.String()
}

// tabbedList returns a list n levels deep indented with one tab per level.
func tabbedList(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("\t", i) + "- a\n")
	}
	return b.String()
}

// rep repeats s and cuts the result to n bytes.
func rep(s string, n int) string {
	return strings.Repeat(s, n/len(s)+1)[:n]
}

// page returns about n bytes of ordinary documentation: headings,
// paragraphs with emphasis, code and links, nested lists, quotes, tables,
// fenced code inside list items and reference definitions. Sections vary
// with their index so the page is not one repeated block.
func page(n int) []byte {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "## Section %d\n\n", i)
		fmt.Fprintf(&b, "The `option_%d` setting controls *how* the **builder** treats pages; see\n"+
			"[the guide](https://example.com/guide/%d#anchor \"Guide\") and [the reference][ref%d] for details.\n"+
			"A snake_case_name, a footnote-like [^%d] marker and an image ![logo](/img/%d.png) follow.\n\n", i, i, i, i, i)
		fmt.Fprintf(&b, "- First item with _emphasis_\n  - Nested item %d\n    - Deeper item with a [link](/a/%d)\n"+
			"      1. Ordered one\n      2. Ordered two\n\n        continued paragraph in item two\n- Last item\n\n", i, i)
		if i%3 == 0 {
			b.WriteString("> A quoted note with **bold** text\n> - and a list\n>   inside the quote\n\n")
		}
		if i%4 == 0 {
			b.WriteString("1. Step one\n\n   ```sh\n   make build\n   ```\n\n2. Step two\n\n    ```go\n" +
				"    func main() {\n        for i := range 10 {\n            if i%2 == 0 {\n" +
				"                fmt.Println(i * 2) // *p, a[i], **kw\n            }\n        }\n    }\n    ```\n\n")
		}
		if i%5 == 0 {
			b.WriteString("| Name | Type | Description |\n|------|------|-------------|\n")
			for r := range 8 {
				fmt.Fprintf(&b, "| `field_%d` | *string* | The [field](#f%d) value |\n", r, r)
			}
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "[ref%d]: https://example.com/ref/%d\n\n", i, i)
	}
	return []byte(b.String())
}
