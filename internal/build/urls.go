package build

import (
	"fmt"
	"net/url"
	"reflect"
	"strings"

	"github.com/docgen/docgen/internal/theme"
)

// sitePrefix works out where the site is published: the absolute base URL
// (override wins over the config's) and the path prefix of every URL in
// the output, which pathPrefix sets when the site is mounted in a product
// rather than published at its base URL.
func sitePrefix(configured, override, pathPrefix string) (base, prefix string, err error) {
	raw := configured
	if override != "" {
		raw = override
	}
	if raw != "" {
		u, err := url.Parse(raw)
		if err != nil || u.Scheme == "" || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			return "", "", fmt.Errorf("base URL %q is not an absolute http(s) URL like https://example.com/docs/", raw)
		}
		if u.RawQuery != "" || u.Fragment != "" {
			return "", "", fmt.Errorf("base URL %q must not have a query or fragment", raw)
		}
		prefix = strings.TrimSuffix(u.EscapedPath(), "/")
		base = u.Scheme + "://" + u.Host + prefix
	}
	if pathPrefix != "" {
		p := "/" + strings.Trim(pathPrefix, "/")
		if p == "/" {
			p = ""
		}
		if strings.ContainsAny(p, "?#\\ ") || strings.Contains(p, "//") {
			return "", "", fmt.Errorf("path prefix %q is not a plain URL path like /help", pathPrefix)
		}
		prefix = p
	}
	return base, prefix, nil
}

// prefixed puts the site's path prefix before a site path ("/v1.9.x/a/" →
// "/docs/v1.9.x/a/"); anything else (external, relative, #anchor) is
// returned as it is.
func (b *builder) prefixed(u string) string {
	if b.prefix == "" || !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
		return u
	}
	return b.prefix + u
}

// prefixAssets prefixes every URL of a (each string field is one), so an
// asset a theme adds later cannot be missed.
func (b *builder) prefixAssets(a theme.Assets) theme.Assets {
	v := reflect.ValueOf(&a).Elem()
	for i := range v.NumField() {
		if f := v.Field(i); f.Kind() == reflect.String {
			f.SetString(b.prefixed(f.String()))
		}
	}
	return a
}

// assetLists splits the theme's asset URLs into stylesheets and scripts,
// in the order of their fields, for a product page that shows fragments.
// The theme script that applies a stored light/dark choice to <html> is
// left out (the product's page is not the theme's to change), and so is
// search, which runs the site header's box that fragments do not have.
func assetLists(a theme.Assets) (css, js []string) {
	v := reflect.ValueOf(a)
	for i := range v.NumField() {
		name, u := v.Type().Field(i).Name, v.Field(i)
		if u.Kind() != reflect.String || u.String() == "" || name == "ThemeJS" || name == "SearchJS" {
			continue
		}
		if strings.HasSuffix(u.String(), ".js") {
			js = append(js, u.String())
		} else {
			css = append(css, u.String())
		}
	}
	return css, js
}

// prefixPage rewrites every site path of a page's data to its served URL.
// The build computes with site paths and prefixes them only here and where
// it writes links into bodies, so a check never compares the two kinds.
func (b *builder) prefixPage(d *theme.PageData) {
	if b.prefix == "" {
		return
	}
	d.Site.Home = b.prefixed(d.Site.Home)
	d.URL = b.prefixed(d.URL)
	d.Version.Home = b.prefixed(d.Version.Home)
	for i := range d.Versions {
		d.Versions[i].URL = b.prefixed(d.Versions[i].URL)
	}
	for i := range d.Breadcrumbs {
		d.Breadcrumbs[i].URL = b.prefixed(d.Breadcrumbs[i].URL)
	}
	for _, l := range []*theme.Link{d.Prev, d.Next} {
		if l != nil {
			l.URL = b.prefixed(l.URL)
		}
	}
	d.Search.Index = b.prefixed(d.Search.Index)
	d.Search.Root = b.prefixed(d.Search.Root)
	// The sidebar's URLs are prefixed where its entries are made
	// (themeNav): they are shared between pages and must not change.
}
