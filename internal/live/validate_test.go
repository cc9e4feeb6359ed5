package live

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// validationCase is one row of testdata/validation.json, the table the
// browser script's test runs too.
type validationCase struct {
	Type     string   `json:"type"`
	Value    string   `json:"value"`
	Required bool     `json:"required"`
	Options  []string `json:"options"`
	Level    string   `json:"level"`
	Code     string   `json:"code"`
}

func loadValidationTable(t *testing.T) []validationCase {
	t.Helper()
	data, err := os.ReadFile("testdata/validation.json")
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	var cases []validationCase
	if err := dec.Decode(&cases); err != nil {
		t.Fatalf("testdata/validation.json: %v", err)
	}
	return cases
}

func (c validationCase) variable() *Variable {
	v := &Variable{ID: "v", Type: c.Type, Required: c.Required}
	for _, o := range c.Options {
		v.Options = append(v.Options, Option{Value: o})
	}
	return v
}

func TestValidationTable(t *testing.T) {
	cases := loadValidationTable(t)
	if len(cases) < 80 {
		t.Errorf("the table has %d cases, want at least 80", len(cases))
	}
	for i, c := range cases {
		name := c.Value
		if utf8.RuneCountInString(name) > 40 {
			name = string([]rune(name)[:40]) + "..."
		}
		t.Run(fmt.Sprintf("%d/%s/%q", i, c.Type, name), func(t *testing.T) {
			got := Validate(c.variable(), c.Value)
			if got.Level != c.Level || got.Code != c.Code {
				t.Errorf("Validate(%s, %q) = %s/%s (%s), want %s/%s", c.Type, c.Value, got.Level, got.Code, got.Msg, c.Level, c.Code)
			}
			if (got.Msg == "") != (got.Level == LevelOK) {
				t.Errorf("Validate(%s, %q): level %s with message %q", c.Type, c.Value, got.Level, got.Msg)
			}
		})
	}
}

// TestValidationTableCoverage keeps the shared table honest: every type
// and every code Validate can return has a case, so the browser script is
// held to all of them.
func TestValidationTableCoverage(t *testing.T) {
	types := map[string]bool{}
	codes := map[string]bool{}
	for _, c := range loadValidationTable(t) {
		if !knownType(c.Type) {
			t.Errorf("case %q has unknown type %q", c.Value, c.Type)
		}
		if (c.Type == TypeEnum) != (c.Options != nil) {
			t.Errorf("case %s %q: options are for enum cases only", c.Type, c.Value)
		}
		switch c.Level {
		case LevelOK, LevelWarning, LevelError:
		default:
			t.Errorf("case %s %q: level %q", c.Type, c.Value, c.Level)
		}
		types[c.Type] = true
		codes[c.Code] = true
	}
	for _, typ := range strings.Split(typeNames, ", ") {
		if !types[typ] {
			t.Errorf("no case of type %s", typ)
		}
	}
	for _, code := range []string{"", "required", "single-line", "guid-format", "guid-nil", "domain-format",
		"tenant-format", "tenant-multi", "url-format", "redirect-https", "redirect-fragment",
		"redirect-length", "enum-value"} {
		if !codes[code] {
			t.Errorf("no case with code %q", code)
		}
	}
}

// TestValidateMessages checks the messages that name what is wrong.
func TestValidateMessages(t *testing.T) {
	for _, tc := range []struct {
		typ, value, want string
	}{
		{"guid", "c11234b7c-b1b2-9854-0mn1-56abh3dea295", "this one is 9-4-4-4-12"},
		{"guid", "8f2d5b61-0c3a-4e7d-9b14-6a2f0e5c7m93", `'m' is not a hexadecimal digit`},
		{"guid", "{8f2d5b61-0c3a-4e7d-9b14-6a2f0e5c7d93}", "braces"},
		{"guid", "8f2d5b610c3a4e7d9b146a2f0e5c7d93", "hyphens"},
		{"tenant", "c11234b7c-b1b2-9854-0mn1-56abh3dea295", "this one is 9-4-4-4-12"},
		{"tenant", "common", "multi-tenant"},
		{"domain", "my_company.com", "underscores"},
		{"domain", "contoso.com.", "dot at the end"},
		{"domain", "bücher.example", "punycode"},
		{"url", "javascript:alert(1)", "https://"},
		{"url", "https://a.example/<x>", "%3C"},
		{"redirect_uri", "http://openmetadata.example.com/callback", "localhost"},
		{"enum", "x", "Choose one of: a, b"},
	} {
		v := &Variable{Type: tc.typ, Options: []Option{{Value: "a"}, {Value: "b"}}}
		if got := Validate(v, tc.value); !strings.Contains(got.Msg, tc.want) {
			t.Errorf("Validate(%s, %q).Msg = %q, want it to contain %q", tc.typ, tc.value, got.Msg, tc.want)
		}
	}
}

func TestValidateDerivedIsString(t *testing.T) {
	v := &Variable{Type: "guid", Derived: "{x}"}
	if got := Validate(v, "not a guid"); got.Level != LevelOK {
		t.Errorf("a derived variable's type is ignored, got %+v", got)
	}
}

func FuzzValidate(f *testing.F) {
	for _, typ := range strings.Split(typeNames, ", ") {
		f.Add(typ, "", false)
		f.Add(typ, "8f2d5b61-0c3a-4e7d-9b14-6a2f0e5c7d93", true)
		f.Add(typ, "https://[::1]:8585/a#b", false)
		f.Add(typ, "contoso.onmicrosoft.com", true)
		f.Add(typ, "\"><img src=x onerror=alert(1)>", false)
	}
	f.Add("", "\xff\xfe{", true)
	f.Fuzz(func(t *testing.T, typ, value string, required bool) {
		v := &Variable{Type: typ, Required: required, Options: []Option{{Value: "a"}, {Value: value}}}
		r := Validate(v, value)
		switch r.Level {
		case LevelOK:
			if r.Code != "" || r.Msg != "" {
				t.Errorf("ok with code %q msg %q", r.Code, r.Msg)
			}
		case LevelWarning, LevelError:
			if r.Code == "" || r.Msg == "" {
				t.Errorf("%s without code or message: %+v", r.Level, r)
			}
		default:
			t.Errorf("Validate(%q, %q): level %q", typ, value, r.Level)
		}
	})
}
