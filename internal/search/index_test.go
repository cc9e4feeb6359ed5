package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

type manifest struct {
	Format    int      `json:"format"`
	Name      string   `json:"name"`
	StopWords []string `json:"stopWords"`
	Shards    []string `json:"shards"`
}

// posting is one decoded occurrence: the section and the kind.
type posting struct{ Section, Kind int }

// decodePostings reads a postings string as the script does.
func decodePostings(t testing.TB, s string) []posting {
	t.Helper()
	var out []posting
	section, v, shift := -1, 0, 0
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(digits, s[i])
		if d < 0 {
			t.Fatalf("bad digit %q in %q", s[i], s)
		}
		v |= (d & 31) << shift
		if d&32 != 0 {
			shift += 5
			continue
		}
		section += v>>occShift + 1
		out = append(out, posting{section, v & (1<<occShift - 1)})
		v, shift = 0, 0
	}
	if shift != 0 {
		t.Fatalf("postings %q end inside a number", s)
	}
	return out
}

// index builds indexes and reads them back.
func index(t testing.TB, x *Indexer, indexes ...Index) (map[string][]byte, map[string]*Reader) {
	t.Helper()
	files := map[string][]byte{}
	for _, f := range x.Build(indexes) {
		if _, dup := files[f.Name]; dup {
			t.Fatalf("two files named %s", f.Name)
		}
		files[f.Name] = f.Data
	}
	readers := map[string]*Reader{}
	for _, ix := range indexes {
		r, err := Read(ix.Name, func(n string) ([]byte, bool) { d, ok := files[n]; return d, ok })
		if err != nil {
			t.Fatal(err)
		}
		readers[ix.Name] = r
	}
	return files, readers
}

func hitStrings(hits []Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, fmt.Sprintf("%s#%s/%d", h.URL, h.Anchor, h.Weight))
	}
	return out
}

func TestIndex(t *testing.T) {
	auth := NewPage("/v1.9.x/auth/", "Auth Code Flow", "Collect the tenant ID.", []Section{
		{Heading: "Auth Code Flow", Text: "In the authorization code flow, a secret."},
		{Anchor: "step-1", Heading: "Step 1: Register", Text: "Open the portal on port 443.", Code: "AUTHENTICATION_PROVIDER: azure\nport: 8585"},
		{Anchor: "step-2", Heading: "Step 2: Collect the credentials", Text: "The Directory (tenant) ID. Release 1.9 and v1.8."},
	})
	docker := NewPage("/v1.9.x/docker/", "Docker", "", []Section{
		{Text: "Set AUTHENTICATION_PROVIDER for Docker, release v1.9.x."},
	})
	files, readers := index(t, &Indexer{}, Index{Name: "v1.9.x", Pages: []*Page{docker, auth}})
	var m manifest
	if err := json.Unmarshal(files["v1.9.x.json"], &m); err != nil {
		t.Fatal(err)
	}
	if m.Format != Format || m.Name != "v1.9.x" || len(m.Shards) != 1 || !strings.HasPrefix(m.Shards[0], "v1.9.x/") {
		t.Fatalf("manifest %+v", m)
	}
	if !slices.Equal(m.StopWords, stopWords[:]) {
		t.Errorf("stop words %q", m.StopWords)
	}
	var d struct {
		Pages [][]string `json:"pages"`
	}
	if err := json.Unmarshal(files[m.Shards[0]], &d); err != nil {
		t.Fatal(err)
	}
	wantPages := [][]string{
		{"/v1.9.x/auth/", "Auth Code Flow", "step-1", "Step 1: Register", "step-2", "Step 2: Collect the credentials"},
		{"/v1.9.x/docker/", "Docker"},
	}
	if !reflect.DeepEqual(d.Pages, wantPages) {
		t.Errorf("pages:\n got %q\nwant %q", d.Pages, wantPages)
	}
	r := readers["v1.9.x"]
	if got := r.Pages(); !slices.Equal(got, []string{"/v1.9.x/auth/", "/v1.9.x/docker/"}) {
		t.Errorf("Pages() = %q", got)
	}
	tests := []struct {
		term string
		want []string
	}{
		{"auth", []string{"/v1.9.x/auth/#/3"}},
		{"tenant", []string{"/v1.9.x/auth/#/1", "/v1.9.x/auth/#step-2/1"}},
		{"register", []string{"/v1.9.x/auth/#step-1/2"}},
		{"authentication_provider", []string{"/v1.9.x/auth/#step-1/0", "/v1.9.x/docker/#/1"}},
		{"provider", []string{"/v1.9.x/auth/#step-1/0", "/v1.9.x/docker/#/1"}},
		{"443", []string{"/v1.9.x/auth/#step-1/1"}},
		{"8585", []string{"/v1.9.x/auth/#step-1/0"}},
		{"1.9", []string{"/v1.9.x/auth/#step-2/1", "/v1.9.x/docker/#/1"}},
		{"v1.9", []string{"/v1.9.x/docker/#/1"}},
		{"1.8", []string{"/v1.9.x/auth/#step-2/1"}},
		{"docker", []string{"/v1.9.x/docker/#/3"}},
		{"port", []string{"/v1.9.x/auth/#step-1/1"}},
		{"the", nil},
	}
	for _, tt := range tests {
		if got := hitStrings(r.Lookup(tt.term)); !slices.Equal(got, tt.want) {
			t.Errorf("%q: got %q, want %q", tt.term, got, tt.want)
		}
	}
}

