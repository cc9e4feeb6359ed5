package shortcodes

// StepsContainer holds the steps of a procedure: step tags, extraContent
// between them, and partials that bring more steps.
func StepsContainer() *Schema {
	return &Schema{
		Name:   "stepsContainer",
		Doc:    "The steps of a procedure, each a step tag.",
		Render: container("div", "dg-steps"),
	}
}
