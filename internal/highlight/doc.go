// Package highlight turns fenced code into syntax-highlighted HTML and writes
// the stylesheet that colours it.
//
// It owns three things: finding a lexer for a fence's language (chroma's
// names and aliases plus the aliases documentation authors actually write,
// such as yml, console, env and helm), the HTML of a highlighted block, and
// the CSS for chroma's token classes in a light and a dark style. The HTML
// carries classes only, never inline styles, so pages work under a strict
// Content-Security-Policy.
//
// The HTML keeps the code exact: every byte of the code appears once, in
// order, in the text content of the <code> element, so a copy button that
// reads textContent copies what the author wrote. Highlighting is best
// effort: an unknown language, a lexer that panics, fails or loses text all
// fall back to escaped plain text, and never fail a build.
//
// Tokenising and writing are separate steps: tokenize turns code into spans
// (byte ranges of the code with a CSS class) and writeTokens writes spans as
// HTML. Later features that place elements on exact byte ranges of the code
// (live values) split spans at those ranges between the two steps.
//
// Tokenising is nearly all the work, and chroma's regex lexers are slow, so
// two things make it cheap. For YAML, JSON, Bash, Python and SQL, the
// hand-written lexers of package fastlex stand in for chroma's, giving the
// same tokens (TestDifferential compares them over real snippets, and
// testdata/diff/differences.txt lists the differences by design). And a
// cache keeps the spans of each block, in memory and optionally in a folder
// that later builds read (cache.go describes it).
//
// The package imports chroma, its own fastlex and the standard library only;
// it knows nothing about Markdown, pages or themes.
package highlight
