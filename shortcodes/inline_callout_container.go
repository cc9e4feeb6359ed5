package shortcodes

import "io"

// InlineCalloutContainer lays out inlineCallout cards in a responsive grid.
func InlineCalloutContainer() *Schema {
	return &Schema{
		Name:      "inlineCalloutContainer",
		Placement: BlockOnly,
		Doc:       "A responsive grid of inlineCallout cards.",
		Render: func(w io.Writer, c *Call) error {
			if _, err := io.WriteString(w, `<div class="dg-callouts">`); err != nil {
				return err
			}
			if err := c.Content(w); err != nil {
				return err
			}
			_, err := io.WriteString(w, "</div>")
			return err
		},
	}
}
