package shortcodes

import (
	"fmt"
	"html/template"
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
	esc := template.HTMLEscapeString
	el := blockOr(c, "div")
	fmt.Fprintf(w, `<%s class="dg-step__text">`, el)
	if title := c.String("title"); title != "" {
		if c.Inline {
			fmt.Fprintf(w, `<strong class="dg-step__title">%s</strong> `, esc(title))
		} else {
			level, id := c.Ctx.Heading(title)
			fmt.Fprintf(w, `<h%d class="dg-step__title"`, level)
			if id != "" {
				fmt.Fprintf(w, ` id="%s">`, esc(id))
				fmt.Fprintf(w, `<a class="dg-anchor" href="#%s" aria-hidden="true" tabindex="-1">#</a>`, esc(id))
			} else {
				io.WriteString(w, ">")
			}
			fmt.Fprintf(w, "%s</h%d>", esc(title), level)
		}
	}
	if err := c.Content(w); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "</%s>", el)
	return err
}
