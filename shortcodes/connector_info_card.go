package shortcodes

import (
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/parser"
)

// ConnectorInfoCard is a card linking to a connector's page, with its
// development stage and the platform it is available in:
//
//	{% connectorInfoCard name="Athena" stage="PROD" href="/connectors/database/athena" platform="OpenMetadata" / %}
//
// edition is the product edition being built (see EditionLayoutTags): a
// build of another edition than collate leaves out the cards of connectors
// only Collate has, whose pages it does not build; "" shows every card.
func ConnectorInfoCard(edition string) *Schema {
	return &Schema{
		Name:        "connectorInfoCard",
		SelfClosing: true,
		Attributes: map[string]Attribute{
			"name":     {Type: String, Required: true, ErrorLevel: diag.Warning, Doc: "the connector's name"},
			"stage":    stageAttribute(),
			"href":     {Type: String, Required: true, ErrorLevel: diag.Warning, Doc: "the connector's page; a path without a version stays in the page's version"},
			"platform": platformAttribute(),
		},
		Doc: "A card that links to a connector's page, with its stage and platform.",
		Render: func(w io.Writer, c *Call) error {
			if edition != "" && edition != editionCollate && strings.EqualFold(c.String("platform"), editionCollate) {
				return nil
			}
			return renderConnectorInfoCard(w, c)
		},
	}
}

// stageAttribute declares a connector's development stage, for
// connectorInfoCard and connectorDetailsHeader.
func stageAttribute() Attribute {
	return Attribute{Type: String, Matches: []parser.Value{"PROD", "BETA"}, ErrorLevel: diag.Warning,
		Doc: "the connector's development stage: PROD (the default) or BETA"}
}

// platformAttribute declares the product a connector is available in.
func platformAttribute() Attribute {
	return Attribute{Type: String, Doc: "the product the connector is available in, such as OpenMetadata"}
}

func renderConnectorInfoCard(w io.Writer, c *Call) error {
	esc := template.HTMLEscapeString
	fmt.Fprintf(w, `<a class="dg-connector" href="%s"><span class="dg-connector__name">%s</span>%s`,
		esc(c.Ctx.Link(c.String("href"))), esc(c.String("name")), stageBadge(c.String("stage")))
	if p := c.String("platform"); p != "" {
		fmt.Fprintf(w, `<span class="dg-connector__platform">Available in %s</span>`, esc(p))
	}
	_, err := io.WriteString(w, "</a>")
	return err
}

// stageBadge is the badge of a development stage: PROD unless the tag says
// otherwise, as the docs these tags come from assume.
func stageBadge(stage string) string {
	if stage == "" {
		stage = "PROD"
	}
	kind := "other"
	switch s := strings.ToLower(stage); s {
	case "prod", "beta":
		kind = s
	}
	return fmt.Sprintf(`<span class="dg-stage dg-stage--%s"><span class="dg-visually-hidden">Stage: </span>%s</span>`,
		kind, template.HTMLEscapeString(stage))
}
