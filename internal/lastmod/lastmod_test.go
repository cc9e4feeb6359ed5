package lastmod

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// repo makes a git repository in a temporary folder; commit writes files
// and commits them at the given committer time.
type repo struct {
	t   *testing.T
	dir string
}

func newRepo(t *testing.T) *repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("git is not installed")
		}
		t.Skip("git is not installed")
	}
	r := &repo{t: t, dir: t.TempDir()}
	r.git(time.Time{}, "init", "-q")
	return r
}

func (r *repo) git(at time.Time, args ...string) {
	r.t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=T", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if !at.IsZero() {
		// The author time is a day earlier: Load must read the committer's.
		cmd.Env = append(cmd.Env, "GIT_COMMITTER_DATE="+at.Format(time.RFC3339), "GIT_AUTHOR_DATE="+at.Add(-24*time.Hour).Format(time.RFC3339))
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func (r *repo) write(files map[string]string) {
	r.t.Helper()
	for name, data := range files {
		p := filepath.Join(r.dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
}

func (r *repo) commit(at time.Time, files map[string]string) {
	r.t.Helper()
	r.write(files)
	r.git(time.Time{}, "add", "-A")
	r.git(at, "commit", "-q", "-m", "change")
}

var (
	jan = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	feb = time.Date(2024, 2, 3, 4, 5, 6, 0, time.UTC)
	mar = time.Date(2024, 3, 4, 5, 6, 7, 0, time.UTC)
)

func TestLoad(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	r := newRepo(t)
	r.commit(jan, map[string]string{
		"README.md":             "outside the site",
		"docs/content/a.md":     "a",
		"docs/content/b c.md":   "b",
		"docs/content/é/new.md": "e",
	})
	r.commit(feb, map[string]string{"docs/content/a.md": "a, changed", "README.md": "changed"})
	r.git(time.Time{}, "mv", "docs/content/b c.md", "docs/content/moved.md")
	r.git(mar, "commit", "-q", "-m", "move")
	// Uncommitted: a new file, and a change to a committed one.
	r.write(map[string]string{"docs/content/draft.md": "draft", "docs/content/é/new.md": "edited"})
	draft := time.Date(2025, 5, 6, 7, 8, 9, 500, time.UTC)
	if err := os.Chtimes(filepath.Join(r.dir, "docs/content/draft.md"), draft, draft); err != nil {
		t.Fatal(err)
	}

	site := filepath.Join(r.dir, "docs")
	d, err := Load(context.Background(), site, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !d.InRepo {
		t.Error("InRepo is false inside a repository")
	}
	tests := []struct {
		path string
		want time.Time
	}{
		{"content/a.md", feb},
		{"content/moved.md", mar},
		{"content/é/new.md", jan}, // the committed version's time, whatever the work tree holds
		{"content/draft.md", draft.Truncate(time.Second)},
		{"content/missing.md", time.Time{}},
		{"README.md", time.Time{}}, // outside the folder
	}
	for _, tt := range tests {
		if got := d.Of(tt.path); !got.Equal(tt.want) {
			t.Errorf("Of(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
	if _, ok := d.Commit("content/draft.md"); ok {
		t.Error("an uncommitted file has a commit time")
	}

	// SOURCE_DATE_EPOCH bounds file times, not commit times.
	t.Setenv("SOURCE_DATE_EPOCH", "1709528767") // mar
	d, err = Load(context.Background(), site, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Of("content/draft.md"); !got.Equal(mar) {
		t.Errorf("with SOURCE_DATE_EPOCH, Of(draft) = %v, want %v", got, mar)
	}
	if got := d.Of("content/a.md"); !got.Equal(feb) {
		t.Errorf("with SOURCE_DATE_EPOCH, Of(a.md) = %v, want %v", got, feb)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	if _, err := Load(context.Background(), site, nil); err == nil {
		t.Error("a SOURCE_DATE_EPOCH that is not a number is accepted")
	}
}

// TestLoadStopsEarly asks for files changed by the newest commit only: the
// older history is not read, so a file changed only before is unknown.
func TestLoadStopsEarly(t *testing.T) {
	r := newRepo(t)
	r.commit(jan, map[string]string{"old.md": "old"})
	r.commit(feb, map[string]string{"new.md": "new"})
	d, err := Load(context.Background(), r.dir, []string{"new.md"})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := d.Commit("new.md"); !got.Equal(feb) {
		t.Errorf("Commit(new.md) = %v, want %v", got, feb)
	}
	if _, ok := d.Commit("old.md"); ok {
		t.Error("the history after every wanted file was found was read")
	}
}

func TestLoadOutsideRepo(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("a"), 0o644); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2023, 7, 8, 9, 10, 11, 0, time.UTC)
	if err := os.Chtimes(filepath.Join(dir, "a.md"), at, at); err != nil {
		t.Fatal(err)
	}
	// Git must not find a repository above the temporary folder.
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	d, err := Load(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d.InRepo {
		t.Error("InRepo outside a repository")
	}
	if got := d.Of("a.md"); !got.Equal(at) {
		t.Errorf("Of(a.md) = %v, want the file time %v", got, at)
	}

	empty := newRepo(t)
	empty.write(map[string]string{"a.md": "a"})
	if d, err := Load(context.Background(), empty.dir, nil); err != nil || d.InRepo {
		t.Errorf("a repository without commits: %v, InRepo %v; want file times", err, d != nil && d.InRepo)
	}
}

func TestLoadCanceled(t *testing.T) {
	r := newRepo(t)
	r.commit(jan, map[string]string{"a.md": "a"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Load(ctx, r.dir, nil); err == nil {
		t.Error("Load succeeded with a canceled context")
	}
}
