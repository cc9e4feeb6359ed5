package limits

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"
)

// memoryBudget is what one guarded parse of a small hostile page may
// allocate in total.
const memoryBudget = 64 << 20

// nestedBullets is the reported attack: n list markers on one line, then n
// blank lines that goldmark walks through every open list.
func nestedBullets(n int) []byte {
	return []byte(strings.Repeat("- ", n) + "x" + strings.Repeat("\n", n))
}

// allocated returns the bytes f allocates in total and how long it runs.
func allocated(f func()) (uint64, time.Duration) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	f()
	d := time.Since(start)
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, d
}

func parse(src []byte) {
	goldmark.New().Parser().Parse(text.NewReader(src))
}

// guardedParse is what docgen does: Check first, parse only if it passes.
func guardedParse(src []byte, lim Limits) *Violation {
	if v := Check(src, lim); v != nil {
		return v
	}
	parse(src)
	return nil
}

func TestGuardBoundsMemory(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  []byte
	}{
		{"9KB", nestedBullets(3000)},
		{"32KB", nestedBullets(10922)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var v *Violation
			n, d := allocated(func() { v = guardedParse(tc.src, Default()) })
			t.Logf("%d bytes: guarded parse allocated %d bytes in %v (%v)", len(tc.src), n, d, v)
			if v == nil {
				t.Errorf("Check accepted %d nested list markers", len(tc.src)/3)
			}
			if n > memoryBudget {
				t.Errorf("guarded parse allocated %d bytes, budget %d", n, memoryBudget)
			}
		})
	}
	t.Run("9KB unguarded", func(t *testing.T) {
		if testing.Short() {
			t.Skip("allocates about 1.5 GB")
		}
		src := nestedBullets(3000)
		n, d := allocated(func() { parse(src) })
		t.Logf("%d bytes: goldmark alone allocated %d bytes in %v", len(src), n, d)
		if n <= memoryBudget {
			t.Errorf("goldmark alone allocated only %d bytes; the attack no longer shows the guard is needed", n)
		}
	})
}

// hostileShapes are the inputs that make goldmark v1.8.7 superlinear, each
// as a function of a size parameter.
var hostileShapes = []struct {
	name  string
	build func(n int) string
}{
	{"nested bullets", func(n int) string { return strings.Repeat("- ", n) + "x" + strings.Repeat("\n", n) }},
	{"nested quotes", func(n int) string { return strings.Repeat(">", n) + "x" }},
	{"nested ordered", func(n int) string { return strings.Repeat("1. ", n) + "x" }},
	{"quotes in lists", func(n int) string { return strings.Repeat("- > ", n) + "x" }},
	{"deep list, blank lines", func(n int) string { return strings.Repeat("- ", 32) + "x" + strings.Repeat("\n", n) }},
	{"deep list, indented lines", func(n int) string {
		return strings.Repeat("- ", 32) + "x\n" + strings.Repeat(strings.Repeat("  ", 32)+"x\n\n", n)
	}},
	{"nested brackets", func(n int) string { return strings.Repeat("[", n) + "a" + strings.Repeat("]", n) }},
	{"bracket pyramids", func(n int) string {
		return strings.Repeat(strings.Repeat("[", 32)+strings.Repeat("a", 900)+strings.Repeat("]", 32), n)
	}},
	{"unclosed destinations", func(n int) string { return strings.Repeat("[a](", n) }},
	{"unclosed <destinations", func(n int) string { return strings.Repeat("[a](<b ", n) }},
	{"unclosed destinations per line", func(n int) string { return strings.Repeat("[a](b\n", n) }},
	{"unmatched emphasis", func(n int) string { return strings.Repeat("*a_ ", n) }},
	{"rule of three", func(n int) string { return "a**b" + strings.Repeat("c* ", n) }},
	{"reference definitions", func(n int) string { return strings.Repeat("[a]: /u\n", n) }},
	{"links around intraword delimiters", func(n int) string { return strings.Repeat("[a_b](c) ", n) }},
	{"links around emphasis", func(n int) string { return "*x " + strings.Repeat("[ *a](b) ", n) }},
}

// TestAcceptedInputsStayBounded grows each hostile shape to the largest
// size Check accepts under reduced limits and parses it. Reduced limits keep
// the test fast; goldmark's cost grows linearly with each limit, so this
// shows the defaults bound it too. Time is logged, never asserted.
func TestAcceptedInputsStayBounded(t *testing.T) {
	lim := Limits{MaxBytes: 64 << 10, MaxNestedLines: 1 << 16, MaxInlineWork: 1 << 25}
	const maxN = 1 << 17
	for _, sh := range hostileShapes {
		t.Run(sh.name, func(t *testing.T) {
			// Largest accepted n, by binary search: every shape only grows
			// its estimates with n.
			lo, hi := 0, maxN
			for lo < hi {
				mid := (lo + hi + 1) / 2
				if Check([]byte(sh.build(mid)), lim) == nil {
					lo = mid
				} else {
					hi = mid - 1
				}
			}
			src := []byte(sh.build(lo))
			n, d := allocated(func() { parse(src) })
			t.Logf("largest accepted n=%d (%d bytes): goldmark allocated %.1f MB in %v", lo, len(src), float64(n)/1e6, d)
			if n > memoryBudget {
				t.Errorf("goldmark allocated %d bytes on an accepted input, budget %d", n, memoryBudget)
			}
		})
	}
}

// TestGoldmarkCosts prints goldmark's allocation and time on each hostile
// shape, unguarded, and the ratio of time to the inline estimate. It is the
// measurement behind the defaults and step costs in limits.go; run it again
// after upgrading goldmark:
//
//	DOCGEN_MEASURE=1 go test -run TestGoldmarkCosts -v ./internal/limits/
func TestGoldmarkCosts(t *testing.T) {
	if os.Getenv("DOCGEN_MEASURE") == "" {
		t.Skip("set DOCGEN_MEASURE=1 to measure goldmark")
	}
	unlimited := Limits{MaxBytes: 1 << 40, MaxDepth: 1 << 40, MaxNestedLines: 1 << 62, MaxInlineWork: 1 << 62}
	for _, sh := range hostileShapes {
		for _, size := range []int{10_000, 30_000, 100_000} {
			// Pick n so the input is about size bytes.
			n := size / max(1, len(sh.build(100))/100)
			src := []byte(sh.build(n))
			s := newScanner(src, unlimited)
			s.run()
			alloc, d := allocated(func() { parse(src) })
			line := fmt.Sprintf("%-32s %7d bytes: %8.1f MB %12v", sh.name, len(src), float64(alloc)/1e6, d.Round(time.Microsecond))
			if s.work > 0 {
				line += fmt.Sprintf("  %.2f ns/step", float64(d.Nanoseconds())/float64(s.work))
			}
			if s.nested > 0 {
				line += fmt.Sprintf("  %.0f B/nested line", float64(alloc)/float64(s.nested))
			}
			t.Log(line)
			if d > 20*time.Second {
				break
			}
		}
	}
}
