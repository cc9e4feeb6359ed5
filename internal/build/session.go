package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/docgen/docgen/internal/config"
	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/internal/highlight"
	"github.com/docgen/docgen/internal/search"
	"github.com/docgen/docgen/internal/site"
	"github.com/docgen/docgen/internal/theme"
)

// Session rebuilds a site again and again, as docgen serve does, re-rendering
// only the pages an edit can change. Every rebuild produces exactly the
// files and diagnostics a full build of the same input would.
type Session struct {
	// Edition overrides the config's product edition; set it before the
	// first Rebuild.
	Edition string
	// Highlighter is kept across rebuilds, so code blocks an edit did not
	// change come from its cache; nil makes one with an in-memory cache.
	// Set it before the first Rebuild; flushing its disk cache is the
	// caller's.
	Highlighter *highlight.Highlighter
	// CacheDir, when set, is the build cache (see Options.CacheDir) a
	// rebuild of every page takes unchanged pages from, and stores the
	// pages it renders in: a preview starts in the time a warm build
	// takes. Rebuilds after an edit neither read nor write it, so no save
	// waits on the disk.
	CacheDir string
	// SourceDir is the site folder on disk, when fsys reads one: the page
	// cache keeps the pages of different sites apart by it.
	SourceDir string

	fsys    fs.FS
	workers int
	theme   *theme.Theme // loaded for the last rebuild

	mu      sync.Mutex
	sig     string
	results map[string]*pageResult // by page path
	ordered []*pageResult          // the same, in the order of the site's pages
	site    *site.Site             // the last load, whose unchanged pages are reused
	links   *linkState             // the last link check, whose results still true are reused
	static  map[string][]byte      // static files read, by name under static/
	// searchIndex reuses the index shards whose pages were not rendered
	// again; searchLists and searchSlots are the pages of each index and
	// where each page is in them, updated with the pages rendered again.
	searchIndex search.Indexer
	searchLists []search.Index
	searchSlots map[string]searchSlot

	// The output of the last rebuild, which the next one updates: files
	// by name; the page whose file each page output is (by output name);
	// the names of the assets, static files and page files; and the
	// files of the assets and of the whole site (redirects, sitemap, 404
	// page, search indexes) as they were written.
	files    map[string][]byte
	owner    map[string]string
	names    map[string]bool
	assets   map[string][]byte
	finished map[string][]byte

	// dependents holds, for each file pages read besides their own
	// source (partials, images, found or only tried), the paths of
	// those pages.
	dependents map[string]map[string]bool

	// The diagnostics of the last rebuild, sorted, before
	// finishDiagnostics folds them, and the same as a set.
	sorted diag.List
	// seenIn holds the number of the last rebuild that had each of them.
	seenIn  map[*diag.Diagnostic]uint64
	diagGen uint64
	// perFile counts them by file and id, and repeated holds the files
	// and ids with more than maxRepeats, the only ones foldRepeats may
	// fold.
	perFile  map[fileID]int
	repeated map[fileID]bool
}

// NewSession returns a session over a site folder.
func NewSession(fsys fs.FS) *Session {
	return &Session{fsys: fsys, workers: runtime.GOMAXPROCS(0)}
}

// highlighter returns the session's highlighter, made on first use with
// an in-memory cache when none was set.
func (s *Session) highlighter() *highlight.Highlighter {
	if s.Highlighter == nil {
		s.Highlighter = highlight.New(highlight.Options{})
	}
	return s.Highlighter
}

// Rebuilt is the outcome of one rebuild.
type Rebuilt struct {
	Result
	// Files is every output file, as a build would write them. It is the
	// session's own map, updated in place by the next Rebuild: read it
	// before calling Rebuild again, and copy what must outlive that.
	Files map[string][]byte
	// Changes names the files that may differ from the previous
	// rebuild's: written again, added, or removed (then not in Files).
	// The rest are the same byte slices as before. nil when every file
	// may have changed (the first rebuild, a change of config or theme,
	// a page added or renamed).
	Changes []string
	// Rendered counts the pages rendered this time (the rest were reused).
	Rendered int
}

