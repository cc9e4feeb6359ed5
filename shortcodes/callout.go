package shortcodes

import (
	"fmt"
	"html/template"
	"io"
)

// Callout sets its content apart in a box, under an optional title:
// {% callout title="Before you start" %}...{% /callout %}.
func Callout() *Schema {
	return &Schema{
		Name: "callout",
		Attributes: map[string]Attribute{
			"title": {Type: String, Doc: "a title at the top of the box"},
		},
		Doc:    "A box that sets its content apart, with an optional title.",
		Render: renderCallout,
	}
}

func renderCallout(w io.Writer, c *Call) error {
	tag := blockOr(c, "aside")
	fmt.Fprintf(w, `<%s class="dg-note dg-note--callout" role="note">`, tag)
	if title := c.String("title"); title != "" {
		fmt.Fprintf(w, `<span class="dg-note__title">%s</span>`, template.HTMLEscapeString(title))
	}
	if err := c.Content(w); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "</%s>", tag)
	return err
}
