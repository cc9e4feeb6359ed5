package shortcodes

import (
	"fmt"
	"html/template"
	"io"

	"github.com/docgen/docgen/internal/diag"
)

// ConnectorDetailsHeader heads a connector's page: its name (the page's
// heading), stage and platform, and which features it has:
//
//	{% connectorDetailsHeader name="Tableau" stage="PROD" platform="OpenMetadata"
//	  availableFeatures=["Dashboards", "Charts"] unavailableFeatures=["Tags"] / %}
//
// edition is the product edition being built (see EditionLayoutTags): the
// collate edition lists availableFeaturesCollate with the other available
// features, another edition leaves them out, and "" lists them apart as
// available in Collate.
func ConnectorDetailsHeader(edition string) *Schema {
	return &Schema{
		Name:        "connectorDetailsHeader",
		SelfClosing: true,
		Attributes: map[string]Attribute{
			"name":                     {Type: String, Required: true, ErrorLevel: diag.Warning, Doc: "the connector's name"},
			"stage":                    stageAttribute(),
			"platform":                 platformAttribute(),
			"availableFeatures":        {Type: Array, Doc: "the features the connector has"},
			"unavailableFeatures":      {Type: Array, Doc: "the features it does not have"},
			"availableFeaturesCollate": {Type: Array, Doc: "the features it has only in the Collate edition"},
		},
		Doc:    "The header of a connector's page: name, stage, platform and feature list.",
		Render: func(w io.Writer, c *Call) error { return renderConnectorDetailsHeader(w, c, edition) },
	}
}

// featureGroup is a list of features, with its label and the icon that
// marks each feature.
type featureGroup struct {
	features          []string
	kind, label, icon string
}

// featureGroups returns the feature lists of a header, in the order shown,
// for a build of edition.
func featureGroups(c *Call, edition string) []featureGroup {
	yes := featureGroup{c.stringList("availableFeatures"), "yes", "Available", "check"}
	collate := featureGroup{c.stringList("availableFeaturesCollate"), "collate", "Available in Collate", "check"}
	no := featureGroup{c.stringList("unavailableFeatures"), "no", "Not available", "close"}
	switch edition {
	case "":
		return []featureGroup{yes, collate, no}
	case editionCollate:
		yes.features = append(yes.features, collate.features...)
	}
	return []featureGroup{yes, no}
}

func renderConnectorDetailsHeader(w io.Writer, c *Call, edition string) error {
	esc := template.HTMLEscapeString
	div, p := blockOr(c, "div"), blockOr(c, "p")
	fmt.Fprintf(w, `<%s class="dg-connector-header"><%s class="dg-connector-header__top">`, div, div)
	if name := c.String("name"); name != "" {
		// The name heads the page: pages that start with this tag have no
		// heading of their own.
		heading(w, c, "dg-connector-header__name", name, true)
	}
	io.WriteString(w, stageBadge(c.String("stage")))
	if pl := c.String("platform"); pl != "" {
		fmt.Fprintf(w, `<%s class="dg-connector-header__platform">Available in %s</%s>`, p, esc(pl), p)
	}
	fmt.Fprintf(w, "</%s>", div)
	listed := false
	for _, g := range featureGroups(c, edition) {
		features := g.features
		if len(features) == 0 || c.Inline {
			continue
		}
		if !listed {
			io.WriteString(w, `<dl class="dg-features">`)
			listed = true
		}
		fmt.Fprintf(w, `<div class="dg-features__group dg-features__group--%s"><dt>%s</dt><dd><ul>`, g.kind, g.label)
		icon := c.Ctx.Icon(g.icon)
		for _, f := range features {
			fmt.Fprintf(w, `<li>%s%s</li>`, icon, esc(f))
		}
		io.WriteString(w, "</ul></dd></div>")
	}
	if listed {
		io.WriteString(w, "</dl>")
	}
	_, err := fmt.Fprintf(w, "</%s>", div)
	return err
}
