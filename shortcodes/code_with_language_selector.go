package shortcodes

import (
	"fmt"
	"html/template"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/parser"
)

// CodeWithLanguageSelector shows the same code in several languages as
// tabs, one per fence inside it, keyed by the fence's info string:
//
//	{% codeWithLanguageSelector title="Install" languagesArray=["python","java"] %}
//	```python
//	...
//	```
//	```java
//	...
//	```
//	{% /codeWithLanguageSelector %}
//
// Without script every panel shows, each under its name; with script the
// panels become WAI-ARIA tabs, and the reader's choice is remembered for
// every selector of the site that offers it.
func CodeWithLanguageSelector() *Schema {
	return &Schema{
		Name:      "codeWithLanguageSelector",
		Placement: BlockOnly,
		Attributes: map[string]Attribute{
			"title":          {Type: String, Doc: "the title shown above the tabs"},
			"languagesArray": {Type: Array, Doc: "the tab order, by fence language; fences not listed get tabs after these"},
			"theme":          codeTheme(),
			// id is Markdoc's global attribute: the element's id.
		},
		Doc:    "Tabs with the same code in several languages, one per fence.",
		Render: renderLanguageSelector,
	}
}

// codeTheme declares the theme attribute of the code tags. Code colours
// follow the reader's light or dark setting, so a theme only styles the
// frame; "dark", which pages sometimes ask for, is what a dark reader sees
// anyway, and gets a warning naming the allowed values.
func codeTheme() Attribute {
	return Attribute{Type: String, Matches: []parser.Value{"default", "gray", "light"}, ErrorLevel: diag.Warning,
		Doc: "the frame's colour: default, gray or light (code colours follow the reader's light/dark setting)"}
}

// codeThemeAttr returns the data attribute that styles a frame, or "".
func codeThemeAttr(c *Call) string {
	switch t := c.String("theme"); t {
	case "gray", "light":
		return ` data-code-theme="` + t + `"`
	}
	return ""
}

// tabPanel is one tab of a selector and the fences it shows.
type tabPanel struct {
	key, name string
	fences    []Child
}

func renderLanguageSelector(w io.Writer, c *Call) error {
	title := c.String("title")
	var order []string
	listed := map[string]bool{}
	if list, ok := c.Attrs["languagesArray"].([]any); ok {
		for _, v := range list {
			s, ok := v.(string)
			if !ok || strings.TrimSpace(s) == "" {
				c.Ctx.Warn("attribute-value-invalid", "languagesArray lists fence languages as strings; %s is not one", FormatValue(v))
				continue
			}
			k := langKey(s)
			if !listed[k] {
				listed[k] = true
				order = append(order, k)
			}
		}
	}
	panels := map[string]*tabPanel{}
	var extra []string
	for _, ch := range c.Children {
		if ch.Type != "fence" {
			continue
		}
		k := langKey(ch.Lang)
		if k == "" {
			k = "text"
			c.Ctx.Warn("fence-language-missing", "a fence in codeWithLanguageSelector has no language, so its tab is named %q: write its language after the backticks", langName(k))
		}
		p := panels[k]
		if p == nil {
			p = &tabPanel{key: k, name: langName(ch.Lang)}
			if ch.Lang == "" {
				p.name = langName(k)
			}
			panels[k] = p
			if !listed[k] {
				extra = append(extra, k)
				if len(order) > 0 && ch.Lang != "" {
					c.Ctx.Warn("attribute-value-invalid", "fence language %q is not in languagesArray %s; its tab comes after the listed ones", ch.Lang, formatStrings(order))
				}
			}
		} else {
			c.Ctx.Warn("fence-duplicate", "two fences have the language %q; both show under its tab", ch.Lang)
		}
		p.fences = append(p.fences, ch)
	}
	var tabs []*tabPanel
	for _, k := range order {
		if p := panels[k]; p != nil {
			tabs = append(tabs, p)
		} else {
			c.Ctx.Warn("attribute-value-invalid", "languagesArray lists %q, but no fence inside has that language", k)
		}
	}
	for _, k := range extra {
		tabs = append(tabs, panels[k])
	}
	if len(tabs) == 0 {
		c.Ctx.Warn("tag-content-invalid", "codeWithLanguageSelector holds no fenced code, so it has no tabs")
	}

	esc := template.HTMLEscapeString
	label := title
	if label == "" {
		label = "Code language"
	}
	id := ""
	if s := c.String("id"); s != "" {
		id = ` id="` + esc(s) + `"`
	}
	fmt.Fprintf(w, `<div class="dg-tabs"%s%s><div class="dg-tabs__head">`, id, codeThemeAttr(c))
	if title != "" {
		fmt.Fprintf(w, `<span class="dg-tabs__title">%s</span>`, esc(title))
	}
	fmt.Fprintf(w, `<div class="dg-tabs__list" role="tablist" aria-label="%s" hidden>`, esc(label))
	for i, p := range tabs {
		sel := "false"
		if i == 0 {
			sel = "true"
		}
		fmt.Fprintf(w, `<button type="button" role="tab" class="dg-tabs__tab" data-lang="%s" aria-selected="%s">%s</button>`, esc(p.key), sel, esc(p.name))
	}
	if _, err := io.WriteString(w, "</div></div>\n"); err != nil {
		return err
	}
	// Content other than fences (a sentence between them) keeps its place
	// before the panels; each panel carries its name for readers without
	// script.
	for _, ch := range c.Children {
		if ch.Type == "fence" {
			continue
		}
		if err := ch.Render(w); err != nil {
			return err
		}
	}
	for _, p := range tabs {
		fmt.Fprintf(w, `<div class="dg-tabs__panel" data-lang="%s"><p class="dg-tabs__name">%s</p>`+"\n", esc(p.key), esc(p.name))
		for _, f := range p.fences {
			if err := f.Render(w); err != nil {
				return err
			}
		}
		if _, err := io.WriteString(w, "</div>\n"); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "</div>\n")
	return err
}

