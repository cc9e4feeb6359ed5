package shortcodes

import (
	"io"

	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/parser"
)

// Partial includes another file: {% partial file="/v1.9/x.md" variables={a: 1} /%}.
func Partial() *Schema {
	return &Schema{
		Name:        "partial",
		Placement:   BlockOnly,
		SelfClosing: true,
		Attributes: map[string]Attribute{
			"file":      {Required: true, Check: checkPartialFile, Doc: "the partial's path under partials/"},
			"variables": {Type: Object, Doc: "variables bound inside the partial"},
		},
		Doc: "Includes a partial file in place.",
		Render: func(w io.Writer, c *Call) error {
			vars, _ := c.Attrs["variables"].(map[string]any)
			return c.Ctx.Partial(w, c.String("file"), vars)
		},
	}
}

func checkPartialFile(v parser.Value, env Env) []Problem {
	s, ok := v.(string)
	if !ok {
		// Markdoc reports a non-string file as a missing partial, with
		// this id; the message says what is really wrong.
		return []Problem{{ID: "attribute-value-invalid", Level: diag.Error,
			Msg: "partial file must be a string path, not " + FormatValue(v)}}
	}
	if env != nil && env.PartialExists(s) {
		return nil
	}
	return []Problem{{ID: "attribute-value-invalid", Level: diag.Error,
		Msg: "partial " + FormatValue(v) + " not found"}}
}
