package site

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
)

// CandidateKind says why a partial candidate was tried.
type CandidateKind int

// The kinds of candidates, in the order they are tried.
const (
	Exact           CandidateKind = iota // the reference as written
	VersionRelative                      // a reference without a version, in the including page's version
	TypoCorrected                        // "/v1.9deployment/x.md" read as "/v1.9/deployment/x.md"
	Fallback                             // the same file in an older version
)

// Candidate is one place a partial reference may resolve to.
type Candidate struct {
	// Path is the file's path under the site's content/partials folder,
	// such as "v1.9/deployment/x.md".
	Path string
	Kind CandidateKind
	// Version is the partials version folder of Path ("v1.9").
	Version string
}

// Ref returns the candidate written as a partial reference ("/v1.9/x.md").
func (c Candidate) Ref() string { return "/" + c.Path }

var versionPrefix = regexp.MustCompile(`^/?(v\d+(?:\.\d+)*(?:\.x)?)(/|$)`)
var typoPrefix = regexp.MustCompile(`^/?(v\d+\.\d+)([A-Za-z_].*)$`)

// PartialCandidates returns, in order, every path a partial reference can
// resolve to, for a page of version pageVersion ("v1.9.x"), given the
// partial version folders that exist (any order). It is a pure function:
// which candidate exists is the caller's business.
//
//   - "/v1.9/a/b.md": exactly that, then the same file in each older
//     version, newest first.
//   - "a/b.md" or "/a/b.md" (no version): the page's own version, then
//     older ones.
//   - "/v1.9a/b.md" (the slash after the version forgotten): read as
//     "/v1.9/a/b.md", then older versions.
func PartialCandidates(ref, pageVersion string, partialVersions []string) []Candidate {
	ref = strings.TrimSpace(ref)
	var version, rest string
	kind := Exact
	switch {
	case versionPrefix.MatchString(ref):
		m := versionPrefix.FindStringSubmatch(ref)
		version = Minor(m[1])
		rest = strings.TrimPrefix(ref[len(m[0]):], "/")
	case typoPrefix.MatchString(ref):
		m := typoPrefix.FindStringSubmatch(ref)
		version, rest, kind = m[1], m[2], TypoCorrected
	default:
		version, rest, kind = Minor(pageVersion), strings.TrimPrefix(ref, "/"), VersionRelative
	}
	rest = path.Clean("/" + rest)[1:]
	if rest == "" || rest == "." {
		return nil
	}
	out := []Candidate{{Path: version + "/" + rest, Kind: kind, Version: version}}
	older := make([]string, 0, len(partialVersions))
	for _, v := range partialVersions {
		if compareVersions(v, version) < 0 {
			older = append(older, v)
		}
	}
	sort.Slice(older, func(i, j int) bool { return compareVersions(older[i], older[j]) > 0 })
	for _, v := range older {
		out = append(out, Candidate{Path: v + "/" + rest, Kind: Fallback, Version: v})
	}
	return out
}

// PartialResolution is the outcome of resolving a partial reference.
type PartialResolution struct {
	Found     bool
	Candidate Candidate   // the one found
	Tried     []Candidate // every candidate, in order
}

// Describe lists the candidates tried, one per line, for error messages.
func (r PartialResolution) Describe(root string) string {
	var b strings.Builder
	b.WriteString("tried:")
	for _, c := range r.Tried {
		fmt.Fprintf(&b, "\n  %s", path.Join(root, c.Path))
		switch c.Kind {
		case VersionRelative:
			b.WriteString(" (the page's version)")
		case TypoCorrected:
			b.WriteString(" (reading the version as " + c.Version + "/)")
		case Fallback:
			b.WriteString(" (older version)")
		}
	}
	return b.String()
}

// ResolvePartial returns the first candidate for which exists is true.
func ResolvePartial(ref, pageVersion string, partialVersions []string, exists func(path string) bool) PartialResolution {
	r := PartialResolution{Tried: PartialCandidates(ref, pageVersion, partialVersions)}
	for _, c := range r.Tried {
		if exists(c.Path) {
			r.Found, r.Candidate = true, c
			return r
		}
	}
	return r
}