// langKey is how a tab is known across selectors and pages: choosing
// "Python" in one selector chooses "py" in every other.
func langKey(lang string) string {
	k := strings.ToLower(strings.TrimSpace(lang))
	if c, ok := langAliases[k]; ok {
		return c
	}
	return k
}

// langAliases are the spellings of one language, by the key they share.
var langAliases = map[string]string{
	"js": "javascript", "node": "javascript", "nodejs": "javascript", "ts": "typescript",
	"py": "python", "python3": "python", "golang": "go", "rb": "ruby", "cs": "csharp",
	"yml": "yaml", "ps1": "powershell", "k8s": "kubernetes", "dotenv": "env",
	"plain": "text", "plaintext": "text", "txt": "text",
}

// langNames are the display names of languages whose key is not how they
// are written.
var langNames = map[string]string{
	"bash": "Bash", "sh": "Shell", "shell": "Shell", "zsh": "Zsh", "powershell": "PowerShell", "ps1": "PowerShell",
	"cmd": "Command Prompt", "console": "Console",
	"c": "C", "cpp": "C++", "csharp": "C#", "cs": "C#", "fsharp": "F#", "go": "Go", "golang": "Go",
	"java": "Java", "kotlin": "Kotlin", "scala": "Scala", "groovy": "Groovy", "rust": "Rust", "swift": "Swift",
	"javascript": "JavaScript", "js": "JavaScript", "jsx": "JSX", "typescript": "TypeScript", "ts": "TypeScript", "tsx": "TSX",
	"node": "Node.js", "nodejs": "Node.js", "python": "Python", "py": "Python", "python3": "Python",
	"ruby": "Ruby", "rb": "Ruby", "php": "PHP", "perl": "Perl", "r": "R", "dart": "Dart", "elixir": "Elixir",
	"json": "JSON", "yaml": "YAML", "yml": "YAML", "toml": "TOML", "xml": "XML", "html": "HTML", "css": "CSS",
	"ini": "INI", "env": ".env", "dotenv": ".env", "properties": "Properties",
	"sql": "SQL", "graphql": "GraphQL", "curl": "cURL", "http": "HTTP", "docker": "Docker", "dockerfile": "Dockerfile",
	"hcl": "HCL", "terraform": "Terraform", "helm": "Helm", "k8s": "Kubernetes", "kubernetes": "Kubernetes",
	"text": "Text", "plain": "Text", "plaintext": "Text", "txt": "Text",
}

// langName is a tab's name: a known language's usual spelling, else the
// info string as written, capitalised ("authcode" → "Authcode").
func langName(lang string) string {
	lang = strings.TrimSpace(lang)
	if n, ok := langNames[strings.ToLower(lang)]; ok {
		return n
	}
	if lang == "" {
		return "Code"
	}
	r, size := utf8.DecodeRuneInString(lang)
	return string(unicode.ToUpper(r)) + lang[size:]
}

func formatStrings(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
