package search

import (
	"bytes"
	"html"
	"strings"
)

// Section is a part of a page a search result can point to: what comes
// before the page's first linkable heading (Anchor ""), or one heading and
// what follows it up to the next.
type Section struct {
	// Anchor is the heading's id; "" for the top of the page.
	Anchor string
	// Heading is the heading's text; for the top of the page, the text of
	// its h1, if any.
	Heading string
	// Text is the prose: tags stripped, entities decoded, white space
	// collapsed. Inline code is prose: readers search for the setting
	// names it holds.
	Text string
	// Code is the text of the code blocks (pre), which the index weighs
	// less than prose: a term only found in code is a weaker match.
	Code string
}

// Extractor pulls the sections out of rendered page bodies. It is
// immutable and safe for concurrent use.
type Extractor struct {
	skip map[string]bool
}

// NewExtractor returns an extractor that leaves out, besides what no
// reader sees as page text (script, style, svg, form controls, anything
// hidden or aria-hidden), every element carrying one of the given
// classes, with all it contains: the build's own chrome inside the body,
// such as the live-values panel or a code block's toolbar.
func NewExtractor(skipClasses ...string) *Extractor {
	e := &Extractor{skip: make(map[string]bool, len(skipClasses))}
	for _, c := range skipClasses {
		e.skip[c] = true
	}
	return e
}

// Elements whose content is never page text.
var skippedElements = map[string]bool{
	"script": true, "style": true, "template": true, "noscript": true,
	"svg": true, "math": true, "canvas": true, "iframe": true, "object": true,
	"audio": true, "video": true, "button": true, "select": true,
	"textarea": true, "datalist": true, "title": true,
}

// Elements without content or end tag.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true,
	"hr": true, "img": true, "input": true, "link": true, "meta": true,
	"source": true, "track": true, "wbr": true,
}

// Elements inside a line of text: their edges do not separate words, so
// "<strong>Client</strong>ID" stays one word as the reader sees it.
var inlineElements = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "cite": true,
	"code": true, "data": true, "del": true, "dfn": true, "em": true, "i": true,
	"ins": true, "kbd": true, "mark": true, "q": true, "s": true, "samp": true,
	"small": true, "span": true, "strong": true, "sub": true, "sup": true,
	"time": true, "u": true, "var": true, "label": true, "font": true,
}

// open is an element on the stack of open elements.
type open struct {
	name    string
	skip    bool // leaves out its content
	pre     bool
	heading bool // the heading being captured
}

type extraction struct {
	e        *Extractor
	sections []Section
	text     strings.Builder // of the current section
	code     strings.Builder
	heading  strings.Builder
	stack    []open
	count    map[string]int // open elements by name, so unmatched end tags cost nothing
	skip     int            // open elements that leave out their content
	pre      int
	capture  bool // inside the heading of the current section
	h1       bool // the heading being captured is the page's h1
}

// Extract splits a rendered page body into sections at its h2, h3 and h4
// headings that have an id (the ones a result can link to), and returns
// them in order; the first is the top of the page. Malformed HTML gives
// some text, never a panic, and every string returned is valid UTF-8.
func (e *Extractor) Extract(body []byte) []Section {
	x := &extraction{e: e, count: map[string]int{}, sections: []Section{{}}}
	for i := 0; i < len(body); {
		if body[i] != '<' {
			j := bytes.IndexByte(body[i:], '<')
			if j < 0 {
				j = len(body) - i
			}
			x.chars(body[i : i+j])
			i += j
			continue
		}
		i = x.markup(body, i)
	}
	x.finish()
	return x.sections
}

