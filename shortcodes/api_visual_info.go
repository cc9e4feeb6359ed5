package shortcodes

// APIVisualInfo is the code or image beside an API section's text.
func APIVisualInfo() *Schema {
	return &Schema{
		Name:   "apiVisualInfo",
		Doc:    "The code or image of an API section, beside its text on wide screens.",
		Render: container("div", "dg-api__visual"),
	}
}
