// Package site is the model of a docs site folder: its config, its
// versions, its pages with their URLs and front matter, its partials and
// static files, the resolution of partial and image references, and the
// navigation tree.
//
// It reads an fs.FS (a folder on disk, or files in memory in tests and for
// products that embed docs) and knows nothing about HTML. It must not
// import the build or the server.
package site
