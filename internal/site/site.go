package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/docgen/docgen/internal/config"
	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/internal/live"
	"github.com/docgen/docgen/internal/markdown"
	"go.yaml.in/yaml/v3"
)

// The folders of a site.
const (
	ContentDir  = "content"
	PartialsDir = "content/partials"
	// AltPartialsDir is also read: some sites keep partials beside content/
	// rather than inside it (the generated benchmark corpus does).
	AltPartialsDir = "partials"
	StaticDir      = "static"
	ThemeDir       = "theme"
	MenuFile       = "menu.md"
)

// Site is a loaded site folder.
type Site struct {
	FS     fs.FS
	Config *config.Config
	// ConfigFile is docgen.yaml, for diagnostics found after loading.
	ConfigFile *diag.File
	// Versions, newest first.
	Versions []*Version
	Default  *Version
	// Pages of every version and the unversioned ones (the landing page),
	// sorted by path.
	Pages []*Page
	// PartialVersions are the folders under content/partials ("v1.9").
	PartialVersions []string
	// Partials maps the path of every partial as references name it
	// ("v1.9/x.md") to its file in the site folder.
	Partials map[string]string
	// Static holds the paths under static/ of every static file.
	Static map[string]bool
	// Theme is the site's theme override folder, or nil.
	Theme fs.FS
	// Edition is the product edition being built (see config.Edition).
	Edition string

	byURL map[string]*Page
	// files lists every file of the folder that was read, in the order of
	// fs.WalkDir, for the next Reload.
	files []string
	// elsewhere holds, by URL, the pages left out of this edition, and
	// others all of them, sorted by path.
	elsewhere map[string]*Page
	others    []*Page
	// What a Reload of edited pages needs to return the diagnostics of
	// a load: the options, and the diagnostics that belong to no page
	// (config, partials, versions, menus).
	opts        Options
	globalDiags diag.List
}

// Options adjust how a site folder is read.
type Options struct {
	// Edition, when set, overrides the config's edition (docgen build
	// --edition collate).
	Edition string
}

// Version is one version of the docs.
type Version struct {
	Name      string // "v1.9.x"
	IsDefault bool
	Outdated  bool // older than the default version
	Pages     []*Page
	Home      *Page // the page at the version's root, or nil
	// Menu is the version's menu.md, or nil.
	Menu *Menu
}

// URLPrefix returns "/v1.9.x".
func (v *Version) URLPrefix() string { return "/" + v.Name }

// Page is one page of the site.
type Page struct {
	// Path is the page's file path in the site folder
	// ("content/v1.9.x/deployment/x.md").
	Path    string
	Version *Version // nil for pages outside the versions
	// Slug is the page's path within its version ("/deployment/x"), "/" for
	// a version home.
	Slug string
	// URL is the page's URL ("/v1.9.x/deployment/x/").
	URL   string
	Front FrontMatter
	// Title and Description are the front matter's, with their {% $var %}
	// interpolations filled from the site's variables.
	Title, Description string
	// Src is the page source with line endings normalized.
	Src  []byte
	File *diag.File

	frontDiags diag.List // the problems of its front matter, kept for Reload
	placeDiags diag.List // those of its title, description and URL
}

// LatestURL returns the page's URL under /latest/ when its version is the
// default one, else "".
func (p *Page) LatestURL() string {
	if p.Version == nil || !p.Version.IsDefault {
		return ""
	}
	return "/latest" + strings.TrimSuffix(p.Slug, "/") + "/"
}

// FrontMatter holds the front matter keys docgen reads. Others are kept
// in Extra, so real pages with their own keys load without complaint.
type FrontMatter struct {
	Title       string   `yaml:"title"`
	Slug        string   `yaml:"slug"`
	Description string   `yaml:"description"`
	Collate     bool     `yaml:"collate"`
	NoIndex     bool     `yaml:"noindex"`
	NoFollow    bool     `yaml:"nofollow"`
	Weight      int      `yaml:"weight"`
	Aliases     []string `yaml:"aliases"`
	// Live declares the page's own live variables (see internal/live).
	Live  []live.Variable `yaml:"live"`
	Extra map[string]any  `yaml:",inline"`
}

// Load reads a site folder. Problems with the content are diagnostics; the
// error is for I/O failures only.
func Load(fsys fs.FS) (*Site, diag.List, error) { return ReloadWith(fsys, nil, nil, Options{}) }

// LoadWith is Load with options.
func LoadWith(fsys fs.FS, opts Options) (*Site, diag.List, error) {
	return ReloadWith(fsys, nil, nil, opts)
}

