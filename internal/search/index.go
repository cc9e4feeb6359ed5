package search

import (
	"crypto/sha256"
	"encoding/hex"
	"hash/fnv"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Format is the version of the index files' layout, in every manifest;
// the script refuses a manifest of another format.
const Format = 1

// Shard sizes, in pages. A shard starts at a page whose URL hashes to a
// multiple of shardTarget (so about one page in shardTarget starts one,
// and the boundaries move only next to a page added or removed), or when
// the shard already holds shardMax pages. At 10,000 pages that is about
// 40 shards of a few hundred kilobytes; a small site has one.
const (
	shardTarget = 256
	shardMax    = 1024
)

// Index is one search index to build: a version's pages.
type Index struct {
	// Name names the files: the manifest is Name + ".json", the shards
	// Name + "/<hash>.json". The build uses the version ("v1.9.x").
	Name  string
	Pages []*Page
}

// File is an output file, named relative to the folder of the indexes.
type File struct {
	Name string
	Data []byte
}

// ManifestName returns the name of the manifest of the index called name.
// Its URL is what pages give the script; it does not change when the
// content does, so an edit does not change every page that links it.
func ManifestName(name string) string { return name + ".json" }

// Indexer builds index files. It remembers the shards of its last Build,
// and a later Build reuses a shard whose pages are the very same Page
// values, in the same order, instead of encoding it again. The zero value
// is ready to use. An Indexer is not safe for concurrent use.
type Indexer struct {
	last  map[*Page]*shard // by first page
	byURL map[string]*shard
	// order holds, by index name, the pages given last time and the
	// order sorting them by URL gave: a preview server gives the same
	// URLs in the same order every time.
	order map[string]sortedOrder
}

type sortedOrder struct {
	in   []*Page
	perm []int32 // the sorted pages are in[perm[0]], in[perm[1]], ...
}

// sorted returns pages sorted by URL, stably.
func (x *Indexer) sorted(name string, pages []*Page) []*Page {
	out := make([]*Page, len(pages))
	if last, ok := x.order[name]; ok && len(last.in) == len(pages) {
		same := true
		for i, p := range pages {
			if p != last.in[i] && p.url != last.in[i].url {
				same = false
				break
			}
		}
		if same {
			for j, i := range last.perm {
				out[j] = pages[i]
			}
			x.order[name] = sortedOrder{in: slices.Clone(pages), perm: last.perm}
			return out
		}
	}
	perm := make([]int32, len(pages))
	for i := range perm {
		perm[i] = int32(i)
	}
	slices.SortStableFunc(perm, func(a, b int32) int { return strings.Compare(pages[a].url, pages[b].url) })
	for j, i := range perm {
		out[j] = pages[i]
	}
	if x.order == nil {
		x.order = map[string]sortedOrder{}
	}
	x.order[name] = sortedOrder{in: slices.Clone(pages), perm: perm}
	return out
}

// shard is an encoded shard, and what a later Build needs to encode it
// again when some of its pages are other Page values at the same URLs (a
// page edited): its terms, sorted, with their occurrences and the
// encoding of those. Offsets into a few flat arrays rather than a slice
// or a string per term: the garbage collector would go through each of
// hundreds of thousands of them at every cycle of a preview server.
type shard struct {
	pages []*Page
	file  File
	bases []uint32 // the number of the first section of each page
	// Term i is terms[tends[i-1]:tends[i]]; its occurrences, as
	// section<<occShift | kind in increasing order, are
	// occs[occEnds[i-1]:occEnds[i]], and their encoding (appendPostings)
	// posts[postEnds[i-1]:postEnds[i]].
	terms    string
	tends    []int32
	occs     []uint32
	occEnds  []int32
	posts    []byte
	postEnds []int32
	// The JSON of term i is quoted[qends[i-1]:qends[i]], and that of page
	// i's entry in "pages" entries[eends[i-1]:eends[i]]: an update copies
	// those of the terms and pages that stay.
	quoted  []byte
	qends   []int32
	entries []byte
	eends   []int32
	// spare holds the arrays of the shard this one replaced, which no
	// one reads any more: the next update writes into them instead of
	// allocating (and clearing) megabytes.
	spare *shardArrays
}

// shardArrays are the arrays of a shard an update writes.
type shardArrays struct {
	occs                                   []uint32
	posts, quoted, entries                 []byte
	tends, occEnds, postEnds, qends, eends []int32
}

// arrays returns the shard's arrays.
func (sh *shard) arrays() *shardArrays {
	return &shardArrays{occs: sh.occs, posts: sh.posts, quoted: sh.quoted, entries: sh.entries,
		tends: sh.tends, occEnds: sh.occEnds, postEnds: sh.postEnds, qends: sh.qends, eends: sh.eends}
}

// reuse returns s emptied when it holds n, else a new slice that does.
func reuse[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:0]
	}
	return make([]T, 0, n)
}

