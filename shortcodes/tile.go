package shortcodes

import (
	"fmt"
	"html/template"
	"io"

	"github.com/docgen/docgen/internal/diag"
)

// Tile is a card with a title, a description and optionally an icon, a
// link and content of its own:
//
//	{% tile title="Lineage" description="..." link="/how-to-guides/lineage" icon="lineage" /%}
func Tile() *Schema {
	return &Schema{
		Name: "tile",
		Attributes: map[string]Attribute{
			"title":          {Type: String, Required: true, ErrorLevel: diag.Warning, Doc: "the card's title"},
			"description":    {Type: String, Doc: "a line under the title"},
			"link":           {Type: String, Doc: "where the card links; a path without a version stays in the page's version"},
			"icon":           {Type: String, Doc: "an icon name, such as governance, discovery or a Material icon"},
			"isExternalLink": {Type: Boolean, Doc: "the link leaves the site (links with a scheme, such as https:, are known to)"},
		},
		Doc:    "A card in a tilesContainer: a title, a description, an icon, a link and any content.",
		Render: renderTile,
	}
}

// renderTile writes the card. The title is the link, stretched over the
// whole card by the stylesheet, so the card has one link with the title as
// its name and the links inside its content still work.
func renderTile(w io.Writer, c *Call) error {
	esc := template.HTMLEscapeString
	div, p := blockOr(c, "div"), blockOr(c, "p")
	link := c.String("link")
	class := "dg-tile"
	if link != "" {
		class += " dg-tile--link"
	}
	fmt.Fprintf(w, `<%s class="%s">`, div, class)
	if icon := c.String("icon"); icon != "" {
		fmt.Fprintf(w, `<span class="dg-tile__icon" aria-hidden="true">%s</span>`, c.Ctx.Icon(icon))
	}
	fmt.Fprintf(w, `<%s class="dg-tile__body"><%s class="dg-tile__title">`, div, p)
	title := esc(c.String("title"))
	if link != "" {
		// An author's "external" link is kept as written, as the docs these
		// tags come from do; a link with a scheme is external anyway.
		external, _ := c.Attrs["isExternalLink"].(bool)
		href := link
		if !external {
			href = c.Ctx.Link(link)
		}
		external = external || isExternal(link)
		fmt.Fprintf(w, `<a class="dg-tile__link" href="%s">%s`, esc(href), title)
		if external {
			io.WriteString(w, externalMark(c))
		}
		io.WriteString(w, "</a>")
	} else {
		io.WriteString(w, title)
	}
	fmt.Fprintf(w, "</%s>", p)
	if d := c.String("description"); d != "" {
		fmt.Fprintf(w, `<%s class="dg-tile__text">%s</%s>`, p, esc(d), p)
	}
	if c.HasContent {
		fmt.Fprintf(w, `<%s class="dg-tile__content">`, div)
		if err := c.Content(w); err != nil {
			return err
		}
		fmt.Fprintf(w, "</%s>", div)
	}
	_, err := fmt.Fprintf(w, "</%s></%s>", div, div)
	return err
}
