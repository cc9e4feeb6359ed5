package shortcodes

// ConnectorsListContainer lays out connectorInfoCard cards in a grid.
func ConnectorsListContainer() *Schema {
	return &Schema{
		Name:   "connectorsListContainer",
		Doc:    "A grid of connectorInfoCard cards.",
		Render: container("div", "dg-connectors"),
	}
}