// TestIndexEmpty: a version whose pages are all noindex still has a
// manifest, since its pages link to it.
func TestIndexEmpty(t *testing.T) {
	files, readers := index(t, &Indexer{}, Index{Name: "v2"})
	if len(files) != 1 || readers["v2"].Shards() != 0 {
		t.Errorf("files %v", files)
	}
}

// TestIndexEscaping: titles and headings with JSON's special characters
// and invalid UTF-8 come back as given (made valid).
func TestIndexEscaping(t *testing.T) {
	title := "A \"quoted\" \\ title\twith\nlines, \x01 control, \u2028 separators and </script>"
	p := NewPage("/a\xff/", title, "", []Section{{}, {Anchor: "x\"y", Heading: "é\u2029"}})
	_, readers := index(t, &Indexer{}, Index{Name: "v", Pages: []*Page{p}})
	hits := readers["v"].Lookup("quoted")
	hits = append(hits, readers["v"].Lookup("é")...)
	want := []Hit{{URL: "/a\uFFFD/", Title: title, Weight: 3}, {URL: "/a\uFFFD/", Title: title, Anchor: "x\"y", Heading: "é\u2029", Weight: 2}}
	if !reflect.DeepEqual(hits, want) {
		t.Errorf("got %+v, want %+v", hits, want)
	}
}

func TestAppendString(t *testing.T) {
	for _, s := range []string{"", "plain", "\"\\/", "\x00\x1f\x7f", "\u2028\u2029", "日本", "a\tb\nc\rd"} {
		var got string
		if err := json.Unmarshal(appendString(nil, s), &got); err != nil || got != s {
			t.Errorf("appendString(%q) = %s: %q, %v", s, appendString(nil, s), got, err)
		}
	}
}

func TestAppendPostings(t *testing.T) {
	occs := []uint32{0<<2 | 3, 1<<2 | 1, 9<<2 | 2, 8000<<2 | 0, 1<<30 | 1}
	enc := string(appendPostings(nil, occs))
	got := decodePostings(t, enc)
	want := []posting{{0, 3}, {1, 1}, {9, 2}, {8000, 0}, {1 << 28, 1}}
	if !slices.Equal(got, want) {
		t.Errorf("%q decodes to %v, want %v", enc, got, want)
	}
	if enc[:2] != "DB" {
		t.Errorf("neighbouring sections take one digit each: %q", enc)
	}
}

