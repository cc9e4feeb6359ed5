package shortcodes

import (
	"fmt"
	"io"

	"github.com/docgen/docgen/internal/diag"
)

// Step is one step of a procedure: a stepDescription beside a
// stepVisualInfo (an image, a video or code):
//
//	{% step srNumber=1 %}
//	{% stepDescription title="1. Create the service" %}...{% /stepDescription %}
//	{% stepVisualInfo %}{% image ... /%}{% /stepVisualInfo %}
//	{% /step %}
func Step() *Schema {
	return &Schema{
		Name: "step",
		Attributes: map[string]Attribute{
			// The step's number is in its title, as authors write it; this
			// one only identifies the step.
			"srNumber": {Type: Number, ErrorLevel: diag.Warning, Doc: "the step's number on the page"},
		},
		Doc:    "One step: a stepDescription and a stepVisualInfo, side by side on wide screens.",
		Render: renderStep,
	}
}

func renderStep(w io.Writer, c *Call) error {
	el := blockOr(c, "div")
	fmt.Fprintf(w, `<%s class="dg-step"`, el)
	if n, ok := c.Attrs["srNumber"].(float64); ok {
		fmt.Fprintf(w, ` data-step="%s"`, Format(n))
	}
	io.WriteString(w, ">")
	if err := c.Content(w); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "</%s>", el)
	return err
}
