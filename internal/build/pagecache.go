package build

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/internal/linkcheck"
	"github.com/docgen/docgen/internal/markdown"
	"github.com/docgen/docgen/internal/pagecache"
	"github.com/docgen/docgen/internal/search"
	"github.com/docgen/docgen/internal/site"
	"github.com/docgen/docgen/internal/varbin"
)

// A page's body, as renderBody and searchPage make it, depends on:
//
//   - its source;
//   - what the signature sums up (versions, menus, every page's URL and
//     title, which static files and partial versions exist), through
//     links, breadcrumb-like tags and partial resolution;
//   - the config, the edition, the base URL and path prefix, the theme
//     override (icons), the pages the edition leaves out;
//   - the files it read: partials (found or only tried) and images, which
//     pageResult.deps lists;
//   - the code of docgen itself.
//
// The cache keys an entry by all of them but the files it read, which the
// entry lists with what each held when it was rendered: a build checks
// them one by one, as their set differs from page to page. The theme's
// chrome (sidebar, dates, prev/next) is not cached: it is put around the
// cached body on every build.

// DefaultCacheDir returns the folder proposed for the build cache: the
// user's cache folder (os.UserCacheDir) + docgen. Entries are keyed by
// content, so sites may share it.
func DefaultCacheDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "docgen"), nil
}

// HighlightCacheDir returns the folder of the highlight cache in the build
// cache dir ("" for none); the page cache is in dir/pages.
func HighlightCacheDir(dir string) string {
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, "highlight")
}

// pageStore looks up and stores rendered page bodies in a pagecache.
type pageStore struct {
	b      *builder
	disk   *pagecache.Cache
	global [sha256.Size]byte // the key parts every page shares
	slots  string            // what names a page's slot besides its path

	mu    sync.Mutex
	deps  map[string]string     // site path → depValue, this build
	files map[string]*diag.File // partial files, for cached diagnostics
	hits  int
	err   error // the first entry that could not be stored
}

// pageCacheFormat names the layout of an entry; bump it with any change
// to encodeEntry. The code's identity covers every other change.
const pageCacheFormat = "docgen-pages 2"

func newPageStore(b *builder, dir string) (*pageStore, error) {
	id, err := codeIdentity()
	if err != nil {
		// Without knowing which code rendered an entry, none can be
		// trusted: the build goes on without the cache.
		return nil, nil
	}
	s := b.site
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", pageCacheFormat, id)
	if s.ConfigFile != nil {
		fmt.Fprintf(h, "config %d\x00", len(s.ConfigFile.Src))
		h.Write(s.ConfigFile.Src)
	}
	fmt.Fprintf(h, "edition %q base %q prefix %q\x00", s.Edition, b.baseURL, b.prefix)
	if err := hashTree(h, s.Theme); err != nil {
		return nil, fmt.Errorf("theme: %w", err)
	}
	for _, lo := range s.LeftOut() {
		fmt.Fprintf(h, "left out %q %q\x00", lo[0], lo[1])
	}
	h.Write([]byte(signature(s)))
	// Sites built from different folders keep their pages apart, however
	// the folder was named ("." from two places is two sites).
	source := b.opts.SourceDir
	if source != "" {
		if abs, err := filepath.Abs(source); err == nil {
			source = abs
		}
	}
	ps := &pageStore{b: b, disk: pagecache.Open(dir), deps: map[string]string{}, files: map[string]*diag.File{},
		slots: fmt.Sprintf("%q %q %q %q", source, s.Edition, b.baseURL, b.prefix)}
	h.Sum(ps.global[:0])
	return ps, nil
}

// cached returns how many pages came from the cache.
func (ps *pageStore) cached() int {
	if ps == nil {
		return 0
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	return ps.hits
}

// finish trims the cache and returns the first error in storing to it.
func (ps *pageStore) finish() error {
	if ps == nil {
		return nil
	}
	ps.fail(ps.disk.Trim())
	ps.mu.Lock()
	defer ps.mu.Unlock()
	return ps.err
}

// hashTree adds every file of fsys (nil: none) to h, names and contents.
func hashTree(h io.Writer, fsys fs.FS) error {
	if fsys == nil {
		return nil
	}
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%q %d\x00", p, len(data))
		_, err = h.Write(data)
		return err
	})
}

var codeIdentity = sync.OnceValues(func() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	return fileIdentity(exe)
})

