package highlight

import (
	"bytes"
	"io"
	"sort"
)

// Mark is a range of the code to wrap in an element of its own: a reader's
// live value, which the page's script rewrites as the reader types.
type Mark struct {
	Start, End int    // byte range of the code
	ID         string // the live variable's id
}

// HighlightMarked is Highlight with marks: each mark's bytes are wrapped in
// <var class="dg-live" data-live="ID">, placed on the exact characters even
// where chroma splits the value across several tokens (the tokens are cut
// at the mark's edges, so the element always nests). Highlighting runs on
// the whole code, values included, so they are coloured as what they are.
// Marks must be sorted and not overlap; empty or out-of-range marks are
// ignored.
func (h *Highlighter) HighlightMarked(w io.Writer, code, lang string, marks []Mark) (known bool, err error) {
	l := h.find(lang)
	spans := h.spans(l, code)
	marks = validMarks(marks, len(code))
	b, direct := blockBuffer(w, htmlSize(code, lang, spans)+64*len(marks))
	b.WriteString(`<pre class="chroma"><code`)
	if lang != "" {
		b.WriteString(` class="language-`)
		escapeAttr(b, lang)
		b.WriteByte('"')
	}
	b.WriteByte('>')
	writeMarkedTokens(b, code, splitSpans(spans, marks), marks)
	b.WriteString("</code></pre>\n")
	if !direct {
		_, err = w.Write(b.Bytes())
	}
	return l.known, err
}

func validMarks(marks []Mark, n int) []Mark {
	out := make([]Mark, 0, len(marks))
	for _, m := range marks {
		if m.Start < 0 || m.End > n || m.Start >= m.End {
			continue
		}
		if len(out) > 0 && m.Start < out[len(out)-1].End {
			continue
		}
		out = append(out, m)
	}
	return out
}

// splitSpans cuts spans at every mark edge, so that no span crosses one.
func splitSpans(spans []span, marks []Mark) []span {
	if len(marks) == 0 {
		return spans
	}
	cuts := make([]int, 0, 2*len(marks))
	for _, m := range marks {
		cuts = append(cuts, m.Start, m.End)
	}
	sort.Ints(cuts)
	out := make([]span, 0, len(spans)+len(cuts))
	c := 0
	for _, s := range spans {
		for c < len(cuts) && cuts[c] <= s.start {
			c++
		}
		start := s.start
		for k := c; k < len(cuts) && cuts[k] < s.end; k++ {
			out = append(out, span{start: start, end: cuts[k], class: s.class})
			start = cuts[k]
		}
		out = append(out, span{start: start, end: s.end, class: s.class})
	}
	return out
}

// writeMarkedTokens writes spans as writeTokens does, opening each mark's
// element before its first span and closing it after its last.
func writeMarkedTokens(b *bytes.Buffer, code string, spans []span, marks []Mark) {
	m := 0
	open := false
	for _, s := range spans {
		if open && s.start >= marks[m].End {
			b.WriteString("</var>")
			open = false
			m++
		}
		for !open && m < len(marks) && marks[m].End <= s.start {
			m++
		}
		if !open && m < len(marks) && s.start == marks[m].Start {
			b.WriteString(`<var class="dg-live" data-live="`)
			escapeAttr(b, marks[m].ID)
			b.WriteString(`">`)
			open = true
		}
		writeTokens(b, code, []span{s})
	}
	if open {
		b.WriteString("</var>")
	}
}
