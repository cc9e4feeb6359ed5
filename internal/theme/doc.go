// Package theme owns the site's look: it loads a theme (the embedded
// default of package themes, with a site's own files laid over it),
// executes its page layout on the PageData the build prepares, inlines its
// icons, and names its static files by content hash.
//
// The theme only presents: everything a page shows arrives in PageData,
// already resolved and rendered. So this package must not import the
// Markdown pipeline (parser, shortcodes, internal/markdown) or the site
// build; it imports only the standard library and, for LoadDefault,
// github.com/docgen/docgen/themes.
//
// Pages made with the default theme work under
// Content-Security-Policy: default-src 'self': no inline script or style,
// no request to another host, no web fonts.
package theme
