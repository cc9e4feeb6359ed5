package main

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkServeEdit measures what an author waits for: the time from
// saving a file to the reload event, and to the new HTML being served, on
// the generated corpus (bench/gen-corpus.go; DOCGEN_BENCH_PAGES pages,
// default 1000), for an edit of one page and of a partial that about 50
// pages include. Both are medians.
//
//	go test ./cmd/docgen -run '^$' -bench ServeEdit -benchtime 20x
//	DOCGEN_BENCH_PAGES=10000 go test ./cmd/docgen -run '^$' -bench ServeEdit -benchtime 10x -timeout 60m
//
// DOCGEN_BENCH_CPUPROFILE=file writes a CPU profile of the edits alone.
func BenchmarkServeEdit(b *testing.B) {
	pages := 1000
	if s := os.Getenv("DOCGEN_BENCH_PAGES"); s != "" {
		pages, _ = strconv.Atoi(s)
	}
	dir := filepath.Join(b.TempDir(), "corpus")
	gen := exec.Command("go", "run", "../../bench/gen-corpus.go", "-pages", strconv.Itoa(pages), "-seed", "1", "-out", dir)
	if out, err := gen.CombinedOutput(); err != nil {
		b.Fatalf("gen-corpus: %v\n%s", err, out)
	}
	addImages(b, dir)
	p := startPreviewIn(b, dir)
	page, url := corpusPage(b, dir)
	partial, users := partialNear50(b, dir)
	b.Logf("%d pages; page %s; partial %s included by %d pages", pages, page, partial, len(users))
	// -cpuprofile would be mostly the first build; this profiles the edits.
	if out := os.Getenv("DOCGEN_BENCH_CPUPROFILE"); out != "" {
		f, err := os.Create(out)
		if err != nil {
			b.Fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		defer pprof.StopCPUProfile()
	}

	for _, tc := range []struct {
		name, file, url string
	}{
		{"page", page, url},
		{"partial", partial, users[0]},
	} {
		b.Run(tc.name, func(b *testing.B) {
			original, err := os.ReadFile(filepath.Join(dir, tc.file))
			if err != nil {
				b.Fatal(err)
			}
			// Restored and rebuilt before the next run starts, so its
			// rebuild line is not taken for the next edit's.
			defer p.saveAndWait(tc.file, string(original))
			var toEvent, toServed []time.Duration
			for i := 0; i < b.N; i++ {
				marker := fmt.Sprintf("Edit marker %d.", i)
				start := time.Now()
				p.saveAndWait(tc.file, string(original)+"\n"+marker+"\n")
				toEvent = append(toEvent, time.Since(start))
				for !strings.Contains(p.get(tc.url), marker) {
					time.Sleep(time.Millisecond)
				}
				toServed = append(toServed, time.Since(start))
			}
			b.ReportMetric(median(toEvent), "ms-to-event")
			b.ReportMetric(median(toServed), "ms-to-served")
		})
	}
}

var slugLine = regexp.MustCompile(`(?m)^slug: "?([^"\n]+)"?$`)

// corpusPage picks a content page of the corpus and its URL.
func corpusPage(b *testing.B, dir string) (file, url string) {
	var files []string
	_ = filepath.Walk(filepath.Join(dir, "content"), func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "index.md") {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	f := files[len(files)/2]
	data, _ := os.ReadFile(f)
	m := slugLine.FindSubmatch(data)
	if m == nil {
		b.Fatalf("no slug in %s", f)
	}
	rel, _ := filepath.Rel(dir, f)
	return filepath.ToSlash(rel), strings.TrimSuffix(string(m[1]), "/") + "/"
}

var partialRef = regexp.MustCompile(`partial file="([^"]+)"`)

// partialNear50 picks the partial whose number of including pages is
// closest to 50, and returns their URLs.
func partialNear50(b *testing.B, dir string) (string, []string) {
	users := map[string][]string{}
	_ = filepath.Walk(filepath.Join(dir, "content"), func(p string, info os.FileInfo, err error) error {
		if err != nil || !strings.HasSuffix(p, ".md") {
			return nil
		}
		data, _ := os.ReadFile(p)
		m := slugLine.FindSubmatch(data)
		if m == nil {
			return nil
		}
		seen := map[string]bool{}
		for _, r := range partialRef.FindAllSubmatch(data, -1) {
			if ref := string(r[1]); !seen[ref] {
				seen[ref] = true
				users[ref] = append(users[ref], strings.TrimSuffix(string(m[1]), "/")+"/")
			}
		}
		return nil
	})
	best := ""
	for ref, u := range users {
		if best == "" || abs(len(u)-50) < abs(len(users[best])-50) || (abs(len(u)-50) == abs(len(users[best])-50) && ref < best) {
			best = ref
		}
	}
	if best == "" {
		b.Fatal("the corpus includes no partials")
	}
	return filepath.ToSlash(filepath.Join("partials", strings.TrimPrefix(best, "/"))), users[best]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

var imageRef = regexp.MustCompile(`src="(/images/[^"]+)"`)

// addImages writes a small PNG for every image the corpus refers to (it
// ships none), so its build is clean: the preview reloads browsers only
// after a build without errors.
func addImages(b *testing.B, dir string) {
	var img bytes.Buffer
	_ = png.Encode(&img, image.NewGray(image.Rect(0, 0, 4, 3)))
	_ = filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || !strings.HasSuffix(p, ".md") {
			return nil
		}
		data, _ := os.ReadFile(p)
		for _, m := range imageRef.FindAllSubmatch(data, -1) {
			f := filepath.Join(dir, "static", filepath.FromSlash(string(m[1])))
			if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(f, img.Bytes(), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		return nil
	})
}

// saveAndWait writes a file of the site and waits for the rebuild it
// causes to be printed. Only the output after the save is searched: the
// first build of a large corpus prints thousands of lines, and scanning
// them every 100µs took a core from the server. The server prints after
// it publishes, and each save waits for its line, so the line found is
// this save's, not the previous one's.
func (p *preview) saveAndWait(file, data string) {
	seen := p.outputLen()
	p.write(file, data)
	for !strings.Contains(p.outputFrom(seen), "rebuilt in") {
		time.Sleep(100 * time.Microsecond)
	}
}

// median returns the median of ds in milliseconds.
func median(ds []time.Duration) float64 {
	s := slices.Clone(ds)
	slices.Sort(s)
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + m) / 2
	}
	return float64(m.Microseconds()) / 1000
}
