package shortcodes

import (
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/docgen/docgen/internal/diag"
)

// Icon shows an icon in text, typically a feature table's yes or no:
// {% icon iconName="check" /%}. Screen readers get its label: "yes" for
// check, "no" for cross, the label attribute, or else the icon's name.
func Icon() *Schema {
	return &Schema{
		Name:        "icon",
		SelfClosing: true,
		Attributes: map[string]Attribute{
			"iconName": {Type: String, Required: true, ErrorLevel: diag.Warning, Doc: "the icon: check, cross, or a Material icon name"},
			"label":    {Type: String, Doc: "what the icon means, for readers who cannot see it"},
		},
		Doc:    "An icon in text, such as check or cross in a feature table.",
		Render: renderIcon,
	}
}

// iconLabels are the meanings of the icons feature tables use.
var iconLabels = map[string]string{"check": "yes", "done": "yes", "cross": "no", "close": "no"}

func renderIcon(w io.Writer, c *Call) error {
	name := c.String("iconName")
	if name == "" {
		return nil
	}
	label := c.String("label")
	if label == "" {
		label = iconLabels[strings.ToLower(name)]
	}
	if label == "" {
		label = strings.ReplaceAll(name, "_", " ")
	}
	kind := "other"
	switch strings.ToLower(name) {
	case "check", "done":
		kind = "yes"
	case "cross", "close":
		kind = "no"
	}
	_, err := fmt.Fprintf(w, `<span class="dg-icon-tag dg-icon-tag--%s" role="img" aria-label="%s">%s</span>`,
		kind, template.HTMLEscapeString(label), c.Ctx.Icon(name))
	return err
}
