package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/docgen/docgen/internal/markdown"
	"github.com/docgen/docgen/shortcodes"
	"github.com/yuin/goldmark/ast"
)

// buildRepo builds this repository's own site in memory.
func buildRepo(t *testing.T) (*Memory, *Result) {
	t.Helper()
	out := &Memory{}
	res, err := Build(context.Background(), Options{Source: os.DirFS("../.."), Sink: out})
	if err != nil {
		t.Fatal(err)
	}
	return out, res
}

// TestRepoSite checks what the acceptance asks of this repo's own site and
// its Azure auth-code page, and compares that page with its golden file.
func TestRepoSite(t *testing.T) {
	out, res := buildRepo(t)
	for _, d := range res.Diags {
		if d.Level.Severity() == "error" || d.Level.Severity() == "warning" {
			t.Errorf("diagnostic on this repo's site: %s", d)
		}
	}
	assertNoRawTags(t, out)
	const name = "v1.9.x/deployment/security/azure/auth-code-flow/index.html"
	page, ok := out.Files[name]
	if !ok {
		t.Fatalf("no %s in %v", name, out.Names())
	}
	html := string(page)
	if n := strings.Count(html, `<figure class="dg-figure"><img src="/images/v1.9/deployment/security/azure/`); n != 2 {
		t.Errorf("%d figures, want the two images", n)
	}
	if !regexp.MustCompile(`<img [^>]*alt="[^"]{20,}"`).MatchString(html) {
		t.Error("images without a real alt text")
	}
	if !strings.Contains(html, `login.microsoftonline.com`) || !strings.Contains(html, `<pre class="chroma"><code class="language-`) {
		t.Error("no highlighted authority snippet")
	}
	if !strings.Contains(html, `id="configure-the-ingestion-bot"`) {
		t.Error("the partial's content is not in place")
	}
	cards := regexp.MustCompile(`<a class="dg-callout" href="/v1\.9\.x/deployment/security/azure/[a-z-]+/"`).FindAllString(html, -1)
	if len(cards) != 3 {
		t.Errorf("%d callout cards into /v1.9.x/deployment/security/azure/..., want 3 (and the overview card)", len(cards))
	}
	if strings.Count(html, `class="dg-callout"`) != 4 {
		t.Errorf("%d callout cards, want 4", strings.Count(html, `class="dg-callout"`))
	}
	for _, want := range []string{`aria-current="page"`, `href="#step-1:-register-an-application"`} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %s (sidebar, TOC)", want)
		}
	}
	golden := filepath.Join("testdata", "auth-code-flow.golden.html")
	if *update {
		if err := os.WriteFile(golden, page, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(page, want) {
		t.Errorf("%s differs from %s (run go test ./internal/build -update after checking the change)", name, golden)
	}
}

// TestDeterministic builds the same input twice: the bytes must match.
func TestDeterministic(t *testing.T) {
	a, _ := buildRepo(t)
	b, _ := buildRepo(t)
	if strings.Join(a.Names(), "\n") != strings.Join(b.Names(), "\n") {
		t.Fatal("the two builds wrote different files")
	}
	for _, n := range a.Names() {
		if !bytes.Equal(a.Files[n], b.Files[n]) {
			t.Errorf("%s differs between two builds", n)
		}
	}
}

// TestWritingShowsEveryTag checks that the Writing docs section of this
// repo's site uses every built-in tag outside its source listings (which
// are fences with process=false, where tags stay text), so a new tag
// cannot ship without a rendered example for authors.
func TestWritingShowsEveryTag(t *testing.T) {
	md := markdown.New(markdown.Options{Alias: true})
	used := map[string]bool{}
	for _, dir := range []string{"../../content/v1.9.x/writing", "../../content/partials/v1.9/writing"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.md"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no pages in %s: %v", dir, err)
		}
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			page := md.Parse(f, markdown.Normalize(src))
			_ = ast.Walk(page.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if tag, ok := n.(*markdown.Tag); ok && entering {
					used[tag.Name] = true
				}
				return ast.WalkContinue, nil
			})
		}
	}
	for _, name := range shortcodes.Builtin().Names() {
		if !used[name] {
			t.Errorf("no page of content/v1.9.x/writing shows the %s tag rendered", name)
		}
	}
}
