package markdown

import (
	"runtime"
	"strings"
	"testing"

	"github.com/docgen/docgen/internal/limits"
	"github.com/docgen/docgen/shortcodes"
)

// TestRefusesPathologicalPages proves the pre-scan keeps goldmark away from
// pages that would make it allocate gigabytes: the page is refused with a
// positioned error, the rest of the pipeline still works, and the whole
// parse stays within a memory budget.
func TestRefusesPathologicalPages(t *testing.T) {
	nested := func(n int) string { return strings.Repeat("- ", n) + "x" + strings.Repeat("\n", n) }
	tests := []struct {
		name, src string
		limit     string
		line, col int
	}{
		// 9 KB: goldmark v1.8.7 alone allocates gigabytes on it.
		{"nested lists 9KB", nested(3000), limits.LimitDepth, 1, 65},
		{"nested lists 32KB", nested(10900), limits.LimitDepth, 1, 65},
		{"nested quotes", strings.Repeat(">", 20000) + "x", limits.LimitDepth, 1, 33},
		{"too large", "# big\n\n" + strings.Repeat("word ", 1<<20), limits.LimitBytes, 1, 1},
	}
	md := New(Options{Limits: limits.Limits{MaxBytes: 1 << 20}})
	env := &Env{Tags: shortcodes.Builtin()}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			page := md.Parse("big.md", []byte(tt.src))
			diags := Validate(page, env)
			runtime.ReadMemStats(&after)
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
				t.Errorf("parsing allocated %d MB, budget 64 MB", alloc>>20)
			}
			if page.Refused == nil || len(diags) != 1 {
				t.Fatalf("page not refused; diagnostics: %v", diags)
			}
			d := diags[0]
			if d.ID != "page-too-complex" || !strings.Contains(d.Msg, "(limit "+tt.limit+")") {
				t.Errorf("diagnostic %s", d)
			}
			if tt.limit != limits.LimitBytes {
				if line, col := d.Position(); line != tt.line || col != tt.col {
					t.Errorf("at %d:%d, want %d:%d: %s", line, col, tt.line, tt.col, d)
				}
			}
		})
	}
}
