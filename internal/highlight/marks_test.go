package highlight

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"
)

var markRe = regexp.MustCompile(`(?s)<var class="dg-live" data-live="([^"]*)">(.*?)</var>`)
var tagRe = regexp.MustCompile(`<[^>]*>`)

// textOf returns the text content of highlighted HTML.
func textOf(s string) string { return html.UnescapeString(tagRe.ReplaceAllString(s, "")) }

func TestHighlightMarked(t *testing.T) {
	h := New(Options{})
	tests := []struct {
		lang, code string
		values     []string // substrings of code to mark, first occurrence each
	}{
		// chroma splits a URL in a YAML string and a GUID after "=" in env
		// files into several tokens; the marks must still be exact.
		{"yaml", "authority: \"https://login.microsoftonline.com/8f2d5b61-0c3a-4e7d-9b14-6a2f0e5c7d93\"\nclientId: 3c9e7a42-5b1d-4f06-a6c3-9d2e6f1b8a57\n",
			[]string{"https://login.microsoftonline.com/8f2d5b61-0c3a-4e7d-9b14-6a2f0e5c7d93", "3c9e7a42-5b1d-4f06-a6c3-9d2e6f1b8a57"}},
		{"bash", "kubectl create secret generic oidc --from-literal=OIDC_CLIENT_SECRET='s3cr3t value'\n", []string{"s3cr3t value"}},
		{"json", `{"authority": "https://login.microsoftonline.us/tenant.onmicrosoft.com"}`, []string{"login.microsoftonline.us/tenant"}},
		{"env", "AUTHENTICATION_PUBLIC_KEYS=[https://a.example/jwks,https://b.example/keys]\n", []string{"https://a.example/jwks", "https://b.example/keys"}},
		{"commandline", "plain text with VALUE inside", []string{"VALUE"}},
	}
	for _, tt := range tests {
		var marks []Mark
		for _, v := range tt.values {
			i := strings.Index(tt.code, v)
			marks = append(marks, Mark{Start: i, End: i + len(v), ID: "v" + v[:1]})
		}
		var b bytes.Buffer
		if _, err := h.HighlightMarked(&b, tt.code, tt.lang, marks); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if got := textOf(strings.TrimSuffix(out, "\n")); got != tt.code {
			t.Errorf("%s: text content changed:\n%q\n%q", tt.lang, got, tt.code)
		}
		found := markRe.FindAllStringSubmatch(out, -1)
		if len(found) != len(tt.values) {
			t.Errorf("%s: %d marks in %s", tt.lang, len(found), out)
			continue
		}
		for i, m := range found {
			if got := textOf(m[2]); got != tt.values[i] {
				t.Errorf("%s: mark %d wraps %q, want %q", tt.lang, i, got, tt.values[i])
			}
			if strings.Count(m[2], "<span") != strings.Count(m[2], "</span>") {
				t.Errorf("%s: mark %d does not nest: %s", tt.lang, i, m[2])
			}
		}
		if strings.Count(out, "<span") != strings.Count(out, "</span>") {
			t.Errorf("%s: unbalanced spans", tt.lang)
		}
	}
}

func FuzzHighlightMarked(f *testing.F) {
	f.Add("key: \"value here\"\n", "yaml", 5, 12)
	f.Add(`{"a": "b"}`, "json", 2, 8)
	h := New(Options{})
	f.Fuzz(func(t *testing.T, code, lang string, start, end int) {
		var b bytes.Buffer
		if _, err := h.HighlightMarked(&b, code, lang, []Mark{{Start: start, End: end, ID: "x"}}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if strings.Count(out, "<var") != strings.Count(out, "</var>") || strings.Count(out, "<var") > 1 {
			t.Fatalf("marks unbalanced: %s", out)
		}
		if start >= 0 && end <= len(code) && start < end && strings.Count(out, "<var") == 1 {
			m := markRe.FindStringSubmatch(out)
			if m == nil || textOf(m[2]) != code[start:end] {
				t.Fatalf("mark wraps the wrong text: %s", out)
			}
		}
	})
}
