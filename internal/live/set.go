package live

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Problem is something wrong with a declaration. The caller positions it:
// ID names the variable and Field the key at fault.
type Problem struct {
	// ID is the variable's id, as declared.
	ID string
	// Field is the declaration key at fault: "id", "type", "example",
	// "options", "placeholder", "required" or "derived".
	Field string
	// Level is "error" or "warning".
	Level string
	Msg   string
}

// Set is the live variables of a page: the site's and the page's, merged, in
// declaration order, each normalized. Its variables must not be modified.
type Set struct {
	vars  []*Variable
	index map[string]int
}

// NewSet merges lists of declarations, the site's first and then the page's
// (a later declaration of an id replaces the earlier one entirely, in the
// earlier one's place), normalizes each variable and checks the result. The
// Set is usable whatever the problems; they come in declaration order.
//
// A derived variable that reads a Sensitive one, directly or through other
// derived variables, is Sensitive too, and its Example is computed from the
// examples of the variables it reads.
func NewSet(lists ...[]Variable) (*Set, []Problem) {
	s := &Set{index: map[string]int{}}
	c := &checker{set: s}
	for _, list := range lists {
		seen := map[string]bool{}
		for _, decl := range list {
			v := decl.clone()
			v.Normalize()
			if seen[v.ID] {
				c.add(v.ID, "id", LevelWarning, "declared twice in the same list; the later declaration wins")
			}
			seen[v.ID] = true
			if i, dup := s.index[v.ID]; dup {
				s.vars[i] = v
				continue
			}
			s.index[v.ID] = len(s.vars)
			s.vars = append(s.vars, v)
		}
	}
	for _, v := range s.vars {
		c.checkVar(v)
	}
	for _, v := range s.vars {
		if v.Derived != "" {
			c.checkDerived(v)
		}
	}
	c.checkCycles()
	s.markSensitive()
	examples := s.Examples()
	for _, v := range s.vars {
		if v.Derived != "" {
			v.Example = examples[v.ID]
		}
	}
	sort.SliceStable(c.problems, func(i, j int) bool {
		return s.index[c.problems[i].ID] < s.index[c.problems[j].ID]
	})
	return s, c.problems
}

// Lookup returns the variable declared as id.
func (s *Set) Lookup(id string) (*Variable, bool) {
	if s == nil {
		return nil, false
	}
	i, found := s.index[id]
	if !found {
		return nil, false
	}
	return s.vars[i], true
}

// Ordered returns the variables in declaration order.
func (s *Set) Ordered() []*Variable {
	if s == nil {
		return nil
	}
	return append([]*Variable(nil), s.vars...)
}

// Examples returns every variable's example value by id: an input's
// Example as declared, and a derived value computed from those as Values
// computes it.
func (s *Set) Examples() map[string]string {
	return s.compute(func(v *Variable) string { return v.Example })
}

// Values returns every variable's value by id, given the values a reader
// typed, by id. It is the text copy writes, and the browser script computes
// it the same way:
//
//   - An input variable's value is what was typed, trimmed of ASCII white
//     space. When that is empty, a required variable other than an enum
//     takes its Placeholder and any other its Example (an enum's default
//     option). When Validate finds an error in it, the variable takes its
//     Placeholder. (A warning keeps the value.)
//   - A derived variable's value is Derive of its template, where {id} reads
//     id's value and {id.prop} the prop of the enum option whose Value is
//     id's value. If any reference cannot be read (an unknown id or prop, an
//     enum whose value is no option) the value is the derived variable's
//     Placeholder.
//   - A derived variable that reads itself, directly or through other
//     derived variables, has its Placeholder as value; the variables that
//     read it are computed as usual.
//
// Inputs for undeclared or derived ids are ignored.
func (s *Set) Values(input map[string]string) map[string]string {
	return s.compute(func(v *Variable) string { return inputValue(v, input[v.ID]) })
}

// compute returns every variable's value by id, given each input
// variable's value.
func (s *Set) compute(inputOf func(v *Variable) string) map[string]string {
	if s == nil {
		return map[string]string{}
	}
	out := make(map[string]string, len(s.vars))
	const visiting, done = 1, 2
	state := make(map[string]int, len(s.vars))
	for _, v := range s.vars {
		if s.readsItself(v) {
			state[v.ID], out[v.ID] = done, v.Placeholder
		}
	}
	var valueOf func(v *Variable) (string, bool)
	valueOf = func(v *Variable) (string, bool) {
		switch state[v.ID] {
		case visiting:
			return "", false
		case done:
			return out[v.ID], true
		}
		state[v.ID] = visiting
		var val string
		if v.Derived == "" {
			val = inputOf(v)
		} else {
			d, missing := Derive(v.Derived, func(ref string) (string, bool) {
				name, prop := splitRef(ref)
				t, found := s.Lookup(name)
				if !found {
					return "", false
				}
				tv, good := valueOf(t)
				if !good || prop == "" {
					return tv, good
				}
				if t.Derived != "" || t.Type != TypeEnum {
					return "", false
				}
				for _, o := range t.Options {
					if o.Value == tv {
						p, has := o.Props[prop]
						return p, has
					}
				}
				return "", false
			})
			val = d
			if len(missing) > 0 {
				val = v.Placeholder
			}
		}
		state[v.ID] = done
		out[v.ID] = val
		return val, true
	}
	for _, v := range s.vars {
		valueOf(v)
	}
	return out
}

