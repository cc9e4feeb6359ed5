package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeSite writes files under a temporary site folder.
func writeSite(t *testing.T, files map[string]string) string { return writeSiteTB(t, files) }

func writeSiteTB(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestBuildCommand(t *testing.T) {
	clean := map[string]string{
		"docgen.yaml":              "title: T\nbaseURL: https://example.com/\n",
		"content/v1.0.x/index.md":  "# Home\n\n{% note %}Hi{% /note %}\n",
		"content/v1.0.x/a/page.md": "---\ntitle: Page\n---\n# Page\n",
	}
	src := writeSite(t, clean)
	dest := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := runDocgen(t, "build", "--source", src, "--dest", dest)
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "2 pages, 0 partials") || stderr != "" {
		t.Errorf("stdout %q stderr %q", stdout, stderr)
	}
	for _, f := range []string{"v1.0.x/index.html", "v1.0.x/a/page/index.html", "latest/a/page/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
			t.Error(err)
		}
	}
	// A second build replaces its own output.
	if code, _, stderr := runDocgen(t, "build", "--quiet", "--source", src, "--dest", dest); code != exitOK {
		t.Fatalf("second build: exit %d: %s", code, stderr)
	}
	// A file no build wrote makes the next build refuse the folder,
	// unless --clean-dest says to replace it; then it is gone, and no
	// staging folder is left behind (only the state folder).
	stale := filepath.Join(dest, "stale.html")
	if err := os.WriteFile(stale, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runDocgen(t, "build", "--quiet", "--source", src, "--dest", dest); code != exitUsage || !strings.Contains(stderr, "stale.html") {
		t.Fatalf("build over a foreign file: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(stale); err != nil {
		t.Error("a refused build touched the output:", err)
	}
	if code, _, stderr := runDocgen(t, "build", "--quiet", "--clean-dest", "--source", src, "--dest", dest); code != exitOK {
		t.Fatalf("build with --clean-dest: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("the build with --clean-dest kept a file it did not write")
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != ".out.docgen out" {
		t.Errorf("beside the output: %v", names)
	}
	// The state folder holds the lock and an ignore file, and, after a
	// build with --clean-dest, no spare and no staging folder.
	names = names[:0]
	state, _ := os.ReadDir(filepath.Join(filepath.Dir(dest), ".out.docgen"))
	for _, e := range state {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != ".gitignore lock" {
		t.Errorf("in the state folder: %v", names)
	}
	if ignore, _ := os.ReadFile(filepath.Join(filepath.Dir(dest), ".out.docgen", ".gitignore")); !strings.Contains(string(ignore), "\n*\n") {
		t.Errorf("the state folder's .gitignore does not ignore everything: %q", ignore)
	}

	// check writes nothing and reports the same.
	if code, stdout, _ := runDocgen(t, "check", "--source", src); code != exitOK || !strings.Contains(stdout, "2 pages") {
		t.Errorf("check: exit %d, %q", code, stdout)
	}
	if _, err := os.Stat(filepath.Join(src, "public")); !os.IsNotExist(err) {
		t.Error("check wrote output")
	}
}

func TestBuildExitCodes(t *testing.T) {
	broken := writeSite(t, map[string]string{
		"content/v1.0.x/index.md": "# Home\n\n{% note noteType=\"Oops\" %}x{% /note %}\n",
	})
	code, _, stderr := runDocgen(t, "check", "--source", broken)
	if code != exitContent || !strings.Contains(stderr, "content/v1.0.x/index.md:3:9: error: attribute \"noteType\"") {
		t.Errorf("content error: exit %d\n%s", code, stderr)
	}
	// A broken site still builds, each error visible where it occurred.
	dest := filepath.Join(t.TempDir(), "out")
	if code, _, _ := runDocgen(t, "build", "--source", broken, "--dest", dest); code != exitContent {
		t.Errorf("build of a broken site: exit %d", code)
	}
	if _, err := os.Stat(filepath.Join(dest, "v1.0.x/index.html")); err != nil {
		t.Error("a site with content errors was not written:", err)
	}

	warned := writeSite(t, map[string]string{
		"content/v1.0.x/index.md": "# Home\n\n{% image src=\"/x.png\" /%}\n",
		"static/x.png":            "",
	})
	if code, _, _ := runDocgen(t, "check", "--source", warned); code != exitOK {
		t.Errorf("warnings only: exit %d, want 0", code)
	}
	if code, _, stderr := runDocgen(t, "check", "--strict", "--source", warned); code != exitContent || !strings.Contains(stderr, "missing required attribute \"alt\"") {
		t.Errorf("--strict with a warning: exit %d\n%s", code, stderr)
	}

	if code, _, _ := runDocgen(t, "build", "--source", "no/such/dir"); code != exitUsage {
		t.Errorf("missing source: exit %d", code)
	}
	if code, _, _ := runDocgen(t, "build", "--source", warned, "--dest", warned); code != exitUsage {
		t.Errorf("dest = source: exit %d", code)
	}
	if code, _, _ := runDocgen(t, "build", "--source", warned, "--dest", filepath.Dir(warned)); code != exitUsage {
		t.Errorf("dest containing the source: exit %d", code)
	}
	if code, _, _ := runDocgen(t, "build", "--bogus"); code != exitUsage {
		t.Errorf("unknown flag: exit %d", code)
	}
}

// TestGitHubAnnotations: under GitHub Actions each diagnostic is also a
// workflow command that GitHub shows on the line of the pull request.
func TestGitHubAnnotations(t *testing.T) {
	src := writeSite(t, map[string]string{
		"content/v1.0.x/index.md": "# Home\n\nSee [setup](/setup#step-1), [setup.md](../setup.md).\n\n{% image src=\"/x.png\" /%}\n",
		"static/x.png":            "",
	})
	t.Setenv("GITHUB_ACTIONS", "true")
	code, stdout, stderr := runDocgen(t, "check", "--source", src)
	if code != exitContent {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	file := filepath.ToSlash(filepath.Join(src, "content/v1.0.x/index.md"))
	for _, want := range []string{
		"::error file=" + file + ",line=3,col=5,title=docgen link-broken::link \"/setup#step-1\" goes to /v1.0.x/setup/, which is not a page or file of this site\n",
		"::error file=" + file + ",line=3,col=29,title=docgen link-broken::link \"../setup.md\" goes to /setup.md, which is not a page or file of this site%0Alinks name a page's URL, not its source file: drop the .md and end the link with /\n",
		"::warning file=" + file + ",line=5,col=1,title=docgen attribute-missing-required::",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("no %q in\n%s", want, stdout)
		}
	}
	// Messages with several lines keep them, escaped.
	if strings.Count(stdout, "\n::")+1 != strings.Count(stdout, "\n")-1 {
		t.Errorf("an annotation spans lines:\n%s", stdout)
	}
	t.Setenv("GITHUB_ACTIONS", "")
	if _, stdout, _ := runDocgen(t, "check", "--source", src); strings.Contains(stdout, "::") {
		t.Errorf("annotations outside GitHub Actions:\n%s", stdout)
	}
}

func TestBuildEdition(t *testing.T) {
	src := writeSite(t, map[string]string{
		"docgen.yaml":              "title: T\nedition: oss\n",
		"content/v1.0.x/index.md":  "# Home\n\n{% collateContent %}Cloud text{% /collateContent %}{% ossContent %}Open text{% /ossContent %}\n",
		"content/v1.0.x/cloud.md":  "---\ntitle: Cloud\ncollate: true\n---\n# Cloud\n",
		"content/v1.0.x/shared.md": "---\ntitle: Shared\n---\n# Shared\n",
	})
	for _, tt := range []struct {
		args  []string
		pages string
		text  string
	}{
		{nil, "2 pages", "Open text"},
		{[]string{"--edition", "collate"}, "3 pages", "Cloud text"},
		{[]string{"--edition=oss"}, "2 pages", "Open text"},
	} {
		dest := filepath.Join(t.TempDir(), "out")
		code, stdout, stderr := runDocgen(t, append([]string{"build", "--source", src, "--dest", dest}, tt.args...)...)
		if code != exitOK || !strings.Contains(stdout, tt.pages) {
			t.Errorf("%v: exit %d, %q %q", tt.args, code, stdout, stderr)
			continue
		}
		home, err := os.ReadFile(filepath.Join(dest, "v1.0.x", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(home), tt.text) {
			t.Errorf("%v: home lacks %q", tt.args, tt.text)
		}
	}
	for _, cmd := range []string{"check", "serve"} {
		code, _, stderr := runDocgen(t, cmd, "--source", src, "--edition", "enterprise")
		if code != exitUsage || !strings.Contains(stderr, `--edition must be oss or collate, not "enterprise"`) {
			t.Errorf("%s with a bad edition: exit %d, %q", cmd, code, stderr)
		}
	}
}
