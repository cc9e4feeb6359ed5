package highlight

import (
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	"golang.org/x/tools/txtar"
)

// BenchmarkHighlight highlights each snippet in testdata (a 60-line YAML
// config, a 40-line SQL query, a 30-line bash script, a JSON document...)
// with a warm Highlighter; MB/s is code bytes in.
func BenchmarkHighlight(b *testing.B) {
	// No cache, which would answer every round after the first.
	h := New(Options{CacheLimit: -1})
	for _, in := range inputs(b) {
		b.Run(in.lang, func(b *testing.B) {
			if _, err := h.Highlight(io.Discard, in.code, in.lang); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(in.code)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := h.Highlight(io.Discard, in.code, in.lang); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// corpusBlocks returns the blocks of testdata/diff/corpus.txtar (generated
// by bench/gen-corpus.go) by language.
func corpusBlocks(b *testing.B) map[string][]string {
	b.Helper()
	a, err := txtar.ParseFile(filepath.Join("testdata", "diff", "corpus.txtar"))
	if err != nil {
		b.Fatal(err)
	}
	blocks := map[string][]string{}
	for _, f := range a.Files {
		lang := strings.TrimPrefix(filepath.Ext(f.Name), ".")
		blocks[lang] = append(blocks[lang], string(f.Data))
	}
	return blocks
}

// BenchmarkLexers tokenises the generated corpus blocks of each language
// with fastlex and with chroma's lexer; MB/s is code bytes in.
func BenchmarkLexers(b *testing.B) {
	blocks := corpusBlocks(b)
	h := New(Options{})
	for _, lang := range diffLangs {
		fl := h.find(lang).lexer.(*fastLexer)
		size := 0
		for _, code := range blocks[lang] {
			size += len(code)
		}
		for _, lx := range []struct {
			name  string
			lexer chroma.Lexer
		}{{"fastlex", fl}, {"chroma", fl.Lexer}} {
			b.Run(lang+"/"+lx.name, func(b *testing.B) {
				b.SetBytes(int64(size))
				b.ReportAllocs()
				start := cpuTime()
				for b.Loop() {
					for _, code := range blocks[lang] {
						if _, ok := tokenize(lx.lexer, code); !ok {
							b.Fatal("tokenize failed")
						}
					}
				}
				reportCPUThroughput(b, size, cpuTime()-start)
			})
		}
	}
}

// mixWeights are the languages of bench/gen-corpus.go's code blocks, in
// blocks per 20.
var mixWeights = map[string]int{"yaml": 7, "bash": 5, "json": 3, "python": 3, "sql": 2}

// BenchmarkHighlightMix highlights a mix of generated blocks weighted as
// bench/gen-corpus.go weights its languages (35% YAML, 25% Bash, 15% JSON,
// 15% Python, 10% SQL), with fastlex and with chroma only.
func BenchmarkHighlightMix(b *testing.B) {
	blocks := corpusBlocks(b)
	var mix []snippet
	for lang, w := range mixWeights {
		for i := 0; i < 5*w && i < len(blocks[lang]); i++ {
			mix = append(mix, snippet{lang: lang, code: blocks[lang][i]})
		}
	}
	size := 0
	for _, s := range mix {
		size += len(s.code)
	}
	for _, name := range []string{"fastlex", "chroma"} {
		// No cache: each round must highlight.
		h := New(Options{ChromaOnly: name == "chroma", CacheLimit: -1})
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				for _, s := range mix {
					if _, err := h.Highlight(io.Discard, s.code, s.lang); err != nil {
						b.Fatal(err)
					}
				}
			}
			reportCPUThroughput(b, size, cpuTime()-start)
		})
	}
}

// reportCPUThroughput reports MB/s of code over the CPU time d the loop of
// b took, as cpu-MB/s: on a shared machine wall time says little.
func reportCPUThroughput(b *testing.B, size int, d time.Duration) {
	if d > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/d.Seconds()/1e6, "cpu-MB/s")
	}
}
