package parser

import (
	"encoding/json"
	"strings"
	"testing"
)

// show renders a parse result compactly for table comparison.
func show(t Tag) string {
	if t.Kind == Invalid {
		return "invalid@" + itoa(t.Err.Offset)
	}
	var b strings.Builder
	b.WriteString(t.Kind.String())
	if t.Name != "" {
		b.WriteString(" " + t.Name)
	}
	if t.Value != nil {
		b.WriteString(" " + enc(t.Value))
	}
	for _, a := range t.Attrs {
		if a.Class {
			b.WriteString(" ." + a.Name)
			continue
		}
		b.WriteString(" " + a.Name + "=" + enc(a.Value))
	}
	return b.String()
}

func itoa(i int) string { j, _ := json.Marshal(i); return string(j) }

func enc(v Value) string {
	j, err := json.Marshal(plain(v))
	if err != nil {
		return "ERR:" + err.Error()
	}
	return string(j)
}

func plain(v Value) any {
	switch v := v.(type) {
	case []Value:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = plain(x)
		}
		return out
	case *Object:
		out := map[string]any{}
		for _, k := range v.Keys {
			out[k] = plain(v.Values[k])
		}
		return out
	case *Variable:
		return map[string]any{"$var": v.Path}
	case *Function:
		return map[string]any{"$fn": v.Name, "args": plain(v.Args)}
	case Sigil:
		return []any(v)
	}
	return v
}

// parseTests is shared with the fuzz seeds.
var parseTests = []struct {
	in, want string
}{
	{`note`, `open note`},
	{`  note  `, `open note`},
	{`image/`, `self-closing image`},
	{`image /`, `self-closing image`},
	{`/note`, `close note`},
	{`/ note`, `invalid@1`},
	{`/note a=1`, `invalid@5`},
	{``, `invalid@0`},
	{`$a`, `interpolation {"$var":["a"]}`},
	{`$a.b[0]["c-d"].0`, `interpolation {"$var":["a","b",0,"c-d","0"]}`},
	{`$items-count`, `interpolation {"$var":["items-count"]}`},
	{`$a b`, `invalid@2`},
	{`equals($a, 1)`, `interpolation {"$fn":"equals","args":{"0":{"$var":["a"]},"1":1}}`},
	{`f(1, x=2, 3)`, `interpolation {"$fn":"f","args":{"0":1,"2":3,"x":2}}`},
	{`f(, 1)`, `interpolation {"$fn":"f","args":{}}`},
	{`f(1 )`, `invalid@4`},
	{`f( 1)`, `interpolation {"$fn":"f","args":{"0":1}}`},
	{`#id .a .b x=1`, `annotation id="id" .a .b x=1`},
	{`x=1`, `annotation x=1`},
	{`x=1 y`, `invalid@5`},
	{`tab "One"`, `open tab primary="One"`},
	{`tab"One"`, `open tab primary="One"`},
	{`tab "One" a=1`, `open tab primary="One" a=1`},
	{`tab a=1 "One"`, `invalid@8`},
	{`if $flag`, `open if primary={"$var":["flag"]}`},
	{`else /`, `self-closing else`},
	{`x a="\"q\" \\ \n\t"`, `open x a="\"q\" \\ \n\t"`},
	{"x a=\"tab\there\"", `invalid@4`},
	{`x a="\x"`, `invalid@4`},
	{`x a=-0`, `open x a=-0`},
	{`x a=+1`, `invalid@4`},
	{`x a=1a`, `invalid@5`},
	{`x a=1.5 b=007`, `open x a=1.5 b=7`},
	{`x a=nullx`, `invalid@8`},
	{`x a=[1, 2, ]`, `open x a=[1,2]`},
	{`x a=[ ]`, `open x a=[]`},
	{`x a={b: 1, "c d": [true], }`, `open x a={"b":1,"c d":[true]}`},
	{`x a={b : 1}`, `invalid@6`},
	{`x a={"$$mdtype": "Node", b: 1}`, `open x a={"b":1}`},
	{`x a={b: 1, b: 2}`, `open x a={"b":2}`},
	{`x a= 1`, `invalid@4`},
	{`x a=@foo.bar`, `open x a=["foo","bar"]`},
	{`1tag`, `open 1tag`},
	{`-dash`, `open -dash`},
	{`tâg`, `invalid@1`},
	{"x\n  a=1\n  b=2", `open x a=1 b=2`},
	{"\u00a0x\u3000", `open x`},
	{`note null /`, `self-closing note`},
	{`else false /`, `self-closing else`},
	{`x # %`, `invalid@2`},
}

func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		if got := show(Parse(tt.in)); got != tt.want {
			t.Errorf("Parse(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestFindEnd(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{`{% a %}`, 5},
		{`{% a b="%}" %}`, 12},
		{`{% a b="\"%}" %}`, 14},
		{`{% a b="x`, -1},
		{`{% a`, -1},
		{`{% a %`, -1},
	}
	for _, tt := range tests {
		if got := FindEnd([]byte(tt.in), 2, "%}"); got != tt.want {
			t.Errorf("FindEnd(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
	if got := FindEnd([]byte(`<% a "%>" %>`), 2, "%>"); got != 10 {
		t.Errorf("FindEnd with alias = %d, want 10", got)
	}
}

func TestFinderAgreesWithFindEnd(t *testing.T) {
	srcs := []string{
		`{% a %} {% b "x" %} {% c "%}" %}`,
		`{% " {% " {% " {% %}`,
		`{% "\" {% %} " %} {% x`,
		`{%{%{%{%{% %}`,
		`{% a "unterminated {% b %}`,
	}
	for _, src := range srcs {
		f := NewFinder([]byte(src), Braces)
		for i := 0; i+1 < len(src); i++ {
			if src[i] != '{' || src[i+1] != '%' {
				continue
			}
			if got, want := f.End(i+2), FindEnd([]byte(src), i+2, "%}"); got != want {
				t.Errorf("%q from %d: Finder %d, FindEnd %d", src, i+2, got, want)
			}
		}
	}
}

// TestFinderIsLinear checks that many unterminated openers cost a bounded
// number of scanned bytes per byte of input, where scanning from each would
// cost n²/2.
func TestFinderIsLinear(t *testing.T) {
	shapes := map[string]string{
		"bare openers":       "{% ",
		"openers in quotes":  `{% " `,
		"escapes":            `{% "\" `,
		"closed at the end":  `{% " {% `,
		"alternating quotes": `{% "a" {% "b `,
	}
	for name, unit := range shapes {
		src := []byte(strings.Repeat(unit, 20000) + "\n")
		f := NewFinder(src, Braces)
		for i := 0; i+1 < len(src); i++ {
			if src[i] == '{' && src[i+1] == '%' {
				f.End(i + 2)
			}
		}
		if perByte := float64(f.steps) / float64(len(src)); perByte > 4 {
			t.Errorf("%s: %.1f bytes scanned per input byte, want at most 4", name, perByte)
		}
	}
}
