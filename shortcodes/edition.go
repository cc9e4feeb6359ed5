package shortcodes

import "io"

// The editions of a product's docs that collateContent and ossContent
// choose between: one build per edition.
const (
	EditionOSS     = "oss"
	EditionCollate = "collate"
	// DefaultEdition is the edition of a site that names none.
	DefaultEdition = EditionOSS
)

// Editions lists the editions a site may be built as.
func Editions() []string { return []string{EditionOSS, EditionCollate} }

// EditionTags returns collateContent and ossContent for a build of the
// given edition, to replace the default ones in a registry.
func EditionTags(edition string) []*Schema {
	return []*Schema{CollateContent(edition), OSSContent(edition)}
}

// editionContent is a tag whose content only the builds of one edition
// show; the other edition renders nothing in its place.
func editionContent(name, shownIn, edition, doc string) *Schema {
	shown := edition == shownIn
	return &Schema{
		Name: name,
		Doc:  doc,
		Render: func(w io.Writer, c *Call) error {
			if !shown {
				return nil
			}
			return c.Content(w)
		},
	}
}