// Rebuild builds the site, given the paths (relative to the site folder,
// slash-separated) that changed since the last rebuild; all is true for the
// first rebuild or when the changes are unknown (a watcher overflow).
func (s *Session) Rebuild(ctx context.Context, changed []string, all bool) (_ *Rebuilt, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer func() {
		if err != nil {
			// The changes were not all built, and the state kept may
			// be half updated: the next rebuild starts over.
			s.results, s.site, s.links, s.dependents, s.searchLists, s.ordered = nil, nil, nil, nil, nil, nil
		}
	}()
	prev := s.site
	if all {
		prev = nil
	}
	st, diags, err := site.ReloadWith(s.fsys, prev, changed, site.Options{Edition: s.Edition})
	if err != nil {
		return nil, err
	}
	mem := &Memory{}
	// The theme is loaded again only when its folder changed.
	if all {
		s.theme = nil
	}
	for _, c := range changed {
		if c == site.ThemeDir || strings.HasPrefix(c, site.ThemeDir+"/") {
			s.theme = nil
		}
	}
	// The preview is served at the root of its own host, whatever path the
	// published site has.
	b, err := newBuilder(st, Options{Source: s.fsys, Sink: mem, PathPrefix: "/", Edition: s.Edition, SourceDir: s.SourceDir,
		Highlighter: s.highlighter(), theme: s.theme})
	if err != nil {
		return nil, err
	}
	s.theme = b.theme
	b.searchIndexer = &s.searchIndex
	b.diags = diags

	var sig string
	if s.results != nil && !all && sameSignature(prev, st, changed) {
		sig = s.sig
	} else {
		sig = signature(st)
	}
	changedSet := map[string]bool{}
	// Paths that are no longer files (a removed file or folder, a folder
	// created) may stand for everything below them; a changed file only
	// for itself, which spares a scan of every page's dependencies.
	var gone []string
	for _, c := range changed {
		changedSet[c] = true
		if info, err := fs.Stat(s.fsys, c); err != nil || info.IsDir() {
			gone = append(gone, c)
		}
		if c == config.FileName || c == site.ThemeDir || strings.HasPrefix(c, site.ThemeDir+"/") {
			all = true
		}
	}
	// Unless all is set, the signature is the same: the same pages at the
	// same URLs, the same static files, the same theme and config. So the
	// same output files, only some with other content.
	if s.results == nil || sig != s.sig {
		all = true
	}

	if err := b.writeAssets(); err != nil {
		return nil, err
	}
	assets := mem.Files
	mem.Files = nil
	// Static files are read again only when an edit touched them.
	if all || s.static == nil {
		s.static = map[string][]byte{}
	}
	var staticChanged []string
	for _, c := range changed {
		if rel, ok := strings.CutPrefix(c, site.StaticDir+"/"); ok {
			delete(s.static, rel)
			staticChanged = append(staticChanged, rel)
			for n := range s.static {
				if strings.HasPrefix(n, rel+"/") {
					delete(s.static, n)
					staticChanged = append(staticChanged, n)
				}
			}
		} else if c == site.StaticDir {
			s.static = map[string][]byte{}
			all = true
		}
	}
	for _, v := range st.Versions {
		nav, d := st.Nav(v)
		b.navs[v] = nav
		b.diags = append(b.diags, d...)
	}

	var results map[string]*pageResult
	var todo []*site.Page
	samePages := !(all || s.dependents == nil || len(s.results) != len(st.Pages) || len(s.ordered) != len(st.Pages))
	if !samePages {
		results = make(map[string]*pageResult, len(st.Pages))
		for _, p := range st.Pages {
			prev := s.results[p.Path]
			if all || prev == nil || changedSet[p.Path] || touches(prev.deps, changed, gone) {
				todo = append(todo, p)
				continue
			}
			results[p.Path] = prev
		}
	} else {
		// The same pages as last time: the results of last time,
		// updated in place (a rebuild that fails makes the next one
		// start over), and the pages to render found from what each
		// read.
		results = s.results
		todo = s.affected(st, changed, gone)
	}
	before := make(map[string]*pageResult, len(todo))
	for _, p := range todo {
		before[p.Path] = results[p.Path]
	}
	if all && s.CacheDir != "" {
		// Without the cache the preview is whole, only slower to start.
		if ps, err := newPageStore(b, s.CacheDir); err == nil {
			b.pageStore = ps
		}
	}
	if err := s.render(ctx, b, todo, results); err != nil {
		return nil, err
	}
	// The results in the order of the pages, for the loops over all of
	// them that follow: no lookup by path for each.
	if samePages {
		for _, p := range todo {
			s.ordered[pageIndex(st, p)] = results[p.Path]
		}
	} else {
		s.ordered = make([]*pageResult, len(st.Pages))
		for i, p := range st.Pages {
			s.ordered[i] = results[p.Path]
		}
	}
	for _, r := range s.ordered {
		b.diags = append(b.diags, r.diags...)
	}
	if !all && !sameOutputs(before, results, todo) {
		all = true // cannot happen with the same signature; if it does, start over
	}
	if all || s.dependents == nil {
		s.dependents = map[string]map[string]bool{}
		for path, r := range results {
			s.depend(path, nil, r)
		}
	} else {
		for _, p := range todo {
			s.depend(p.Path, before[p.Path], results[p.Path])
		}
	}

	if all || !s.updateSearchLists(results, todo) {
		s.searchLists, s.searchSlots = b.searchIndexes(results)
	}
	b.searchLists = s.searchLists

	out := &Rebuilt{Rendered: len(todo) - b.pageStore.cached()}
	out.Cached = b.pageStore.cached()
	out.CacheErr = b.pageStore.finish()
	var links *linkState
	if all {
		links, err = s.assembleAll(b, mem, st, results, assets)
	} else {
		out.Changes, links, err = s.assembleChanges(b, mem, results, todo, assets, staticChanged)
	}
	if err != nil {
		return nil, err
	}
	out.Files = s.files
	sorted := s.sortDiagnostics(b.applyChecks(b.diags), all)
	// A few files over the limit are looked for in a list; many, in a
	// map of every file.
	var over []fileID
	if len(s.repeated) <= 16 {
		over = make([]fileID, 0, len(s.repeated))
		for k := range s.repeated {
			over = append(over, k)
		}
	}
	out.Diags = finishSorted(sorted, over)
	out.Pages = len(st.Pages)
	out.Partials = len(b.partials.used())
	out.Result.Files = len(out.Files)
	s.results, s.sig, s.site, s.links = results, sig, st, links
	return out, nil
}

