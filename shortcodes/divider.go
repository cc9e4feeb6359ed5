package shortcodes

import "io"

// Divider is a horizontal rule between parts of a page: {% divider /%}.
func Divider() *Schema {
	return &Schema{
		Name:        "divider",
		SelfClosing: true,
		Doc:         "A horizontal rule.",
		Render: func(w io.Writer, c *Call) error {
			if c.Inline {
				_, err := io.WriteString(w, `<span class="dg-divider" role="separator"></span>`)
				return err
			}
			_, err := io.WriteString(w, `<hr class="dg-divider">`)
			return err
		},
	}
}
