package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Defaults for the zero Options.
const (
	DefaultQuiet     = 10 * time.Millisecond
	DefaultQuietGone = 100 * time.Millisecond
	DefaultMaxDelay  = 500 * time.Millisecond
)

// Options configure a Watcher. The zero value is ready to use.
type Options struct {
	// Quiet is how long the folder must stay quiet before a batch is sent
	// (default 10ms; a burst such as a git checkout of 500 files must give
	// ONE batch). MaxDelay bounds how long a continuous stream of events can
	// hold a batch back (default 500ms): a batch is sent Quiet after its
	// latest change or MaxDelay after its first, whichever comes first.
	Quiet, MaxDelay time.Duration
	// QuietGone replaces Quiet while a changed path is missing: removed
	// or renamed away, and not back (default 100ms). A save by rename
	// (vim, emacs, JetBrains IDEs) moves the file away for an instant
	// before the new one takes its name; a batch sent in between would
	// report a page deleted, which costs a rebuild of every page. A
	// save that writes in place, the common case, waits only Quiet.
	QuietGone time.Duration

	// Ignore reports paths (slash-separated, relative to the root) to skip
	// entirely, e.g. the output folder "public" and ".git"; called for
	// directories and files. An ignored directory is not watched, so nothing
	// below it is seen. It is never called concurrently with itself. For a
	// removed or renamed path, isDir is true when the path was a directory
	// the Watcher knew of. Nil ignores nothing.
	Ignore func(rel string, isDir bool) bool
}

// Batch is one set of changes, sent once the folder has been quiet.
type Batch struct {
	// Paths are the changed paths relative to the root, slash-separated,
	// sorted, unique: files written, created, removed or renamed away, and
	// the files found in a directory that appeared. A removed or renamed
	// directory yields the directory path itself; a path may no longer
	// exist by the time the Batch is read. A change of attributes alone
	// (chmod, touch) is not reported.
	Paths []string
	// Rescan reports that the event queue overflowed (or a watch could not
	// be added): treat everything as changed. Paths then lists what was
	// seen, which is not everything.
	Rescan bool
}

// Watcher turns the events under one root folder into Batches.
type Watcher struct {
	root   string // absolute, cleaned
	quiet  time.Duration
	gone   time.Duration // the quiet period while a changed path is missing
	max    time.Duration
	ignore func(rel string, isDir bool) bool

	fsw *fsnotify.Watcher
	// add and beforeEvent are seams for tests: add is fsw.Add unless a test
	// injects a failure; beforeEvent, when set, runs before each event.
	add         func(name string) error
	beforeEvent func()

	batches chan Batch
	errs    chan error

	done      chan struct{} // closed by Close
	loopDone  chan struct{} // closed when run returns
	closeOnce sync.Once
	closeErr  error

	// The fields below belong to the run goroutine (and to New before it
	// starts).
	dirs      map[string]bool // rel → true: watched directory; false: ignored directory
	pending   map[string]struct{}
	missing   map[string]struct{} // the pending paths last removed or renamed away
	rescan    bool
	first     time.Time // when the pending batch got its first change; zero when empty
	ready     bool      // the pending batch may be sent
	timer     *time.Timer
	cached    *Batch // the pending batch, built; nil when stale
	errsShown map[string]bool
}

// New watches root and every directory below it that opts.Ignore lets
// through. When it returns, the watches are in place: a change made after
// New returns is reported. A directory that cannot be watched does not make
// New fail; it is reported on Errors and the first Batch has Rescan set.
func New(root string, opts Options) (*Watcher, error) {
	return newWatcher(root, opts, nil)
}