// pageIndex returns the index of page p in st.Pages, which are sorted by
// path.
func pageIndex(st *site.Site, p *site.Page) int {
	i, _ := slices.BinarySearchFunc(st.Pages, p.Path, func(q *site.Page, path string) int { return strings.Compare(q.Path, path) })
	return i
}

// affected returns the pages that read one of the changed paths (their
// own source, a partial, an image) or anything below a gone one, sorted
// by path.
func (s *Session) affected(st *site.Site, changed, gone []string) []*site.Page {
	paths := map[string]bool{}
	for _, c := range changed {
		if _, ok := s.results[c]; ok {
			paths[c] = true
		}
		for p := range s.dependents[c] {
			paths[p] = true
		}
	}
	for _, g := range gone {
		prefix := g + "/"
		for dep, pages := range s.dependents {
			if strings.HasPrefix(dep, prefix) {
				for p := range pages {
					paths[p] = true
				}
			}
		}
	}
	sorted := slices.Sorted(maps.Keys(paths))
	todo := make([]*site.Page, 0, len(sorted))
	for _, path := range sorted {
		if p := st.PageByPath(path); p != nil {
			todo = append(todo, p)
		}
	}
	return todo
}

// depend records, in s.dependents, what the page at path read when it
// was rendered to r, in place of what it read when rendered to old.
func (s *Session) depend(path string, old, r *pageResult) {
	if old != nil {
		for d := range old.deps {
			if pages := s.dependents[d]; pages != nil {
				delete(pages, path)
				if len(pages) == 0 {
					delete(s.dependents, d)
				}
			}
		}
	}
	for d := range r.deps {
		pages := s.dependents[d]
		if pages == nil {
			pages = map[string]bool{}
			s.dependents[d] = pages
		}
		pages[path] = true
	}
}

