package highlight

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// benchCorpus returns every fenced block of the Markdown under the folder
// named by DOCGEN_BENCH_CORPUS (a corpus of bench/gen-corpus.go), or skips.
func benchCorpus(b *testing.B) []snippet {
	b.Helper()
	dir := os.Getenv("DOCGEN_BENCH_CORPUS")
	if dir == "" {
		b.Skip("DOCGEN_BENCH_CORPUS names no corpus (go run ./bench/gen-corpus.go -out DIR)")
	}
	var out []snippet
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".md" {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out = append(out, fences(path, string(data))...)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return out
}

// reportCPU adds the CPU time of one run to the cpu-ms/op metric: on a
// machine shared with other work, wall time says little, and CPU time
// (which includes the garbage collector's) says what a build pays.
func reportCPU(b *testing.B, d time.Duration) {
	b.Helper()
	cpuRuns[b.Name()] += d
	cpuCount[b.Name()]++
	b.ReportMetric(float64(cpuRuns[b.Name()].Milliseconds())/float64(cpuCount[b.Name()]), "cpu-ms/op")
}

var (
	cpuRuns  = map[string]time.Duration{}
	cpuCount = map[string]int{}
)

// BenchmarkCorpus highlights every block of a generated corpus, one after
// another, as a build would:
//
//	chroma        chroma's lexers only, no cache
//	fastlex       fastlex where it applies, no cache
//	cold          fastlex, an empty cache folder, and the Flush that fills it
//	warm          a new Highlighter over the filled folder, as a new process
//	memory        the same Highlighter again, as a serve rebuild
//
// MB/s is code bytes in.
func BenchmarkCorpus(b *testing.B) {
	blocks := benchCorpus(b)
	size := 0
	for _, s := range blocks {
		size += len(s.code)
	}
	b.Logf("%d blocks, %.1f MiB of code", len(blocks), float64(size)/(1<<20))
	run := func(b *testing.B, h *Highlighter) {
		start := cpuTime()
		defer func() { reportCPU(b, cpuTime()-start) }()
		for _, s := range blocks {
			if _, err := h.Highlight(io.Discard, s.code, s.lang); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("chroma", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			run(b, New(Options{ChromaOnly: true, CacheLimit: -1}))
		}
	})
	b.Run("fastlex", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			run(b, New(Options{CacheLimit: -1}))
		}
	})
	dir := b.TempDir()
	b.Run("cold", func(b *testing.B) {
		b.SetBytes(int64(size))
		i := 0
		for b.Loop() {
			i++
			h := New(Options{CacheDir: filepath.Join(dir, fmt.Sprint("cold", i))})
			run(b, h)
			if err := h.Flush(); err != nil {
				b.Fatal(err)
			}
		}
	})
	warmDir := filepath.Join(dir, "warm")
	h := New(Options{CacheDir: warmDir})
	run(b, h)
	if err := h.Flush(); err != nil {
		b.Fatal(err)
	}
	b.Run("warm", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			h := New(Options{CacheDir: warmDir})
			run(b, h)
			if st := h.Stats(); st.Misses > 0 {
				b.Fatalf("%+v", st)
			}
		}
	})
	b.Run("memory", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			run(b, h)
		}
	})
}

// BenchmarkCacheLayout compares the shard files of the cache with one file
// per block, the other layout considered, on the blocks of the corpus:
// writing every entry (temporary file and rename, as each layout must to
// be safe for concurrent builds) and reading every entry back in a new
// process (the files in the OS page cache).
func BenchmarkCacheLayout(b *testing.B) {
	blocks := benchCorpus(b)
	h := New(Options{})
	type entry struct {
		k    cacheKey
		data []byte
	}
	var entries []entry
	for _, s := range blocks {
		l := h.find(s.lang)
		if l.lexer == nil {
			continue
		}
		spans, ok := tokenize(l.lexer, s.code)
		entries = append(entries, entry{h.cache.key(l.lang, s.code), encodeSpans(spans, ok)})
	}
	dir := b.TempDir()
	b.Run("shards/write", func(b *testing.B) {
		i := 0
		for b.Loop() {
			i++
			c := newCache(filepath.Join(dir, fmt.Sprint("s", i)), 0, false)
			for _, e := range entries {
				c.shards[e.k[0]].entries[e.k] = &cacheEntry{data: e.data, new: true}
				c.shards[e.k[0]].dirty = true
			}
			if err := c.flush(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("shards/read", func(b *testing.B) {
		for b.Loop() {
			c := newCache(filepath.Join(dir, "s1"), 0, false)
			for _, e := range entries {
				s := &c.shards[e.k[0]]
				if !s.loaded {
					c.load(s, e.k[0])
				}
				if s.entries[e.k] == nil {
					b.Fatal("missing entry")
				}
			}
		}
	})
	path := func(root string, k cacheKey) string {
		return filepath.Join(root, fmt.Sprintf("%02x", k[0]), fmt.Sprintf("%x", k[1:]))
	}
	b.Run("files/write", func(b *testing.B) {
		i := 0
		for b.Loop() {
			i++
			root := filepath.Join(dir, fmt.Sprint("f", i))
			for _, e := range entries {
				p := path(root, e.k)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					b.Fatal(err)
				}
				f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
				if err != nil {
					b.Fatal(err)
				}
				if _, err := f.Write(appendEntry(nil, e.k, 0, e.data)); err != nil {
					b.Fatal(err)
				}
				f.Close()
				if err := os.Rename(f.Name(), p); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("files/read", func(b *testing.B) {
		for b.Loop() {
			for _, e := range entries {
				data, err := os.ReadFile(path(filepath.Join(dir, "f1"), e.k))
				if err != nil {
					b.Fatal(err)
				}
				found := false
				parseShard(append([]byte(cacheMagic), data...), func(cacheKey, uint32, []byte) { found = true })
				if !found {
					b.Fatal("bad entry")
				}
			}
		}
	})
}
