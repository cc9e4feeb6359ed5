package highlight

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/alecthomas/chroma/v2"

	"github.com/docgen/docgen/internal/atomicfile"
)

// The highlight cache remembers the spans of each code block: the result
// of tokenize, which is all the work of highlighting. Writing HTML from
// spans, and placing live-value marks on them, is cheap and done on every
// call, so one entry serves Highlight and HighlightMarked alike and the
// marks need not be part of the key.
//
// An entry is keyed by a hash of the code, the fence language (after
// lookup normalisation), whether fastlex is on, and cacheVersion, which
// names the version of everything that decides the spans. Entries live in
// memory, in 256 shards by the first byte of the key, and, with a cache
// folder, in one file per shard there:
//
//	magic "DGHC1\n", then entries of
//	  key [16]byte, used uint32 (Unix hours), len uvarint, data, crc32 (IEEE) of all before it in the entry
//
// A shard file is read whole when one of its keys is first asked for, and
// written whole by Flush when it has new entries: read again, merged with
// the entries in memory, written to a temporary file and renamed over the
// old one. So concurrent builds never see half a file; when two flush the
// same shard at once, the last rename wins and the other's new entries are
// simply computed again next time. A file that is truncated or corrupt is
// read up to its first bad entry. The folder may be deleted at any time:
// a missing file is an empty shard and Flush creates the folder again.

// cacheVersion names the version of the code that decides spans. Bump it
// with any change to tokenize, class or the lexers of this package and
// fastlex; TestCacheFingerprint fails until it is bumped.
const cacheVersion = 1

// chromaVersion is the version of chroma in go.mod: its lexers and class
// names decide spans too. TestChromaVersion checks it against go.mod.
const chromaVersion = "v2.27.0"

// DefaultCacheLimit is the size the cache is kept under, in memory and on
// disk, when Options.CacheLimit is 0. The spans of a block take about 330
// bytes (13 MB for the 40,000 blocks of the 10,000-page generated corpus),
// so this holds some 200,000 blocks.
const DefaultCacheLimit = 64 << 20

const (
	cacheShards = 256
	cacheMagic  = "DGHC1\n"
	// maxEntry bounds the data of one entry read from disk: the spans of
	// the largest code highlighted take far less.
	maxEntry = 4 * maxHighlightBytes
)

type cacheKey [16]byte

// cache holds the entries, in memory and on disk.
type cache struct {
	dir     string // "" for memory only
	version string // mixed into every key
	limit   int    // bytes per shard
	now     func() uint32
	clock   atomic.Uint64 // orders the uses of entries in this process

	shards [cacheShards]shard
	// classes interns the class names of decoded spans.
	classes map[string]string
}

type shard struct {
	mu      sync.Mutex
	loaded  bool // the shard file was read (or there is none)
	entries map[cacheKey]*cacheEntry
	size    int  // bytes of data in entries
	dirty   bool // entries not yet flushed
}

type cacheEntry struct {
	data []byte // encoded spans, see encodeSpans
	used uint32 // Unix hours of the last use, as written to disk
	tick uint64 // c.clock at the last use in this process, 0 for none
	hit  bool   // used by this process since the last Flush
	new  bool   // not yet on disk
}

func newCache(dir string, limit int64, chromaOnly bool) *cache {
	if limit <= 0 {
		limit = DefaultCacheLimit
	}
	c := &cache{
		dir:     dir,
		version: fmt.Sprintf("docgen-highlight %d chroma %s fastlex %v\x00", cacheVersion, chromaVersion, !chromaOnly),
		limit:   int(max(limit/cacheShards, 1)),
		now:     func() uint32 { return uint32(time.Now().Unix() / 3600) },
	}
	c.classes = map[string]string{"": ""}
	for _, cls := range chroma.StandardTypes {
		c.classes[cls] = cls
	}
	for i := range c.shards {
		c.shards[i].entries = make(map[cacheKey]*cacheEntry)
		c.shards[i].loaded = dir == ""
	}
	return c
}

// key returns the key of code in the normalised language lang.
func (c *cache) key(lang, code string) cacheKey {
	h := sha256.New()
	h.Write([]byte(c.version))
	h.Write([]byte(lang))
	h.Write([]byte{0})
	h.Write([]byte(code))
	var k cacheKey
	copy(k[:], h.Sum(nil))
	return k
}

