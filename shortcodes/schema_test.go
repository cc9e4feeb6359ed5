package shortcodes

import (
	"testing"

	"github.com/docgen/docgen/parser"
)

func TestTypeMatches(t *testing.T) {
	obj := &parser.Object{}
	v := &parser.Variable{Path: []any{"a"}}
	fn := &parser.Function{Name: "f", Args: &parser.Object{}}
	tests := []struct {
		typ  Type
		val  parser.Value
		want bool
	}{
		{String, "x", true}, {String, 1.0, false}, {String, nil, false},
		{Number, 1.0, true}, {Number, "1", false},
		{Boolean, true, true}, {Boolean, "true", false},
		{Array, []parser.Value{}, true}, {Array, obj, false}, {Array, parser.Sigil{"a"}, true},
		{Object, obj, true}, {Object, []parser.Value{}, false},
		{Any, nil, true}, {String, v, true}, {Number, fn, true},
	}
	for _, tt := range tests {
		if got := tt.typ.Matches(tt.val); got != tt.want {
			t.Errorf("%v.Matches(%s) = %v, want %v", tt.typ, FormatValue(tt.val), got, tt.want)
		}
	}
}

type partials map[string]bool

func (p partials) PartialExists(f string) bool { return p[f] }

func TestChecks(t *testing.T) {
	env := partials{"/v1.9/x.md": true}
	tests := []struct {
		name  string
		check func(parser.Value, Env) []Problem
		val   parser.Value
		want  string // the problem id, or "" for none
	}{
		{"class string", checkClass, "a b", ""},
		{"class object", checkClass, &parser.Object{}, ""},
		{"class number", checkClass, 1.0, "attribute-type-invalid"},
		{"id letter", checkID, "top", ""},
		{"id digit", checkID, "1top", "attribute-value-invalid"},
		{"id empty", checkID, "", "attribute-value-invalid"},
		{"id number", checkID, 2.0, "attribute-value-invalid"},
		{"condition bool", checkCondition, false, ""},
		{"condition null", checkCondition, nil, ""},
		{"condition object", checkCondition, &parser.Object{}, ""},
		{"condition string", checkCondition, "yes", "attribute-type-invalid"},
		{"condition number", checkCondition, 1.0, "attribute-type-invalid"},
		{"partial found", checkPartialFile, "/v1.9/x.md", ""},
		{"partial missing", checkPartialFile, "/v1.9/y.md", "attribute-value-invalid"},
		{"partial not a string", checkPartialFile, 1.0, "attribute-value-invalid"},
	}
	for _, tt := range tests {
		got := ""
		if ps := tt.check(tt.val, env); len(ps) > 0 {
			got = ps[0].ID
		}
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestRegistry(t *testing.T) {
	r := Builtin()
	for _, name := range []string{"if", "else", "partial", "table", "slot", "image", "inlineCallout", "inlineCalloutContainer", "note",
		"tilesContainer", "tile", "connectorsListContainer", "connectorInfoCard", "connectorDetailsHeader", "multiTablesWrapper",
		"divider", "stepsContainer", "step", "stepDescription", "stepVisualInfo", "extraContent", "youtube", "storyLane",
		"icon", "banner", "callout", "apiPageContainer", "apiInfoContainer", "apiDescription", "apiVisualInfo"} {
		s, ok := r.Lookup(name)
		if !ok || s.Name != name {
			t.Errorf("built-in %q missing", name)
		}
	}
	if err := r.Add(&Schema{Name: "note"}); err == nil {
		t.Error("a tag registered twice was accepted")
	}
	if err := r.Add(&Schema{}); err == nil {
		t.Error("a schema without a name was accepted")
	}
	c := r.Clone()
	c.Replace(&Schema{Name: "badge"})
	if _, ok := r.Lookup("badge"); ok {
		t.Error("Clone shares its map with the original")
	}
	if s, _ := r.Lookup("partial"); s.Placement != BlockOnly || !s.SelfClosing || !s.Attributes["file"].Required {
		t.Errorf("partial schema %+v", s)
	}
}

func TestFormatValue(t *testing.T) {
	obj := &parser.Object{}
	obj.Set("a", 1.0)
	obj.Set("b", []parser.Value{"x", true, nil})
	tests := []struct {
		v    parser.Value
		want string
	}{
		{obj, `{a: 1, b: ["x", true, null]}`},
		{&parser.Variable{Path: []any{"a", "b", 0.0, "c-d"}}, `$a.b[0].c-d`},
		{&parser.Function{Name: "equals"}, "equals(...)"},
	}
	for _, tt := range tests {
		if got := FormatValue(tt.v); got != tt.want {
			t.Errorf("FormatValue = %s, want %s", got, tt.want)
		}
	}
}
