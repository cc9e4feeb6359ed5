package docsite

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/docgen/docgen/internal/build"
	"github.com/docgen/docgen/internal/diag"
)

// Options configure Build and Open.
type Options struct {
	// Prefix is the URL path the site is served under: "/help/". Empty
	// or "/" serves it at the root.
	Prefix string
	// BaseURL is the absolute URL of the site, for canonical links and
	// the sitemap ("https://app.example.com/help/"). Optional; when set,
	// its path must equal Prefix.
	BaseURL string
}

// Site is a built site, ready to serve. It is immutable and safe for
// concurrent use.
type Site struct {
	prefix string // "/help" or ""
	files  map[string][]byte
	etags  map[string]string
	index  build.FragmentIndex
	diags  []Diagnostic
}

// Diagnostic is a problem found in the content while building.
type Diagnostic struct {
	Path     string // the file, relative to the site folder
	Line     int    // 1-based
	Column   int    // 1-based, in bytes
	Severity string // "error", "warning", "note"
	ID       string // "link-broken", "tag-undefined", ...
	Message  string
}

func (d Diagnostic) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s [%s]", d.Path, d.Line, d.Column, d.Severity, d.Message, d.ID)
}

// Page is a page of the site, as Site.Pages lists it.
type Page = build.FragmentPage

// Heading is a heading of a page.
type Heading = build.FragmentHeading

// Build builds the site whose folder is src (holding docgen.yaml,
// content/, static/) into memory. Problems in the content do not fail the
// build: they are in Site.Diagnostics, as docgen build prints them. The
// error is for unreadable input and bad options.
func Build(ctx context.Context, src fs.FS, opts Options) (*Site, error) {
	prefix, err := cleanPrefix(opts.Prefix)
	if err != nil {
		return nil, err
	}
	mem := &build.Memory{}
	res, err := build.Build(ctx, build.Options{Source: src, Sink: mem, BaseURL: opts.BaseURL,
		PathPrefix: prefix + "/", Fragments: true})
	if err != nil {
		return nil, err
	}
	s, err := newSite(prefix, mem.Files)
	if err != nil {
		return nil, err
	}
	for _, d := range res.Diags {
		s.diags = append(s.diags, convert(d))
	}
	return s, nil
}

// Open serves a site built earlier by docgen build with --fragments and
// --path-prefix set to opts.Prefix, such as one embedded in the product's
// binary:
//
//	//go:embed all:help
//	var helpFiles embed.FS
//	...
//	built, _ := fs.Sub(helpFiles, "help")
//	site, err := docsite.Open(built, docsite.Options{Prefix: "/help/"})
//
// The all: prefix matters: without it, embed leaves out the _docgen/ and
// _fragments/ folders the pages need. It reads every file into memory once. A site built for another prefix is
// an error, since its links would lead nowhere.
func Open(built fs.FS, opts Options) (*Site, error) {
	prefix, err := cleanPrefix(opts.Prefix)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	err = fs.WalkDir(built, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == build.ManifestName {
			return err
		}
		data, err := fs.ReadFile(built, p)
		files[p] = data
		return err
	})
	if err != nil {
		return nil, err
	}
	if _, ok := files[build.FragmentDir+"/index.json"]; !ok {
		return nil, errors.New("docsite: no _fragments/index.json: build the site with docgen build --fragments")
	}
	return newSite(prefix, files)
}

func cleanPrefix(p string) (string, error) {
	p = "/" + strings.Trim(p, "/")
	if p == "/" {
		return "", nil
	}
	if strings.ContainsAny(p, "?#\\ ") || strings.Contains(p, "//") || path.Clean(p) != p {
		return "", fmt.Errorf("docsite: prefix %q is not a plain URL path like /help/", p)
	}
	return p, nil
}

func newSite(prefix string, files map[string][]byte) (*Site, error) {
	s := &Site{prefix: prefix, files: files, etags: make(map[string]string, len(files))}
	for name, data := range files {
		sum := sha256.Sum256(data)
		s.etags[name] = `"` + hex.EncodeToString(sum[:8]) + `"`
	}
	if data, ok := files[build.FragmentDir+"/index.json"]; ok {
		if err := json.Unmarshal(data, &s.index); err != nil {
			return nil, fmt.Errorf("docsite: reading _fragments/index.json: %w", err)
		}
		for _, p := range s.index.Pages {
			if !strings.HasPrefix(p.URL, prefix+"/") {
				return nil, fmt.Errorf("docsite: the site was built for another prefix (its page %s is not under %s/); build it with --path-prefix %s/", p.URL, prefix, prefix)
			}
		}
	}
	return s, nil
}

