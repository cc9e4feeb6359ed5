package site

import (
	"strings"
	"testing"
)

func TestResolvePartial(t *testing.T) {
	files := map[string]bool{
		"v1.9/deployment/configure-ingestion.md": true,
		"v1.8/deployment/troubleshooting.md":     true,
		"v1.7/deployment/legacy.md":              true,
		"v1.9/shared/footer.md":                  true,
	}
	versions := []string{"v1.7", "v1.9", "v1.8", "v1.10"}
	exists := func(p string) bool { return files[p] }
	tests := []struct {
		name, ref, page string
		want            string // found path, or "" for none
		kind            CandidateKind
		tried           []string
	}{
		{"exact", "/v1.9/deployment/configure-ingestion.md", "v1.9.x", "v1.9/deployment/configure-ingestion.md", Exact,
			[]string{"v1.9/deployment/configure-ingestion.md", "v1.8/deployment/configure-ingestion.md", "v1.7/deployment/configure-ingestion.md"}},
		{"typo", "/v1.9deployment/configure-ingestion.md", "v1.9.x", "v1.9/deployment/configure-ingestion.md", TypoCorrected, nil},
		{"typo without leading slash", "v1.9deployment/configure-ingestion.md", "v1.9.x", "v1.9/deployment/configure-ingestion.md", TypoCorrected, nil},
		{"version-relative", "deployment/configure-ingestion.md", "v1.9.x", "v1.9/deployment/configure-ingestion.md", VersionRelative, nil},
		{"version-relative with slash", "/shared/footer.md", "v1.9.x", "v1.9/shared/footer.md", VersionRelative, nil},
		{"fallback one version", "/v1.9/deployment/troubleshooting.md", "v1.9.x", "v1.8/deployment/troubleshooting.md", Fallback, nil},
		{"fallback two versions", "/v1.9/deployment/legacy.md", "v1.9.x", "v1.7/deployment/legacy.md", Fallback, nil},
		{"newer versions are not fallbacks", "/v1.8/deployment/configure-ingestion.md", "v1.8.x", "", Exact,
			[]string{"v1.8/deployment/configure-ingestion.md", "v1.7/deployment/configure-ingestion.md"}},
		{"numeric order", "/v1.10/deployment/configure-ingestion.md", "v1.10.x", "v1.9/deployment/configure-ingestion.md", Fallback,
			[]string{"v1.10/deployment/configure-ingestion.md", "v1.9/deployment/configure-ingestion.md", "v1.8/deployment/configure-ingestion.md", "v1.7/deployment/configure-ingestion.md"}},
		{"missing", "/v1.9/nope.md", "v1.9.x", "", Exact,
			[]string{"v1.9/nope.md", "v1.8/nope.md", "v1.7/nope.md"}},
		{"dot-dot stays inside", "/v1.9/../../etc/passwd", "v1.9.x", "", Exact,
			[]string{"v1.9/etc/passwd", "v1.8/etc/passwd", "v1.7/etc/passwd"}},
		{"empty", "", "v1.9.x", "", Exact, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ResolvePartial(tt.ref, tt.page, versions, exists)
			got := ""
			if r.Found {
				got = r.Candidate.Path
				if r.Candidate.Kind != tt.kind {
					t.Errorf("kind %v, want %v", r.Candidate.Kind, tt.kind)
				}
			}
			if got != tt.want {
				t.Errorf("found %q, want %q", got, tt.want)
			}
			if tt.tried != nil {
				var tried []string
				for _, c := range r.Tried {
					tried = append(tried, c.Path)
				}
				if strings.Join(tried, " ") != strings.Join(tt.tried, " ") {
					t.Errorf("tried %v, want %v", tried, tt.tried)
				}
			}
		})
	}
}

func TestDescribe(t *testing.T) {
	r := ResolvePartial("/v1.9deployment/x.md", "v1.9.x", []string{"v1.8", "v1.9"}, func(string) bool { return false })
	want := "tried:\n  content/partials/v1.9/deployment/x.md (reading the version as v1.9/)\n  content/partials/v1.8/deployment/x.md (older version)"
	if got := r.Describe("content/partials"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestCompareVersions(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"v1.9.x", "v1.10.x", -1}, {"v1.9", "v1.9", 0}, {"v2.0", "v1.99", 1}, {"v1.9", "v1.9.x", -1},
	}
	for _, tt := range tests {
		if got := compareVersions(tt.a, tt.b); got != tt.want {
			t.Errorf("compare(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
