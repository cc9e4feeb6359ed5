package shortcodes

import "io"

// CodePreview shows explanations beside a code listing:
//
//	{% codePreview %}
//	{% codeInfoContainer %}
//	{% codeInfo srNumber=1 %}What the first piece does.{% /codeInfo %}
//	{% /codeInfoContainer %}
//	{% codeBlock fileName="config.yaml" %}
//	```yaml {% srNumber=1 %}
//	...
//	```
//	{% /codeBlock %}
//	{% /codePreview %}
//
// Explanation N and the code pieces marked srNumber=N carry the same
// number, so the pairing reads without script; with script, the pieces of
// the explanation being read (hovered, focused or clicked) are highlighted.
func CodePreview() *Schema {
	return &Schema{
		Name:      "codePreview",
		Placement: BlockOnly,
		Doc:       "Explanations (codeInfoContainer) beside the code they explain (codeBlock).",
		Render: func(w io.Writer, c *Call) error {
			if _, err := io.WriteString(w, `<div class="dg-codepreview">`+"\n"); err != nil {
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
