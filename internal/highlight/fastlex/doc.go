// Package fastlex holds hand-written lexers for the languages documentation
// uses most, each giving exactly the tokens chroma's regex lexer of the same
// name gives, many times faster.
//
// chroma's lexers are lists of regular expressions tried in order at each
// position, run by a backtracking engine over a slice of runes; on ordinary
// code they read 0.1 to 2 MB/s. The lexers here are state functions over
// byte offsets of the text, one per chroma state, each trying that state's
// rules in chroma's order. Where a rule's regular expression backtracks,
// the comment above its code says which match the backtracking settles on
// and why, so the code can find it directly in linear time. The quirks of
// chroma's rules are kept on purpose (Python's `[rRuUbB]{,2}`, which the
// regex engine reads literally; YAML numbers that need a word boundary
// before their sign): the point is output identical to chroma's, checked
// by a differential test over real snippets.
//
// A lexer may decline a text it cannot follow exactly (Tokenise reports
// false), and the caller then asks chroma; this keeps rare inputs correct
// without making every rule of the regex engine part of this package.
//
// The package imports chroma's token types and the standard library only.
package fastlex
