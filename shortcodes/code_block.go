package shortcodes

import (
	"fmt"
	"html/template"
	"io"
)

// CodeBlock is the code listing of a codePreview: its fences, and the
// fences of the partials it includes, are pieces of one file, shown
// together under the file's name with one copy button for all of it.
func CodeBlock() *Schema {
	return &Schema{
		Name:      "codeBlock",
		Placement: BlockOnly,
		Attributes: map[string]Attribute{
			"fileName": {Type: String, Doc: "the name of the file the listing is, shown above it"},
			"theme":    codeTheme(),
		},
		JoinsFences: true,
		Doc:         "A code listing made of the fences inside it; fences marked {% srNumber=N %} pair with codeInfo N.",
		Render:      renderCodeBlock,
	}
}

func renderCodeBlock(w io.Writer, c *Call) error {
	file := c.String("fileName")
	tag, bar := "div", "div"
	if file != "" {
		tag, bar = "figure", "figcaption"
	}
	_, err := fmt.Fprintf(w, `<%s class="dg-codeblock"%s><%s class="dg-codeblock__bar">`, tag, codeThemeAttr(c), bar)
	if err != nil {
		return err
	}
	if file != "" {
		fmt.Fprintf(w, `<span class="dg-codeblock__file">%s</span>`, template.HTMLEscapeString(file))
	}
	fmt.Fprintf(w, `<button type="button" class="dg-codeblock__copy" hidden>Copy</button></%s>`+"\n"+`<div class="dg-codeblock__body">`+"\n", bar)
	if err := c.Content(w); err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "</div></%s>\n", tag)
	return err
}