// Reload is Load that takes the pages of a previous load as they were,
// without reading them again, unless their path, or a folder above it, is
// among the changed paths. The preview server passes what its watcher
// reported; a nil prev reads everything. The new site may share parts of
// prev and change them: prev is not to be used afterwards, but to ask
// PageByPath, HasPartialFile and Static about the changed paths.
func Reload(fsys fs.FS, prev *Site, changed []string) (*Site, diag.List, error) {
	return ReloadWith(fsys, prev, changed, Options{})
}

// ReloadWith is Reload with options.
func ReloadWith(fsys fs.FS, prev *Site, changed []string, opts Options) (*Site, diag.List, error) {
	if s, diags, ok, err := reloadEdited(fsys, prev, changed, opts); ok || err != nil {
		return s, diags, err
	}
	var old map[string]*Page
	if prev != nil {
		old = make(map[string]*Page, len(prev.Pages))
		for _, p := range prev.Pages {
			old[p.Path] = p
		}
		for _, c := range changed {
			delete(old, c)
			if len(old) > 0 {
				prefix := c + "/"
				for path := range old {
					if strings.HasPrefix(path, prefix) {
						delete(old, path)
					}
				}
			}
		}
	}
	var diags, global diag.List
	s := &Site{FS: fsys, Partials: map[string]string{}, Static: map[string]bool{}, byURL: map[string]*Page{},
		elsewhere: map[string]*Page{}, opts: opts}

	cfgData, err := fs.ReadFile(fsys, config.FileName)
	switch {
	case err == nil:
		cfg, d := config.Parse(config.FileName, cfgData)
		s.Config = cfg
		s.ConfigFile = diag.NewFile(config.FileName, cfgData)
		diags = append(diags, d...)
		global = append(global, d...)
	case isNotExist(err):
		s.Config = &config.Config{}
	default:
		return nil, nil, err
	}

	if opts.Edition != "" {
		s.Config.Edition = opts.Edition
	}
	s.Edition = s.Config.EditionName()

	if sub, err := fs.Sub(fsys, ThemeDir); err == nil {
		if _, err := fs.Stat(fsys, ThemeDir); err == nil {
			s.Theme = sub
		}
	}

	versions := map[string]*Version{}
	var menus []string
	var loaded map[string]*loadedPage // the pages read ahead, by path
	visit := func(p string) error {
		switch {
		case strings.HasPrefix(p, PartialsDir+"/") || strings.HasPrefix(p, AltPartialsDir+"/"):
			rel := strings.TrimPrefix(strings.TrimPrefix(p, PartialsDir+"/"), AltPartialsDir+"/")
			if _, dup := s.Partials[rel]; dup {
				d := &diag.Diagnostic{File: diag.NewFile(p, nil), Level: diag.Warning, ID: "partial-duplicate",
					Msg: fmt.Sprintf("partial %s exists in both %s/ and %s/; %s/ is used", rel, PartialsDir, AltPartialsDir, PartialsDir)}
				diags.Add(d)
				global.Add(d)
				if strings.HasPrefix(p, AltPartialsDir+"/") {
					return nil
				}
			}
			s.Partials[rel] = p
			v, _, _ := strings.Cut(rel, "/")
			if !contains(s.PartialVersions, v) {
				s.PartialVersions = append(s.PartialVersions, v)
			}
		case strings.HasPrefix(p, StaticDir+"/"):
			s.Static[strings.TrimPrefix(p, StaticDir+"/")] = true
		case strings.HasPrefix(p, ContentDir+"/") && strings.HasSuffix(p, ".md"):
			rel := strings.TrimPrefix(p, ContentDir+"/")
			first, _, nested := strings.Cut(rel, "/")
			if nested && isVersionDir(first) {
				if versions[first] == nil {
					versions[first] = &Version{Name: first}
				}
				if rel == first+"/"+MenuFile {
					menus = append(menus, p)
					return nil
				}
			}
			var page *Page
			if o := old[p]; o != nil {
				// Unchanged: keep what was read, recompute where it goes.
				page = &Page{Path: o.Path, Front: o.Front, Src: o.Src, File: o.File, frontDiags: o.frontDiags}
				diags = append(diags, o.frontDiags...)
			} else {
				l := loaded[p]
				if l == nil {
					l = &loadedPage{}
					l.page, l.diags, l.err = loadPage(fsys, p)
				}
				if l.err != nil {
					return l.err
				}
				page = l.page
				page.frontDiags = l.diags
				diags = append(diags, l.diags...)
			}
			if nested && isVersionDir(first) {
				page.Version = versions[first]
			}
			s.Pages = append(s.Pages, page)
		}
		return nil
	}
	// The files of the folder: those of the previous load updated with
	// the changed paths when the watcher names every change, which spares
	// a walk of ten thousand files on every save; else a walk.
	files, known := updatedFiles(fsys, prev, changed)
	err = nil
	if !known {
		files = nil
		err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if p != "." && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				return nil
			}
			files = append(files, p)
			return nil
		})
	}
	s.files = files
	if err == nil {
		loaded = loadPages(fsys, files, old)
		for _, p := range files {
			if err = visit(p); err != nil {
				break
			}
		}
	}
	if err != nil && !isNotExist(err) {
		return nil, nil, err
	}
	sort.Slice(s.Pages, func(i, j int) bool { return s.Pages[i].Path < s.Pages[j].Path })
	sort.Slice(s.PartialVersions, func(i, j int) bool { return compareVersions(s.PartialVersions[i], s.PartialVersions[j]) > 0 })

	n := len(diags)
	s.orderVersions(versions, &diags)
	global = append(global, diags[n:]...)
	vars := s.Config.SiteVariables()
	kept := s.Pages[:0]
	for _, p := range s.Pages {
		n := len(diags)
		expandFront(p, vars, &diags)
		// A page of the collate edition is left out of the others: not
		// built, not in the navigation; links to it are reported.
		if p.Front.Collate && s.Edition != config.EditionCollate {
			s.placeElsewhere(p)
			s.others = append(s.others, p)
		} else {
			kept = append(kept, p)
			s.placePage(p, &diags)
		}
		p.placeDiags = diags[n:len(diags):len(diags)]
	}
	s.Pages = kept
	for _, m := range menus {
		v := versions[strings.Split(m, "/")[1]]
		menu, d, err := loadMenu(fsys, m)
		if err != nil {
			return nil, nil, err
		}
		diags = append(diags, d...)
		global = append(global, d...)
		v.Menu = menu
	}
	s.globalDiags = global
	return s, diags, nil
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// orderVersions sorts the versions (the config's order when it lists them,
// else newest first) and picks the default.
func (s *Site) orderVersions(found map[string]*Version, diags *diag.List) {
	cfg := s.Config
	cfgFile := diag.NewFile(config.FileName, nil)
	if len(cfg.Versions) > 0 {
		for _, name := range cfg.Versions {
			v := found[name]
			if v == nil {
				diags.Add(&diag.Diagnostic{File: cfgFile, Level: diag.Warning, ID: "version-empty",
					Msg: fmt.Sprintf("version %q has no pages under content/%s", name, name)})
				v = &Version{Name: name}
				found[name] = v
			}
			s.Versions = append(s.Versions, v)
		}
		for name, v := range found {
			if !contains(cfg.Versions, name) {
				diags.Add(&diag.Diagnostic{File: cfgFile, Level: diag.Warning, ID: "version-unlisted",
					Msg: fmt.Sprintf("content/%s is not listed in versions; it is built after the listed ones", name)})
				s.Versions = append(s.Versions, v)
			}
		}
		listed := len(cfg.Versions)
		rest := s.Versions[listed:]
		sort.Slice(rest, func(i, j int) bool { return compareVersions(rest[i].Name, rest[j].Name) > 0 })
	} else {
		for _, v := range found {
			s.Versions = append(s.Versions, v)
		}
		sort.Slice(s.Versions, func(i, j int) bool { return compareVersions(s.Versions[i].Name, s.Versions[j].Name) > 0 })
	}
	if len(s.Versions) == 0 {
		return
	}
	s.Default = s.Versions[0]
	if cfg.DefaultVersion != "" {
		if v := found[cfg.DefaultVersion]; v != nil {
			s.Default = v
		}
	}
	s.Default.IsDefault = true
	for _, v := range s.Versions {
		v.Outdated = compareVersions(v.Name, s.Default.Name) < 0
	}
}