// corpus makes n pages with varied words, URLs in random order.
func corpus(r *rand.Rand, n int) []*Page {
	vocab := strings.Fields("tenant client secret authority token bot ingestion workflow pipeline docker kubernetes helm port host database schema table column lineage profiler glossary search index version release upgrade backup restore 443 8585 1.9 AUTHENTICATION_PROVIDER hostPort")
	words := func(k int) string {
		var b strings.Builder
		for range k {
			b.WriteString(vocab[r.IntN(len(vocab))])
			fmt.Fprintf(&b, " w%d ", r.IntN(5000))
		}
		return b.String()
	}
	pages := make([]*Page, n)
	for i := range pages {
		secs := []Section{{Text: words(20)}}
		for j := range r.IntN(8) {
			secs = append(secs, Section{Anchor: fmt.Sprintf("s%d", j), Heading: words(3), Text: words(60), Code: words(10)})
		}
		pages[i] = NewPage(fmt.Sprintf("/v1/p%05d-%d/", i, r.IntN(100)), "Page "+words(2), "", secs)
	}
	r.Shuffle(len(pages), func(i, j int) { pages[i], pages[j] = pages[j], pages[i] })
	return pages
}

// TestBuildDeterministic: the same pages give the same bytes, in any
// order, from a fresh Indexer or one that reuses shards.
func TestBuildDeterministic(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pages := corpus(r, 1500)
	want := (&Indexer{}).Build([]Index{{Name: "v1", Pages: pages}})
	if len(want) < 4 {
		t.Fatalf("%d files: want several shards at 1500 pages", len(want))
	}
	shuffled := slices.Clone(pages)
	r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	x := &Indexer{}
	x.Build([]Index{{Name: "v1", Pages: pages[:700]}})
	got := x.Build([]Index{{Name: "v1", Pages: shuffled}})
	if !reflect.DeepEqual(got, want) {
		t.Error("a second build of the same pages differs")
	}
}

// TestBuildReusesShards: replacing one page re-encodes only its shard,
// and adding one changes at most two, while the result equals a fresh
// build.
func TestBuildReusesShards(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	pages := corpus(r, 3000)
	x := &Indexer{}
	first := x.Build([]Index{{Name: "v1", Pages: pages}})
	before := shardsOf(x)

	edited := slices.Clone(pages)
	old := edited[17]
	edited[17] = NewPage(old.url, "Edited", "", []Section{{Text: "new words"}})
	added := NewPage("/v1/p01234-new/", "Added", "", nil)
	for _, step := range []struct {
		name    string
		pages   []*Page
		changed int
	}{
		{"edit", edited, 1},
		{"add", append(slices.Clone(edited), added), 2},
	} {
		got := x.Build([]Index{{Name: "v1", Pages: step.pages}})
		if want := (&Indexer{}).Build([]Index{{Name: "v1", Pages: step.pages}}); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: differs from a fresh build", step.name)
		}
		after := shardsOf(x)
		changed := 0
		for _, s := range after {
			if !slices.Contains(before, s) {
				changed++
			}
		}
		if changed == 0 || changed > step.changed {
			t.Errorf("%s: %d of %d shards encoded again, want 1 to %d", step.name, changed, len(after), step.changed)
		}
		before = after
	}
	if bytes.Equal(first[0].Data, nil) {
		t.Fatal("no data")
	}
}

