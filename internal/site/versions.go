package site

import (
	"strconv"
	"strings"
)

// Minor returns the partials folder of a version: "v1.9.x" → "v1.9".
func Minor(version string) string {
	return strings.TrimSuffix(version, ".x")
}

// compareVersions orders version names such as "v1.9.x", "v1.10.x" and
// "v2.0" numerically part by part; non-numeric parts compare as text.
func compareVersions(a, b string) int {
	pa := strings.Split(strings.TrimPrefix(a, "v"), ".")
	pb := strings.Split(strings.TrimPrefix(b, "v"), ".")
	for i := 0; i < len(pa) || i < len(pb); i++ {
		if i >= len(pa) {
			return -1
		}
		if i >= len(pb) {
			return 1
		}
		na, errA := strconv.Atoi(pa[i])
		nb, errB := strconv.Atoi(pb[i])
		switch {
		case errA == nil && errB == nil:
			if na != nb {
				if na < nb {
					return -1
				}
				return 1
			}
		case pa[i] != pb[i]:
			if pa[i] < pb[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// isVersionDir reports whether a folder name under content/ names a
// version: "v" followed by a digit.
func isVersionDir(name string) bool {
	return len(name) >= 2 && name[0] == 'v' && name[1] >= '0' && name[1] <= '9'
}
