package shortcodes

// CollateContent is content only the collate edition shows, in a block or
// inside a sentence: {% collateContent %}Collate{% /collateContent %}.
// edition is the edition being built.
func CollateContent(edition string) *Schema {
	return editionContent("collateContent", EditionCollate, edition,
		"Content shown only in the collate edition of the docs (the site's edition setting).")
}