// inputValue is the text copy writes for an input variable, given what
// the reader typed.
func inputValue(v *Variable, typed string) string {
	val := trimSpace(typed)
	switch {
	case val == "" && v.Required && v.Type != TypeEnum:
		return v.Placeholder
	case val == "":
		return v.Example
	case Validate(v, val).Level == LevelError:
		return v.Placeholder
	}
	return val
}

// JSON returns the configuration the browser script reads:
// {"vars":[...]}, the normalized variables in declaration order. The bytes
// are deterministic, and <, > and & are escaped so that they can sit in an
// HTML attribute or a script element.
func (s *Set) JSON() ([]byte, error) {
	vars := []*Variable{}
	if s != nil && s.vars != nil {
		vars = s.vars
	}
	return json.Marshal(struct {
		Vars []*Variable `json:"vars"`
	}{vars})
}

// readsItself reports whether derived variable v reads itself, directly or
// through other derived variables.
func (s *Set) readsItself(v *Variable) bool {
	if v.Derived == "" {
		return false
	}
	seen := map[string]bool{}
	var reaches func(t *Variable) bool
	reaches = func(t *Variable) bool {
		for _, ref := range Refs(t.Derived) {
			name, _ := splitRef(ref)
			if name == v.ID {
				return true
			}
			u, found := s.Lookup(name)
			if !found || u.Derived == "" || seen[name] {
				continue
			}
			seen[name] = true
			if reaches(u) {
				return true
			}
		}
		return false
	}
	return reaches(v)
}

// markSensitive makes every derived variable that reads a Sensitive one
// Sensitive, so that a connection string holding a secret is masked too.
func (s *Set) markSensitive() {
	for changed := true; changed; {
		changed = false
		for _, v := range s.vars {
			if v.Derived == "" || v.Sensitive {
				continue
			}
			for _, ref := range Refs(v.Derived) {
				name, _ := splitRef(ref)
				if t, found := s.Lookup(name); found && t.Sensitive {
					v.Sensitive, changed = true, true
					break
				}
			}
		}
	}
}

// checker collects the problems of one NewSet.
type checker struct {
	set      *Set
	problems []Problem
}

func (c *checker) add(id, field, level, msg string) {
	c.problems = append(c.problems, Problem{ID: id, Field: field, Level: level, Msg: msg})
}

// checkVar checks one variable on its own.
func (c *checker) checkVar(v *Variable) {
	switch {
	case v.ID == "":
		c.add(v.ID, "id", LevelError, "a live variable needs an id")
	case !isIdent(v.ID):
		c.add(v.ID, "id", LevelError, fmt.Sprintf("%q is not a valid id: use letters, digits, _ and - only", v.ID))
	}
	if hasControl(v.Placeholder) {
		c.add(v.ID, "placeholder", LevelError, "the placeholder must be a single line")
	}
	if v.Derived != "" {
		if len(v.Options) > 0 {
			c.add(v.ID, "options", LevelError, "a derived variable has no options: its value comes from its template")
		}
		if v.Example != "" {
			c.add(v.ID, "example", LevelWarning, "ignored: a derived variable's example is computed from the examples it reads")
		}
		if v.Required {
			c.add(v.ID, "required", LevelWarning, "ignored: a derived variable is computed, never typed")
		}
		return
	}
	if !knownType(v.Type) {
		c.add(v.ID, "type", LevelError, fmt.Sprintf("unknown type %q; the types are %s", v.Type, typeNames))
		return
	}
	if v.Type == TypeEnum {
		c.checkOptions(v)
	} else if len(v.Options) > 0 {
		c.add(v.ID, "options", LevelError, fmt.Sprintf("only an enum has options, and this variable is of type %s", v.Type))
	}
	if v.Example == "" {
		c.add(v.ID, "example", LevelError, "an input variable needs an example, shown until the reader types")
		return
	}
	switch r := Validate(v, v.Example); r.Level {
	case LevelError:
		c.add(v.ID, "example", LevelError, fmt.Sprintf("the example %q is not a valid %s: %s [%s]", v.Example, v.Type, r.Msg, r.Code))
	case LevelWarning:
		c.add(v.ID, "example", LevelWarning, fmt.Sprintf("the example %q: %s [%s]", v.Example, r.Msg, r.Code))
	}
}

