package suggest

import "testing"

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "abc", 0},
		{"", "abc", 3},
		{"kitten", "sitting", 3},
		{"titel", "title", 1},
		{"note", "ntoe", 1},
		{"ab", "ba", 1},
		{"ca", "abc", 3},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Distance(tt.b, tt.a); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (symmetry)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	names := []string{"inlineCallout", "inlineCalloutContainer", "image", "note", "partial"}
	tests := []struct{ in, want string }{
		{"inlineCalout", `did you mean "inlineCallout"?`},
		{"InlineCallout", `did you mean "inlineCallout"?`},
		{"imgae", `did you mean "image"?`},
		{"youtube", ""},
		{"x", ""},
	}
	for _, tt := range tests {
		if got := DidYouMean(tt.in, names); got != tt.want {
			t.Errorf("DidYouMean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
