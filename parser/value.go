package parser

// Value is an attribute or interpolation value. It is one of:
//
//	nil               null
//	bool              true, false
//	float64           numbers (Markdoc keeps IEEE doubles: 007 is 7)
//	string            double-quoted strings, escapes resolved
//	[]Value           arrays
//	*Object           hashes, keys in first-seen order
//	*Variable         $name.path[0]["key"]
//	*Function         name(arg, key=value)
//	Sigil             @name.path (reserved by Markdoc; kept for fidelity)
type Value any

// Object is a Markdoc hash. Keys keep the order in which they were first
// written; a repeated key keeps its first position and takes its last value,
// as a JavaScript object literal does.
type Object struct {
	Keys   []string
	Values map[string]Value
}

// Set adds or replaces key.
func (o *Object) Set(key string, v Value) {
	if o.Values == nil {
		o.Values = make(map[string]Value)
	}
	if _, ok := o.Values[key]; !ok {
		o.Keys = append(o.Keys, key)
	}
	o.Values[key] = v
}

// Get returns the value of key and whether it is set.
func (o *Object) Get(key string) (Value, bool) {
	v, ok := o.Values[key]
	return v, ok
}

// Variable is a reference to a variable: $a.b[0]["c-d"] has the path
// ["a", "b", 0, "c-d"]. Segments are strings, or float64 for bracketed
// numbers; a dotted digit segment ($a.0) is the string "0".
type Variable struct {
	Path []any
}

// Name returns the variable's first path segment.
func (v *Variable) Name() string {
	if len(v.Path) == 0 {
		return ""
	}
	s, _ := v.Path[0].(string)
	return s
}

// Function is a function call such as equals($a, 1). Args holds positional
// arguments under their index ("0", "1", ...) and named ones under their
// name; the index counts every argument before it, named or not, as
// Markdoc does.
type Function struct {
	Name string
	Args *Object
}

// Sigil is an @name.path reference. Markdoc reserves the syntax and returns
// the bare path segments; docgen keeps them so it can report the use.
type Sigil []any

// IsIdentifier reports whether s is a Markdoc identifier: a tag, attribute
// or variable name ([a-zA-Z0-9_-]+).
func IsIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIdentByte(s[i]) {
			return false
		}
	}
	return true
}
