package shortcodes

// APIDescription is the prose of an API section.
func APIDescription() *Schema {
	return &Schema{
		Name:   "apiDescription",
		Doc:    "The text of an API section.",
		Render: container("div", "dg-api__text"),
	}
}
