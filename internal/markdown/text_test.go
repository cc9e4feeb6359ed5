package markdown

import (
	"fmt"
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
