package highlight

import (
	"fmt"
	"slices"
	"strings"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/styles"
)

// Default chroma styles: GitHub's light and dark code colours, which readers
// know and which keep comments and strings readable on both backgrounds.
const (
	DefaultLight = "github"
	DefaultDark  = "github-dark"
)

// UnknownStyleError reports a style name chroma does not ship. Known lists
// the names it does, sorted, so a caller can suggest the closest one.
type UnknownStyleError struct {
	Name  string
	Known []string
}

func (e *UnknownStyleError) Error() string {
	return fmt.Sprintf("highlight: unknown chroma style %q (known styles: %s)", e.Name, strings.Join(e.Known, ", "))
}

// Scopes of the stylesheet. The theme sets data-theme on <html> when the
// reader picks a theme; without it the system setting decides.
const (
	darkTheme   = `html[data-theme="dark"]`
	systemDark  = `@media (prefers-color-scheme: dark)`
	systemScope = `html:not([data-theme="light"])`
)

// CSS returns the stylesheet for the classes Highlight writes, in the chroma
// styles named light and dark (see DefaultLight and DefaultDark).
//
// The light style applies by default. The dark style applies under
// html[data-theme="dark"], and under prefers-color-scheme: dark unless
// <html> has data-theme="light", so code follows the system setting until
// the reader overrides it. Each scope also sets --dg-code-bg and
// --dg-code-fg, the style's background and text colours, for the frame
// around the code; the .chroma block uses them. A style name chroma does
// not ship is an *UnknownStyleError. The output is a function of the two
// names alone.
func CSS(light, dark string) (string, error) {
	ls, err := style(light)
	if err != nil {
		return "", err
	}
	ds, err := style(dark)
	if err != nil {
		return "", err
	}
	lbg, lfg := frameColours(ls)
	dbg, dfg := frameColours(ds)
	lr, dr := rules(ls), rules(ds)
	classes := tokenClasses()

	var b strings.Builder
	fmt.Fprintf(&b, "/* Code highlighting: chroma styles %q (light) and %q (dark). */\n", ls.Name, ds.Name)
	fmt.Fprintf(&b, ":root { --dg-code-bg: %s; --dg-code-fg: %s; }\n", lbg, lfg)
	b.WriteString(".chroma { color: var(--dg-code-fg); background-color: var(--dg-code-bg); }\n")
	for _, c := range classes {
		if d := lr[c]; len(d) > 0 {
			fmt.Fprintf(&b, ".chroma .%s { %s }\n", c, join(d))
		}
	}

	// The dark rules, once for each dark scope.
	darkRules := make(map[string][]decl, len(classes))
	for _, c := range classes {
		darkRules[c] = overlay(lr[c], dr[c])
	}
	writeScope := func(indent, scope string) {
		fmt.Fprintf(&b, "%s%s { --dg-code-bg: %s; --dg-code-fg: %s; }\n", indent, scope, dbg, dfg)
		for _, c := range classes {
			if d := darkRules[c]; len(d) > 0 {
				fmt.Fprintf(&b, "%s%s .chroma .%s { %s }\n", indent, scope, c, join(d))
			}
		}
	}
	b.WriteString(systemDark + " {\n")
	writeScope("  ", systemScope)
	b.WriteString("}\n")
	writeScope("", darkTheme)
	return b.String(), nil
}

// style returns the chroma style with the given name, case-insensitively.
func style(name string) (*chroma.Style, error) {
	if s, ok := styles.Registry[strings.ToLower(name)]; ok {
		return s, nil
	}
	return nil, &UnknownStyleError{Name: name, Known: styles.Names()}
}

// frameColours returns a style's background and text colours. Pygments-era
// light styles (github among them) give no text colour and some no
// background: they mean black on white, or white on black for a dark style.
func frameColours(s *chroma.Style) (bg, fg string) {
	e := s.Get(chroma.Background)
	bg, fg = "#ffffff", "#000000"
	if s.Mode() == chroma.Dark {
		bg, fg = fg, bg
	}
	if e.Background.IsSet() {
		bg = e.Background.String()
	}
	if e.Colour.IsSet() {
		fg = e.Colour.String()
	}
	return bg, fg
}

// decl is one CSS declaration.
type decl struct{ prop, value string }

// tokenClasses returns the classes Highlight can write, in the order of
// chroma's token types.
func tokenClasses() []string {
	types := make([]chroma.TokenType, 0, len(chroma.StandardTypes))
	for t := range chroma.StandardTypes {
		types = append(types, t)
	}
	slices.Sort(types)
	var out []string
	for _, t := range types {
		if c := class(t); c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// rules returns, for each class Highlight can write, the declarations that
// give it the style's look, in a fixed property order. Like chroma's HTML
// formatter it leaves out what a token shares with the background, so such
// tokens take the frame's colours.
func rules(s *chroma.Style) map[string][]decl {
	bg := s.Get(chroma.Background)
	out := make(map[string][]decl)
	for t, cls := range chroma.StandardTypes {
		if class(t) != cls || cls == "" {
			continue // a class Highlight never writes
		}
		e := s.Get(t).Sub(bg)
		var props []decl
		if e.Colour.IsSet() {
			props = append(props, decl{"color", e.Colour.String()})
		}
		if e.Background.IsSet() {
			props = append(props, decl{"background-color", e.Background.String()})
		}
		if e.Bold == chroma.Yes {
			props = append(props, decl{"font-weight", "bold"})
		}
		if e.Italic == chroma.Yes {
			props = append(props, decl{"font-style", "italic"})
		}
		if e.Underline == chroma.Yes {
			props = append(props, decl{"text-decoration", "underline"})
		}
		if len(props) > 0 {
			out[cls] = props
		}
	}
	return out
}

// overlay returns the declarations to write over base so that a class looks
// as top alone makes it look: top's, then a reset for each property base
// sets and top does not, or light colours would show through on the dark
// background.
func overlay(base, top []decl) []decl {
	out := slices.Clone(top)
	for _, d := range base {
		if !slices.ContainsFunc(top, func(t decl) bool { return t.prop == d.prop }) {
			out = append(out, decl{d.prop, reset(d.prop)})
		}
	}
	return out
}

// reset returns the value that undoes a property set by a token rule.
func reset(prop string) string {
	switch prop {
	case "background-color":
		return "transparent"
	case "text-decoration":
		return "none"
	default: // color, font-weight, font-style: the frame's
		return "inherit"
	}
}

// join writes declarations as the body of a CSS rule.
func join(decls []decl) string {
	parts := make([]string, len(decls))
	for i, d := range decls {
		parts[i] = d.prop + ": " + d.value + ";"
	}
	return strings.Join(parts, " ")
}
