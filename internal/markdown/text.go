package markdown

import (
	"strings"

	"github.com/docgen/docgen/parser"
	"github.com/docgen/docgen/shortcodes"
)

// ExpandText fills the {% $var %} interpolations of a line of plain text,
// such as a front matter title ("{% $brandName %} Setup"), from vars, as
// Markdoc would in the page body. It returns the text and the variables
// (as written, "$brandName") that vars does not define, which print as
// nothing; any other {% %} (a tag, a typo) is dropped too and returned in
// bad, so no tag syntax reaches a <title>.
func ExpandText(text string, vars map[string]any) (out string, undefined, bad []string) {
	if !strings.Contains(text, "{%") {
		return text, nil, nil
	}
	scope := &shortcodes.Scope{Vars: vars}
	src := []byte(text)
	var b strings.Builder
	last := 0
	for i := 0; i+1 < len(src); i++ {
		if src[i] != '{' || src[i+1] != '%' {
			continue
		}
		end := parser.FindEnd(src, i+2, "%}")
		if end < 0 {
			break
		}
		b.Write(src[last:i])
		raw, content := text[i:end+2], text[i+2:end]
		last, i = end+2, end+1
		t := parser.Parse(content)
		if t.Kind != parser.Interpolation {
			bad = append(bad, raw)
			continue
		}
		if v, ok := t.Value.(*parser.Variable); ok {
			if _, found := scope.Lookup(v.Path); !found {
				undefined = append(undefined, shortcodes.FormatValue(v))
				continue
			}
		}
		x, err := shortcodes.Eval(t.Value, scope)
		if err != nil {
			bad = append(bad, raw)
			continue
		}
		b.WriteString(shortcodes.Format(x))
	}
	b.WriteString(text[last:])
	return b.String(), undefined, bad
}
