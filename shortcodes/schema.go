package shortcodes

import (
	"fmt"
	"sort"
	"strings"

	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/parser"
)

// Placement says where a tag may stand.
type Placement uint8

// Placements. Anywhere is the zero value, as in Markdoc where a schema
// without "inline" accepts both.
const (
	Anywhere Placement = iota
	BlockOnly
	InlineOnly
)

// Type is an attribute type, as Markdoc names them.
type Type uint8

// Attribute types. Any is the zero value: no type check.
const (
	Any Type = iota
	String
	Number
	Boolean
	Array
	Object
)

var typeNames = [...]string{"Any", "String", "Number", "Boolean", "Array", "Object"}

func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return fmt.Sprintf("Type(%d)", int(t))
}

// ParseType reads a Markdoc type name.
func ParseType(s string) (Type, bool) {
	for i, n := range typeNames {
		if n == s && i > 0 {
			return Type(i), true
		}
	}
	return Any, false
}

// Matches reports whether v, a literal attribute value, is of type t.
// Variables and function calls are only known at render time and match
// every type, as in Markdoc.
func (t Type) Matches(v parser.Value) bool {
	switch v.(type) {
	case *parser.Variable, *parser.Function:
		return true
	}
	switch t {
	case Any:
		return true
	case String:
		_, ok := v.(string)
		return ok
	case Number:
		_, ok := v.(float64)
		return ok
	case Boolean:
		_, ok := v.(bool)
		return ok
	case Array:
		switch v.(type) {
		case []parser.Value, parser.Sigil:
			return true
		}
	case Object:
		_, ok := v.(*parser.Object)
		return ok
	}
	return false
}

// Problem is something wrong with an attribute value found by a schema's own
// check.
type Problem struct {
	ID    string
	Level diag.Level
	Msg   string
}

// Env is what attribute checks may consult about the page being validated.
type Env interface {
	// PartialExists reports whether a partial file reference resolves.
	PartialExists(file string) bool
}

// Attribute declares one attribute of a tag.
type Attribute struct {
	Type     Type
	Required bool
	// Matches lists the allowed values; empty allows any.
	Matches []parser.Value
	// ErrorLevel is the level of type and value errors; unset means error.
	ErrorLevel diag.Level
	// Check is an extra check of a literal value, after the type check.
	Check func(v parser.Value, env Env) []Problem
	// Doc says what the attribute is for.
	Doc string
}

// Schema declares a tag.
type Schema struct {
	Name        string
	Placement   Placement
	SelfClosing bool
	Attributes  map[string]Attribute
	// Generic tags accept any attribute with any value.
	Generic bool
	// Children, when set, lists the Markdoc node types allowed as children
	// (Markdoc's "children"); others get a child-invalid warning.
	Children []string
	// JoinsFences makes the fences inside the tag pieces of one code
	// listing (codeBlock): each renders without a toolbar of its own.
	JoinsFences bool
	// Doc says what the tag is for.
	Doc string
	// Render renders a use of the tag; nil renders the content alone.
	Render RenderFunc
}

// AttributeNames returns the declared attribute names, sorted, for messages
// that list what is allowed.
func (s *Schema) AttributeNames() []string {
	names := make([]string, 0, len(s.Attributes))
	for n := range s.Attributes {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Global attributes are accepted on every tag and annotated node, as in
// Markdoc: class (a string, or the object .shorthands build) and id (must
// start with a letter).
var globalAttributes = map[string]Attribute{
	"class": {Check: checkClass},
	"id":    {Check: checkID},
}

// GlobalAttribute returns the declaration of a global attribute.
func GlobalAttribute(name string) (Attribute, bool) {
	a, ok := globalAttributes[name]
	return a, ok
}

func checkClass(v parser.Value, _ Env) []Problem {
	switch v.(type) {
	case string, *parser.Object, []parser.Value, nil:
		// Markdoc accepts any JavaScript object here, arrays and null
		// included.
		return nil
	}
	return []Problem{{ID: "attribute-type-invalid", Level: diag.Error,
		Msg: "attribute 'class' must be a string or an object"}}
}

func checkID(v parser.Value, _ Env) []Problem {
	if s, ok := v.(string); ok && s != "" && isASCIILetter(s[0]) {
		return nil
	}
	return []Problem{{ID: "attribute-value-invalid", Level: diag.Error,
		Msg: "attribute 'id' must start with a letter"}}
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// FormatValue renders a value as it would be written in a tag, for messages.
func FormatValue(v parser.Value) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("%q", v)
	case float64:
		return fmt.Sprint(v)
	case bool:
		return fmt.Sprint(v)
	case []parser.Value:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = FormatValue(x)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case *parser.Object:
		parts := make([]string, len(v.Keys))
		for i, k := range v.Keys {
			parts[i] = k + ": " + FormatValue(v.Values[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case *parser.Variable:
		var b strings.Builder
		b.WriteByte('$')
		for i, s := range v.Path {
			switch s := s.(type) {
			case string:
				if i > 0 {
					b.WriteByte('.')
				}
				b.WriteString(s)
			default:
				fmt.Fprintf(&b, "[%v]", s)
			}
		}
		return b.String()
	case *parser.Function:
		return v.Name + "(...)"
	}
	return fmt.Sprint(v)
}
