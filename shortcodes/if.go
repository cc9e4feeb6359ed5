package shortcodes

import (
	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/parser"
)

// If is Markdoc's conditional: {% if $cond %} ... {% else /%} ... {% /if %}.
// Its primary value must be a boolean, an object, null or an expression.
func If() *Schema {
	return &Schema{
		Name: "if",
		Attributes: map[string]Attribute{
			"primary": {Check: checkCondition, Doc: "the condition"},
		},
		Doc: "Shows its content when the condition holds; else branches follow {% else /%}.",
	}
}

// checkCondition accepts what Markdoc's conditional type accepts: a boolean,
// null or an object (arrays are objects in JavaScript).
func checkCondition(v parser.Value, _ Env) []Problem {
	switch v.(type) {
	case bool, nil, *parser.Object, []parser.Value, parser.Sigil:
		return nil
	}
	return []Problem{{ID: "attribute-type-invalid", Level: diag.Error,
		Msg: "condition must be a boolean, an object, null or a variable, not " + FormatValue(v)}}
}
