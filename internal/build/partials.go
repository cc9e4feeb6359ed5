package build

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/internal/markdown"
	"github.com/docgen/docgen/internal/site"
	"github.com/docgen/docgen/shortcodes"
)

// partialCache parses each partial file once for the whole build; pages
// rendering in parallel share the parsed tree, which rendering only reads.
type partialCache struct {
	b      *builder
	mu     sync.Mutex
	parsed map[string]*partialEntry
	// cached holds the partials of pages taken from the page cache, which
	// were included without being parsed.
	cached map[string]bool
}

type partialEntry struct {
	once sync.Once
	page *markdown.Page
	err  error
}

func (c *partialCache) get(rel string) (*markdown.Page, error) {
	c.mu.Lock()
	e := c.parsed[rel]
	if e == nil {
		e = &partialEntry{}
		c.parsed[rel] = e
	}
	c.mu.Unlock()
	e.once.Do(func() {
		p := c.b.site.Partials[rel]
		raw, err := fs.ReadFile(c.b.site.FS, p)
		if err != nil {
			e.err = err
			return
		}
		e.page = c.b.md.Parse(p, markdown.Normalize(raw))
	})
	return e.page, e.err
}

// markUsed records partials a cached page includes.
func (c *partialCache) markUsed(refs []string) {
	if len(refs) == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cached == nil {
		c.cached = map[string]bool{}
	}
	for _, r := range refs {
		c.cached[r] = true
	}
}

func (c *partialCache) used() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for k, e := range c.parsed {
		if e.page != nil {
			out = append(out, k)
		}
	}
	for k := range c.cached {
		if e := c.parsed[k]; e == nil || e.page == nil {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// partial resolves, validates and renders a partial in place. Its
// diagnostics point into the partial's own file, nested under the tag that
// included it; an include cycle is reported with its chain.
func (rc *renderCtx) partial(w io.Writer, from *diag.File, ref string, vars map[string]any, at int,
	scope *shortcodes.Scope, via []diag.Site, headings *markdown.Headings) error {
	b := rc.b
	version := ""
	if rc.page.Version != nil {
		version = rc.page.Version.Name
	} else if b.site.Default != nil {
		version = b.site.Default.Name
	}
	report := func(level diag.Level, id, msg, hint string) {
		rc.report(&diag.Diagnostic{File: from, Offset: at, Level: level, ID: id, Msg: msg, Hint: hint,
			Via: append([]diag.Site(nil), via...)})
	}
	res := site.ResolvePartial(ref, version, b.site.PartialVersions, func(p string) bool { _, ok := b.site.Partials[p]; return ok })
	for _, c := range res.Tried {
		rc.deps[path.Join(site.PartialsDir, c.Path)] = true
		rc.deps[path.Join(site.AltPartialsDir, c.Path)] = true
	}
	if !res.Found {
		report(diag.Error, "partial-not-found", fmt.Sprintf("partial %q not found", ref), res.Describe(site.PartialsDir))
		_, err := io.WriteString(w, `<div class="dg-unknown-tag" role="note">Missing partial: `+escape(ref)+"</div>\n")
		return err
	}
	found := res.Candidate
	switch found.Kind {
	case site.TypoCorrected:
		report(diag.Warning, "partial-path-typo", fmt.Sprintf("partial %q is missing the slash after its version; read as %q", ref, found.Ref()),
			fmt.Sprintf(`write file="%s"`, found.Ref()))
	case site.Fallback:
		report(diag.Info, "partial-fallback", fmt.Sprintf("partial %q does not exist for this version; using %s", ref, found.Ref()), "")
	}
	file := b.site.Partials[found.Path]
	here := diag.Site{File: from, Offset: at, What: fmt.Sprintf("in partial %q", ref)}
	// A cycle: the file is already on the chain of files that led here.
	chain := make([]string, 0, len(via)+2)
	for _, v := range via {
		chain = append(chain, v.File.Path)
	}
	chain = append(chain, from.Path)
	for _, f := range chain {
		if f == file {
			report(diag.Error, "partial-cycle", fmt.Sprintf("partial %q includes itself", ref),
				"include chain: "+strings.Join(append(chain, file), " → "))
			return nil
		}
	}
	parsed, err := b.partials.get(found.Path)
	if err != nil {
		return err
	}
	rc.partials = append(rc.partials, found.Path)
	inner := &shortcodes.Scope{Vars: vars, Parent: scope}
	sites := append(append([]diag.Site(nil), via...), here)
	for _, d := range markdown.Validate(parsed, b.validationEnv(inner, rc.live)) {
		d.Via = sites
		rc.report(d)
	}
	env := rc.env(parsed.File, inner, sites, headings)
	return markdown.Render(w, parsed, env)
}
