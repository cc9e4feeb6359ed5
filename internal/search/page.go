package search

import "strings"

// Where in a section a term is found, while a page is prepared; the
// strongest place counts.
const (
	weightCode    = 0 // in a code block only
	weightText    = 1
	weightHeading = 2
	weightTitle   = 3 // the page's title or h1, on its top section
)

// An occurrence of a term in a section is one number, section<<occShift |
// kind, kind being what the script ranks by:
//
//	0 kindCode      only in code blocks
//	1 kindText      in the prose, and once or twice in the section
//	2 kindRepeated  in the prose, and three times or more in the section
//	                (code included): a section that keeps coming back to a
//	                term ranks above one that mentions it in passing
//	3 kindHeading   in the heading; on the top section of a page (which has
//	                no heading but the h1), in the title
//
// Two bits: the posting lists are most of the index, and a posting of a
// common term then takes one character.
const (
	occShift = 2

	kindCode     = 0
	kindText     = 1
	kindRepeated = 2
	kindHeading  = 3

	repeatedAt = 3
)

// kind gives the kind of a term found n times in a section, at best at
// the given weight.
func kind(weight uint32, n int32) uint32 {
	switch {
	case weight >= weightHeading:
		return kindHeading
	case weight == weightText && n >= repeatedAt:
		return kindRepeated
	}
	return weight
}

// Page is a page ready for the index: its URL, title and sections, cut
// into terms once. Build keeps one per page and hands the same Page again
// while the page is unchanged, so an index built again reuses the shards
// whose pages are all the same. A Page is immutable.
type Page struct {
	url, title string
	// heads holds anchor and heading of each section after the top one.
	heads []string
	// terms holds the page's terms, unique, in the order they first
	// appear (the index sorts them per shard), one after the other: term i is terms[tends[i-1]:tends[i]]. One string rather than
	// a string per term: a site's pages hold millions of terms until the
	// index is written, and the garbage collector would go through every
	// one of them at each cycle. The occurrences of term i are
	// occs[ends[i-1]:ends[i]], one per section (see occShift), in section
	// order.
	terms string
	tends []int32
	occs  []uint32
	ends  []int32
	// starts says whether the page starts a shard (see startsShard),
	// when hashed is set: once per page rather than at every Build.
	starts, hashed bool
}

// NewPage prepares a page for the index. url is the page's URL on the
// site without any hosting prefix ("/v1.9.x/deployment/x/"); title its
// title; description, which may be empty, is searched as text of the
// top of the page; sections come from Extract, the top of the page first.
// A page that must not be found (noindex) is not prepared at all.
func NewPage(url, title, description string, sections []Section) *Page {
	if len(sections) == 0 || sections[0].Anchor != "" {
		sections = append([]Section{{}}, sections...)
	}
	p := &Page{url: toValidUTF8(url), title: toValidUTF8(title)}
	p.starts, p.hashed = startsShard(p.url), true
	// Terms come section by section, so each term's occurrences come in
	// section order: a slot per term counts them in the current section
	// and keeps the strongest weight, until the term shows up in a later
	// one; the finished occurrences go to done, all terms together, in
	// the order they finish, and are grouped by term at the end.
	var slots []slot
	var done []doneOcc
	at := make(map[string]int32, 256)
	var cut termCutter
	add := func(text string, section, weight uint32) {
		cut.indexTerms(text, func(t []byte) {
			i, ok := at[string(t)]
			if !ok {
				term := string(t)
				at[term] = int32(len(slots))
				slots = append(slots, slot{term: term, section: section, weight: weight, n: 1})
				return
			}
			sl := &slots[i]
			if sl.section == section {
				sl.n++
				sl.weight = max(sl.weight, weight)
				return
			}
			done = append(done, doneOcc{slot: i, occ: sl.section<<occShift | kind(sl.weight, sl.n)})
			sl.done++
			sl.section, sl.weight, sl.n = section, weight, 1
		})
	}
	add(title, 0, weightTitle)
	add(description, 0, weightText)
	for i, s := range sections {
		if i > 0 {
			p.heads = append(p.heads, toValidUTF8(s.Anchor), toValidUTF8(s.Heading))
			add(s.Heading, uint32(i), weightHeading)
		} else {
			add(s.Heading, 0, weightTitle)
		}
		add(s.Text, uint32(i), weightText)
		add(s.Code, uint32(i), weightCode)
	}
	// Each term's occurrences: those in done, in order, then the one of
	// its last section.
	size := 0
	for i := range slots {
		size += len(slots[i].term)
	}
	var terms strings.Builder
	terms.Grow(size)
	p.tends = make([]int32, len(slots))
	p.ends = make([]int32, len(slots))
	p.occs = make([]uint32, len(slots)+len(done))
	next := make([]int32, len(slots)) // by slot, where its next occurrence goes
	end := int32(0)
	for i := range slots {
		sl := &slots[i]
		terms.WriteString(sl.term)
		p.tends[i] = int32(terms.Len())
		next[i] = end
		end += sl.done + 1
		p.ends[i] = end
		p.occs[end-1] = sl.section<<occShift | kind(sl.weight, sl.n)
	}
	for _, d := range done {
		p.occs[next[d.slot]] = d.occ
		next[d.slot]++
	}
	p.terms = terms.String()
	return p
}

// slot gathers the occurrences of one term while a page is prepared.
type slot struct {
	term            string
	section, weight uint32 // the current section, the strongest weight in it
	n               int32  // occurrences in it
	done            int32  // sections before it the term was found in
}

// doneOcc is the occurrence of the term of a slot in a section before
// the slot's current one.
type doneOcc struct {
	slot int32
	occ  uint32
}

// URL returns the page's URL as given to NewPage.
func (p *Page) URL() string { return p.url }

// sections is the number of the page's sections, its top included.
func (p *Page) sections() int { return 1 + len(p.heads)/2 }

// termCount is the number of the page's terms.
func (p *Page) termCount() int { return len(p.tends) }

// term returns the page's i-th term.
func (p *Page) term(i int) string {
	start := int32(0)
	if i > 0 {
		start = p.tends[i-1]
	}
	return p.terms[start:p.tends[i]]
}

// occurrences returns the occurrences of the page's i-th term.
func (p *Page) occurrences(i int) []uint32 {
	start := int32(0)
	if i > 0 {
		start = p.ends[i-1]
	}
	return p.occs[start:p.ends[i]]
}
