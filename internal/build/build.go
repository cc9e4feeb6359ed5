package build

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/internal/highlight"
	"github.com/docgen/docgen/internal/lastmod"
	"github.com/docgen/docgen/internal/limits"
	"github.com/docgen/docgen/internal/linkcheck"
	"github.com/docgen/docgen/internal/markdown"
	"github.com/docgen/docgen/internal/search"
	"github.com/docgen/docgen/internal/site"
	"github.com/docgen/docgen/internal/theme"
	"github.com/docgen/docgen/shortcodes"
	"github.com/docgen/docgen/themes"
)

// Options configure a build.
type Options struct {
	// Source is the site folder.
	Source fs.FS
	// Sink receives the output files.
	Sink Sink
	// Workers bounds the pages rendered at once; 0 means one per CPU.
	Workers int
	// BaseURL, when set, replaces the config's baseURL: the absolute URL
	// the site is published at ("https://example.com/docs/"). Its path is
	// the prefix of every URL in the output.
	BaseURL string
	// PathPrefix, when set, is the path the site is served under
	// ("/help"), in place of the path of the base URL: a product that
	// mounts the docs in its own server sets it.
	PathPrefix string
	// Highlighter highlights code blocks; nil makes one with a cache in
	// CacheDir. A preview server passes the same one to every rebuild, so
	// its in-memory cache spares unchanged blocks.
	Highlighter *highlight.Highlighter
	// CacheDir is the folder of the build cache: the page cache, which
	// keeps rendered page bodies between builds (see internal/pagecache),
	// and, when Highlighter is nil, the highlight cache in
	// HighlightCacheDir(CacheDir). "" keeps no page
	// cache, and the highlight cache in memory for this build only.
	CacheDir string
	// Fragments adds, for each page, its body without the site's chrome
	// under _fragments/, and _fragments/index.json listing them: what a
	// product needs to show a page in a help panel.
	Fragments bool
	// SourceDir is the site folder on disk, when Source reads one: pages
	// then show when they last changed (from git, else the file times; see
	// internal/lastmod). "" for builds from memory, which show no dates.
	SourceDir string
	// Edition overrides the config's product edition ("oss", "collate").
	Edition string

	// theme, when set, is the site's theme already loaded: a session
	// keeps it from one rebuild to the next (loading it is 3 ms).
	theme *theme.Theme
}

// Result is what a build produced.
type Result struct {
	Diags    diag.List
	Pages    int // pages rendered (each version's copy counts once)
	Partials int // partial files included at least once
	Cached   int // pages whose body came from the page cache
	Files    int // files handed to the sink
	// CacheErr is set when the build cache could not be written: the
	// build is whole, the next one renders again what it lacks.
	CacheErr error
	// NoBaseURL is set when the site has no base URL, so no sitemap.xml
	// or robots.txt was written and canonical URLs are paths.
	NoBaseURL bool
}

// Build builds a site. Content problems are diagnostics in the result; the
// error is for I/O failures and cancellation, after which the sink is
// aborted.
func Build(ctx context.Context, opts Options) (*Result, error) {
	s, diags, err := site.LoadWith(opts.Source, site.Options{Edition: opts.Edition})
	if err != nil {
		return nil, err
	}
	b, err := newBuilder(s, opts)
	if err != nil {
		return nil, err
	}
	b.diags = diags
	if opts.CacheDir != "" {
		if b.pageStore, err = newPageStore(b, opts.CacheDir); err != nil {
			return nil, err
		}
	}
	if err := b.loadDates(ctx); err != nil {
		return nil, err
	}
	b.writers = startWriters(opts.Sink, writeWorkers)
	err = b.run(ctx)
	if err == nil {
		_, err = b.finish(b.results, b.written, nil)
	}
	if werr := b.writers.wait(); err == nil {
		err = werr
	}
	if err != nil {
		opts.Sink.Abort()
		return nil, err
	}
	if err := opts.Sink.Commit(); err != nil {
		return nil, err
	}
	// A cache that cannot be written costs the next build time, not this
	// one its output.
	cacheErr := b.pageStore.finish()
	if opts.Highlighter == nil {
		if err := b.hl.Flush(); cacheErr == nil {
			cacheErr = err
		}
	}
	res := &Result{CacheErr: cacheErr, Diags: finishDiagnostics(b.applyChecks(b.diags)), Pages: b.pages, Files: b.files, NoBaseURL: b.baseURL == ""}
	res.Partials = len(b.partials.used())
	res.Cached = b.pageStore.cached()
	return res, nil
}

