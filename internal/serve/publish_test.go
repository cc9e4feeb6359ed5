package serve

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// restyled is site() after the stylesheet changed: a new file under a new
// hashed name, and every page linking it.
func restyled(files map[string][]byte, from, to, body string) map[string][]byte {
	out := with(files, from, nil, to, body)
	for name, data := range out {
		if isHTML(name) {
			out[name] = bytes.ReplaceAll(data, []byte(from), []byte(to))
		}
	}
	return out
}

func TestPublishDiff(t *testing.T) {
	base := site()
	tests := []struct {
		name string
		next map[string][]byte
		want Update
	}{
		{"nothing changed", clone(base), Update{}},
		{"page changed", with(base, "v1.9.x/a/index.html", page("A, edited", css1)),
			Update{ChangedPages: []string{"/v1.9.x/a/"}}},
		{"home page changed", with(base, "index.html", page("Home, edited", css1)),
			Update{ChangedPages: []string{"/"}}},
		{"page added", with(base, "v1.9.x/c/index.html", page("C", css1)),
			Update{ChangedPages: []string{"/v1.9.x/c/"}}},
		{"page removed", with(base, "v1.9.x/b/index.html", nil),
			Update{ChangedPages: []string{"/v1.9.x/b/"}}},
		{"stylesheet renamed", restyled(base, css1, css2, "body { color: navy }\n"),
			Update{CSSOnly: true}},
		{"stylesheet rewritten under the same name", with(base, css1, "body { color: red }\n"),
			Update{CSSOnly: true}},
		{"stylesheet renamed and a page edited",
			with(restyled(base, css1, css2, "body { color: navy }\n"), "v1.9.x/b/index.html", page("B, edited", css2)),
			Update{ChangedPages: []string{"/v1.9.x/b/"}}},
		{"image saved again", with(base, "images/shot.png", "\x89PNG\r\n\x1a\nsecond"),
			Update{ChangedPages: []string{"/", "/v1.9.x/a/", "/v1.9.x/b/"}}},
		{"image nobody links", with(base, "images/unused.png", "x"), Update{}},
		{"data file changed", with(base, "v1.9.x/a/data.json", `{"a": 2}`), Update{}},
		{"data file gone", with(base, "v1.9.x/a/data.json", nil), Update{}},
		{"errors", with(base, "v1.9.x/a/index.html", page("A, edited", css1)),
			Update{ChangedPages: []string{"/v1.9.x/a/"}, Errors: 1}},
	}
	for _, tt := range tests {
		// Each case twice: comparing every file, and told which may have
		// changed (those that did, and one that did not).
		for _, delta := range []bool{false, true} {
			s := New(Options{Addr: "127.0.0.1:1313"})
			s.Publish(Snapshot{Files: base})
			var diags []Diagnostic
			if tt.want.Errors > 0 {
				diags = []Diagnostic{{Path: "content/a.md", Line: 1, Col: 1, Severity: "error", Message: "m", ID: "x"},
					{Path: "content/a.md", Line: 2, Col: 1, Severity: "warning", Message: "w", ID: "y"}}
			}
			snap := Snapshot{Files: tt.next, Diagnostics: diags}
			if delta {
				snap.Changes = changedNames(base, tt.next)
				snap.Changes = append(snap.Changes, "v1.9.x/a/index.html")
			}
			got := s.Publish(snap)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%s (delta %v): got %+v, want %+v", tt.name, delta, got, tt.want)
			}
			if served := s.cur.Load().files; len(served) != len(tt.next) {
				t.Errorf("%s (delta %v): serves %d files, want %d", tt.name, delta, len(served), len(tt.next))
			} else {
				for name, data := range tt.next {
					if f := served[name]; f == nil || !bytes.Equal(f.data, data) {
						t.Errorf("%s (delta %v): %s is not served as published", tt.name, delta, name)
					}
				}
			}
		}
	}
}

// changedNames lists the files that differ between two snapshots.
func changedNames(old, cur map[string][]byte) []string {
	names := []string{}
	for n, data := range cur {
		if o, ok := old[n]; !ok || !bytes.Equal(o, data) {
			names = append(names, n)
		}
	}
	for n := range old {
		if _, ok := cur[n]; !ok {
			names = append(names, n)
		}
	}
	return names
}

