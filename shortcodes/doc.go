// Package shortcodes holds docgen's tags: for each tag, in a file of its own,
// the schema that says where it may stand and which attributes it takes.
// Tags are collected in a Registry, a value built once and passed
// explicitly; there is no global registration.
//
// It imports parser (for attribute values) and internal/diag; it must not
// import goldmark or the markdown package, so that each tag can be tested on
// its own.
package shortcodes
