package shortcodes

import (
	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/parser"
)

// ExtraContent is text between the steps of a stepsContainer or the
// explanations of a codePreview:
// {% extraContent parentTagName="stepsContainer" %}...{% /extraContent %}.
func ExtraContent() *Schema {
	return &Schema{
		Name: "extraContent",
		Attributes: map[string]Attribute{
			"parentTagName": {Type: String, Matches: []parser.Value{"stepsContainer", "codePreview"}, ErrorLevel: diag.Warning,
				Doc: "the tag it stands in: stepsContainer or codePreview"},
		},
		Doc:    "Text between steps, or between the explanations of a codePreview.",
		Render: container("div", "dg-extra"),
	}
}
