package build

import (
	"context"
	"net/url"
	"strings"
	"time"

	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/internal/lastmod"
	"github.com/docgen/docgen/internal/site"
)

// loadDates reads when every page last changed, with one git log for the
// whole site, when the build reads a folder on disk.
func (b *builder) loadDates(ctx context.Context) error {
	if b.opts.SourceDir == "" {
		return nil
	}
	want := make([]string, 0, len(b.site.Pages))
	for _, p := range b.site.Pages {
		want = append(want, p.Path)
	}
	d, err := lastmod.Load(ctx, b.opts.SourceDir, want)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		// The pages are still worth building: without their dates.
		b.diags.Add(&diag.Diagnostic{Level: diag.Warning, ID: "lastmod-failed",
			Msg: "pages show no last-updated date: " + err.Error()})
		return nil
	}
	b.dates = d
	return nil
}

// lastUpdated returns when the page's source last changed, or the zero
// time when the build has no dates.
func (b *builder) lastUpdated(p *site.Page) time.Time {
	if b.dates == nil {
		return time.Time{}
	}
	return b.dates.Of(p.Path)
}

// editURL returns the link to edit the page at path (in the site folder),
// or "" when the site sets no editURL or an invalid one (reported by the
// config).
func editURL(base, path string) string {
	u, err := url.Parse(base)
	if base == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	segs := strings.Split(path, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.TrimSuffix(base, "/") + "/" + strings.Join(segs, "/")
}
