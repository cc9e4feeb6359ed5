package highlight

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"golang.org/x/tools/txtar"

	"github.com/docgen/docgen/internal/highlight/fastlex"
)

// snippet is a code block of the differential test.
type snippet struct {
	name string // where it comes from: file and block number
	lang string // the fence language
	code string
	// fixture is set for snippets of testdata/diff, which change only
	// on purpose (unlike the Markdown of the repository and beside it).
	fixture bool
}

// fences returns the fenced code blocks of a Markdown text, with the
// language of each (the info string's first word, lower-cased).
func fences(name, md string) []snippet {
	var out []snippet
	lines := strings.SplitAfter(md, "\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimLeft(lines[i], " ")
		indent := len(lines[i]) - len(line)
		if indent > 3 {
			continue
		}
		fence := ""
		for _, f := range []string{"```", "~~~"} {
			if strings.HasPrefix(line, f) {
				n := len(line) - len(strings.TrimLeft(line, f[:1]))
				fence = strings.Repeat(f[:1], n)
			}
		}
		if fence == "" {
			continue
		}
		info := strings.TrimSpace(line[len(fence):])
		lang, _, _ := strings.Cut(info, " ")
		var code strings.Builder
		j := i + 1
		for ; j < len(lines); j++ {
			l := strings.TrimLeft(lines[j], " ")
			if strings.HasPrefix(l, fence) && strings.TrimSpace(strings.TrimLeft(l, fence[:1])) == "" {
				break
			}
			// Remove up to indent spaces, as CommonMark does.
			s := lines[j]
			for k := 0; k < indent && strings.HasPrefix(s, " "); k++ {
				s = s[1:]
			}
			code.WriteString(s)
		}
		out = append(out, snippet{name: fmt.Sprintf("%s#%d", name, len(out)+1), lang: strings.ToLower(lang), code: code.String()})
		i = j
	}
	return out
}

// chromaStream and fastStream lex text the way tokenize does and return
// the token stream coalesced: neighbours of the same type merged, empty
// tokens dropped. ok is false when the lexer fails (chroma panics or
// loses text) or declines.
func chromaStream(l chroma.Lexer, text string) (toks []chroma.Token, ok bool) {
	defer func() {
		if recover() != nil {
			toks, ok = nil, false
		}
	}()
	it, err := l.Tokenise(&chroma.TokeniseOptions{State: "root"}, text)
	if err != nil {
		return nil, false
	}
	var all []chroma.Token
	for t := it(); t != chroma.EOF; t = it() {
		all = append(all, t)
	}
	return coalesce(all), true
}

func fastStream(l *fastlex.Lexer, text string) ([]chroma.Token, bool) {
	toks, ok := l.Tokenise(nil, text)
	return coalesce(toks), ok
}

func coalesce(toks []chroma.Token) []chroma.Token {
	var out []chroma.Token
	for _, t := range toks {
		if t.Value == "" {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Type == t.Type {
			out[n-1].Value += t.Value
			continue
		}
		out = append(out, t)
	}
	return out
}

// firstDiff returns the index of the first token where a and b differ, -1
// if they are equal.
func firstDiff(a, b []chroma.Token) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	if len(a) != len(b) {
		return min(len(a), len(b))
	}
	return -1
}

