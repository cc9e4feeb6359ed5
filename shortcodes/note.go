package shortcodes

import "github.com/docgen/docgen/parser"

// Note is an admonition: {% note noteType="Warning" %} ... {% /note %}.
func Note() *Schema {
	return &Schema{
		Name: "note",
		Attributes: map[string]Attribute{
			"noteType": {Type: String, Matches: []parser.Value{"Note", "Warning", "Tip"}, Doc: "Note (the default), Warning or Tip"},
		},
		Doc: "A highlighted note, warning or tip.",
	}
}