// markup handles the markup starting at body[i] == '<' and returns where
// the text after it starts.
func (x *extraction) markup(body []byte, i int) int {
	rest := body[i:]
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		end := bytes.Index(rest[4:], []byte("-->"))
		if end < 0 {
			return len(body)
		}
		return i + 4 + end + 3
	case len(rest) > 1 && (rest[1] == '!' || rest[1] == '?'):
		return skipPast(body, i, '>')
	case len(rest) > 2 && rest[1] == '/' && isASCIILetter(rest[2]):
		name, _ := tagName(rest[2:])
		x.end(name)
		return skipPast(body, i, '>')
	case len(rest) > 1 && isASCIILetter(rest[1]):
		t, n := parseStartTag(rest)
		x.start(t)
		if t.name == "script" || t.name == "style" || t.name == "textarea" || t.name == "title" {
			// Raw text: nothing inside is markup, up to the end tag.
			end := indexFold(body[i+n:], "</"+t.name)
			if end < 0 {
				return len(body)
			}
			x.end(t.name)
			return skipPast(body, i+n+end, '>')
		}
		return i + n
	default:
		x.chars(rest[:1])
		return i + 1
	}
}

// start handles a start tag.
func (x *extraction) start(t tag) {
	if voidElements[t.name] {
		x.space()
		return
	}
	o := open{name: t.name}
	switch {
	case x.skip > 0 || skippedElements[t.name] || t.hidden || x.hasSkippedClass(t.class):
		o.skip = true
	case t.name == "pre":
		o.pre = true
	case (t.name == "h2" || t.name == "h3" || t.name == "h4") && t.id != "" && !x.capture:
		x.flush()
		x.sections = append(x.sections, Section{Anchor: toValidUTF8(t.id)})
		o.heading = true
	case t.name == "h1" && !x.capture && len(x.sections) == 1 && x.sections[0].Heading == "":
		o.heading = true
		x.h1 = true
	}
	if t.selfClosing && !o.heading {
		// <path/> inside svg and the like: nothing to wait for. (HTML
		// ignores the slash on other elements; the build never writes one.)
		return
	}
	if !inlineElements[t.name] {
		x.space()
	}
	x.stack = append(x.stack, o)
	x.count[t.name]++
	if o.skip {
		x.skip++
	}
	if o.pre {
		x.pre++
	}
	if o.heading {
		x.capture = true
	}
}

// end closes the innermost open element of the name and every element
// opened inside it; an end tag nothing matches is ignored.
func (x *extraction) end(name string) {
	if x.count[name] == 0 {
		return
	}
	for len(x.stack) > 0 {
		o := x.stack[len(x.stack)-1]
		x.stack = x.stack[:len(x.stack)-1]
		x.count[o.name]--
		if o.skip {
			x.skip--
		}
		if o.pre {
			x.pre--
		}
		if o.heading {
			x.capture = false
			h := collapse(x.heading.String())
			x.heading.Reset()
			last := &x.sections[len(x.sections)-1]
			if x.h1 {
				x.h1 = false
				x.sections[0].Heading = h
			} else {
				last.Heading = h
			}
		}
		if o.name == name {
			break
		}
	}
	if !inlineElements[name] {
		x.space()
	}
}

func (x *extraction) hasSkippedClass(class string) bool {
	if len(x.e.skip) == 0 || class == "" {
		return false
	}
	for _, c := range strings.Fields(class) {
		if x.e.skip[c] {
			return true
		}
	}
	return false
}

// chars adds text as it appears in the body (entities not yet decoded).
func (x *extraction) chars(raw []byte) {
	if x.skip > 0 {
		return
	}
	s := string(raw)
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	switch {
	case x.capture:
		x.heading.WriteString(s)
	case x.pre > 0:
		x.code.WriteString(s)
	default:
		x.text.WriteString(s)
	}
}

// space separates words at the edges of block elements.
func (x *extraction) space() {
	switch {
	case x.skip > 0:
	case x.capture:
		x.heading.WriteByte(' ')
	case x.pre > 0:
		x.code.WriteByte(' ')
	default:
		x.text.WriteByte(' ')
	}
}

// flush stores the text gathered for the current section.
func (x *extraction) flush() {
	last := &x.sections[len(x.sections)-1]
	last.Text = collapse(x.text.String())
	last.Code = collapse(x.code.String())
	x.text.Reset()
	x.code.Reset()
}

func (x *extraction) finish() {
	if x.capture {
		// An unclosed heading: close it and what is open inside it.
		for i := len(x.stack) - 1; i >= 0; i-- {
			if x.stack[i].heading {
				x.end(x.stack[i].name)
				break
			}
		}
	}
	x.flush()
}

