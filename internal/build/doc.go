// Package build turns a site into its output: it parses every page,
// includes partials, renders the HTML through the theme, and hands each
// file to a Sink. docgen build, check and serve run this same code and
// differ only in the sink (a folder written atomically, nothing, memory).
//
// It imports the site model, the Markdown pipeline, the theme and the
// highlighter; nothing imports it but the command and the server.
package build
