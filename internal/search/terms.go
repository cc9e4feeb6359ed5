package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxTermRunes bounds the terms kept in the index: longer words are
// hashes, keys and minified code, which nobody types into a search box.
const maxTermRunes = 64

// stopWords are left out of the index: they are in nearly every section,
// so their postings would be a large part of the index and match
// everything. The list is Lucene's English stop set and the other
// function words (pronouns, auxiliaries, prepositions, quantifiers) that
// carry no subject of their own; words that do, like "new", "default"
// or "required", are kept. The manifest carries the list, so the script
// drops the same words from queries.
var stopWords = [...]string{
	"a", "about", "above", "after", "again", "all", "also", "an", "and",
	"any", "are", "as", "at", "be", "because", "been", "before", "being",
	"below", "between", "both", "but", "by", "can", "could", "did", "do",
	"does", "during", "each", "every", "few", "for", "from", "further",
	"had", "has", "have", "he", "her", "here", "hers", "him", "his", "how",
	"i", "if", "in", "into", "is", "it", "its", "may", "me", "might",
	"more", "most", "must", "my", "no", "nor", "not", "of", "off", "on",
	"once", "only", "or", "other", "our", "out", "over", "own", "same",
	"she", "should", "so", "some", "such", "than", "that", "the", "their",
	"them", "then", "there", "these", "they", "this", "those", "through",
	"to", "too", "under", "until", "up", "us", "very", "was", "we", "were",
	"what", "when", "where", "which", "while", "who", "whom", "why",
	"will", "with", "would", "you", "your",
}

// isStopWord reports whether t is a stop word; the list is sorted.
func isStopWord(t string) bool {
	_, found := slices.BinarySearch(stopWords[:], t)
	return found
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// Terms returns the words of text as a query reads them: lower-cased, in
// order, repeats and stop words kept. A word is a run of letters, digits
// and combining marks; an underscore between two runs joins them, so
// AUTHENTICATION_PROVIDER stays one word, as readers copy it from a
// config file, and so does a dot between two digits, so versions and
// addresses (1.9, 10.0.0.1) stay whole. Everything else separates words:
// localhost:8585 is "localhost" and "8585".
//
// The script's terms function must give the same words for the same text;
// testdata/terms.json holds the cases both are checked against.
func Terms(text string) []string {
	var out []string
	words(text, func(w string) { out = append(out, strings.ToLower(w)) })
	return out
}

// words calls emit with each word of text, as written.
func words(text string, emit func(string)) {
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		i += size
		prev := r
		for i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				i += size
				prev = r
				continue
			}
			if r == '_' || r == '.' && unicode.IsNumber(prev) {
				next, nsize := utf8.DecodeRuneInString(text[i+size:])
				if isWordRune(next) && (r == '_' || unicode.IsNumber(next)) {
					i += size + nsize
					prev = next
					continue
				}
			}
			break
		}
		emit(text[start:i])
	}
}

// indexTerms calls emit with every term the index holds for text: each
// word lower-cased, and also the parts a reader may search for on their
// own: the pieces of snake_case and camelCase identifiers
// (AUTHENTICATION_CLIENT_ID is also "client" and "id", openMetadataServer
// also "metadata"), and a version without its "v" (v1.9 is also 1.9).
// Stop words and overlong terms are left out.
func indexTerms(text string, emit func(string)) {
	words(text, func(w string) {
		keep := func(t string) {
			if utf8.RuneCountInString(t) <= maxTermRunes && !isStopWord(t) {
				emit(t)
			}
		}
		whole := strings.ToLower(w)
		keep(whole)
		if len(whole) > 1 && whole[0] == 'v' && whole[1] >= '0' && whole[1] <= '9' {
			keep(whole[1:])
		}
		if !compound(w) {
			return
		}
		if parts := identifierParts(w); len(parts) > 1 {
			for _, p := range parts {
				keep(strings.ToLower(p))
			}
		}
	})
}

// compound reports whether a word may have parts: it has an underscore,
// or an upper-case letter after its first letter.
func compound(w string) bool {
	for i, r := range w {
		if r == '_' || i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// identifierParts splits a word at underscores and at camelCase humps:
// "openMetadataServerConfig" → open Metadata Server Config, "JWTToken" →
// JWT Token, "AUTH_CLIENT_ID" → AUTH CLIENT ID.
func identifierParts(w string) []string {
	var parts []string
	for _, piece := range strings.Split(w, "_") {
		start := 0
		var prev rune
		for i := 0; i < len(piece); {
			r, size := utf8.DecodeRuneInString(piece[i:])
			if i > 0 {
				next, _ := utf8.DecodeRuneInString(piece[i+size:])
				hump := unicode.IsLower(prev) && unicode.IsUpper(r) ||
					unicode.IsUpper(prev) && unicode.IsUpper(r) && unicode.IsLower(next)
				if hump {
					parts = append(parts, piece[start:i])
					start = i
				}
			}
			prev = r
			i += size
		}
		if start < len(piece) {
			parts = append(parts, piece[start:])
		}
	}
	return parts
}
