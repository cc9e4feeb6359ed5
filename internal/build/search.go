package build

import (
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
// block's language label, a note's "Warning" or "Tip" label, the label of
// an unknown tag, a player link's "Play video" and "on YouTube", and the
// number of a code explanation. (Buttons, icons and hidden elements are
// left out by the extractor itself.)
func searchExtractor() *search.Extractor {
	return search.NewExtractor("dg-live-panel", "dg-code__bar", "dg-note__title", "dg-unknown-tag__label",
		"dg-embed__action", "dg-embed__meta", "dg-codeinfo__sr")
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

// searchInfo tells the search box of a page of version v (nil for the
// pages outside the versions) where its index is, as site paths that
// prefixPage prefixes.
func (b *builder) searchInfo(v *site.Version) theme.Search {
	return theme.Search{Index: "/" + searchDir + "/" + search.ManifestName(b.searchIndexName(v)), Root: "/"}
}

// writeSearch writes one index per version, each listing that version's
// indexable pages, from what rendering each page prepared. Every version
// gets its manifest, even with no page to index, since its pages link
// it. A session's indexer re-encodes only the shards whose pages were
// rendered again, and a session hands the lists it keeps in
// b.searchLists.
func (b *builder) writeSearch(results map[string]*pageResult, write func(string, []byte) error) error {
	indexes := b.searchLists
	if indexes == nil {
		indexes, _ = b.searchIndexes(results)
	}
	x := b.searchIndexer
	if x == nil {
		x = &search.Indexer{}
	}
	for _, f := range x.Build(indexes) {
		if err := write(searchDir+"/"+f.Name, f.Data); err != nil {
			return err
		}
	}
	return nil
}

// searchSlot is where a page is in the lists of searchIndexes: the
// index, and the place in its pages.
type searchSlot struct{ index, at int }

// searchIndexes lists, per version, the search pages of the indexable
// pages, and says where each page is.
func (b *builder) searchIndexes(results map[string]*pageResult) ([]search.Index, map[string]searchSlot) {
	var indexes []search.Index
	slots := map[string]searchSlot{}
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
		if r := results[p.Path]; r != nil && r.search != nil {
			slots[p.Path] = searchSlot{i, len(indexes[i].Pages)}
			indexes[i].Pages = append(indexes[i].Pages, r.search)
		}
	}
	return indexes, slots
}