// updateSearchLists puts the search pages of the pages rendered again in
// their place in the lists of the last rebuild. It returns false when a
// page came into or left the lists, which then are to be made anew.
func (s *Session) updateSearchLists(results map[string]*pageResult, todo []*site.Page) bool {
	if s.searchLists == nil {
		return false
	}
	for _, p := range todo {
		r := results[p.Path]
		slot, listed := s.searchSlots[p.Path]
		if listed != (r.search != nil) {
			return false
		}
		if listed {
			s.searchLists[slot.index].Pages[slot.at] = r.search
		}
	}
	return true
}

// sortDiagnostics sorts a rebuild's diagnostics as finishDiagnostics
// does. Most are the very ones of the last rebuild (those of the pages
// not rendered or checked again): those keep their order, the others
// are sorted and merged in, which spares sorting ten thousand of them
// on every save. Diagnostics that compare equal may come in another
// order than a sort of the whole list, as they do from a build whose
// pages finish in any order.
func (s *Session) sortDiagnostics(in diag.List, all bool) diag.List {
	// Each diagnostic of this rebuild is marked with its number, in a
	// map kept from one rebuild to the next rather than made anew.
	s.diagGen++
	if all || s.seenIn == nil {
		s.seenIn = make(map[*diag.Diagnostic]uint64, len(in))
	}
	var added diag.List
	twice := false
	for _, d := range in {
		gen, ok := s.seenIn[d]
		if !ok {
			added = append(added, d)
		}
		twice = twice || gen == s.diagGen
		s.seenIn[d] = s.diagGen
	}
	if all || s.sorted == nil || twice {
		sorted := slices.Clone(in)
		sorted.Sort()
		s.sorted = sorted
		s.perFile, s.repeated = map[fileID]int{}, map[fileID]bool{}
		for _, d := range sorted {
			s.countFile(d, 1)
		}
		maps.DeleteFunc(s.seenIn, func(_ *diag.Diagnostic, gen uint64) bool { return gen != s.diagGen })
		return sorted
	}
	for _, d := range added {
		s.countFile(d, 1)
	}
	added.Sort()
	sorted := make(diag.List, 0, len(in))
	for _, d := range s.sorted {
		if s.seenIn[d] != s.diagGen {
			s.countFile(d, -1)
			delete(s.seenIn, d)
			continue
		}
		for len(added) > 0 && diag.Compare(added[0], d) < 0 {
			sorted = append(sorted, added[0])
			added = added[1:]
		}
		sorted = append(sorted, d)
	}
	sorted = append(sorted, added...)
	s.sorted = sorted
	return sorted
}

// countFile counts a diagnostic in or out of s.perFile.
func (s *Session) countFile(d *diag.Diagnostic, delta int) {
	k := fileID{pathOf(d), d.ID}
	n := s.perFile[k]
	if n+delta > maxRepeats {
		s.repeated[k] = true
	} else {
		delete(s.repeated, k)
	}
	if n+delta == 0 {
		delete(s.perFile, k)
	} else {
		s.perFile[k] = n + delta
	}
}