func convert(d *diag.Diagnostic) Diagnostic {
	out := Diagnostic{Severity: d.Level.Severity(), ID: d.ID, Message: d.Msg}
	if d.File != nil {
		out.Path = d.File.Path
		out.Line, out.Column = d.Position()
	}
	return out
}

// Diagnostics returns the problems found in the content, sorted by file
// and position.
func (s *Site) Diagnostics() []Diagnostic { return s.diags }

// Prefix returns the path the site is served under, with a final slash.
func (s *Site) Prefix() string { return s.prefix + "/" }

// Pages lists every page, in the order of their source files.
func (s *Site) Pages() []Page { return s.index.Pages }

// Page returns the page with the given URL (its versioned or /latest/
// URL, with the prefix), or false.
func (s *Site) Page(url string) (Page, bool) {
	for _, p := range s.index.Pages {
		if p.URL == url || p.Latest == url {
			return p, true
		}
	}
	return Page{}, false
}

// Assets are the stylesheets and scripts a product page loads once to
// show fragments; pages of the site load them themselves.
func (s *Site) Assets() (css, js []string) {
	return append([]string(nil), s.index.Assets.CSS...), append([]string(nil), s.index.Assets.JS...)
}

// Fragment returns the HTML of a page's fragment: its body in an
// <article class="dg-content">, without the site's chrome.
func (s *Site) Fragment(p Page) ([]byte, bool) {
	name, ok := s.name(p.Fragment)
	if !ok {
		return nil, false
	}
	data, ok := s.files[name]
	return data, ok
}

// name turns a URL path under the prefix into the name of a file.
func (s *Site) name(urlPath string) (string, bool) {
	rest, ok := strings.CutPrefix(urlPath, s.prefix+"/")
	if !ok {
		return "", false
	}
	if rest == "" || strings.HasSuffix(rest, "/") {
		rest += "index.html"
	}
	return rest, true
}

// Handler serves the site. Mount it at the prefix without stripping it:
//
//	mux.Handle("/help/", site.Handler())
//
// A page URL without its final slash is redirected to it; an unknown URL
// gets the site's 404 page. Files whose names carry a content hash (under
// _docgen/) are cached for a year, everything else revalidated by ETag.
func (s *Site) Handler() http.Handler {
	return http.HandlerFunc(s.serve)
}

// started is the modification time the handler reports: the files do not
// change while the site is served.
var started = time.Now().UTC().Truncate(time.Second)

func (s *Site) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := s.name(r.URL.Path)
	if r.URL.Path == s.prefix && s.prefix != "" {
		http.Redirect(w, r, s.prefix+"/", http.StatusMovedPermanently)
		return
	}
	if !ok || strings.Contains(name, "..") || name == build.ManifestName {
		s.notFound(w, r)
		return
	}
	data, found := s.files[name]
	if !found && path.Ext(name) == "" {
		if _, dir := s.files[name+"/index.html"]; dir {
			target := r.URL.Path + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
	}
	if !found {
		s.notFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", contentType(name))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("ETag", s.etags[name])
	if strings.HasPrefix(name, "_docgen/") && hashedName(name) {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	http.ServeContent(w, r, name, started, bytes.NewReader(data))
}

func (s *Site) notFound(w http.ResponseWriter, r *http.Request) {
	data, ok := s.files["404.html"]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

// hashedName reports whether a file name has a content hash before its
// extension, as the build names assets: docgen.3f2a9c1e.css.
func hashedName(name string) bool {
	base := strings.TrimSuffix(path.Base(name), path.Ext(name))
	i := strings.LastIndexByte(base, '.')
	if i < 0 || len(base)-i-1 != 8 {
		return false
	}
	for _, c := range base[i+1:] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	case ".svg":
		return "image/svg+xml"
	case ".xml":
		return "application/xml"
	case ".txt", "":
		return "text/plain; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// Names returns the names of the site's files, sorted: what a product
// would embed.
func (s *Site) Names() []string {
	names := make([]string, 0, len(s.files))
	for n := range s.files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
