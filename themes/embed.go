// Package themes holds docgen's default theme, embedded in the binary.
//
// A theme is a folder with three parts:
//
//	layouts/   html/template files; layouts/page.html renders a page,
//	           and any other file is a template named by its path under
//	           layouts/ (partials/header.html, ...)
//	static/    files copied to the output under /_docgen/, each with a
//	           content hash in its name
//	icons/     Material-style SVG icons (24x24 viewBox, fill="currentColor")
//	           that pages and layouts inline by name
//
// A site overrides any of these files by putting a file with the same path
// in its own theme folder. Package internal/theme loads and executes
// themes; this package only holds the files.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed default
var files embed.FS

// Default returns the default theme: the tree rooted at its layouts/,
// static/ and icons/ folders.
func Default() fs.FS {
	sub, err := fs.Sub(files, "default")
	if err != nil {
		// fs.Sub fails only for an invalid path, and "default" is valid.
		panic(err)
	}
	return sub
}