// fileIdentity names the code of an executable: the Go build ID the
// linker writes into ELF binaries (a hash of the binary's inputs and
// content, read in microseconds), else a hash of the whole file (some
// tens of milliseconds for docgen's).
func fileIdentity(exe string) (string, error) {
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		if sec := f.Section(".note.go.buildid"); sec != nil {
			if note, err := sec.Data(); err == nil && len(note) > 16 && bytes.Contains(note, []byte("/")) {
				return "go-buildid:" + string(note), nil
			}
		}
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return fmt.Sprintf("sha256:%x", h.Sum(nil)), nil
}

// key returns the key of a page: everything its body depends on but the
// files it read.
func (ps *pageStore) key(p *site.Page) [sha256.Size]byte {
	h := sha256.New()
	h.Write(ps.global[:])
	fmt.Fprintf(h, "%q %d\x00", p.Path, len(p.Src))
	h.Write(p.Src)
	var k [sha256.Size]byte
	h.Sum(k[:0])
	return k
}

func (ps *pageStore) slot(p *site.Page) pagecache.Slot {
	sum := sha256.Sum256([]byte(ps.slots + "\x00" + p.Path))
	var s pagecache.Slot
	copy(s[:], sum[:])
	return s
}

// depValue returns what a file a page read holds, as far as the page's
// body can show it: a partial's content (by hash), an image's size, or
// "-" for a file that is not there. Each is found once a build.
func (ps *pageStore) depValue(name string) string {
	ps.mu.Lock()
	v, ok := ps.deps[name]
	ps.mu.Unlock()
	if ok {
		return v
	}
	if rel, ok := strings.CutPrefix(name, site.StaticDir+"/"); ok {
		v = "-"
		if ps.b.site.Static[rel] {
			info := ps.b.images.info("/" + rel)
			v = fmt.Sprintf("image %dx%d", info.Width, info.Height)
		}
	} else if data, err := fs.ReadFile(ps.b.site.FS, name); err != nil {
		v = "-"
	} else {
		v = fmt.Sprintf("sha256 %x", sha256.Sum256(data))
	}
	ps.mu.Lock()
	ps.deps[name] = v
	ps.mu.Unlock()
	return v
}

