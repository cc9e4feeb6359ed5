package config

import (
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/internal/suggest"
)

// CheckIDs are the diagnostics a site may lower to a warning or turn off
// under checks.levels: problems of links and files that a team may have
// reasons to publish with. Errors in the markup itself cannot be lowered.
var CheckIDs = []string{
	"anchor-missing",
	"image-not-found",
	"link-broken",
	"link-malformed",
	"menu-missing-page",
	"redirect-broken",
}

// Checks adjusts the build's checks:
//
//	checks:
//	  levels: {anchor-missing: warning, link-malformed: ignore}
//	  ignoreTargets: ["/api/**"]         # links into these paths are not checked
//	  ignoreFiles: ["content/v1.8.x/**"] # links in these files are not checked
type Checks struct {
	Levels        map[string]string `yaml:"levels"`
	IgnoreTargets []string          `yaml:"ignoreTargets"`
	IgnoreFiles   []string          `yaml:"ignoreFiles"`
}

// Level returns the level a check's diagnostics get: the default level,
// unless the config sets one; ignored is true when the config turns the
// check off.
func (c Checks) Level(id string, def diag.Level) (level diag.Level, ignored bool) {
	switch c.Levels[id] {
	case "ignore":
		return def, true
	case "":
		return def, false
	}
	if l, ok := diag.ParseLevel(c.Levels[id]); ok {
		return l, false
	}
	return def, false
}

func (c Checks) validate(bad func(msg string, path ...string)) {
	ids := make([]string, 0, len(c.Levels))
	for id := range c.Levels {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		known := false
		for _, k := range CheckIDs {
			known = known || k == id
		}
		if !known {
			msg := fmt.Sprintf("checks.levels: %q is not a check that can be adjusted (one of %s)", id, strings.Join(CheckIDs, ", "))
			if s := suggest.DidYouMean(id, CheckIDs); s != "" {
				msg += "; " + s
			}
			bad(msg, "checks", "levels", id)
			continue
		}
		switch c.Levels[id] {
		case "ignore", "warning", "error", "info":
		default:
			bad(fmt.Sprintf("checks.levels.%s: %q is not error, warning, info or ignore", id, c.Levels[id]), "checks", "levels", id)
		}
	}
	for key, list := range map[string][]string{"ignoreTargets": c.IgnoreTargets, "ignoreFiles": c.IgnoreFiles} {
		for i, pat := range list {
			if _, err := path.Match(strings.TrimSuffix(pat, "/**"), ""); err != nil || pat == "" {
				bad(fmt.Sprintf("checks.%s: %q is not a path pattern", key, pat), "checks", key, strconv.Itoa(i))
			}
		}
	}
}

// Redirect sends readers of an old URL to a new one. Both are site paths
// (an unversioned path is read in the default version, as links are).
type Redirect struct {
	From string `yaml:"from"`
	To   string `yaml:"to"`
	// Offset is where the entry is in docgen.yaml, for diagnostics.
	Offset int `yaml:"-"`
}

func (r Redirect) validate(i int, bad func(msg string, path ...string)) {
	at := strconv.Itoa(i)
	if !strings.HasPrefix(r.From, "/") {
		bad(fmt.Sprintf("redirects[%d].from %q must be a site path starting with /", i, r.From), "redirects", at, "from")
	}
	if r.To == "" {
		bad(fmt.Sprintf("redirects[%d] has no to", i), "redirects", at)
	}
}