// newWatcher is New with a hook that may set the test seams before the
// first watch is added.
func newWatcher(root string, opts Options, setup func(*Watcher)) (*Watcher, error) {
	if opts.Quiet < 0 {
		return nil, fmt.Errorf("watch: Options.Quiet is negative (%v)", opts.Quiet)
	}
	if opts.MaxDelay < 0 {
		return nil, fmt.Errorf("watch: Options.MaxDelay is negative (%v)", opts.MaxDelay)
	}
	if opts.QuietGone < 0 {
		return nil, fmt.Errorf("watch: Options.QuietGone is negative (%v)", opts.QuietGone)
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	info, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("watch: %s is not a folder", root)
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	w := &Watcher{
		root:      abs,
		quiet:     orDefault(opts.Quiet, DefaultQuiet),
		gone:      orDefault(opts.QuietGone, DefaultQuietGone),
		max:       orDefault(opts.MaxDelay, DefaultMaxDelay),
		ignore:    opts.Ignore,
		fsw:       fsw,
		add:       fsw.Add,
		batches:   make(chan Batch),
		errs:      make(chan error, 16),
		done:      make(chan struct{}),
		loopDone:  make(chan struct{}),
		dirs:      make(map[string]bool),
		pending:   make(map[string]struct{}),
		missing:   make(map[string]struct{}),
		timer:     time.NewTimer(time.Hour),
		errsShown: make(map[string]bool),
	}
	w.timer.Stop()
	if w.ignore == nil {
		w.ignore = func(string, bool) bool { return false }
	}
	if setup != nil {
		setup(w)
	}
	if err := w.add(abs); err != nil {
		fsw.Close()
		return nil, watchError(root, err)
	}
	w.dirs["."] = true
	w.addTree(".", false)
	go w.run()
	return w, nil
}

// orDefault returns d, or def when d is zero.
func orDefault(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}

// Batches delivers the batches of changes. It is closed by Close. A batch
// that is pending when Close is called is dropped.
func (w *Watcher) Batches() <-chan Batch { return w.batches }

// Errors delivers non-fatal errors, for the caller to log: a directory that
// could not be watched (each kind of failure once, with a hint when Linux's
// inotify watch limit is the cause), each event-queue overflow, the root
// itself removed, other errors from the operating system's notifier. The
// Watcher keeps running after each; the Batch that follows says Rescan when
// changes may have been missed. Errors is buffered and never blocks the
// Watcher: when nobody reads it and it is full, further errors are dropped.
// It is never closed, so stop reading it when Batches is closed.
func (w *Watcher) Errors() <-chan error { return w.errs }

// Close stops the Watcher and every goroutine it started, then closes
// Batches. It is safe to call more than once and from any goroutine.
func (w *Watcher) Close() error {
	w.closeOnce.Do(func() {
		close(w.done)
		// fsnotify's reader can hold its lock while it waits to hand over
		// an error, and its Close takes that lock: keep both channels
		// drained until fsnotify has closed them.
		drained := make(chan struct{})
		go func() {
			defer close(drained)
			evs, errs := w.fsw.Events, w.fsw.Errors
			for evs != nil || errs != nil {
				select {
				case _, ok := <-evs:
					if !ok {
						evs = nil
					}
				case _, ok := <-errs:
					if !ok {
						errs = nil
					}
				}
			}
		}()
		w.closeErr = w.fsw.Close()
		<-w.loopDone
		if w.closeErr == nil {
			<-drained
		}
	})
	return w.closeErr
}

// closed reports whether Close has been called.
func (w *Watcher) closed() bool {
	select {
	case <-w.done:
		return true
	default:
		return false
	}
}

// run is the Watcher's goroutine: it handles events, keeps the pending
// batch and sends it when it is ready and someone is receiving.
func (w *Watcher) run() {
	defer close(w.loopDone)
	defer close(w.batches)
	defer w.timer.Stop()
	for {
		if w.closed() {
			return
		}
		var out chan<- Batch
		var b Batch
		if w.ready {
			out, b = w.batches, w.batch()
		}
		select {
		case <-w.done:
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if w.beforeEvent != nil {
				w.beforeEvent()
			}
			w.handle(ev)
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			w.handleError(err)
		case <-w.timer.C:
			w.ready = w.rescan || len(w.pending) > 0
		case out <- b:
			clear(w.pending)
			clear(w.missing)
			w.rescan, w.ready, w.cached, w.first = false, false, nil, time.Time{}
			w.timer.Stop()
		}
	}
}

// handle turns one fsnotify event into pending changes.
func (w *Watcher) handle(ev fsnotify.Event) {
	rel, ok := w.rel(ev.Name)
	if !ok {
		return
	}
	if rel == "." {
		if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
			w.report("root", fmt.Errorf("watch: %s was removed or renamed; restart to watch it again", w.root))
			w.markRescan()
		}
		return
	}
	switch {
	case ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename):
		watched, known := w.dirs[rel]
		if w.ignore(rel, known) || (!known && IsTemp(path.Base(rel))) {
			delete(w.dirs, rel)
			return
		}
		if known && watched {
			w.dropTree(rel)
		}
		delete(w.dirs, rel)
		w.missing[rel] = struct{}{}
		w.touch(rel)
	case ev.Has(fsnotify.Create):
		info, err := os.Lstat(ev.Name)
		if err == nil && info.IsDir() {
			if w.ignore(rel, true) {
				w.dirs[rel] = false
				return
			}
			w.addTree(rel, true)
			return
		}
		if w.ignore(rel, false) || IsTemp(path.Base(rel)) {
			return
		}
		delete(w.missing, rel)
		w.touch(rel)
	case ev.Has(fsnotify.Write):
		// kqueue and Windows report a Write on a directory whose entries
		// changed; the entries' own events say what changed.
		if _, isDir := w.dirs[rel]; isDir || w.ignore(rel, false) || IsTemp(path.Base(rel)) {
			return
		}
		delete(w.missing, rel)
		w.touch(rel)
	}
	// A Chmod alone is dropped: a save also writes, while Spotlight, backup
	// tools and virus scanners change attributes all day long.
}

