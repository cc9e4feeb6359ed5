package fastlex

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// testRunes returns the runes the class tests try: all of the first
// blocks, where the engines' tables could differ in detail, and the edges
// of later ones.
func testRunes() []rune {
	var rs []rune
	for r := rune(0); r < 0x3100; r++ {
		rs = append(rs, r)
	}
	for _, rg := range [][2]rune{{0xA600, 0xA700}, {0xD7F0, 0xD800}, {0xE000, 0xE010}, {0xFB00, 0x10100},
		{0x1D400, 0x1D500}, {0x1F000, 0x1F100}, {0x20000, 0x20010}, {0xE0000, 0xE0200}, {0x10FFF0, 0x110000}} {
		for r := rg[0]; r < rg[1]; r++ {
			rs = append(rs, r)
		}
	}
	return rs
}

// engineClass runs pattern through chroma's regex engine over each rune of
// rs, in a lexer with the flags of the lexers here (multiline), and
// returns which runes it matches.
func engineClass(t *testing.T, pattern string, rs []rune, caseless bool) map[rune]bool {
	t.Helper()
	l := chroma.MustNewLexer(&chroma.Config{Name: "class", CaseInsensitive: caseless}, func() chroma.Rules {
		return chroma.Rules{"root": {
			{Pattern: pattern, Type: chroma.Keyword},
			{Pattern: `[\s\S]`, Type: chroma.Text},
		}}
	})
	var b strings.Builder
	for _, r := range rs {
		b.WriteRune(r)
	}
	it, err := l.Tokenise(&chroma.TokeniseOptions{State: "root"}, b.String())
	if err != nil {
		t.Fatal(err)
	}
	in := map[rune]bool{}
	for tok := it(); tok != chroma.EOF; tok = it() {
		r, _ := utf8.DecodeRuneInString(tok.Value)
		if utf8.RuneCountInString(tok.Value) != 1 {
			t.Fatalf("%s: token %q is not one rune", pattern, tok.Value)
		}
		in[r] = tok.Type == chroma.Keyword
	}
	return in
}

// TestClasses checks the character classes of this package against
// chroma's regex engine.
func TestClasses(t *testing.T) {
	rs := testRunes()
	for _, c := range []struct {
		pattern  string
		caseless bool
		in       func(rune) bool
	}{
		{`\w`, false, isWord},
		{`\s`, false, isSpace},
		{`\d`, false, isDigit},
		{`[_\p{L}]`, false, isIdentStart},
		{`[_\p{L}\p{N}]`, false, isIdentPart},
		{`[a-z]`, true, func(r rune) bool { return foldASCII(r) != 0 }},
		{`.`, false, isNotNewline},
	} {
		engine := engineClass(t, c.pattern, rs, c.caseless)
		bad := 0
		for _, r := range rs {
			if engine[r] != c.in(r) {
				if bad++; bad <= 5 {
					t.Errorf("%s: %U: engine %v, fastlex %v", c.pattern, r, engine[r], c.in(r))
				}
			}
		}
	}
	// \b: the engine's word characters, seen from both sides.
	l := chroma.MustNewLexer(&chroma.Config{Name: "boundary"}, func() chroma.Rules {
		return chroma.Rules{"root": {{Pattern: `a\b`, Type: chroma.Keyword}, {Pattern: `[\s\S]`, Type: chroma.Text}}}
	})
	for _, r := range rs {
		it, _ := l.Tokenise(&chroma.TokeniseOptions{State: "root"}, "a"+string(r))
		first := it()
		if got := first.Type == chroma.Keyword; got == isWord(r) && r != utf8.RuneError {
			t.Errorf(`\b after a and %U: engine %v, fastlex %v`, r, got, !isWord(r))
		}
	}
}

// chromaTypes returns the token types chroma's lexer name gives each
// whole-word token of text.
func chromaTypes(t *testing.T, name, text string) map[string]chroma.TokenType {
	t.Helper()
	it, err := lexers.Get(name).Tokenise(&chroma.TokeniseOptions{State: "root"}, text)
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]chroma.TokenType{}
	for tok := it(); tok != chroma.EOF; tok = it() {
		types[tok.Value] = tok.Type
	}
	return types
}

// TestSQLWords checks each word of the SQL tables against chroma's SQL
// lexer, so a chroma upgrade that changes its lists shows here.
func TestSQLWords(t *testing.T) {
	for _, c := range []struct {
		words []string
		want  chroma.TokenType
	}{
		{sqlKeywords(), chroma.Keyword},
		{sqlBuiltins(), chroma.NameBuiltin},
	} {
		text := strings.Join(c.words, " ") + " " + strings.ToUpper(strings.Join(c.words, " "))
		got := chromaTypes(t, "sql", text)
		for _, w := range c.words {
			for _, v := range []string{w, strings.ToUpper(w)} {
				if got[v] != c.want {
					t.Errorf("chroma gives %q %s, fastlex %s", v, got[v], c.want)
				}
			}
		}
	}
	// And a word next to one in each list is a Name in both.
	if got := chromaTypes(t, "sql", "selects intx"); got["selects"] != chroma.Name || got["intx"] != chroma.Name {
		t.Errorf("chroma: %v", got)
	}
}

