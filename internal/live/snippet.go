package live

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// SnippetError is the first syntax error of a filled snippet.
type SnippetError struct {
	// Line and Col are 1-based, in the snippet; Col counts bytes.
	Line, Col int
	Msg       string
}

// Error returns "line:col: msg".
func (e *SnippetError) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg)
}

// CheckSnippet checks the syntax of a snippet (with its live values filled
// in) written in lang, the first word of a fence's info string, in any case:
//
//	yaml, yml                        every document parses (go.yaml.in/yaml/v3)
//	json                             one JSON value (encoding/json)
//	env, dotenv, properties          NAME=value lines (see checkEnv)
//	bash, sh, shell, zsh, console    quotes, $( ), ${ }, here-documents (see checkShell)
//
// It returns nil when the snippet is fine, blank, or in a language it does
// not check.
func CheckSnippet(lang, code string) *SnippetError {
	if f := strings.Fields(lang); len(f) > 0 {
		lang = strings.ToLower(f[0])
	}
	if strings.TrimSpace(code) == "" {
		return nil
	}
	switch lang {
	case "yaml", "yml":
		return checkYAML(code)
	case "json":
		return checkJSON(code)
	case "env", "dotenv", "properties":
		return checkEnv(code)
	case "bash", "sh", "shell", "zsh":
		return checkShell(code, false)
	case "console":
		return checkShell(code, true)
	}
	return nil
}

// errorAt positions msg at byte offset off of code, clamped to the snippet.
func errorAt(code string, off int, msg string) *SnippetError {
	off = max(0, min(off, len(code)))
	line := 1 + strings.Count(code[:off], "\n")
	col := off - (strings.LastIndexByte(code[:off], '\n') + 1) + 1
	return &SnippetError{Line: line, Col: col, Msg: msg}
}

// lineStart returns the byte offset of the first byte of the 1-based line
// that is not a space (YAML indents with spaces: a tab is worth pointing
// at), or of the line's start when it is blank; lines past the end clamp to
// the last line.
func lineStart(code string, line int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(code[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
	}
	i := off
	for i < len(code) && code[i] == ' ' {
		i++
	}
	if i == len(code) || code[i] == '\n' || code[i] == '\r' {
		return off
	}
	return i
}

// checkYAML parses every document of code.
func checkYAML(code string) (se *SnippetError) {
	defer func() {
		// The YAML parser has panicked on crafted input before; a snippet
		// must never crash the build.
		if r := recover(); r != nil {
			se = errorAt(code, 0, fmt.Sprintf("YAML: the parser failed: %v", r))
		}
	}()
	dec := yaml.NewDecoder(strings.NewReader(code))
	for {
		// A Node, not a Go value: decoding into values expands aliases and
		// checks duplicate keys in quadratic time and memory.
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return yamlError(code, err)
		}
		if n, first := duplicateKey(&doc); n != nil {
			return errorAt(code, nodeOffset(code, n.Line, n.Column),
				fmt.Sprintf("YAML: mapping key %q already defined at line %d", n.Value, first.Line))
		}
	}
}

// duplicateKey returns the first scalar key of a mapping under n that
// repeats an earlier key of the same mapping, and that earlier key. Merge
// keys (<<) and aliases are not followed.
func duplicateKey(n *yaml.Node) (dup, first *yaml.Node) {
	if n.Kind == yaml.MappingNode {
		seen := map[[2]string]*yaml.Node{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode || k.Value == "<<" {
				continue
			}
			key := [2]string{k.ShortTag(), k.Value}
			if f, found := seen[key]; found {
				return k, f
			}
			seen[key] = k
		}
	}
	if n.Kind == yaml.AliasNode {
		return nil, nil
	}
	for _, c := range n.Content {
		if d, f := duplicateKey(c); d != nil {
			return d, f
		}
	}
	return nil, nil
}

// nodeOffset turns a yaml.Node's 1-based line and column (in characters)
// into a byte offset of code.
func nodeOffset(code string, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(code[off:], '\n')
		if i < 0 {
			return off
		}
		off += i + 1
	}
	for c := 1; c < col && off < len(code) && code[off] != '\n'; c++ {
		_, size := utf8.DecodeRuneInString(code[off:])
		off += size
	}
	return off
}