// get returns the spans of code stored under k.
func (c *cache) get(k cacheKey, code string) (spans []span, ok, found bool) {
	s := &c.shards[k[0]]
	s.mu.Lock()
	if !s.loaded {
		c.load(s, k[0])
	}
	e := s.entries[k]
	if e != nil {
		e.hit = true
		e.tick = c.clock.Add(1)
	}
	s.mu.Unlock()
	if e == nil {
		return nil, false, false
	}
	spans, ok, valid := decodeSpans(e.data, len(code), c.classes)
	if !valid {
		return nil, false, false
	}
	return spans, ok, true
}

// put stores the spans of code under k.
func (c *cache) put(k cacheKey, spans []span, ok bool) {
	data := encodeSpans(spans, ok)
	s := &c.shards[k[0]]
	s.mu.Lock()
	defer s.mu.Unlock()
	if old := s.entries[k]; old != nil {
		s.size -= len(old.data)
	}
	s.entries[k] = &cacheEntry{data: data, hit: true, new: true, used: c.now(), tick: c.clock.Add(1)}
	s.size += len(data)
	s.dirty = c.dir != ""
	if s.size > c.limit {
		c.evict(s)
	}
}

// evict drops the entries of s least recently used until it holds three
// quarters of its limit: first those this process has not used, the
// longest unused first, then those it has, in the order it used them.
func (c *cache) evict(s *shard) {
	type kv struct {
		k cacheKey
		e *cacheEntry
	}
	all := make([]kv, 0, len(s.entries))
	for k, e := range s.entries {
		all = append(all, kv{k, e})
	}
	slices.SortFunc(all, func(a, b kv) int {
		if c := cmp.Compare(a.e.tick, b.e.tick); c != 0 {
			return c
		}
		return cmp.Compare(a.e.used, b.e.used)
	})
	for _, x := range all {
		if s.size <= c.limit*3/4 {
			break
		}
		delete(s.entries, x.k)
		s.size -= len(x.e.data)
		if x.e.new {
			// Dropping an entry not yet on disk changes nothing there;
			// dropping one that is asks Flush to rewrite the file.
			continue
		}
		s.dirty = c.dir != ""
	}
}

// shardPath returns the file of shard i.
func (c *cache) shardPath(i byte) string {
	return filepath.Join(c.dir, fmt.Sprintf("%02x.dghc", i))
}

// load reads shard i's file into s, which is locked. A missing, unreadable
// or corrupt file gives what could be read of it.
func (c *cache) load(s *shard, i byte) {
	s.loaded = true
	data, err := os.ReadFile(c.shardPath(i))
	if err != nil {
		return
	}
	parseShard(data, func(k cacheKey, used uint32, d []byte) {
		if _, ok := s.entries[k]; ok {
			return
		}
		s.entries[k] = &cacheEntry{data: d, used: used}
		s.size += len(d)
	})
	if s.size > c.limit {
		c.evict(s)
	}
}

// parseShard calls fn for each entry of a shard file, in order, stopping
// at the end or at the first entry that is cut short or fails its check.
// The data passed to fn is a slice of data.
func parseShard(data []byte, fn func(k cacheKey, used uint32, d []byte)) {
	if !bytes.HasPrefix(data, []byte(cacheMagic)) {
		return
	}
	p := len(cacheMagic)
	for p < len(data) {
		start := p
		if len(data)-p < 16+4 {
			return
		}
		var k cacheKey
		copy(k[:], data[p:])
		used := binary.LittleEndian.Uint32(data[p+16:])
		p += 20
		n, w := binary.Uvarint(data[p:])
		if w <= 0 || n > maxEntry || uint64(len(data)-p-w) < n+4 {
			return
		}
		p += w
		d := data[p : p+int(n) : p+int(n)]
		p += int(n)
		if crc32.ChecksumIEEE(data[start:p]) != binary.LittleEndian.Uint32(data[p:]) {
			return
		}
		p += 4
		fn(k, used, d)
	}
}

// appendEntry appends one entry in the shard file format.
func appendEntry(b []byte, k cacheKey, used uint32, d []byte) []byte {
	start := len(b)
	b = append(b, k[:]...)
	b = binary.LittleEndian.AppendUint32(b, used)
	b = binary.AppendUvarint(b, uint64(len(d)))
	b = append(b, d...)
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b[start:]))
}

// flush writes every shard with new entries to the cache folder.
func (c *cache) flush() error {
	if c.dir == "" {
		return nil
	}
	var errs []error
	created := false
	for i := range c.shards {
		s := &c.shards[i]
		s.mu.Lock()
		if !s.dirty && !(len(s.entries) > 0 && c.missing(byte(i))) {
			s.resetHits()
			s.mu.Unlock()
			continue
		}
		if !created {
			if err := os.MkdirAll(c.dir, 0o755); err != nil {
				s.mu.Unlock()
				return fmt.Errorf("highlight cache: %w", err)
			}
			created = true
		}
		err := c.writeShard(s, byte(i))
		if err == nil {
			s.dirty = false
			for _, e := range s.entries {
				e.new = false
			}
		}
		s.resetHits()
		s.mu.Unlock()
		if err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("highlight cache: %w", err)
	}
	return nil
}