// handleError handles an error from fsnotify.
func (w *Watcher) handleError(err error) {
	if errors.Is(err, fsnotify.ErrEventOverflow) {
		w.report("", fmt.Errorf("watch: %w: treating every file as changed", err))
		w.markRescan()
		w.resync()
		return
	}
	w.report("", fmt.Errorf("watch: %w", err))
}

// resync drops every watch and adds them again from a fresh walk, after
// an overflow lost events that may have created, moved or removed
// directories. Dropping first matters on Linux: adding a moved directory
// whose inode is still watched under its old name would keep the old name.
func (w *Watcher) resync() {
	for _, name := range w.fsw.WatchList() {
		w.fsw.Remove(name)
	}
	clear(w.dirs)
	if err := w.add(w.root); err != nil {
		w.addFailed(".", err)
		return
	}
	w.dirs["."] = true
	w.addTree(".", false)
}

// addTree watches the directory rel (already known not to be ignored) and
// every directory below it that Ignore lets through. When report is set, the
// files it finds are added to the pending batch: they may have been written
// before their directory was watched. Each directory is watched before it
// is read, so a file created in between is seen by one or the other.
func (w *Watcher) addTree(rel string, report bool) {
	stack := []string{rel}
	for len(stack) > 0 {
		dir := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		abs := w.abs(dir)
		if dir != "." {
			if err := w.add(abs); err != nil {
				w.addFailed(dir, err)
				continue
			}
			w.dirs[dir] = true
		}
		entries, err := os.ReadDir(abs)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				w.report("", fmt.Errorf("watch: %w", err))
			}
			continue
		}
		for _, e := range entries {
			child := path.Join(dir, e.Name())
			if e.IsDir() {
				if w.ignore(child, true) {
					w.dirs[child] = false
					continue
				}
				stack = append(stack, child)
				continue
			}
			if report && !IsTemp(e.Name()) && !w.ignore(child, false) {
				delete(w.missing, child)
				w.touch(child)
			}
		}
	}
}