// TestPublishDataNamedByPages: every page names the search index of its
// version, which an edit anywhere rewrites; the pages do not show it, so
// they are not reloaded.
func TestPublishDataNamedByPages(t *testing.T) {
	named := page(`A <div data-search-index="/_docgen/search/v1.9.x.json"></div>`, css1)
	base := with(site(), "v1.9.x/a/index.html", named,
		"_docgen/search/v1.9.x.json", `{"shards":["v1.9.x/1.json"]}`, "_docgen/search/v1.9.x/1.json", "{}")
	s := New(Options{Addr: "127.0.0.1:1313"})
	s.Publish(Snapshot{Files: base})
	next := with(base, "_docgen/search/v1.9.x.json", `{"shards":["v1.9.x/2.json"]}`,
		"_docgen/search/v1.9.x/1.json", nil, "_docgen/search/v1.9.x/2.json", "{}")
	if got := s.Publish(Snapshot{Files: next}); !reflect.DeepEqual(got, Update{}) {
		t.Errorf("got %+v, want no page reloaded", got)
	}
}

func TestPublishFirst(t *testing.T) {
	s := New(Options{Addr: "127.0.0.1:1313"})
	up := s.Publish(Snapshot{Files: site()})
	want := []string{"/", "/v1.9.x/a/", "/v1.9.x/b/", "/v1.9.x/bodyonly/a.html", "/v1.9.x/has-script.html", "/v1.9.x/standalone.html", "/v1.9.x/upper/"}
	if !reflect.DeepEqual(up.ChangedPages, want) {
		t.Errorf("the first publish: pages %q, want every page %q", up.ChangedPages, want)
	}
}

