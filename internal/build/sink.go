package build

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Sink receives the files of a build. WriteFile may be called from many
// goroutines at once. A build calls Commit when every file is written, or
// Abort when it fails.
type Sink interface {
	WriteFile(name string, data []byte) error
	Commit() error
	Abort()
}

// Discard is the sink of docgen check: it keeps nothing.
type Discard struct{}

func (Discard) WriteFile(string, []byte) error { return nil }
func (Discard) Commit() error                  { return nil }
func (Discard) Abort()                         {}

// Memory keeps the files in memory, for tests, the server and products
// that serve docs without a disk.
type Memory struct {
	mu    sync.Mutex
	Files map[string][]byte
}

// WriteFile implements Sink.
func (m *Memory) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Files == nil {
		m.Files = make(map[string][]byte)
	}
	m.Files[name] = data
	return nil
}

// Commit implements Sink.
func (m *Memory) Commit() error { return nil }

// Abort implements Sink.
func (m *Memory) Abort() {}

// Names returns the file names, sorted.
func (m *Memory) Names() []string {
	names := make([]string, 0, len(m.Files))
	for n := range m.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Dir writes the build into a staging folder beside the destination and
// swaps it in on Commit, so an interrupted or failed build never leaves a
// half-written output: readers see the old site or the new one.
type Dir struct {
	dest    string
	staging string
	mu      sync.Mutex
	dirs    map[string]bool
}

// NewDir prepares a staging folder for dest.
func NewDir(dest string) (*Dir, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	staging, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".staging-")
	if err != nil {
		return nil, err
	}
	return &Dir{dest: dest, staging: staging, dirs: map[string]bool{}}, nil
}

// WriteFile implements Sink.
func (d *Dir) WriteFile(name string, data []byte) error {
	if !filepath.IsLocal(name) {
		return fmt.Errorf("build: refusing to write %q outside the output folder", name)
	}
	p := filepath.Join(d.staging, filepath.FromSlash(name))
	dir := filepath.Dir(p)
	d.mu.Lock()
	made := d.dirs[dir]
	d.mu.Unlock()
	if !made {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		d.mu.Lock()
		d.dirs[dir] = true
		d.mu.Unlock()
	}
	return os.WriteFile(p, data, 0o644)
}

// Commit swaps the staging folder in for the destination.
func (d *Dir) Commit() error {
	old := ""
	if _, err := os.Lstat(d.dest); err == nil {
		old = d.staging + ".old"
		if err := os.Rename(d.dest, old); err != nil {
			d.Abort()
			return fmt.Errorf("build: moving the previous output aside: %w", err)
		}
	}
	if err := os.Rename(d.staging, d.dest); err != nil {
		if old != "" {
			_ = os.Rename(old, d.dest)
		}
		d.Abort()
		return fmt.Errorf("build: putting the new output in place: %w", err)
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// Abort removes the staging folder.
func (d *Dir) Abort() {
	if strings.Contains(filepath.Base(d.staging), ".staging-") {
		_ = os.RemoveAll(d.staging)
	}
}
