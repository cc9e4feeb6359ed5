package linkcheck

import (
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/internal/suggest"
)

// The ids of the diagnostics Check reports. A site's config may lower each
// to a warning or turn it off.
const (
	IDBroken    = "link-broken"
	IDAnchor    = "anchor-missing"
	IDMalformed = "link-malformed"
)

// Ref is one link of a page, in its text or in a tag attribute.
type Ref struct {
	File *diag.File // the page, or the partial the link is written in
	At   int        // offset of the link in File
	Via  []diag.Site
	// Href is the link as written; URL as the build turned it into a site
	// path ("/v1.9.x/a/#b"), before any hosting prefix.
	Href string
	URL  string
}

// Page is a page's URL and the links on it.
type Page struct {
	URL  string // "/v1.9.x/a/"
	Refs []Ref
}

// Output is what the build wrote.
type Output struct {
	// Files holds the name of every file written ("v1.9.x/a/index.html").
	Files map[string]bool
	// Anchors holds the ids of each HTML page by its URL ("/v1.9.x/a/").
	Anchors map[string]map[string]bool
}

// Policy adjusts what Check reports.
type Policy struct {
	// Levels overrides the level of a check by id; a level of 0 (unset)
	// keeps the default (error), Ignore drops the check.
	Levels map[string]diag.Level
	// IgnoreTargets are patterns of site paths (see Match) whose links
	// are not checked: pages served by another application, say.
	IgnoreTargets []string
	// IgnoreFiles are patterns of source files whose links are not
	// checked.
	IgnoreFiles []string
}

// Ignore is the Policy level that turns a check off.
const Ignore diag.Level = -1

// Check reports every link of pages that names no written file, every
// anchor that names no id on its page, and every malformed external link.
func Check(pages []Page, out Output, pol Policy) diag.List {
	var diags diag.List
	for _, p := range pages {
		d, _ := CheckPage(p, out, pol)
		diags = append(diags, d...)
	}
	return diags
}

// CheckPage checks the links of one page. Besides the diagnostics it
// returns the URLs of the pages whose anchors the page's links name: the
// result stays true as long as the files written and the ids of those
// pages do not change, which lets a preview server check again only what
// an edit can have changed.
func CheckPage(p Page, out Output, pol Policy) (diags diag.List, anchorPages []string) {
	report := func(r Ref, id, msg, hint string) {
		level := diag.Error
		if l, ok := pol.Levels[id]; ok && l != 0 {
			level = l
		}
		if level == Ignore {
			return
		}
		diags = append(diags, &diag.Diagnostic{File: r.File, Offset: r.At, Via: r.Via, Level: level, ID: id, Msg: msg, Hint: hint})
	}
	for _, r := range p.Refs {
		if r.File != nil && len(pol.IgnoreFiles) > 0 && matchAny(pol.IgnoreFiles, r.File.Path) {
			continue
		}
		t, problem := Resolve(p.URL, r.URL)
		switch {
		case problem != "":
			report(r, IDMalformed, fmt.Sprintf("link %q is malformed: %s", r.Href, problem), "")
			continue
		case !t.Internal:
			continue
		case len(pol.IgnoreTargets) > 0 && (matchAny(pol.IgnoreTargets, t.Path) || matchAny(pol.IgnoreTargets, writtenPath(r.Href))):
			continue
		}
		name := FileName(t.Path)
		if !out.Files[name] {
			hint := closestPage(t.Path, out.Files)
			if strings.HasSuffix(t.Path, ".md") {
				hint = "links name a page's URL, not its source file: drop the .md and end the link with /"
			}
			report(r, IDBroken, fmt.Sprintf("link %q goes to %s, which is not a page or file of this site", r.Href, t.Path), hint)
			continue
		}
		if t.Fragment == "" || !strings.HasSuffix(name, ".html") {
			continue
		}
		target := pageURL(t.Path)
		anchorPages = append(anchorPages, target)
		ids, ok := out.Anchors[target]
		if !ok || ids[t.Fragment] || t.Fragment == "top" {
			continue
		}
		report(r, IDAnchor, fmt.Sprintf("link %q: %s has no heading or element with id %q", r.Href, target, t.Fragment), nearest(t.Fragment, ids))
	}
	return diags, anchorPages
}

// writtenPath is the path of a link as written, without query and
// fragment: ignore patterns may name it as authors write it ("/api/**"),
// or as the build resolves it.
func writtenPath(href string) string {
	if i := strings.IndexAny(href, "?#"); i >= 0 {
		href = href[:i]
	}
	return href
}

// Target is where a link goes.
type Target struct {
	// Internal is set for links into the site; Path is then the site
	// path without query and fragment ("/v1.9.x/a/"), and Fragment the
	// anchor, unescaped.
	Internal bool
	Path     string
	Fragment string
}

// Resolve reads href, found on the page at pageURL. It returns a problem
// when href is malformed; external links are only checked for form.
func Resolve(pageURL, href string) (Target, string) {
	if t, ok := resolveSimple(pageURL, href); ok {
		return t, ""
	}
	return resolveURL(pageURL, href)
}

// resolveURL is Resolve for any link, through net/url.
func resolveURL(pageURL, href string) (Target, string) {
	if strings.TrimSpace(href) == "" {
		return Target{}, "it is empty"
	}
	if strings.ContainsAny(href, " \t\n") {
		return Target{}, "it contains white space (write %20)"
	}
	u, err := url.Parse(href)
	if err != nil {
		if ue, ok := err.(*url.Error); ok {
			return Target{}, ue.Err.Error()
		}
		return Target{}, err.Error()
	}
	if u.Scheme != "" || strings.HasPrefix(href, "//") {
		return Target{}, external(u)
	}
	base, err := url.Parse(pageURL)
	if err != nil || !strings.HasPrefix(pageURL, "/") {
		base = &url.URL{Path: "/"}
	}
	abs := base.ResolveReference(u)
	p := abs.Path
	if p == "" {
		p = "/"
	}
	return Target{Internal: true, Path: p, Fragment: u.Fragment}, ""
}

