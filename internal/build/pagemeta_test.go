package build

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestLastUpdated builds a site folder inside a git repository: a
// committed page shows its last commit's date, an uncommitted one its file
// time (on the page and in the sitemap), and two builds give the same
// bytes.
func TestLastUpdated(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("git is not installed")
		}
		t.Skip("git is not installed")
	}
	t.Setenv("SOURCE_DATE_EPOCH", "")
	repo := t.TempDir()
	site := filepath.Join(repo, "docs")
	write := func(name, data string) {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git := func(date string, args ...string) {
		cmd := exec.Command("git", append([]string{"-c", "user.name=T", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1", "GIT_COMMITTER_DATE="+date, "GIT_AUTHOR_DATE="+date)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write("docgen.yaml", "title: Dated\nbaseURL: https://docs.example.com/\nversions: [v1.0.x]\n")
	write("content/v1.0.x/index.md", "# Home\n")
	write("content/v1.0.x/guide.md", "# Guide\n")
	git("", "init", "-q")
	git("", "add", "-A")
	git("2024-01-02T03:04:05Z", "commit", "-q", "-m", "first")
	write("content/v1.0.x/guide.md", "# Guide, changed\n")
	git("", "add", "-A")
	git("2024-02-29T23:59:59Z", "commit", "-q", "-m", "second")
	write("content/v1.0.x/draft.md", "# Draft\n")
	draft := time.Date(2025, 6, 7, 8, 9, 10, 0, time.UTC)
	if err := os.Chtimes(filepath.Join(site, "content/v1.0.x/draft.md"), draft, draft); err != nil {
		t.Fatal(err)
	}

	build := func() *Memory {
		out := &Memory{}
		res, err := Build(context.Background(), Options{Source: os.DirFS(site), Sink: out, SourceDir: site})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range res.Diags {
			t.Errorf("diagnostic: %s", d)
		}
		return out
	}
	out := build()
	for page, want := range map[string]string{
		"v1.0.x/index.html":       `<time datetime="2024-01-02T03:04:05Z">January 2, 2024</time>`,
		"v1.0.x/guide/index.html": `<time datetime="2024-02-29T23:59:59Z">February 29, 2024</time>`,
		"latest/guide/index.html": `<time datetime="2024-02-29T23:59:59Z">February 29, 2024</time>`,
		"v1.0.x/draft/index.html": `<time datetime="2025-06-07T08:09:10Z">June 7, 2025</time>`,
	} {
		if got := string(out.Files[page]); !strings.Contains(got, "Last updated "+want) {
			t.Errorf("%s lacks %s", page, want)
		}
	}
	if sitemap := string(out.Files["sitemap.xml"]); !strings.Contains(sitemap, "<url><loc>https://docs.example.com/latest/guide/</loc><lastmod>2024-02-29</lastmod></url>") {
		t.Errorf("sitemap.xml lacks the guide's last change:\n%s", sitemap)
	}
	again := build()
	for _, n := range out.Names() {
		if !bytes.Equal(out.Files[n], again.Files[n]) {
			t.Errorf("%s differs between two builds", n)
		}
	}
}

func TestEditURL(t *testing.T) {
	tests := []struct{ base, path, want string }{
		{"https://github.com/o/r/edit/main/", "content/v1.9.x/a.md", "https://github.com/o/r/edit/main/content/v1.9.x/a.md"},
		{"https://github.com/o/r/edit/main/docs", "content/index.md", "https://github.com/o/r/edit/main/docs/content/index.md"},
		{"https://example.org/e/", "content/a b/ü?.md", "https://example.org/e/content/a%20b/%C3%BC%3F.md"},
		{"", "content/a.md", ""},
		{"github.com/o/r/edit/main/", "content/a.md", ""},
		{"javascript:alert(1)//", "content/a.md", ""},
	}
	for _, tt := range tests {
		if got := editURL(tt.base, tt.path); got != tt.want {
			t.Errorf("editURL(%q, %q) = %q, want %q", tt.base, tt.path, got, tt.want)
		}
	}
}
