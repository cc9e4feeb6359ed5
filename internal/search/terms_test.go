package search

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestTerms runs the cases the script's terms function is also checked
// against (internal/browsertest), so a query is cut into words exactly as
// the index was.
func TestTerms(t *testing.T) {
	data, err := os.ReadFile("testdata/terms.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Text  string   `json:"text"`
		Terms []string `json:"terms"`
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		got := Terms(c.Text)
		if !slices.Equal(got, c.Terms) && !(len(got) == 0 && len(c.Terms) == 0) {
			t.Errorf("Terms(%q) = %q, want %q", c.Text, got, c.Terms)
		}
	}
}

func TestIndexTerms(t *testing.T) {
	long := strings.Repeat("x", maxTermRunes+1)
	tests := []struct {
		text string
		want []string
	}{
		{"The tenant of this app", []string{"tenant", "app"}},
		{"AUTHENTICATION_CLIENT_ID", []string{"authentication_client_id", "authentication", "client", "id"}},
		{"openMetadataServerConfig", []string{"openmetadataserverconfig", "open", "metadata", "server", "config"}},
		{"JWTToken OpenID", []string{"jwttoken", "jwt", "token", "openid", "open", "id"}},
		{"v1.9 v2", []string{"v1.9", "1.9", "v2", "2"}},
		{"version", []string{"version"}},
		{"The_Tenant", []string{"the_tenant", "tenant"}},
		{long + " " + strings.Repeat("é", maxTermRunes), []string{strings.Repeat("é", maxTermRunes)}},
		{"caféBar", []string{"cafébar", "café", "bar"}},
		{"ABC", []string{"abc"}},
		{"\xffbad\xfeUTF", []string{"bad", "utf"}},
	}
	for _, tt := range tests {
		var got []string
		indexTerms(tt.text, func(s []byte) { got = append(got, string(s)) })
		if !slices.Equal(got, tt.want) {
			t.Errorf("indexTerms(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestIdentifierParts(t *testing.T) {
	tests := []struct {
		word string
		want []string
	}{
		{"hostPort", []string{"host", "Port"}},
		{"HTTPServer", []string{"HTTP", "Server"}},
		{"a_b", []string{"a", "b"}},
		{"plain", []string{"plain"}},
		{"x\xffY", []string{"x\xffY"}},
		{"ÉtéÉté", []string{"Été", "Été"}},
	}
	for _, tt := range tests {
		if got := identifierParts(nil, tt.word); !slices.Equal(got, tt.want) {
			t.Errorf("identifierParts(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestStopWordsSorted(t *testing.T) {
	if !slices.IsSorted(stopWords[:]) || len(slices.Compact(slices.Clone(stopWords[:]))) != len(stopWords) {
		t.Error("stopWords must be sorted and unique: the manifest lists them")
	}
	for _, w := range stopWords {
		if len(w) > maxStopWordLen {
			t.Errorf("%q is longer than maxStopWordLen", w)
		}
		if !isStopWord(w) || Terms(w)[0] != w {
			t.Errorf("%q: not found, or not a single term", w)
		}
	}
	if isStopWord("tenant") || isStopWord("") {
		t.Error("isStopWord finds what is not there")
	}
}
