package search

import (
	"bytes"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
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
	el      *element
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
	// open elements by name, so unmatched end tags cost nothing: the
	// known ones by id, the others by name
	count   []int32
	others  map[string]int
	skip    int // open elements that leave out their content
	pre     int
	capture bool // inside the heading of the current section
	h1      bool // the heading being captured is the page's h1
}

// Extract splits a rendered page body into sections at its h2, h3 and h4
// headings that have an id (the ones a result can link to), and returns
// them in order; the first is the top of the page. Malformed HTML gives
// some text, never a panic, and every string returned is valid UTF-8.
func (e *Extractor) Extract(body []byte) []Section {
	x := &extraction{e: e, count: make([]int32, len(knownTags)+1), sections: []Section{{}}}
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
	case bytes.HasPrefix(rest, spanEnd):
		// Highlighted code is mostly spans: their tags skip the general
		// reading.
		x.end(spanElement)
		return i + len(spanEnd)
	case bytes.HasPrefix(rest, spanStart):
		if n := bytes.IndexByte(rest[len(spanStart):], '"'); n >= 0 && len(rest) > len(spanStart)+n+1 && rest[len(spanStart)+n+1] == '>' {
			x.start(tag{el: spanElement, class: rest[len(spanStart) : len(spanStart)+n]})
			return i + len(spanStart) + n + 2
		}
		t, n := parseStartTag(rest)
		x.start(t)
		return i + n
	case len(rest) > 2 && rest[1] == '/' && isASCIILetter(rest[2]):
		el, _ := tagName(rest[2:])
		x.end(el)
		return skipPast(body, i, '>')
	case len(rest) > 1 && isASCIILetter(rest[1]):
		t, n := parseStartTag(rest)
		x.start(t)
		if name := t.el.name; name == "script" || name == "style" || name == "textarea" || name == "title" {
			// Raw text: nothing inside is markup, up to the end tag.
			end := indexFold(body[i+n:], "</"+name)
			if end < 0 {
				return len(body)
			}
			x.end(t.el)
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
	el := t.el
	if el.void {
		x.space()
		return
	}
	o := open{el: el}
	switch name := el.name; {
	case x.skip > 0 || el.skipped || t.hidden || x.hasSkippedClass(t.class):
		o.skip = true
	case name == "pre":
		o.pre = true
	case (name == "h2" || name == "h3" || name == "h4") && t.id != "" && !x.capture:
		x.flush()
		x.sections = append(x.sections, Section{Anchor: toValidUTF8(t.id)})
		o.heading = true
	case name == "h1" && !x.capture && len(x.sections) == 1 && x.sections[0].Heading == "":
		o.heading = true
		x.h1 = true
	}
	if t.selfClosing && !o.heading {
		// <path/> inside svg and the like: nothing to wait for. (HTML
		// ignores the slash on other elements; the build never writes one.)
		return
	}
	if !el.inline {
		x.space()
	}
	x.stack = append(x.stack, o)
	x.addOpen(el, 1)
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
func (x *extraction) end(el *element) {
	if x.addOpen(el, 0) == 0 {
		return
	}
	for len(x.stack) > 0 {
		o := x.stack[len(x.stack)-1]
		x.stack = x.stack[:len(x.stack)-1]
		x.addOpen(o.el, -1)
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
		if o.el.name == el.name {
			break
		}
	}
	if !el.inline {
		x.space()
	}
}

// addOpen adds d to the count of open elements named as el, and returns
// the count.
func (x *extraction) addOpen(el *element, d int) int {
	if el.id > 0 {
		x.count[el.id] += int32(d)
		return int(x.count[el.id])
	}
	if x.others == nil {
		x.others = map[string]int{}
	}
	x.others[el.name] += d
	return x.others[el.name]
}

// hasSkippedClass reports whether one of the classes in the value of a
// class attribute is one to leave out. The classes are split as
// strings.Fields splits.
func (x *extraction) hasSkippedClass(class []byte) bool {
	if len(x.e.skip) == 0 || len(class) == 0 {
		return false
	}
	word := -1
	for i := 0; i < len(class); {
		c := class[i]
		size := 1
		space := false
		if c < utf8.RuneSelf {
			space = asciiSpace[c]
		} else {
			var r rune
			r, size = utf8.DecodeRune(class[i:])
			space = unicode.IsSpace(r)
		}
		switch {
		case space && word >= 0:
			if x.e.skip[string(class[word:i])] {
				return true
			}
			word = -1
		case !space && word < 0:
			word = i
		}
		i += size
	}
	return word >= 0 && x.e.skip[string(class[word:])]
}

// chars adds text as it appears in the body (entities not yet decoded).
func (x *extraction) chars(raw []byte) {
	if x.skip > 0 {
		return
	}
	if bytes.IndexByte(raw, '&') >= 0 {
		raw = []byte(html.UnescapeString(string(raw)))
	}
	switch {
	case x.capture:
		x.heading.Write(raw)
	case x.pre > 0:
		x.code.Write(raw)
	default:
		x.text.Write(raw)
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
				x.end(x.stack[i].el)
				break
			}
		}
	}
	x.flush()
}

