package lastmod

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// BenchmarkLoad reads the dates of a 10,000-page site whose history has
// 500 commits of 20 pages each after the one that added them all (made
// with git fast-import), first all of them, then one page changed by the
// newest commit (Load stops reading there).
func BenchmarkLoad(b *testing.B) {
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git is not installed")
	}
	const pages, commits, perCommit = 10000, 500, 20
	dir := b.TempDir()
	if out, err := exec.Command("git", "init", "-q", dir).CombinedOutput(); err != nil {
		b.Fatalf("git init: %v\n%s", err, out)
	}
	var stream bytes.Buffer
	name := func(i int) string { return fmt.Sprintf("content/v1.0.x/s%d/p%d.md", i/100, i%100) }
	commit := func(n int, files []int) {
		fmt.Fprintf(&stream, "commit refs/heads/main\ncommitter T <t@example.com> %d +0000\ndata 1\nx\n", 1700000000+n*3600)
		for _, f := range files {
			data := fmt.Sprintf("# Page %d, version %d\n", f, n)
			fmt.Fprintf(&stream, "M 644 inline %s\ndata %d\n%s\n", name(f), len(data), data)
		}
	}
	all := make([]int, pages)
	for i := range all {
		all[i] = i
	}
	commit(0, all)
	for c := 1; c <= commits; c++ {
		files := make([]int, perCommit)
		for j := range files {
			files[j] = (c*7919 + j*104729) % pages
		}
		commit(c, files)
	}
	imp := exec.Command("git", "fast-import", "--quiet")
	imp.Dir = dir
	imp.Stdin = &stream
	if out, err := imp.CombinedOutput(); err != nil {
		b.Fatalf("git fast-import: %v\n%s", err, out)
	}
	for _, args := range [][]string{{"symbolic-ref", "HEAD", "refs/heads/main"}, {"checkout", "-q", "-f", "main"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	want := make([]string, pages)
	for i := range want {
		want[i] = name(i)
	}
	os.Unsetenv("SOURCE_DATE_EPOCH")
	b.Run("all pages", func(b *testing.B) {
		for b.Loop() {
			d, err := Load(context.Background(), dir, want)
			if err != nil || len(d.commits) != pages {
				b.Fatalf("%d dates: %v", len(d.commits), err)
			}
		}
	})
	b.Run("newest page", func(b *testing.B) {
		for b.Loop() {
			newest := name(commits * 7919 % pages)
			d, err := Load(context.Background(), dir, []string{newest})
			if _, ok := d.Commit(newest); err != nil || !ok || len(d.commits) > perCommit {
				b.Fatalf("%d dates read, want at most the newest commit's %d: %v", len(d.commits), perCommit, err)
			}
		}
	})
}
