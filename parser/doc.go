// Package parser reads Markdoc tags: the grammar of what stands between
// "{%" and "%}", and the scan that finds those delimiters in text.
//
// It owns the tag grammar only. It must not import goldmark or any other
// package of docgen besides internal/diag's leaf types, so that it can be
// fuzzed and reused on its own; the Markdown integration lives in
// internal/markdown and calls into this package.
//
// The grammar is Markdoc's (src/grammar/tag.pegjs of @markdoc/markdoc 0.5),
// implemented as a recursive-descent parser with the same ordered choices,
// the same whitespace rules and the same "furthest failure" error position
// that its PEG parser reports.
package parser
