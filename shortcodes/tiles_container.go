package shortcodes

// TilesContainer lays out tile cards in a responsive grid.
func TilesContainer() *Schema {
	return &Schema{
		Name:   "tilesContainer",
		Doc:    "A responsive grid of tile cards.",
		Render: container("div", "dg-tiles"),
	}
}
