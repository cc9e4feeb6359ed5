// Package search builds the full-text search index of a site: it pulls the
// searchable text out of a page's rendered body (split into sections at
// the headings readers can link to), cuts it into terms, and writes a
// compact inverted index per version that the default theme's script
// (themes/default/static/docgen-search.js) loads on first use and queries
// in the browser, with prefix and typo-tolerant matching.
//
// The index is a manifest at a stable name per version, listing shards
// named by content hash. A shard holds the pages of a run of URLs whose
// boundaries depend only on the URLs around them, so an edit changes one
// shard: the preview server re-encodes only that one, and readers
// download only that one again.
//
// The query side lives in the script. What both sides must agree on, how
// text becomes terms and which words are left out, is fixed here and
// checked against the script by a shared table of cases
// (testdata/terms.json).
//
// It imports only the standard library: the build hands it HTML and page
// facts, and writes the files it returns.
package search