// collapse turns runs of white space into one space and trims the ends.
func collapse(s string) string {
	return toValidUTF8(strings.Join(strings.Fields(s), " "))
}

func toValidUTF8(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

// tag is what the extractor reads of a start tag.
type tag struct {
	name, id, class string
	hidden          bool // hidden or aria-hidden="true"
	selfClosing     bool
}

// parseStartTag reads the start tag at the beginning of b ("<name ...>")
// and returns it with its length. Attribute values are read as HTML does:
// quoted with " or ', or unquoted up to white space or >.
func parseStartTag(b []byte) (tag, int) {
	var t tag
	name, n := tagName(b[1:])
	t.name = name
	i := 1 + n
	for i < len(b) {
		c := b[i]
		switch {
		case c == '>':
			return t, i + 1
		case c == '/':
			if i+1 < len(b) && b[i+1] == '>' {
				t.selfClosing = true
				return t, i + 2
			}
			i++
			continue
		case isSpace(c):
			i++
			continue
		}
		// An attribute name, then maybe = and a value.
		start := i
		for i < len(b) && !isSpace(b[i]) && b[i] != '>' && b[i] != '=' && !(b[i] == '/' && i+1 < len(b) && b[i+1] == '>') {
			i++
		}
		attr := b[start:i]
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		var val []byte
		if i < len(b) && b[i] == '=' {
			i++
			for i < len(b) && isSpace(b[i]) {
				i++
			}
			if i < len(b) && (b[i] == '"' || b[i] == '\'') {
				q := b[i]
				end := bytes.IndexByte(b[i+1:], q)
				if end < 0 {
					return t, len(b)
				}
				val = b[i+1 : i+1+end]
				i += end + 2
			} else {
				vs := i
				for i < len(b) && !isSpace(b[i]) && b[i] != '>' {
					i++
				}
				val = b[vs:i]
			}
		}
		switch {
		case bytes.EqualFold(attr, []byte("id")):
			t.id = html.UnescapeString(string(val))
		case bytes.EqualFold(attr, []byte("class")):
			t.class = string(val)
		case bytes.EqualFold(attr, []byte("hidden")):
			t.hidden = true
		case bytes.EqualFold(attr, []byte("aria-hidden")):
			if bytes.EqualFold(bytes.TrimSpace(val), []byte("true")) {
				t.hidden = true
			}
		}
	}
	return t, len(b)
}

// tagName reads a tag name, lower-cased, and returns it with its length.
func tagName(b []byte) (string, int) {
	n := 0
	for n < len(b) && !isSpace(b[n]) && b[n] != '>' && b[n] != '/' {
		n++
	}
	if name, ok := knownTags[string(b[:n])]; ok {
		return name, n // no allocation for the tags the build writes
	}
	return strings.ToLower(string(b[:n])), n
}

// knownTags interns the names of the elements the build writes.
var knownTags = func() map[string]string {
	m := map[string]string{}
	for _, set := range []map[string]bool{skippedElements, voidElements, inlineElements} {
		for n := range set {
			m[n] = n
		}
	}
	for _, n := range []string{"p", "div", "pre", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
		"table", "thead", "tbody", "tr", "td", "th", "figure", "figcaption", "aside", "section",
		"blockquote", "details", "summary", "caption", "dl", "dt", "dd", "nav", "article", "header", "footer", "form"} {
		m[n] = n
	}
	return m
}()

// skipPast returns the position after the first c at or after body[i], or
// the end of body.
func skipPast(body []byte, i int, c byte) int {
	j := bytes.IndexByte(body[i:], c)
	if j < 0 {
		return len(body)
	}
	return i + j + 1
}

// indexFold is bytes.Index for an ASCII needle, ignoring case.
func indexFold(b []byte, needle string) int {
	for i := 0; i+len(needle) <= len(b); i++ {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		if i+len(needle) <= len(b) && strings.EqualFold(string(b[i:i+len(needle)]), needle) {
			return i
		}
	}
	return -1
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}
