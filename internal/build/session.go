package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/docgen/docgen/internal/config"
	"github.com/docgen/docgen/internal/highlight"
	"github.com/docgen/docgen/internal/search"
	"github.com/docgen/docgen/internal/site"
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

	fsys    fs.FS
	workers int

	mu      sync.Mutex
	sig     string
	results map[string]*pageResult // by page path
	site    *site.Site             // the last load, whose unchanged pages are reused
	links   *linkState             // the last link check, whose results still true are reused
	static  map[string][]byte      // static files read, by name under static/
	// searchIndex reuses the index shards whose pages were not rendered again.
	searchIndex search.Indexer
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
	// Files is every output file, as a build would write them.
	Files map[string][]byte
	// Rendered counts the pages rendered this time (the rest were reused).
	Rendered int
}

// Rebuild builds the site, given the paths (relative to the site folder,
// slash-separated) that changed since the last rebuild; all is true for the
// first rebuild or when the changes are unknown (a watcher overflow).
func (s *Session) Rebuild(ctx context.Context, changed []string, all bool) (*Rebuilt, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	prev := s.site
	if all {
		prev = nil
	}
	st, diags, err := site.ReloadWith(s.fsys, prev, changed, site.Options{Edition: s.Edition})
	if err != nil {
		return nil, err
	}
	mem := &Memory{}
	// The preview is served at the root of its own host, whatever path the
	// published site has.
	b, err := newBuilder(st, Options{Source: s.fsys, Sink: mem, PathPrefix: "/", Edition: s.Edition,
		Highlighter: s.highlighter()})
	if err != nil {
		return nil, err
	}
	b.searchIndexer = &s.searchIndex
	b.diags = diags
	if err := b.writeAssets(); err != nil {
		return nil, err
	}
	// Static files are read again only when an edit touched them.
	if all || s.static == nil {
		s.static = map[string][]byte{}
	}
	for _, c := range changed {
		if rel, ok := strings.CutPrefix(c, site.StaticDir+"/"); ok {
			delete(s.static, rel)
			for n := range s.static {
				if strings.HasPrefix(n, rel+"/") {
					delete(s.static, n)
				}
			}
		} else if c == site.StaticDir {
			s.static = map[string][]byte{}
		}
	}
	if err := b.copyStaticFrom(s.static); err != nil {
		return nil, err
	}
	for _, v := range st.Versions {
		nav, d := st.Nav(v)
		b.navs[v] = nav
		b.diags = append(b.diags, d...)
	}

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
	if s.results == nil || sig != s.sig {
		all = true
	}
	results := make(map[string]*pageResult, len(st.Pages))
	var todo []*site.Page
	for _, p := range st.Pages {
		prev := s.results[p.Path]
		if all || prev == nil || changedSet[p.Path] || touches(prev.deps, changed, gone) {
			todo = append(todo, p)
			continue
		}
		results[p.Path] = prev
	}
	if err := s.render(ctx, b, todo, results); err != nil {
		return nil, err
	}
	if mem.Files == nil {
		mem.Files = map[string][]byte{}
	}
	out := &Rebuilt{Files: mem.Files, Rendered: len(todo)}
	for _, p := range st.Pages {
		r := results[p.Path]
		for _, o := range r.outputs {
			out.Files[o.name] = o.data
		}
		b.diags = append(b.diags, r.diags...)
	}
	names := make(map[string]bool, len(out.Files))
	for n := range out.Files {
		names[n] = true
	}
	links, err := b.finish(results, names, s.links)
	if err != nil {
		return nil, err
	}
	out.Diags = finishDiagnostics(b.applyChecks(b.diags))
	out.Pages = len(st.Pages)
	out.Partials = len(b.partials.used())
	out.Result.Files = len(out.Files)
	s.results, s.sig, s.site, s.links = results, sig, st, links
	return out, nil
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
