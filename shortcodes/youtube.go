package shortcodes

import (
	"fmt"
	"html/template"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/parser"
)

// YouTube shows a video as a link to it on YouTube that, with JavaScript,
// turns into the player from YouTube's privacy-enhanced domain when the
// reader clicks it:
//
//	{% youtube videoId="ld43_jafL9w" start="0:00" end="6:47" caption="..." /%}
//
// Nothing is loaded from another host until the click: the thumbnail is
// drawn by the theme, not fetched from YouTube, so a page does not tell
// YouTube who reads it, and it works under the theme's
// Content-Security-Policy (default-src 'self'). The player itself needs the
// site's policy to allow frame-src https://www.youtube-nocookie.com; where
// it does not, the click opens the video on YouTube, as without script.
func YouTube() *Schema {
	return &Schema{
		Name:        "youtube",
		SelfClosing: true,
		Attributes: map[string]Attribute{
			"videoId": {Type: String, Required: true, Check: checkVideoID, Doc: "the video's id, the v= of its YouTube address"},
			"start":   {Check: checkTime, ErrorLevel: diag.Warning, Doc: `where to start, as "1:05", "1:02:05" or seconds`},
			"end":     {Check: checkTime, ErrorLevel: diag.Warning, Doc: `where to stop, as "6:47" or seconds`},
			"caption": {Type: String, Doc: "a caption under the video, also the player's title"},
		},
		Doc:    "A YouTube video, loaded only when the reader plays it.",
		Render: renderYouTube,
	}
}

var videoIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{11}$`)

func checkVideoID(v parser.Value, _ Env) []Problem {
	if s, ok := v.(string); ok && videoIDPattern.MatchString(s) {
		return nil
	}
	return []Problem{{ID: "attribute-value-invalid", Level: diag.Error,
		Msg: "videoId must be a YouTube video id, 11 letters, digits, - or _ (the v= of the video's address), not " + FormatValue(v)}}
}

func checkTime(v parser.Value, _ Env) []Problem {
	if _, ok := seconds(v); ok {
		return nil
	}
	return []Problem{{ID: "attribute-value-invalid", Level: diag.Warning,
		Msg: `a time must be minutes and seconds ("6:47"), hours too ("1:02:05") or a number of seconds, not ` + FormatValue(v)}}
}

// seconds reads a time as the youtube tag takes it.
func seconds(v any) (int, bool) {
	switch v := v.(type) {
	case float64:
		if v >= 0 && v == float64(int(v)) {
			return int(v), true
		}
	case string:
		parts := strings.Split(strings.TrimSpace(v), ":")
		if len(parts) > 3 {
			return 0, false
		}
		total := 0
		for i, p := range parts {
			n, err := strconv.Atoi(p)
			if err != nil || n < 0 || p == "" || i > 0 && (len(p) != 2 || n > 59) {
				return 0, false
			}
			total = total*60 + n
		}
		return total, true
	}
	return 0, false
}

// clock writes seconds as a video player does: 6:47, 1:02:05.
func clock(s int) string {
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

func renderYouTube(w io.Writer, c *Call) error {
	id := c.String("videoId")
	start, _ := seconds(c.Attrs["start"])
	end, hasEnd := seconds(c.Attrs["end"])
	if hasEnd && end <= start {
		c.Ctx.Warn("attribute-value-invalid", "the video ends (%s) before it starts (%s); the end is ignored", clock(end), clock(start))
		hasEnd = false
	}
	watch := "https://www.youtube.com/watch?v=" + url.QueryEscape(id)
	player := url.Values{"autoplay": {"1"}}
	meta := "on YouTube"
	if start > 0 {
		watch += "&t=" + strconv.Itoa(start) + "s"
		player.Set("start", strconv.Itoa(start))
	}
	if hasEnd {
		player.Set("end", strconv.Itoa(end))
		meta += " · " + clock(start) + "–" + clock(end)
	} else if start > 0 {
		meta += " · from " + clock(start)
	}
	caption := c.String("caption")
	title := caption
	if title == "" {
		title = "YouTube video"
	}
	return writeEmbed(w, c, embed{
		kind:    "video",
		href:    watch,
		player:  "https://www.youtube-nocookie.com/embed/" + url.PathEscape(id) + "?" + player.Encode(),
		title:   title,
		action:  "Play video",
		meta:    meta,
		caption: caption,
	})
}

// embed is a player shown as a link until the reader asks for it.
type embed struct {
	kind    string // video, demo
	href    string // the page of the media on its own site, for readers without script
	player  string // the URL of the player to load in an iframe
	title   string // the iframe's title
	action  string // the link's words: "Play video"
	meta    string // where it plays, how long
	caption string
	class   string // extra classes
}

// writeEmbed writes a click-to-load player: a link to the media's own
// page, which docgen-embed.js replaces with the player when the reader
// clicks it.
func writeEmbed(w io.Writer, c *Call, e embed) error {
	esc := template.HTMLEscapeString
	fig := blockOr(c, "figure")
	class := "dg-embed dg-embed--" + e.kind
	if e.class != "" {
		class += " " + e.class
	}
	fmt.Fprintf(w, `<%s class="%s"><a class="dg-embed__link" href="%s" data-embed="%s" data-embed-title="%s">`,
		fig, class, esc(e.href), esc(e.player), esc(e.title))
	fmt.Fprintf(w, `<span class="dg-embed__play">%s</span><span class="dg-embed__action">%s</span> <span class="dg-embed__meta">%s</span></a>`,
		c.Ctx.Icon("play_circle"), esc(e.action), esc(e.meta))
	if e.caption != "" && !c.Inline {
		fmt.Fprintf(w, "<figcaption>%s</figcaption>", esc(e.caption))
	}
	_, err := fmt.Fprintf(w, "</%s>", fig)
	return err
}
