package shortcodes

import (
	"fmt"
	"io"
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/parser"
)

// StoryLane shows an interactive Storylane demo the way YouTube shows a
// video: a link to the demo that, with JavaScript, loads it in place when
// the reader clicks it (the site's policy must allow frame-src
// https://app.storylane.io):
//
//	{% storyLane demoId="abc123xyz" width="80%" caption="..." /%}
func StoryLane() *Schema {
	return &Schema{
		Name:        "storyLane",
		SelfClosing: true,
		Attributes: map[string]Attribute{
			"demoId":  {Type: String, Required: true, Check: checkDemoID, Doc: "the demo's id, the last part of its Storylane address"},
			"width":   {Type: String, Check: checkWidth, ErrorLevel: diag.Warning, Doc: `the share of the page's width the demo takes, such as "80%" (the default)`},
			"caption": {Type: String, Doc: "a caption under the demo, also the player's title"},
		},
		Doc:    "An interactive Storylane demo, loaded only when the reader opens it.",
		Render: renderStoryLane,
	}
}

var demoIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

func checkDemoID(v parser.Value, _ Env) []Problem {
	if s, ok := v.(string); ok && demoIDPattern.MatchString(s) {
		return nil
	}
	return []Problem{{ID: "attribute-value-invalid", Level: diag.Error,
		Msg: "demoId must be a Storylane demo id (letters, digits, - and _), not " + FormatValue(v)}}
}

func checkWidth(v parser.Value, _ Env) []Problem {
	if _, ok := widthStep(v); ok {
		return nil
	}
	return []Problem{{ID: "attribute-value-invalid", Level: diag.Warning,
		Msg: `width must be a percentage of the page's width, such as "80%", not ` + FormatValue(v) + "; the demo takes the whole width"}}
}

// widthStep reads a percentage width as the nearest tenth the stylesheet
// has a class for: "75%" → 80. A width in pixels has no place in a column
// whose width depends on the reader's screen, and inline styles are not
// allowed under the theme's policy.
func widthStep(v any) (int, bool) {
	s, ok := v.(string)
	if !ok {
		return 0, false
	}
	num, pct := strings.CutSuffix(strings.TrimSpace(s), "%")
	n, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || !pct || n <= 0 || n > 100 {
		return 0, false
	}
	return int(max(1, math.Round(n/10))) * 10, true
}

func renderStoryLane(w io.Writer, c *Call) error {
	id := c.String("demoId")
	width := 80
	if v, ok := c.Attrs["width"]; ok {
		width, ok = widthStep(v)
		if !ok {
			width = 100
		}
	}
	caption := c.String("caption")
	title := caption
	if title == "" {
		title = "Interactive demo"
	}
	demo := "https://app.storylane.io/demo/" + url.PathEscape(id)
	return writeEmbed(w, c, embed{
		kind:    "demo",
		href:    demo,
		player:  demo,
		title:   title,
		action:  "Open the interactive demo",
		meta:    "on Storylane",
		caption: caption,
		class:   fmt.Sprintf("dg-embed--w%d", width),
	})
}
