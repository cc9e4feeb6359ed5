package shortcodes

import (
	"fmt"
	"io"
)

// StepDescription is the text of a step, under its title:
// {% stepDescription title="2. Configure the connection" %}...{% /stepDescription %}.
// The title is a heading one level below the page's current section, with
// the id Markdown headings get, so links to it keep working.
func StepDescription() *Schema {
	return &Schema{
		Name: "stepDescription",
		Attributes: map[string]Attribute{
			"title": {Type: String, Doc: "the step's title, shown as a heading"},
		},
		Doc:    "The title and text of a step.",
		Render: renderStepDescription,
	}
}

func renderStepDescription(w io.Writer, c *Call) error {
	el := blockOr(c, "div")
	fmt.Fprintf(w, `<%s class="dg-step__text">`, el)
	if title := c.String("title"); title != "" {
		heading(w, c, "dg-step__title", title, false)
	}
	if err := c.Content(w); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "</%s>", el)
	return err
}
