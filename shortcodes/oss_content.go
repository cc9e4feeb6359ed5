package shortcodes

// OSSContent is content only the oss edition shows, in a block or inside a
// sentence: {% ossContent %}OpenMetadata{% /ossContent %}. edition is the
// edition being built.
func OSSContent(edition string) *Schema {
	return editionContent("ossContent", EditionOSS, edition,
		"Content shown only in the oss edition of the docs (the site's edition setting).")
}