// placePage computes a page's slug and URL and files it under its version.
func (s *Site) placePage(p *Page, diags *diag.List) {
	locate(p)
	if p.Version != nil {
		p.Version.Pages = append(p.Version.Pages, p)
		if p.Slug == "/" {
			p.Version.Home = p
		}
	}
	if other, dup := s.byURL[p.URL]; dup {
		diags.Add(urlConflict(p, other))
		return
	}
	s.byURL[p.URL] = p
}

// urlConflict reports that page p has the URL of an earlier page.
func urlConflict(p, other *Page) *diag.Diagnostic {
	return &diag.Diagnostic{File: p.File, Level: diag.Error, ID: "url-conflict",
		Msg:  fmt.Sprintf("page URL %s is also the URL of %s", p.URL, other.Path),
		Hint: "give one of them another slug in its front matter"}
}

// locate computes a page's slug and URL.
func locate(p *Page) {
	slug := p.Front.Slug
	if slug == "" {
		rel := strings.TrimPrefix(p.Path, ContentDir+"/")
		if p.Version != nil {
			rel = strings.TrimPrefix(rel, p.Version.Name+"/")
		}
		rel = strings.TrimSuffix(rel, ".md")
		if rel == "index" || strings.HasSuffix(rel, "/index") {
			rel = strings.TrimSuffix(rel, "index")
		}
		slug = "/" + rel
	}
	slug = "/" + strings.Trim(path.Clean("/"+slug), "/")
	p.Slug = slug
	prefix := ""
	if p.Version != nil {
		prefix = p.Version.URLPrefix()
	}
	p.URL = prefix + strings.TrimSuffix(slug, "/") + "/"
}

