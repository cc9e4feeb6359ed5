package theme

import (
	"bytes"
	"flag"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/docgen/docgen/themes"
)

// update rewrites the golden files: go test ./internal/theme -update, or
// DOCGEN_UPDATE=1 go test ./... (the flag exists only in this package).
var update = flag.Bool("update", false, "rewrite golden files")

func updating() bool {
	return *update || os.Getenv("DOCGEN_UPDATE") == "1"
}

func loadDefault(t *testing.T) *Theme {
	t.Helper()
	th, err := Load(themes.Default(), nil)
	if err != nil {
		t.Fatalf("Load(default): %v", err)
	}
	return th
}

func render(t *testing.T, th *Theme, data *PageData) string {
	t.Helper()
	var b bytes.Buffer
	if err := th.RenderPage(&b, data); err != nil {
		t.Fatalf("RenderPage: %v", err)
	}
	return b.String()
}

func TestLoad(t *testing.T) {
	base := themes.Default()
	tests := []struct {
		name     string
		override fs.FS
		// page and css are substrings the rendered page and the CSS must hold.
		page, css string
		// js, when set, is the content of the main script.
		js string
	}{
		{
			name: "default",
			page: `<nav class="dg-nav" aria-label="Documentation">`,
			css:  ".dg-callouts",
		},
		{
			name: "override replaces a partial and a static file",
			override: fstest.MapFS{
				"layouts/partials/footer.html": {Data: []byte(`<footer class="site-footer">© {{.Site.Title}}</footer>`)},
				"static/docgen.css":            {Data: []byte("body{color:red}")},
			},
			page: `<footer class="site-footer">© Tiny</footer>`,
			css:  "body{color:red}",
		},
		{
			name: "override replaces the page layout and adds a file",
			override: fstest.MapFS{
				"layouts/page.html":           {Data: []byte(`<!DOCTYPE html><title>{{.Title}}</title>{{template "partials/extra.html" .}}`)},
				"layouts/partials/extra.html": {Data: []byte(`<p>extra {{icon "menu"}}</p>`)},
				"static/docgen.js":            {Data: []byte("/* site */")},
				"static/logo.svg":             {Data: []byte("<svg></svg>")},
			},
			page: `<!DOCTYPE html><title>Tiny</title><p>extra <svg class="dg-icon"`,
			css:  ".dg-callouts",
			js:   "/* site */",
		},
		{
			name: "override with no theme folders",
			override: fstest.MapFS{
				"README.md": {Data: []byte("notes")},
			},
			page: `<nav class="dg-nav" aria-label="Documentation">`,
			css:  ".dg-callouts",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th, err := Load(base, tt.override)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			page := render(t, th, minimalPage())
			if !strings.Contains(page, tt.page) {
				t.Errorf("page lacks %q:\n%s", tt.page, page)
			}
			files, urls := th.Assets()
			css := string(files[strings.TrimPrefix(urls.CSS, "/")])
			if !strings.Contains(css, tt.css) {
				t.Errorf("CSS at %s lacks %q", urls.CSS, tt.css)
			}
			if tt.js != "" {
				if got := string(files[strings.TrimPrefix(urls.JS, "/")]); got != tt.js {
					t.Errorf("JS = %q, want %q", got, tt.js)
				}
			}
		})
	}
}

func TestLoadAddsStaticFiles(t *testing.T) {
	th, err := Load(themes.Default(), fstest.MapFS{"static/img/logo.svg": {Data: []byte("<svg></svg>")}})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := th.Assets()
	want := "_docgen/img/" + HashName("logo.svg", []byte("<svg></svg>"))
	if _, ok := files[want]; !ok {
		t.Errorf("no %s in %v", want, slices.Sorted(maps.Keys(files)))
	}
}