// yamlParserProblems are the messages of yaml.v3's parser (as opposed to
// its scanner). The parser prints a 0-based line, the scanner a 1-based
// one, and neither a column.
var yamlParserProblems = []string{
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected '-' indicator",
	"did not find expected <document start>",
	"did not find expected <stream-start>",
	"did not find expected key",
	"did not find expected node content",
	"found duplicate %TAG directive",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found undefined tag handle",
}

// yamlError positions a yaml.v3 error: the line it names (made 1-based),
// at the value whose first byte is the likely cause (an unquoted {, [, *
// or &, an unclosed quote) or else at its first non-space byte; an unknown anchor at its first use; invalid
// UTF-8 at the first bad byte; anything else at 1:1.
func yamlError(code string, err error) *SnippetError {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if rest, found := strings.CutPrefix(msg, "line "); found {
		if i := strings.Index(rest, ": "); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil && n > 0 {
				line, msg = n, rest[i+2:]
				if isParserProblem(msg) {
					line++
				}
			}
		}
	} else if name, found := strings.CutPrefix(msg, "unknown anchor '"); found {
		name = strings.TrimSuffix(name, "' referenced")
		if off := findAlias(code, name); off >= 0 {
			return errorAt(code, off, "YAML: "+msg+" (quote a value that starts with *)")
		}
	} else if !utf8.ValidString(code) {
		for i, r := range code {
			if r == utf8.RuneError {
				if _, size := utf8.DecodeRuneInString(code[i:]); size == 1 {
					return errorAt(code, i, "YAML: "+msg)
				}
			}
		}
	}
	hint, lead := "", ""
	switch {
	case strings.HasPrefix(msg, "did not find expected ',' or '}'"):
		hint, lead = " (quote a value that starts with {)", "{"
	case strings.HasPrefix(msg, "did not find expected ',' or ']'"):
		hint, lead = " (quote a value that starts with [)", "["
	case strings.HasPrefix(msg, "did not find expected alphabetic or numeric character"):
		hint, lead = " (quote a value that starts with * or &)", "*&"
	case strings.HasPrefix(msg, "mapping values are not allowed"):
		hint = ` (quote a value that holds ": ")`
	case strings.HasPrefix(msg, "found unexpected end of stream"):
		hint, lead = " (a quote that does not close?)", `"'`
	}
	off := lineStart(code, line)
	if lead != "" {
		off = leadOffset(code, off, lead)
	}
	return errorAt(code, off, "YAML: "+msg+hint)
}

// leadOffset returns the offset of the first byte of lead on the line from
// off that starts a value (it follows a blank, or is the first byte), or
// off when there is none.
func leadOffset(code string, off int, lead string) int {
	for i := off; i < len(code) && code[i] != '\n'; i++ {
		if strings.IndexByte(lead, code[i]) >= 0 && (i == off || code[i-1] == ' ' || code[i-1] == '\t') {
			return i
		}
	}
	return off
}

func isParserProblem(msg string) bool {
	for _, p := range yamlParserProblems {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// findAlias returns the offset of the first "*name" in code that is not
// followed by another name character, or -1.
func findAlias(code, name string) int {
	for off := 0; ; {
		i := strings.Index(code[off:], "*"+name)
		if i < 0 {
			return -1
		}
		end := off + i + 1 + len(name)
		if end >= len(code) || strings.IndexByte(" \t\r\n,]}", code[end]) >= 0 {
			return off + i
		}
		off += i + 1
	}
}

// checkJSON parses code as one JSON value. A syntax error is positioned at
// the byte the decoder stopped on (its Offset counts the bytes read, that
// byte included), or at the end for an unexpected end of input.
func checkJSON(code string) *SnippetError {
	var v json.RawMessage
	err := json.Unmarshal([]byte(code), &v)
	if err == nil {
		return nil
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off := int(se.Offset) - 1
		if se.Offset >= int64(len(code)) && strings.Contains(se.Error(), "end of JSON input") {
			off = len(code)
		}
		msg := se.Error()
		if strings.Contains(msg, "after object key:value pair") || strings.Contains(msg, "after array element") {
			msg += " (an unescaped \" inside a string? write \\\")"
		}
		return errorAt(code, off, "JSON: "+msg)
	}
	return errorAt(code, 0, "JSON: "+err.Error())
}
