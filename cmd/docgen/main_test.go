package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runDocgen runs the command in-process.
func runDocgen(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestUsage(t *testing.T) {
	if code, _, stderr := runDocgen(t); code != exitUsage || !strings.Contains(stderr, "inspect") {
		t.Errorf("no arguments: exit %d, stderr %q", code, stderr)
	}
	if code, _, _ := runDocgen(t, "nonsense"); code != exitUsage {
		t.Errorf("unknown command: exit %d, want %d", code, exitUsage)
	}
	if code, _, _ := runDocgen(t, "inspect"); code != exitUsage {
		t.Errorf("inspect without a file: exit %d, want %d", code, exitUsage)
	}
	if code, _, _ := runDocgen(t, "inspect", "no/such/file.md"); code != exitUsage {
		t.Errorf("inspect of a missing file: exit %d, want %d", code, exitUsage)
	}
	if code, _, _ := runDocgen(t, "inspect", "--format", "yaml", "../../README.md"); code != exitUsage {
		t.Errorf("unknown format: exit %d, want %d", code, exitUsage)
	}
}

type entry struct {
	Kind       string
	Name       string
	Line       int
	Inline     bool
	Attributes map[string]any
	Children   []entry
}

// TestInspectSeed checks what authors and the acceptance ask of inspect on
// the seed page: both images, the partial, and the callout containers with
// four callouts in all, with their attributes and lines.
func TestInspectSeed(t *testing.T) {
	seed := "../../../shared/seed/auth-code-flow.md"
	if _, err := os.Stat(seed); err != nil {
		skipOutsideCI(t, "shared/seed is not beside this checkout")
	}
	code, stdout, stderr := runDocgen(t, "inspect", seed, "--format", "markdoc-json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct{ Children []entry }
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	callouts := 0
	for _, e := range doc.Children {
		got = append(got, e.Name)
		switch e.Name {
		case "image":
			if e.Attributes["alt"] != "create-app" || !strings.HasPrefix(e.Attributes["src"].(string), "/images/v1.9deployment/") {
				t.Errorf("image at line %d: attributes %v", e.Line, e.Attributes)
			}
		case "partial":
			if e.Line != 33 || e.Attributes["file"] != "/v1.9deployment/configure-ingestion.md" {
				t.Errorf("partial: line %d, attributes %v", e.Line, e.Attributes)
			}
		case "inlineCalloutContainer":
			for _, c := range e.Children {
				if c.Name != "inlineCallout" || c.Inline {
					t.Errorf("container child %+v", c)
				}
				if c.Attributes["color"] != "violet-70" || c.Attributes["bold"] == nil || c.Attributes["href"] == nil || c.Attributes["icon"] == nil {
					t.Errorf("callout at line %d: attributes %v", c.Line, c.Attributes)
				}
				callouts++
			}
		}
	}
	want := "image image partial inlineCalloutContainer inlineCalloutContainer"
	if strings.Join(got, " ") != want {
		t.Errorf("top-level tags = %v, want %s", got, want)
	}
	if callouts != 4 {
		t.Errorf("%d callouts, want 4", callouts)
	}
	lines := []int{}
	for _, e := range doc.Children {
		lines = append(lines, e.Line)
		for _, c := range e.Children {
			lines = append(lines, c.Line)
		}
	}
	if got, want := lines, []int{16, 24, 33, 36, 37, 44, 51, 61, 62}; !equalInts(got, want) {
		t.Errorf("lines = %v, want %v", got, want)
	}
	// Every tag of the seed page is a docgen tag, and outside a site there
	// is no partials folder to check its typo path against (the build
	// reports it).
	if stderr != "" {
		t.Errorf("diagnostics:\n%s", stderr)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestInspectSamples parses every real page of the shared samples: none may
// panic or fail as a whole, and none may leave a tag unparsed.
func TestInspectSamples(t *testing.T) {
	root := "../../../shared/samples/openmetadata/content"
	if _, err := os.Stat(root); err != nil {
		skipOutsideCI(t, "shared/samples is not beside this checkout")
	}
	n := 0
	_ = filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		n++
		code, stdout, stderr := runDocgen(t, "inspect", path)
		if code != exitOK {
			t.Errorf("%s: exit %d: %s", path, code, stderr)
		}
		if strings.Contains(stderr, "[parse-error]") {
			t.Errorf("%s: parse errors:\n%s", path, stderr)
		}
		if !json.Valid([]byte(stdout)) {
			t.Errorf("%s: output is not JSON", path)
		}
		return nil
	})
	if n < 10 {
		t.Fatalf("only %d sample pages found", n)
	}
}

// TestInspectDiagnostics checks the diagnostics format and exit status on
// this repo's own Azure guide, which must be clean.
func TestInspectDiagnostics(t *testing.T) {
	page := "../../content/v1.9.x/deployment/security/azure/auth-code-flow.md"
	code, stdout, stderr := runDocgen(t, "inspect", "--format", "diagnostics", page)
	if code != exitOK || stdout != "" {
		t.Errorf("exit %d, diagnostics:\n%s%s", code, stdout, stderr)
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.md")
	if err := os.WriteFile(bad, []byte("# T\n\n{% note noteType=\"Oops\" %}\nx\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = runDocgen(t, "inspect", "--format", "diagnostics", bad)
	if code != exitContent {
		t.Errorf("exit %d, want %d", code, exitContent)
	}
	for _, want := range []string{"bad.md:3:1: error: tag {% note %} is never closed", "bad.md:3:9: error: attribute \"noteType\" must be one of"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("missing %q in:\n%s", want, stdout)
		}
	}
}

// TestInspectSiteTags checks that a site's docgen.yaml declares tags and
// turns the alias off, and that a config typo is reported with its position.
func TestInspectSiteTags(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("docgen.yaml", "markup:\n  alias: false\ntags:\n  badge:\n    placement: inline\n    selfClosing: true\n    attributes:\n      label: {type: String, required: true}\ntitel: x\n")
	write("page.md", "A {% badge label=\"new\" /%} and {% badge /%}.\n\n{% badge label=\"x\" /%}\n\n<% badge %>\n")
	code, stdout, stderr := runDocgen(t, "inspect", "--format", "diagnostics", filepath.Join(dir, "page.md"))
	if code != exitContent {
		t.Errorf("exit %d", code)
	}
	for _, want := range []string{
		"page.md:1:32: error: missing required attribute \"label\" [attribute-missing-required]",
		"page.md:3:1: error: tag \"badge\" must stand inside text (it is an inline tag) [tag-placement-invalid]",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("missing %q in:\n%s", want, stdout)
		}
	}
	if strings.Count(stdout, "\n") != 2 {
		t.Errorf("want exactly two diagnostics (the alias is off), got:\n%s", stdout)
	}
	if !strings.Contains(stderr, "docgen.yaml:9:1: error: unknown key \"titel\" [config-invalid]") || !strings.Contains(stderr, `did you mean "title"?`) {
		t.Errorf("config diagnostics:\n%s", stderr)
	}
}

// skipOutsideCI skips a test whose shared fixtures are missing, except in
// CI, where they are always laid beside the clone and a skip would hide a
// broken setup.
func skipOutsideCI(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatal(why)
	}
	t.Skip(why)
}

// TestMain keeps the commands' highlight cache in a folder of the test
// run, not the user's cache folder.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "docgen-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("DOCGEN_CACHE_DIR", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// TestHighlightCache: a second build of the same site reads its code from
// the cache folder and writes the same bytes; --no-cache writes nothing
// there.
func TestHighlightCache(t *testing.T) {
	src := writeSite(t, map[string]string{
		"content/v1.0.x/index.md": "# Home\n\n```yaml\nkey: value\nlist: [1, 2]\n```\n\n```sql\nSELECT 1 FROM t WHERE a = 'b';\n```\n",
	})
	cache := filepath.Join(t.TempDir(), "cache")
	var outputs []string
	for i := range 2 {
		dest := filepath.Join(t.TempDir(), "out")
		code, stdout, stderr := runDocgen(t, "build", "--source", src, "--dest", dest, "--cache-dir", cache)
		if code != exitOK {
			t.Fatalf("build %d: exit %d\n%s", i, code, stderr)
		}
		// The second build takes the page from the page cache.
		if fromCache := strings.Contains(stdout, "1 pages (1 from the cache)"); fromCache != (i == 1) {
			t.Errorf("build %d: %q", i, stdout)
		}
		page, err := os.ReadFile(filepath.Join(dest, "v1.0.x/index.html"))
		if err != nil {
			t.Fatal(err)
		}
		outputs = append(outputs, string(page))
		for _, sub := range []string{"highlight", "pages"} {
			if entries, _ := os.ReadDir(filepath.Join(cache, sub)); len(entries) == 0 {
				t.Fatalf("build %d wrote no %s cache", i, sub)
			}
		}
	}
	if outputs[0] != outputs[1] {
		t.Error("a build from the cache differs from one without")
	}
	empty := filepath.Join(t.TempDir(), "unused")
	if code, _, _ := runDocgen(t, "build", "--quiet", "--no-cache", "--cache-dir", empty, "--source", src, "--dest", filepath.Join(t.TempDir(), "o")); code != exitOK {
		t.Fatal("--no-cache build failed")
	}
	if _, err := os.Stat(empty); !os.IsNotExist(err) {
		t.Error("--no-cache wrote a cache folder")
	}
}
