package build

import (
	"bytes"
	"encoding/json"
	"html"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/docgen/docgen/internal/markdown"
	"github.com/docgen/docgen/internal/site"
)

// FragmentDir is the output folder of fragments: each page's body without
// the site's chrome, for a product's help panel, and index.json describing
// them.
const FragmentDir = "_fragments"

// FragmentIndex is the content of _fragments/index.json.
type FragmentIndex struct {
	// Assets are the stylesheets and scripts a page showing fragments
	// loads: the theme's, the highlighting and the live values'.
	Assets struct {
		CSS []string `json:"css"`
		JS  []string `json:"js"`
	} `json:"assets"`
	Pages []FragmentPage `json:"pages"`
}

// FragmentPage describes one page's fragment. URLs carry the site's path
// prefix, as the product serves them.
type FragmentPage struct {
	URL      string            `json:"url"`              // the full page
	Latest   string            `json:"latest,omitempty"` // its /latest/ copy
	Version  string            `json:"version,omitempty"`
	Title    string            `json:"title"`
	Summary  string            `json:"summary,omitempty"`
	Fragment string            `json:"fragment"` // the body alone
	Headings []FragmentHeading `json:"headings"`
}

// FragmentHeading is a heading of a fragment, for a panel's outline.
type FragmentHeading struct {
	Level int    `json:"level"`
	ID    string `json:"id"`
	Text  string `json:"text"`
}

// FragmentPath is the fragment file of a page URL: "/v1/a/" →
// "_fragments/v1/a/index.html".
func FragmentPath(pageURL string) string {
	return FragmentDir + pageURL + "index.html"
}

// fragment is a page's body as a fragment, and its entry in the index.
func (b *builder) fragment(p *site.Page, body []byte, headings *markdown.Headings) (output, *FragmentPage) {
	var buf bytes.Buffer
	buf.WriteString(`<article class="dg-content dg-fragment" data-docgen-fragment data-url="`)
	buf.WriteString(escape(b.prefixed(p.URL)))
	buf.WriteString("\">\n")
	buf.Write(body)
	buf.WriteString("</article>\n")
	entry := &FragmentPage{
		URL:      b.prefixed(p.URL),
		Title:    pageTitle(p, headings),
		Summary:  p.Front.Description,
		Fragment: b.prefixed("/" + FragmentPath(p.URL)),
		Headings: []FragmentHeading{},
	}
	if latest := p.LatestURL(); latest != "" {
		entry.Latest = b.prefixed(latest)
	}
	if p.Version != nil {
		entry.Version = p.Version.Name
	}
	if entry.Summary == "" {
		entry.Summary = firstParagraph(body)
	}
	for _, h := range headings.List {
		if h.ID != "" && h.Level >= 2 {
			entry.Headings = append(entry.Headings, FragmentHeading{Level: h.Level, ID: h.ID, Text: h.Text})
		}
	}
	return output{FragmentPath(p.URL), buf.Bytes()}, entry
}

var (
	paragraph = regexp.MustCompile(`(?s)<p>(.*?)</p>`)
	anyTag    = regexp.MustCompile(`<[^>]*>`)
	spaces    = regexp.MustCompile(`\s+`)
)

// summaryLength bounds a summary made from a page's first paragraph, in
// characters: about two lines of a help panel's list.
const summaryLength = 200

// firstParagraph is the text of a body's first paragraph, shortened at a
// word to summaryLength characters.
func firstParagraph(body []byte) string {
	m := paragraph.FindSubmatch(body)
	if m == nil {
		return ""
	}
	text := strings.TrimSpace(spaces.ReplaceAllString(html.UnescapeString(anyTag.ReplaceAllString(string(m[1]), "")), " "))
	if utf8.RuneCountInString(text) <= summaryLength {
		return text
	}
	cut := []rune(text)[:summaryLength]
	s := string(cut)
	if i := strings.LastIndexByte(s, ' '); i > summaryLength/2 {
		s = s[:i]
	}
	return strings.TrimRight(s, ",;:.") + "…"
}

// writeFragmentIndex writes _fragments/index.json for the pages rendered.
func (b *builder) writeFragmentIndex(results map[string]*pageResult, write func(string, []byte) error) error {
	var idx FragmentIndex
	idx.Assets.CSS, idx.Assets.JS = assetLists(b.assets)
	idx.Pages = []FragmentPage{}
	for _, p := range b.site.Pages {
		if r := results[p.Path]; r != nil && r.fragment != nil {
			idx.Pages = append(idx.Pages, *r.fragment)
		}
	}
	data, err := json.MarshalIndent(idx, "", "  ")
	if err != nil {
		return err
	}
	return write(FragmentDir+"/index.json", append(data, '\n'))
}

// pageTitle is the page's front matter title, else its first top-level
// heading, else the title the site model makes from its slug.
func pageTitle(p *site.Page, headings *markdown.Headings) string {
	if p.Front.Title == "" && headings != nil {
		for _, h := range headings.List {
			if h.Level == 1 && h.Text != "" {
				return h.Text
			}
		}
	}
	return site.PageTitle(p)
}
