package serve

import (
	"bytes"
	"encoding/json"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Snapshot is one build of the site, as the server serves it.
type Snapshot struct {
	// Files maps each output path ("v1.9.x/a/index.html",
	// "_docgen/docgen.1a2b3c4d.css") to its content, exactly what a build
	// would write. The server keeps the byte slices and never modifies
	// them; the caller must not modify them after Publish either (a slice
	// passed again unchanged costs nothing to compare).
	Files map[string][]byte
	// Diagnostics are the errors and warnings of the build that produced
	// it. Publish keeps no reference to the slice.
	Diagnostics []Diagnostic
	// Changes, when not nil, names the files that may differ from the
	// snapshot published before (written again, added, or removed, then
	// not in Files); Publish then looks at no other file of Files, which
	// at ten thousand pages spares comparing tens of thousands of them.
	// nil: any file may have changed.
	Changes []string
}

// Diagnostic is one message of a build, as the browser overlay shows it.
type Diagnostic struct {
	Path     string       `json:"path"`     // repo-relative path of the file
	Line     int          `json:"line"`     // 1-based; 0 when unknown
	Col      int          `json:"col"`      // 1-based byte column; 0 when unknown
	Severity string       `json:"severity"` // "error", "warning" or "note"
	Message  string       `json:"message"`
	ID       string       `json:"id"`               // stable error id ("tag-undefined")
	Source   []SourceLine `json:"source,omitempty"` // a few lines around it
}

// SourceLine is a line of source shown with a Diagnostic.
type SourceLine struct {
	Number int    `json:"number"` // 1-based
	Text   string `json:"text"`
	Here   bool   `json:"here"` // the line the diagnostic points at
}

// Update says what a Publish changed.
type Update struct {
	// ChangedPages are the URL paths ("/v1.9.x/a/") of the pages whose
	// content changed since the previous snapshot, beyond a renamed
	// stylesheet (those are swapped in place, see CSSOnly), or that link
	// a changed file of the same name (an image saved again). Sorted.
	// After a clean build the browsers showing them reload; after a build
	// with errors they are held back and reloaded after the next clean one.
	ChangedPages []string
	// CSSOnly is true when only stylesheets changed: the open tabs swap
	// them without reloading.
	CSSOnly bool
	// Errors is the number of diagnostics of severity "error".
	Errors int
}

// record is what one version told the browsers about pages and
// stylesheets, kept for a while and sent with hello: a tab that connects
// (or reconnects) behind the server catches up from it, reloading only if
// its own page changed in between.
type record struct {
	Version uint64            `json:"version"`
	Reload  []string          `json:"reload,omitempty"`
	CSS     map[string]string `json:"css,omitempty"`
	All     bool              `json:"all,omitempty"` // too many pages to list: every tab reloads
}

// How many records hello carries, and how many pages one may list.
const (
	maxRecent      = 32
	maxRecordPages = 200
)

// maxReported bounds the diagnostics sent to the overlay; the rest are
// counted.
const maxReported = 100

// state is a published snapshot, never modified once published.
type state struct {
	files  map[string]*file
	token  string // the id of the last event sent when it was published
	errors int
	report []byte // data of the errors event; nil when errors == 0
}

// file is one output file. A file equal to the previous snapshot's keeps
// its *file, so "changed" is a pointer comparison and the ETag is
// computed once.
type file struct {
	data []byte
	once sync.Once
	tag  string
}

func (f *file) etag() string {
	f.once.Do(func() { f.tag = etagOf(f.data) })
	return f.tag
}

// Publish swaps in a new snapshot atomically (requests already being
// served finish with the old one), computes what changed since the
// previous one, and tells the browsers:
//
//   - a clean build (no errors) that changed pages sends reload with those
//     pages, and css with the stylesheets renamed or rewritten;
//   - a build with errors sends errors, and holds back its reloads and
//     stylesheet swaps;
//   - the next clean build sends ok, then reload with every page changed
//     since the last clean build (and css likewise).
//
// Files are compared by content. An HTML page whose only change is the
// content-hashed name of a changed stylesheet is not reloaded: the
// stylesheet is swapped in the open tabs.
func (s *Server) Publish(snap Snapshot) Update {
	s.mu.Lock()
	defer s.mu.Unlock()

	old := s.cur.Load()
	var next *state
	var ch change
	if snap.Changes != nil && s.published {
		next = &state{files: maps.Clone(old.files)}
		keys := make([]string, 0, len(snap.Changes))
		for _, name := range snap.Changes {
			key := fileKey(name)
			if key == "" {
				continue
			}
			keys = append(keys, key)
			if data, ok := snap.Files[name]; !ok {
				delete(next.files, key)
			} else if f := old.files[key]; f == nil || !bytes.Equal(f.data, data) {
				next.files[key] = &file{data: data}
			}
		}
		ch = diff(old.files, next.files, keys)
	} else {
		next = &state{files: make(map[string]*file, len(snap.Files))}
		for name, data := range snap.Files {
			key := fileKey(name)
			if key == "" {
				continue
			}
			if f := old.files[key]; f != nil && bytes.Equal(f.data, data) {
				next.files[key] = f
			} else {
				next.files[key] = &file{data: data}
			}
		}
		ch = diff(old.files, next.files, nil)
	}
	next.errors, next.report = report(snap.Diagnostics)
	up := Update{ChangedPages: ch.reload, CSSOnly: len(ch.reload) == 0 && len(ch.css) > 0, Errors: next.errors}

	if s.published {
		// (No browser saw anything before the first snapshot; a tab left
		// open from an earlier run reloads on its hello.)
		for _, p := range ch.reload {
			s.pending[p] = true
		}
		mergeCSS(s.pendCSS, ch.css)
	}
	s.published = true
	type event struct {
		name string
		data []byte
	}
	var events []event
	var rec record
	if next.errors > 0 {
		s.failing = true
		events = append(events, event{"errors", next.report})
	} else {
		if s.failing {
			s.failing = false
			events = append(events, event{"ok", []byte("{}")})
		}
		if len(s.pendCSS) > 0 {
			data, _ := json.Marshal(s.pendCSS)
			events = append(events, event{"css", data})
			rec.CSS = maps.Clone(s.pendCSS)
			clear(s.pendCSS)
		}
		if len(s.pending) > 0 {
			pages := make([]string, 0, len(s.pending))
			for p := range s.pending {
				pages = append(pages, p)
			}
			sort.Strings(pages)
			data, _ := json.Marshal(pages)
			events = append(events, event{"reload", data})
			if len(pages) > maxRecordPages {
				rec.All = true
			} else {
				rec.Reload = pages
			}
			clear(s.pending)
		}
	}
	// The version counts the publishes that told the browsers something,
	// so a tab that reconnects after a publish that changed nothing has
	// nothing to catch up on.
	if len(events) > 0 {
		s.version++
		rec.Version = s.version
		if len(s.recent) == maxRecent {
			s.recent = slices.Delete(s.recent, 0, 1)
		}
		s.recent = append(s.recent, rec)
	}
	next.token = s.token()
	s.cur.Store(next) // before the events: a reload must fetch the new page
	for _, e := range events {
		s.broadcast(e.name, e.data)
	}
	return up
}

// mergeCSS adds the swaps of a later build to held-back ones: a tab still
// showing the first stylesheet must get the last.
func mergeCSS(held, later map[string]string) {
	for from, to := range held {
		if next, ok := later[to]; ok {
			held[from] = next
		}
	}
	for from, to := range later {
		held[from] = to
	}
}

// report counts the errors of a build and encodes the errors event: errors
// first, at most maxReported of them.
func report(diags []Diagnostic) (errors int, data []byte) {
	warnings := 0
	for _, d := range diags {
		switch severityRank(d.Severity) {
		case 0:
			errors++
		case 1:
			warnings++
		}
	}
	if errors == 0 {
		return 0, nil
	}
	// The first maxReported in order of severity, in the order given
	// within one: a pass per severity rather than sorting them all, which
	// at thousands of diagnostics took milliseconds of every save.
	list := make([]Diagnostic, 0, min(len(diags), maxReported))
	for rank := 0; rank <= 2 && len(list) < maxReported; rank++ {
		for _, d := range diags {
			if severityRank(d.Severity) == rank {
				list = append(list, d)
				if len(list) == maxReported {
					break
				}
			}
		}
	}
	omitted := len(diags) - len(list)
	data, _ = json.Marshal(struct {
		Errors      int          `json:"errors"`
		Warnings    int          `json:"warnings"`
		Diagnostics []Diagnostic `json:"diagnostics"`
		Omitted     int          `json:"omitted"`
	}{errors, warnings, list, omitted})
	return errors, data
}

// severityRank orders severities: 0 for errors, 1 for warnings, 2 for the
// rest.
func severityRank(sev string) int {
	switch strings.ToLower(sev) {
	case "error", "fatal", "critical":
		return 0
	case "warning", "warn":
		return 1
	}
	return 2
}

// change is what differs between two snapshots.
type change struct {
	reload []string          // URL paths of the pages to reload, sorted
	css    map[string]string // stylesheet URL paths, old → new
}

// maxScanned bounds the changed same-name assets searched for in pages;
// past it, every page is reloaded.
const maxScanned = 32

// fileKey is the name a file is served under: "a/../b.html" → "b.html";
// "" for none.
func fileKey(name string) string {
	return strings.TrimPrefix(path.Clean("/"+name), "/")
}

// diff compares two snapshots whose equal files share their *file; names,
// when not nil, are the only files that may differ.
func diff(old, cur map[string]*file, names []string) change {
	ch := change{css: map[string]string{}}
	var pages, assets []string
	removedCSS := map[string][]string{} // unhashed name → removed stylesheets
	addedCSS := map[string][]string{}
	note := func(name string, inOld, inCur bool) {
		switch path.Ext(name) {
		case ".html", ".htm":
			pages = append(pages, name)
		case ".css":
			switch {
			case inOld && inCur:
				ch.css["/"+name] = "/" + name // rewritten under the same name
			case inOld:
				removedCSS[unhashed(name)] = append(removedCSS[unhashed(name)], name)
			default:
				addedCSS[unhashed(name)] = append(addedCSS[unhashed(name)], name)
			}
		default:
			if inOld && !isData(name) {
				assets = append(assets, name) // same name, new content, or gone
			}
		}
	}
	if names == nil {
		for name, f := range old {
			if g, ok := cur[name]; !ok || g != f {
				note(name, true, ok)
			}
		}
		for name := range cur {
			if _, ok := old[name]; !ok {
				note(name, false, true)
			}
		}
	} else {
		seen := make(map[string]bool, len(names))
		for _, name := range names {
			f, inOld := old[name]
			g, inCur := cur[name]
			if seen[name] || inOld && inCur && f == g || !inOld && !inCur {
				continue
			}
			seen[name] = true
			note(name, inOld, inCur)
		}
	}

	// A stylesheet renamed by its content hash: one gone, one new, same
	// name otherwise.
	var renames []string
	for stem, gone := range removedCSS {
		if added := addedCSS[stem]; len(gone) == 1 && len(added) == 1 {
			ch.css["/"+gone[0]] = "/" + added[0]
			renames = append(renames, gone[0], added[0])
		}
	}
	var rename *strings.Replacer
	if len(renames) > 0 {
		rename = strings.NewReplacer(renames...)
	}

	reload := map[string]bool{}
	for _, name := range pages {
		o, c := old[name], cur[name]
		if o != nil && c != nil && rename != nil && equalRenamed(rename, o.data, c.data) {
			continue // only the stylesheet's name changed: swapped in place
		}
		reload[pageURL(name)] = true
	}
	if len(assets) > maxScanned {
		for name := range cur {
			if isHTML(name) {
				reload[pageURL(name)] = true
			}
		}
	} else if len(assets) > 0 {
		for name, f := range cur {
			if !isHTML(name) {
				continue
			}
			for _, a := range assets {
				// The base name: it matches absolute and relative links
				// alike; a page reloaded for nothing costs little.
				if bytes.Contains(f.data, []byte(path.Base(a))) {
					reload[pageURL(name)] = true
					break
				}
			}
		}
	}
	for p := range reload {
		ch.reload = append(ch.reload, p)
	}
	sort.Strings(ch.reload)
	return ch
}

// equalRenamed reports whether old, with the renamed stylesheets' names
// replaced, equals cur.
func equalRenamed(r *strings.Replacer, old, cur []byte) bool {
	w := &compareWriter{want: cur, ok: true}
	_, _ = r.WriteString(w, string(old))
	return w.ok && w.off == len(cur)
}

// compareWriter compares what is written to it with want.
type compareWriter struct {
	want []byte
	off  int
	ok   bool
}

func (w *compareWriter) Write(p []byte) (int, error) {
	return w.WriteString(string(p))
}

func (w *compareWriter) WriteString(s string) (int, error) {
	if w.ok {
		if len(s) > len(w.want)-w.off || string(w.want[w.off:w.off+len(s)]) != s {
			w.ok = false
		} else {
			w.off += len(s)
		}
	}
	return len(s), nil
}

// unhashed removes the content hash from an asset name:
// "_docgen/docgen.1a2b3c4d.css" → "_docgen/docgen.css". Other names are
// returned as they are.
func unhashed(name string) string {
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	i := strings.LastIndexByte(stem, '.')
	if i < 0 || len(stem)-i-1 != 8 || strings.Contains(stem[i:], "/") {
		return name
	}
	for _, c := range stem[i+1:] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return name
		}
	}
	return stem[:i] + ext
}

// isData reports whether a file is data that markup cannot embed, only
// link to or a script fetch (the search index: a page names its URL, and
// it changes on every edit). Pages do not show such a file, so its
// change reloads none, and they are not searched for its name.
func isData(name string) bool {
	switch path.Ext(name) {
	case ".json", ".map", ".xml", ".txt", ".md", ".csv", ".yaml", ".yml":
		return true
	}
	return false
}

func isHTML(name string) bool {
	ext := path.Ext(name)
	return ext == ".html" || ext == ".htm"
}

// pageURL is the URL path of an output page: "v1.9.x/a/index.html" →
// "/v1.9.x/a/", "index.html" → "/", "404.html" → "/404.html".
func pageURL(name string) string {
	if name == "index.html" {
		return "/"
	}
	if dir, ok := strings.CutSuffix(name, "/index.html"); ok {
		return "/" + dir + "/"
	}
	return "/" + name
}
