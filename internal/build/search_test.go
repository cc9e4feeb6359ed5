package build

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/docgen/docgen/internal/search"
)

func readIndex(t *testing.T, out *Memory, name string) *search.Reader {
	t.Helper()
	r, err := search.Read(name, func(n string) ([]byte, bool) {
		data, ok := out.Files[searchDir+"/"+n]
		return data, ok
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func hasHit(hits []search.Hit, url, anchor string) bool {
	for _, h := range hits {
		if h.URL == url && h.Anchor == anchor {
			return true
		}
	}
	return false
}

const authCodeURL = "/v1.9.x/deployment/security/azure/auth-code-flow/"

// TestSearchRepoSite: this repo's site has an index per version, the
// landing page in the default version's; the auth-code page is found by
// what its readers look for, at the heading where it is, partials
// included.
func TestSearchRepoSite(t *testing.T) {
	out, _ := buildRepo(t)
	v19 := readIndex(t, out, "v1.9.x")
	v18 := readIndex(t, out, "v1.8.x")
	pages := v19.Pages()
	for _, want := range []string{"/", "/v1.9.x/", authCodeURL, "/v1.9.x/writing/live-variables/"} {
		if !slices.Contains(pages, want) {
			t.Errorf("v1.9.x index lacks %s: %q", want, pages)
		}
	}
	for _, p := range v18.Pages() {
		if !strings.HasPrefix(p, "/v1.8.x/") {
			t.Errorf("v1.8.x index holds %s", p)
		}
	}
	if len(v18.Pages()) == 0 {
		t.Error("empty v1.8.x index")
	}
	for _, tt := range []struct{ term, anchor string }{
		{"tenant", "step-2:-collect-the-credentials"},
		{"authority", "step-2:-collect-the-credentials"},
		{"authentication_authority", "step-2:-collect-the-credentials"},
		{"register", "step-1:-register-an-application"},
		{"8585", "step-1:-register-an-application"},
		{"ingestion", "configure-the-ingestion-bot"}, // from a partial
		{"jwttoken", "configure-the-ingestion-bot"},  // in a code block
		{"auth", ""},
	} {
		if hits := v19.Lookup(tt.term); !hasHit(hits, authCodeURL, tt.anchor) {
			t.Errorf("%q: no hit at %s#%s in %v", tt.term, authCodeURL, tt.anchor, hits)
		}
	}
	// Each page links the index of its version.
	for name, want := range map[string]string{
		"v1.9.x/deployment/security/azure/auth-code-flow/index.html": `data-search-index="/_docgen/search/v1.9.x.json"`,
		"latest/deployment/security/azure/auth-code-flow/index.html": `data-search-index="/_docgen/search/v1.9.x.json"`,
		"v1.8.x/index.html": `data-search-index="/_docgen/search/v1.8.x.json"`,
		"index.html":        `data-search-index="/_docgen/search/v1.9.x.json"`,
		"404.html":          `data-search-index="/_docgen/search/v1.9.x.json"`,
	} {
		if !strings.Contains(string(out.Files[name]), want) {
			t.Errorf("%s lacks %s", name, want)
		}
	}
}

// TestSearchExtractsRealMarkup runs the extractor on the auth-code page as
// the build renders it: the sections are the page's linkable headings and
// no chrome of the build's gets in.
func TestSearchExtractsRealMarkup(t *testing.T) {
	out, _ := buildRepo(t)
	m := article.FindSubmatch(out.Files["v1.9.x/deployment/security/azure/auth-code-flow/index.html"])
	if m == nil {
		t.Fatal("no article in the auth-code page")
	}
	sections := searchExtractor().Extract(m[1])
	var anchors []string
	for _, s := range sections[1:] {
		anchors = append(anchors, s.Anchor+" "+s.Heading)
	}
	want := []string{
		"step-1:-register-an-application Step 1: Register an application",
		"step-2:-collect-the-credentials Step 2: Collect the credentials",
		"configure-the-ingestion-bot Configure the ingestion bot",
	}
	if !slices.Equal(anchors, want) {
		t.Errorf("sections:\n got %q\nwant %q", anchors, want)
	}
	if sections[0].Heading != "Auth Code Flow" {
		t.Errorf("top heading %q", sections[0].Heading)
	}
	var all strings.Builder
	for _, s := range sections {
		all.WriteString(s.Heading + "\n" + s.Text + "\n" + s.Code + "\n")
	}
	text := all.String()
	for _, chrome := range []string{"Type your own values", "Values to replace", "Where to find it", "Forget my values", "Warning", "Tip", "#", "{&#34;", `"vars"`} {
		if strings.Contains(text, chrome) {
			t.Errorf("extracted text holds %q", chrome)
		}
	}
	for _, content := range []string{"Directory (tenant) ID", "AUTHENTICATION_AUTHORITY", "https://openmetadata.example.com/callback", "Docker Security"} {
		if !strings.Contains(text, content) {
			t.Errorf("extracted text lacks %q", content)
		}
	}
	// The code block without its toolbar ("json", "Copy").
	if code := sections[2].Code; !strings.HasPrefix(code, `{ "authority": "https://login.microsoftonline.com/`) {
		t.Errorf("code of step 2: %q", code)
	}
}

// TestSearchNoIndex: a noindex page is left out of the index but still
// has the search box; a site without versions has one index.
func TestSearchNoIndex(t *testing.T) {
	for _, tt := range []struct {
		name, index, prefix string
		fsys                fstest.MapFS
	}{
		{"versions", "v1.0.x", "/v1.0.x", fstest.MapFS{
			"docgen.yaml":                 {Data: []byte("versions: [v1.0.x]\n")},
			"content/v1.0.x/shown.md":     {Data: []byte("# Shown\n\nFindable words.\n")},
			"content/v1.0.x/hidden.md":    {Data: []byte("---\nnoindex: true\n---\n# Hidden\n\nFindable words.\n")},
			"content/v1.0.x/other/odd.md": {Data: []byte("# Odd\n")},
		}},
		{"no versions", "site", "", fstest.MapFS{
			"content/shown.md":     {Data: []byte("# Shown\n\nFindable words.\n")},
			"content/hidden.md":    {Data: []byte("---\nnoindex: true\n---\n# Hidden\n\nFindable words.\n")},
			"content/other/odd.md": {Data: []byte("# Odd\n")},
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := &Memory{}
			if _, err := Build(context.Background(), Options{Source: tt.fsys, Sink: out}); err != nil {
				t.Fatal(err)
			}
			r := readIndex(t, out, tt.index)
			want := []string{tt.prefix + "/other/odd/", tt.prefix + "/shown/"}
			if got := r.Pages(); !slices.Equal(got, want) {
				t.Errorf("pages %q, want %q", got, want)
			}
			if hits := r.Lookup("findable"); len(hits) != 1 || hits[0].URL != tt.prefix+"/shown/" {
				t.Errorf("findable: %v", hits)
			}
			hidden := string(out.Files[strings.TrimPrefix(tt.prefix+"/hidden/index.html", "/")])
			if !strings.Contains(hidden, `data-search-index="/_docgen/search/`+tt.index+`.json"`) {
				t.Error("the noindex page has no search box")
			}
		})
	}
}

// TestSearchExtractsTagMarkup: the bodies the layout, media and code tags
// render (testdata/tags) give their text without the tags' own labels.
func TestSearchExtractsTagMarkup(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "tags", "*.golden.html"))
	if len(files) == 0 {
		t.Fatal("no tag goldens")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		for _, s := range searchExtractor().Extract(data) {
			text.WriteString(s.Heading + "\n" + s.Text + "\n" + s.Code + "\n")
		}
		for _, label := range []string{"Play video", "on YouTube", "on Storylane", "interactive demo", "Explanation"} {
			if strings.Contains(text.String(), label) {
				t.Errorf("%s: extracted text holds %q", f, label)
			}
		}
	}
}
