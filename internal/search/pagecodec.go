package search

import (
	"errors"
	"unicode/utf8"

	"github.com/docgen/docgen/internal/varbin"
)

// AppendBinary appends the page in the form DecodePage reads: a build keeps
// it in its cache of rendered pages, so an unchanged page is not cut into
// terms again.
func (p *Page) AppendBinary(b []byte) ([]byte, error) {
	b = varbin.AppendString(b, p.url)
	b = varbin.AppendString(b, p.title)
	b = varbin.AppendStrings(b, p.heads)
	b = varbin.AppendString(b, p.terms)
	b = varbin.AppendUvarint(b, uint64(len(p.tends)))
	for _, e := range p.tends {
		b = varbin.AppendUvarint(b, uint64(e))
	}
	for _, e := range p.ends {
		b = varbin.AppendUvarint(b, uint64(e))
	}
	b = varbin.AppendUvarint(b, uint64(len(p.occs)))
	for _, o := range p.occs {
		b = varbin.AppendUvarint(b, uint64(o))
	}
	return b, nil
}

var errBadPage = errors.New("search: damaged page data")

// DecodePage reads a page written by AppendBinary, checking everything the
// index relies on, so damaged data is an error and never a wrong index or
// a panic.
func DecodePage(data []byte) (*Page, error) {
	r := varbin.NewReader(data)
	p := &Page{url: r.String(), title: r.String()}
	p.starts, p.hashed = startsShard(p.url), true
	p.heads = r.Strings()
	if len(p.heads)%2 != 0 {
		r.Fail()
	}
	p.terms = r.String()
	nterms := r.Count(2)
	p.tends = make([]int32, nterms)
	p.ends = make([]int32, nterms)
	for i := range p.tends {
		p.tends[i] = int32Of(r)
	}
	for i := range p.ends {
		p.ends[i] = int32Of(r)
	}
	p.occs = make([]uint32, r.Count(1))
	sections := uint64(p.sections())
	for i := range p.occs {
		o := r.Uvarint()
		if o>>occShift >= sections || o > 1<<32-1 {
			r.Fail()
		}
		p.occs[i] = uint32(o)
	}
	if r.Done() != nil {
		return nil, errBadPage
	}
	// Every term is a non-empty part of terms, and has occurrences, in
	// order.
	prevT, prevO := int32(0), int32(0)
	for i := range p.tends {
		if p.tends[i] <= prevT || p.ends[i] <= prevO {
			return nil, errBadPage
		}
		prevT, prevO = p.tends[i], p.ends[i]
	}
	if int(prevT) != len(p.terms) || int(prevO) != len(p.occs) || !validUTF8(p) {
		return nil, errBadPage
	}
	return p, nil
}

func int32Of(r *varbin.Reader) int32 {
	v := r.Uvarint()
	if v > 1<<31-1 {
		r.Fail()
		return 0
	}
	return int32(v)
}

func validUTF8(p *Page) bool {
	if !utf8.ValidString(p.url) || !utf8.ValidString(p.title) {
		return false
	}
	for _, h := range p.heads {
		if !utf8.ValidString(h) {
			return false
		}
	}
	return true
}
