package search

import (
	"crypto/sha256"
	"encoding/hex"
	"hash/fnv"
	"runtime"
	"slices"
	"sort"
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
	last map[*Page]*shard // by first page
}

type shard struct {
	pages []*Page
	file  File
}

// Build returns the files of the given indexes: per index, its manifest
// and its shards. The same pages give the same bytes, whether shards are
// reused or not. Pages are ordered by URL; pages sharing a URL keep the
// order they are given in.
func (x *Indexer) Build(indexes []Index) []File {
	type job struct {
		name  string
		pages []*Page
		out   *shard
	}
	var jobs []*job
	manifests := make([][]*job, len(indexes))
	next := map[*Page]*shard{}
	for i, ix := range indexes {
		pages := append([]*Page(nil), ix.Pages...)
		sort.SliceStable(pages, func(a, b int) bool { return pages[a].url < pages[b].url })
		for _, run := range cut(pages) {
			j := &job{name: ix.Name, pages: run}
			if old := x.last[run[0]]; old != nil && samePages(old.pages, run) && strings.HasPrefix(old.file.Name, ix.Name+"/") {
				j.out = old
			} else {
				jobs = append(jobs, j)
			}
			manifests[i] = append(manifests[i], j)
		}
	}
	encodeAll(jobsOf(jobs, func(j *job) func() {
		return func() {
			data := encodeShard(j.pages)
			sum := sha256.Sum256(data)
			j.out = &shard{pages: j.pages, file: File{Name: j.name + "/" + hex.EncodeToString(sum[:4]) + ".json", Data: data}}
		}
	}))
	var files []File
	for i, ix := range indexes {
		var names []string
		for _, j := range manifests[i] {
			next[j.pages[0]] = j.out
			names = append(names, j.out.file.Name)
			files = append(files, j.out.file)
		}
		files = append(files, File{Name: ManifestName(ix.Name), Data: encodeManifest(ix.Name, names)})
	}
	x.last = next
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

// cut splits pages, sorted by URL, into shards.
func cut(pages []*Page) [][]*Page {
	var runs [][]*Page
	start := 0
	for i := 1; i < len(pages); i++ {
		if i-start >= shardMax || startsShard(pages[i].url) {
			runs = append(runs, pages[start:i])
			start = i
		}
	}
	if len(pages) > 0 {
		runs = append(runs, pages[start:])
	}
	return runs
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

// encodeShard writes one shard:
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
func encodeShard(pages []*Page) []byte {
	b := make([]byte, 0, 1<<16)
	b = append(b, `{"pages":[`...)
	bases := make([]uint32, len(pages))
	next := uint32(0)
	for i, p := range pages {
		bases[i] = next
		next += uint32(p.sections())
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendString(b, p.url)
		b = append(b, ',')
		b = appendString(b, p.title)
		for _, h := range p.heads {
			b = append(b, ',')
			b = appendString(b, h)
		}
		b = append(b, ']')
	}
	b = append(b, `],"terms":[`...)
	// Number the shard's terms, count their occurrences, then lay the
	// occurrences out term by term, in page order: sections ascending.
	ids := make(map[string]int32, 4096)
	var terms []string
	var counts []int32
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
	flat := make([]uint32, total)
	for pi, p := range pages {
		for i, id := range pageIDs[pi] {
			for _, o := range p.occurrences(i) {
				flat[offsets[id]] = bases[pi]<<occShift + o
				offsets[id]++
			}
		}
	}
	posts := make([]byte, 0, total+int32(3*len(terms)))
	end := int32(0)
	for k, id := range order {
		if k > 0 {
			b = append(b, ',')
			posts = append(posts, ',')
		}
		b = appendString(b, terms[id])
		posts = append(posts, '"')
		posts = appendPostings(posts, flat[end:end+counts[id]])
		end += counts[id]
		posts = append(posts, '"')
	}
	b = append(b, `],"postings":[`...)
	b = append(b, posts...)
	return append(b, "]}\n"...)
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
	prev := int64(-1)
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
