package build

import (
	"context"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/docgen/docgen/internal/highlight"
	"github.com/docgen/docgen/internal/markdown"
	"github.com/docgen/docgen/internal/search"
	"github.com/docgen/docgen/internal/site"
)

// BenchmarkStages times each stage of a build over every page of a
// generated corpus, one goroutine, so that a slower build points at its
// stage. The corpus is the folder named by DOCGEN_BENCH_CORPUS, else 200
// pages of bench/gen-corpus.go made once per run.
//
//	load          site.Load: walk content/, read every page, front matter
//	parse         the Markdown of every page into its tree (markdown.Parse)
//	render        validate and render every body, partials included, with
//	              every code block already in the highlight cache: what a
//	              build with a warm cache pays
//	render+highlight  the same with no highlight cache: every block
//	              tokenised (what a cold build pays; the difference is
//	              highlighting)
//	search-page   each body cut into the terms of the search index
//	theme         each body put in the theme's page (sidebar, TOC, header)
//	links         every link and anchor checked against the files written
//	search-index  the indexes assembled from the pages' terms and encoded
//	write         every file written to a Dir sink and swapped in, over
//	              the previous run's output, as docgen build does
//	build         the whole build, one worker, no cache, nothing written:
//	              near the sum of the stages but write
//
// MB/s is Markdown in for every stage, so the stages' times add up;
// us/page is the time of a stage per page, and cpu-us/page the CPU time
// of the process (the garbage collector's included) per page. Other benchmarks time parts
// of these on their own: markdown's BenchmarkParse (parsing, by page
// size), highlight's BenchmarkCorpus (highlighting the corpus's blocks,
// with and without the cache on disk) and BenchmarkLexers, search's
// BenchmarkExtract, BenchmarkNewPage and BenchmarkBuild, this package's
// BenchmarkSearchIndex (index sizes, and the rebuild after one edit),
// BenchmarkBuildMenu (a large menu.md), BenchmarkSessionRebuild (a
// preview rebuild) and lastmod's BenchmarkLoad (the pages' dates).
//
//	go test ./internal/build -run '^$' -bench Stages -benchtime 3x
//	DOCGEN_BENCH_CORPUS=/tmp/docgen-bench/md-10000 go test ./internal/build -run '^$' -bench Stages -benchtime 1x -timeout 30m
func BenchmarkStages(b *testing.B) {
	dir := os.Getenv("DOCGEN_BENCH_CORPUS")
	if dir == "" {
		dir = filepath.Join(b.TempDir(), "corpus")
		gen := exec.Command("go", "run", "../../bench/gen-corpus.go", "-pages", "200", "-seed", "1", "-out", dir)
		if out, err := gen.CombinedOutput(); err != nil {
			b.Fatalf("gen-corpus: %v\n%s", err, out)
		}
	}
	fsys := os.DirFS(dir)
	st := newStages(b, fsys)
	ctx := context.Background()

	st.run(b, "load", func(b *testing.B) {
		if _, _, err := site.Load(fsys); err != nil {
			b.Fatal(err)
		}
	})
	st.run(b, "parse", func(b *testing.B) {
		for _, p := range st.site.Pages {
			st.b.md.Parse(p.Path, p.Src)
		}
	})
	st.run(b, "render", func(b *testing.B) {
		for i, p := range st.site.Pages {
			if _, err := st.b.renderBody(p, st.parsed[i]); err != nil {
				b.Fatal(err)
			}
		}
	})
	st.run(b, "render+highlight", func(b *testing.B) {
		warm := st.b.hl
		st.b.hl = highlight.New(highlight.Options{CacheLimit: -1})
		defer func() { st.b.hl = warm }()
		for i, p := range st.site.Pages {
			if _, err := st.b.renderBody(p, st.parsed[i]); err != nil {
				b.Fatal(err)
			}
		}
	})
	st.run(b, "search-page", func(b *testing.B) {
		for i, p := range st.site.Pages {
			st.b.searchPage(p, st.bodies[i].html)
		}
	})
	st.run(b, "theme", func(b *testing.B) {
		for i, p := range st.site.Pages {
			if _, err := st.b.themePage(p, st.bodies[i].html, st.bodies[i].headings); err != nil {
				b.Fatal(err)
			}
		}
	})
	st.run(b, "links", func(b *testing.B) {
		st.b.diags = nil
		st.b.checkLinks(st.results, st.files, map[string]bool{}, nil)
	})
	st.run(b, "search-index", func(b *testing.B) {
		if err := assemble(st.b, &search.Indexer{}, st.results); err != nil {
			b.Fatal(err)
		}
	})
	dest := filepath.Join(b.TempDir(), "public")
	st.run(b, "write", func(b *testing.B) {
		d, err := NewDir(ctx, dest, DirOptions{})
		if err != nil {
			b.Fatal(err)
		}
		for name, data := range st.output {
			if err := d.WriteFile(name, data); err != nil {
				b.Fatal(err)
			}
		}
		if err := d.Commit(); err != nil {
			b.Fatal(err)
		}
	})
	st.run(b, "build", func(b *testing.B) {
		res, err := Build(ctx, Options{Source: fsys, Sink: Discard{}, Workers: 1,
			Highlighter: highlight.New(highlight.Options{CacheLimit: -1})})
		if err != nil {
			b.Fatal(err)
		}
		if res.Pages != len(st.site.Pages) {
			b.Fatalf("built %d pages, want %d", res.Pages, len(st.site.Pages))
		}
	})
}

