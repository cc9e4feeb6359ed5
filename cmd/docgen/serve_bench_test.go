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
// pages include.
//
//	go test ./cmd/docgen -run '^$' -bench ServeEdit -benchtime 20x
//	DOCGEN_BENCH_PAGES=10000 go test ./cmd/docgen -run '^$' -bench ServeEdit -benchtime 10x -timeout 60m
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
			defer os.WriteFile(filepath.Join(dir, tc.file), original, 0o644)
			var toEvent, toServed time.Duration
			for i := 0; i < b.N; i++ {
				marker := fmt.Sprintf("Edit marker %d.", i)
				rebuilds := strings.Count(p.output(), "rebuilt in")
				start := time.Now()
				p.write(tc.file, string(original)+"\n"+marker+"\n")
				// The reload event is sent by the same goroutine right
				// after the rebuild line is printed.
				for strings.Count(p.output(), "rebuilt in") == rebuilds {
					time.Sleep(100 * time.Microsecond)
				}
				toEvent += time.Since(start)
				for !strings.Contains(p.get(tc.url), marker) {
					time.Sleep(time.Millisecond)
				}
				toServed += time.Since(start)
			}
			b.ReportMetric(float64(toEvent.Microseconds())/1000/float64(b.N), "ms-to-event")
			b.ReportMetric(float64(toServed.Microseconds())/1000/float64(b.N), "ms-to-served")
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