// file returns the diag.File of a file a cached entry points into: the
// page, the config, or a partial (read again, as its parse would).
func (ps *pageStore) file(p *site.Page, name string) (*diag.File, bool) {
	switch {
	case name == "":
		return nil, true
	case name == p.File.Path:
		return p.File, true
	case ps.b.configFile != nil && name == ps.b.configFile.Path:
		return ps.b.configFile, true
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if f, ok := ps.files[name]; ok {
		return f, f != nil
	}
	raw, err := fs.ReadFile(ps.b.site.FS, name)
	var f *diag.File
	if err == nil {
		f = diag.NewFile(name, markdown.Normalize(raw))
	}
	ps.files[name] = f
	return f, f != nil
}

// cachedBody is a page's body and search entry as the cache holds them.
type cachedBody struct {
	body   *pageBody
	search *search.Page
}

// get returns the page's cached body, if the cache holds one still true.
func (ps *pageStore) get(p *site.Page) (*cachedBody, bool) {
	if ps == nil {
		return nil, false
	}
	data := ps.disk.Get(ps.slot(p))
	if data == nil {
		return nil, false
	}
	c, err := ps.decodeEntry(p, ps.key(p), data)
	if err != nil {
		return nil, false
	}
	ps.mu.Lock()
	ps.hits++
	ps.mu.Unlock()
	return c, true
}

// put stores a page's body. A failure is remembered, not returned: the
// build is whole without the cache.
func (ps *pageStore) put(p *site.Page, body *pageBody, sp *search.Page) {
	if ps == nil {
		return
	}
	data, err := ps.encodeEntry(p, ps.key(p), body, sp)
	if err != nil {
		ps.fail(err)
		return
	}
	store := func() { ps.fail(ps.disk.Put(ps.slot(p), data)) }
	if w := ps.b.writers; w != nil {
		// Written beside the output, not by the worker that rendered the
		// page, which would leave its CPU idle while the disk works.
		w.later(store)
	} else {
		store()
	}
}

// fail remembers the first error in storing an entry.
func (ps *pageStore) fail(err error) {
	if err == nil {
		return
	}
	ps.mu.Lock()
	if ps.err == nil {
		ps.err = fmt.Errorf("page cache: %w", err)
	}
	ps.mu.Unlock()
}

// An entry is the key, then the files read and what they held (checked
// before anything else is decoded), then the rest of the page's result;
// strings and lists are preceded by their length as a uvarint.
func (ps *pageStore) encodeEntry(p *site.Page, key [sha256.Size]byte, body *pageBody, sp *search.Page) ([]byte, error) {
	res := body.res
	b := make([]byte, 0, len(body.html)+4<<10)
	b = append(b, key[:]...)
	b = varbin.AppendUvarint(b, uint64(len(res.deps)))
	for _, d := range sortedKeys(res.deps) {
		b = varbin.AppendString(b, d)
		b = varbin.AppendString(b, ps.depValue(d))
	}
	b = varbin.AppendStrings(b, res.partials)
	b = varbin.AppendBytes(b, body.html)
	b = varbin.AppendUvarint(b, uint64(len(body.headings.List)))
	for _, h := range body.headings.List {
		b = varbin.AppendInt(b, h.Level)
		b = varbin.AppendString(b, h.ID)
		b = varbin.AppendString(b, h.Text)
	}
	// The ids, found again from the HTML, would cost a tenth of what
	// taking a page from the cache costs.
	b = varbin.AppendStrings(b, sortedKeys(res.ids))
	b = varbin.AppendUvarint(b, uint64(len(res.links)))
	for _, l := range res.links {
		b = appendFile(b, l.File)
		b = varbin.AppendInt(b, l.At)
		b = appendVia(b, l.Via)
		b = varbin.AppendString(b, l.Href)
		b = varbin.AppendString(b, l.URL)
	}
	b = varbin.AppendUvarint(b, uint64(len(res.diags)))
	for _, d := range res.diags {
		b = appendFile(b, d.File)
		b = varbin.AppendInt(b, d.Offset)
		b = varbin.AppendInt(b, int(d.Level))
		b = varbin.AppendString(b, d.ID)
		b = varbin.AppendString(b, d.Msg)
		b = varbin.AppendString(b, d.Hint)
		b = appendVia(b, d.Via)
	}
	if sp == nil {
		return varbin.AppendUvarint(b, 0), nil
	}
	data, err := sp.AppendBinary(nil)
	if err != nil {
		return nil, err
	}
	b = varbin.AppendUvarint(b, 1)
	return varbin.AppendBytes(b, data), nil
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// appendFile appends the path of a file, "" for none.
func appendFile(b []byte, f *diag.File) []byte {
	if f == nil {
		return varbin.AppendString(b, "")
	}
	return varbin.AppendString(b, f.Path)
}

func appendVia(b []byte, sites []diag.Site) []byte {
	b = varbin.AppendUvarint(b, uint64(len(sites)))
	for _, s := range sites {
		b = appendFile(b, s.File)
		b = varbin.AppendInt(b, s.Offset)
		b = varbin.AppendString(b, s.What)
	}
	return b
}

var errStale = errors.New("page cache: entry out of date")

func (ps *pageStore) decodeEntry(p *site.Page, key [sha256.Size]byte, data []byte) (*cachedBody, error) {
	if len(data) < len(key) || !bytes.Equal(data[:len(key)], key[:]) {
		return nil, errStale
	}
	r := varbin.NewReader(data[len(key):])
	res := &pageResult{deps: map[string]bool{}}
	for range r.Count(2) {
		name, value := r.String(), r.String()
		if r.Err() != nil {
			break
		}
		if ps.depValue(name) != value {
			return nil, errStale
		}
		res.deps[name] = true
	}
	res.partials = r.Strings()
	html := r.Bytes()
	headings := &markdown.Headings{}
	for range r.Count(3) {
		headings.List = append(headings.List, markdown.Heading{Level: r.Int(), ID: r.String(), Text: r.String()})
	}
	ids := r.Strings()
	res.ids = make(map[string]bool, len(ids))
	for _, id := range ids {
		res.ids[id] = true
	}
	// A file the entry points into that is gone makes the entry unusable.
	file := func() *diag.File {
		f, ok := ps.file(p, r.String())
		if !ok {
			r.Fail()
		}
		return f
	}
	via := func() []diag.Site {
		var sites []diag.Site
		for range r.Count(3) {
			sites = append(sites, diag.Site{File: file(), Offset: r.Int(), What: r.String()})
		}
		return sites
	}
	for range r.Count(5) {
		res.links = append(res.links, linkcheck.Ref{File: file(), At: r.Int(), Via: via(), Href: r.String(), URL: r.String()})
	}
	for range r.Count(7) {
		res.diags = append(res.diags, &diag.Diagnostic{File: file(), Offset: r.Int(), Level: diag.Level(r.Int()),
			ID: r.String(), Msg: r.String(), Hint: r.String(), Via: via()})
	}
	var sp *search.Page
	if r.Count(1) == 1 {
		var err error
		if sp, err = search.DecodePage(r.Bytes()); err != nil {
			r.Fail()
		}
	}
	if err := r.Done(); err != nil {
		return nil, fmt.Errorf("page cache: %w", err)
	}
	return &cachedBody{body: &pageBody{html: html, headings: headings, res: res}, search: sp}, nil
}
