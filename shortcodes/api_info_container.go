package shortcodes

// APIInfoContainer is one section of an API reference page: an
// apiDescription beside an apiVisualInfo.
func APIInfoContainer() *Schema {
	return &Schema{
		Name:   "apiInfoContainer",
		Doc:    "An API section: apiDescription and apiVisualInfo, side by side on wide screens.",
		Render: container("div", "dg-api__section"),
	}
}