// stages holds a corpus built once, stage by stage, with what each
// stage's benchmark starts from.
type stages struct {
	b       *builder
	site    *site.Site
	srcSize int64 // bytes of Markdown in the pages

	parsed  []*markdown.Page // by page, as site.Pages
	bodies  []*pageBody      // by page
	results map[string]*pageResult
	files   map[string]bool   // every file the build writes
	output  map[string][]byte // and their content
}

// newStages builds the site once as Build does, with one worker and a
// highlighter whose memory cache then holds every block, keeping every
// page's tree, body, result and files.
func newStages(b *testing.B, fsys fs.FS) *stages {
	s, _, err := site.Load(fsys)
	if err != nil {
		b.Fatal(err)
	}
	mem := &Memory{}
	bld, err := newBuilder(s, Options{Source: fsys, Sink: mem, Highlighter: highlight.New(highlight.Options{})})
	if err != nil {
		b.Fatal(err)
	}
	st := &stages{b: bld, site: s}
	if err := bld.writeAssets(); err != nil {
		b.Fatal(err)
	}
	if err := bld.copyStatic(); err != nil {
		b.Fatal(err)
	}
	bld.loadNavs()
	for _, p := range s.Pages {
		st.srcSize += int64(len(p.Src))
		parsed := bld.md.Parse(p.Path, p.Src)
		body, err := bld.renderBody(p, parsed)
		if err != nil {
			b.Fatal(err)
		}
		st.parsed = append(st.parsed, parsed)
		st.bodies = append(st.bodies, body)
		if err := bld.page(p); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := bld.finish(bld.results, bld.written, nil); err != nil {
		b.Fatal(err)
	}
	st.results, st.files, st.output = bld.results, maps.Clone(bld.written), mem.Files
	// The stages write nothing but in their own benchmark.
	bld.opts.Sink = Discard{}
	return st
}

// run runs one stage as a sub-benchmark of b, each op being the stage
// over the whole corpus.
func (st *stages) run(b *testing.B, name string, stage func(b *testing.B)) {
	b.Run(name, func(b *testing.B) {
		b.SetBytes(st.srcSize)
		b.ReportAllocs()
		start := cpuTime()
		for b.Loop() {
			stage(b)
		}
		pages := float64(b.N * len(st.site.Pages))
		b.ReportMetric(float64(b.Elapsed().Microseconds())/pages, "us/page")
		// On a machine shared with other work, the CPU time (the
		// garbage collector's included) says more than the wall time.
		if cpu := cpuTime() - start; cpu > 0 {
			b.ReportMetric(float64(cpu.Microseconds())/pages, "cpu-us/page")
		}
	})
}
