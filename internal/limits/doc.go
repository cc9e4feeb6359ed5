// Package limits refuses Markdown sources that would make the Markdown parser
// use runaway memory or time, before the parser ever sees them.
//
// goldmark, the parser docgen uses, is linear on ordinary documents but not on
// every input: a 9 KB page of 3,000 nested list markers makes it allocate
// about 1.5 GB, a long run of unmatched emphasis or unclosed link
// destinations makes it quadratic, and deep link brackets multiply the bytes
// it copies. Check runs one cheap linear pass over the source and returns a
// positioned Violation when the page crosses one of the configured Limits.
//
// The package owns the limits, their defaults and the pre-scan. It imports
// nothing from goldmark (only its tests do, to prove the guard works), so it
// can be fuzzed on its own and stays valid if the parser configuration
// changes. Its estimates are upper bounds of the work goldmark will do: they
// may refuse a page goldmark could have parsed cheaply, never the reverse.
// Positions are byte offsets into the source; callers turn them into
// line:column when they print them.
package limits
