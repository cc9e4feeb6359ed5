package build

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// BenchmarkSessionRebuild measures one preview rebuild after an edit,
// without the watcher and server around it: the whole-site work every save
// pays (load, navigation, checks, diagnostics) plus rendering what the
// edit changed. "page" edits one page's body; "partial" edits the partial
// whose number of including pages is closest to 50, as BenchmarkServeEdit
// in cmd/docgen does. It needs a generated corpus:
//
//	go run bench/gen-corpus.go -pages 10000 -seed 1 -out /tmp/docgen-bench/md-10000
//	DOCGEN_BENCH_CORPUS=/tmp/docgen-bench/md-10000 go test ./internal/build -run '^$' -bench SessionRebuild
func BenchmarkSessionRebuild(b *testing.B) {
	work, s := benchSession(b)
	page, partial, users := benchEdits(b, work)
	b.Run("page", func(b *testing.B) { benchEdit(b, s, work, page, 1) })
	b.Run("partial", func(b *testing.B) { benchEdit(b, s, work, partial, users) })
}

// benchSession copies the corpus DOCGEN_BENCH_CORPUS names into a
// temporary folder and builds it once in a session.
func benchSession(b *testing.B) (string, *Session) {
	dir := os.Getenv("DOCGEN_BENCH_CORPUS")
	if dir == "" {
		b.Skip("set DOCGEN_BENCH_CORPUS to a generated corpus")
	}
	work := filepath.Join(b.TempDir(), "site")
	if err := os.CopyFS(work, os.DirFS(dir)); err != nil {
		b.Fatal(err)
	}
	s := NewSession(os.DirFS(work))
	if _, err := s.Rebuild(context.Background(), nil, true); err != nil {
		b.Fatal(err)
	}
	return work, s
}

var benchPartialRef = regexp.MustCompile(`partial file="([^"]+)"`)

// benchEdits picks, in the corpus at work, a page that is not a folder's
// index, and the partial whose number of including pages is closest to
// 50, with that number (paths relative to work).
func benchEdits(b *testing.B, work string) (page, partial string, users int) {
	var pages []string
	count := map[string]int{}
	_ = filepath.WalkDir(filepath.Join(work, "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".md") {
			return err
		}
		rel, _ := filepath.Rel(work, p)
		rel = filepath.ToSlash(rel)
		if !strings.HasSuffix(p, "index.md") {
			pages = append(pages, rel)
		}
		data, _ := os.ReadFile(p)
		seen := map[string]bool{}
		for _, m := range benchPartialRef.FindAllSubmatch(data, -1) {
			if ref := string(m[1]); !seen[ref] {
				seen[ref] = true
				count[ref]++
			}
		}
		return nil
	})
	if len(pages) == 0 {
		b.Fatal("the corpus has no pages")
	}
	sort.Strings(pages)
	best := ""
	dist := func(n int) int { return max(n-50, 50-n) }
	for ref, n := range count {
		if best == "" || dist(n) < dist(count[best]) || dist(n) == dist(count[best]) && ref < best {
			best = ref
		}
	}
	if best == "" {
		b.Fatal("the corpus includes no partials")
	}
	for _, dir := range []string{"content/partials", "partials"} {
		if _, err := os.Stat(filepath.Join(work, dir, best)); err == nil {
			partial = dir + best
		}
	}
	if partial == "" {
		b.Fatalf("partial %s not found", best)
	}
	return pages[len(pages)/2], partial, count[best]
}

// benchEdit appends a line to file (relative to work) and rebuilds, b.N
// times; each rebuild must render the want pages.
func benchEdit(b *testing.B, s *Session, work, file string, want int) {
	abs := filepath.Join(work, filepath.FromSlash(file))
	original, err := os.ReadFile(abs)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(abs, original, 0o644)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := os.WriteFile(abs, append(append([]byte(nil), original...), []byte("\nEdit "+strings.Repeat("x", i%7)+"\n")...), 0o644); err != nil {
			b.Fatal(err)
		}
		r, err := s.Rebuild(context.Background(), []string{file}, false)
		if err != nil {
			b.Fatal(err)
		}
		if r.Rendered < want {
			b.Fatalf("rendered %d pages, want %d", r.Rendered, want)
		}
	}
}