// missing reports whether the file of shard i is gone, as when the folder
// was deleted during the build: Flush then writes what the shard holds.
func (c *cache) missing(i byte) bool {
	_, err := os.Stat(c.shardPath(i))
	return errors.Is(err, fs.ErrNotExist)
}

// resetHits starts a new round of use: what the next build uses counts.
func (s *shard) resetHits() {
	for _, e := range s.entries {
		e.hit = false
	}
}

// writeShard merges the file of shard i with s, which is locked, and
// replaces the file atomically.
func (c *cache) writeShard(s *shard, i byte) error {
	path := c.shardPath(i)
	// Entries another build wrote since this one read the file.
	if data, err := os.ReadFile(path); err == nil {
		parseShard(data, func(k cacheKey, used uint32, d []byte) {
			if _, ok := s.entries[k]; !ok {
				s.entries[k] = &cacheEntry{data: d, used: used}
				s.size += len(d)
			}
		})
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	now := c.now()
	for _, e := range s.entries {
		if e.hit {
			e.used = now
		}
	}
	if s.size > c.limit {
		c.evict(s)
	}
	keys := make([]cacheKey, 0, len(s.entries))
	for k := range s.entries {
		keys = append(keys, k)
	}
	// Sorted, so the same entries make the same file.
	slices.SortFunc(keys, func(a, b cacheKey) int { return bytes.Compare(a[:], b[:]) })
	buf := make([]byte, 0, len(cacheMagic)+s.size+len(keys)*32)
	buf = append(buf, cacheMagic...)
	for _, k := range keys {
		e := s.entries[k]
		buf = appendEntry(buf, k, e.used, e.data)
	}
	return atomicfile.Write(path, fmt.Sprintf(".%02x-*.tmp", i), buf)
}

// encodeSpans writes spans compactly: a flag byte (1 if tokenize
// succeeded), the table of classes used, then for each span its length
// and the index of its class. Spans cover the code in order, so their
// starts need not be written.
func encodeSpans(spans []span, ok bool) []byte {
	var classes []string
	idx := map[string]int{}
	for _, s := range spans {
		if _, seen := idx[s.class]; !seen {
			idx[s.class] = len(classes)
			classes = append(classes, s.class)
		}
	}
	b := make([]byte, 0, 8+4*len(classes)+3*len(spans))
	if ok {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	b = binary.AppendUvarint(b, uint64(len(classes)))
	for _, c := range classes {
		b = binary.AppendUvarint(b, uint64(len(c)))
		b = append(b, c...)
	}
	b = binary.AppendUvarint(b, uint64(len(spans)))
	for _, s := range spans {
		b = binary.AppendUvarint(b, uint64(s.end-s.start))
		b = binary.AppendUvarint(b, uint64(idx[s.class]))
	}
	return b
}

// decodeSpans reads what encodeSpans wrote, for code of n bytes, taking
// class names from intern when there (nil for none). valid is false when
// the data is not such an encoding for code of that length.
func decodeSpans(b []byte, n int, intern map[string]string) (spans []span, ok, valid bool) {
	if len(b) == 0 || b[0] > 1 {
		return nil, false, false
	}
	ok = b[0] == 1
	p := 1
	next := func() (int, bool) {
		v, w := binary.Uvarint(b[p:])
		if w <= 0 || v > uint64(len(b)+n) {
			return 0, false
		}
		p += w
		return int(v), true
	}
	nc, good := next()
	if !good {
		return nil, false, false
	}
	classes := make([]string, nc)
	for i := range classes {
		l, good := next()
		if !good || len(b)-p < l {
			return nil, false, false
		}
		if cls, found := intern[string(b[p:p+l])]; found {
			classes[i] = cls
		} else {
			classes[i] = string(b[p : p+l])
		}
		p += l
	}
	ns, good := next()
	if !good {
		return nil, false, false
	}
	spans = make([]span, 0, ns)
	pos := 0
	for range ns {
		l, good1 := next()
		ci, good2 := next()
		if !good1 || !good2 || ci >= nc || l == 0 || pos+l > n {
			return nil, false, false
		}
		spans = append(spans, span{start: pos, end: pos + l, class: classes[ci]})
		pos += l
	}
	if p != len(b) || ok && pos != n || !ok && ns != 0 {
		return nil, false, false
	}
	return spans, ok, true
}