// sameOutputs reports whether every page rendered again wrote the files
// it wrote the time before, by name.
func sameOutputs(before, now map[string]*pageResult, todo []*site.Page) bool {
	for _, p := range todo {
		old, r := before[p.Path], now[p.Path]
		if old == nil || len(old.outputs) != len(r.outputs) {
			return false
		}
		for i, o := range r.outputs {
			if old.outputs[i].name != o.name {
				return false
			}
		}
	}
	return true
}

// assembleAll makes the output anew: the theme's assets, the static files,
// every page's files, then the files made from the whole site. A later
// one wins a name over an earlier one, as the writes of a build do.
func (s *Session) assembleAll(b *builder, mem *Memory, st *site.Site, results map[string]*pageResult, assets map[string][]byte) (*linkState, error) {
	if err := b.copyStaticFrom(s.static); err != nil {
		return nil, err
	}
	files := mem.Files
	if files == nil {
		files = map[string][]byte{}
	}
	mem.Files = nil
	for n, data := range assets {
		if _, ok := files[n]; !ok {
			files[n] = data
		}
	}
	owner := map[string]string{}
	for _, p := range st.Pages {
		for _, o := range results[p.Path].outputs {
			files[o.name] = o.data
			owner[o.name] = p.Path
		}
	}
	names := make(map[string]bool, len(files))
	for n := range files {
		names[n] = true
	}
	s.names = names
	links, err := b.finish(results, maps.Clone(names), nil)
	if err != nil {
		return nil, err
	}
	maps.Copy(files, mem.Files)
	s.files, s.owner, s.assets, s.finished = files, owner, assets, mem.Files
	return links, nil
}

// assembleChanges updates the output of the last rebuild, which had the
// same files by name but for those made from the whole site, with what
// this one changed: the assets, the static files an edit touched, the
// files of the pages rendered again, and the files made from the whole
// site. It returns the names it changed.
func (s *Session) assembleChanges(b *builder, mem *Memory, results map[string]*pageResult, todo []*site.Page, assets map[string][]byte, staticChanged []string) ([]string, *linkState, error) {
	dirty := map[string]bool{}
	for n := range s.assets {
		dirty[n] = true
	}
	for n := range assets {
		dirty[n] = true
	}
	for _, n := range staticChanged {
		if b.site.Static[n] {
			data, err := fs.ReadFile(b.site.FS, path.Join(site.StaticDir, n))
			if err != nil {
				return nil, nil, err
			}
			s.static[n] = data
		}
		dirty[n] = true
	}
	for _, p := range todo {
		for _, o := range results[p.Path].outputs {
			dirty[o.name] = true
		}
	}
	if s.links != nil {
		s.links.since = todo
		if todo == nil {
			s.links.since = []*site.Page{}
		}
	}
	// finish adds the names of its files to those it is given: taken
	// out again after, rather than copying the set of 25,000 names. (A
	// failed rebuild makes the next one start over, names included.)
	links, err := b.finish(results, s.names, s.links)
	if err != nil {
		return nil, nil, err
	}
	finished := mem.Files
	for n := range finished {
		if _, asset := assets[n]; !asset && !b.site.Static[n] && s.owner[n] == "" {
			delete(s.names, n)
		}
	}
	for n := range s.finished {
		dirty[n] = true
	}
	for n := range finished {
		dirty[n] = true
	}
	changes := make([]string, 0, len(dirty))
	for n := range dirty {
		// What a build leaves there: the files made from the whole site
		// over the pages', over the static files, over the assets.
		data, ok := finished[n]
		if !ok {
			if p := s.owner[n]; p != "" {
				data, ok = outputNamed(results[p], n)
			}
		}
		if !ok && b.site.Static[n] {
			data, ok = s.static[n]
		}
		if !ok {
			data, ok = assets[n]
		}
		if old, had := s.files[n]; ok == had && (!ok || sameSlice(old, data)) {
			continue
		}
		if ok {
			s.files[n] = data
		} else {
			delete(s.files, n)
		}
		changes = append(changes, n)
	}
	sort.Strings(changes)
	s.assets, s.finished = assets, finished
	return changes, links, nil
}