// urlKey names a shard by its index and its first page's URL, which stay
// the same when its pages are edited.
func urlKey(index string, pages []*Page) string { return index + "\x00" + pages[0].url }

// Build returns the files of the given indexes: per index, its manifest
// and its shards. The same pages give the same bytes, whether shards are
// reused or not. Pages are ordered by URL; pages sharing a URL keep the
// order they are given in.
func (x *Indexer) Build(indexes []Index) []File {
	type job struct {
		name  string
		pages []*Page
		prev  *shard // the shard of the same URLs last time, some pages since edited
		out   *shard
	}
	var jobs []*job
	manifests := make([][]*job, len(indexes))
	next := map[*Page]*shard{}
	nextByURL := map[string]*shard{}
	// A shard kept as it is, or updated, serves one run only: an update
	// writes into the arrays of the shard its own replaced.
	used := map[*shard]bool{}
	for i, ix := range indexes {
		pages := x.sorted(ix.Name, ix.Pages)
		for _, run := range cut(pages) {
			j := &job{name: ix.Name, pages: run}
			if old := x.last[run[0]]; old != nil && !used[old] && samePages(old.pages, run) && strings.HasPrefix(old.file.Name, ix.Name+"/") {
				j.out = old
				used[old] = true
			}
			manifests[i] = append(manifests[i], j)
		}
	}
	for i, ix := range indexes {
		for _, j := range manifests[i] {
			if j.out != nil {
				continue
			}
			if old := x.byURL[urlKey(ix.Name, j.pages)]; old != nil && !used[old] && sameURLs(old.pages, j.pages) {
				j.prev = old
				used[old] = true
			}
			jobs = append(jobs, j)
		}
	}
	encodeAll(jobsOf(jobs, func(j *job) func() {
		return func() {
			if j.prev != nil {
				j.out = j.prev.update(j.pages)
			} else {
				j.out = encodeShard(j.pages)
			}
			sum := sha256.Sum256(j.out.file.Data)
			j.out.file.Name = j.name + "/" + hex.EncodeToString(sum[:4]) + ".json"
		}
	}))
	var files []File
	for i, ix := range indexes {
		var names []string
		for _, j := range manifests[i] {
			next[j.pages[0]] = j.out
			nextByURL[urlKey(ix.Name, j.pages)] = j.out
			names = append(names, j.out.file.Name)
			files = append(files, j.out.file)
		}
		files = append(files, File{Name: ManifestName(ix.Name), Data: encodeManifest(ix.Name, names)})
	}
	x.last, x.byURL = next, nextByURL
	return files
}

func jobsOf[T any](items []T, f func(T) func()) []func() {
	out := make([]func(), len(items))
	for i, it := range items {
		out[i] = f(it)
	}
	return out
}

// encodeAll runs the encodings on all cores: a full build encodes every
// shard of a large site at once.
func encodeAll(tasks []func()) {
	workers := min(runtime.GOMAXPROCS(0), len(tasks))
	var wg sync.WaitGroup
	ch := make(chan func())
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range ch {
				t()
			}
		}()
	}
	for _, t := range tasks {
		ch <- t
	}
	close(ch)
	wg.Wait()
}

func samePages(a, b []*Page) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// sameURLs reports whether two runs of pages have the same URLs.
func sameURLs(a, b []*Page) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].url != b[i].url {
			return false
		}
	}
	return true
}

