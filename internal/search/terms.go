package search

import (
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

// maxStopWordLen is the length of the longest stop word: longer terms
// are not looked up.
const maxStopWordLen = 7

// stopTable holds stopWords, each packed into a number (see packTerm),
// as an open-addressed hash set: looking a term up is a multiplication
// and a comparison or two, where a map hashed a string.
var stopTable = func() (t [256]uint64) {
	for _, w := range stopWords {
		v := packTerm([]byte(w))
		i := stopSlot(v)
		for t[i] != 0 {
			i++
		}
		t[i] = v
	}
	return t
}()

func stopSlot(v uint64) uint8 { return uint8((v * 0x9E3779B97F4A7C15) >> 56) }

// packTerm packs a term of at most maxStopWordLen bytes, and its length,
// into a number that no other such term packs into.
func packTerm(t []byte) uint64 {
	v := uint64(len(t))
	for i, c := range t {
		v |= uint64(c) << (8 * (i + 1))
	}
	return v
}

// isStopWord reports whether t is a stop word.
func isStopWord(t string) bool { return isStopTerm([]byte(t)) }

// isStopTerm reports whether t is a stop word.
func isStopTerm(t []byte) bool {
	if len(t) > maxStopWordLen || len(t) == 0 {
		return false
	}
	v := packTerm(t) // not 0: the length is in it
	for i := stopSlot(v); stopTable[i] != 0; i++ {
		if stopTable[i] == v {
			return true
		}
	}
	return false
}

// asciiWord tells the ASCII word runes: letters and digits (no ASCII
// rune is a combining mark).
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return t
}()

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

func isNumber(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= '0' && r <= '9'
	}
	return unicode.IsNumber(r)
}

// decodeRune is utf8.DecodeRuneInString(s[i:]) with ASCII first, which
// is nearly all the text of docs.
func decodeRune(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
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

// What nextWord tells of a word besides where it is.
const (
	wordUpper    = 1 << iota // it has an ASCII upper-case letter
	wordNonASCII             // it has a rune outside ASCII
	wordCompound             // it may have parts: an underscore, or an upper-case letter after its first rune
)

// words calls emit with each word of text, as written.
func words(text string, emit func(string)) {
	for i := 0; ; {
		start, end, _ := nextWord(text, i)
		if start == end {
			return
		}
		emit(text[start:end])
		i = end
	}
}

// nextWord finds the first word of text at or after byte i, and returns
// where it starts and ends (both len(text) when there is none) and its
// flags. It is the loop of words and indexTerms, without a call per
// word: a site has millions of them.
func nextWord(text string, i int) (start, end int, flags uint8) {
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if asciiWord[c] {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if isWordRune(r) {
			break
		}
		i += size
	}
	start = i
	var prev rune
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf && asciiWord[c] {
			// The common case, without a call.
			if c <= 'Z' && c >= 'A' {
				flags |= wordUpper
				if i > start {
					flags |= wordCompound
				}
			}
			i++
			prev = rune(c)
			continue
		}
		r, size := decodeRune(text, i)
		if isWordRune(r) {
			switch {
			case r >= 'A' && r <= 'Z':
				flags |= wordUpper
				if i > start {
					flags |= wordCompound
				}
			case r >= utf8.RuneSelf:
				flags |= wordNonASCII
				if i > start && unicode.IsUpper(r) {
					flags |= wordCompound
				}
			}
			i += size
			prev = r
			continue
		}
		// An underscore between word runes, a dot between digits: the
		// rune after it, checked here, is read as a word rune next.
		if (r == '_' || r == '.' && isNumber(prev)) && i+size < len(text) {
			next, _ := decodeRune(text, i+size)
			if isWordRune(next) && (r == '_' || isNumber(next)) {
				if r == '_' {
					flags |= wordCompound
				}
				i += size
				continue
			}
		}
		break
	}
	return start, i, flags
}

// indexTerms calls emit with every term the index holds for text: each
// word lower-cased, and also the parts a reader may search for on their
// own: the pieces of snake_case and camelCase identifiers
// (AUTHENTICATION_CLIENT_ID is also "client" and "id", openMetadataServer
// also "metadata"), and a version without its "v" (v1.9 is also 1.9).
// Stop words and overlong terms are left out. The term passed to emit is
// only valid during the call: it is reused for the next one, so that
// terms already seen cost no allocation.
func indexTerms(text string, emit func(term []byte)) {
	var c termCutter
	c.indexTerms(text, emit)
}

// termCutter keeps the buffers of indexTerms from one text to the next.
type termCutter struct {
	buf   []byte
	parts []string
}

// indexTerms is the function indexTerms, with c's buffers.
func (c *termCutter) indexTerms(text string, emit func(term []byte)) {
	for i := 0; ; {
		start, end, flags := nextWord(text, i)
		if start == end {
			return
		}
		i = end
		w := text[start:end]
		switch {
		case flags&wordNonASCII != 0:
			c.buf = append(c.buf[:0], strings.ToLower(w)...)
		case flags&wordUpper != 0:
			c.buf = appendLower(c.buf[:0], w)
		default:
			c.buf = append(c.buf[:0], w...)
		}
		keepTerm(c.buf, emit)
		if len(c.buf) > 1 && c.buf[0] == 'v' && c.buf[1] >= '0' && c.buf[1] <= '9' {
			keepTerm(c.buf[1:], emit)
		}
		if flags&wordCompound == 0 {
			continue
		}
		if c.parts = identifierParts(c.parts[:0], w); len(c.parts) > 1 {
			for _, p := range c.parts {
				c.buf = appendLower(c.buf[:0], p)
				keepTerm(c.buf, emit)
			}
		}
	}
}

// keepTerm calls emit with t unless the index leaves it out.
func keepTerm(t []byte, emit func([]byte)) {
	if (len(t) <= maxTermRunes || utf8.RuneCount(t) <= maxTermRunes) && !isStopTerm(t) {
		emit(t)
	}
}

// appendLower appends w lower-cased, as strings.ToLower does, to b.
func appendLower(b []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return append(b, strings.ToLower(w)...)
		}
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// identifierParts appends to dst the parts of a word split at
// underscores and at camelCase humps: "openMetadataServerConfig" → open
// Metadata Server Config, "JWTToken" → JWT Token, "AUTH_CLIENT_ID" →
// AUTH CLIENT ID.
func identifierParts(dst []string, w string) []string {
	for rest := w; ; {
		piece, after, more := strings.Cut(rest, "_")
		start := 0
		var prev rune
		for i := 0; i < len(piece); {
			r, size := utf8.DecodeRuneInString(piece[i:])
			if i > 0 {
				next, _ := utf8.DecodeRuneInString(piece[i+size:])
				hump := unicode.IsLower(prev) && unicode.IsUpper(r) ||
					unicode.IsUpper(prev) && unicode.IsUpper(r) && unicode.IsLower(next)
				if hump {
					dst = append(dst, piece[start:i])
					start = i
				}
			}
			prev = r
			i += size
		}
		if start < len(piece) {
			dst = append(dst, piece[start:])
		}
		if !more {
			return dst
		}
		rest = after
	}
}
