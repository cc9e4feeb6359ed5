package markdown

import (
	"fmt"
	"strings"
	"testing"
)

func TestExpandText(t *testing.T) {
	vars := map[string]any{"brandName": "OpenMetadata", "product": map[string]any{"version": 1.9}}
	tests := []struct {
		in, want       string
		undefined, bad string
	}{
		{"Plain title", "Plain title", "[]", "[]"},
		{"{% $brandName %} Setup", "OpenMetadata Setup", "[]", "[]"},
		{"Azure SSO |{%$brandName%}", "Azure SSO |OpenMetadata", "[]", "[]"},
		{"v{% $product.version %} notes", "v1.9 notes", "[]", "[]"},
		{"{% $brand %} Setup", " Setup", "[$brand]", "[]"},
		{`{% default($missing, "Docs") %} home`, "Docs home", "[]", "[]"},
		{"{% note %}x", "x", "[]", "[{% note %}]"},
		{"100% {% $brandName", "100% {% $brandName", "[]", "[]"},
		{`{% "%}" %} a`, " a", "[]", `[{% "%}" %}]`},
	}
	for _, tt := range tests {
		got, undef, bad := ExpandText(tt.in, vars)
		if got != tt.want || fmt.Sprint(undef) != tt.undefined || fmt.Sprint(bad) != tt.bad {
			t.Errorf("ExpandText(%q) = %q, %v, %v; want %q, %s, %s", tt.in, got, undef, bad, tt.want, tt.undefined, tt.bad)
		}
	}
}

// FuzzExpandText: no panic, text without tags comes back unchanged, and
// every complete {% %} is replaced.
func FuzzExpandText(f *testing.F) {
	for _, s := range []string{"{% $brandName %} Setup", "a {% note %} b", `{% "%}" %}`, "{% $a.b[0] %}", "{%", "%}{%", "{% default($x, 1) %}"} {
		f.Add(s)
	}
	vars := map[string]any{"brandName": "Acme", "a": map[string]any{"b": []any{"x"}}}
	f.Fuzz(func(t *testing.T, s string) {
		out, _, _ := ExpandText(s, vars)
		if !strings.Contains(s, "{%") && out != s {
			t.Fatalf("ExpandText(%q) = %q, want it unchanged", s, out)
		}
		if !strings.Contains(s, "Acme") && strings.Count(out, "{%") > strings.Count(s, "{%") {
			t.Fatalf("ExpandText(%q) = %q adds tag syntax", s, out)
		}
	})
}
