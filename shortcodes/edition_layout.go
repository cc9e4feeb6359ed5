package shortcodes

// editionCollate is the product edition that has the connectors and
// features the connector tags mark as Collate's.
const editionCollate = "collate"

// EditionLayoutTags returns connectorInfoCard and connectorDetailsHeader for
// a build of one product edition ("oss" or "collate"), to replace in a
// registry the ones Builtin has, which show every edition's connectors and
// features. The oss edition leaves out the cards of connectors only Collate
// has (their pages, collate: true, are not built) and the features only
// Collate has; the collate edition lists those features as available.
func EditionLayoutTags(edition string) []*Schema {
	return []*Schema{ConnectorInfoCard(edition), ConnectorDetailsHeader(edition)}
}
