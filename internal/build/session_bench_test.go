package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkSessionRebuild measures one preview rebuild after a page edit,
// without the watcher and server around it: the whole-site work every save
// pays (load, navigation, checks, diagnostics) plus rendering the page.
// It needs a generated corpus:
//
//	go run bench/gen-corpus.go -pages 10000 -seed 1 -out /tmp/docgen-bench/md-10000
//	DOCGEN_BENCH_CORPUS=/tmp/docgen-bench/md-10000 go test ./internal/build -run '^$' -bench SessionRebuild
func BenchmarkSessionRebuild(b *testing.B) {
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
	var page string
	_ = filepath.WalkDir(filepath.Join(work, "content"), func(p string, d os.DirEntry, err error) error {
		if page == "" && err == nil && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "index.md") {
			page = p
		}
		return err
	})
	rel, _ := filepath.Rel(work, page)
	original, _ := os.ReadFile(page)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := os.WriteFile(page, append(append([]byte(nil), original...), []byte("\nEdit "+strings.Repeat("x", i%7)+"\n")...), 0o644); err != nil {
			b.Fatal(err)
		}
		r, err := s.Rebuild(context.Background(), []string{filepath.ToSlash(rel)}, false)
		if err != nil {
			b.Fatal(err)
		}
		if r.Rendered != 1 {
			b.Fatalf("rendered %d pages", r.Rendered)
		}
	}
}