// cut splits pages, sorted by URL, into shards.
func cut(pages []*Page) [][]*Page {
	var runs [][]*Page
	start := 0
	for i := 1; i < len(pages); i++ {
		if i-start >= shardMax || pages[i].startsShard() {
			runs = append(runs, pages[start:i])
			start = i
		}
	}
	if len(pages) > 0 {
		runs = append(runs, pages[start:])
	}
	return runs
}

// startsShard reports whether the page starts a shard.
func (p *Page) startsShard() bool {
	if p.hashed {
		return p.starts
	}
	return startsShard(p.url)
}

func startsShard(url string) bool {
	h := fnv.New32a()
	h.Write([]byte(url))
	return h.Sum32()%shardTarget == 0
}

// encodeManifest writes the manifest of an index:
//
//	{"format":1,"name":"v1.9.x","stopWords":["a",...],"shards":["v1.9.x/3f2a9c1e.json",...]}
//
// Shard names are relative to the manifest's URL.
func encodeManifest(name string, shards []string) []byte {
	b := []byte(`{"format":`)
	b = strconv.AppendInt(b, Format, 10)
	b = append(b, `,"name":`...)
	b = appendString(b, name)
	b = append(b, `,"stopWords":`...)
	b = appendStrings(b, stopWords[:])
	b = append(b, `,"shards":`...)
	b = appendStrings(b, shards)
	return append(b, "}\n"...)
}

// encodeShard encodes one shard, and keeps what update needs (its
// file is not named yet). The file is
//
//	{"pages":[[url,title,anchor,heading,anchor,heading,...],...],
//	 "terms":[term,...],
//	 "postings":[postings,...]}
//
// Sections are numbered in order through the shard: each page's top
// section, then its headed ones. terms are sorted; postings[i] lists the
// sections terms[i] occurs in, as a string of base-64 digits (see
// appendPostings), which the script decodes only for the terms a query
// reaches.
func encodeShard(pages []*Page) *shard {
	sh := &shard{pages: pages, bases: sectionBases(pages)}
	// Number the shard's terms, count their occurrences, then lay the
	// occurrences out term by term, in page order: sections ascending.
	ids := make(map[string]int32, 4096)
	var terms []string
	var counts []int32
	size := 0
	pageIDs := make([][]int32, len(pages))
	for pi, p := range pages {
		pids := make([]int32, p.termCount())
		for i := range pids {
			t := p.term(i)
			id, ok := ids[t]
			if !ok {
				id = int32(len(terms))
				ids[t] = id
				terms = append(terms, t)
				counts = append(counts, 0)
				size += len(t)
			}
			pids[i] = id
			counts[id] += int32(len(p.occurrences(i)))
		}
		pageIDs[pi] = pids
	}
	order := make([]int32, len(terms))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(terms[a], terms[b]) })
	offsets := make([]int32, len(terms))
	total := int32(0)
	for _, id := range order {
		offsets[id] = total
		total += counts[id]
	}
	sh.occs = make([]uint32, total)
	for pi, p := range pages {
		for i, id := range pageIDs[pi] {
			for _, o := range p.occurrences(i) {
				sh.occs[offsets[id]] = sh.bases[pi]<<occShift + o
				offsets[id]++
			}
		}
	}
	var tb strings.Builder
	tb.Grow(size)
	sh.tends = make([]int32, len(order))
	sh.occEnds = make([]int32, len(order))
	sh.postEnds = make([]int32, len(order))
	sh.posts = make([]byte, 0, total+int32(len(terms)))
	end := int32(0)
	for k, id := range order {
		tb.WriteString(terms[id])
		sh.tends[k] = int32(tb.Len())
		sh.posts = appendPostings(sh.posts, sh.occs[end:end+counts[id]])
		end += counts[id]
		sh.occEnds[k] = end
		sh.postEnds[k] = int32(len(sh.posts))
	}
	sh.terms = tb.String()
	sh.quoted = make([]byte, 0, size+size/8+2*len(order))
	sh.qends = make([]int32, len(order))
	for k := range order {
		sh.quoted = appendString(sh.quoted, sh.term(k))
		sh.qends[k] = int32(len(sh.quoted))
	}
	sh.eends = make([]int32, len(pages))
	for i, p := range pages {
		sh.entries = appendEntry(sh.entries, p)
		sh.eends[i] = int32(len(sh.entries))
	}
	sh.file.Data = sh.encode()
	return sh
}

