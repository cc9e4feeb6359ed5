package shortcodes

import (
	"fmt"
	"html/template"
	"io"
)

// Banner is a highlighted band with a heading, a line of text and
// optionally a video beside them:
// {% banner heading="New in 1.9" content="..." videoId="ld43_jafL9w" /%}.
func Banner() *Schema {
	return &Schema{
		Name: "banner",
		Attributes: map[string]Attribute{
			"heading": {Type: String, Doc: "the banner's title"},
			"content": {Type: String, Doc: "a line of text under the title (the tag's own content follows it)"},
			"videoId": {Type: String, Check: checkVideoID, Doc: "a YouTube video shown beside the text, as the youtube tag shows it"},
			"bgColor": {Type: String, Doc: `an accent colour such as violet-70; "white" (the default) is the page's own`},
		},
		Doc:    "A highlighted band with a title, text and an optional video.",
		Render: renderBanner,
	}
}

func renderBanner(w io.Writer, c *Call) error {
	esc := template.HTMLEscapeString
	div, p := blockOr(c, "div"), blockOr(c, "p")
	accent := ""
	switch color := c.String("bgColor"); {
	case color == "" || color == "white":
	case accentPattern.MatchString(color):
		accent = fmt.Sprintf(` data-accent="%s"`, esc(color))
	default:
		c.Ctx.Warn("attribute-value-invalid", "bgColor %q is not a theme colour such as violet-70; the banner keeps the default colour", color)
	}
	fmt.Fprintf(w, `<%s class="dg-banner"%s><%s class="dg-banner__text">`, div, accent, div)
	if h := c.String("heading"); h != "" {
		fmt.Fprintf(w, `<%s class="dg-banner__heading">%s</%s>`, p, esc(h), p)
	}
	if t := c.String("content"); t != "" {
		fmt.Fprintf(w, `<%s>%s</%s>`, p, esc(t), p)
	}
	if err := c.Content(w); err != nil {
		return err
	}
	fmt.Fprintf(w, "</%s>", div)
	if id := c.String("videoId"); id != "" && !c.Inline {
		io.WriteString(w, `<div class="dg-banner__media">`)
		video := &Call{Name: "youtube", Attrs: map[string]any{"videoId": id}, Ctx: c.Ctx, Content: func(io.Writer) error { return nil }}
		if err := renderYouTube(w, video); err != nil {
			return err
		}
		io.WriteString(w, "</div>")
	}
	_, err := fmt.Fprintf(w, "</%s>", div)
	return err
}
