package highlight

import (
	"io"
	"testing"
)

// BenchmarkHighlight highlights each snippet in testdata (a 60-line YAML
// config, a 40-line SQL query, a 30-line bash script, a JSON document...)
// with a warm Highlighter; MB/s is code bytes in.
func BenchmarkHighlight(b *testing.B) {
	h := New(Options{})
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
