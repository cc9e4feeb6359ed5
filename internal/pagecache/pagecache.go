// Package pagecache keeps rendered pages on disk between builds, so a build
// after a one-page edit renders one page instead of all of them.
//
// The cache holds one file per slot. A slot is what the caller names a page
// by across builds (its path and the build options that change every page),
// so an edited page overwrites its own entry instead of adding one: the
// cache stays about the size of the rendered pages of the sites built with
// it. What an entry holds, and whether it is still true, is the caller's:
// this package stores and returns bytes, checksummed.
//
// Safe to delete at any time (a missing file is a miss), and safe to share
// between concurrent builds: an entry is written to a temporary file and
// renamed over the old one, so a reader sees the old entry or the new one,
// never half of one; a file that is truncated or corrupt fails its checksum
// and is a miss. Entries unused for MaxAge are removed, at most once a day,
// by Trim, like Go's build cache.
package pagecache

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/docgen/docgen/internal/atomicfile"
)

// Slot names an entry.
type Slot [16]byte

func (s Slot) String() string { return hex.EncodeToString(s[:]) }

const (
	magic = "DGPC1\n"
	// header is the magic, the payload's length and its CRC-32C.
	header = len(magic) + 8 + 4
	// MaxAge is how long an entry no build used is kept.
	MaxAge = 5 * 24 * time.Hour
	// trimEvery is how often Trim walks the folder.
	trimEvery = 24 * time.Hour
	// touchAfter is how old an entry's time may get before a use renews
	// it: renewing on every use would write the metadata of every entry
	// on every build.
	touchAfter = time.Hour
	// dirName is the cache's folder inside the folder it is given, which
	// other caches share.
	dirName   = "pages"
	trimFile  = "trimmed"
	tempFiles = ".tmp-"
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Cache is a folder of entries. The zero of *Cache (nil) is a cache that
// holds nothing and stores nothing.
type Cache struct {
	dir string
	now func() time.Time
}

// Open returns the cache kept in dir/pages, or nil for dir "". The folder
// is created on the first Put.
func Open(dir string) *Cache {
	if dir == "" {
		return nil
	}
	return &Cache{dir: filepath.Join(dir, dirName), now: time.Now}
}

func (c *Cache) path(s Slot) string {
	h := s.String()
	return filepath.Join(c.dir, h[:2], h[2:])
}

// Get returns the payload stored in slot, or nil when there is none or the
// file is damaged.
func (c *Cache) Get(s Slot) []byte {
	if c == nil {
		return nil
	}
	name := c.path(s)
	f, err := os.Open(name)
	if err != nil {
		return nil
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || info.Size() < int64(header) || info.Size() > maxFile {
		return nil
	}
	data := make([]byte, info.Size())
	if _, err := io.ReadFull(f, data); err != nil {
		return nil
	}
	payload, ok := decode(data)
	if !ok {
		return nil
	}
	if now := c.now(); now.Sub(info.ModTime()) > touchAfter {
		// Best effort: an entry whose time cannot be renewed is only
		// trimmed sooner.
		_ = os.Chtimes(name, now, now)
	}
	return payload
}

// maxFile bounds the file Get reads: no rendered page comes near it, and
// a damaged length must not make it allocate without bound.
const maxFile = 1 << 30

// decode checks a file's header and checksum and returns its payload.
func decode(data []byte) ([]byte, bool) {
	if len(data) < header || string(data[:len(magic)]) != magic {
		return nil, false
	}
	n := binary.LittleEndian.Uint64(data[len(magic):])
	sum := binary.LittleEndian.Uint32(data[len(magic)+8:])
	payload := data[header:]
	if n != uint64(len(payload)) || crc32.Checksum(payload, castagnoli) != sum {
		return nil, false
	}
	return payload, true
}

func encode(payload []byte) []byte {
	data := make([]byte, header, header+len(payload))
	copy(data, magic)
	binary.LittleEndian.PutUint64(data[len(magic):], uint64(len(payload)))
	binary.LittleEndian.PutUint32(data[len(magic)+8:], crc32.Checksum(payload, castagnoli))
	return append(data, payload...)
}

// Put stores payload in slot, replacing what it held.
func (c *Cache) Put(s Slot, payload []byte) error {
	if c == nil {
		return nil
	}
	name := c.path(s)
	data := encode(payload)
	err := atomicfile.Write(name, tempFiles+"*", data)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		err = atomicfile.Write(name, tempFiles+"*", data)
	}
	return err
}

// Trim removes the entries no build used for MaxAge, and temporary files a
// killed build left, at most once every trimEvery: it reads the whole
// folder, which costs a build with ten thousand pages some milliseconds.
func (c *Cache) Trim() error {
	if c == nil {
		return nil
	}
	now := c.now()
	mark := filepath.Join(c.dir, trimFile)
	if data, err := os.ReadFile(mark); err == nil {
		if t, err := strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64); err == nil && now.Sub(time.Unix(t, 0)) < trimEvery {
			return nil
		}
	}
	err := filepath.WalkDir(c.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() || p == mark {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil // removed meanwhile
		}
		age := now.Sub(info.ModTime())
		if age > MaxAge || strings.HasPrefix(d.Name(), tempFiles) && age > touchAfter {
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(mark, []byte(strconv.FormatInt(now.Unix(), 10)+"\n"), 0o644)
}
