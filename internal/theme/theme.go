package theme

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/docgen/docgen/themes"
)

// PageLayout is the layout, under layouts/, that RenderPage executes.
const PageLayout = "page.html"

// Theme is a loaded theme: parsed layouts, icons and hashed static files.
// It is immutable once loaded and safe for concurrent use.
type Theme struct {
	tmpl  *template.Template
	icons map[string]template.HTML // by canonical name: "arrow_back"
	// squashed maps a canonical name without underscores to the name, so
	// that "arrowback" and "ARROWBACK" find arrow_back.
	squashed map[string]string
	files    map[string][]byte // output path ("_docgen/docgen.1a2b3c4d.css") -> content
	urls     Assets
}

// file is one file of the merged theme tree.
type file struct {
	data []byte
	from string // "default theme" or "site theme", for messages
}

// Load reads a theme: base is the complete theme (normally themes.Default()),
// override, which may be nil, is a site's theme folder whose files replace
// the base's files of the same path, or add new ones. Both trees hold
// layouts/, static/ and icons/; other files are ignored.
//
// A layout that does not parse is an error naming its file.
func Load(base, override fs.FS) (*Theme, error) {
	if base == nil {
		return nil, errors.New("theme: no base theme")
	}
	merged := map[string]file{}
	if err := collect(merged, base, "default theme"); err != nil {
		return nil, err
	}
	if override != nil {
		if err := collect(merged, override, "site theme"); err != nil {
			return nil, err
		}
	}

	t := &Theme{icons: map[string]template.HTML{}, squashed: map[string]string{}}
	names := sortedKeys(merged)
	for _, name := range names {
		rel, ok := strings.CutPrefix(name, "icons/")
		if !ok || path.Ext(rel) != ".svg" || strings.Contains(rel, "/") {
			continue
		}
		f := merged[name]
		svg, err := inlineSVG(f.data)
		if err != nil {
			return nil, fmt.Errorf("theme: %s (%s): %w", name, f.from, err)
		}
		icon := strings.ToLower(strings.TrimSuffix(rel, ".svg"))
		t.icons[icon] = svg
		t.squashed[strings.ReplaceAll(icon, "_", "")] = icon
	}

	t.tmpl = template.New("").Funcs(template.FuncMap{
		"icon": t.iconOrFallback,
	})
	for _, name := range names {
		rel, ok := strings.CutPrefix(name, "layouts/")
		if !ok || path.Ext(rel) != ".html" {
			continue
		}
		f := merged[name]
		if _, err := t.tmpl.New(rel).Parse(string(f.data)); err != nil {
			return nil, fmt.Errorf("theme: %s (%s): %w", name, f.from, err)
		}
	}
	if t.tmpl.Lookup(PageLayout) == nil {
		return nil, fmt.Errorf("theme: layouts/%s is missing", PageLayout)
	}

	t.files, t.urls = hashStatic(merged, names)
	return t, nil
}

// LoadDefault loads the embedded default theme with a site's override
// folder (nil for none) laid over it.
func LoadDefault(override fs.FS) (*Theme, error) {
	return Load(themes.Default(), override)
}

// collect reads the theme files of fsys into m, replacing entries of the
// same path.
func collect(m map[string]file, fsys fs.FS, from string) error {
	for _, dir := range []string{"layouts", "static", "icons"} {
		err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == dir && errors.Is(err, fs.ErrNotExist) {
					return fs.SkipDir
				}
				return err
			}
			if d.IsDir() {
				return nil
			}
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			m[p] = file{data: data, from: from}
			return nil
		})
		if err != nil {
			return fmt.Errorf("theme: reading %s: %w", from, err)
		}
	}
	return nil
}

// RenderPage executes the page layout on data and writes the page to w.
// Nothing is written when the layout fails.
func (t *Theme) RenderPage(w io.Writer, data *PageData) error {
	if data == nil {
		return errors.New("theme: RenderPage: nil PageData")
	}
	// A page that fails to render writes nothing: into a bytes.Buffer
	// given, what was written is cut off again; else into a buffer of
	// our own, copied once whole.
	buf, direct := w.(*bytes.Buffer)
	if !direct {
		buf = new(bytes.Buffer)
	}
	start := buf.Len()
	if err := t.tmpl.ExecuteTemplate(buf, PageLayout, data); err != nil {
		buf.Truncate(start)
		return fmt.Errorf("theme: %w", err)
	}
	if direct {
		return nil
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// NavItemLayout renders one sidebar entry (and, through
// partials/nav.html, its children).
const NavItemLayout = "partials/nav-item.html"

// RenderNavItem renders one sidebar entry as a page would, for
// NavNode.HTML. A theme that has no partials/nav-item.html (an override
// that replaced partials/nav.html with its own tree) gets "" and no error:
// its pages render every node themselves.
func (t *Theme) RenderNavItem(n *NavNode) (template.HTML, error) {
	if t.tmpl.Lookup(NavItemLayout) == nil || n == nil {
		return "", nil
	}
	var buf bytes.Buffer
	if err := t.tmpl.ExecuteTemplate(&buf, NavItemLayout, n); err != nil {
		return "", fmt.Errorf("theme: %w", err)
	}
	return template.HTML(buf.String()), nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
