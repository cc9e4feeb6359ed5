package highlight

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// span is a token of the code: the byte range code[start:end] and the CSS
// class it is written with ("" for none). The spans of a block are in order,
// do not overlap and cover the code exactly, so writing each span's bytes
// once writes the code once.
type span struct {
	start, end int
	class      string
}

// maxEmptyTokens bounds the run of empty tokens a lexer may return in a row.
// Each non-empty token moves forward through the code, so only empty tokens
// could keep a broken lexer looping forever.
const maxEmptyTokens = 10_000

// plain returns the code as one unclassed span.
func plain(code string) []span {
	if code == "" {
		return nil
	}
	return []span{{start: 0, end: len(code)}}
}

// tokenize runs lexer over code and returns its tokens as spans, merging
// neighbours of the same class. ok is false when there is no lexer, or the
// lexer failed, panicked, or returned text that is not exactly the code
// (chroma lexers read runes, so invalid UTF-8 comes back as U+FFFD); the
// caller then writes plain text.
func tokenize(lexer chroma.Lexer, code string) (spans []span, ok bool) {
	if lexer == nil || code == "" {
		return nil, false
	}
	defer func() {
		// chroma's regex lexers panic on some inputs (unknown states,
		// failing mutators); a code block must never crash a build.
		if recover() != nil {
			spans, ok = nil, false
		}
	}()

	// Lex the code with a final newline, as line-based lexers expect,
	// and without chroma's \r\n -> \n rewrite, which would lose bytes.
	text := code
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	if f, ok := lexer.(*fastLexer); ok {
		// chroma reads runes, so invalid UTF-8 never comes back intact
		// from it and is written plain: leave such text, and text the
		// stand-in declines, to chroma's lexer.
		if utf8.ValidString(text) {
			buf, _ := f.toks.Get().(*[]chroma.Token)
			if buf == nil {
				buf = new([]chroma.Token)
			}
			toks, ok := f.fast.Tokenise((*buf)[:0], text)
			if ok {
				spans = fastSpans(toks, text, len(code))
			}
			// Keep the buffer for the next block, without the strings
			// of this one.
			clear(toks)
			*buf = toks[:0]
			f.toks.Put(buf)
			if ok {
				return spans, true
			}
		}
		lexer = f.Lexer
	}
	it, err := lexer.Tokenise(&chroma.TokeniseOptions{State: "root"}, text)
	if err != nil {
		return nil, false
	}
	pos, empty := 0, 0
	for t := it(); t != chroma.EOF; t = it() {
		if t.Value == "" {
			if empty++; empty > maxEmptyTokens {
				return nil, false
			}
			continue
		}
		empty = 0
		if !strings.HasPrefix(text[pos:], t.Value) {
			return nil, false
		}
		end := pos + len(t.Value)
		cls := class(t.Type)
		if n := len(spans); n > 0 && spans[n-1].class == cls {
			spans[n-1].end = end
		} else {
			spans = append(spans, span{start: pos, end: end, class: cls})
		}
		pos = end
	}
	if pos != len(text) {
		return nil, false
	}
	// Drop the newline added above.
	if len(text) > len(code) {
		last := &spans[len(spans)-1]
		last.end = len(code)
		if last.start == last.end {
			spans = spans[:len(spans)-1]
		}
	}
	return spans, true
}

// fastSpans turns the tokens of a fastlex lexer over text into spans of
// code, the text without the newline tokenize may have added. The tokens
// are slices of text in order, so no check of their values is needed.
func fastSpans(toks []chroma.Token, text string, codeLen int) []span {
	spans := make([]span, 0, len(toks))
	pos := 0
	for _, t := range toks {
		end := pos + len(t.Value)
		cls := class(t.Type)
		if n := len(spans); n > 0 && spans[n-1].class == cls {
			spans[n-1].end = end
		} else {
			spans = append(spans, span{start: pos, end: end, class: cls})
		}
		pos = end
	}
	if len(text) > codeLen && len(spans) > 0 {
		last := &spans[len(spans)-1]
		last.end = codeLen
		if last.start == last.end {
			spans = spans[:len(spans)-1]
		}
	}
	return spans
}

// class returns the CSS class chroma gives a token type, walking up to the
// type's parents for types without their own class, as chroma's HTML
// formatter does. Tokens the lexer could not match (Error), text handed
// between lexers (Other), whitespace and plain text get no class: a lexer's
// failure is not the author's, and styling blanks only adds bytes.
func class(t chroma.TokenType) string {
	if t <= 0 || t.Category() == chroma.Text {
		return ""
	}
	for ; t != 0; t = t.Parent() {
		if c, ok := chroma.StandardTypes[t]; ok {
			return c
		}
	}
	return ""
}

// writeTokens writes the spans of code as HTML: each span's bytes escaped,
// inside <span class="..."> when the span has a class.
//
// Live values will be placed here: given marks as sorted byte ranges of
// code, split the spans at mark boundaries (so no span crosses one), then
// open the mark element before the first span inside a mark and close it
// after the last, so the mark wraps whole token spans and always nests.
func writeTokens(b *bytes.Buffer, code string, spans []span) {
	for _, s := range spans {
		if s.class == "" {
			escapeText(b, code[s.start:s.end])
			continue
		}
		b.WriteString(`<span class="`)
		b.WriteString(s.class)
		b.WriteString(`">`)
		escapeText(b, code[s.start:s.end])
		b.WriteString(`</span>`)
	}
}

// escapeText writes s as HTML text. Besides the markup characters it writes
// \r as a character reference: HTML parsers turn a raw \r\n into \n, but
// keep a referenced one, so the text content keeps the code's line endings.
// Other bytes, invalid UTF-8 included, are written as they are.
func escapeText(b *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\r':
			esc = "&#13;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// escapeAttr writes s as the value of a double-quoted HTML attribute.
func escapeAttr(b *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		last = i + 1
	}
	b.WriteString(s[last:])
}
