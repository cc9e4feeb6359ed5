package shortcodes

// Else separates the branches of an if tag; its optional primary value makes
// it an else-if.
func Else() *Schema {
	return &Schema{
		Name:        "else",
		SelfClosing: true,
		Attributes: map[string]Attribute{
			"primary": {Check: checkCondition, Doc: "the else-if condition"},
		},
		Doc: "Starts the next branch of an if tag.",
	}
}