// collapse turns runs of white space into one space and trims the ends:
// strings.Join(strings.Fields(s), " "), in one pass, with ASCII read
// a byte at a time.
func collapse(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		for i < len(s) { // white space
			if c := s[i]; c < utf8.RuneSelf {
				if !asciiSpace[c] {
					break
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += size
		}
		start := i
		for i < len(s) { // a word
			if c := s[i]; c < utf8.RuneSelf {
				if asciiSpace[c] {
					break
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				break
			}
			i += size
		}
		if start == i {
			break
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[start:i])
	}
	return toValidUTF8(b.String())
}

// asciiSpace tells the ASCII white space of strings.Fields.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

func toValidUTF8(s string) string {
	if utf8.ValidString(s) {
		return s // the common case, checked faster than ToValidUTF8 checks it
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// tag is what the extractor reads of a start tag.
type tag struct {
	el          *element
	id          string
	class       []byte // the value as written, in the body
	hidden      bool   // hidden or aria-hidden="true"
	selfClosing bool
}

// parseStartTag reads the start tag at the beginning of b ("<name ...>")
// and returns it with its length. Attribute values are read as HTML does:
// quoted with " or ', or unquoted up to white space or >.
func parseStartTag(b []byte) (tag, int) {
	var t tag
	el, n := tagName(b[1:])
	t.el = el
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
			t.class = val
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

// The tags of a span with a class, as the highlighter writes them.
var (
	spanStart   = []byte(`<span class="`)
	spanEnd     = []byte(`</span>`)
	spanElement = knownTags["span"]
)

// element is what the extractor knows of the elements of a name.
type element struct {
	name string
	// id numbers the elements of knownTags from 1, so that counting
	// them needs no map; 0 for the others.
	id                    int
	void, skipped, inline bool
}

// tagName reads a tag name and returns its element, lower-cased, with
// the name's length.
func tagName(b []byte) (*element, int) {
	n := 0
	for n < len(b) && !isSpace(b[n]) && b[n] != '>' && b[n] != '/' {
		n++
	}
	if el, ok := knownTags[string(b[:n])]; ok {
		return el, n // no allocation for the tags the build writes
	}
	name := strings.ToLower(string(b[:n]))
	if el, ok := knownTags[name]; ok {
		return el, n
	}
	return &element{name: name}, n
}

// knownTags holds the elements the extractor treats apart, and the ones
// the build writes, by name.
var knownTags = func() map[string]*element {
	m := map[string]*element{}
	add := func(n string) {
		if m[n] == nil {
			m[n] = &element{name: n, id: len(m) + 1, void: voidElements[n], skipped: skippedElements[n], inline: inlineElements[n]}
		}
	}
	for _, set := range []map[string]bool{skippedElements, voidElements, inlineElements} {
		for n := range set {
			add(n)
		}
	}
	for _, n := range []string{"p", "div", "pre", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
		"table", "thead", "tbody", "tr", "td", "th", "figure", "figcaption", "aside", "section",
		"blockquote", "details", "summary", "caption", "dl", "dt", "dd", "nav", "article", "header", "footer", "form",
		"path", "circle", "rect", "g", "line", "polyline", "polygon", "use", "defs", "symbol"} {
		add(n)
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
