package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/docgen/docgen/internal/atomicfile"
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
	reuse   bool // start from the spare
	keep    bool // keep the output replaced as the spare
	mu      sync.Mutex
	dirs    map[string]bool
	names   []string
	// held lists the files of the spare output the staging folder started
	// from (see DirOptions.Reuse), and whether this build wrote them.
	held map[string]bool
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
	// Reuse keeps the previous output, once replaced, in the state folder
	// beside the destination (see StateDir), and starts the next build from
	// it: a file the same as there is left as it is, so a build after a
	// small edit writes a few files and creates no folders, instead of
	// writing every file into new folders and deleting the old ones (on
	// a virtual disk, creating a folder costs a quarter of a millisecond).
	// It costs a second copy of the output on disk. Unchanged files keep
	// their times, so rsync-like deploys copy only what changed.
	Reuse bool
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
	state := StateDir(dest)
	if err := os.MkdirAll(state, 0o755); err != nil {
		return nil, err
	}
	// Build output is never source: git, and tools that read .gitignore,
	// leave the folder alone whatever the site's own ignore rules say.
	if err := writeIfMissing(filepath.Join(state, ".gitignore"), "# docgen's build state: the lock, the spare output, staging folders.\n*\n"); err != nil {
		return nil, err
	}
	lock, err := acquire(ctx, filepath.Join(state, "lock"), opts.Waiting)
	if err != nil {
		return nil, err
	}
	if !opts.Clean {
		if err := checkOwned(dest); err != nil {
			lock.release()
			return nil, err
		}
	}
	// A destination replaced without checking what it holds is not kept:
	// its files not written by a build would come back in the next one.
	d := &Dir{dest: dest, lock: lock, reuse: opts.Reuse, keep: opts.Reuse && !opts.Clean, dirs: map[string]bool{}}
	if d.staging, d.held, err = d.adoptSpare(); err != nil {
		lock.release()
		return nil, err
	}
	if d.staging == "" {
		if d.staging, err = os.MkdirTemp(state, "staging-"); err != nil {
			lock.release()
			return nil, err
		}
	}
	return d, nil
}

// StateDir is the folder beside an output folder that holds what docgen
// keeps between builds into it: the lock, the spare output (see
// DirOptions.Reuse) and the staging folders of builds under way
// (".public.docgen" for "public"). It is on the output's file system, so
// folders move between the two by rename.
func StateDir(dest string) string {
	dest = filepath.Clean(dest)
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".docgen")
}

// spare is the folder the output a build replaced is kept in.
func (d *Dir) spare() string { return filepath.Join(StateDir(d.dest), "spare") }

func writeIfMissing(name, content string) error {
	if _, err := os.Stat(name); err == nil {
		return nil
	}
	return atomicfile.Write(name, ".tmp-*", []byte(content))
}

// adoptSpare returns the spare output as the staging folder, with the
// files its manifest lists, when the build reuses it; else it removes
// any and returns "". The manifest goes first, so a build that stops half
// way leaves a spare with none, which the next build removes instead of
// trusting.
func (d *Dir) adoptSpare() (string, map[string]bool, error) {
	spare := d.spare()
	info, err := os.Lstat(spare)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil, nil
	}
	if err != nil {
		return "", nil, err
	}
	if d.reuse && info.IsDir() {
		manifest := filepath.Join(spare, ManifestName)
		if data, err := os.ReadFile(manifest); err == nil {
			if err := os.Remove(manifest); err != nil {
				return "", nil, err
			}
			held := map[string]bool{}
			for _, n := range strings.Split(string(data), "\n") {
				if n != "" && filepath.IsLocal(n) {
					held[n] = false
				}
			}
			return spare, held, nil
		}
	}
	return "", nil, removeTree(spare)
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
	_, held := d.held[name]
	if held {
		d.held[name] = true
	}
	d.mu.Unlock()
	if held {
		info, err := os.Lstat(p)
		switch {
		case err != nil:
		case !info.Mode().IsRegular():
			// Replaced, never written through: a link could point
			// anywhere.
			if err := os.RemoveAll(p); err != nil {
				return err
			}
			made = true
		case info.Size() == int64(len(data)) && sameContent(p, data):
			return nil
		default:
			made = true
		}
	}
	if !made {
		// A file in the folder's place also exists; the write finds
		// out.
		err := os.Mkdir(dir, 0o755)
		if errors.Is(err, fs.ErrExist) {
			err = nil
		} else if err != nil {
			err = os.MkdirAll(dir, 0o755)
		}
		if err != nil && d.held != nil {
			if err = d.clearWay(p); err == nil {
				err = os.MkdirAll(dir, 0o755)
			}
		}
		if err != nil {
			return err
		}
		d.mu.Lock()
		d.dirs[dir] = true
		d.mu.Unlock()
	}
	err := os.WriteFile(p, data, 0o644)
	if err != nil && d.held != nil {
		// The spare may have lost the folder since its manifest was
		// written, or hold an earlier build's file where this one needs
		// a folder, or the other way round.
		if err = d.clearWay(p); err == nil {
			if err = os.MkdirAll(dir, 0o755); err == nil {
				err = os.WriteFile(p, data, 0o644)
			}
		}
	}
	return err
}

