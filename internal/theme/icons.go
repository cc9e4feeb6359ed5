package theme

import (
	"bytes"
	"errors"
	"html/template"
	"regexp"
	"strings"
	"unicode"
)

// FallbackIcon is the icon to use when Icon does not know a name: a
// generic link.
const FallbackIcon = "link"

// iconAliases maps names that docs commonly use to the theme's icons.
var iconAliases = map[string]string{
	"arrow_left":             "arrow_back",
	"keyboard_back":          "arrow_back",
	"west":                   "arrow_back",
	"arrow_right":            "arrow_forward",
	"east":                   "arrow_forward",
	"note":                   "info",
	"tip":                    "lightbulb",
	"lightbulb_outline":      "lightbulb",
	"tips_and_updates":       "lightbulb",
	"caution":                "warning",
	"warning_amber":          "warning",
	"report_problem":         "warning",
	"danger":                 "error",
	"description":            "article",
	"docs":                   "article",
	"hamburger":              "menu",
	"copy":                   "content_copy",
	"done":                   "check",
	"party":                  "celebration",
	"database":               "storage",
	"dns":                    "storage",
	"plug":                   "cable",
	"power":                  "cable",
	"fullscreen":             "fit_screen",
	"shield":                 "security",
	"verified_user":          "security",
	"vpn_key":                "key",
	"password":               "key",
	"cloud_queue":            "cloud",
	"launch":                 "open_in_new",
	"external":               "open_in_new",
	"sun":                    "light_mode",
	"moon":                   "dark_mode",
	"x":                      "close",
	"cross":                  "close",
	"play":                   "play_circle",
	"play_arrow":             "play_circle",
	"visibility":             "observability",
	"share":                  "lineage",
	"account_tree":           "lineage",
	"group":                  "collaboration",
	"groups":                 "collaboration",
	"people":                 "collaboration",
	"supervisor_account":     "collaboration",
	"admin_panel_settings":   "security",
	"insights":               "insight",
	"analytics":              "insight",
	"bar_chart":              "insight",
	"tune":                   "administration",
	"explore":                "discovery",
	"account_balance":        "governance",
	"verified":               "quality",
	"verified_user_outline":  "quality",
	"notifications_none":     "notifications",
	"notification_important": "notifications",
	"person_add_alt":         "person_add",
}

// Icon returns the inline SVG of a Material-style icon, marked
// aria-hidden and with the class dg-icon, and whether the theme has it.
//
// Names are matched without regard to case, with '-' or ' ' read as '_'.
// React-icons names work too: an Md prefix (and MdOutline) is dropped and
// CamelCase becomes snake_case, so MdArrowBack is arrow_back. When ok is
// false, callers use Icon(FallbackIcon).
func (t *Theme) Icon(name string) (svg template.HTML, ok bool) {
	canon := canonicalIcon(name)
	if s, ok := t.icons[canon]; ok {
		return s, true
	}
	if s, ok := t.icons[iconAliases[canon]]; ok {
		return s, true
	}
	// "arrowback", "MDARROWBACK": no word boundaries to go by.
	sq := strings.ReplaceAll(canon, "_", "")
	for _, prefix := range []string{"", "mdoutline", "md"} {
		if rest, ok := strings.CutPrefix(sq, prefix); ok && rest != "" {
			if c, ok := t.squashed[rest]; ok {
				return t.icons[c], true
			}
		}
	}
	return "", false
}

// iconOrFallback is the layouts' icon function: the icon, or the fallback.
func (t *Theme) iconOrFallback(name string) template.HTML {
	if s, ok := t.Icon(name); ok {
		return s
	}
	s, _ := t.Icon(FallbackIcon)
	return s
}

