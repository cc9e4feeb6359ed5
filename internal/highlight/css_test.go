package highlight

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2/styles"
)

func TestCSS(t *testing.T) {
	css, err := CSS(DefaultLight, DefaultDark)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		// Frame colours in every scope.
		":root { --dg-code-bg: #f7f7f7; --dg-code-fg: #000000; }\n",
		"@media (prefers-color-scheme: dark) {\n  html:not([data-theme=\"light\"]) { --dg-code-bg: #0d1117; --dg-code-fg: #e6edf3; }\n",
		"html[data-theme=\"dark\"] { --dg-code-bg: #0d1117; --dg-code-fg: #e6edf3; }\n",
		".chroma { color: var(--dg-code-fg); background-color: var(--dg-code-bg); }\n",
		// A light rule, and the dark one in both dark scopes.
		".chroma .k { color: #cf222e; }\n",
		"  html:not([data-theme=\"light\"]) .chroma .k { color: #ff7b72; }\n",
		"html[data-theme=\"dark\"] .chroma .k { color: #ff7b72; }\n",
		// A colour github sets and github-dark does not is reset.
		"html[data-theme=\"dark\"] .chroma .nb { color: inherit; }\n",
	} {
		if !strings.Contains(css, want) {
			t.Errorf("CSS lacks %q", want)
		}
	}
	if strings.Count(css, "{") != strings.Count(css, "}") {
		t.Error("unbalanced braces")
	}
	// The dark media block is closed before the data-theme rules.
	media := css[strings.Index(css, "@media"):]
	if end := strings.Index(media, "\n}\n"); end < 0 || strings.Contains(media[:end], `html[data-theme="dark"]`) {
		t.Error("data-theme rules inside the media block")
	}

	again, _ := CSS(DefaultLight, DefaultDark)
	if again != css {
		t.Error("CSS changed between calls")
	}
	// Names are case-insensitive, like chroma's.
	if upper, _ := CSS("GitHub", "GitHub-Dark"); upper != css {
		t.Error("CSS depends on the case of style names")
	}
}

// TestCSSDarkOverridesLight checks, for every pair of chroma styles
// tried, that wherever the light style sets a property on a class, both
// dark scopes set it too, so no light colour shows on a dark background.
func TestCSSDarkOverridesLight(t *testing.T) {
	pairs := [][2]string{{DefaultLight, DefaultDark}, {"monokailight", "dracula"}, {"xcode", "solarized-dark"}, {"bw", "native"}}
	for _, pair := range pairs {
		css, err := CSS(pair[0], pair[1])
		if err != nil {
			t.Fatal(err)
		}
		scopes := parseRules(css)
		for class, props := range scopes[""] {
			for _, scope := range []string{systemScope, darkTheme} {
				for prop := range props {
					if _, ok := scopes[scope][class][prop]; !ok {
						t.Errorf("%v: %s .chroma .%s does not set %s", pair, scope, class, prop)
					}
				}
			}
		}
		if len(scopes[systemScope]) != len(scopes[darkTheme]) {
			t.Errorf("%v: the dark scopes differ", pair)
		}
	}
}

// parseRules returns the token rules of a stylesheet written by CSS: scope
// ("" for light), class, property, value.
func parseRules(css string) map[string]map[string]map[string]string {
	out := map[string]map[string]map[string]string{}
	re := regexp.MustCompile(`(?m)^\s*(.*?)\s*\.chroma \.([a-z0-9]+) \{ (.*) \}$`)
	for _, m := range re.FindAllStringSubmatch(css, -1) {
		scope, class := m[1], m[2]
		if out[scope] == nil {
			out[scope] = map[string]map[string]string{}
		}
		props := map[string]string{}
		for _, d := range strings.Split(strings.TrimSuffix(m[3], ";"), "; ") {
			prop, value, _ := strings.Cut(d, ": ")
			props[prop] = value
		}
		out[scope][class] = props
	}
	return out
}

// TestCSSAllStyles writes the stylesheet for every style chroma ships as the
// light and as the dark one.
func TestCSSAllStyles(t *testing.T) {
	for _, name := range styles.Names() {
		for _, pair := range [][2]string{{name, DefaultDark}, {DefaultLight, name}} {
			css, err := CSS(pair[0], pair[1])
			if err != nil {
				t.Fatalf("CSS(%q, %q): %v", pair[0], pair[1], err)
			}
			if strings.Contains(css, "#-") || strings.Count(css, "{") != strings.Count(css, "}") {
				t.Errorf("CSS(%q, %q) is malformed", pair[0], pair[1])
			}
		}
	}
}

func TestCSSUnknownStyle(t *testing.T) {
	for _, pair := range [][2]string{{"githib", DefaultDark}, {DefaultLight, "no-such-dark"}, {"", DefaultDark}} {
		_, err := CSS(pair[0], pair[1])
		var use *UnknownStyleError
		if !errors.As(err, &use) {
			t.Fatalf("CSS(%q, %q): err %v, want *UnknownStyleError", pair[0], pair[1], err)
		}
		bad := pair[0]
		if bad == DefaultLight {
			bad = pair[1]
		}
		if use.Name != bad || !strings.Contains(err.Error(), `"`+bad+`"`) {
			t.Errorf("error %q does not name %q", err, bad)
		}
		if len(use.Known) == 0 || !strings.Contains(err.Error(), DefaultDark) {
			t.Errorf("error %q does not list the known styles", err)
		}
	}
}