// resolveSimple reads the links most pages are made of (a rooted site
// path, or an anchor on the same page, in plain characters) without
// net/url, which a site of ten thousand pages would otherwise call a
// quarter of a million times per build. It declines anything else.
func resolveSimple(pageURL, href string) (Target, bool) {
	if href == "" || (href[0] != '/' && href[0] != '#') || strings.HasPrefix(href, "//") {
		return Target{}, false
	}
	if !plain(href, true) {
		return Target{}, false
	}
	p, frag, _ := strings.Cut(href, "#")
	if p == "" {
		if !strings.HasPrefix(pageURL, "/") || !plain(pageURL, false) {
			return Target{}, false
		}
		p = pageURL
	}
	if strings.Contains(p, "/.") || strings.Contains(p, "//") {
		return Target{}, false // dot segments and empty ones: let net/url clean them
	}
	return Target{Internal: true, Path: p, Fragment: frag}, true
}

// plain reports whether s has only characters net/url leaves as they are,
// and no "#" unless hash is set.
func plain(s string, hash bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c == '%' || c == '\\' || c >= 0x7f || c == '?' || c == '#' && !hash {
			return false
		}
	}
	return true
}

// external checks the form of a link to another site.
func external(u *url.URL) string {
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "":
		host := u.Hostname()
		switch {
		case host == "":
			return "it has no host"
		case strings.HasPrefix(host, ".") || strings.HasSuffix(host, "..") || strings.Contains(host, ".."):
			return fmt.Sprintf("host %q is not a host name", host)
		}
		if port := u.Port(); u.Host != host && port == "" && !strings.HasPrefix(u.Host, "[") {
			return "it has an empty port"
		}
		return ""
	case "mailto":
		if u.Opaque == "" || !strings.Contains(u.Opaque, "@") {
			return "a mailto link needs an address"
		}
		return ""
	case "tel", "ftp", "ftps", "sftp", "ssh", "git", "data", "irc", "ircs", "slack", "vscode", "file":
		return ""
	case "javascript", "vbscript":
		return "script URLs are not allowed in docs"
	}
	if u.Opaque != "" && isDigits(u.Opaque) {
		// "localhost:8585" reads as scheme "localhost": http:// is missing.
		return fmt.Sprintf("%q reads as a URL scheme; is http:// missing?", u.Scheme)
	}
	if scheme := strings.ToLower(u.Scheme); suggest.Distance(scheme, "http") <= 1 || suggest.Distance(scheme, "https") <= 1 {
		return fmt.Sprintf("scheme %q is not http or https", u.Scheme)
	}
	return ""
}

// FileName is the output file of a site path: "/a/" → "a/index.html",
// "/a.png" → "a.png".
func FileName(sitePath string) string {
	name := strings.TrimPrefix(sitePath, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		return name + "index.html"
	}
	if path.Ext(name) == "" {
		return name + "/index.html"
	}
	return name
}

// pageURL is the URL of the page a site path names: "/a" → "/a/".
func pageURL(sitePath string) string {
	if strings.HasSuffix(sitePath, "/") {
		return sitePath
	}
	if strings.HasSuffix(sitePath, "/index.html") {
		return strings.TrimSuffix(sitePath, "index.html")
	}
	return sitePath + "/"
}

// closestPage names the written page closest to a broken link, by its last
// path element, as a hint.
func closestPage(target string, files map[string]bool) string {
	want := path.Base(strings.TrimSuffix(target, "/"))
	best, bestScore := "", 0
	for name := range files {
		if !strings.HasSuffix(name, "index.html") {
			continue
		}
		u := "/" + strings.TrimSuffix(name, "index.html")
		if strings.HasPrefix(u, "/latest/") {
			continue
		}
		if path.Base(strings.TrimSuffix(u, "/")) != want {
			continue
		}
		// Prefer the page that shares the longest prefix with the target.
		score := commonPrefix(u, target) + 1
		if score > bestScore || score == bestScore && u < best {
			best, bestScore = u, score
		}
	}
	if best == "" {
		return ""
	}
	return "did you mean " + best + "?"
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// nearest lists the ids of a page that are closest to a missing one.
func nearest(want string, ids map[string]bool) string {
	var near []string
	for id := range ids {
		if d := len(id) - len(want); d < -2 || d > 2 {
			if !strings.Contains(id, want) && !(strings.Contains(want, id) && len(id) > 3) {
				continue
			}
		}
		if strings.Contains(id, want) || strings.Contains(want, id) && len(id) > 3 || suggest.Distance(id, want) <= 2 {
			near = append(near, id)
		}
	}
	if len(near) == 0 {
		return ""
	}
	sort.Strings(near)
	if len(near) > 5 {
		near = near[:5]
	}
	return "ids on that page like it: #" + strings.Join(near, ", #")
}

// Match reports whether a site path or file path matches a pattern: a
// path.Match pattern, where a final "/**" also matches everything below.
func Match(pattern, p string) bool {
	if prefix, ok := strings.CutSuffix(pattern, "/**"); ok {
		return p == prefix || strings.HasPrefix(p, prefix+"/") || p == prefix+"/"
	}
	ok, _ := path.Match(pattern, p)
	return ok
}

func matchAny(patterns []string, p string) bool {
	for _, pat := range patterns {
		if Match(pat, p) {
			return true
		}
	}
	return false
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}
