package themes

import (
	"encoding/xml"
	"io"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"
)

func read(t *testing.T, name string) string {
	t.Helper()
	b, err := fs.ReadFile(Default(), name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestDefaultHasTheThemeFiles(t *testing.T) {
	for _, name := range []string{
		"layouts/page.html",
		"static/docgen.css",
		"static/docgen.js",
		"static/docgen-theme.js",
		"icons/link.svg",
	} {
		if _, err := fs.Stat(Default(), name); err != nil {
			t.Errorf("default theme: %v", err)
		}
	}
}

// requiredIcons are the icons real content and the layouts use.
var requiredIcons = []string{
	"celebration", "storage", "fit_screen", "arrow_back", "cable", "menu",
	"close", "search", "light_mode", "dark_mode", "content_copy", "check",
	"info", "warning", "lightbulb", "arrow_forward", "link", "article",
	"expand_more", "chevron_right", "edit",
	// The layout and media tags: tile icons, the player's play button.
	"open_in_new", "play_circle", "administration", "collaboration", "discovery",
	"governance", "insight", "lineage", "quality", "steward", "observability",
	"mediation", "manage_accounts", "person_add", "notifications",
}

func TestRequiredIcons(t *testing.T) {
	for _, name := range requiredIcons {
		if _, err := fs.Stat(Default(), "icons/"+name+".svg"); err != nil {
			t.Errorf("missing icon: %v", err)
		}
	}
}

// allowedSVG lists the elements and attributes an icon may use: plain
// shapes, nothing that runs, loads or styles.
var allowedSVG = map[string][]string{
	"svg":    {"xmlns", "viewBox", "fill"},
	"g":      {"transform"},
	"path":   {"d", "fill-rule", "clip-rule", "transform"},
	"rect":   {"x", "y", "width", "height", "rx", "ry", "transform"},
	"circle": {"cx", "cy", "r"},
}

func TestIcons(t *testing.T) {
	entries, err := fs.ReadDir(Default(), "icons")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			if path.Ext(e.Name()) != ".svg" {
				t.Fatalf("not an .svg file")
			}
			src := read(t, "icons/"+e.Name())
			if !strings.HasPrefix(src, "<svg ") {
				t.Errorf("does not start with <svg")
			}
			dec := xml.NewDecoder(strings.NewReader(src))
			depth := 0
			for {
				tok, err := dec.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("not well-formed: %v", err)
				}
				switch tok := tok.(type) {
				case xml.StartElement:
					depth++
					allowed, ok := allowedSVG[tok.Name.Local]
					if !ok {
						t.Errorf("element <%s> is not allowed", tok.Name.Local)
					}
					attrs := map[string]string{}
					for _, a := range tok.Attr {
						name := a.Name.Local
						if a.Name.Space == "" && name == "xmlns" || a.Name.Local == "xmlns" {
							name = "xmlns"
						}
						attrs[name] = a.Value
						if !contains(allowed, name) {
							t.Errorf("<%s %s=...> is not allowed", tok.Name.Local, name)
						}
					}
					if depth == 1 {
						if tok.Name.Local != "svg" {
							t.Errorf("root is <%s>", tok.Name.Local)
						}
						if attrs["viewBox"] != "0 0 24 24" {
							t.Errorf("viewBox = %q, want 0 0 24 24", attrs["viewBox"])
						}
						if attrs["fill"] != "currentColor" {
							t.Errorf(`fill = %q, want currentColor`, attrs["fill"])
						}
						if v, ok := attrs["xmlns"]; ok && v != "http://www.w3.org/2000/svg" {
							t.Errorf("xmlns = %q", v)
						}
					}
				case xml.EndElement:
					depth--
				}
			}
			if len(src) > 2048 {
				t.Errorf("icon is %d bytes; keep icons small", len(src))
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// The pages must work under Content-Security-Policy: default-src 'self'
// and make no request to any other host.
func TestStaticFilesStayOnTheSite(t *testing.T) {
	forbidden := map[string][]string{
		".css": {"url(", "@import", "@font-face", "http:", "https:", "expression("},
		".js":  {"fetch(", "XMLHttpRequest", "WebSocket", "EventSource", "sendBeacon", "import(", "eval(", "Function(", "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "http:", "https:", ".style."},
	}
	// The search script fetches the search index, at the URL the page
	// gives it on its own site (and the policy's default-src 'self' holds
	// it there: the browser test serves the site under that policy).
	allowed := map[string]string{"static/docgen-search.js": "fetch("}
	err := fs.WalkDir(Default(), "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src := blockComment.ReplaceAllString(read(t, p), "")
		for _, f := range forbidden[path.Ext(p)] {
			if strings.Contains(src, f) && allowed[p] != f {
				t.Errorf("%s contains %q", p, f)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

var blockComment = regexp.MustCompile(`(?s)/\*.*?\*/`)

var (
	scriptTag = regexp.MustCompile(`(?i)<script\b[^>]*>`)
	styleAttr = regexp.MustCompile(`(?i)<[^>]*\sstyle\s*=`)
	onAttr    = regexp.MustCompile(`(?i)<[^>]*\son[a-z]+\s*=`)
)

func TestLayoutsHaveNoInlineScriptOrStyle(t *testing.T) {
	err := fs.WalkDir(Default(), "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src := read(t, p)
		for _, tag := range scriptTag.FindAllString(src, -1) {
			if !strings.Contains(tag, " src=") {
				t.Errorf("%s: inline script %s", p, tag)
			}
		}
		if m := styleAttr.FindString(src); m != "" {
			t.Errorf("%s: style attribute in %s", p, m)
		}
		if m := onAttr.FindString(src); m != "" {
			t.Errorf("%s: event handler in %s", p, m)
		}
		if strings.Contains(strings.ToLower(src), "<style") {
			t.Errorf("%s: <style> element", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The dark palette is written twice in docgen.css (for data-theme="dark"
// and for the system preference); the copies must not drift apart.
func TestDarkPalettesAgree(t *testing.T) {
	css := read(t, "static/docgen.css")
	block := func(selector string) map[string]string {
		i := strings.Index(css, selector+" {")
		if i < 0 {
			t.Fatalf("no %q block in docgen.css", selector)
		}
		body := css[i+len(selector)+2:]
		body = body[:strings.Index(body, "}")]
		decls := map[string]string{}
		for _, d := range strings.Split(body, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(d), ":")
			if ok {
				decls[strings.TrimSpace(k)] = strings.TrimSpace(v)
			}
		}
		return decls
	}
	chosen := block(`html[data-theme="dark"]`)
	system := block(`html:not([data-theme="light"])`)
	if len(chosen) < 20 {
		t.Fatalf("dark palette has %d declarations; did the block move?", len(chosen))
	}
	for k, v := range chosen {
		if system[k] != v {
			t.Errorf("%s: %q when chosen, %q from the system preference", k, v, system[k])
		}
	}
	for k := range system {
		if _, ok := chosen[k]; !ok {
			t.Errorf("%s only in the system-preference dark palette", k)
		}
	}
	// Every colour the light palette sets, the dark one sets too.
	light := block("html")
	for k := range light {
		if strings.HasPrefix(k, "--dg-") && !strings.Contains(k, "font") && !strings.Contains(k, "mono") &&
			k != "--dg-header-h" && k != "--dg-radius" {
			if _, ok := chosen[k]; !ok {
				t.Errorf("%s has no dark value", k)
			}
		}
	}
}