type builder struct {
	site  *site.Site
	opts  Options
	md    *markdown.Markdown
	tags  *shortcodes.Registry
	vars  map[string]any
	theme *theme.Theme
	hl    *highlight.Highlighter
	// pageStore holds rendered bodies between builds; nil: none.
	pageStore *pageStore
	assets    theme.Assets

	partials *partialCache
	images   *imageCache
	navs     map[*site.Version]*site.Nav
	sidebars sidebars
	dates    *lastmod.Dates // nil when pages show no dates

	configFile    *diag.File
	liveNamespace string
	// baseURL is the absolute URL of the site without a final slash
	// ("https://example.com/docs"), or ""; prefix is the path every URL of
	// the output starts with ("/docs"), or "".
	baseURL string
	prefix  string

	mu    sync.Mutex
	diags diag.List
	pages int
	files int
	// written names every file handed to the sink, and results what later
	// stages need of each page (its outputs dropped once written), by
	// page path.
	written map[string]bool
	results map[string]*pageResult
	// searchIndexer assembles the search indexes; a session sets it to
	// reuse its shards. nil: a fresh one. searchLists, when set, are the
	// pages of each index (see searchIndexes), which a session keeps.
	searchIndexer *search.Indexer
	searchLists   []search.Index
	// writers, when set, hand the files to the sink; nil: write
	// hands them itself.
	writers *writers
}

func newBuilder(s *site.Site, opts Options) (*builder, error) {
	cfg := s.Config
	th, err := opts.theme, error(nil)
	if th == nil {
		if th, err = theme.Load(themes.Default(), s.Theme); err != nil {
			return nil, fmt.Errorf("theme: %w", err)
		}
	}
	b := &builder{
		site: s,
		opts: opts,
		md: markdown.New(markdown.Options{
			Alias:      cfg.Markup.AliasEnabled(),
			NoComments: !cfg.Markup.CommentsEnabled(),
			Limits: limits.Limits{MaxBytes: cfg.Limits.MaxBytes, MaxDepth: cfg.Limits.MaxDepth,
				MaxNestedLines: cfg.Limits.MaxNestedLines, MaxInlineWork: cfg.Limits.MaxInlineWork},
		}),
		tags:  cfg.Registry(shortcodes.Builtin()),
		vars:  cfg.SiteVariables(),
		theme: th,
		hl:    opts.Highlighter,
		navs:  map[*site.Version]*site.Nav{},

		written: map[string]bool{},
		results: map[string]*pageResult{},
	}
	if b.hl == nil {
		b.hl = highlight.New(highlight.Options{CacheDir: HighlightCacheDir(opts.CacheDir)})
	}
	b.baseURL, b.prefix, err = sitePrefix(cfg.BaseURL, opts.BaseURL, opts.PathPrefix)
	if err != nil {
		return nil, err
	}
	b.partials = &partialCache{b: b, parsed: map[string]*partialEntry{}}
	b.configFile = s.ConfigFile
	// Readers' values are stored per site: two docgen sites on one host do
	// not share them.
	b.liveNamespace = "docgen-live:" + shortHash([]byte(cfg.BaseURL+"\x00"+cfg.Title))
	b.images = &imageCache{fsys: s.FS, static: s.Static, sizes: map[string]imageSize{}}
	return b, nil
}

func (b *builder) report(d *diag.Diagnostic) {
	b.mu.Lock()
	b.diags = append(b.diags, d)
	b.mu.Unlock()
}

func (b *builder) write(name string, data []byte) error {
	b.mu.Lock()
	b.files++
	b.written[name] = true
	b.mu.Unlock()
	if b.writers != nil {
		return b.writers.write(name, data)
	}
	return b.opts.Sink.WriteFile(name, data)
}

// writeWorkers is how many files a build writes at once. Creating a file
// and its folder waits on the disk (a millisecond each on a busy one),
// and a page renders in about as long, so the writes are not left to
// the workers that render: with one worker per CPU, a worker waiting on
// the disk leaves its CPU idle.
const writeWorkers = 8

// writers hands files to a sink, and entries to the page cache, from
// goroutines of their own, so that rendering goes on while a write waits
// on the disk.
type writers struct {
	sink  Sink
	queue chan writeJob
	wg    sync.WaitGroup
	mu    sync.Mutex
	err   error // the first write that failed
}