func TestLoadErrors(t *testing.T) {
	base := themes.Default()
	tests := []struct {
		name     string
		base     fs.FS
		override fs.FS
		want     []string // substrings of the error
	}{
		{
			name:     "parse error names the file",
			override: fstest.MapFS{"layouts/partials/header.html": {Data: []byte("<header>{{if .Title}}</header>")}},
			want:     []string{"layouts/partials/header.html", "site theme"},
		},
		{
			name:     "unknown function",
			override: fstest.MapFS{"layouts/page.html": {Data: []byte("{{frobnicate .}}")}},
			want:     []string{"layouts/page.html", "frobnicate"},
		},
		{
			name: "no page layout",
			base: fstest.MapFS{"layouts/other.html": {Data: []byte("x")}},
			want: []string{"layouts/page.html is missing"},
		},
		{
			name:     "icon that is not an svg",
			override: fstest.MapFS{"icons/star.svg": {Data: []byte("<png/>")}},
			want:     []string{"icons/star.svg", "<svg>"},
		},
		{
			name:     "icon with a script",
			override: fstest.MapFS{"icons/star.svg": {Data: []byte(`<svg viewBox="0 0 24 24"><script>alert(1)</script></svg>`)}},
			want:     []string{"icons/star.svg", "script"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.base
			if b == nil {
				b = base
			}
			_, err := Load(b, tt.override)
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
	if _, err := Load(nil, nil); err == nil {
		t.Error("Load(nil, nil) succeeded")
	}
}

var (
	scriptTag   = regexp.MustCompile(`(?i)<script\b[^>]*>`)
	styleAttr   = regexp.MustCompile(`(?i)<[^>]*\sstyle\s*=`)
	handlerAttr = regexp.MustCompile(`(?i)<[^>]*\son[a-z]+\s*=`)
	absURL      = regexp.MustCompile(`https?://[^\s"'<>)&]+`)
)

// pageData lists the URLs a page may contain: those of its data.
func dataURLs(d *PageData) string {
	return d.Site.BaseURL + " " + d.Canonical + " " + d.EditURL + " " + string(d.Body)
}

func TestRenderPage(t *testing.T) {
	th := loadDefault(t)
	data := samplePage(th)
	page := render(t, th, data)

	t.Run("content security policy", func(t *testing.T) {
		for _, tag := range scriptTag.FindAllString(page, -1) {
			if !strings.Contains(tag, " src=") {
				t.Errorf("inline script: %s", tag)
			}
		}
		if m := styleAttr.FindString(page); m != "" {
			t.Errorf("style attribute: %s", m)
		}
		if strings.Contains(strings.ToLower(page), "<style") {
			t.Error("page has a <style> element")
		}
		if m := handlerAttr.FindString(page); m != "" {
			t.Errorf("event handler attribute: %s", m)
		}
		allowed := dataURLs(data)
		for _, u := range absURL.FindAllString(page, -1) {
			if !strings.Contains(allowed, u) {
				t.Errorf("URL %s is not from the page data", u)
			}
		}
	})

	checks := []struct {
		name string
		want []string
	}{
		{"head", []string{
			`<meta charset="utf-8">`,
			`<meta name="viewport" content="width=device-width, initial-scale=1">`,
			`<title>Azure SSO: auth code flow | Acme Docs</title>`,
			`<meta name="description" content="Set up single sign-on with Microsoft Entra ID using the authorization code flow.">`,
			`<link rel="canonical" href="https://docs.example.com/v1.9.x/deployment/security/azure/auth-code-flow">`,
			`<meta name="robots" content="noindex">`,
			`<script src="/_docgen/docgen-theme.89ab0123.js"></script>`,
			`<link rel="stylesheet" href="/_docgen/docgen.0123abcd.css">`,
			`<link rel="stylesheet" href="/_docgen/chroma.cdef4567.css">`,
			`<script src="/_docgen/docgen.4567cdef.js" defer></script>`,
		}},
		{"landmarks", []string{
			`<a class="dg-skip" href="#dg-main">`,
			`<header class="dg-header">`,
			`<main class="dg-main" id="dg-main"`,
			`<footer class="dg-footer">`,
			`<a class="dg-brand" href="/">Acme Docs</a>`,
		}},
		{"nav current and open", []string{
			`<a class="dg-nav__link" href="/v1.9.x/deployment/security/azure/auth-code-flow" aria-current="page">Auth code flow</a>`,
			`<details class="dg-nav__section" open>
<summary class="dg-nav__toggle"><span class="dg-nav__label">Deployment</span>`,
			`<a class="dg-nav__link" href="/v1.9.x/deployment/security/azure">Azure SSO</a>
<details class="dg-nav__section" open>`,
			`<a class="dg-nav__link" href="/v1.9.x/deployment/security/okta">Okta SSO</a>
<details class="dg-nav__section">`,
		}},
		{"version switcher", []string{
			`<details class="dg-versions">`,
			`v1.9.x <span class="dg-badge">latest</span>`,
			`<li><a href="/v1.9.x/deployment/security/azure/auth-code-flow" aria-current="true">v1.9.x <span class="dg-badge">latest</span></a></li>`,
			`<li><a href="/v1.8.x/deployment/security/azure/auth-code-flow">v1.8.x</a></li>`,
			`<button type="button" class="dg-theme-toggle" hidden`,
		}},
		{"search box, hidden until its script shows it", []string{
			`<script src="/_docgen/docgen-search.abcdef01.js" defer></script>`,
			`<div class="dg-search" role="search" data-search-index="/_docgen/search/v1.9.x.json" data-search-root="/" hidden>`,
			`<input class="dg-search__input" id="dg-search-input" type="search"`,
			`role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="dg-search-results"`,
			`<ul class="dg-search__results" id="dg-search-results" role="listbox" aria-label="Search results"></ul>`,
		}},
		{"toc", []string{
			`<li class="dg-toc__item dg-toc__item--h2"><a href="#register-the-application">Register the application</a></li>`,
			`<li class="dg-toc__item dg-toc__item--h3"><a href="#step-1-create-a-registration">Step 1: Create a registration</a></li>`,
		}},
		{"breadcrumbs", []string{
			`<nav class="dg-breadcrumbs" aria-label="Breadcrumb">
<ol>
<li><a href="/v1.9.x/">v1.9.x</a></li>`,
			`<li><a href="/v1.9.x/deployment/security/azure">Azure SSO</a></li>
<li><span aria-current="page">Azure SSO: auth code flow</span></li>
</ol>`,
		}},
		{"prev and next", []string{
			`<a class="dg-pager__link dg-pager__link--prev" href="/v1.9.x/deployment/security/azure/implicit-flow" rel="prev">`,
			`<span class="dg-pager__title">Implicit flow</span>`,
			`<a class="dg-pager__link dg-pager__link--next" href="/v1.9.x/deployment/security/azure/docker" rel="next">`,
		}},
		{"edit link and last update", []string{
			`<div class="dg-pagemeta">
<a class="dg-pagemeta__edit" href="https://github.com/acme/docs/edit/main/content/v1.9.x/deployment/security/azure/auth-code-flow.md"><svg class="dg-icon"`,
			`</svg>Edit this page</a>
<p class="dg-pagemeta__updated">Last updated <time datetime="2024-03-04T23:30:00Z">March 4, 2024</time></p>
</div>`,
		}},
		{"body as is", []string{string(data.Body)}},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			for _, w := range c.want {
				if !strings.Contains(page, w) {
					t.Errorf("page lacks:\n%s", w)
				}
			}
		})
	}

	t.Run("one h1, from the body", func(t *testing.T) {
		if n := strings.Count(page, "<h1"); n != 1 {
			t.Errorf("%d <h1> elements, want the body's one", n)
		}
	})
	t.Run("no outdated banner on the default version", func(t *testing.T) {
		if strings.Contains(page, "dg-banner") {
			t.Error("banner on a current page")
		}
	})
}

func TestRenderPageVariants(t *testing.T) {
	th := loadDefault(t)
	tests := []struct {
		name          string
		data          *PageData
		want, notWant []string
	}{
		{
			name: "outdated version",
			data: outdatedPage(th),
			want: []string{
				`<div class="dg-banner" role="note">`,
				`You are reading the documentation of <strong>v1.8.x</strong>, an older version. <a href="/v1.9.x/deployment/security/azure/auth-code-flow">Read this page in the latest version (v1.9.x)</a>`,
				`<li><a href="/v1.8.x/deployment/security/azure/auth-code-flow" aria-current="true">v1.8.x</a></li>`,
			},
			notWant: []string{`rel="canonical"`, `name="robots"`, `chroma.`, `dg-pagemeta`},
		},
		{
			name: "outdated version without this page",
			data: func() *PageData {
				p := outdatedPage(th)
				p.Versions[0] = VersionLink{Name: "v1.9.x", URL: "/v1.9.x/", IsDefault: true}
				return p
			}(),
			want: []string{`<a href="/v1.9.x/">Go to the latest version (v1.9.x)</a>`},
		},
		{
			name: "newer version than the default",
			data: func() *PageData {
				p := outdatedPage(th)
				p.Version = VersionInfo{Name: "v2.0.x", Home: "/v2.0.x/"}
				return p
			}(),
			want: []string{`<strong>v2.0.x</strong>, a version that is not released yet. <a href="/v1.9.x/deployment/security/azure/auth-code-flow">Read this page in the latest version (v1.9.x)</a>`},
		},
		{
			name: "robots and last update only",
			data: func() *PageData {
				p := minimalPage()
				p.NoIndex, p.NoFollow = true, true
				p.LastUpdated = time.Date(2023, 12, 31, 23, 59, 59, 0, time.FixedZone("CET", 3600))
				return p
			}(),
			want: []string{
				`<meta name="robots" content="noindex, nofollow">`,
				`<div class="dg-pagemeta">
<p class="dg-pagemeta__updated">Last updated <time datetime="2023-12-31T22:59:59Z">December 31, 2023</time></p>
</div>`,
			},
			notWant: []string{"dg-pagemeta__edit"},
		},
		{
			name: "nofollow",
			data: func() *PageData {
				p := minimalPage()
				p.NoFollow = true
				return p
			}(),
			want: []string{`<meta name="robots" content="nofollow">`},
		},
		{
			name: "breadcrumb without page",
			data: func() *PageData {
				p := samplePage(th)
				p.Breadcrumbs[1].URL = ""
				return p
			}(),
			want:    []string{"<li><span>Deployment</span></li>"},
			notWant: []string{`<a href="">`},
		},
		{
			name:    "minimal",
			data:    minimalPage(),
			want:    []string{`<title>Tiny</title>`, `aria-current="page">Tiny</a>`},
			notWant: []string{"dg-versions", "dg-breadcrumbs", "dg-pager", "dg-toc__nav", "dg-banner", `name="description"`, "dg-pagemeta", `name="robots"`, "dg-search"},
		},
		{
			name: "escaping",
			data: &PageData{
				Site:  SiteInfo{Title: `A<b>&"`, Home: "/"},
				Title: `<script>alert(1)</script>`,
				Nav:   []*NavNode{{Title: `<i>x</i>`, URL: `javascript:alert(1)`}},
			},
			want:    []string{`&lt;script&gt;alert(1)&lt;/script&gt; | A&lt;b&gt;&amp;&#34;`, `&lt;i&gt;x&lt;/i&gt;`, `#ZgotmplZ`},
			notWant: []string{`<script>alert`, `javascript:`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := render(t, th, tt.data)
			for _, w := range tt.want {
				if !strings.Contains(page, w) {
					t.Errorf("page lacks %s", w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(page, w) {
					t.Errorf("page has %s", w)
				}
			}
		})
	}
}

func TestRenderPageErrors(t *testing.T) {
	// The layout writes some of the page before it fails.
	th, err := Load(themes.Default(), fstest.MapFS{"layouts/page.html": {Data: []byte(`<p>start</p>{{.Prev.Title}}`)}})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	err = th.RenderPage(&b, minimalPage())
	if err == nil || !strings.Contains(err.Error(), "page.html") {
		t.Errorf("RenderPage error = %v, want one naming page.html", err)
	}
	if b.Len() != 0 {
		t.Errorf("RenderPage wrote %d bytes on error", b.Len())
	}
	// A buffer is rendered into directly: what it held stays, and only that.
	b.WriteString("kept")
	if err := th.RenderPage(&b, minimalPage()); err == nil || b.String() != "kept" {
		t.Errorf("RenderPage into a buffer holding %q: %v, and it holds %q", "kept", err, b.String())
	}
	var s strings.Builder
	if err := th.RenderPage(&s, minimalPage()); err == nil || s.Len() != 0 {
		t.Errorf("RenderPage into a strings.Builder: %v, and %d bytes written", err, s.Len())
	}
	if err := th.RenderPage(&b, nil); err == nil {
		t.Error("RenderPage(nil) succeeded")
	}
}

func TestRenderPageConcurrent(t *testing.T) {
	th := loadDefault(t)
	want := render(t, th, samplePage(th))
	errs := make(chan string, 8)
	for range 8 {
		go func() {
			var b bytes.Buffer
			if err := th.RenderPage(&b, samplePage(th)); err != nil {
				errs <- err.Error()
				return
			}
			if b.String() != want {
				errs <- "a concurrent render differs"
				return
			}
			errs <- ""
		}()
	}
	for range 8 {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
}

// goldens are the pages kept as golden files under testdata/.
func goldens(th *Theme) map[string]*PageData {
	return map[string]*PageData{
		"page.golden.html":          samplePage(th),
		"page-outdated.golden.html": outdatedPage(th),
		"page-minimal.golden.html":  minimalPage(),
	}
}

func TestGolden(t *testing.T) {
	th := loadDefault(t)
	cases := goldens(th)
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			got := render(t, th, data)
			file := filepath.Join("testdata", name)
			if updating() {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run with -update or DOCGEN_UPDATE=1 to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from the rendered page (run with -update or DOCGEN_UPDATE=1 to accept):\n%s", file, firstDiff(string(want), got))
			}
		})
	}
	// Orphaned golden files fail the run.
	entries, err := filepath.Glob(filepath.Join("testdata", "*.golden.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if _, ok := cases[filepath.Base(e)]; !ok {
			t.Errorf("orphaned golden file %s: no test renders it", e)
		}
	}
}

// firstDiff shows the first line where want and got differ.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return "(no line differs)"
}

