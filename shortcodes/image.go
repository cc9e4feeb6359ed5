package shortcodes

import "github.com/docgen/docgen/internal/diag"

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
		Doc: "An image, with its intrinsic size so the page does not jump while it loads.",
	}
}
