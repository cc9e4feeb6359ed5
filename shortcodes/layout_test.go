package shortcodes

import (
	"testing"

	"github.com/docgen/docgen/parser"
)

func TestSeconds(t *testing.T) {
	tests := []struct {
		in   any
		want int
		ok   bool
	}{
		{"0:00", 0, true}, {"6:47", 407, true}, {"1:02:05", 3725, true}, {"90", 90, true}, {" 1:05 ", 65, true},
		{60.0, 60, true}, {0.0, 0, true},
		{"6:7", 0, false}, {"6:60", 0, false}, {"1:2:3:4", 0, false}, {"", 0, false}, {"a:00", 0, false},
		{":30", 0, false}, {"-1", 0, false}, {1.5, 0, false}, {-3.0, 0, false}, {true, 0, false}, {nil, 0, false},
	}
	for _, tt := range tests {
		got, ok := seconds(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("seconds(%#v) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	for s, want := range map[int]string{0: "0:00", 407: "6:47", 3725: "1:02:05", 59: "0:59"} {
		if got := clock(s); got != want {
			t.Errorf("clock(%d) = %q, want %q", s, got, want)
		}
	}
}

func TestWidthStep(t *testing.T) {
	tests := []struct {
		in   any
		want int
		ok   bool
	}{
		{"80%", 80, true}, {"75%", 80, true}, {"74%", 70, true}, {"100%", 100, true}, {"3%", 10, true}, {" 50 %", 50, true},
		{"800px", 0, false}, {"80", 0, false}, {"0%", 0, false}, {"120%", 0, false}, {80.0, 0, false}, {"x%", 0, false},
	}
	for _, tt := range tests {
		got, ok := widthStep(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("widthStep(%#v) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestIsExternal(t *testing.T) {
	for href, want := range map[string]bool{
		"https://example.org": true, "mailto:a@b.c": true, "//cdn.example.org/x": true,
		"/connectors/x": false, "connectors/x": false, "#top": false, "": false, "a/b:c": false, ":x": false,
	} {
		if got := isExternal(href); got != want {
			t.Errorf("isExternal(%q) = %v, want %v", href, got, want)
		}
	}
}

func TestMediaChecks(t *testing.T) {
	tests := []struct {
		name  string
		check func(parser.Value, Env) []Problem
		val   parser.Value
		want  string
	}{
		{"video id", checkVideoID, "ld43_jafL9w", ""},
		{"video id as url", checkVideoID, "https://youtu.be/ld43_jafL9w", "attribute-value-invalid"},
		{"video id too short", checkVideoID, "ld43", "attribute-value-invalid"},
		{"video id number", checkVideoID, 5.0, "attribute-value-invalid"},
		{"time", checkTime, "6:47", ""},
		{"time seconds", checkTime, 30.0, ""},
		{"time bad", checkTime, "six", "attribute-value-invalid"},
		{"demo id", checkDemoID, "ab-12_x", ""},
		{"demo id url", checkDemoID, "https://app.storylane.io/demo/x", "attribute-value-invalid"},
		{"width", checkWidth, "60%", ""},
		{"width px", checkWidth, "800px", "attribute-value-invalid"},
	}
	for _, tt := range tests {
		got := ""
		if ps := tt.check(tt.val, nil); len(ps) > 0 {
			got = ps[0].ID
		}
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
