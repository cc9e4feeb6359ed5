package shortcodes

// InlineCallout is a card link: the bold title, the body as description, an
// icon and an accent colour.
func InlineCallout() *Schema {
	return &Schema{
		Name: "inlineCallout",
		Attributes: map[string]Attribute{
			"bold":  {Type: String, Required: true, Doc: "the card's title"},
			"href":  {Type: String, Required: true, Doc: "where the card links; a path without a version stays in the page's version"},
			"icon":  {Type: String, Doc: "a Material-style icon name, such as celebration or storage"},
			"color": {Type: String, Doc: "the accent colour, such as violet-70"},
		},
		Doc: "A card that links to another page.",
	}
}