// clearWay removes what the spare holds in the way of writing the file p:
// a file of an earlier build where p needs a folder (a static file
// "guide" that became the page "guide/"), or a folder where p is to be a
// file. Only what this build has not written goes: a build's own outputs
// never collide so, and a collision with one is left to fail.
func (d *Dir) clearWay(p string) error {
	rel := func(q string) string {
		r, _ := filepath.Rel(d.staging, q)
		return filepath.ToSlash(r)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	for dir := filepath.Dir(p); strings.HasPrefix(dir, d.staging+string(filepath.Separator)); dir = filepath.Dir(dir) {
		info, err := os.Lstat(dir)
		if err != nil || info.IsDir() {
			continue
		}
		if written, ok := d.held[rel(dir)]; !ok || written {
			return nil
		}
		if err := os.Remove(dir); err != nil {
			return err
		}
	}
	info, err := os.Lstat(p)
	if err != nil || !info.IsDir() {
		return nil
	}
	prefix := rel(p) + "/"
	for n, written := range d.held {
		if written && strings.HasPrefix(n, prefix) {
			return nil
		}
	}
	return removeTree(p)
}

// sameContent reports whether the file at p holds exactly data.
func sameContent(p string, data []byte) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := make([]byte, len(data)+1) // one more, to see the end
	n, err := io.ReadFull(f, buf)
	if len(data) == 0 {
		return n == 0 && errors.Is(err, io.EOF)
	}
	return n == len(data) && errors.Is(err, io.ErrUnexpectedEOF) && bytes.Equal(buf[:n], data)
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
	if err := d.removeStale(); err != nil {
		d.abort()
		return err
	}
	old := ""
	if _, err := os.Lstat(d.dest); err == nil {
		old = d.staging + ".old"
		if _, err := os.Lstat(old); err == nil {
			// Left by a build stopped between the two renames below.
			if err := removeTree(old); err != nil {
				d.abort()
				return err
			}
		}
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
	if old == "" {
		return nil
	}
	if d.keep {
		// The replaced output is the next build's starting point: it
		// has its manifest, and no one else uses it.
		return os.Rename(old, d.spare())
	}
	return removeTree(old)
}

// removeStale removes the files of the spare output this build did not
// write, and the folders they leave empty.
func (d *Dir) removeStale() error {
	var stale []string
	for n, written := range d.held {
		if !written {
			stale = append(stale, filepath.Join(d.staging, filepath.FromSlash(n)))
		}
	}
	if err := inParallel(stale, func(p string) error {
		// Gone already, or cleared for this build's file or folder of
		// the same name (see clearWay).
		if info, err := os.Lstat(p); err != nil || info.IsDir() {
			return nil
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	}); err != nil {
		return err
	}
	// Deepest first, each folder once; a folder still holding files stays.
	dirs := map[string]bool{}
	for _, p := range stale {
		for dir := filepath.Dir(p); dir != d.staging && strings.HasPrefix(dir, d.staging); dir = filepath.Dir(dir) {
			dirs[dir] = true
		}
	}
	list := make([]string, 0, len(dirs))
	for dir := range dirs {
		list = append(list, dir)
	}
	sort.Slice(list, func(i, j int) bool { return len(list[i]) > len(list[j]) })
	for _, dir := range list {
		// Only an empty folder: this build may have written a file of
		// the same name (os.Remove would take that too).
		if info, err := os.Lstat(dir); err == nil && info.IsDir() {
			_ = os.Remove(dir)
		}
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
	// The spare, half changed and without its manifest, is removed too:
	// the next build would not trust it.
	if strings.HasPrefix(filepath.Base(d.staging), "staging-") || d.staging == d.spare() {
		_ = removeTree(d.staging)
	}
}
