package shortcodes

import (
	"fmt"
	"html/template"
	"io"

	"github.com/docgen/docgen/internal/diag"
)

// CodeInfo explains the pieces of a codeBlock marked with the same number:
// {% codeInfo srNumber=2 %}**password**: ...{% /codeInfo %}.
func CodeInfo() *Schema {
	return &Schema{
		Name:      "codeInfo",
		Placement: BlockOnly,
		Attributes: map[string]Attribute{
			// Without it the explanation still shows, unpaired: a warning.
			"srNumber": {Type: Number, Required: true, ErrorLevel: diag.Warning,
				Doc: "the number of the code pieces it explains (```yaml {% srNumber=2 %})"},
		},
		Doc:    "One explanation of a codePreview, paired with the code pieces of the same srNumber.",
		Render: renderCodeInfo,
	}
}

func renderCodeInfo(w io.Writer, c *Call) error {
	sr := ""
	if v, ok := c.Attrs["srNumber"]; ok && v != nil {
		sr = template.HTMLEscapeString(Format(v))
	}
	var err error
	if sr == "" {
		_, err = io.WriteString(w, `<div class="dg-codeinfo"><div class="dg-codeinfo__body">`+"\n")
	} else {
		_, err = fmt.Fprintf(w, `<div class="dg-codeinfo" data-sr="%s"><span class="dg-codeinfo__sr"><span class="dg-visually-hidden">Explanation </span>%s</span><div class="dg-codeinfo__body">`+"\n", sr, sr)
	}
	if err != nil {
		return err
	}
	if err := c.Content(w); err != nil {
		return err
	}
	_, err = io.WriteString(w, "</div></div>\n")
	return err
}
