package build

import (
	"sync"

	"github.com/docgen/docgen/internal/search"
	"github.com/docgen/docgen/internal/site"
	"github.com/docgen/docgen/internal/theme"
)

// searchDir is the output folder of the search indexes: a manifest per
// version (_docgen/search/v1.9.x.json), at a URL every page of the
// version links and that does not change with the content, and its
// shards, named by content hash (_docgen/search/v1.9.x/3f2a9c1e.json).
const searchDir = theme.AssetDir + "/search"

// unversionedIndex names the index of a site without versions. Version
// folders start with "v" and a digit, so it cannot be a version's.
const unversionedIndex = "site"

// searchExtractor reads the text of rendered bodies, leaving out the
// markup the build adds that is not the page's text: the live values
// panel (the same on every page that uses the values; live.go), a code
// block's language label and copy button, a note's "Warning" or "Tip"
// label, and the label of an unknown tag.
func searchExtractor() *search.Extractor {
	return search.NewExtractor("dg-live-panel", "dg-code__bar", "dg-note__title", "dg-unknown-tag__label")
}

// searchPage prepares what a page gives the search index, from its body
// with partials expanded, before the theme's chrome; nil for a page that
// asks not to be indexed.
func (b *builder) searchPage(p *site.Page, body []byte) *search.Page {
	if p.Front.NoIndex {
		return nil
	}
	return search.NewPage(p.URL, site.PageTitle(p), p.Front.Description, searchExtractor().Extract(body))
}

// searchIndexName is the index a page belongs to: its version's, the
// default version's for pages outside the versions (the landing page).
func (b *builder) searchIndexName(v *site.Version) string {
	if v == nil {
		v = b.site.Default
	}
	if v == nil {
		return unversionedIndex
	}
	return v.Name
}

// searchInfo tells a page's search box where its index is.
func (b *builder) searchInfo(p *site.Page) theme.Search {
	return theme.Search{Index: "/" + searchDir + "/" + search.ManifestName(b.searchIndexName(p.Version)), Root: "/"}
}

// searchState holds, during a full build, what each page gave the index.
// The zero value is ready to use.
type searchState struct {
	mu    sync.Mutex
	pages map[string]*search.Page // by page path
}

// keepSearch records a rendered page's part of the index.
func (b *builder) keepSearch(p *site.Page, sp *search.Page) {
	b.search.mu.Lock()
	defer b.search.mu.Unlock()
	if b.search.pages == nil {
		b.search.pages = map[string]*search.Page{}
	}
	b.search.pages[p.Path] = sp
}

// writeKeptSearch writes the indexes of a full build.
func (b *builder) writeKeptSearch() error {
	return b.writeSearch(&search.Indexer{}, func(p *site.Page) *search.Page { return b.search.pages[p.Path] })
}

// writeSessionSearch writes the indexes of a rebuild: x reuses the shards
// whose pages were not rendered again.
func (b *builder) writeSessionSearch(x *search.Indexer, results map[string]*pageResult) error {
	return b.writeSearch(x, func(p *site.Page) *search.Page { return results[p.Path].search })
}

// writeSearch writes one index per version, each listing that version's
// indexable pages. Every version gets its manifest, even with no page to
// index, since its pages link it.
func (b *builder) writeSearch(x *search.Indexer, of func(*site.Page) *search.Page) error {
	var indexes []search.Index
	at := map[string]int{}
	add := func(name string) int {
		i, ok := at[name]
		if !ok {
			i = len(indexes)
			at[name] = i
			indexes = append(indexes, search.Index{Name: name})
		}
		return i
	}
	for _, v := range b.site.Versions {
		add(v.Name)
	}
	for _, p := range b.site.Pages {
		i := add(b.searchIndexName(p.Version))
		if sp := of(p); sp != nil {
			indexes[i].Pages = append(indexes[i].Pages, sp)
		}
	}
	for _, f := range x.Build(indexes) {
		if err := b.write(searchDir+"/"+f.Name, f.Data); err != nil {
			return err
		}
	}
	return nil
}