// PageByPath returns the page built from the file at path
// ("content/v1.9.x/x.md"), or nil.
func (s *Site) PageByPath(path string) *Page {
	i, found := slices.BinarySearchFunc(s.Pages, path, func(p *Page, path string) int { return strings.Compare(p.Path, path) })
	if !found {
		return nil
	}
	return s.Pages[i]
}

// HasPartialFile reports whether the file at path ("content/partials/v1.9/x.md")
// is one of the site's partials.
func (s *Site) HasPartialFile(path string) bool {
	for _, prefix := range []string{PartialsDir + "/", AltPartialsDir + "/"} {
		if rel, ok := strings.CutPrefix(path, prefix); ok && s.Partials[rel] == path {
			return true
		}
	}
	return false
}

// PageByURL returns the page with the given URL ("/v1.9.x/x/").
func (s *Site) PageByURL(url string) *Page { return s.byURL[url] }

// OtherEdition returns the page at url ("/v1.9.x/x/" or "/latest/x/") when
// this edition leaves it out (it has collate: true), or nil.
func (s *Site) OtherEdition(url string) *Page { return s.elsewhere[url] }

// LeftOut returns the URLs (both, for a page that also has a /latest/
// one) and paths of the pages this edition leaves out, sorted by URL:
// what links to them render as depends on them.
func (s *Site) LeftOut() [][2]string {
	out := make([][2]string, 0, len(s.elsewhere))
	for u, p := range s.elsewhere {
		out = append(out, [2]string{u, p.Path})
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// EditionOf returns the only edition that builds p, for messages about a
// page left out.
func EditionOf(p *Page) string {
	if p.Front.Collate {
		return config.EditionCollate
	}
	return config.EditionOSS
}

// placeElsewhere records where a page left out of this edition would be,
// so that links to it can be told apart from links to nothing.
func (s *Site) placeElsewhere(p *Page) {
	locate(p)
	s.elsewhere[p.URL] = p
	if latest := p.LatestURL(); latest != "" {
		s.elsewhere[latest] = p
	}
}

// expandFront fills the variables of a page's title and description
// ("{% $brandName %} Setup"); an undefined variable is an error at the
// front matter line that uses it.
func expandFront(p *Page, vars map[string]any, diags *diag.List) {
	fill := func(key, text string) string {
		out, undefined, bad := markdown.ExpandText(text, vars)
		if len(undefined) == 0 && len(bad) == 0 {
			return out
		}
		at := 0
		if _, start, end, ok := markdown.Frontmatter(p.Src); ok {
			at = start
			if i := bytes.Index(p.Src[start:end], []byte(key+":")); i >= 0 {
				at = start + i
			}
		}
		for _, v := range undefined {
			diags.Add(&diag.Diagnostic{File: p.File, Offset: at, Level: diag.Error, ID: "variable-undefined",
				Msg:  fmt.Sprintf("front matter %s uses the undefined variable %s", key, v),
				Hint: "define it under variables: in " + config.FileName})
		}
		for _, raw := range bad {
			diags.Add(&diag.Diagnostic{File: p.File, Offset: at, Level: diag.Error, ID: "frontmatter-invalid",
				Msg: fmt.Sprintf("front matter %s may only interpolate variables ({%% $name %%}); %s is left out", key, raw)})
		}
		return out
	}
	p.Title = fill("title", p.Front.Title)
	p.Description = fill("description", p.Front.Description)
}

// Version returns the version of the given name, or nil.
func (s *Site) Version(name string) *Version {
	for _, v := range s.Versions {
		if v.Name == name {
			return v
		}
	}
	return nil
}

// loadedPage is a page read by loadPages.
type loadedPage struct {
	page  *Page
	diags diag.List
	err   error
}

// loadWorkers is how many pages loadPages reads at once.
const loadWorkers = 8

// loadPages reads the pages among files that old does not hold, several
// at a time: one after the other, reading ten thousand files and
// decoding their front matter held up the whole build for half a second.
// The pages are placed in the site in the order of files all the same.
func loadPages(fsys fs.FS, files []string, old map[string]*Page) map[string]*loadedPage {
	var todo []string
	for _, p := range files {
		if strings.HasPrefix(p, ContentDir+"/") && strings.HasSuffix(p, ".md") && old[p] == nil {
			todo = append(todo, p)
		}
	}
	out := make([]loadedPage, len(todo))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(loadWorkers, len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				l := &out[i]
				l.page, l.diags, l.err = loadPage(fsys, todo[i])
			}
		}()
	}
	for i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	m := make(map[string]*loadedPage, len(todo))
	for i, p := range todo {
		m[p] = &out[i]
	}
	return m
}