// appendEntry appends a page's entry in a shard's "pages":
// [url,title,anchor,heading,anchor,heading,...].
func appendEntry(b []byte, p *Page) []byte {
	b = append(b, '[')
	b = appendString(b, p.url)
	b = append(b, ',')
	b = appendString(b, p.title)
	for _, h := range p.heads {
		b = append(b, ',')
		b = appendString(b, h)
	}
	return append(b, ']')
}

// sectionBases numbers the first section of each page of a shard.
func sectionBases(pages []*Page) []uint32 {
	bases := make([]uint32, len(pages))
	next := uint32(0)
	for i, p := range pages {
		bases[i] = next
		next += uint32(p.sections())
	}
	return bases
}

// span returns the bounds of the i-th of the items whose ends are ends.
func span(ends []int32, i int) (int32, int32) {
	if i == 0 {
		return 0, ends[0]
	}
	return ends[i-1], ends[i]
}

// term returns the shard's i-th term.
func (sh *shard) term(i int) string {
	start, end := span(sh.tends, i)
	return sh.terms[start:end]
}

// encode writes the shard's file (see encodeShard).
func (sh *shard) encode() []byte {
	// Sized for it: a shard is megabytes, which doublings would copy
	// again and again.
	b := make([]byte, 0, len(sh.entries)+len(sh.eends)+len(sh.quoted)+len(sh.qends)+len(sh.posts)+3*len(sh.postEnds)+64)
	b = append(b, `{"pages":[`...)
	for i := range sh.eends {
		if i > 0 {
			b = append(b, ',')
		}
		start, end := span(sh.eends, i)
		b = append(b, sh.entries[start:end]...)
	}
	b = append(b, `],"terms":[`...)
	for k := range sh.qends {
		if k > 0 {
			b = append(b, ',')
		}
		start, end := span(sh.qends, k)
		b = append(b, sh.quoted[start:end]...)
	}
	b = append(b, `],"postings":[`...)
	for k := range sh.postEnds {
		if k > 0 {
			b = append(b, ',')
		}
		start, end := span(sh.postEnds, k)
		b = append(b, '"')
		b = append(b, sh.posts[start:end]...)
		b = append(b, '"')
	}
	return append(b, "]}\n"...)
}