// outputNamed returns the file of a page's result by name.
func outputNamed(r *pageResult, name string) ([]byte, bool) {
	if r == nil {
		return nil, false
	}
	for _, o := range r.outputs {
		if o.name == name {
			return o.data, true
		}
	}
	return nil, false
}

// sameSlice reports whether a and b are the very same bytes in memory:
// a file not made again keeps its slice.
func sameSlice(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// touches reports whether a page read any of the changed files, or
// anything below one of the gone paths (a removed or renamed folder).
func touches(deps map[string]bool, changed, gone []string) bool {
	for _, c := range changed {
		if deps[c] {
			return true
		}
	}
	for _, c := range gone {
		prefix := c + "/"
		for d := range deps {
			if strings.HasPrefix(d, prefix) {
				return true
			}
		}
	}
	return false
}

func (s *Session) render(ctx context.Context, b *builder, todo []*site.Page, results map[string]*pageResult) error {
	var mu sync.Mutex
	var firstErr error
	sem := make(chan struct{}, s.workers)
	var wg sync.WaitGroup
	for _, p := range todo {
		if err := ctx.Err(); err != nil {
			return err
		}
		wg.Add(1)
		sem <- struct{}{}
		go func(p *site.Page) {
			defer wg.Done()
			defer func() { <-sem }()
			r, err := b.renderPage(p)
			mu.Lock()
			defer mu.Unlock()
			if err != nil && firstErr == nil {
				firstErr = fmt.Errorf("%s: %w", p.Path, err)
			}
			results[p.Path] = r
		}(p)
	}
	wg.Wait()
	return firstErr
}

// signature sums up what every page shows besides its own content: the
// versions, every page's URL, title and order (the sidebar, breadcrumbs,
// prev/next and version switcher are made of them), and the menus. When it
// changes, every page is rendered again.
func signature(st *site.Site) string {
	h := sha256.New()
	for _, v := range st.Versions {
		fmt.Fprintf(h, "v %s %v %v\n", v.Name, v.IsDefault, v.Outdated)
		if v.Menu != nil {
			h.Write(v.Menu.File.Src)
		}
	}
	// Which static files and partial versions exist changes how links and
	// partial references resolve.
	statics := make([]string, 0, len(st.Static))
	for n := range st.Static {
		statics = append(statics, n)
	}
	sort.Strings(statics)
	fmt.Fprintf(h, "s %q\npv %q\n", statics, st.PartialVersions)
	pages := append([]*site.Page(nil), st.Pages...)
	sort.Slice(pages, func(i, j int) bool { return pages[i].Path < pages[j].Path })
	for _, p := range pages {
		h.Write([]byte(signatureLine(p)))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// signatureLine is what signature takes of one page.
func signatureLine(p *site.Page) string {
	return fmt.Sprintf("p %s %s %q %d %q %v\n", p.Path, p.URL, p.Front.Title, p.Front.Weight, p.Front.Description, p.Front.NoIndex)
}

// sameSignature reports, without computing the signature, that it cannot
// have changed: every changed path is a page that was there before and
// still is, with the same line in the signature, or a partial or static
// file that was there before and still is. That is the common save (an
// edit of a page's body or a partial), and computing the signature of ten
// thousand pages and their images costs tens of milliseconds.
func sameSignature(prev, cur *site.Site, changed []string) bool {
	if prev == nil || len(changed) == 0 {
		return false
	}
	for _, c := range changed {
		if prev.HasPartialFile(c) && cur.HasPartialFile(c) {
			continue
		}
		if rel, ok := strings.CutPrefix(c, site.StaticDir+"/"); ok && prev.Static[rel] && cur.Static[rel] {
			continue
		}
		old, now := prev.PageByPath(c), cur.PageByPath(c)
		if old == nil || now == nil || signatureLine(old) != signatureLine(now) {
			return false
		}
	}
	return true
}
