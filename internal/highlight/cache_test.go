package highlight

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
)

// cacheBlocks are code blocks for the cache tests: distinct, in the
// languages of fastlex and of chroma alone, with and without a final
// newline.
func cacheBlocks(n int) []snippet {
	langs := []string{"yaml", "json", "bash", "python", "sql", "go", "html", "toml"}
	out := make([]snippet, n)
	for i := range out {
		lang := langs[i%len(langs)]
		var code string
		switch lang {
		case "yaml":
			code = fmt.Sprintf("key%d: value # note\nlist:\n  - %d\n", i, i)
		case "json":
			code = fmt.Sprintf(`{"n": %d, "s": "x<y&z"}`, i)
		case "bash":
			code = fmt.Sprintf("export N=%d && echo \"$N\" | grep x\n", i)
		case "python":
			code = fmt.Sprintf("def f%d(x):\n    return f\"{x!r}\" * %d\n", i, i)
		case "sql":
			code = fmt.Sprintf("SELECT a, %d FROM t WHERE b = 'x';\n", i)
		case "go":
			code = fmt.Sprintf("package main\n\nfunc f() int { return %d }\n", i)
		case "html":
			code = fmt.Sprintf("<p class=\"x\">%d &amp; y</p>", i)
		case "toml":
			code = fmt.Sprintf("[table]\nkey = %d\n", i)
		}
		out[i] = snippet{name: fmt.Sprint(i), lang: lang, code: code}
	}
	return out
}

// highlightAll highlights each block with h and returns the HTML of each.
func highlightAll(t testing.TB, h *Highlighter, blocks []snippet) []string {
	t.Helper()
	out := make([]string, len(blocks))
	for i, s := range blocks {
		var b bytes.Buffer
		if _, err := h.Highlight(&b, s.code, s.lang); err != nil {
			t.Fatal(err)
		}
		out[i] = b.String()
	}
	return out
}

// uncached returns the HTML of each block from a Highlighter without a
// cache: what every cached answer must equal.
func uncached(t testing.TB, blocks []snippet) []string {
	t.Helper()
	return highlightAll(t, New(Options{CacheLimit: -1}), blocks)
}

func checkSame(t *testing.T, what string, got, want []string) {
	t.Helper()
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("%s: block %d:\n%s\nwant\n%s", what, i, got[i], want[i])
		}
	}
}

func TestCacheMemory(t *testing.T) {
	blocks := cacheBlocks(40)
	want := uncached(t, blocks)
	h := New(Options{})
	checkSame(t, "first", highlightAll(t, h, blocks), want)
	first := h.Stats()
	checkSame(t, "second", highlightAll(t, h, blocks), want)
	if st := h.Stats(); st.Hits-first.Hits != int64(len(blocks)) || st.Misses != first.Misses {
		t.Errorf("stats after the first round %+v, after the second %+v: want every block a hit", first, st)
	}
	if err := h.Flush(); err != nil {
		t.Errorf("Flush without a folder: %v", err)
	}
}

func TestCacheOff(t *testing.T) {
	h := New(Options{CacheLimit: -1})
	blocks := cacheBlocks(8)
	highlightAll(t, h, blocks)
	highlightAll(t, h, blocks)
	if st := h.Stats(); st.Hits != 0 || st.Misses != 16 {
		t.Errorf("stats %+v, want no hits", st)
	}
}

func TestCacheDisk(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	blocks := cacheBlocks(60)
	want := uncached(t, blocks)

	h := New(Options{CacheDir: dir})
	checkSame(t, "cold", highlightAll(t, h, blocks), want)
	if _, err := os.Stat(dir); err == nil {
		t.Error("the folder exists before Flush")
	}
	if err := h.Flush(); err != nil {
		t.Fatal(err)
	}
	if tmp, _ := filepath.Glob(filepath.Join(dir, "*.tmp")); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}

	warm := New(Options{CacheDir: dir})
	checkSame(t, "warm", highlightAll(t, warm, blocks), want)
	if st := warm.Stats(); st.Misses != 0 || st.Hits != int64(len(blocks)) {
		t.Errorf("warm stats %+v, want every block from disk", st)
	}
	// A Flush with nothing new writes nothing.
	before := shardTimes(t, dir)
	if err := warm.Flush(); err != nil {
		t.Fatal(err)
	}
	if after := shardTimes(t, dir); !equalMaps(before, after) {
		t.Error("a Flush with no new entries rewrote shard files")
	}
}

func shardTimes(t *testing.T, dir string) map[string]int64 {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.dghc"))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]int64{}
	for _, f := range files {
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		m[f] = fi.ModTime().UnixNano()
	}
	return m
}

