package shortcodes

// InlineCalloutContainer lays out inlineCallout cards in a responsive grid.
func InlineCalloutContainer() *Schema {
	return &Schema{
		Name:      "inlineCalloutContainer",
		Placement: BlockOnly,
		Doc:       "A responsive grid of inlineCallout cards.",
	}
}
