package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
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
//
// A Dir holds a lock on its destination from NewDir until Commit or Abort,
// so two builds into one folder run one after the other, never
// interleaved. It records the files it wrote in ManifestName, and refuses a
// destination holding files that no build wrote, unless told to clean it:
// pointing --dest at the wrong folder must not delete someone's work.
type Dir struct {
	dest    string
	staging string
	lock    *fileLock
	mu      sync.Mutex
	dirs    map[string]bool
	names   []string
}

// ManifestName is the file, in the output folder, that lists the files a
// build wrote.
const ManifestName = ".docgen-manifest"

// DirOptions configure NewDir.
type DirOptions struct {
	// Clean allows replacing a destination that holds files docgen did
	// not write.
	Clean bool
	// Waiting, if set, is called once when another build holds the
	// destination and this one waits for it.
	Waiting func()
}

// ForeignFilesError is the refusal of a destination holding files that no
// build wrote.
type ForeignFilesError struct {
	Dest  string
	Files []string // a few of them, relative to Dest
}

func (e *ForeignFilesError) Error() string {
	return fmt.Sprintf("output folder %s holds files docgen did not write (%s); pass --clean-dest to replace it anyway",
		e.Dest, strings.Join(e.Files, ", "))
}

// NewDir locks dest, waiting while another build holds it, checks that
// it may be replaced, and prepares a staging folder beside it.
func NewDir(ctx context.Context, dest string, opts DirOptions) (*Dir, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	lock, err := acquire(ctx, filepath.Join(parent, "."+filepath.Base(dest)+".lock"), opts.Waiting)
	if err != nil {
		return nil, err
	}
	if !opts.Clean {
		if err := checkOwned(dest); err != nil {
			lock.release()
			return nil, err
		}
	}
	staging, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".staging-")
	if err != nil {
		lock.release()
		return nil, err
	}
	return &Dir{dest: dest, staging: staging, lock: lock, dirs: map[string]bool{}}, nil
}

// checkOwned reports a destination that exists and holds anything besides
// what its manifest lists.
func checkOwned(dest string) error {
	info, err := os.Lstat(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("output folder %s is a file", dest)
	}
	listed := map[string]bool{ManifestName: true}
	data, err := os.ReadFile(filepath.Join(dest, ManifestName))
	switch {
	case err == nil:
		for _, n := range strings.Split(string(data), "\n") {
			if n != "" {
				listed[n] = true
			}
		}
	case errors.Is(err, fs.ErrNotExist):
		// Builds before the manifest existed left no list, but their
		// output always has the theme's _docgen/ folder.
		if info, err := os.Stat(filepath.Join(dest, "_docgen")); err == nil && info.IsDir() {
			return nil
		}
	default:
		return err
	}
	var foreign []string
	err = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dest, p)
		if rel = filepath.ToSlash(rel); !listed[rel] {
			foreign = append(foreign, rel)
			if len(foreign) == 3 {
				return fs.SkipAll
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(foreign) > 0 {
		return &ForeignFilesError{Dest: dest, Files: foreign}
	}
	return nil
}

// WriteFile implements Sink.
func (d *Dir) WriteFile(name string, data []byte) error {
	if !filepath.IsLocal(name) || name == ManifestName {
		return fmt.Errorf("build: refusing to write %q outside the output folder", name)
	}
	p := filepath.Join(d.staging, filepath.FromSlash(name))
	dir := filepath.Dir(p)
	d.mu.Lock()
	made := d.dirs[dir]
	d.names = append(d.names, name)
	d.mu.Unlock()
	if !made {
		// Mostly the parent is there: one mkdir, where MkdirAll would
		// stat the folder and its parent first.
		if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
		}
		d.mu.Lock()
		d.dirs[dir] = true
		d.mu.Unlock()
	}
	return os.WriteFile(p, data, 0o644)
}

// Commit writes the manifest and swaps the staging folder in for the
// destination.
func (d *Dir) Commit() error {
	defer d.lock.release()
	sort.Strings(d.names)
	manifest := strings.Join(slices.Compact(d.names), "\n") + "\n"
	if err := os.WriteFile(filepath.Join(d.staging, ManifestName), []byte(manifest), 0o644); err != nil {
		d.abort()
		return err
	}
	old := ""
	if _, err := os.Lstat(d.dest); err == nil {
		old = d.staging + ".old"
		if err := os.Rename(d.dest, old); err != nil {
			d.abort()
			return fmt.Errorf("build: moving the previous output aside: %w", err)
		}
	}
	if err := os.Rename(d.staging, d.dest); err != nil {
		if old != "" {
			_ = os.Rename(old, d.dest)
		}
		d.abort()
		return fmt.Errorf("build: putting the new output in place: %w", err)
	}
	if old != "" {
		return removeTree(old)
	}
	return nil
}

// removeTree removes a folder and everything in it, as os.RemoveAll does,
// but unlinks from several goroutines: each removal waits on the disk,
// and the previous output of a large site is tens of thousands of files
// and folders, which one after the other took seconds.
func removeTree(root string) error {
	var files []string
	var dirs [][]string // by depth below root
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			files = append(files, p)
			return nil
		}
		depth := strings.Count(p[len(root):], string(filepath.Separator))
		for len(dirs) <= depth {
			dirs = append(dirs, nil)
		}
		dirs[depth] = append(dirs[depth], p)
		return nil
	})
	if err == nil {
		err = inParallel(files, os.Remove)
	}
	// The deepest folders first: each is empty once those below it are gone.
	for i := len(dirs) - 1; i >= 0 && err == nil; i-- {
		err = inParallel(dirs[i], os.Remove)
	}
	// Whatever is left, and the error of what cannot be removed.
	if rerr := os.RemoveAll(root); rerr != nil {
		return rerr
	}
	return nil
}

// removeWorkers is how many removals removeTree has going at once.
const removeWorkers = 8

// inParallel calls f with every path, from removeWorkers goroutines, and
// returns the first error.
func inParallel(paths []string, f func(string) error) error {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	next := make(chan string)
	for range min(removeWorkers, len(paths)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				if err := f(p); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for _, p := range paths {
		next <- p
	}
	close(next)
	wg.Wait()
	return first
}

// Abort removes the staging folder and releases the destination.
func (d *Dir) Abort() {
	d.abort()
	d.lock.release()
}

func (d *Dir) abort() {
	if strings.Contains(filepath.Base(d.staging), ".staging-") {
		_ = os.RemoveAll(d.staging)
	}
}
