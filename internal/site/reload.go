package site

import (
	"io/fs"
	"slices"
	"strings"

	"github.com/docgen/docgen/internal/config"
	"github.com/docgen/docgen/internal/diag"
)

// reloadEdited is Reload for the common save: every changed path is a
// file that was there before and still is, and none is the config, the
// theme or a menu; the pages among them keep their URL and edition. The
// files, partials, static files, versions and URLs are then those of
// prev, so it reads only the changed pages again, instead of placing ten
// thousand pages anew. ok is false when it does not apply.
//
// It shares with prev all but the changed pages: their versions and the
// index of URLs name the new pages in place of the old ones, so prev must
// not be used again but for what it says of the changed paths
// (PageByPath, HasPartialFile, Static).
func reloadEdited(fsys fs.FS, prev *Site, changed []string, opts Options) (s *Site, diags diag.List, ok bool, err error) {
	if prev == nil || prev.files == nil || len(changed) == 0 || prev.opts != opts {
		return nil, nil, false, nil
	}
	type edit struct {
		i        int // in prev.Pages
		old, now *Page
	}
	var edits []edit
	seen := map[string]bool{}
	for _, c := range changed {
		if seen[c] {
			continue
		}
		seen[c] = true
		if c == "" || c == "." || !fs.ValidPath(c) || c == config.FileName || c == ThemeDir || strings.HasPrefix(c, ThemeDir+"/") {
			return nil, nil, false, nil
		}
		if _, found := slices.BinarySearchFunc(prev.files, c, walkOrder); !found {
			return nil, nil, false, nil
		}
		info, err := fs.Stat(fsys, c)
		if err != nil || !info.Mode().IsRegular() {
			return nil, nil, false, nil
		}
		if !strings.HasPrefix(c, ContentDir+"/") || !strings.HasSuffix(c, ".md") || prev.HasPartialFile(c) {
			continue // a partial or a static file: the site lists them by name only
		}
		i, found := slices.BinarySearchFunc(prev.Pages, c, func(p *Page, path string) int { return strings.Compare(p.Path, path) })
		if !found {
			return nil, nil, false, nil // a menu, or a page this edition leaves out
		}
		old := prev.Pages[i]
		now, frontDiags, err := loadPage(fsys, c)
		if err != nil {
			return nil, nil, false, err
		}
		now.Version = old.Version
		locate(now)
		if now.URL != old.URL || now.Front.Collate != old.Front.Collate {
			return nil, nil, false, nil // it goes elsewhere
		}
		now.frontDiags = frontDiags
		edits = append(edits, edit{i, old, now})
	}

	next := *prev
	s = &next
	s.FS = fsys
	if len(edits) > 0 {
		s.Pages = slices.Clone(prev.Pages)
		vars := s.Config.SiteVariables()
		for _, e := range edits {
			p := e.now
			expandFront(p, vars, &p.placeDiags)
			if owner := prev.byURL[p.URL]; owner != e.old {
				p.placeDiags.Add(urlConflict(p, owner))
			} else {
				s.byURL[p.URL] = p
			}
			s.Pages[e.i] = p
			if v := p.Version; v != nil {
				if j := slices.Index(v.Pages, e.old); j >= 0 {
					v.Pages[j] = p
				}
				if v.Home == e.old {
					v.Home = p
				}
			}
		}
	}
	// The diagnostics a load would give, as a set: which page's come
	// first does not matter once they are sorted.
	diags = append(diags, s.globalDiags...)
	for _, pages := range [][]*Page{s.Pages, s.others} {
		for _, p := range pages {
			diags = append(diags, p.frontDiags...)
			diags = append(diags, p.placeDiags...)
		}
	}
	return s, diags, true, nil
}
