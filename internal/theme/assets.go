package theme

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"
)

// AssetDir is the output folder of the theme's static files (and of the
// build's generated stylesheets).
const AssetDir = "_docgen"

// The static files whose URLs go into PageData.Assets.
const (
	staticCSS     = "docgen.css"
	staticJS      = "docgen.js"
	staticThemeJS = "docgen-theme.js"
	staticLiveCSS = "docgen-live.css"
	staticLiveJS  = "docgen-live.js"
	staticSearch  = "docgen-search.js"
	staticEmbedJS = "docgen-embed.js"
	staticCodeJS  = "docgen-code.js"
)

// Assets returns the theme's static files as they are to be written to the
// output, and the URLs a page links them by.
//
// Each key of files is a slash-separated path relative to the output root,
// under _docgen/, with a short content hash before the extension
// (_docgen/docgen.3f2a9c1e.css); its URL is "/" + key, so it can be cached
// forever. The same theme files give the same map. urls has CSS, JS,
// ThemeJS, LiveCSS, LiveJS, EmbedJS, CodeJS and SearchJS set; the build sets Highlight, and prefixes
// the URLs when the site is served under a path prefix. Callers must not
// modify the bytes.
//
// Static files are renamed by hash, so they must not refer to each other
// by name (the default theme's CSS has no url() at all).
func (t *Theme) Assets() (files map[string][]byte, urls Assets) {
	files = make(map[string][]byte, len(t.files))
	for k, v := range t.files {
		files[k] = v
	}
	return files, t.urls
}

// HashName inserts a short hash of data before the extension of name:
// ("docgen.css", data) → "docgen.3f2a9c1e.css". The build uses it for its
// generated files too, so all names under _docgen/ look alike.
func HashName(name string, data []byte) string {
	sum := sha256.Sum256(data)
	h := hex.EncodeToString(sum[:4])
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + h + ext
}

// hashStatic names the static files of the merged tree by content hash.
func hashStatic(merged map[string]file, names []string) (map[string][]byte, Assets) {
	files := map[string][]byte{}
	var urls Assets
	for _, name := range names {
		rel, ok := strings.CutPrefix(name, "static/")
		if !ok {
			continue
		}
		data := merged[name].data
		out := path.Join(AssetDir, path.Dir(rel), HashName(path.Base(rel), data))
		files[out] = data
		url := "/" + out
		switch rel {
		case staticCSS:
			urls.CSS = url
		case staticJS:
			urls.JS = url
		case staticThemeJS:
			urls.ThemeJS = url
		case staticLiveCSS:
			urls.LiveCSS = url
		case staticLiveJS:
			urls.LiveJS = url
		case staticEmbedJS:
			urls.EmbedJS = url
		case staticCodeJS:
			urls.CodeJS = url
		case staticSearch:
			urls.SearchJS = url
		}
	}
	return files, urls
}
