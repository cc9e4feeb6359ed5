package diag

import (
	"strings"
	"testing"
)

func TestPosition(t *testing.T) {
	f := NewFile("a.md", []byte("ab\n\ncdé\nx"))
	tests := []struct{ off, line, col int }{
		{0, 1, 1}, {1, 1, 2}, {2, 1, 3}, {3, 2, 1}, {4, 3, 1},
		{6, 3, 3}, {8, 3, 5}, {9, 4, 1}, {10, 4, 2}, {99, 4, 2}, {-5, 1, 1},
	}
	for _, tt := range tests {
		if l, c := f.Position(tt.off); l != tt.line || c != tt.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tt.off, l, c, tt.line, tt.col)
		}
	}
}

func TestString(t *testing.T) {
	page := NewFile("content/a.md", []byte("one\n{% partial %}\n"))
	part := NewFile("content/partials/v1.9/x.md", []byte("\n\n   {% bad %}\n"))
	d := &Diagnostic{File: part, Offset: 5, Level: Critical, ID: "parse-error", Msg: "invalid tag",
		Hint: "did you mean?\nor this", Via: []Site{{File: page, Offset: 4, What: `in partial "/v1.9/x.md"`}}}
	want := "content/a.md:2:1: in partial \"/v1.9/x.md\": content/partials/v1.9/x.md:3:4: error: invalid tag [parse-error]\n\tdid you mean?\n\tor this"
	if got := d.String(); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	w := &Diagnostic{File: page, Offset: 0, Level: Warning, Msg: "w"}
	if got := w.String(); got != "content/a.md:1:1: warning: w" {
		t.Errorf("got %q", got)
	}
	if got := (&Diagnostic{Level: Info, Msg: "n"}).String(); got != "note: n" {
		t.Errorf("got %q", got)
	}
}

func TestList(t *testing.T) {
	a := NewFile("a.md", []byte("x\ny\nz\n"))
	b := NewFile("b.md", []byte("x\n"))
	var l List
	if l.Err() != nil {
		t.Error("empty list has an error")
	}
	l.Add(&Diagnostic{File: b, Offset: 0, Level: Error, ID: "x", Msg: "b0"})
	l.Add(&Diagnostic{File: a, Offset: 4, Level: Warning, ID: "y", Msg: "a4"})
	l.Add(&Diagnostic{File: a, Offset: 2, Level: Error, ID: "z", Msg: "a2"})
	l.Sort()
	var order []string
	for _, d := range l {
		order = append(order, d.Msg)
	}
	if got := strings.Join(order, " "); got != "a2 a4 b0" {
		t.Errorf("sorted: %s", got)
	}
	if l.Count(Error) != 2 || l.Count(Warning) != 3 {
		t.Errorf("counts %d %d", l.Count(Error), l.Count(Warning))
	}
	if l.Err() == nil || strings.Count(l.Error(), "\n") != 2 {
		t.Errorf("Error():\n%s", l.Error())
	}
	warnOnly := List{{File: a, Level: Warning, Msg: "w"}}
	if warnOnly.Err() != nil {
		t.Error("warnings alone are not an error")
	}
	if lv, ok := ParseLevel("critical"); !ok || lv != Critical || lv.String() != "critical" {
		t.Error("ParseLevel(critical)")
	}
	if _, ok := ParseLevel(""); ok {
		t.Error("ParseLevel accepted an empty name")
	}
}
