package shortcodes

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// update rewrites the golden files: go test ./shortcodes -update, or
// DOCGEN_UPDATE=1 go test ./...
var update = flag.Bool("update", os.Getenv("DOCGEN_UPDATE") != "", "rewrite golden files")

// goldenCase is a use of a tag whose HTML is kept in
// testdata/golden/<name>.html, with the warnings it gives after it.
type goldenCase struct {
	name    string
	schema  *Schema
	attrs   map[string]any
	inline  bool
	content string
}

func goldenCases() []goldenCase {
	cell := "<p>inside</p>"
	return []goldenCase{
		{"tiles-container", TilesContainer(), nil, false, `<div class="dg-tile">…</div>`},
		{"tile-link-icon", Tile(), map[string]any{"title": "Lineage", "description": "Trace data <upstream>.", "link": "/how-to-guides/lineage", "icon": "lineage"}, false, ""},
		{"tile-external", Tile(), map[string]any{"title": "Slack", "link": "https://slack.example.org/", "isExternalLink": true}, false, ""},
		{"tile-external-flag", Tile(), map[string]any{"title": "Blog", "link": "/blog", "isExternalLink": true}, false, ""},
		{"tile-content-no-link", Tile(), map[string]any{"title": "Entities"}, false, "<ul><li>Import and export</li></ul>"},
		{"tile-inline", Tile(), map[string]any{"title": "T", "link": "/x"}, true, ""},
		{"connectors-list-container", ConnectorsListContainer(), nil, false, `<a class="dg-connector">…</a>`},
		{"connector-info-card", ConnectorInfoCard(""), map[string]any{"name": "Athena", "stage": "PROD", "href": "/connectors/database/athena", "platform": "OpenMetadata"}, false, ""},
		{"connector-info-card-beta", ConnectorInfoCard(""), map[string]any{"name": "Cassandra", "stage": "BETA", "href": "/connectors/database/cassandra"}, false, ""},
		{"connector-info-card-odd-stage", ConnectorInfoCard(""), map[string]any{"name": "X", "stage": "alpha <1>", "href": "/x"}, false, ""},
		{"connector-details-header", ConnectorDetailsHeader(""), map[string]any{"name": "Tableau", "stage": "PROD", "platform": "OpenMetadata",
			"availableFeatures": []any{"Dashboards", "Charts"}, "unavailableFeatures": []any{"Tags"}, "availableFeaturesCollate": []any{"Reverse Metadata"}}, false, ""},
		{"connector-info-card-collate-in-oss", ConnectorInfoCard("oss"), map[string]any{"name": "Alation", "href": "/connectors/metadata/alation", "platform": "Collate"}, false, ""},
		{"connector-info-card-collate-in-collate", ConnectorInfoCard("collate"), map[string]any{"name": "Alation", "href": "/connectors/metadata/alation", "platform": "Collate"}, false, ""},
		{"connector-info-card-oss-in-oss", ConnectorInfoCard("oss"), map[string]any{"name": "Athena", "href": "/connectors/database/athena", "platform": "OpenMetadata"}, false, ""},
		{"connector-details-header-oss", ConnectorDetailsHeader("oss"), map[string]any{"name": "Postgres",
			"availableFeatures": []any{"Metadata"}, "availableFeaturesCollate": []any{"Reverse Metadata"}}, false, ""},
		{"connector-details-header-collate", ConnectorDetailsHeader("collate"), map[string]any{"name": "Postgres",
			"availableFeatures": []any{"Metadata"}, "availableFeaturesCollate": []any{"Reverse Metadata"}}, false, ""},
		{"connector-details-header-empty", ConnectorDetailsHeader(""), map[string]any{"name": "Atlas", "availableFeatures": []any{}, "unavailableFeatures": []any{}}, false, ""},
		{"connector-details-header-bad-entry", ConnectorDetailsHeader(""), map[string]any{"name": "Y", "availableFeatures": []any{"Lineage", 3.0}}, false, ""},
		{"multi-tables-wrapper", MultiTablesWrapper(), nil, false, "<table></table><table></table>"},
		{"divider", Divider(), nil, false, ""},
		{"divider-inline", Divider(), nil, true, ""},
		{"steps-container", StepsContainer(), nil, false, `<div class="dg-step">…</div>`},
		{"step", Step(), map[string]any{"srNumber": 7.0}, false, cell},
		{"step-no-number", Step(), nil, false, cell},
		{"step-description", StepDescription(), map[string]any{"title": "1. Create the service"}, false, cell},
		{"step-description-no-title", StepDescription(), nil, false, cell},
		{"step-description-inline", StepDescription(), map[string]any{"title": "Go"}, true, "text"},
		{"step-visual-info", StepVisualInfo(), nil, false, `<figure class="dg-figure">…</figure>`},
		{"extra-content", ExtraContent(), map[string]any{"parentTagName": "stepsContainer"}, false, cell},
		{"youtube", YouTube(), map[string]any{"videoId": "ld43_jafL9w", "start": "0:00", "end": "6:47"}, false, ""},
		{"youtube-caption-start", YouTube(), map[string]any{"videoId": "ld43_jafL9w", "start": "1:02:05", "caption": `Deploy "it" <now>`}, false, ""},
		{"youtube-plain", YouTube(), map[string]any{"videoId": "ld43_jafL9w"}, false, ""},
		{"youtube-end-before-start", YouTube(), map[string]any{"videoId": "ld43_jafL9w", "start": "2:00", "end": 60.0}, false, ""},
		{"youtube-inline", YouTube(), map[string]any{"videoId": "ld43_jafL9w", "caption": "dropped inline"}, true, ""},
		{"story-lane", StoryLane(), map[string]any{"demoId": "abc123xyz"}, false, ""},
		{"story-lane-width-caption", StoryLane(), map[string]any{"demoId": "abc123xyz", "width": "75%", "caption": "Explore lineage"}, false, ""},
		{"story-lane-width-pixels", StoryLane(), map[string]any{"demoId": "abc123xyz", "width": "800px"}, false, ""},
		{"icon-check", Icon(), map[string]any{"iconName": "check"}, true, ""},
		{"icon-cross", Icon(), map[string]any{"iconName": "cross"}, true, ""},
		{"icon-label", Icon(), map[string]any{"iconName": "lock_open", "label": "no sign-in needed"}, true, ""},
		{"icon-name-only", Icon(), map[string]any{"iconName": "cloud_done"}, true, ""},
		{"banner", Banner(), map[string]any{"heading": "New in 1.9", "content": "Faster ingestion.", "videoId": "ld43_jafL9w", "bgColor": "violet-70"}, false, cell},
		{"banner-plain", Banner(), map[string]any{"heading": "Heads up", "bgColor": "white"}, false, ""},
		{"banner-bad-colour", Banner(), map[string]any{"heading": "H", "bgColor": "#fff; x"}, false, ""},
		{"callout", Callout(), map[string]any{"title": "Before you start"}, false, cell},
		{"callout-untitled", Callout(), nil, false, cell},
		{"api-page-container", APIPageContainer(), nil, false, `<div class="dg-api__section">…</div>`},
		{"api-info-container", APIInfoContainer(), nil, false, `<div class="dg-api__text">…</div>`},
		{"api-description", APIDescription(), nil, false, "<h2>Create a table</h2>"},
		{"api-visual-info", APIVisualInfo(), nil, false, `<div class="dg-code">…</div>`},
	}
}

