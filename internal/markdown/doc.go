// Package markdown parses docgen pages: CommonMark and GFM tables, read by
// goldmark, with Markdoc tags parsed inside goldmark by the block and inline
// parsers and the AST transformer of this package.
//
// It owns the syntax tree of a page (goldmark's nodes plus Tag,
// Interpolation, TagError, Annotation and Comment) and the checks of that
// tree against tag schemas. It imports parser (the tag grammar) and
// shortcodes (the schemas); it must not import the site or anything that
// knows about files on disk.
package markdown
