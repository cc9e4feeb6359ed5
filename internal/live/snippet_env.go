package live

import (
	"fmt"
	"strings"
)

// checkEnv checks an env file, line by line. Blank lines and lines whose
// first non-blank byte is '#' are skipped; every other line is
//
//	line   = [blanks] [ "export" blanks ] NAME "=" value [ "\r" ]
//	NAME   = [A-Za-z_] [A-Za-z0-9_]*
//	value  = quoted [ blanks [ "#" comment ] ] | unquoted
//	quoted = '"' { escaped byte | byte but '"' } '"' | "'" { byte but "'" } "'"
//
// A quoted value closes on its own line. An unquoted value may hold '=' but
// no space or tab before its last non-blank byte: such a value (an inline
// comment too) must be quoted, since env-file readers disagree on it.
func checkEnv(code string) *SnippetError {
	for start := 0; start < len(code); {
		end := strings.IndexByte(code[start:], '\n')
		if end < 0 {
			end = len(code)
		} else {
			end += start
		}
		line := strings.TrimSuffix(code[start:end], "\r")
		if off, msg := envLine(line); msg != "" {
			return errorAt(code, start+off, msg)
		}
		start = end + 1
	}
	return nil
}

// envLine checks one line and returns the offset in it of what is wrong.
func envLine(l string) (int, string) {
	i := skipBlanks(l, 0)
	if i == len(l) || l[i] == '#' {
		return 0, ""
	}
	if rest, found := strings.CutPrefix(l[i:], "export"); found && rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
		i = skipBlanks(l, i+len("export"))
	}
	k := i
	for i < len(l) && (isLetter(l[i]) || isDigit(l[i]) || l[i] == '_') {
		i++
	}
	switch {
	case i == k && i < len(l) && l[i] == '=':
		return i, "env: a name is missing before ="
	case i == k:
		return k, fmt.Sprintf("env: expected NAME=value, found %s", quoteStart(l[k:]))
	case isDigit(l[k]):
		return k, "env: a name starts with a letter or _"
	case i == len(l):
		return i, fmt.Sprintf("env: expected = after %s", l[k:i])
	case l[i] == ' ' || l[i] == '\t':
		if j := skipBlanks(l, i); j < len(l) && l[j] == '=' {
			return i, "env: write no spaces around ="
		}
		return i, fmt.Sprintf("env: expected = after %s", l[k:i])
	case l[i] != '=':
		return i, fmt.Sprintf("env: %s is not allowed in a name (letters, digits and _)", quoteStart(l[i:]))
	}
	i++ // '='
	if i < len(l) && (l[i] == '"' || l[i] == '\'') {
		q := l[i]
		j := i + 1
		for j < len(l) && l[j] != q {
			if q == '"' && l[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(l) {
			return i, fmt.Sprintf("env: unclosed %s quote: a quoted value ends on its own line", quoteName(q))
		}
		after := skipBlanks(l, j+1)
		if after < len(l) && (l[after] != '#' || after == j+1) {
			return j + 1, "env: unexpected text after the closing quote"
		}
		return 0, ""
	}
	v := strings.TrimRight(l[i:], " \t")
	if j := strings.IndexAny(v, " \t"); j >= 0 {
		if c := skipBlanks(v, j); v[c] == '#' {
			return i + j, "env: put a comment on a line of its own (or quote the value)"
		}
		return i + j, "env: quote a value that contains spaces"
	}
	return 0, ""
}

func skipBlanks(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// quoteStart quotes the first character of s for a message.
func quoteStart(s string) string {
	for _, r := range s {
		return fmt.Sprintf("%q", r)
	}
	return "the end of the line"
}

func quoteName(q byte) string {
	if q == '"' {
		return "double"
	}
	return "single"
}
