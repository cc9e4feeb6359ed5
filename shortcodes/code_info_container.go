package shortcodes

import "io"

// CodeInfoContainer holds the codeInfo explanations of a codePreview.
func CodeInfoContainer() *Schema {
	return &Schema{
		Name:      "codeInfoContainer",
		Placement: BlockOnly,
		Doc:       "The explanations of a codePreview, in reading order.",
		Render: func(w io.Writer, c *Call) error {
			if _, err := io.WriteString(w, `<div class="dg-codepreview__info">`+"\n"); err != nil {
				return err
			}
			if err := c.Content(w); err != nil {
				return err
			}
			_, err := io.WriteString(w, "</div>\n")
			return err
		},
	}
}
