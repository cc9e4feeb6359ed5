package highlight

import (
	"bytes"
	"slices"
	"testing"
	"time"
)

// slowInput is how long one Highlight call may take under the fuzzer.
const slowInput = 10 * time.Second

// fuzzLangs are the languages FuzzHighlight picks from.
var fuzzLangs = []string{"yaml", "json", "bash", "sql", "helm", "html", "go", "env", "console", "commandline", ""}

// FuzzHighlight checks that any code, in any of a few languages, comes out
// as well-formed HTML whose text content is exactly the code.
func FuzzHighlight(f *testing.F) {
	for _, in := range inputs(f) {
		f.Add(in.code, uint8(max(0, slices.Index(fuzzLangs, in.lang))))
	}
	for i, code := range exactTextCodes {
		f.Add(code, uint8(i))
	}
	h := New(Options{})
	f.Fuzz(func(t *testing.T, code string, pick uint8) {
		lang := fuzzLangs[int(pick)%len(fuzzLangs)]
		var b bytes.Buffer
		start := time.Now()
		if _, err := h.Highlight(&b, code, lang); err != nil {
			t.Fatal(err)
		}
		// A slow input fails, so the fuzzer keeps it as a reproducer
		// instead of stalling until -fuzztime runs out.
		if d := time.Since(start); d > slowInput {
			t.Fatalf("lang %q: %d bytes took %v", lang, len(code), d)
		}
		got, err := codeText(b.String())
		if err != nil {
			t.Fatalf("lang %q: %v\n%s", lang, err, b.String())
		}
		if got != code {
			t.Fatalf("lang %q: text content\n%q\nwant\n%q", lang, got, code)
		}
	})
}