// TestPythonWords checks each word of the Python tables against chroma's
// Python lexer: in root for its keywords, in an expression for the rest.
func TestPythonWords(t *testing.T) {
	for class, words := range pyWordLists() {
		want := map[pyWord]chroma.TokenType{
			pyKeyword: chroma.Keyword, pyConstant: chroma.KeywordConstant,
			pyOperatorWord: chroma.OperatorWord, pyExprKeyword: chroma.Keyword,
			pyBuiltin: chroma.NameBuiltin, pyPseudo: chroma.NameBuiltinPseudo,
			pyException: chroma.NameException, pyMagicFunc: chroma.NameFunctionMagic,
			pyMagicVar: chroma.NameVariableMagic,
		}[class]
		// Root keywords start a line; the others follow "x = ".
		var b strings.Builder
		for _, w := range words {
			if class == pyKeyword || class == pyConstant {
				fmt.Fprintf(&b, "%s\n", w)
			} else {
				fmt.Fprintf(&b, "x = %s\n", w)
			}
		}
		got := chromaTypes(t, "python", b.String())
		for _, w := range words {
			if got[w] != want {
				t.Errorf("chroma gives %q %s, fastlex %s", w, got[w], want)
			}
		}
	}
}

// lexAll runs every lexer of this package over text and checks what
// holds for any input: no panic, tokens that are non-empty, merged and
// concatenate to text, and reads within the work budget.
func lexAll(t *testing.T, text string) {
	t.Helper()
	for _, x := range Lexers() {
		l := &lexer{src: text, budget: workBudget(len(text))}
		x.run(l)
		if l.failed {
			if l.work <= l.budget {
				t.Errorf("%s declined %q within its budget", x.Name(), text)
			}
			// Declining past the budget is how a lexer stays linear;
			// FuzzLexers reports it so that rescans are found.
			t.Errorf("%s: %d bytes read for %d bytes of text: past the budget of %d", x.Name(), l.work, len(text), l.budget)
			continue
		}
		var b strings.Builder
		for i, tok := range l.toks {
			if tok.Value == "" {
				t.Fatalf("%s: empty token %d in %q", x.Name(), i, text)
			}
			if i > 0 && l.toks[i-1].Type == tok.Type {
				t.Fatalf("%s: tokens %d and %d of %q are both %s", x.Name(), i-1, i, text, tok.Type)
			}
			b.WriteString(tok.Value)
		}
		if b.String() != text {
			t.Fatalf("%s: tokens of %q concatenate to %q", x.Name(), text, b.String())
		}
	}
}

// FuzzLexers checks lexAll on any text, with and without the final
// newline the highlighter adds.
func FuzzLexers(f *testing.F) {
	for _, s := range linearInputs() {
		f.Add(s)
	}
	f.Add("key: |\n  a\n  b\n# c\n- x: 'y'\n")
	f.Add(`{"a": [1, 2.5e-3, "b\"c"], // x` + "\n}")
	f.Add("cat <<EOF\n$x ${y:-z} $((1+2)) `d` 'e' \"f $g\"\nEOF\n")
	f.Add("@d\ndef f(a):\n    return f\"{a!r:>{w}}\" % b'\\x00'\n")
	f.Add("SELECT 'a''b', \"c\" /* d /* e */ */ -- f\n")
	f.Fuzz(func(t *testing.T, text string) {
		lexAll(t, text)
		lexAll(t, text+"\n")
	})
}

// linearInputs are inputs built to make a rule rescan the rest of the
// text: unterminated constructs repeated, and constructs whose match
// depends on what comes far after them.
func linearInputs() []string {
	return []string{
		`"a\"`, `'a\'`, "<<a ", "<<ab\n", "$'\\'", "'", `"`, "{a[", "{a[b].c", `"""`,
		"u{,2}\"\"\"", "a: b: ", "\"k\": ", "x #", "x //", "|\n  a\n", "1.5e", "- ", "%",
		"/*", "--", "f\"{", "def ", "import a, ", "from a", "${", "$((", "$(", "`", "\\",
	}
}

// TestLinear checks that the work of each lexer grows linearly with its
// input on texts built to make rules rescan: the bytes its scans read for
// 64 copies of a piece stay within a constant factor of those for 8.
func TestLinear(t *testing.T) {
	for _, piece := range linearInputs() {
		for _, sep := range []string{"", " ", "\n", "x"} {
			small := strings.Repeat(piece+sep, 8)
			large := strings.Repeat(piece+sep, 64)
			for _, x := range Lexers() {
				ws, wl := work(x, small), work(x, large)
				if wl > 8*ws+64*len(piece+sep)+64 {
					t.Errorf("%s on %q repeated: 8 copies read %d bytes, 64 copies %d", x.Name(), piece+sep, ws, wl)
				}
			}
		}
	}
}

// work returns the bytes x's scans read on text, failing on a decline.
func work(x *Lexer, text string) int {
	l := &lexer{src: text, budget: 1 << 62}
	x.run(l)
	return l.work
}

// TestUnicodeHelpers pins the helpers that decode runes at the edges of
// the text and of invalid UTF-8.
func TestUnicodeHelpers(t *testing.T) {
	l := &lexer{src: "aé\xffb"}
	for _, c := range []struct {
		i    int
		r    rune
		n    int
		prev rune
	}{
		{0, 'a', 1, -1},
		{1, 'é', 2, 'a'},
		{3, utf8.RuneError, 1, 'é'},
		{4, 'b', 1, utf8.RuneError},
		{5, -1, 0, 'b'},
	} {
		r, n := l.runeAt(c.i)
		if r != c.r || n != c.n || l.runeBefore(c.i) != c.prev {
			t.Errorf("at %d: runeAt %q %d, runeBefore %q; want %q %d, %q", c.i, r, n, l.runeBefore(c.i), c.r, c.n, c.prev)
		}
	}
	if !unicode.IsSpace('\u0085') || !isSpace('\u0085') {
		t.Error("U+0085 is white space for the regex engine")
	}
}
