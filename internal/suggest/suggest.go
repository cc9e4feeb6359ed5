// Package suggest finds the closest of a set of names to a misspelled one,
// for "did you mean" hints. It is a leaf package.
package suggest

import "strings"

// DidYouMean returns `did you mean "x"?` for the candidate closest to name,
// or "" when none is close enough to be a likely typo.
func DidYouMean(name string, candidates []string) string {
	best, bestDist := "", -1
	for _, c := range candidates {
		d := Distance(strings.ToLower(name), strings.ToLower(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	// A typo changes a few letters; more than a third of the name is a
	// different word.
	if best == "" || bestDist > max(1, len(name)/3) {
		return ""
	}
	return `did you mean "` + best + `"?`
}

// Distance is the edit distance between a and b, in bytes, counting an
// insertion, a deletion, a substitution or a swap of two adjacent bytes as
// one edit (optimal string alignment), since swapped letters are the most
// common typo ("titel").
func Distance(a, b string) int {
	// Three rows: two back for swaps.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
