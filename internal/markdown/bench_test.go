package markdown

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"sync"
	"testing"

	"github.com/docgen/docgen/shortcodes"
)

var (
	corpusOnce sync.Once
	corpusText []byte
	corpusErr  error
)

// corpus returns the page bodies of a generated corpus
// (bench/gen-corpus.go: realistic, code-heavy setup guides) joined into one
// long text. It is generated once per test binary.
func corpus(b *testing.B) []byte {
	corpusOnce.Do(func() {
		dir, err := os.MkdirTemp("", "docgen-corpus-")
		if err != nil {
			corpusErr = err
			return
		}
		defer os.RemoveAll(dir)
		out := filepath.Join(dir, "site")
		cmd := exec.Command("go", "run", "../../bench/gen-corpus.go", "-pages", "200", "-seed", "1", "-out", out)
		if msg, err := cmd.CombinedOutput(); err != nil {
			corpusErr = fmt.Errorf("gen-corpus: %v\n%s", err, msg)
			return
		}
		var files []string
		_ = filepath.Walk(filepath.Join(out, "content"), func(p string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() {
				files = append(files, p)
			}
			return nil
		})
		sort.Strings(files)
		var buf bytes.Buffer
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				corpusErr = err
				return
			}
			// Drop the front matter: only the first page of the text has one.
			if _, body, ok := bytes.Cut(data[3:], []byte("\n---\n")); ok && bytes.HasPrefix(data, []byte("---")) {
				data = body
			}
			buf.Write(data)
			buf.WriteString("\n\n")
		}
		corpusText = buf.Bytes()
	})
	if corpusErr != nil {
		b.Fatal(corpusErr)
	}
	return corpusText
}

// page cuts the corpus text to about n bytes, at a blank line outside code
// so the page stays well formed.
func page(b *testing.B, n int) []byte {
	text := corpus(b)
	for len(text) < n {
		text = append(append(text[:len(text):len(text)], '\n'), text...)
	}
	cut := n
	for cut < len(text) {
		if i := bytes.Index(text[cut:], []byte("\n\n#")); i >= 0 {
			cut += i + 2
			break
		}
		cut = len(text)
	}
	return text[:cut]
}

// BenchmarkParse parses (and validates) pages from 10 KB to 1 MB. Parsing
// is linear when the MB/s figure stays the same across sizes.
func BenchmarkParse(b *testing.B) {
	md := New(Options{Alias: true})
	env := &Env{Tags: shortcodes.Builtin(), PartialExists: func(string) bool { return true }}
	for _, size := range []int{10 << 10, 100 << 10, 1 << 20} {
		src := page(b, size)
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				p := md.Parse("bench.md", src)
				Validate(p, env)
			}
		})
	}
}

// BenchmarkParseAdversarial parses hostile pages of 10 KB to 1 MB made of
// one repeated shape. Every shape must keep the same MB/s at every size:
// a drop at 1 MB means something went quadratic.
func BenchmarkParseAdversarial(b *testing.B) {
	shapes := map[string]string{
		"unclosed-openers":  "{% ",
		"openers-in-quotes": `a {% "\" `,
		"block-openers":     "{% \"\n",
		"unclosed-comments": "<!-- x\n",
		"fence-openers":     "```\n" + `{% " {% "` + "\n",
		"alias-openers":     "<% ",
	}
	md := New(Options{Alias: true})
	env := &Env{Tags: shortcodes.Builtin()}
	for name, unit := range shapes {
		for _, size := range []int{10 << 10, 100 << 10, 1 << 20} {
			src := bytes.Repeat([]byte(unit), size/len(unit))
			b.Run(fmt.Sprintf("%s/%dKB", name, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					Validate(md.Parse("hostile.md", src), env)
				}
			})
		}
	}
}
