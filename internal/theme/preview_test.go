package theme

import (
	"bytes"
	"html/template"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// previewChroma stands in for the build's generated chroma stylesheet in
// previews: a few token classes, per mode, with the selectors docgen.css
// uses for its palettes.
const previewChroma = `/* preview stand-in for the generated chroma.css */
.chroma .nt, .chroma .k { color: #0550ae }
.chroma .s, .chroma .s2, .chroma .l { color: #0a3069 }
.chroma .c { color: #6e7781; font-style: italic }
.chroma .o, .chroma .p { color: #57606a }
html[data-theme="dark"] .chroma .nt, html[data-theme="dark"] .chroma .k { color: #7ee787 }
html[data-theme="dark"] .chroma .s, html[data-theme="dark"] .chroma .s2, html[data-theme="dark"] .chroma .l { color: #a5d6ff }
html[data-theme="dark"] .chroma .c { color: #8b949e }
html[data-theme="dark"] .chroma .o, html[data-theme="dark"] .chroma .p { color: #c9d1d9 }
@media (prefers-color-scheme: dark) {
  html:not([data-theme="light"]) .chroma .nt, html:not([data-theme="light"]) .chroma .k { color: #7ee787 }
  html:not([data-theme="light"]) .chroma .s, html:not([data-theme="light"]) .chroma .s2, html:not([data-theme="light"]) .chroma .l { color: #a5d6ff }
  html:not([data-theme="light"]) .chroma .c { color: #8b949e }
  html:not([data-theme="light"]) .chroma .o, html:not([data-theme="light"]) .chroma .p { color: #c9d1d9 }
}
`

// TestPreview writes the sample pages and the theme's assets to the folder
// named by DOCGEN_THEME_PREVIEW, with relative asset URLs so that they open
// from file://, for looking at the theme in a browser:
//
//	DOCGEN_THEME_PREVIEW=/tmp/theme-preview go test ./internal/theme -run Preview
func TestPreview(t *testing.T) {
	dir := os.Getenv("DOCGEN_THEME_PREVIEW")
	if dir == "" {
		t.Skip("DOCGEN_THEME_PREVIEW is not set")
	}
	th := loadDefault(t)
	files, urls := th.Assets()
	files["_docgen/chroma.preview.css"] = []byte(previewChroma)
	urls.Highlight = "/_docgen/chroma.preview.css"
	rel := func(u string) string { return strings.TrimPrefix(u, "/") }
	assets := Assets{
		CSS: rel(urls.CSS), JS: rel(urls.JS), ThemeJS: rel(urls.ThemeJS), Highlight: rel(urls.Highlight),
		LiveCSS: rel(urls.LiveCSS), LiveJS: rel(urls.LiveJS), EmbedJS: rel(urls.EmbedJS), SearchJS: rel(urls.SearchJS),
	}

	if err := os.RemoveAll(filepath.Join(dir, AssetDir)); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pages := map[string]*PageData{
		"index.html":    samplePage(th),
		"outdated.html": outdatedPage(th),
		"minimal.html":  minimalPage(),
	}
	shot, err := mockScreenshot()
	if err != nil {
		t.Fatal(err)
	}
	img := filepath.Join(dir, "images/v1.9/deployment/security/azure/create-app.png")
	if err := os.MkdirAll(filepath.Dir(img), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(img, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	for name, data := range pages {
		data.Assets = assets
		data.Body = template.HTML(strings.ReplaceAll(string(data.Body), `src="/images/`, `src="images/`))
		var b strings.Builder
		if err := th.RenderPage(&b, data); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("wrote %d pages and %d assets to %s", len(pages), len(files), dir)
}

// mockScreenshot draws a 1200x675 picture of a form, to stand in for the
// screenshots real pages show.
func mockScreenshot() ([]byte, error) {
	m := image.NewRGBA(image.Rect(0, 0, 1200, 675))
	fill := func(x0, y0, x1, y1 int, c color.RGBA) {
		draw.Draw(m, image.Rect(x0, y0, x1, y1), &image.Uniform{c}, image.Point{}, draw.Src)
	}
	fill(0, 0, 1200, 675, color.RGBA{248, 249, 251, 255})
	fill(0, 0, 1200, 56, color.RGBA{0, 90, 158, 255})
	fill(0, 56, 240, 675, color.RGBA{238, 240, 243, 255})
	for i := 0; i < 8; i++ {
		fill(24, 90+i*44, 200-i%3*30, 104+i*44, color.RGBA{200, 205, 212, 255})
	}
	fill(290, 96, 720, 120, color.RGBA{60, 64, 72, 255})
	for i := 0; i < 4; i++ {
		y := 160 + i*100
		fill(290, y, 520, y+14, color.RGBA{120, 126, 135, 255})
		fill(290, y+28, 1000, y+68, color.RGBA{255, 255, 255, 255})
		fill(290, y+28, 1000, y+29, color.RGBA{190, 196, 204, 255})
		fill(290, y+67, 1000, y+68, color.RGBA{190, 196, 204, 255})
	}
	fill(290, 590, 440, 630, color.RGBA{0, 120, 212, 255})
	var b bytes.Buffer
	err := png.Encode(&b, m)
	return b.Bytes(), err
}
