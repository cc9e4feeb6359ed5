package search

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Reader reads an index back, as the script does: for tests and tools
// that check what a build wrote. The browser's reader is in
// docgen-search.js.
type Reader struct {
	Name   string
	shards []readShard
}

type readShard struct {
	name     string
	sections []Hit // by number, weight unset
	terms    []string
	postings []string
}

// Hit is a section a term occurs in.
type Hit struct {
	URL, Title string
	// Anchor and Heading are "" for the top of the page.
	Anchor, Heading string
	// Weight is where the term is in the section: 3 title, 2 heading,
	// 1 text, 0 code only.
	Weight int
	// Repeated is set for a term in the text that the section has three
	// times or more, code included.
	Repeated bool
}

// String formats a hit as "URL#anchor (weight)", with a "+" after the
// weight of a repeated term.
func (h Hit) String() string {
	rep := ""
	if h.Repeated {
		rep = "+"
	}
	return fmt.Sprintf("%s#%s (%d%s)", h.URL, h.Anchor, h.Weight, rep)
}

// Read reads the index called name; file returns a file by the name
// Build gave it (ManifestName(name), and the shard names in the
// manifest).
func Read(name string, file func(string) ([]byte, bool)) (*Reader, error) {
	data, ok := file(ManifestName(name))
	if !ok {
		return nil, fmt.Errorf("search: no manifest %s", ManifestName(name))
	}
	var m struct {
		Format int      `json:"format"`
		Name   string   `json:"name"`
		Shards []string `json:"shards"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("search: manifest %s: %w", name, err)
	}
	if m.Format != Format || m.Name != name {
		return nil, fmt.Errorf("search: manifest %s: format %d, name %q", name, m.Format, m.Name)
	}
	r := &Reader{Name: name}
	for _, sn := range m.Shards {
		data, ok := file(sn)
		if !ok {
			return nil, fmt.Errorf("search: manifest %s lists %s, which is missing", name, sn)
		}
		var s struct {
			Pages    [][]string `json:"pages"`
			Terms    []string   `json:"terms"`
			Postings []string   `json:"postings"`
		}
		if err := json.Unmarshal(data, &s); err != nil {
			return nil, fmt.Errorf("search: shard %s: %w", sn, err)
		}
		if len(s.Terms) != len(s.Postings) || !sort.StringsAreSorted(s.Terms) {
			return nil, fmt.Errorf("search: shard %s: %d terms (sorted: %v), %d postings", sn, len(s.Terms), sort.StringsAreSorted(s.Terms), len(s.Postings))
		}
		rs := readShard{name: sn, terms: s.Terms, postings: s.Postings}
		for _, p := range s.Pages {
			if len(p) < 2 || len(p)%2 != 0 {
				return nil, fmt.Errorf("search: shard %s: page entry of %d strings", sn, len(p))
			}
			rs.sections = append(rs.sections, Hit{URL: p[0], Title: p[1]})
			for i := 2; i < len(p); i += 2 {
				rs.sections = append(rs.sections, Hit{URL: p[0], Title: p[1], Anchor: p[i], Heading: p[i+1]})
			}
		}
		for i := range rs.postings {
			if _, err := rs.hits(i); err != nil {
				return nil, fmt.Errorf("search: shard %s: term %q: %w", sn, rs.terms[i], err)
			}
		}
		r.shards = append(r.shards, rs)
	}
	return r, nil
}

// Lookup returns the sections the index term occurs in, in index order.
// The term is looked up as is: see Terms for how text becomes terms.
func (r *Reader) Lookup(term string) []Hit {
	var out []Hit
	for _, s := range r.shards {
		if i := sort.SearchStrings(s.terms, term); i < len(s.terms) && s.terms[i] == term {
			hits, _ := s.hits(i)
			out = append(out, hits...)
		}
	}
	return out
}

// Pages returns the URL of every page in the index, in index order.
func (r *Reader) Pages() []string {
	var out []string
	for _, s := range r.shards {
		for _, h := range s.sections {
			if h.Anchor == "" {
				out = append(out, h.URL)
			}
		}
	}
	return out
}

// Shards returns the number of shards.
func (r *Reader) Shards() int { return len(r.shards) }

// hits decodes the postings of the shard's i-th term.
func (s *readShard) hits(i int) ([]Hit, error) {
	var out []Hit
	section, v, shift := -1, 0, 0
	for _, c := range []byte(s.postings[i]) {
		d := strings.IndexByte(digits, c)
		if d < 0 {
			return nil, fmt.Errorf("bad digit %q", c)
		}
		if shift > 30 {
			return nil, fmt.Errorf("number too long")
		}
		v |= (d & 31) << shift
		if d&32 != 0 {
			shift += 5
			continue
		}
		section += v>>occShift + 1
		if section >= len(s.sections) {
			return nil, fmt.Errorf("section %d of %d", section, len(s.sections))
		}
		h := s.sections[section]
		switch v & 3 {
		case kindCode:
			h.Weight = weightCode
		case kindText:
			h.Weight = weightText
		case kindRepeated:
			h.Weight, h.Repeated = weightText, true
		case kindHeading:
			h.Weight = weightHeading
			if h.Anchor == "" {
				h.Weight = weightTitle
			}
		}
		out = append(out, h)
		v, shift = 0, 0
	}
	if shift != 0 {
		return nil, fmt.Errorf("postings end inside a number")
	}
	return out, nil
}
