package live

import (
	"reflect"
	"testing"
)

func TestDerive(t *testing.T) {
	vals := map[string]string{
		"tenantId":   "8f2d5b61-0c3a-4e7d-9b14-6a2f0e5c7d93",
		"cloud.host": "login.microsoftonline.us",
		"a-b_c":      "x",
		"empty":      "",
		"brace":      "{tenantId}",
	}
	lookup := func(ref string) (string, bool) {
		v, ok := vals[ref]
		return v, ok
	}
	for _, tc := range []struct {
		tmpl, want string
		missing    []string
	}{
		{"", "", nil},
		{"plain text", "plain text", nil},
		{"https://{cloud.host}/{tenantId}", "https://login.microsoftonline.us/8f2d5b61-0c3a-4e7d-9b14-6a2f0e5c7d93", nil},
		{"{a-b_c}{a-b_c}", "xx", nil},
		{"[{empty}]", "[]", nil},
		{"{{tenantId}}", "{tenantId}", nil},
		{"{{{tenantId}}}", "{8f2d5b61-0c3a-4e7d-9b14-6a2f0e5c7d93}", nil},
		{"{{}}", "{}", nil},
		{"{", "{", nil},
		{"}", "}", nil},
		{"{}", "{}", nil},
		{"a } b { c", "a } b { c", nil},
		{"{ tenantId }", "{ tenantId }", nil},
		{"{tenantId", "{tenantId", nil},
		{"{cloud.}", "{cloud.}", nil},
		{"{.host}", "{.host}", nil},
		{"{a.b.c}", "{a.b.c}", nil},
		{`{"json": 1}`, `{"json": 1}`, nil},
		{"${tenantId}", "$8f2d5b61-0c3a-4e7d-9b14-6a2f0e5c7d93", nil},
		{"{brace}", "{tenantId}", nil}, // values are not re-read
		{"{nope}/{cloud.port}/{nope}", "{nope}/{cloud.port}/{nope}", []string{"nope", "cloud.port"}},
		{"{{nope}", "{nope}", nil},
		{"{tenantId}}", "8f2d5b61-0c3a-4e7d-9b14-6a2f0e5c7d93}", nil},
		{"{{tenantId}", "{tenantId}", nil},
		{"é{tenantId}é", "é8f2d5b61-0c3a-4e7d-9b14-6a2f0e5c7d93é", nil},
	} {
		got, missing := Derive(tc.tmpl, lookup)
		if got != tc.want || !reflect.DeepEqual(missing, tc.missing) {
			t.Errorf("Derive(%q) = %q, %q; want %q, %q", tc.tmpl, got, missing, tc.want, tc.missing)
		}
	}
}

func TestRefs(t *testing.T) {
	got := Refs("https://{cloud.host}/{tenantId}/{{x}}/{tenantId}/{ y }")
	want := []string{"cloud.host", "tenantId"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Refs = %q, want %q", got, want)
	}
}

func TestLoneBraces(t *testing.T) {
	for _, tc := range []struct {
		tmpl string
		want []int
	}{
		{"{a}{{b}}", nil},
		{"{ a }", []int{0, 4}},
		{"x}", []int{1}},
		{"{a.b.c}", []int{0, 6}},
	} {
		if got := loneBraces(tc.tmpl); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("loneBraces(%q) = %v, want %v", tc.tmpl, got, tc.want)
		}
	}
}

func FuzzDerive(f *testing.F) {
	f.Add("https://{cloud.host}/{tenantId}/{{x}}/{ y }/{a.b.c}}")
	f.Fuzz(func(t *testing.T, tmpl string) {
		// With every reference known and empty, the output is the template
		// without its references, so it is never longer.
		out, missing := Derive(tmpl, func(string) (string, bool) { return "", true })
		if len(missing) > 0 || len(out) > len(tmpl) {
			t.Fatalf("Derive(%q) = %q, %q", tmpl, out, missing)
		}
		// With none known, the missing ones are exactly Refs, and the
		// output is the template with only {{ and }} unescaped.
		out, missing = Derive(tmpl, nil)
		if !reflect.DeepEqual(missing, Refs(tmpl)) {
			t.Fatalf("missing %q, Refs %q", missing, Refs(tmpl))
		}
		if len(out) > len(tmpl) {
			t.Fatalf("Derive(%q, nil) = %q", tmpl, out)
		}
	})
}
