package shortcodes

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"

	"github.com/docgen/docgen/parser"
)

// Vars looks up variables for evaluation.
type Vars interface {
	// Lookup returns the value at a variable path, and whether it exists.
	Lookup(path []any) (any, bool)
}

// Scope is a chain of variable maps: a partial's variables over its
// includer's, over the site's.
type Scope struct {
	Vars   map[string]any
	Parent *Scope
}

// Lookup implements Vars: the innermost scope that defines the first path
// segment decides.
func (s *Scope) Lookup(path []any) (any, bool) {
	for sc := s; sc != nil; sc = sc.Parent {
		if len(path) == 0 {
			return nil, false
		}
		name, _ := path[0].(string)
		v, ok := sc.Vars[name]
		if !ok {
			continue
		}
		return walk(v, path[1:])
	}
	return nil, false
}

// walk follows the rest of a path into a value with JavaScript's property
// rules: object keys, array indices (as numbers or digit strings).
func walk(v any, path []any) (any, bool) {
	for _, seg := range path {
		key := ""
		switch s := seg.(type) {
		case string:
			key = s
		case float64:
			key = strconv.FormatFloat(s, 'f', -1, 64)
		}
		switch c := v.(type) {
		case map[string]any:
			x, ok := c[key]
			if !ok {
				return nil, false
			}
			v = x
		case []any:
			i, err := strconv.Atoi(key)
			if err != nil || i < 0 || i >= len(c) {
				return nil, false
			}
			v = c[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// Eval evaluates an attribute or interpolation value to a plain Go value
// (nil, bool, float64, string, []any, map[string]any): variables are looked
// up (an undefined one is nil, as in Markdoc), function calls run.
func Eval(v parser.Value, vars Vars) (any, error) {
	switch v := v.(type) {
	case *parser.Variable:
		if vars == nil {
			return nil, nil
		}
		x, _ := vars.Lookup(v.Path)
		return native(x), nil
	case *parser.Function:
		return call(v, vars)
	case []parser.Value:
		out := make([]any, len(v))
		for i, x := range v {
			e, err := Eval(x, vars)
			if err != nil {
				return nil, err
			}
			out[i] = e
		}
		return out, nil
	case *parser.Object:
		out := make(map[string]any, len(v.Keys))
		for _, k := range v.Keys {
			e, err := Eval(v.Values[k], vars)
			if err != nil {
				return nil, err
			}
			out[k] = e
		}
		return out, nil
	case parser.Sigil:
		return nil, nil
	}
	return v, nil
}

// native turns the values YAML and JSON decoders produce into Eval's kinds.
func native(v any) any {
	switch v := v.(type) {
	case int:
		return float64(v)
	case int64:
		return float64(v)
	case uint64:
		return float64(v)
	case float32:
		return float64(v)
	case map[any]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[fmt.Sprint(k)] = native(x)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = native(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = native(x)
		}
		return out
	}
	return v
}

// Functions are Markdoc's built-in functions, usable in conditions and
// attribute values: equals, and, or, not, default, debug.
var functionNames = []string{"and", "debug", "default", "equals", "not", "or"}

func call(fn *parser.Function, vars Vars) (any, error) {
	args := make([]any, 0, len(fn.Args.Keys))
	for i := 0; ; i++ {
		v, ok := fn.Args.Get(strconv.Itoa(i))
		if !ok {
			break
		}
		e, err := Eval(v, vars)
		if err != nil {
			return nil, err
		}
		args = append(args, e)
	}
	switch fn.Name {
	case "equals":
		for i := 1; i < len(args); i++ {
			if !reflect.DeepEqual(args[0], args[i]) {
				return false, nil
			}
		}
		return true, nil
	case "and":
		for _, a := range args {
			if !Truthy(a) {
				return false, nil
			}
		}
		return true, nil
	case "or":
		for _, a := range args {
			if Truthy(a) {
				return true, nil
			}
		}
		return false, nil
	case "not":
		if len(args) != 1 {
			return nil, fmt.Errorf("not() takes one argument, got %d", len(args))
		}
		return !Truthy(args[0]), nil
	case "default":
		for _, a := range args {
			if a != nil {
				return a, nil
			}
		}
		return nil, nil
	case "debug":
		b, err := json.Marshal(args)
		return string(b), err
	}
	return nil, fmt.Errorf("unknown function %s(); docgen knows %v", fn.Name, functionNames)
}

// Truthy is Markdoc's truthiness for conditions: everything but false,
// null and undefined.
func Truthy(v any) bool {
	switch v := v.(type) {
	case nil:
		return false
	case bool:
		return v
	}
	return true
}

// Format renders an evaluated value as the text of an interpolation.
func Format(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case bool:
		return strconv.FormatBool(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