// TestBuildUpdatesEditedShards edits random pages, several at a time
// and sometimes several in one shard, their sections and terms changing:
// each Build of the same Indexer, which updates the shards of the edited
// pages instead of encoding them anew, must give the bytes of a fresh
// build.
func TestBuildUpdatesEditedShards(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	pages := corpus(r, 1200)
	x := &Indexer{}
	x.Build([]Index{{Name: "v1", Pages: pages}})
	updated := 0
	for round := range 40 {
		pages = slices.Clone(pages)
		for range 1 + r.IntN(12) {
			i := r.IntN(len(pages))
			if round%3 == 0 {
				i = r.IntN(8) // several pages, in the shard of the first ones
			}
			fresh := corpus(r, 1)[0]
			secs := []Section{{Text: "edited " + fresh.title}}
			for j := range r.IntN(5) {
				secs = append(secs, Section{Anchor: fmt.Sprintf("e%d", j), Heading: "edited heading", Text: fresh.term(r.IntN(fresh.termCount()))})
			}
			pages[i] = NewPage(pages[i].url, fresh.title, "", secs)
		}
		before := x.byURL
		got := x.Build([]Index{{Name: "v1", Pages: pages}})
		for key, sh := range x.byURL {
			if old := before[key]; old != nil && old != sh {
				updated++
			}
		}
		if want := (&Indexer{}).Build([]Index{{Name: "v1", Pages: pages}}); !reflect.DeepEqual(got, want) {
			for i := range want {
				if i < len(got) && !bytes.Equal(got[i].Data, want[i].Data) {
					t.Fatalf("round %d: %s differs from a fresh build:\n got %.300s\nwant %.300s", round, want[i].Name, got[i].Data, want[i].Data)
				}
			}
			t.Fatalf("round %d: differs from a fresh build", round)
		}
	}
	if updated == 0 {
		t.Error("no shard was updated: the update went untested")
	}
}

func shardsOf(x *Indexer) []*shard {
	var out []*shard
	for _, s := range x.last {
		out = append(out, s)
	}
	return out
}

// TestCut: shards are contiguous, bounded, and cover every page once.
func TestCut(t *testing.T) {
	for _, n := range []int{0, 1, 255, 5000} {
		pages := make([]*Page, n)
		for i := range pages {
			pages[i] = &Page{url: fmt.Sprintf("/p/%d/", i)}
		}
		total := 0
		for _, run := range cut(pages) {
			if len(run) == 0 || len(run) > shardMax {
				t.Fatalf("n=%d: shard of %d pages", n, len(run))
			}
			if &run[0] != &pages[total] {
				t.Fatalf("n=%d: shards not contiguous", n)
			}
			total += len(run)
		}
		if total != n {
			t.Errorf("n=%d: shards hold %d pages", n, total)
		}
	}
}

func TestReadErrors(t *testing.T) {
	good := func() map[string][]byte {
		files := map[string][]byte{}
		for _, f := range (&Indexer{}).Build([]Index{{Name: "v", Pages: []*Page{NewPage("/a/", "A", "", nil)}}}) {
			files[f.Name] = f.Data
		}
		return files
	}
	shardName := func(files map[string][]byte) string {
		for n := range files {
			if n != "v.json" {
				return n
			}
		}
		return ""
	}
	tests := []struct {
		name   string
		change func(map[string][]byte)
		want   string
	}{
		{"no manifest", func(f map[string][]byte) { delete(f, "v.json") }, "no manifest"},
		{"bad JSON", func(f map[string][]byte) { f["v.json"] = []byte("{") }, "manifest v"},
		{"other format", func(f map[string][]byte) { f["v.json"] = []byte(`{"format":2,"name":"v"}`) }, "format 2"},
		{"missing shard", func(f map[string][]byte) { delete(f, shardName(f)) }, "missing"},
		{"bad digit", func(f map[string][]byte) {
			f[shardName(f)] = []byte(`{"pages":[["/a/","A"]],"terms":["a"],"postings":["!"]}`)
		}, "bad digit"},
		{"past the sections", func(f map[string][]byte) {
			f[shardName(f)] = []byte(`{"pages":[["/a/","A"]],"terms":["a"],"postings":["AA"]}`)
		}, "section 1 of 1"},
		{"unfinished number", func(f map[string][]byte) {
			f[shardName(f)] = []byte(`{"pages":[["/a/","A"]],"terms":["a"],"postings":["g"]}`)
		}, "inside a number"},
		{"terms and postings", func(f map[string][]byte) {
			f[shardName(f)] = []byte(`{"pages":[],"terms":["a"],"postings":[]}`)
		}, "1 terms"},
		{"odd page entry", func(f map[string][]byte) {
			f[shardName(f)] = []byte(`{"pages":[["/a/","A","x"]],"terms":[],"postings":[]}`)
		}, "3 strings"},
	}
	for _, tt := range tests {
		files := good()
		tt.change(files)
		_, err := Read("v", func(n string) ([]byte, bool) { d, ok := files[n]; return d, ok })
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want one with %q", tt.name, err, tt.want)
		}
	}
}