// writeJob is a file for the sink, or, when do is set, some other write.
type writeJob struct {
	output
	do func() error
}

func startWriters(sink Sink, n int) *writers {
	w := &writers{sink: sink, queue: make(chan writeJob, 4*n)}
	for range n {
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			for j := range w.queue {
				var err error
				if j.do != nil {
					err = j.do()
				} else {
					err = sink.WriteFile(j.name, j.data)
				}
				if err != nil {
					w.mu.Lock()
					if w.err == nil {
						w.err = err
					}
					w.mu.Unlock()
				}
			}
		}()
	}
	return w
}

// write queues a file, which must not change afterwards. The error is
// that of an earlier write that failed, if any.
func (w *writers) write(name string, data []byte) error {
	w.mu.Lock()
	err := w.err
	w.mu.Unlock()
	if err != nil {
		return err
	}
	w.queue <- writeJob{output: output{name, data}}
	return nil
}

// later queues a write whose failure costs nothing but time, such as
// storing to a cache: it reports its own errors.
func (w *writers) later(do func()) {
	w.queue <- writeJob{do: func() error { do(); return nil }}
}

// wait waits for the files queued to be written, and returns the error
// of the first write that failed.
func (w *writers) wait() error {
	close(w.queue)
	w.wg.Wait()
	return w.err
}

func (b *builder) run(ctx context.Context) error {
	if err := b.writeAssets(); err != nil {
		return err
	}
	if err := b.copyStatic(); err != nil {
		return err
	}
	b.loadNavs()
	workers := b.opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	pages := make(chan *site.Page)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range pages {
				if err := b.page(p); err != nil {
					errs <- fmt.Errorf("%s: %w", p.Path, err)
					return
				}
			}
		}()
	}
	var err error
