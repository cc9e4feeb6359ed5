// Package lastmod finds when each file of a site folder last changed, for
// the "last updated" line of its pages: the time of the last commit that
// touched the file, read from a single git log for the whole folder, and
// the file's modification time for files git does not know (or outside a
// repository).
//
// It runs git and reads the file system of a real folder; it knows nothing
// of sites or pages and must not import the build.
package lastmod