func TestIcon(t *testing.T) {
	th := loadDefault(t)
	tests := []struct {
		name string
		want string // the icon file it must be; "" for unknown
	}{
		{"celebration", "celebration"},
		{"storage", "storage"},
		{"fit_screen", "fit_screen"},
		{"cable", "cable"},
		{"MdArrowBack", "arrow_back"},
		{"MdSearch", "search"},
		{"MdOutlineSearch", "search"},
		{"MdFitScreen", "fit_screen"},
		{"MdContentCopy", "content_copy"},
		{"mdArrowBack", "arrow_back"},
		{"arrow_back", "arrow_back"},
		{"ARROW_BACK", "arrow_back"},
		{"arrowBack", "arrow_back"},
		{"ArrowBack", "arrow_back"},
		{"arrow-back", "arrow_back"},
		{"arrowback", "arrow_back"},
		{" Celebration ", "celebration"},
		{"light_mode", "light_mode"},
		{"DarkMode", "dark_mode"},
		{"menu", "menu"},
		{"close", "close"},
		{"check", "check"},
		{"info", "info"},
		{"warning", "warning"},
		{"lightbulb", "lightbulb"},
		{"arrow_forward", "arrow_forward"},
		{"tip", "lightbulb"},
		{"arrow_left", "arrow_back"},
		{FallbackIcon, FallbackIcon},
		{"", ""},
		{"Md", ""},
		{"no_such_icon", ""},
		{"MdNoSuchIcon", ""},
		{"../static/docgen", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := th.Icon(tt.name)
			if tt.want == "" {
				if ok || got != "" {
					t.Errorf("Icon(%q) = %q, %v; want unknown", tt.name, got, ok)
				}
				return
			}
			if !ok {
				t.Fatalf("Icon(%q) unknown, want %s", tt.name, tt.want)
			}
			if want := th.icons[tt.want]; got != want {
				t.Errorf("Icon(%q) is not %s.svg:\n got %s", tt.name, tt.want, got)
			}
			s := string(got)
			for _, w := range []string{`<svg class="dg-icon" aria-hidden="true" focusable="false"`, `viewBox="0 0 24 24"`, `fill="currentColor"`} {
				if !strings.Contains(s, w) {
					t.Errorf("Icon(%q) lacks %s: %s", tt.name, w, s)
				}
			}
			if strings.Contains(s, "xmlns") || strings.Contains(s, "\n") {
				t.Errorf("Icon(%q) keeps xmlns or newlines: %s", tt.name, s)
			}
		})
	}
}

