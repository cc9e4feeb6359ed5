package build

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/docgen/docgen/internal/search"
)

// BenchmarkSearchIndex measures what the search index costs the preview
// server and the reader on the generated corpus (bench/gen-corpus.go,
// DOCGEN_BENCH_PAGES pages, default 1000), or on the site folder named by
// DOCGEN_BENCH_SITE: assembling every index from the pages' prepared
// terms ("cold", a full build), assembling them again after one page
// changed ("one-edited", a rebuild after a save: the unchanged shards are
// reused), and preparing one page (extracting and cutting its rendered
// body, part of rendering it). It reports the size of the indexes, raw
// and gzipped, and the shard count.
//
//	go test ./internal/build -run '^$' -bench SearchIndex
//	DOCGEN_BENCH_PAGES=10000 go test ./internal/build -run '^$' -bench SearchIndex -timeout 30m
//	DOCGEN_BENCH_SITE=$PWD go test ./internal/build -run '^$' -bench SearchIndex
func BenchmarkSearchIndex(b *testing.B) {
	dir := os.Getenv("DOCGEN_BENCH_SITE")
	if dir == "" {
		pages := 1000
		if s := os.Getenv("DOCGEN_BENCH_PAGES"); s != "" {
			pages, _ = strconv.Atoi(s)
		}
		dir = filepath.Join(b.TempDir(), "corpus")
		gen := exec.Command("go", "run", "../../bench/gen-corpus.go", "-pages", strconv.Itoa(pages), "-seed", "1", "-out", dir)
		if out, err := gen.CombinedOutput(); err != nil {
			b.Fatalf("gen-corpus: %v\n%s", err, out)
		}
	}
	sess := NewSession(os.DirFS(dir))
	if _, err := sess.Rebuild(context.Background(), nil, true); err != nil {
		b.Fatal(err)
	}
	bld, err := newBuilder(sess.site, Options{Sink: Discard{}})
	if err != nil {
		b.Fatal(err)
	}
	var raw, zipped, shards int
	sized := &Memory{}
	sizer, _ := newBuilder(sess.site, Options{Sink: sized})
	if err := assemble(sizer, &search.Indexer{}, sess.results); err != nil {
		b.Fatal(err)
	}
	for name, data := range sized.Files {
		raw += len(data)
		var z bytes.Buffer
		w, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
		w.Write(data)
		w.Close()
		zipped += z.Len()
		if strings.Count(name, "/") > 2 {
			shards++
		}
	}
	b.Logf("%d pages; indexes: %d files, %d shards, %.1f KB raw, %.1f KB gzip", len(sess.site.Pages), len(sized.Files), shards, float64(raw)/1024, float64(zipped)/1024)

	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			if err := assemble(bld, &search.Indexer{}, sess.results); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(raw)/1024, "KB-raw")
		b.ReportMetric(float64(zipped)/1024, "KB-gzip")
		b.ReportMetric(float64(shards), "shards")
	})
	b.Run("one-edited", func(b *testing.B) {
		var x search.Indexer
		results := make(map[string]*pageResult, len(sess.results))
		for k, v := range sess.results {
			results[k] = v
		}
		if err := assemble(bld, &x, results); err != nil {
			b.Fatal(err)
		}
		pages := sess.site.Pages
		i := 0
		// The fastest run as well as the mean: on a shared machine the
		// mean carries other work's time.
		fastest := time.Duration(1 << 62)
		for b.Loop() {
			start := time.Now()
			// A page rendered again: the same content, a new Page value.
			p := pages[(i*7919)%len(pages)]
			i++
			r := *results[p.Path]
			if r.search != nil {
				fresh := new(search.Page)
				*fresh = *r.search
				r.search = fresh
			}
			results[p.Path] = &r
			if err := assemble(bld, &x, results); err != nil {
				b.Fatal(err)
			}
			fastest = min(fastest, time.Since(start))
		}
		b.ReportMetric(float64(fastest.Microseconds())/1000, "ms-fastest")
	})
	b.Run("prepare-page", func(b *testing.B) {
		p := sess.site.Pages[len(sess.site.Pages)/2]
		res, err := bld.renderPage(p)
		if err != nil {
			b.Fatal(err)
		}
		m := article.FindSubmatch(res.outputs[0].data)
		if m == nil {
			b.Fatal("no article")
		}
		b.SetBytes(int64(len(m[1])))
		for b.Loop() {
			bld.searchPage(p, m[1])
		}
	})
}

// assemble writes the search indexes of results as a rebuild does, with
// the indexer x.
func assemble(b *builder, x *search.Indexer, results map[string]*pageResult) error {
	b.searchIndexer = x
	return b.writeSearch(results, b.write)
}