// update returns the shard of pages, which have the URLs of sh's pages,
// in the same order, but some are other Page values: the same bytes
// encodeShard(pages) gives. The terms of the pages that changed are
// merged into sh's sorted terms. The occurrences of the other pages move
// by as many sections as the changed pages before them gained or lost,
// in runs between two changed pages; a term whose occurrences are the
// same keeps its encoding. So an edited page costs a few binary searches
// per term of the shard, not numbering and sorting all its terms again.
func (sh *shard) update(pages []*Page) *shard {
	out := &shard{pages: pages, bases: sectionBases(pages)}
	// The changed pages, and the old sections of each: [lo, hi), as
	// occurrences; the pages after it, up to the next changed one, move
	// by shift sections.
	type edit struct {
		page   int
		lo, hi uint32
		shift  uint32 // added, modulo 2^32: it may be negative
	}
	var edits []edit
	oldEnd := func(i int) uint32 {
		if i+1 < len(sh.bases) {
			return sh.bases[i+1]
		}
		return sh.bases[i] + uint32(sh.pages[i].sections())
	}
	for i, p := range pages {
		if p != sh.pages[i] {
			newEnd := out.bases[i] + uint32(p.sections())
			edits = append(edits, edit{page: i, lo: sh.bases[i] << occShift, hi: oldEnd(i) << occShift,
				shift: (newEnd - oldEnd(i)) << occShift})
		}
	}
	from := ^uint32(0) // occurrences before it stay as they are
	if len(edits) > 0 {
		from = edits[0].lo
	}
	// The changed pages' terms, sorted, each with its page.
	type added struct {
		term string
		page int
		i    int // the term's index in its page
	}
	var adds []added
	for _, e := range edits {
		p := pages[e.page]
		for i := range p.termCount() {
			adds = append(adds, added{p.term(i), e.page, i})
		}
	}
	slices.SortFunc(adds, func(a, b added) int {
		if c := strings.Compare(a.term, b.term); c != 0 {
			return c
		}
		return a.page - b.page
	})

	extra := 0 // the changed pages' occurrences
	for _, a := range adds {
		extra += len(pages[a.page].occurrences(a.i))
	}
	var tb strings.Builder
	tb.Grow(len(sh.terms) + len(sh.terms)/16 + 64)
	spare := sh.spare
	if spare == nil {
		spare = &shardArrays{}
	}
	sh.spare = nil
	out.occs = reuse(spare.occs, len(sh.occs)+extra)
	out.posts = reuse(spare.posts, len(sh.posts)+len(sh.posts)/16+2*extra)
	out.tends = reuse(spare.tends, len(sh.tends)+16)
	out.occEnds = reuse(spare.occEnds, len(sh.tends)+16)
	out.postEnds = reuse(spare.postEnds, len(sh.tends)+16)
	var block []uint32
	out.quoted = reuse(spare.quoted, len(sh.quoted)+len(sh.quoted)/16+64)
	out.qends = reuse(spare.qends, len(sh.qends)+16)
	oldTerms, ai := len(sh.tends), 0
	for oi := 0; oi < oldTerms || ai < len(adds); {
		var term string
		var olds []uint32
		var oldPosts, oldQuoted []byte
		if oi < oldTerms && (ai == len(adds) || sh.term(oi) <= adds[ai].term) {
			term = sh.term(oi)
			start, end := span(sh.occEnds, oi)
			olds = sh.occs[start:end]
			pstart, pend := span(sh.postEnds, oi)
			oldPosts = sh.posts[pstart:pend]
			qstart, qend := span(sh.qends, oi)
			oldQuoted = sh.quoted[qstart:qend]
			oi++
		} else {
			term = adds[ai].term
		}
		aj := ai
		for aj < len(adds) && adds[aj].term == term {
			aj++
		}
		start := len(out.occs)
		same := aj == ai // the occurrences are those of before
		if !same || len(olds) > 0 && olds[len(olds)-1] >= from {
			// Each run of occurrences between two changed pages moves
			// by the sections the changed pages before it gained or
			// lost; those of a changed page go.
			rest, shift := olds, uint32(0)
			for _, e := range edits {
				if len(rest) == 0 {
					break
				}
				lo, _ := slices.BinarySearch(rest, e.lo)
				out.occs = appendShifted(out.occs, rest[:lo], shift)
				hi, _ := slices.BinarySearch(rest[lo:], e.hi)
				same = same && hi == 0 && (shift == 0 || lo == 0)
				rest, shift = rest[lo+hi:], e.shift
			}
			out.occs = appendShifted(out.occs, rest, shift)
			same = same && (shift == 0 || len(rest) == 0)
			// A changed page's occurrences are its sections, one run
			// between the other pages': inserted there.
			for _, a := range adds[ai:aj] {
				block = block[:0]
				for _, o := range pages[a.page].occurrences(a.i) {
					block = append(block, out.bases[a.page]<<occShift+o)
				}
				at, _ := slices.BinarySearch(out.occs[start:], block[0])
				out.occs = slices.Insert(out.occs, start+at, block...)
			}
		} else {
			out.occs = append(out.occs, olds...)
		}
		ai = aj
		if len(out.occs) == start {
			continue // no longer found on any page of the shard
		}
		if same {
			out.posts = append(out.posts, oldPosts...)
		} else {
			out.posts = appendPostingsLike(out.posts, out.occs[start:], olds, oldPosts)
		}
		tb.WriteString(term)
		if oldQuoted != nil {
			out.quoted = append(out.quoted, oldQuoted...)
		} else {
			out.quoted = appendString(out.quoted, term)
		}
		out.tends = append(out.tends, int32(tb.Len()))
		out.qends = append(out.qends, int32(len(out.quoted)))
		out.occEnds = append(out.occEnds, int32(len(out.occs)))
		out.postEnds = append(out.postEnds, int32(len(out.posts)))
	}
	out.terms = tb.String()
	out.entries = reuse(spare.entries, len(sh.entries)+256)
	out.eends = reuse(spare.eends, len(pages))[:len(pages)]
	for i, p := range pages {
		if p != sh.pages[i] {
			out.entries = appendEntry(out.entries, p)
		} else {
			start, end := span(sh.eends, i)
			out.entries = append(out.entries, sh.entries[start:end]...)
		}
		out.eends[i] = int32(len(out.entries))
	}
	out.file.Data = out.encode()
	// sh is replaced by out: its arrays are out's spare.
	out.spare = sh.arrays()
	return out
}

