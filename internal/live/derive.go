package live

import "strings"

// Derive fills a derived template. It reads tmpl left to right, and at each
// position takes the first that applies:
//
//	"{{"                         a literal "{"
//	"}}"                         a literal "}"
//	"{" name [ "." prop ] "}"    a reference, replaced by lookup("name") or
//	                             lookup("name.prop"); name and prop are
//	                             [A-Za-z0-9_-]+
//	any other byte               itself (a lone "{" or "}" included)
//
// Nothing is evaluated. A reference lookup does not know stays in out as
// written and is listed once in missing, in order of first use.
func Derive(tmpl string, lookup func(ref string) (string, bool)) (out string, missing []string) {
	var b strings.Builder
	b.Grow(len(tmpl))
	for i := 0; i < len(tmpl); {
		c := tmpl[i]
		switch {
		case c == '{' && i+1 < len(tmpl) && tmpl[i+1] == '{':
			b.WriteByte('{')
			i += 2
		case c == '}' && i+1 < len(tmpl) && tmpl[i+1] == '}':
			b.WriteByte('}')
			i += 2
		case c == '{':
			ref, n := scanRef(tmpl[i:])
			if n == 0 {
				b.WriteByte(c)
				i++
				continue
			}
			val, found := "", false
			if lookup != nil {
				val, found = lookup(ref)
			}
			if found {
				b.WriteString(val)
			} else {
				b.WriteString(tmpl[i : i+n])
				if !contains(missing, ref) {
					missing = append(missing, ref)
				}
			}
			i += n
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), missing
}

// Refs returns the references of a derived template ("tenantId",
// "cloud.host"), each once, in order of first use, read exactly as Derive
// reads them.
func Refs(tmpl string) []string {
	_, refs := Derive(tmpl, nil)
	return refs
}

// scanRef reads a reference at the start of s ("{name}" or "{name.prop}")
// and returns it without braces and its length in bytes, or n == 0 when s
// does not start with one.
func scanRef(s string) (ref string, n int) {
	i := 1
	for i < len(s) && isIdentByte(s[i]) {
		i++
	}
	if i == 1 || i >= len(s) {
		return "", 0
	}
	if s[i] == '.' {
		j := i + 1
		for j < len(s) && isIdentByte(s[j]) {
			j++
		}
		if j == i+1 {
			return "", 0
		}
		i = j
		if i >= len(s) {
			return "", 0
		}
	}
	if s[i] != '}' {
		return "", 0
	}
	return s[1:i], i + 1
}

// loneBraces returns the byte offsets of the "{" and "}" of tmpl that
// Derive writes as literal text without their being doubled: legal, but
// more often a mistyped reference than a wanted brace.
func loneBraces(tmpl string) []int {
	var offs []int
	for i := 0; i < len(tmpl); {
		c := tmpl[i]
		switch {
		case (c == '{' || c == '}') && i+1 < len(tmpl) && tmpl[i+1] == c:
			i += 2
		case c == '{':
			if _, n := scanRef(tmpl[i:]); n > 0 {
				i += n
				continue
			}
			offs = append(offs, i)
			i++
		case c == '}':
			offs = append(offs, i)
			i++
		default:
			i++
		}
	}
	return offs
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// splitRef splits "name.prop" into its parts; prop is "" for "name".
func splitRef(ref string) (name, prop string) {
	if i := strings.IndexByte(ref, '.'); i >= 0 {
		return ref[:i], ref[i+1:]
	}
	return ref, ""
}
