package search

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"testing"
)

// TestPageRoundTrip: a page read back equals the page written, and an
// index built of pages read back equals one built of the originals.
func TestPageRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	pages := append(corpus(r, 300),
		NewPage("/empty/", "", "", nil),
		NewPage("/v1/ünïcode/", "Ünïcode — ok", "déjà vu", []Section{{Anchor: "a", Heading: "Ä", Text: "ß straße", Code: "x := 1"}}))
	var back []*Page
	for _, p := range pages {
		data, err := p.AppendBinary(nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := DecodePage(data)
		if err != nil {
			t.Fatalf("%s: %v", p.url, err)
		}
		if !reflect.DeepEqual(got, p) {
			t.Fatalf("%s: read back %+v, want %+v", p.url, got, p)
		}
		back = append(back, got)
	}
	want := (&Indexer{}).Build([]Index{{Name: "v1", Pages: pages}})
	got := (&Indexer{}).Build([]Index{{Name: "v1", Pages: back}})
	if !reflect.DeepEqual(got, want) {
		t.Error("the index of pages read back differs")
	}
}

// TestPageDamaged: every truncation and every flipped byte of a page's
// data is an error or a page that is whole (a flipped letter of a term is
// still a page), never a panic.
func TestPageDamaged(t *testing.T) {
	p := NewPage("/v1/a/", "Title", "desc", []Section{{Text: "alpha beta"}, {Anchor: "b", Heading: "Beta", Text: "gamma", Code: "delta"}})
	data, _ := p.AppendBinary(nil)
	for n := range len(data) {
		if _, err := DecodePage(data[:n]); err == nil {
			t.Errorf("truncated to %d bytes: no error", n)
		}
	}
	if _, err := DecodePage(append(bytes.Clone(data), 0)); err == nil {
		t.Error("a trailing byte: no error")
	}
	for i := range data {
		for _, bit := range []byte{1, 0x40, 0x80} {
			d := bytes.Clone(data)
			d[i] ^= bit
			if q, err := DecodePage(d); err == nil {
				checkWhole(t, q)
			}
		}
	}
}

// checkWhole indexes a page, which panics if its parts do not fit.
func checkWhole(t *testing.T, p *Page) {
	t.Helper()
	(&Indexer{}).Build([]Index{{Name: "v1", Pages: []*Page{p}}})
}

func FuzzDecodePage(f *testing.F) {
	p := NewPage("/v1/a/", "Title", "desc", []Section{{Text: "alpha beta"}, {Anchor: "b", Heading: "Beta", Text: "gamma"}})
	data, _ := p.AppendBinary(nil)
	f.Add(data)
	f.Fuzz(func(t *testing.T, data []byte) {
		q, err := DecodePage(data)
		if err != nil {
			return
		}
		checkWhole(t, q)
		// Varints may be written longer than needed, so the bytes can
		// differ; the page may not.
		again, _ := q.AppendBinary(nil)
		if r, err := DecodePage(again); err != nil || !reflect.DeepEqual(r, q) {
			t.Fatalf("decoded %q as %+v, which does not read back (%v)", data, q, err)
		}
	})
}
