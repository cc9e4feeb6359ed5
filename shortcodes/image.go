package shortcodes

import (
	"fmt"
	"html/template"
	"io"

	"github.com/docgen/docgen/internal/diag"
)

// Image is a figure: {% image src="/images/v1.9/x.png" alt="..." caption="..." /%}.
func Image() *Schema {
	return &Schema{
		Name:        "image",
		SelfClosing: true,
		Attributes: map[string]Attribute{
			"src": {Type: String, Required: true, Doc: "the image path, under the site's static files"},
			// Markdoc leaves alt optional; a docs site that wants to be
			// accessible does not, but a missing alt must not stop a build.
			"alt":     {Type: String, Required: true, ErrorLevel: diag.Warning, Doc: "text for readers who cannot see the image"},
			"caption": {Type: String, Doc: "a caption shown under the image"},
		},
		Doc:    "An image, with its intrinsic size so the page does not jump while it loads.",
		Render: renderImage,
	}
}

func renderImage(w io.Writer, c *Call) error {
	img, _ := c.Ctx.Image(c.String("src"))
	esc := template.HTMLEscapeString
	open, close := "<figure class=\"dg-figure\">", "</figure>"
	if c.Inline {
		open, close = "<span class=\"dg-figure dg-figure--inline\">", "</span>"
	}
	size := ""
	if img.Width > 0 && img.Height > 0 {
		size = fmt.Sprintf(` width="%d" height="%d"`, img.Width, img.Height)
	}
	_, err := fmt.Fprintf(w, `%s<img src="%s" alt="%s"%s loading="lazy" decoding="async">`,
		open, esc(img.URL), esc(c.String("alt")), size)
	if err != nil {
		return err
	}
	if caption := c.String("caption"); caption != "" && !c.Inline {
		fmt.Fprintf(w, "<figcaption>%s</figcaption>", esc(caption))
	}
	_, err = io.WriteString(w, close)
	return err
}