// TestKinds: a section keeps the strongest place it has a term in, and
// whether it has it three times or more.
func TestKinds(t *testing.T) {
	p := NewPage("/p/", "Token", "", []Section{
		{Text: "token"},
		{Anchor: "two", Heading: "x", Text: "token", Code: "token token"},
		{Anchor: "three", Heading: "x", Text: "token, token and token"},
		{Anchor: "heading", Heading: "token", Text: "token token token"},
		{Anchor: "code", Heading: "x", Code: "token token token token"},
		{Anchor: "nine", Heading: "y", Text: strings.Repeat("tokens token ", 9)},
	})
	_, readers := index(t, &Indexer{}, Index{Name: "v", Pages: []*Page{p}})
	var got []string
	for _, h := range readers["v"].Lookup("token") {
		got = append(got, h.String())
	}
	want := []string{"/p/# (3)", "/p/#two (1+)", "/p/#three (1+)", "/p/#heading (2)", "/p/#code (0)", "/p/#nine (1+)"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestBuildDuplicateURLs: pages sharing a URL that starts a shard make
// runs that start with the same URL; editing them must still give the
// bytes of a fresh build, each old shard serving one run only.
func TestBuildDuplicateURLs(t *testing.T) {
	u := ""
	for i := 0; u == ""; i++ {
		if c := fmt.Sprintf("/v1/zz-dup-%d/", i); startsShard(c) { // after every other URL: runs of one page
			u = c
		}
	}
	r := rand.New(rand.NewPCG(9, 10))
	pages := corpus(r, 300)
	for range 4 {
		pages = append(pages, NewPage(u, "Dup", "", []Section{{Text: "same url"}}))
	}
	x := &Indexer{}
	x.Build([]Index{{Name: "v1", Pages: pages}})
	for round := range 10 {
		pages = slices.Clone(pages)
		for i, p := range pages {
			if p.url == u && r.IntN(2) == 0 {
				pages[i] = NewPage(u, fmt.Sprint("Dup ", round), "", []Section{{Text: fmt.Sprint("edited ", round, " ", i)}})
			}
		}
		got := x.Build([]Index{{Name: "v1", Pages: pages}})
		if want := (&Indexer{}).Build([]Index{{Name: "v1", Pages: pages}}); !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d: differs from a fresh build", round)
		}
	}
}

// TestAppendPostingsLike: encoding occurrences by copying what they share
// with an old list from its encoding gives the bytes of encoding them
// anew, whatever the two lists share at each end.
func TestAppendPostingsLike(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 13))
	list := func(n int, from uint32) []uint32 {
		var out []uint32
		s := from
		for range n {
			s += 1 + uint32(r.IntN(40)) // far apart at times: numbers of several digits
			out = append(out, s<<occShift|uint32(r.IntN(4)))
		}
		return out
	}
	for range 3000 {
		head := list(r.IntN(5), 0)
		last := uint32(0)
		if len(head) > 0 {
			last = head[len(head)-1] >> occShift
		}
		oldMid, newMid := list(r.IntN(4), last), list(r.IntN(4), last)
		tail := list(r.IntN(5), last+200)
		olds := slices.Concat(head, oldMid, tail)
		occs := slices.Concat(head, newMid, tail)
		if r.IntN(4) == 0 {
			occs = slices.Concat(head, newMid) // the end changed too
		}
		want := appendPostings(nil, occs)
		if got := appendPostingsLike(nil, occs, olds, appendPostings(nil, olds)); !bytes.Equal(got, want) {
			t.Fatalf("olds %v occs %v: got %s, want %s", olds, occs, got, want)
		}
	}
}