// addFailed records that the directory rel could not be watched: changes
// below it would be missed, so the next batch says Rescan. Each kind of
// failure is reported once.
func (w *Watcher) addFailed(rel string, err error) {
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fsnotify.ErrClosed) || w.closed() {
		return // gone before its watch was added, or shutting down
	}
	w.markRescan()
	w.report("add: "+err.Error(), watchError(rel, err))
}

// watchError describes the failure to watch the directory name, with a hint
// when Linux's inotify watch limit is the cause.
func watchError(name string, err error) error {
	if errors.Is(err, syscall.ENOSPC) {
		return fmt.Errorf("watch: cannot watch %s: %w (the inotify watch limit is reached: raise fs.inotify.max_user_watches, or Ignore more folders)", name, err)
	}
	return fmt.Errorf("watch: cannot watch %s: %w", name, err)
}

// dropTree forgets the watched directory rel and every directory below it,
// after rel was removed or renamed away. On Linux the watches of a renamed
// directory live on under their old names; they are removed here, before the
// new name's Create event arrives, so the new name gets watches of its own.
func (w *Watcher) dropTree(rel string) {
	for dir, watched := range w.dirs {
		if dir != rel && !strings.HasPrefix(dir, rel+"/") {
			continue
		}
		if watched {
			w.fsw.Remove(w.abs(dir)) // the error says the watch was already gone
		}
		delete(w.dirs, dir)
	}
}

// touch adds rel to the pending batch.
func (w *Watcher) touch(rel string) {
	if _, ok := w.pending[rel]; !ok {
		w.pending[rel] = struct{}{}
		w.cached = nil
	}
	w.arm()
}

// markRescan sets Rescan on the pending batch.
func (w *Watcher) markRescan() {
	if !w.rescan {
		w.rescan = true
		w.cached = nil
	}
	w.arm()
}

// arm restarts the quiet period after a change: the batch becomes ready
// Quiet (QuietGone while a changed path is missing) after the latest
// change, or MaxDelay after the first, whichever comes first.
func (w *Watcher) arm() {
	now := time.Now()
	if w.first.IsZero() {
		w.first = now
	}
	quiet := w.quiet
	if len(w.missing) > 0 {
		quiet = max(quiet, w.gone)
	}
	deadline := now.Add(quiet)
	if limit := w.first.Add(w.max); limit.Before(deadline) {
		deadline = limit
	}
	if !deadline.After(now) {
		w.ready = true
		w.timer.Stop()
		return
	}
	w.ready = false
	w.timer.Reset(deadline.Sub(now))
}

// batch returns the pending batch.
func (w *Watcher) batch() Batch {
	if w.cached == nil {
		paths := make([]string, 0, len(w.pending))
		for p := range w.pending {
			paths = append(paths, p)
		}
		slices.Sort(paths)
		w.cached = &Batch{Paths: paths, Rescan: w.rescan}
	}
	return *w.cached
}

// report sends err on Errors unless an error with the same non-empty key
// was sent before, the buffer is full, or the Watcher is closing.
func (w *Watcher) report(key string, err error) {
	if w.closed() {
		return
	}
	if key != "" {
		if w.errsShown[key] {
			return
		}
		w.errsShown[key] = true
	}
	select {
	case w.errs <- err:
	default:
	}
}

// rel returns name relative to the root, slash-separated.
func (w *Watcher) rel(name string) (string, bool) {
	if name == w.root {
		return ".", true
	}
	prefix := w.root
	if !strings.HasSuffix(prefix, string(filepath.Separator)) {
		prefix += string(filepath.Separator)
	}
	r, ok := strings.CutPrefix(name, prefix)
	if !ok || r == "" {
		return "", false
	}
	return filepath.ToSlash(r), true
}

// abs returns the absolute name of rel.
func (w *Watcher) abs(rel string) string {
	if rel == "." {
		return w.root
	}
	return filepath.Join(w.root, filepath.FromSlash(rel))
}