func TestIconFromOverride(t *testing.T) {
	th, err := Load(themes.Default(), fstest.MapFS{
		"icons/rocket_launch.svg": {Data: []byte("<?xml version=\"1.0\"?>\n<!-- mine -->\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"24\" height=\"24\"\n class=\"big\" viewBox=\"0 0 24 24\"><path\nd=\"M1 1h2z\"/></svg>\n")},
		"icons/menu.svg":          {Data: []byte(`<svg viewBox="0 0 24 24"/>`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, want string }{
		{"MdRocketLaunch", `<svg class="dg-icon big" aria-hidden="true" focusable="false" viewBox="0 0 24 24"><path d="M1 1h2z"/></svg>`},
		{"menu", `<svg class="dg-icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24"></svg>`},
	}
	for _, tt := range tests {
		got, ok := th.Icon(tt.name)
		if !ok || string(got) != tt.want {
			t.Errorf("Icon(%q) = %q, %v; want %q", tt.name, got, ok, tt.want)
		}
	}
}

func TestCanonicalIcon(t *testing.T) {
	tests := []struct{ in, want string }{
		{"MdArrowBack", "arrow_back"},
		{"MdOutlineArrowBack", "arrow_back"},
		{"Md3dRotation", "3d_rotation"},
		{"Mdfoo", "mdfoo"},
		{"fit_screen", "fit_screen"},
		{"Fit Screen", "fit_screen"},
		{"fit--screen", "fit_screen"},
		{"HTTPServer", "http_server"},
		{"icon.svg", "icon"},
	}
	for _, tt := range tests {
		if got := canonicalIcon(tt.in); got != tt.want {
			t.Errorf("canonicalIcon(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

var hashedName = regexp.MustCompile(`^_docgen/[a-z0-9-]+(/[a-z0-9-]+)*\.[0-9a-f]{8}\.[a-z]+$`)

func TestAssets(t *testing.T) {
	th := loadDefault(t)
	files, urls := th.Assets()

	again, err := Load(themes.Default(), nil)
	if err != nil {
		t.Fatal(err)
	}
	files2, urls2 := again.Assets()
	if !reflect.DeepEqual(files, files2) || urls != urls2 {
		t.Error("two loads of the same theme give different assets")
	}

	for name, data := range files {
		if !hashedName.MatchString(name) {
			t.Errorf("asset %q is not a hashed name under _docgen/", name)
		}
		base := path.Base(name)
		parts := strings.Split(base, ".")
		orig := strings.Join(append(parts[:len(parts)-2:len(parts)-2], parts[len(parts)-1]), ".")
		if want := HashName(orig, data); base != want {
			t.Errorf("asset %s: want name %s for its content", name, want)
		}
	}
	for field, url := range map[string]string{
		"CSS": urls.CSS, "JS": urls.JS, "ThemeJS": urls.ThemeJS, "LiveCSS": urls.LiveCSS, "LiveJS": urls.LiveJS,
		"EmbedJS":  urls.EmbedJS,
		"CodeJS":   urls.CodeJS,
		"SearchJS": urls.SearchJS,
	} {
		if !strings.HasPrefix(url, "/_docgen/") {
			t.Errorf("urls.%s = %q, want a /_docgen/ URL", field, url)
			continue
		}
		if _, ok := files[url[1:]]; !ok {
			t.Errorf("urls.%s = %q has no file", field, url)
		}
	}
	if urls.Highlight != "" {
		t.Errorf("urls.Highlight = %q, want the build to set it", urls.Highlight)
	}

	// The map is the caller's: changing it does not change the theme's.
	for k := range files {
		delete(files, k)
	}
	if f, _ := th.Assets(); len(f) == 0 {
		t.Error("deleting from the returned map emptied the theme's")
	}

	// Another content, another name.
	other, err := Load(themes.Default(), fstest.MapFS{"static/docgen.css": {Data: []byte("body{}")}})
	if err != nil {
		t.Fatal(err)
	}
	_, urls3 := other.Assets()
	if urls3.CSS == urls.CSS {
		t.Errorf("changed CSS kept its URL %s", urls.CSS)
	}
	if urls3.JS != urls.JS {
		t.Errorf("unchanged JS changed its URL: %s, %s", urls.JS, urls3.JS)
	}
}

func TestHashName(t *testing.T) {
	tests := []struct{ name, want string }{
		{"docgen.css", "docgen.ba7816bf.css"},
		{"docgen.min.js", "docgen.min.ba7816bf.js"},
		{"LICENSE", "LICENSE.ba7816bf"},
	}
	for _, tt := range tests {
		if got := HashName(tt.name, []byte("abc")); got != tt.want {
			t.Errorf("HashName(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestRenderNavItem checks that an entry rendered ahead of time is what the
// page renders for it, and that the page outputs it as is.
func TestRenderNavItem(t *testing.T) {
	th := loadDefault(t)
	data := samplePage(th)
	page := render(t, th, data)
	for _, n := range data.Nav {
		html, err := th.RenderNavItem(n)
		if err != nil {
			t.Fatal(err)
		}
		if html == "" || !strings.Contains(page, "\n"+string(html)+"\n") {
			t.Errorf("entry %q renders alone as\n%s\nwhich is not in the page", n.Title, html)
		}
	}
	marked := samplePage(th)
	marked.Nav[0].HTML = `<li class="dg-nav__item">as given</li>`
	if page := render(t, th, marked); !strings.Contains(page, "\n<li class=\"dg-nav__item\">as given</li>\n") || strings.Contains(page, ">Introduction<") {
		t.Error("an entry with HTML set is rendered again instead of output as is")
	}
	over, err := Load(themes.Default(), fstest.MapFS{"layouts/partials/nav-item.html": {Data: []byte(`{{.Nope}}`)}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := over.RenderNavItem(data.Nav[0]); err == nil || !strings.Contains(err.Error(), "nav-item.html") {
		t.Errorf("RenderNavItem error = %v, want one naming nav-item.html", err)
	}
}
