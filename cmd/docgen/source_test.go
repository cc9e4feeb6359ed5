package main

import (
	"fmt"
	"strings"
	"testing"
)

// TestSourceAround holds the overlay's source lines to what splitting the
// whole file gives.
func TestSourceAround(t *testing.T) {
	srcs := []string{"", "a", "a\n", "a\nb\nc\nd\ne\nf\n", "\n\n\n", "one\ntwo\nthree"}
	for _, src := range srcs {
		lines := strings.Split(src, "\n")
		for off := 0; off <= len(src); off++ {
			line := strings.Count(src[:off], "\n") + 1
			var want []string
			for n := max(1, line-2); n <= min(len(lines), line+2); n++ {
				want = append(want, fmt.Sprintf("%d:%s:%v", n, lines[n-1], n == line))
			}
			var got []string
			for _, l := range sourceAround([]byte(src), off, line) {
				got = append(got, fmt.Sprintf("%d:%s:%v", l.Number, l.Text, l.Here))
			}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("%q at %d: got %v, want %v", src, off, got, want)
			}
		}
	}
}
