package shortcodes

// Slot names a part of its parent tag's content.
func Slot() *Schema {
	return &Schema{
		Name: "slot",
		Attributes: map[string]Attribute{
			"primary": {Type: String, Required: true, Doc: "the slot name"},
		},
		Doc: "A named part of the enclosing tag.",
	}
}