func equalMaps(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestCacheMarked checks HighlightMarked with the cache: one entry per
// code serves every set of marks, each placed right.
func TestCacheMarked(t *testing.T) {
	code := "tenant: 8f2d5b61\nclient: abc-123 # id\n"
	markSets := [][]Mark{
		nil,
		{{Start: 8, End: 16, ID: "tenantId"}},
		{{Start: 8, End: 12, ID: "a"}, {Start: 25, End: 32, ID: "clientId"}},
		{{Start: 0, End: len(code), ID: "all"}},
	}
	plainH := New(Options{CacheLimit: -1})
	dir := t.TempDir()
	for round := 0; round < 2; round++ {
		h := New(Options{CacheDir: dir})
		for _, marks := range markSets {
			var got, want bytes.Buffer
			if _, err := h.HighlightMarked(&got, code, "yaml", marks); err != nil {
				t.Fatal(err)
			}
			if _, err := plainH.HighlightMarked(&want, code, "yaml", marks); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("round %d, marks %v:\n%s\nwant\n%s", round, marks, got.String(), want.String())
			}
		}
		if st := h.Stats(); st.Misses > 1 {
			t.Errorf("round %d: %d misses for one code with %d sets of marks", round, st.Misses, len(markSets))
		}
		if err := h.Flush(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCacheCorrupt damages the shard files in several ways: every block
// must still come out right, from what can be read or tokenised again.
func TestCacheCorrupt(t *testing.T) {
	blocks := cacheBlocks(60)
	want := uncached(t, blocks)
	damage := map[string]func([]byte) []byte{
		"truncated":     func(b []byte) []byte { return b[:len(b)*2/3] },
		"flipped byte":  func(b []byte) []byte { b[len(b)/2] ^= 0x40; return b },
		"empty":         func([]byte) []byte { return nil },
		"wrong magic":   func(b []byte) []byte { b[0] = 'X'; return b },
		"garbage":       func(b []byte) []byte { return bytes.Repeat([]byte{0xff, 0x01}, len(b)/2) },
		"huge length":   func(b []byte) []byte { return append([]byte(cacheMagic), bytes.Repeat([]byte{0xff}, 40)...) },
		"extra at end":  func(b []byte) []byte { return append(b, "tail"...) },
		"tmp file only": func(b []byte) []byte { return b },
	}
	for name, fn := range damage {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			h := New(Options{CacheDir: dir})
			highlightAll(t, h, blocks)
			if err := h.Flush(); err != nil {
				t.Fatal(err)
			}
			files, _ := filepath.Glob(filepath.Join(dir, "*.dghc"))
			if len(files) == 0 {
				t.Fatal("no shard files")
			}
			for _, f := range files {
				b, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				if name == "tmp file only" {
					// A writer that died before its rename.
					if err := os.WriteFile(f+".tmp", b[:len(b)/2], 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				if err := os.WriteFile(f, fn(b), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			h2 := New(Options{CacheDir: dir})
			checkSame(t, name, highlightAll(t, h2, blocks), want)
			// Flush writes whole files again.
			if err := h2.Flush(); err != nil {
				t.Fatal(err)
			}
			h3 := New(Options{CacheDir: dir})
			checkSame(t, name+", rewritten", highlightAll(t, h3, blocks), want)
			if name != "extra at end" && name != "tmp file only" {
				if st := h3.Stats(); st.Misses != 0 {
					t.Errorf("after rewriting: %+v, want every block from disk", st)
				}
			}
		})
	}
}

// TestCacheBadEntry stores data that passes the file's checks but does not
// fit the code: it must be ignored.
func TestCacheBadEntry(t *testing.T) {
	h := New(Options{})
	code := "a: 1\n"
	l := h.find("yaml")
	k := h.cache.key(l.lang, code)
	h.cache.put(k, []span{{start: 0, end: 3, class: "nt"}}, true) // too short
	var b bytes.Buffer
	if _, err := h.Highlight(&b, code, "yaml"); err != nil {
		t.Fatal(err)
	}
	if want := uncached(t, []snippet{{code: code, lang: "yaml"}})[0]; b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// TestCacheDeleted deletes the folder between and during builds.
func TestCacheDeleted(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	blocks := cacheBlocks(60)
	want := uncached(t, blocks)
	h := New(Options{CacheDir: dir})
	checkSame(t, "first", highlightAll(t, h, blocks[:30]), want[:30])
	if err := h.Flush(); err != nil {
		t.Fatal(err)
	}
	// Deleted while h has some shards read and others not.
	h2 := New(Options{CacheDir: dir})
	checkSame(t, "half", highlightAll(t, h2, blocks[:10]), want[:10])
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	checkSame(t, "after delete", highlightAll(t, h2, blocks), want)
	if err := h2.Flush(); err != nil {
		t.Fatalf("Flush after the folder was deleted: %v", err)
	}
	h3 := New(Options{CacheDir: dir})
	checkSame(t, "recreated", highlightAll(t, h3, blocks), want)
	if st := h3.Stats(); st.Misses != 0 {
		t.Errorf("%+v: the folder was not written again", st)
	}
	// Deleted right before a Flush.
	h4 := New(Options{CacheDir: dir})
	highlightAll(t, h4, cacheBlocks(80))
	os.RemoveAll(dir)
	if err := h4.Flush(); err != nil {
		t.Fatalf("Flush: %v", err)
	}
}

// TestCacheConcurrentWriters runs builds that share a folder at once:
// goroutines with their own Highlighter each (as separate processes
// would have), highlighting overlapping blocks and flushing repeatedly.
// Every answer must be right, and the folder readable after.
func TestCacheConcurrentWriters(t *testing.T) {
	dir := t.TempDir()
	blocks := cacheBlocks(200)
	want := uncached(t, blocks)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for round := 0; round < 5; round++ {
				h := New(Options{CacheDir: dir})
				for i := w * 20; i < len(blocks); i += 1 + round {
					var b bytes.Buffer
					if _, err := h.Highlight(&b, blocks[i].code, blocks[i].lang); err != nil {
						errs <- err
						return
					}
					if b.String() != want[i] {
						errs <- fmt.Errorf("writer %d, round %d, block %d: wrong HTML", w, round, i)
						return
					}
				}
				if err := h.Flush(); err != nil {
					errs <- err
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	h := New(Options{CacheDir: dir})
	checkSame(t, "after", highlightAll(t, h, blocks), want)
	checkShardFiles(t, dir)
}

// checkShardFiles checks that every shard file of dir parses to its end.
func checkShardFiles(t *testing.T, dir string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.dghc"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		n, size := 0, len(cacheMagic)
		parseShard(b, func(k cacheKey, _ uint32, d []byte) {
			n++
			size += len(appendEntry(nil, k, 0, d))
		})
		if size != len(b) {
			t.Errorf("%s: %d entries read, %d of %d bytes", f, n, size, len(b))
		}
	}
	if tmp, _ := filepath.Glob(filepath.Join(dir, "*.tmp")); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

// TestCacheProcesses runs two processes (this test binary again) that
// highlight and flush into one folder at the same time.
func TestCacheProcesses(t *testing.T) {
	if dir := os.Getenv("DOCGEN_CACHE_HELPER"); dir != "" {
		blocks := cacheBlocks(300)
		want := uncached(t, blocks)
		for round := 0; round < 4; round++ {
			h := New(Options{CacheDir: dir})
			checkSame(t, "helper", highlightAll(t, h, blocks), want)
			if err := h.Flush(); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	dir := t.TempDir()
	var cmds []*exec.Cmd
	for i := 0; i < 2; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCacheProcesses$")
		cmd.Env = append(os.Environ(), "DOCGEN_CACHE_HELPER="+dir)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if t.Failed() {
				t.Log(out.String())
			}
		})
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("helper process: %v", err)
		}
	}
	checkShardFiles(t, dir)
	h := New(Options{CacheDir: dir})
	blocks := cacheBlocks(300)
	checkSame(t, "after", highlightAll(t, h, blocks), uncached(t, blocks))
	if st := h.Stats(); st.Misses != 0 {
		t.Errorf("%+v: some blocks are missing from the folder", st)
	}
}

// TestCacheLimit checks that the cache stays near its limit in memory and
// on disk, keeping what the last build used.
func TestCacheLimit(t *testing.T) {
	dir := t.TempDir()
	const limit = 64 << 10
	blocks := cacheBlocks(3000)
	want := uncached(t, blocks)
	h := New(Options{CacheDir: dir, CacheLimit: limit})
	checkSame(t, "over the limit", highlightAll(t, h, blocks), want)
	size := 0
	for i := range h.cache.shards {
		size += h.cache.shards[i].size
	}
	if size > limit {
		t.Errorf("%d bytes in memory, limit %d", size, limit)
	}
	if err := h.Flush(); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.dghc"))
	disk := 0
	for _, f := range files {
		fi, _ := os.Stat(f)
		disk += int(fi.Size())
	}
	// The files add per entry a key, a time, a length and a checksum.
	if disk > 2*limit {
		t.Errorf("%d bytes on disk, limit %d", disk, limit)
	}
	// What the last blocks highlighted were is kept: a build of them hits.
	h2 := New(Options{CacheDir: dir, CacheLimit: limit})
	recent := blocks[len(blocks)-100:]
	checkSame(t, "recent", highlightAll(t, h2, recent), want[len(blocks)-100:])
	if st := h2.Stats(); st.Hits < 90 {
		t.Errorf("%+v: the most recent blocks were evicted", st)
	}
}

// TestCacheFingerprint guards cacheVersion: it hashes the spans of the
// snippets of testdata/diff and testdata, and compares the hash
// with testdata/cache/fingerprint.txt, which records it with the
// version. When the spans change, the cached ones of the old code are
// wrong: bump cacheVersion, then run with -update.
func TestCacheFingerprint(t *testing.T) {
	var snippets []snippet
	for _, s := range loadSnippets(t) {
		// Only fixtures: Markdown elsewhere changes for other reasons.
		if s.fixture {
			snippets = append(snippets, s)
		}
	}
	for _, in := range inputs(t) {
		snippets = append(snippets, snippet{name: in.name, lang: in.lang, code: in.code})
	}
	h := New(Options{CacheLimit: -1})
	sum := sha256.New()
	n := 0
	for _, s := range snippets {
		l := h.find(s.lang)
		if l.lexer == nil {
			continue
		}
		n++
		fmt.Fprintf(sum, "%s\x00%s\x00", s.lang, s.code)
		for _, sp := range h.spans(l, s.code) {
			fmt.Fprintf(sum, "%d %d %s\n", sp.start, sp.end, sp.class)
		}
	}
	got := fmt.Sprintf("cacheVersion %d chroma %s spans %x\n", cacheVersion, chromaVersion, sum.Sum(nil))
	path := filepath.Join("testdata", "cache", "fingerprint.txt")
	if updating() {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got == string(want) {
		return
	}
	wantVersion := regexp.MustCompile(`^cacheVersion (\d+) chroma (\S+)`).FindStringSubmatch(string(want))
	if wantVersion != nil && wantVersion[1] == fmt.Sprint(cacheVersion) && wantVersion[2] == chromaVersion {
		t.Fatalf("the spans of %d snippets changed, but cacheVersion did not: caches would serve the old spans. Bump cacheVersion in cache.go, then run with -update.\ngot  %swant %s", n, got, want)
	}
	t.Fatalf("%s is out of date (run with -update):\ngot  %swant %s", path, got, want)
}

// TestChromaVersion checks chromaVersion against go.mod.
func TestChromaVersion(t *testing.T) {
	mod, err := os.ReadFile(filepath.Join("..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`github.com/alecthomas/chroma/v2 (\S+)`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("go.mod does not require chroma")
	}
	if string(m[1]) != chromaVersion {
		t.Errorf("go.mod requires chroma %s, chromaVersion in cache.go is %s: update it (cached spans depend on chroma)", m[1], chromaVersion)
	}
}

// FuzzCacheShard feeds any bytes to the shard and span decoders: they may
// reject them but never panic, and what they accept is consistent.
func FuzzCacheShard(f *testing.F) {
	var file []byte
	file = append(file, cacheMagic...)
	file = appendEntry(file, cacheKey{1}, 7, encodeSpans([]span{{0, 2, "k"}, {2, 5, ""}}, true))
	file = appendEntry(file, cacheKey{2}, 8, encodeSpans(nil, false))
	f.Add(file, 5)
	f.Add([]byte(cacheMagic), 0)
	f.Fuzz(func(t *testing.T, data []byte, n int) {
		n = max(0, n%1024)
		parseShard(data, func(k cacheKey, used uint32, d []byte) {
			spans, ok, valid := decodeSpans(d, n, nil)
			if !valid {
				return
			}
			pos := 0
			for _, s := range spans {
				if s.start != pos || s.end <= s.start {
					t.Fatalf("spans %v do not cover the code in order", spans)
				}
				pos = s.end
			}
			if ok && pos != n {
				t.Fatalf("spans %v cover %d bytes of %d", spans, pos, n)
			}
		})
		spans, ok, valid := decodeSpans(data, n, nil)
		if valid && ok {
			if again, ok2, valid2 := decodeSpans(encodeSpans(spans, ok), n, nil); !valid2 || !ok2 || len(again) != len(spans) {
				t.Fatalf("spans %v do not survive encoding", spans)
			}
		}
	})
}