// loadSnippets gathers the code blocks the differential test runs on: the
// txtar archives of testdata/diff (whose file names end in .LANG), every
// Markdown file of this repository, and, beside this checkout, the shared
// samples and seed (required under CI=true). DOCGEN_DIFF_CORPUS names
// further folders of Markdown to include, such as a corpus of
// bench/gen-corpus.go, for a wider run.
func loadSnippets(t *testing.T) []snippet {
	t.Helper()
	var out []snippet
	archives, err := filepath.Glob(filepath.Join("testdata", "diff", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range archives {
		a, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			ext := filepath.Ext(f.Name)
			out = append(out, snippet{name: f.Name, lang: strings.TrimPrefix(ext, "."), code: string(f.Data), fixture: true})
		}
	}
	dirs := []string{"../.."}
	shared := "../../../shared"
	if _, err := os.Stat(shared); err == nil {
		dirs = append(dirs, filepath.Join(shared, "samples"), filepath.Join(shared, "seed"))
	} else if os.Getenv("CI") == "true" {
		t.Fatalf("%s is missing: the differential test runs on its samples under CI", shared)
	} else {
		t.Logf("%s is not beside this checkout: its samples are left out", shared)
	}
	if extra := os.Getenv("DOCGEN_DIFF_CORPUS"); extra != "" {
		dirs = append(dirs, filepath.SplitList(extra)...)
	}
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			if d.IsDir() || filepath.Ext(path) != ".md" {
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			out = append(out, fences(filepath.ToSlash(path), string(b))...)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// difference is a documented difference between a fastlex lexer and
// chroma's, read from testdata/diff/differences.txt.
type difference struct {
	class string // the difference class, described in the same file
	seen  bool
}

// loadDifferences reads testdata/diff/differences.txt: after the
// description of each difference class, lines "snippet-name class" list
// the snippets where one shows.
func loadDifferences(t *testing.T) map[string]*difference {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "diff", "differences.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	known := map[string]*difference{}
	classes := map[string]bool{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "class "):
			classes[strings.Fields(line)[1]] = true
		default:
			fs := strings.Fields(line)
			if len(fs) != 2 || !classes[fs[1]] {
				t.Fatalf("differences.txt:%d: want \"snippet-name class\" with a class described above, got %q", n, line)
			}
			known[fs[0]] = &difference{class: fs[1]}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return known
}

// TestDifferential compares, over every snippet of loadSnippets, the
// tokens of each fastlex lexer with those of the chroma lexer it stands
// in for (types and values, coalesced as the highlighter merges them), and
// the HTML of a Highlighter with and without fastlex, for every language.
// A difference fails the test unless differences.txt documents it; a
// documented difference that no longer shows fails it too.
func TestDifferential(t *testing.T) {
	snippets := loadSnippets(t)
	known := loadDifferences(t)
	fast, slow := New(Options{}), New(Options{ChromaOnly: true})
	type count struct{ blocks, same, documented, declined int }
	counts := map[string]*count{}
	for _, s := range snippets {
		fl, ok := fast.find(s.lang).lexer.(*fastLexer)
		if !ok {
			continue
		}
		c := counts[fl.fast.Name()]
		if c == nil {
			c = &count{}
			counts[fl.fast.Name()] = c
		}
		c.blocks++
		text := s.code
		if !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		want, wantOK := chromaStream(fl.Lexer, text)
		got, gotOK := fastStream(fl.fast, text)
		if !gotOK {
			// Declined: the highlighter asks chroma, so the output is
			// chroma's by construction.
			c.declined++
			continue
		}
		i := firstDiff(want, got)
		if wantOK && i < 0 {
			c.same++
			continue
		}
		if d := known[s.name]; d != nil {
			d.seen = true
			c.documented++
			continue
		}
		if !wantOK {
			t.Errorf("%s (%s): chroma fails where fastlex does not decline", s.name, s.lang)
			continue
		}
		t.Errorf("%s (%s): token %d differs:\nchroma:  %s\nfastlex: %s", s.name, s.lang, i, around(want, i), around(got, i))
	}
	for _, s := range snippets {
		var a, b strings.Builder
		if _, err := fast.Highlight(&a, s.code, s.lang); err != nil {
			t.Fatal(err)
		}
		if _, err := slow.Highlight(&b, s.code, s.lang); err != nil {
			t.Fatal(err)
		}
		if a.String() != b.String() && known[s.name] == nil {
			t.Errorf("%s (%s): HTML differs from chroma's:\n%s\nwant:\n%s", s.name, s.lang, a.String(), b.String())
		}
	}
	for name, d := range known {
		if !d.seen {
			t.Errorf("differences.txt lists %s (%s), which shows no difference (or is gone): remove it", name, d.class)
		}
	}
	var names []string
	for n := range counts {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := counts[n]
		t.Logf("%-7s %5d blocks: %5d identical, %d documented differences, %d declined to chroma", n, c.blocks, c.same, c.documented, c.declined)
	}
}

// around formats the tokens of a stream near index i.
func around(toks []chroma.Token, i int) string {
	var b strings.Builder
	for j := max(0, i-2); j < min(len(toks), i+3); j++ {
		if j == i {
			b.WriteString(">>")
		}
		fmt.Fprintf(&b, "%s %q  ", toks[j].Type, toks[j].Value)
	}
	return b.String()
}

// diffLangs are the languages FuzzDifferential picks from, one per fastlex
// lexer.
var diffLangs = []string{"yaml", "json", "bash", "python", "sql"}

// FuzzDifferential compares fastlex's tokens with chroma's on any text, as
// TestDifferential does on real snippets: where fastlex does not decline,
// the streams must be equal.
func FuzzDifferential(f *testing.F) {
	for _, s := range []struct{ code, lang string }{
		{"key: value # note\nlist:\n  - a\n  - 'b'\n", "yaml"},
		{`{"a": [1, 2.5e3, true, null], "b": "x\"y"}`, "json"},
		{"export A=\"$HOME/x\" && echo ${A:-b} | grep 'x' # c\n", "bash"},
		{"def f(x: int) -> str:\n    return f\"{x!r:>10}\" % 3\n", "python"},
		{"SELECT a, COUNT(*) FROM t WHERE b = 'x''y' -- c\n", "sql"},
	} {
		f.Add(s.code, uint8(slices.Index(diffLangs, s.lang)))
	}
	// The hand-written edge cases, for the fuzzer to mutate.
	a, err := txtar.ParseFile(filepath.Join("testdata", "diff", "edge.txtar"))
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range a.Files {
		lang := strings.TrimPrefix(filepath.Ext(file.Name), ".")
		if i := slices.Index(diffLangs, lang); i >= 0 {
			f.Add(string(file.Data), uint8(i))
		}
	}
	h := New(Options{})
	f.Fuzz(func(t *testing.T, code string, pick uint8) {
		if len(code) > 2048 {
			return // chroma's backtracking can take minutes on long odd input
		}
		lang := diffLangs[int(pick)%len(diffLangs)]
		fl := h.find(lang).lexer.(*fastLexer)
		text := code
		if !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		if !utf8.ValidString(text) {
			return // written plain either way
		}
		got, ok := fastStream(fl.fast, text)
		if !ok {
			return
		}
		want, ok := chromaStream(fl.Lexer, text)
		if !ok {
			t.Fatalf("%s: chroma fails on %q where fastlex does not decline", lang, code)
		}
		// chroma's regex engine gives up on a rule after 250 ms of wall
		// time (MatchTimeout) and treats it as not matching, which a
		// busy fuzzing machine can reach on small inputs: ask again
		// before calling a difference.
		for retry := 0; retry < 10 && firstDiff(want, got) >= 0; retry++ {
			time.Sleep(10 * time.Millisecond)
			want, _ = chromaStream(fl.Lexer, text)
		}
		if i := firstDiff(want, got); i >= 0 {
			t.Fatalf("%s: %q: token %d differs:\nchroma:  %s\nfastlex: %s", lang, code, i, around(want, i), around(got, i))
		}
	})
}