// TestPublishEvents follows a session: every event each publish sends.
func TestPublishEvents(t *testing.T) {
	ts := start(t, nil, nil)
	s := ts.s
	s.Publish(Snapshot{Files: site()})
	st := ts.listen(t)
	hello := st.expect(t, "hello", "*")
	var h struct {
		Server  string `json:"server"`
		Version int    `json:"version"`
	}
	// The first publish told nobody anything: version 0.
	if err := json.Unmarshal([]byte(hello.data), &h); err != nil || h.Server == "" || h.Version != 0 {
		t.Fatalf("hello %s: %v", hello.data, err)
	}
	if hello.id != h.Server+".0" {
		t.Errorf("hello id %q, want %q", hello.id, h.Server+".0")
	}

	// A page changed.
	v2 := with(site(), "v1.9.x/a/index.html", page("A2", css1))
	s.Publish(Snapshot{Files: v2})
	ev := st.expect(t, "reload", `["/v1.9.x/a/"]`)
	if ev.id != h.Server+".1" {
		t.Errorf("reload id %q, want %q", ev.id, h.Server+".1")
	}
	// Pages are stamped with the id of the last event sent.
	if _, body := ts.get(t, "/v1.9.x/b/"); !strings.Contains(body, `data-version="`+h.Server+`.1"`) {
		t.Errorf("the page is not stamped with %s.1:\n%s", h.Server, body)
	}

	// Only the stylesheet changed.
	v3 := restyled(v2, css1, css2, "body { color: navy }\n")
	if up := s.Publish(Snapshot{Files: v3}); !up.CSSOnly || len(up.ChangedPages) != 0 {
		t.Errorf("stylesheet renamed: %+v, want CSSOnly", up)
	}
	st.expect(t, "css", `{"/`+css1+`":"/`+css2+`"}`)

	// Nothing changed: nothing sent. The next event proves it.
	s.Publish(Snapshot{Files: clone(v3)})

	// A build with errors: the overlay, no reload, though page b changed.
	v4 := with(v3, "v1.9.x/b/index.html", page("B4", css2))
	diags := []Diagnostic{
		{Path: "content/v1.9.x/b.md", Line: 3, Col: 5, Severity: "warning", Message: "odd", ID: "w"},
		{Path: "content/v1.9.x/b.md", Line: 7, Col: 2, Severity: "error", Message: "tag <x> is not closed", ID: "missing-closing",
			Source: []SourceLine{{6, "before", false}, {7, "{% x %}", true}, {8, "after", false}}},
	}
	if up := s.Publish(Snapshot{Files: v4, Diagnostics: diags}); up.Errors != 1 || !reflect.DeepEqual(up.ChangedPages, []string{"/v1.9.x/b/"}) {
		t.Errorf("a build with errors: %+v", up)
	}
	ev = st.expect(t, "errors", "*")
	var rep struct {
		Errors, Warnings, Omitted int
		Diagnostics               []Diagnostic
	}
	if err := json.Unmarshal([]byte(ev.data), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Errors != 1 || rep.Warnings != 1 || len(rep.Diagnostics) != 2 || rep.Diagnostics[0].Severity != "error" ||
		!reflect.DeepEqual(rep.Diagnostics[0], diags[1]) {
		t.Errorf("errors event: %+v; want the error first, then the warning", rep)
	}

	// Still failing, and page a and the stylesheet changed: the overlay
	// again, still no reload.
	v5 := restyled(with(v4, "v1.9.x/a/index.html", page("A5", css2)), css2, css3, "body { color: teal }\n")
	s.Publish(Snapshot{Files: v5, Diagnostics: diags[1:]})
	st.expect(t, "errors", "*")

	// A tab that connects now sees the overlay at once.
	late := ts.listen(t)
	hello = late.expect(t, "hello", "*")
	late.expect(t, "errors", "*")
	// Its hello lists what each version did, for tabs that catch up.
	var lh struct {
		Version int      `json:"version"`
		Recent  []record `json:"recent"`
	}
	if err := json.Unmarshal([]byte(hello.data), &lh); err != nil {
		t.Fatal(err)
	}
	wantRecent := []record{
		{Version: 1, Reload: []string{"/v1.9.x/a/"}},
		{Version: 2, CSS: map[string]string{"/" + css1: "/" + css2}},
		{Version: 3},
		{Version: 4},
	}
	if lh.Version != 4 || !reflect.DeepEqual(lh.Recent, wantRecent) {
		t.Errorf("hello: version %d, recent %+v; want 4, %+v", lh.Version, lh.Recent, wantRecent)
	}

	// Clean again, changing the home page: ok, then the stylesheet swap
	// held back, then every page changed since the last clean build.
	v6 := with(v5, "index.html", page("Home6", css3))
	if up := s.Publish(Snapshot{Files: v6}); up.Errors != 0 || !reflect.DeepEqual(up.ChangedPages, []string{"/"}) {
		t.Errorf("the clean build: %+v", up)
	}
	for _, st := range []*stream{st, late} {
		st.expect(t, "ok", "{}")
		st.expect(t, "css", `{"/`+css2+`":"/`+css3+`"}`)
		st.expect(t, "reload", `["/","/v1.9.x/a/","/v1.9.x/b/"]`)
	}

	// The pending list was cleared: the next change reloads only itself.
	s.Publish(Snapshot{Files: with(v6, "v1.9.x/b/index.html", page("B7", css3))})
	st.expect(t, "reload", `["/v1.9.x/b/"]`)
	late.expect(t, "reload", `["/v1.9.x/b/"]`)
	st.quiet(t)
}

func TestPublishCopiesTheMap(t *testing.T) {
	s := New(Options{Addr: "127.0.0.1:1313"})
	files := site()
	s.Publish(Snapshot{Files: files})
	delete(files, "index.html")
	files["new.html"] = []byte("x")
	st := s.cur.Load()
	if st.files["index.html"] == nil || st.files["new.html"] != nil {
		t.Error("changing the caller's map after Publish changed the served snapshot")
	}
}

func TestReportBounded(t *testing.T) {
	var diags []Diagnostic
	for i := range maxReported + 50 {
		diags = append(diags, Diagnostic{Path: "a.md", Line: i + 1, Severity: "warning", Message: "w"})
	}
	diags = append(diags, Diagnostic{Path: "b.md", Line: 1, Severity: "error", Message: "the one error"})
	n, data := report(diags)
	var rep struct {
		Errors, Warnings, Omitted int
		Diagnostics               []Diagnostic
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if n != 1 || rep.Errors != 1 || rep.Warnings != maxReported+50 || rep.Omitted != 51 ||
		len(rep.Diagnostics) != maxReported || rep.Diagnostics[0].Message != "the one error" {
		t.Errorf("got %d errors, report %d/%d/%d with %d diagnostics, first %q",
			n, rep.Errors, rep.Warnings, rep.Omitted, len(rep.Diagnostics), rep.Diagnostics[0].Message)
	}
	if n, data := report(diags[:3]); n != 0 || data != nil {
		t.Errorf("warnings only: %d errors, report %s; want none", n, data)
	}
}

func TestMergeCSS(t *testing.T) {
	held := map[string]string{}
	mergeCSS(held, map[string]string{"/a.1.css": "/a.2.css", "/s.css": "/s.css"})
	mergeCSS(held, map[string]string{"/a.2.css": "/a.3.css"})
	mergeCSS(held, map[string]string{"/s.css": "/s.css"})
	want := map[string]string{"/a.1.css": "/a.3.css", "/a.2.css": "/a.3.css", "/s.css": "/s.css"}
	if !reflect.DeepEqual(held, want) {
		t.Errorf("got %v, want %v", held, want)
	}
}

func TestUnhashedAndPageURL(t *testing.T) {
	for in, want := range map[string]string{
		"_docgen/docgen.1a2b3c4d.css": "_docgen/docgen.css",
		"_docgen/chroma.00000000.css": "_docgen/chroma.css",
		"docgen.1A2B3C4D.css":         "docgen.1A2B3C4D.css",
		"docgen.1a2b3c.css":           "docgen.1a2b3c.css",
		"style.css":                   "style.css",
		"a.1a2b3c4d/b.css":            "a.1a2b3c4d/b.css",
		"1a2b3c4d.css":                "1a2b3c4d.css",
	} {
		if got := unhashed(in); got != want {
			t.Errorf("unhashed(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"index.html":          "/",
		"v1.9.x/a/index.html": "/v1.9.x/a/",
		"404.html":            "/404.html",
		"v1.9.x/a.html":       "/v1.9.x/a.html",
	} {
		if got := pageURL(in); got != want {
			t.Errorf("pageURL(%q) = %q, want %q", in, got, want)
		}
	}
	if strings.Contains(unhashed("x"), ".") {
		t.Error("unhashed invented an extension")
	}
}

func TestRecentBounded(t *testing.T) {
	s := New(Options{Addr: "127.0.0.1:1313"})
	files := site()
	s.Publish(Snapshot{Files: files})
	for i := range maxRecent + 5 {
		files = with(files, "index.html", page(strings.Repeat("x", i+1), css1))
		s.Publish(Snapshot{Files: files})
	}
	if len(s.recent) != maxRecent || s.recent[0].Version != 6 || s.recent[maxRecent-1].Version != maxRecent+5 {
		t.Errorf("recent holds %d records, %d to %d; want the last %d", len(s.recent), s.recent[0].Version, s.recent[len(s.recent)-1].Version, maxRecent)
	}
	// A version that reloads too many pages to list says so.
	for i := range maxRecordPages + 1 {
		files = with(files, "many/"+strings.Repeat("p", i+1)+"/index.html", "<p>x</p>")
	}
	s.Publish(Snapshot{Files: files})
	if last := s.recent[len(s.recent)-1]; !last.All || last.Reload != nil {
		t.Errorf("a version reloading %d pages: %+v, want All", maxRecordPages+1, last)
	}
}

// TestReportOrder: errors first, then warnings, then the rest, each in
// the order given.
func TestReportOrder(t *testing.T) {
	var diags []Diagnostic
	for _, m := range []string{"w1", "n1", "e1", "w2", "e2"} {
		sev := map[byte]string{'w': "warning", 'n': "note", 'e': "error"}[m[0]]
		diags = append(diags, Diagnostic{Path: "a.md", Severity: sev, Message: m})
	}
	_, data := report(diags)
	var rep struct{ Diagnostics []Diagnostic }
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range rep.Diagnostics {
		got = append(got, d.Message)
	}
	if want := []string{"e1", "e2", "w1", "w2", "n1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
