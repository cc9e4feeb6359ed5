package live

import (
	"bytes"
	"fmt"
	"strings"
)

// checkShell checks the quoting of a shell snippet: single quotes, double
// quotes (with backslash escapes), $'...' quotes, backticks, $( ... ) and
// ${ ... } must close, and every here-document must end. The body of a
// here-document (<<EOF, <<-EOF, <<'EOF', <<"EOF", <<\EOF) is skipped, and so
// are comments ('#' at the start of a word). A line continuation ('\' at the
// end of a line) at the very end of the snippet is an error: the command
// would continue into nothing. The unclosed construct reported is the
// innermost, at its opening byte: it is the one that swallowed the rest.
//
// Bare parentheses and braces (subshells, groups, case patterns) are not
// checked: only $( and ${ open something that must close. So a stray ) is
// never an error, and a case pattern inside $( ) ends the substitution
// early without a false report.
//
// For a console session (session true), when a line starts with "$ " (or is
// "$"), only the commands are checked: lines after a "$ " prompt, and the
// lines that continue them (an open quote, a here-document, a trailing
// '\'), with a leading "> " prompt removed. Other lines are output.
func checkShell(code string, session bool) *SnippetError {
	src := []byte(code)
	sc := &shScanner{src: src}
	if !session || !hasPrompt(code) {
		sc.scan(len(src))
		return sc.result(code)
	}
	for start := 0; start < len(src); {
		end := strings.IndexByte(code[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start + 1
		}
		line := code[start:end]
		switch {
		case sc.open():
			if strings.HasPrefix(line, "> ") {
				src[start], src[start+1] = ' ', ' '
				sc.content = start + 2
			}
		case isPromptLine(line):
			i := strings.IndexByte(line, '$')
			for j := start; j <= start+i && j < end; j++ {
				src[j] = ' '
			}
		default:
			for j := start; j < end; j++ {
				if src[j] != '\n' {
					src[j] = ' '
				}
			}
		}
		sc.scan(end)
		start = end
	}
	return sc.result(code)
}

// hasPrompt reports whether a console snippet shows "$ " prompts.
func hasPrompt(code string) bool {
	for _, l := range strings.Split(code, "\n") {
		if isPromptLine(l) {
			return true
		}
	}
	return false
}

// isPromptLine reports whether l is "$ command" or "$", after blanks.
func isPromptLine(l string) bool {
	l = strings.TrimRight(strings.TrimLeft(l, " \t"), "\r\n")
	return l == "$" || strings.HasPrefix(l, "$ ")
}

// shKind is a construct that must close.
type shKind uint8

const (
	shBase     shKind = iota // outside any construct
	shSingle                 // '...'
	shANSI                   // $'...'
	shDouble                 // "..."
	shBacktick               // `...`
	shCmdSub                 // $( ... )
	shParam                  // ${ ... }
)

var shUnclosed = [...]string{
	shSingle:   "unclosed single quote",
	shANSI:     "unclosed $' quote",
	shDouble:   "unclosed double quote",
	shBacktick: "unclosed backtick",
	shCmdSub:   "unclosed $( command substitution: no matching )",
	shParam:    "unclosed ${ parameter expansion: no matching }",
}

// shFrame is an open construct: its kind, the offset of its opening byte,
// the parentheses or braces open inside it, and, for ${, whether it sits
// inside double quotes (where a ' is literal).
type shFrame struct {
	kind     shKind
	open     int
	depth    int
	inDouble bool
}

// heredoc is a here-document: its delimiter, whether leading tabs are
// stripped (<<-), and the offset of its << operator.
type heredoc struct {
	delim string
	strip bool
	open  int
}

// shScanner walks shell source byte by byte, holding the open constructs on
// a stack; it can stop at any line end and resume, which is how a console
// session decides which lines are commands.
type shScanner struct {
	src     []byte
	pos     int
	stack   []shFrame
	pending []heredoc // declared on the current line
	bodies  []heredoc // bodies to skip, from the next line start
	content int       // where the current line's text starts, after a "> " prompt
	contAt  int       // offset just after the last "\\\n" outside quotes
	contOff int       // offset of that backslash
	hasCont bool
}

func (s *shScanner) top() shFrame {
	if len(s.stack) == 0 {
		return shFrame{kind: shBase}
	}
	return s.stack[len(s.stack)-1]
}

func (s *shScanner) push(k shKind, open int) {
	s.stack = append(s.stack, shFrame{kind: k, open: open, inDouble: s.top().kind == shDouble})
}

func (s *shScanner) pop() { s.stack = s.stack[:len(s.stack)-1] }

func (s *shScanner) peek(i int) byte {
	if i < len(s.src) {
		return s.src[i]
	}
	return 0
}

// open reports whether the text so far leaves a command unfinished.
func (s *shScanner) open() bool {
	return len(s.stack) > 0 || len(s.pending) > 0 || len(s.bodies) > 0 || s.hasCont && s.contAt == s.pos
}

// scan advances to limit, which must be a line end (or the end of src).
func (s *shScanner) scan(limit int) {
	for s.pos < limit {
		if len(s.bodies) > 0 && (s.pos == 0 || s.src[s.pos-1] == '\n') {
			s.bodyLine()
			continue
		}
		c := s.src[s.pos]
		switch f := s.top(); f.kind {
		case shSingle:
			if c == '\'' {
				s.pop()
			}
			s.pos++
		case shANSI:
			switch c {
			case '\\':
				s.pos++
			case '\'':
				s.pop()
			}
			s.pos++
		case shDouble:
			switch {
			case c == '\\':
				s.pos++
			case c == '"':
				s.pop()
			case c == '`':
				s.push(shBacktick, s.pos)
			case c == '$' && (s.peek(s.pos+1) == '(' || s.peek(s.pos+1) == '{'):
				s.dollar()
				continue
			}
			s.pos++
		default:
			s.code(c, f)
		}
	}
	s.pos = min(s.pos, len(s.src))
}

// code handles byte c outside quotes: at the top level, in `...`, $( ) or
// ${ }.
func (s *shScanner) code(c byte, f shFrame) {
	switch c {
	case '\\':
		if s.peek(s.pos+1) == '\n' || s.peek(s.pos+1) == '\r' && s.peek(s.pos+2) == '\n' {
			s.contOff = s.pos
			s.pos += 2
			if s.src[s.pos-1] == '\r' {
				s.pos++
			}
			s.contAt, s.hasCont = s.pos, true
			return
		}
		if s.pos+1 >= len(s.src) {
			s.contOff, s.contAt, s.hasCont = s.pos, len(s.src), true
		}
		s.pos += 2
		return
	case '\'':
		if f.kind == shParam && f.inDouble {
			break
		}
		s.push(shSingle, s.pos)
	case '"':
		s.push(shDouble, s.pos)
	case '`':
		if f.kind == shBacktick {
			s.pop()
		} else {
			s.push(shBacktick, s.pos)
		}
	case '$':
		s.dollar()
		return
	case '(':
		if f.kind == shCmdSub {
			s.stack[len(s.stack)-1].depth++
		}
	case ')':
		if f.kind == shCmdSub {
			if f.depth > 0 {
				s.stack[len(s.stack)-1].depth--
			} else {
				s.pop()
			}
		}
	case '{':
		if f.kind == shParam {
			s.stack[len(s.stack)-1].depth++
		}
	case '}':
		if f.kind == shParam {
			if f.depth > 0 {
				s.stack[len(s.stack)-1].depth--
			} else {
				s.pop()
			}
		}
	case '#':
		if f.kind != shParam && s.wordStart() {
			if i := bytes.IndexByte(s.src[s.pos:], '\n'); i >= 0 {
				s.pos += i
			} else {
				s.pos = len(s.src)
			}
			return
		}
	case '<':
		if f.kind != shParam && s.peek(s.pos+1) == '<' {
			s.heredocOp()
			return
		}
	case '\n':
		s.bodies = append(s.bodies, s.pending...)
		s.pending = nil
	}
	s.pos++
}

// dollar handles '$' at s.pos: $( and ${ open constructs, and outside
// double quotes $' opens an ANSI-C quote.
func (s *shScanner) dollar() {
	switch s.peek(s.pos + 1) {
	case '(':
		s.push(shCmdSub, s.pos)
		s.pos += 2
	case '{':
		s.push(shParam, s.pos)
		s.pos += 2
	case '\'':
		if f := s.top(); f.kind != shDouble && !(f.kind == shParam && f.inDouble) {
			s.push(shANSI, s.pos)
			s.pos += 2
			return
		}
		s.pos++
	default:
		s.pos++
	}
}

// wordStart reports whether s.pos starts a word, where '#' starts a comment.
func (s *shScanner) wordStart() bool {
	if s.pos == 0 {
		return true
	}
	return strings.IndexByte(" \t\r\n;&|()<>", s.src[s.pos-1]) >= 0
}

// heredocOp reads a << operator at s.pos:
//
//	heredoc = "<<" [ "-" ] blanks* word
//	word    = { "'" bytes "'" | '"' bytes '"' | "\" byte | other byte }
//
// where the word ends at a blank, a line end or one of ;&|()<>, and its
// quotes are removed to give the delimiter. "<<<" is a here-string. An
// unquoted word must start with a letter or '_' (so that the shift in
// $((1<<2)) is not read as one).
func (s *shScanner) heredocOp() {
	open := s.pos
	if s.peek(s.pos+2) == '<' {
		s.pos += 3
		return
	}
	i := s.pos + 2
	strip := s.peek(i) == '-'
	if strip {
		i++
	}
	for s.peek(i) == ' ' || s.peek(i) == '\t' {
		i++
	}
	var delim strings.Builder
	quoted := false
	first := i
word:
	for i < len(s.src) {
		c := s.src[i]
		switch {
		case c == '\'' || c == '"':
			j := i + 1
			for j < len(s.src) && s.src[j] != c && s.src[j] != '\n' {
				j++
			}
			if j >= len(s.src) || s.src[j] != c {
				break word
			}
			delim.Write(s.src[i+1 : j])
			quoted = true
			i = j + 1
		case c == '\\' && i+1 < len(s.src) && s.src[i+1] != '\n':
			delim.WriteByte(s.src[i+1])
			quoted = true
			i += 2
		case strings.IndexByte(" \t\r\n;&|()<>", c) >= 0:
			break word
		default:
			delim.WriteByte(c)
			i++
		}
	}
	d := delim.String()
	if d == "" || !quoted && !(isLetter(s.src[first]) || s.src[first] == '_') {
		s.pos += 2
		return
	}
	s.pending = append(s.pending, heredoc{delim: d, strip: strip, open: open})
	s.pos = i
}

// bodyLine skips one line of a here-document body, ending it at its
// delimiter line.
func (s *shScanner) bodyLine() {
	end := len(s.src)
	if i := bytes.IndexByte(s.src[s.pos:], '\n'); i >= 0 {
		end = s.pos + i
	}
	line := strings.TrimSuffix(string(s.src[max(s.pos, min(s.content, end)):end]), "\r")
	h := s.bodies[0]
	if h.strip {
		line = strings.TrimLeft(line, "\t")
	}
	if line == h.delim {
		s.bodies = s.bodies[1:]
	}
	s.pos = min(end+1, len(s.src))
}

// result returns the first problem left at the end of the snippet.
func (s *shScanner) result(code string) *SnippetError {
	if len(s.stack) > 0 {
		f := s.stack[len(s.stack)-1]
		return errorAt(code, f.open, "shell: "+shUnclosed[f.kind])
	}
	if h := append(s.bodies, s.pending...); len(h) > 0 {
		return errorAt(code, h[0].open, fmt.Sprintf("shell: here-document not closed: no line reads %q", h[0].delim))
	}
	if s.hasCont && s.contAt >= len(s.src) {
		return errorAt(code, s.contOff, "shell: the line continuation \\ at the end continues the command into nothing")
	}
	return nil
}
