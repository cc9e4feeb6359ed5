package serve

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"html"
	"mime"
)

// The server's own URLs.
const (
	eventsPath   = "/_docgen/events"
	scriptPath   = "/_docgen/livereload.js"
	workerPath   = "/_docgen/livereload-worker.js"
	overlayPath  = "/_docgen/overlay.css"
	scriptOpen   = `<script src="` + scriptPath + `"`
	jsType       = "text/javascript; charset=utf-8"
	cssType      = "text/css; charset=utf-8"
	fallbackType = "application/octet-stream"
)

var (
	//go:embed livereload.js
	livereloadJS []byte
	//go:embed livereload-worker.js
	workerJS []byte
	//go:embed overlay.css
	overlayCSS []byte
)

// asset is one of the server's own files.
type asset struct {
	data        []byte
	contentType string
	etag        string
}

// embeddedAssets maps the server's own URLs to their files.
func embeddedAssets() map[string]asset {
	return map[string]asset{
		scriptPath:  {livereloadJS, jsType, etagOf(livereloadJS)},
		workerPath:  {workerJS, jsType, etagOf(workerJS)},
		overlayPath: {overlayCSS, cssType, etagOf(overlayCSS)},
	}
}

// etagOf is a strong ETag of content.
func etagOf(data []byte) string {
	sum := sha256.Sum256(data)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}

// types are the Content-Types of the files a docs site has, fixed here
// rather than read from the system's MIME tables, which differ between
// machines. Anything else falls back to the mime package.
var types = map[string]string{
	".html":  "text/html; charset=utf-8",
	".htm":   "text/html; charset=utf-8",
	".css":   cssType,
	".js":    jsType,
	".mjs":   jsType,
	".json":  "application/json",
	".map":   "application/json",
	".xml":   "application/xml",
	".txt":   "text/plain; charset=utf-8",
	".md":    "text/markdown; charset=utf-8",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".avif":  "image/avif",
	".ico":   "image/x-icon",
	".woff":  "font/woff",
	".woff2": "font/woff2",
	".ttf":   "font/ttf",
	".otf":   "font/otf",
	".wasm":  "application/wasm",
	".pdf":   "application/pdf",
	".mp4":   "video/mp4",
	".webm":  "video/webm",
}

// contentType returns the Content-Type for a file extension (".css").
func contentType(ext string) string {
	if t, ok := types[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return fallbackType
}

// scriptTag is the tag injected into a page served from the snapshot
// with that token ("<server>.<version>", the id of the last event sent
// before it). The script reads it: a page loaded between a publish and the
// moment its stream connects would otherwise miss that publish's events.
// An attribute, not an inline script, for the pages' strict CSP.
func scriptTag(token string) string {
	return scriptOpen + ` data-version="` + html.EscapeString(token) + `" defer></script>`
}

// inject splits a page where the reload script goes: before </head>, else
// right after the <body> tag, else at the end. Writing before, the script
// tag and after gives the page with the script; data is never modified.
// after is nil when the page already loads the script.
func inject(data []byte) (before, after []byte) {
	// A raw "<script" never occurs in a page's text (it would be
	// escaped), so this finds only a real tag.
	if bytes.Contains(data, []byte(scriptOpen)) {
		return data, nil
	}
	if i := indexFold(data, 0, "</head>"); i >= 0 {
		return data[:i], data[i:]
	}
	for i := indexFold(data, 0, "<body"); i >= 0; i = indexFold(data, i+1, "<body") {
		// Only a real <body> tag: "<body>" or "<body " and its attributes.
		rest := data[i+len("<body"):]
		if len(rest) == 0 || (rest[0] != '>' && !isSpace(rest[0])) {
			continue
		}
		if j := bytes.IndexByte(rest, '>'); j >= 0 {
			k := i + len("<body") + j + 1
			return data[:k], data[k:]
		}
		break
	}
	return data, data[len(data):]
}

// indexFold is the index of tag in data at or after from, ignoring ASCII
// case, or -1; tag is lower case and starts with '<'.
func indexFold(data []byte, from int, tag string) int {
	for i := from; i < len(data); i++ {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		if i+len(tag) > len(data) {
			return -1
		}
		if bytes.EqualFold(data[i:i+len(tag)], []byte(tag)) {
			return i
		}
	}
	return -1
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}
