package shortcodes

// APIPageContainer holds the sections of an API reference page, each an
// apiInfoContainer.
func APIPageContainer() *Schema {
	return &Schema{
		Name:   "apiPageContainer",
		Doc:    "An API reference page: apiInfoContainer sections.",
		Render: container("div", "dg-api"),
	}
}
