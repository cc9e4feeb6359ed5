package shortcodes

import (
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/docgen/docgen/parser"
)

// Note is an admonition: {% note noteType="Warning" %} ... {% /note %}.
func Note() *Schema {
	return &Schema{
		Name: "note",
		Attributes: map[string]Attribute{
			"noteType": {Type: String, Matches: []parser.Value{"Note", "Warning", "Tip"}, Doc: "Note (the default), Warning or Tip"},
		},
		Doc:    "A highlighted note, warning or tip.",
		Render: renderNote,
	}
}

var noteIcons = map[string]string{"note": "info", "warning": "warning", "tip": "lightbulb"}

func renderNote(w io.Writer, c *Call) error {
	kind := c.String("noteType")
	if _, ok := noteIcons[strings.ToLower(kind)]; !ok {
		kind = "Note"
	}
	lower := strings.ToLower(kind)
	tag := "aside"
	if c.Inline {
		tag = "span"
	}
	_, err := fmt.Fprintf(w, `<%s class="dg-note dg-note--%s" role="note"><span class="dg-note__title">%s %s</span>`,
		tag, lower, c.Ctx.Icon(noteIcons[lower]), template.HTMLEscapeString(kind))
	if err != nil {
		return err
	}
	if err := c.Content(w); err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "</%s>", tag)
	return err
}