func loadPage(fsys fs.FS, p string) (*Page, diag.List, error) {
	raw, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, nil, err
	}
	src := markdown.Normalize(raw)
	page := &Page{Path: p, Src: src, File: diag.NewFile(p, src)}
	var diags diag.List
	if _, start, end, ok := markdown.Frontmatter(src); ok {
		if d := decodeYAML(page.File, src[start:end], start, &page.Front); d != nil {
			diags.Add(d)
		}
	}
	return page, diags, nil
}

// decodeYAML decodes a YAML block that starts at offset base of file,
// reporting a syntax or type error at its position in the file.
func decodeYAML(file *diag.File, data []byte, base int, v any) *diag.Diagnostic {
	err := yaml.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
	off := base
	var line int
	if _, scanErr := fmt.Sscanf(msg, "line %d:", &line); scanErr == nil && line > 0 {
		for i := 1; i < line; i++ {
			j := bytes.IndexByte(data[off-base:], '\n')
			if j < 0 {
				break
			}
			off += j + 1
		}
		msg = msg[strings.Index(msg, ":")+1:]
	}
	return &diag.Diagnostic{File: file, Offset: off, Level: diag.Error, ID: "frontmatter-invalid",
		Msg: "front matter: " + strings.TrimSpace(msg)}
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// updatedFiles returns the file list of prev with the changed paths applied,
// in fs.WalkDir order; known is false when that cannot be worked out
// without a walk (no previous load, nothing named, or a changed path that
// is now a folder).
func updatedFiles(fsys fs.FS, prev *Site, changed []string) (files []string, known bool) {
	if prev == nil || prev.files == nil || len(changed) == 0 {
		return nil, false
	}
	files = prev.files
	copied := false
	for _, c := range changed {
		if c == "" || c == "." || !fs.ValidPath(c) {
			return nil, false
		}
		info, err := fs.Stat(fsys, c)
		switch {
		case err == nil && info.IsDir():
			return nil, false
		case err != nil && !isNotExist(err):
			return nil, false
		}
		if !copied {
			files = append([]string(nil), files...)
			copied = true
		}
		i, found := slices.BinarySearchFunc(files, c, walkOrder)
		if err == nil { // a file, new or changed
			if !found && !hidden(c) {
				files = slices.Insert(files, i, c)
			}
			continue
		}
		// Gone: the file, or a folder and everything below it.
		if found {
			files = slices.Delete(files, i, i+1)
		}
		prefix := c + "/"
		j, _ := slices.BinarySearchFunc(files, prefix, walkOrder)
		k := j
		for k < len(files) && strings.HasPrefix(files[k], prefix) {
			k++
		}
		files = slices.Delete(files, j, k)
	}
	return files, true
}

// walkOrder compares paths as fs.WalkDir orders them: element by element,
// so that a folder's files come before a sibling file whose name extends
// the folder's ("a/b.md" before "a.md").
func walkOrder(a, b string) int {
	for {
		ea, ra, moreA := strings.Cut(a, "/")
		eb, rb, moreB := strings.Cut(b, "/")
		if c := strings.Compare(ea, eb); c != 0 {
			return c
		}
		switch {
		case !moreA && !moreB:
			return 0
		case !moreA:
			return -1
		case !moreB:
			return 1
		}
		a, b = ra, rb
	}
}

// hidden reports a path inside a folder whose name starts with a dot,
// which the walk skips.
func hidden(p string) bool {
	parts := strings.Split(p, "/")
	for _, dir := range parts[:len(parts)-1] {
		if strings.HasPrefix(dir, ".") {
			return true
		}
	}
	return false
}