// appendShifted appends occurrences moved by shift sections (shifted
// by occShift, modulo 2^32).
func appendShifted(dst, occs []uint32, shift uint32) []uint32 {
	if shift == 0 {
		return append(dst, occs...)
	}
	for _, o := range occs {
		dst = append(dst, o+shift)
	}
	return dst
}

// digits are the 64 characters of the postings' number encoding; none
// needs escaping in JSON.
const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// appendPostings encodes a term's occurrences (see occShift), in
// increasing section order. Each becomes the number
// (section - previous section - 1)<<2 | kind, the previous section of the
// first being -1, written in base 32, low digit first, with 32 added to
// every digit but the last. A term in one of the next eight sections
// takes one character.
func appendPostings(b []byte, occs []uint32) []byte {
	return appendPostingsAfter(b, occs, -1)
}

// appendPostingsAfter is appendPostings for occurrences that follow one
// in section prev.
func appendPostingsAfter(b []byte, occs []uint32, prev int64) []byte {
	for _, o := range occs {
		section := int64(o >> occShift)
		v := uint64(section-prev-1)<<occShift | uint64(o&(1<<occShift-1))
		prev = section
		for v >= 32 {
			b = append(b, digits[32|v&31])
			v >>= 5
		}
		b = append(b, digits[v])
	}
	return b
}

// appendPostingsLike is appendPostings for occurrences that begin and
// end like olds, whose encoding is oldEnc: the bytes of the common
// beginning, and of the common end after its first occurrence (whose
// distance to the one before may have changed), are copied. An edited
// page changes the occurrences of its sections only, in the middle of
// the long lists of common terms.
func appendPostingsLike(b []byte, occs, olds []uint32, oldEnc []byte) []byte {
	p := 0
	for p < len(occs) && p < len(olds) && occs[p] == olds[p] {
		p++
	}
	q := 0
	for q < len(occs)-p && q < len(olds)-p && occs[len(occs)-1-q] == olds[len(olds)-1-q] {
		q++
	}
	if p == 0 && q <= 1 {
		return appendPostings(b, occs)
	}
	// The first p occurrences end with the p-th digit that ends a number.
	at := 0
	for n := 0; n < p; at++ {
		if endsNumber(oldEnc[at]) {
			n++
		}
	}
	b = append(b, oldEnc[:at]...)
	prev := int64(-1)
	if p > 0 {
		prev = int64(occs[p-1] >> occShift)
	}
	if q <= 1 {
		return appendPostingsAfter(b, occs[p:], prev)
	}
	b = appendPostingsAfter(b, occs[p:len(occs)-q+1], prev)
	// The last q-1 occurrences come after the q-th digit from the end
	// that ends a number.
	from := len(oldEnc)
	for n := 0; ; from-- {
		if endsNumber(oldEnc[from-1]) {
			if n++; n == q {
				break
			}
		}
	}
	return append(b, oldEnc[from:]...)
}

// endsNumber reports whether a digit of the postings ends a number: it is
// one of the first 32 (see appendPostings).
func endsNumber(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'f' }

func appendStrings(b []byte, list []string) []byte {
	b = append(b, '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// appendString appends s as a JSON string. s is valid UTF-8 (NewPage
// makes it so).
func appendString(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == '\u2028' || r == '\u2029' {
				b = append(b, s[start:i]...)
				b = append(b, `\u202`...)
				b = append(b, hexDigits[r&0xf])
				start = i + size
			}
			i += size
			continue
		}
		if c >= 0x20 && c != '"' && c != '\\' {
			i++
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		i++
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