// canonicalIcon turns an icon name as authors write it into the theme's
// file naming: "MdArrowBack" → "arrow_back", "Fit-Screen" → "fit_screen".
func canonicalIcon(name string) string {
	name = strings.TrimSpace(name)
	name = strings.TrimSuffix(name, ".svg")
	if rest, ok := strings.CutPrefix(name, "Md"); ok && startsWord(rest) {
		name = rest
		// react-icons' outlined variants; the theme draws one style.
		for _, v := range []string{"Outline", "Outlined", "Round", "Rounded", "Sharp", "TwoTone"} {
			if r, ok := strings.CutPrefix(name, v); ok && startsWord(r) {
				name = r
				break
			}
		}
	}
	// Snake case: '-', ' ' and '_' separate words, and so does an upper-case
	// letter after a lower-case one or a digit ("fitScreen"), or before a
	// lower-case one after upper-case ones ("HTTPServer" → "http_server").
	rs := []rune(name)
	var b strings.Builder
	sep := func() {
		if s := b.String(); s != "" && !strings.HasSuffix(s, "_") {
			b.WriteByte('_')
		}
	}
	for i, r := range rs {
		switch {
		case r == '-' || r == ' ' || r == '_':
			sep()
			continue
		case unicode.IsUpper(r) && i > 0:
			prev := rs[i-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || unicode.IsUpper(prev) && nextLower {
				sep()
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.Trim(b.String(), "_")
}

// startsWord reports whether s starts with an upper-case letter or a digit,
// as the rest of a CamelCase name does ("Md" + "ArrowBack", "Md" + "3dRotation").
func startsWord(s string) bool {
	return s != "" && (unicode.IsUpper(rune(s[0])) || unicode.IsDigit(rune(s[0])))
}

var (
	svgOpen = regexp.MustCompile(`(?s)^<svg\b([^>]*)>`)
	svgAttr = regexp.MustCompile(`([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("[^"]*"|'[^']*')`)
	// svgPrologue matches what may precede the <svg> element of a file.
	svgPrologue = regexp.MustCompile(`(?s)^(\s+|<\?xml.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)`)
	newlines    = regexp.MustCompile(`\s*[\r\n]+\s*`)
	svgUnsafe   = regexp.MustCompile(`(?i)<script|<foreignObject|\son[a-z]+\s*=|javascript:`)
)

// inlineSVG prepares an icon file for inlining in HTML: the prologue goes,
// the root gets class="dg-icon" aria-hidden="true" focusable="false", and
// its xmlns, width and height go (HTML needs no namespace, CSS sizes it).
func inlineSVG(data []byte) (template.HTML, error) {
	for {
		loc := svgPrologue.FindIndex(data)
		if loc == nil {
			break
		}
		data = data[loc[1]:]
	}
	data = bytes.TrimSpace(data)
	if svgUnsafe.Match(data) {
		return "", errors.New("icon has a script, an event handler or a foreignObject")
	}
	m := svgOpen.FindSubmatchIndex(data)
	if m == nil {
		return "", errors.New("icon does not start with an <svg> element")
	}
	class := "dg-icon"
	var attrs strings.Builder
	for _, a := range svgAttr.FindAllSubmatch(data[m[2]:m[3]], -1) {
		key := string(a[1])
		switch strings.ToLower(key) {
		case "xmlns", "width", "height", "aria-hidden", "focusable", "role":
			continue
		case "class":
			if v := strings.TrimSpace(string(a[2][1 : len(a[2])-1])); v != "" {
				class += " " + v
			}
			continue
		}
		attrs.WriteByte(' ')
		attrs.Write(a[1])
		attrs.WriteByte('=')
		attrs.Write(a[2])
	}
	selfClosing := bytes.HasSuffix(bytes.TrimSpace(data[m[2]:m[3]]), []byte("/"))
	var b strings.Builder
	b.WriteString(`<svg class="` + template.HTMLEscapeString(class) + `" aria-hidden="true" focusable="false"`)
	b.WriteString(attrs.String())
	if selfClosing {
		b.WriteString("></svg>")
	} else {
		b.WriteByte('>')
		// One line, so that the icon can sit inside inline markup.
		b.Write(newlines.ReplaceAll(data[m[1]:], []byte(" ")))
	}
	return template.HTML(b.String()), nil
}