// checkOptions checks an enum's options.
func (c *checker) checkOptions(v *Variable) {
	if len(v.Options) == 0 {
		c.add(v.ID, "options", LevelError, "an enum needs options")
		return
	}
	seen := map[string]bool{}
	for i, o := range v.Options {
		switch {
		case o.Value == "":
			c.add(v.ID, "options", LevelError, fmt.Sprintf("option %d has no value", i+1))
		case hasControl(o.Value):
			c.add(v.ID, "options", LevelError, fmt.Sprintf("option %d: a value must be a single line", i+1))
		case seen[o.Value]:
			c.add(v.ID, "options", LevelError, fmt.Sprintf("two options have the value %q", o.Value))
		}
		seen[o.Value] = true
		for _, k := range sortedKeys(o.Props) {
			if !isIdent(k) {
				c.add(v.ID, "options", LevelWarning, fmt.Sprintf("option %q: a template cannot read the prop %q; name props with letters, digits, _ and -", o.Value, k))
			}
		}
	}
}

// checkDerived checks what a derived template reads.
func (c *checker) checkDerived(v *Variable) {
	if offs := loneBraces(v.Derived); len(offs) > 0 {
		c.add(v.ID, "derived", LevelWarning, fmt.Sprintf("the %q at byte %d of the template is literal text: write {{ or }} for a brace, {id} or {id.prop} for a value", v.Derived[offs[0]:offs[0]+1], offs[0]))
	}
	for _, ref := range Refs(v.Derived) {
		name, prop := splitRef(ref)
		t, found := c.set.Lookup(name)
		if !found {
			c.add(v.ID, "derived", LevelError, fmt.Sprintf("{%s} reads %q, which is not declared%s", ref, name, c.hint(name)))
			continue
		}
		if prop == "" {
			continue
		}
		if t.Derived != "" || t.Type != TypeEnum {
			c.add(v.ID, "derived", LevelError, fmt.Sprintf("{%s}: only an enum's options have props, and %q is not an enum", ref, name))
			continue
		}
		var lacking []string
		common := map[string]int{}
		for _, o := range t.Options {
			if _, has := o.Props[prop]; !has {
				lacking = append(lacking, o.Value)
			}
			for k := range o.Props {
				common[k]++
			}
		}
		if len(lacking) > 0 {
			var all []string
			for k, n := range common {
				if n == len(t.Options) {
					all = append(all, k)
				}
			}
			sort.Strings(all)
			have := "no prop"
			if len(all) > 0 {
				have = "only " + strings.Join(all, ", ")
			}
			c.add(v.ID, "derived", LevelError, fmt.Sprintf("{%s}: the options %s of %q define no %q (every option defines %s)", ref, strings.Join(lacking, ", "), name, prop, have))
		}
	}
}

// checkCycles reports each cycle among derived variables once, at the
// variable where a search in declaration order enters it.
func (c *checker) checkCycles() {
	s := c.set
	const visiting, done = 1, 2
	state := map[string]int{}
	var stack []string
	var visit func(v *Variable)
	visit = func(v *Variable) {
		state[v.ID] = visiting
		stack = append(stack, v.ID)
		for _, ref := range Refs(v.Derived) {
			name, _ := splitRef(ref)
			t, found := s.Lookup(name)
			if !found || t.Derived == "" {
				continue
			}
			switch state[name] {
			case visiting:
				i := len(stack) - 1
				for stack[i] != name {
					i--
				}
				cycle := append(append([]string(nil), stack[i:]...), name)
				c.add(name, "derived", LevelError, "derived values form a cycle: "+strings.Join(cycle, " → "))
			case 0:
				visit(t)
			}
		}
		stack = stack[:len(stack)-1]
		state[v.ID] = done
	}
	for _, v := range s.vars {
		if v.Derived != "" && state[v.ID] == 0 {
			visit(v)
		}
	}
}

// hint says what was declared, and which id was probably meant.
func (c *checker) hint(name string) string {
	var ids []string
	best, bestD := "", 3
	for _, v := range c.set.vars {
		ids = append(ids, v.ID)
		if d := distance(strings.ToLower(name), strings.ToLower(v.ID)); d < bestD {
			best, bestD = v.ID, d
		}
	}
	if best != "" {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	if len(ids) == 0 {
		return ""
	}
	return " (declared: " + strings.Join(ids, ", ") + ")"
}

// distance is the Levenshtein distance between a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func hasControl(s string) bool {
	for _, r := range s {
		if isControl(r) {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