// layoutTags are the tags of the layout, steps, media and API-page files,
// each of which must have a golden case.
var layoutTags = []string{
	"tilesContainer", "tile", "connectorsListContainer", "connectorInfoCard", "connectorDetailsHeader",
	"multiTablesWrapper", "divider", "stepsContainer", "step", "stepDescription", "stepVisualInfo",
	"extraContent", "youtube", "storyLane", "icon", "banner", "callout",
	"apiPageContainer", "apiInfoContainer", "apiDescription", "apiVisualInfo",
}

func TestGoldenCoversLayoutTags(t *testing.T) {
	covered := map[string]bool{}
	for _, tc := range goldenCases() {
		covered[tc.schema.Name] = true
	}
	reg := Builtin()
	for _, name := range layoutTags {
		if _, ok := reg.Lookup(name); !ok {
			t.Errorf("%s is not a built-in tag", name)
		}
		if !covered[name] {
			t.Errorf("%s has no golden case", name)
		}
	}
}

// TestGolden renders each golden case with the fake context and compares
// the HTML, and the warnings the tag gave, with its golden file. Golden
// files no case renders fail the run.
func TestGolden(t *testing.T) {
	dir := filepath.Join("testdata", "golden")
	cases := goldenCases()
	names := map[string]bool{}
	for _, tc := range cases {
		if names[tc.name] {
			t.Fatalf("two golden cases are named %s", tc.name)
		}
		names[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			html, ctx := render(t, tc.schema, tc.attrs, tc.inline, tc.content)
			got := html + "\n"
			for _, w := range ctx.warnings {
				got += "warning: " + w + "\n"
			}
			file := filepath.Join(dir, tc.name+".html")
			if *update {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test ./shortcodes -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs:\n got: %s\nwant: %s", file, got, want)
			}
		})
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.html"))
	for _, f := range files {
		if !names[strings.TrimSuffix(filepath.Base(f), ".html")] {
			t.Errorf("orphaned golden file %s: no case renders it", f)
		}
	}
}
