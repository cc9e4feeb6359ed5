package shortcodes

import (
	"fmt"
	"html/template"
	"io"
	"regexp"
)

// InlineCallout is a card link: the bold title, the body as description, an
// icon and an accent colour.
func InlineCallout() *Schema {
	return &Schema{
		Name: "inlineCallout",
		Attributes: map[string]Attribute{
			"bold":  {Type: String, Required: true, Doc: "the card's title"},
			"href":  {Type: String, Required: true, Doc: "where the card links; a path without a version stays in the page's version"},
			"icon":  {Type: String, Doc: "a Material-style icon name, such as celebration or storage"},
			"color": {Type: String, Doc: "the accent colour, such as violet-70"},
		},
		Doc:    "A card that links to another page.",
		Render: renderInlineCallout,
	}
}

// accentPattern is what the theme can colour: a hue and a shade.
var accentPattern = regexp.MustCompile(`^[a-z]+-[0-9]{1,3}$`)

func renderInlineCallout(w io.Writer, c *Call) error {
	esc := template.HTMLEscapeString
	accent := ""
	if color := c.String("color"); color != "" {
		if accentPattern.MatchString(color) {
			accent = fmt.Sprintf(` data-accent="%s"`, esc(color))
		} else {
			c.Ctx.Warn("attribute-value-invalid", "color %q is not a theme colour such as violet-70; the default accent is used", color)
		}
	}
	icon := template.HTML("")
	if name := c.String("icon"); name != "" {
		icon = c.Ctx.Icon(name)
	}
	_, err := fmt.Fprintf(w, `<a class="dg-callout" href="%s"%s><span class="dg-callout__icon" aria-hidden="true">%s</span><div class="dg-callout__body"><span class="dg-callout__title">%s</span><div class="dg-callout__text">`,
		esc(c.Ctx.Link(c.String("href"))), accent, icon, esc(c.String("bold")))
	if err != nil {
		return err
	}
	if err := c.Content(w); err != nil {
		return err
	}
	_, err = io.WriteString(w, "</div></div></a>")
	return err
}
