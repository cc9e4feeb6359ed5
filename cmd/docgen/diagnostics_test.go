package main

import (
	"reflect"
	"testing"

	"github.com/docgen/docgen/internal/diag"
)

// TestDiagnosticsPrintOnce: the terminal prints a diagnostic once while
// rebuilds keep having it, the same value or an equal one made again,
// and again after a rebuild without it; the overlay lists them all, with
// their current level.
func TestDiagnosticsPrintOnce(t *testing.T) {
	file := diag.NewFile("content/a.md", []byte("one\ntwo\nthree\n"))
	mk := func(msg string, offset int) *diag.Diagnostic {
		return &diag.Diagnostic{File: file, Offset: offset, Level: diag.Warning, ID: "x", Msg: msg}
	}
	a, b := mk("a", 0), mk("b", 4)
	b2, b3 := mk("b", 4), mk("b", 4) // b made again by a page rendered again
	ds := &diagnostics{}
	steps := []struct {
		list  diag.List
		fresh diag.List
	}{
		{diag.List{a, b}, diag.List{a, b}},
		{diag.List{a, b2}, nil},
		{diag.List{a}, nil},
		{diag.List{a, b3}, diag.List{b3}},
	}
	for i, s := range steps {
		overlay, fresh := ds.update(s.list)
		if !reflect.DeepEqual(fresh, s.fresh) {
			t.Errorf("step %d: printed %v, want %v", i, fresh, s.fresh)
		}
		if len(overlay) != len(s.list) {
			t.Fatalf("step %d: overlay has %d, want %d", i, len(overlay), len(s.list))
		}
		for j, d := range s.list {
			if o := overlay[j]; o.Message != d.Msg || o.Line != 1+d.Offset/4 || len(o.Source) == 0 || o.Severity != "warning" {
				t.Errorf("step %d: overlay %+v for %v", i, o, d)
			}
		}
	}
	a.Level = diag.Error // the config made it an error
	if overlay, _ := ds.update(diag.List{a}); overlay[0].Severity != "error" {
		t.Errorf("overlay severity %q after the level changed, want error", overlay[0].Severity)
	}
}
