// Package linkcheck checks the links of a built site offline: every
// internal link must name a file the build wrote and every #anchor an id on
// the page it names; external links are not fetched, only checked for
// form.
//
// It knows nothing of how pages are rendered: the build hands it the links
// it found, with their positions, and what it wrote. It imports only
// internal/diag.
package linkcheck
