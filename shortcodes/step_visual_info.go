package shortcodes

// StepVisualInfo is what a step shows beside its text: an image, a video,
// code.
func StepVisualInfo() *Schema {
	return &Schema{
		Name:   "stepVisualInfo",
		Doc:    "The image, video or code of a step, beside its text on wide screens.",
		Render: container("div", "dg-step__visual"),
	}
}
