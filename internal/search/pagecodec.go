package search

import (
	"encoding/binary"
	"errors"
	"unicode/utf8"
)

// AppendBinary appends the page in the form DecodePage reads: a build keeps
// it in its cache of rendered pages, so an unchanged page is not cut into
// terms again.
func (p *Page) AppendBinary(b []byte) ([]byte, error) {
	b = appendLenString(b, p.url)
	b = appendLenString(b, p.title)
	b = binary.AppendUvarint(b, uint64(len(p.heads)))
	for _, h := range p.heads {
		b = appendLenString(b, h)
	}
	b = appendLenString(b, p.terms)
	b = binary.AppendUvarint(b, uint64(len(p.tends)))
	for _, e := range p.tends {
		b = binary.AppendUvarint(b, uint64(e))
	}
	for _, e := range p.ends {
		b = binary.AppendUvarint(b, uint64(e))
	}
	b = binary.AppendUvarint(b, uint64(len(p.occs)))
	for _, o := range p.occs {
		b = binary.AppendUvarint(b, uint64(o))
	}
	return b, nil
}

func appendLenString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

var errBadPage = errors.New("search: damaged page data")

// DecodePage reads a page written by AppendBinary, checking everything the
// index relies on, so damaged data is an error and never a wrong index or
// a panic.
func DecodePage(data []byte) (*Page, error) {
	d := decoder{data: data}
	p := &Page{url: d.string(), title: d.string()}
	p.starts, p.hashed = startsShard(p.url), true
	nheads := d.count(1)
	if nheads%2 != 0 {
		return nil, errBadPage
	}
	for range nheads {
		p.heads = append(p.heads, d.string())
	}
	p.terms = d.string()
	nterms := d.count(2)
	p.tends = make([]int32, nterms)
	p.ends = make([]int32, nterms)
	for i := range p.tends {
		p.tends[i] = d.int32()
	}
	for i := range p.ends {
		p.ends[i] = d.int32()
	}
	p.occs = make([]uint32, d.count(1))
	sections := uint64(p.sections())
	for i := range p.occs {
		o := d.uvarint()
		if o>>occShift >= sections || o > 1<<32-1 {
			d.bad = true
		}
		p.occs[i] = uint32(o)
	}
	if d.bad || len(d.data) != 0 {
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

// decoder reads varints and strings, remembering the first failure.
type decoder struct {
	data []byte
	bad  bool
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.data)
	if n <= 0 {
		d.bad = true
		d.data = nil
		return 0
	}
	d.data = d.data[n:]
	return v
}

func (d *decoder) int32() int32 {
	v := d.uvarint()
	if v > 1<<31-1 {
		d.bad = true
		return 0
	}
	return int32(v)
}

// count reads a length of items taking at least min bytes each, so a
// damaged length cannot make the decoder allocate more than the data.
func (d *decoder) count(min int) int {
	v := d.uvarint()
	if v > uint64(len(d.data)/min) {
		d.bad = true
		d.data = nil
		return 0
	}
	return int(v)
}

func (d *decoder) string() string {
	n := d.count(1)
	s := string(d.data[:n])
	d.data = d.data[n:]
	return s
}