feed:
	for _, p := range b.site.Pages {
		select {
		case pages <- p:
		case err = <-errs:
			break feed
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(pages)
	wg.Wait()
	if err == nil {
		select {
		case err = <-errs:
		default:
		}
	}
	return err
}

// loadNavs makes the navigation of every version.
func (b *builder) loadNavs() {
	for _, v := range b.site.Versions {
		nav, d := b.site.Nav(v)
		b.navs[v] = nav
		b.diags = append(b.diags, d...)
	}
}

// writeAssets writes the theme's files and the highlighting stylesheet.
func (b *builder) writeAssets() error {
	files, urls := b.theme.Assets()
	css, err := highlight.CSS(highlight.DefaultLight, highlight.DefaultDark)
	if err != nil {
		return err
	}
	name := "_docgen/chroma." + shortHash([]byte(css)) + ".css"
	files["/"+name] = []byte(css)
	urls.Highlight = "/" + name
	b.assets = b.prefixAssets(urls)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := b.write(strings.TrimPrefix(n, "/"), files[n]); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) copyStatic() error { return b.copyStaticFrom(nil) }

// copyStaticFrom copies the static files, taking the ones kept holds (by
// name under static/) instead of reading them: a preview server keeps the
// files an edit did not touch, and a site with ten thousand images does not
// read them all on every save. It returns what it copied.
func (b *builder) copyStaticFrom(kept map[string][]byte) error {
	names := make([]string, 0, len(b.site.Static))
	for n := range b.site.Static {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		data, ok := kept[n]
		if !ok {
			var err error
			data, err = fs.ReadFile(b.site.FS, path.Join(site.StaticDir, n))
			if err != nil {
				return err
			}
			if kept != nil {
				kept[n] = data
			}
		}
		if err := b.write(n, data); err != nil {
			return err
		}
	}
	return nil
}

// pageResult is what rendering one page produced: its files, its
// diagnostics, and the site files it read besides its own source (partials
// and images, found or only tried), which an incremental rebuild checks
// changes against.
type pageResult struct {
	outputs []output
	diags   diag.List
	deps    map[string]bool
	// partials lists the partials included (as references name them),
	// for Result.Partials.
	partials []string
	links    []linkcheck.Ref // every link, for the checks run once all pages are rendered
	ids      map[string]bool // the ids of the page's body: what #anchors may name
	// fragment is the page's entry in _fragments/index.json, when the
	// build writes fragments.
	fragment *FragmentPage
	search   *search.Page // the page's part of the search index; nil if noindex
}

type output struct {
	name string
	data []byte
}

// page renders one page and hands its files to the sink.
func (b *builder) page(p *site.Page) error {
	res, err := b.renderPage(p)
	if err != nil {
		return err
	}
	for _, o := range res.outputs {
		if err := b.write(o.name, o.data); err != nil {
			return err
		}
	}
	b.mu.Lock()
	b.diags = append(b.diags, res.diags...)
	b.pages++
	res.outputs = nil
	b.results[p.Path] = res
	b.mu.Unlock()
	return nil
}

// renderPage renders one page (and its /latest/ copy), or takes its body
// from the page cache. Its stages, parse, renderBody, searchPage and
// themePage, are timed one by one by BenchmarkStages.
func (b *builder) renderPage(p *site.Page) (*pageResult, error) {
	var body *pageBody
	var sp *search.Page
	if c, ok := b.pageStore.get(p); ok {
		body, sp = c.body, c.search
		b.partials.markUsed(body.res.partials)
	} else {
		parsed := b.md.Parse(p.Path, p.Src)
		var err error
		if body, err = b.renderBody(p, parsed); err != nil {
			return nil, err
		}
		sp = b.searchPage(p, body.html)
		b.pageStore.put(p, body, sp)
	}
	res := body.res
	res.search = sp
	page, err := b.themePage(p, body.html, body.headings)
	if err != nil {
		return nil, err
	}
	res.outputs = append(res.outputs, output{outputPath(p.URL), page})
	if b.opts.Fragments {
		out, entry := b.fragment(p, body.html, body.headings)
		res.outputs = append(res.outputs, out)
		res.fragment = entry
	}
	if latest := p.LatestURL(); latest != "" {
		res.outputs = append(res.outputs, output{outputPath(latest), page})
	}
	return res, nil
}

// pageBody is a page's body rendered, before the theme's chrome: its
// HTML, its headings, and its result so far (diagnostics, dependencies,
// links and ids, no outputs yet).
type pageBody struct {
	html     []byte
	headings *markdown.Headings
	res      *pageResult
}

// renderBody validates a parsed page and renders its body, partials
// included, with the live values' panels in place.
func (b *builder) renderBody(p *site.Page, parsed *markdown.Page) (*pageBody, error) {
	res := &pageResult{deps: map[string]bool{}}
	report := func(d *diag.Diagnostic) { res.diags = append(res.diags, d) }
	scope := &shortcodes.Scope{Vars: b.vars}
	pl := b.liveFor(p, report)
	res.diags = append(res.diags, markdown.Validate(parsed, b.validationEnv(scope, pl))...)

	var body bytes.Buffer
	// The body's HTML is about three times its Markdown (highlighted
	// code more): one allocation, not a dozen doublings.
	body.Grow(3 * len(p.Src))
	rc := &renderCtx{b: b, page: p, report: report, live: pl, liveState: &markdown.LiveState{}, deps: res.deps}
	renv := rc.env(parsed.File, scope, nil, &markdown.Headings{})
	renv.AutoLiveForm = true
	if err := markdown.Render(&body, parsed, renv); err != nil {
		return nil, err
	}
	html := b.placeForms(body.Bytes(), pl, rc.liveState.Used, report, p.File)
	res.links = rc.links
	res.partials = rc.partials
	res.ids = elementIDs(html)
	return &pageBody{html: html, headings: renv.Headings, res: res}, nil
}

// themePage puts a page's body in the theme's page.
func (b *builder) themePage(p *site.Page, body []byte, headings *markdown.Headings) ([]byte, error) {
	data := b.pageData(p, template.HTML(body), headings)
	b.prefixPage(data)
	var out bytes.Buffer
	// The body and the theme's chrome around it: header, sidebar, TOC,
	// footer (6 KB a page in the generated corpus).
	out.Grow(len(body) + 8<<10)
	if err := b.theme.RenderPage(&out, data); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// validationEnv checks tags against the site's registry and variables
// against the scope; partial references are checked when they are
// rendered, where every candidate tried can be reported.
func (b *builder) validationEnv(scope *shortcodes.Scope, pl *pageLive) *markdown.Env {
	return &markdown.Env{
		Tags:          b.tags,
		PartialExists: func(string) bool { return true },
		VariableDefined: func(path []any) bool {
			if _, ok := scope.Lookup(path); ok {
				return true
			}
			if id, ok := path[0].(string); ok && len(path) == 1 {
				_, live := pl.set.Lookup(id)
				return live
			}
			return false
		},
	}
}

// outputPath turns a page URL into its file: "/v1.9.x/a/" → "v1.9.x/a/index.html".
func outputPath(url string) string {
	return strings.TrimPrefix(url, "/") + "index.html"
}

// finishDiagnostics sorts the diagnostics, drops the repeats a partial
// included from many pages produces, and folds unknown tags into one
// diagnostic per tag name with their count.
func finishDiagnostics(in diag.List) diag.List {
	in.Sort()
	return finishSorted(in, nil)
}

// finishSorted is finishDiagnostics for a sorted list. It changes no
// diagnostic: a session hands the same ones to every rebuild. over, when
// not nil, holds every file and id that has more than maxRepeats
// diagnostics in the list (see foldRepeats).
func finishSorted(in diag.List, over []fileID) diag.List {
	type key struct {
		path, id, msg string
		offset        int
	}
	seen := map[key]bool{}
	undefined := map[string]int{} // by message, the first use's index in out
	counts := map[string]int{}
	out := make(diag.List, 0, len(in))
	for _, d := range in {
		// Only a diagnostic inside a partial can repeat: the partial is
		// rendered once for each page that includes it.
		if len(d.Via) > 0 {
			k := key{pathOf(d), d.ID, d.Msg, d.Offset}
			if seen[k] {
				continue
			}
			seen[k] = true
		}
		if d.ID == "tag-undefined" {
			counts[d.Msg]++
			if _, ok := undefined[d.Msg]; ok {
				continue
			}
			undefined[d.Msg] = len(out)
		}
		out = append(out, d)
	}
	for msg, i := range undefined {
		if n := counts[msg]; n > 1 {
			first := *out[i]
			first.Msg = fmt.Sprintf("%s (used %d times in all; first use here)", msg, n)
			out[i] = &first
		}
	}
	if over != nil && len(over) == 0 {
		return out
	}
	return foldRepeats(out, over)
}

// maxRepeats is how many diagnostics of one id in one file are printed
// before the rest are summed up: a menu listing a thousand pages a partial
// checkout lacks should not bury everything else.
const maxRepeats = 10

// fileID is a file and a diagnostic id, which foldRepeats counts.
type fileID struct{ path, id string }

// foldRepeats sums up the diagnostics past maxRepeats of one id in one
// file, but for errors. over, when not nil, holds every file and id that
// may have more than maxRepeats: the others are not counted, which spares
// a map entry per diagnostic.
func foldRepeats(in diag.List, over []fileID) diag.List {
	count := map[fileID]int{}
	// Diagnostics of one file come one after the other: whether its
	// path is among over is found once for them.
	var lastFile *diag.File
	lastOver := false
	keyOf := func(d *diag.Diagnostic) (fileID, bool) {
		if over == nil {
			return fileID{pathOf(d), d.ID}, true
		}
		if d.File != lastFile || lastFile == nil {
			lastFile, lastOver = d.File, false
			for _, k := range over {
				if pathOf(d) == k.path {
					lastOver = true
					break
				}
			}
		}
		if !lastOver {
			return fileID{}, false
		}
		for _, k := range over {
			if d.ID == k.id && pathOf(d) == k.path {
				return k, true
			}
		}
		return fileID{}, false
	}
	keys := make([]fileID, len(in))
	counted := make([]bool, len(in))
	for i, d := range in {
		if k, ok := keyOf(d); ok {
			keys[i], counted[i] = k, true
			count[k]++
		}
	}
	shown := map[fileID]int{}
	out := make(diag.List, 0, len(in))
	for i, d := range in {
		key, ok := keys[i], counted[i]
		n := count[key]
		if !ok || n <= maxRepeats || d.Level >= diag.Error {
			out = append(out, d)
			continue
		}
		shown[key]++
		switch {
		case shown[key] < maxRepeats:
			out = append(out, d)
		case shown[key] == maxRepeats:
			out = append(out, d)
			out = append(out, &diag.Diagnostic{File: d.File, Offset: d.Offset, Level: d.Level, ID: d.ID,
				Msg: fmt.Sprintf("%d more like the above in this file are not shown", n-maxRepeats)})
		}
	}
	return out
}

func pathOf(d *diag.Diagnostic) string {
	if d.File == nil {
		return ""
	}
	return d.File.Path
}

// renderCtx renders one page and the partials it includes.
type renderCtx struct {
	deps      map[string]bool // site files read while rendering
	partials  []string        // partials included, as references name them
	links     []linkcheck.Ref
	b         *builder
	page      *site.Page
	report    func(*diag.Diagnostic)
	live      *pageLive
	liveState *markdown.LiveState
}

// env returns the render environment for a file of the page (the page
// itself, or a partial reached through via).
func (rc *renderCtx) env(file *diag.File, scope *shortcodes.Scope, via []diag.Site, headings *markdown.Headings) *markdown.RenderEnv {
	report := func(d *diag.Diagnostic) {
		if d.File == nil {
			d.File = file
		}
		d.Via = append(append([]diag.Site(nil), via...), d.Via...)
		rc.report(d)
	}
	env := &markdown.RenderEnv{
		Tags: rc.b.tags,
		Vars: scope,
		Link: func(href string, at int) string {
			u := rc.link(href)
			if rc.leftOut(u) == nil { // else CheckLink has reported it
				rc.links = append(rc.links, linkcheck.Ref{File: file, At: at, Via: via, Href: href, URL: u})
			}
			return rc.b.prefixed(u)
		},
		Headings:  headings,
		Report:    report,
		LiveState: rc.liveState,
		Image: func(src string, at int) (shortcodes.ImageInfo, bool) {
			info, ok := rc.b.images.resolve(src, func(level diag.Level, id, msg, hint string) {
				report(&diag.Diagnostic{File: file, Offset: at, Level: level, ID: id, Msg: msg, Hint: hint})
			}, rc.deps)
			info.URL = rc.b.prefixed(info.URL)
			return info, ok
		},
		Icon: func(name string) (template.HTML, bool) {
			if svg, ok := rc.b.theme.Icon(name); ok {
				return svg, true
			}
			svg, _ := rc.b.theme.Icon(theme.FallbackIcon)
			return svg, false
		},
		Highlight: rc.b.hl.Highlight,
		CheckLink: func(href string, at int) bool {
			return rc.checkLink(href, func(msg string) {
				report(&diag.Diagnostic{File: file, Offset: at, Level: diag.Warning, ID: "link-other-edition", Msg: msg})
			})
		},
		Partial: func(w io.Writer, ref string, vars map[string]any, at int) error {
			return rc.partial(w, file, ref, vars, at, scope, via, headings)
		},
	}
	rc.b.liveEnv(env, rc.live)
	return env
}

// checkLink reports (through report) a link to a page this edition leaves
// out, and returns false for it: the page is not built, so the link would
// lead nowhere.
func (rc *renderCtx) checkLink(href string, report func(msg string)) bool {
	if rc.b.site.Edition == "" {
		return true
	}
	p := rc.leftOut(rc.link(href))
	if p == nil {
		return true
	}
	report(fmt.Sprintf("link to %s: only the %s edition has that page (%s has collate: true); this %s build leaves it out",
		href, site.EditionOf(p), p.Path, rc.b.site.Edition))
	return false
}

// leftOut returns the page a resolved link goes to when this build's
// edition leaves it out, else nil.
func (rc *renderCtx) leftOut(u string) *site.Page {
	if rc.b.site.Edition == "" {
		return nil
	}
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	return rc.b.site.OtherEdition(u)
}

// link turns an href as written into the URL for the page: a site path
// without a version goes into the page's version, with the trailing slash
// page URLs have.
func (rc *renderCtx) link(href string) string {
	if href == "" || strings.HasPrefix(href, "#") || strings.HasPrefix(href, "//") || hasScheme(href) || !strings.HasPrefix(href, "/") {
		return href
	}
	p, frag := href, ""
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p, frag = p[:i], p[i:]
	}
	first := strings.SplitN(strings.TrimPrefix(p, "/"), "/", 2)[0]
	v := rc.page.Version
	if v == nil {
		v = rc.b.site.Default // the landing page links into the default version
	}
	if v != nil && rc.b.site.Version(first) == nil && first != "latest" && !rc.b.site.Static[strings.TrimPrefix(p, "/")] &&
		(rc.page.Version != nil || rc.b.site.PageByURL(strings.TrimSuffix(p, "/")+"/") == nil) {
		p = v.URLPrefix() + strings.TrimSuffix(p, "/")
		if p == v.URLPrefix() {
			p += "/"
		}
	}
	if !strings.HasSuffix(p, "/") && path.Ext(p) == "" {
		p += "/"
	}
	return p + frag
}

func hasScheme(href string) bool {
	for i, c := range href {
		switch {
		case c == ':':
			return i > 0
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}
