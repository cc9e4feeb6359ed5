package watch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// The tests use real folders and the real notifier. Deadlines are generous
// because test machines are shared: a test waits up to this long for what it
// expects, and fails only when it never comes. No test asserts how long
// anything took.
const deadline = 10 * time.Second

// testQuiet is the quiet period most tests use: long enough that the few
// system calls of one save land in one batch even on a loaded machine.
const testQuiet = 100 * time.Millisecond

// newSite writes files (slash-separated paths → content) into a new
// temporary folder and returns it.
func newSite(t testing.TB, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for rel, content := range files {
		write(t, root, rel, content)
	}
	return root
}

// write writes content to root/rel, creating its folders.
func write(t testing.TB, root, rel, content string) {
	t.Helper()
	name := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func rename(t testing.TB, root, from, to string) {
	t.Helper()
	if err := os.Rename(filepath.Join(root, from), filepath.Join(root, to)); err != nil {
		t.Fatal(err)
	}
}

func remove(t testing.TB, root, rel string) {
	t.Helper()
	if err := os.RemoveAll(filepath.Join(root, rel)); err != nil {
		t.Fatal(err)
	}
}

func mkdir(t testing.TB, root, rel string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(root, rel), 0o755); err != nil {
		t.Fatal(err)
	}
}

// start watches root and closes the Watcher when the test ends.
func start(t testing.TB, root string, opts Options) *Watcher {
	t.Helper()
	if opts.Quiet == 0 {
		opts.Quiet = testQuiet
	}
	if opts.MaxDelay == 0 {
		opts.MaxDelay = deadline
	}
	w, err := New(root, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

// next returns the next batch, failing the test if none comes in time.
func next(t testing.TB, w *Watcher) Batch {
	t.Helper()
	select {
	case b, ok := <-w.Batches():
		if !ok {
			t.Fatal("Batches closed")
		}
		checkBatch(t, b)
		return b
	case <-time.After(deadline):
		t.Fatalf("no batch within %v", deadline)
		return Batch{}
	}
}

// checkBatch checks the promises a Batch makes about its Paths.
func checkBatch(t testing.TB, b Batch) {
	t.Helper()
	if !slices.IsSorted(b.Paths) {
		t.Errorf("batch paths are not sorted: %q", b.Paths)
	}
	if len(slices.Compact(slices.Clone(b.Paths))) != len(b.Paths) {
		t.Errorf("batch paths repeat: %q", b.Paths)
	}
	for _, p := range b.Paths {
		if strings.Contains(p, `\`) || strings.HasPrefix(p, "/") || p == "." || p == "" {
			t.Errorf("batch path %q is not slash-separated and relative", p)
		}
	}
}

// collect reads batches until every path in want has been seen, then keeps
// reading while batches keep coming within a settle window (three quiet
// periods) and returns the union of what it saw. A stray batch after the
// window is not seen; the window only gives strays a fair chance to show.
func collect(t testing.TB, w *Watcher, quiet time.Duration, want ...string) (got []string, rescan bool) {
	t.Helper()
	seen := map[string]bool{}
	missing := func() bool {
		for _, p := range want {
			if !seen[p] {
				return true
			}
		}
		return false
	}
	add := func(b Batch) {
		checkBatch(t, b)
		rescan = rescan || b.Rescan
		for _, p := range b.Paths {
			seen[p] = true
		}
	}
	timeout := time.After(deadline)
	for missing() {
		select {
		case b, ok := <-w.Batches():
			if !ok {
				t.Fatal("Batches closed")
			}
			add(b)
		case <-timeout:
			t.Fatalf("after %v still waiting for %q; saw %q", deadline, want, keys(seen))
		}
	}
	for {
		select {
		case b, ok := <-w.Batches():
			if !ok {
				return keys(seen), rescan
			}
			add(b)
		case <-time.After(3 * quiet):
			return keys(seen), rescan
		}
	}
}

// expect checks that the batches from now on report exactly want.
func expect(t testing.TB, w *Watcher, want ...string) {
	t.Helper()
	got, rescan := collect(t, w, testQuiet, want...)
	want = slices.Sorted(slices.Values(want))
	if !slices.Equal(got, want) || rescan {
		t.Errorf("batches reported %q (rescan %v), want exactly %q", got, rescan, want)
	}
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

var page = map[string]string{
	"docgen.yaml":       "title: Test\n",
	"content/x.md":      "# X\n",
	"content/y.md":      "# Y\n",
	"static/img.png":    "PNG1",
	"public/index.html": "<p>old</p>",
}

func TestSaveByRename(t *testing.T) {
	saves := []struct {
		name string
		save func(t *testing.T, dir string)
	}{
		{"vim", func(t *testing.T, dir string) {
			// :w with the default 'backup'/'writebackup' and backupcopy=no:
			// vim probes the folder, moves the original to a backup, writes
			// the new file, and removes the backup; its swap file is written
			// throughout.
			write(t, dir, ".x.md.swp", "swap")
			write(t, dir, "4913", "")
			remove(t, dir, "4913")
			rename(t, dir, "x.md", "x.md~")
			write(t, dir, "x.md", "# X saved by vim\n")
			write(t, dir, ".x.md.swp", "swap again")
			remove(t, dir, "x.md~")
			write(t, dir, ".x.md.swx", "")
			remove(t, dir, ".x.md.swx")
			remove(t, dir, ".x.md.swp")
		}},
		{"atomic rename", func(t *testing.T, dir string) {
			// Write a temporary file beside the target, rename it over.
			write(t, dir, "x.md.tmp", "# X saved atomically\n")
			rename(t, dir, "x.md.tmp", "x.md")
		}},
		{"gio", func(t *testing.T, dir string) {
			write(t, dir, ".goutputstream-4QXW1Z", "# X saved by gedit\n")
			rename(t, dir, ".goutputstream-4QXW1Z", "x.md")
		}},
		{"jetbrains", func(t *testing.T, dir string) {
			write(t, dir, "x.md___jb_tmp___", "# X saved by an IDE\n")
			rename(t, dir, "x.md", "x.md___jb_old___")
			rename(t, dir, "x.md___jb_tmp___", "x.md")
			remove(t, dir, "x.md___jb_old___")
		}},
		{"emacs", func(t *testing.T, dir string) {
			// The lock is a dangling symlink (a plain file where symlinks
			// are not allowed).
			if err := os.Symlink("me@host.1234:1700000000", filepath.Join(dir, ".#x.md")); err != nil {
				write(t, dir, ".#x.md", "me@host.1234:1700000000")
			}
			write(t, dir, "#x.md#", "autosave")
			rename(t, dir, "x.md", "x.md~")
			write(t, dir, "x.md", "# X saved by emacs\n")
			remove(t, dir, "#x.md#")
			remove(t, dir, ".#x.md")
		}},
	}
	for _, s := range saves {
		t.Run(s.name, func(t *testing.T) {
			root := newSite(t, page)
			w := start(t, root, Options{})
			s.save(t, filepath.Join(root, "content"))
			expect(t, w, "content/x.md")
			// The watch survived the save: saving again is seen again.
			s.save(t, filepath.Join(root, "content"))
			expect(t, w, "content/x.md")
		})
	}
}

// TestSaveByRenameWaitsForTheFile: while a file renamed away has not come
// back, the batch waits QuietGone rather than Quiet, so a save by rename
// whose new file comes late is one batch, not a deletion then a creation.
func TestSaveByRenameWaitsForTheFile(t *testing.T) {
	root := newSite(t, page)
	w := start(t, root, Options{Quiet: 5 * time.Millisecond, QuietGone: deadline})
	dir := filepath.Join(root, "content")
	rename(t, dir, "x.md", "x.md~")
	time.Sleep(100 * time.Millisecond) // twenty quiet periods
	write(t, dir, "x.md", "# X saved late\n")
	remove(t, dir, "x.md~")
	if b := next(t, w); !slices.Equal(b.Paths, []string{"content/x.md"}) {
		t.Fatalf("batch %q, want content/x.md", b.Paths)
	}
	select {
	case b := <-w.Batches():
		t.Errorf("a second batch followed: %q", b.Paths)
	case <-time.After(200 * time.Millisecond):
	}
	// A file that stays gone is reported once QuietGone has passed.
	w2 := start(t, root, Options{Quiet: 5 * time.Millisecond, QuietGone: 50 * time.Millisecond})
	remove(t, dir, "x.md")
	if b := next(t, w2); !slices.Equal(b.Paths, []string{"content/x.md"}) {
		t.Fatalf("batch %q after a removal, want content/x.md", b.Paths)
	}
}

func TestDeleteAndRecreate(t *testing.T) {
	root := newSite(t, page)
	w := start(t, root, Options{})

	remove(t, root, "content/x.md")
	expect(t, w, "content/x.md")
	write(t, root, "content/x.md", "# X is back\n")
	expect(t, w, "content/x.md")

	// Both within one quiet period.
	remove(t, root, "content/y.md")
	write(t, root, "content/y.md", "# Y is back\n")
	expect(t, w, "content/y.md")
}

func TestReplaceImageAndEditConfig(t *testing.T) {
	root := newSite(t, page)
	w := start(t, root, Options{})

	write(t, root, "static/img.png", "PNG2, written in place")
	expect(t, w, "static/img.png")

	// Replaced by a copy renamed over it (cp to a temporary name, mv).
	write(t, root, "static/.img.png.tmp", "PNG3")
	rename(t, root, "static/.img.png.tmp", "static/img.png")
	expect(t, w, "static/img.png")

	write(t, root, "docgen.yaml", "title: Edited\n")
	expect(t, w, "docgen.yaml")
}

func TestNewFolder(t *testing.T) {
	root := newSite(t, page)
	w := start(t, root, Options{})

	// Files written right after mkdir, before the Watcher can have added a
	// watch for the new folder; several folders at once, some nested, to
	// give the race many chances.
	var want []string
	for i := range 10 {
		dir := fmt.Sprintf("content/new%d", i)
		mkdir(t, root, dir)
		for _, f := range []string{"a.md", "b.md", "deep/er/c.md"} {
			write(t, root, dir+"/"+f, "new")
			want = append(want, dir+"/"+f)
		}
	}
	expect(t, w, want...)

	// The new folders are watched, down to the deepest.
	write(t, root, "content/new3/deep/er/d.md", "later")
	expect(t, w, "content/new3/deep/er/d.md")

	// A folder moved in from outside the tree reports what it holds.
	outside := newSite(t, map[string]string{"guide/intro.md": "i", "guide/part/one.md": "1"})
	if err := os.Rename(filepath.Join(outside, "guide"), filepath.Join(root, "content/guide")); err != nil {
		t.Fatal(err)
	}
	expect(t, w, "content/guide/intro.md", "content/guide/part/one.md")
	write(t, root, "content/guide/part/two.md", "2")
	expect(t, w, "content/guide/part/two.md")

	// An empty folder changes nothing a site shows: no batch. A file
	// written afterwards shows that nothing was pending.
	mkdir(t, root, "content/empty")
	write(t, root, "content/empty/first.md", "1")
	expect(t, w, "content/empty/first.md")
}

func TestRenamedFolder(t *testing.T) {
	root := newSite(t, map[string]string{
		"content/a/x.md":     "x",
		"content/a/sub/z.md": "z",
		"content/other.md":   "o",
	})
	w := start(t, root, Options{})

	rename(t, root, "content/a", "content/b")
	expect(t, w, "content/a", "content/b/x.md", "content/b/sub/z.md")

	// The watches follow the new name, down to the nested folder (on Linux
	// the old watches would otherwise report the old name).
	write(t, root, "content/b/sub/z.md", "z2")
	expect(t, w, "content/b/sub/z.md")
	write(t, root, "content/b/x.md", "x2")
	expect(t, w, "content/b/x.md")

	// And back again.
	rename(t, root, "content/b", "content/a")
	expect(t, w, "content/b", "content/a/x.md", "content/a/sub/z.md")
	write(t, root, "content/a/sub/z.md", "z3")
	expect(t, w, "content/a/sub/z.md")

	// A folder moved out of the tree yields its path only.
	outside := t.TempDir()
	if err := os.Rename(filepath.Join(root, "content/a"), filepath.Join(outside, "a")); err != nil {
		t.Fatal(err)
	}
	expect(t, w, "content/a")
	write(t, outside, "a/sub/z.md", "not ours any more")
	write(t, root, "content/other.md", "o2")
	expect(t, w, "content/other.md")
}

func TestRemovedFolder(t *testing.T) {
	root := newSite(t, map[string]string{"content/a/x.md": "x", "content/a/sub/z.md": "z"})
	w := start(t, root, Options{})
	remove(t, root, "content/a")
	got, rescan := collect(t, w, testQuiet, "content/a")
	if rescan {
		t.Error("removing a folder asked for a rescan")
	}
	for _, p := range got {
		if p != "content/a" && !strings.HasPrefix(p, "content/a/") {
			t.Errorf("removing content/a reported %q", p)
		}
	}
	// Created again under the same name, it is watched again.
	write(t, root, "content/a/new.md", "n")
	expect(t, w, "content/a/new.md")
	write(t, root, "content/a/new.md", "n2")
	expect(t, w, "content/a/new.md")
}

func TestBurstIsOneBatch(t *testing.T) {
	const n = 500
	quiet := 200 * time.Millisecond
	root := newSite(t, page)
	w := start(t, root, Options{Quiet: quiet})

	want := make([]string, n)
	for i := range n {
		want[i] = fmt.Sprintf("content/burst/p%03d.md", i)
	}
	mkdir(t, root, "content/burst")
	for _, p := range want {
		write(t, root, p, "burst")
	}
	b := next(t, w)
	if !slices.Equal(b.Paths, want) || b.Rescan {
		t.Fatalf("first batch has %d paths (rescan %v), want the %d files in one batch", len(b.Paths), b.Rescan, n)
	}
	select {
	case b := <-w.Batches():
		t.Errorf("a second batch followed the burst: %d paths, %q...", len(b.Paths), b.Paths[:min(3, len(b.Paths))])
	case <-time.After(3 * quiet):
	}
}

func TestMaxDelayBoundsAStream(t *testing.T) {
	// With a quiet period of an hour, only MaxDelay can let a batch out
	// while a file is rewritten every 10ms.
	root := newSite(t, page)
	w := start(t, root, Options{Quiet: time.Hour, MaxDelay: 300 * time.Millisecond})
	stop := make(chan struct{})
	stopped := make(chan bool)
	go func() {
		defer close(stopped)
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		end := time.After(deadline)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-end:
				stopped <- true
				return
			case <-tick.C:
				os.WriteFile(filepath.Join(root, "content/x.md"), fmt.Appendf(nil, "%d", i), 0o644)
			}
		}
	}()
	select {
	case b := <-w.Batches():
		close(stop)
		<-stopped
		if !slices.Equal(b.Paths, []string{"content/x.md"}) {
			t.Errorf("batch = %q, want content/x.md", b.Paths)
		}
	case <-stopped:
		t.Fatalf("no batch while a file was written every 10ms for %v", deadline)
	}
}

func TestTempFilesDropped(t *testing.T) {
	root := newSite(t, page)
	w := start(t, root, Options{})
	for _, name := range []string{
		".x.md.swp", ".x.md.swo", ".x.md.swx", "x.md.swpx", "x.md~", "4913",
		".#x.md", "#x.md#", ".DS_Store", ".x.md.kate-swp",
		"x.md___jb_tmp___", "x.md___jb_old___", "x.md___jb_bak___",
		".goutputstream-AB12CD", "x.md.sb-4a6c1b2c-Ab12Cd", "x.md.tmp",
	} {
		write(t, root, "content/"+name, "temp")
		write(t, root, "content/"+name, "temp, written twice")
		rename(t, root, "content/"+name, "content/"+name+"~")
		remove(t, root, "content/"+name+"~")
	}
	// Only the real file is reported; had a temp file leaked, it would show
	// up here, in the same batch or an earlier one.
	write(t, root, "content/sentinel.md", "s")
	expect(t, w, "content/sentinel.md")
}

func TestIgnore(t *testing.T) {
	root := newSite(t, page)
	write(t, root, ".git/HEAD", "ref: refs/heads/main\n")
	var mu sync.Mutex
	var asked []string
	w := start(t, root, Options{Ignore: func(rel string, isDir bool) bool {
		mu.Lock()
		asked = append(asked, fmt.Sprintf("%s %v", rel, isDir))
		mu.Unlock()
		return rel == "public" || strings.HasPrefix(rel, "public/") || rel == ".git"
	}})

	write(t, root, "public/index.html", "<p>new</p>")
	write(t, root, "public/guide/deep/index.html", "<p>new</p>")
	write(t, root, ".git/HEAD", "ref: refs/heads/other\n")
	remove(t, root, "public")
	write(t, root, "public/index.html", "<p>again</p>")
	write(t, root, "content/sentinel.md", "s")
	expect(t, w, "content/sentinel.md")

	mu.Lock()
	defer mu.Unlock()
	for _, want := range []string{"public true", ".git true", "content true", "content/sentinel.md false"} {
		if !slices.Contains(asked, want) {
			t.Errorf("Ignore was never asked %q; asked %q", want, asked)
		}
	}
	for _, a := range asked {
		if strings.HasPrefix(a, "public/") || strings.HasPrefix(a, ".git/") {
			t.Errorf("Ignore was asked %q, below an ignored folder", a)
		}
	}
}

func TestCloseStops(t *testing.T) {
	before := runtime.NumGoroutine()
	root := newSite(t, page)
	w, err := New(root, Options{Quiet: testQuiet})
	if err != nil {
		t.Fatal(err)
	}
	// Leave a batch pending that nobody reads: Close must not wait for it.
	write(t, root, "content/x.md", "pending")
	time.Sleep(3 * testQuiet)
	if err := w.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	select {
	case _, ok := <-w.Batches():
		if ok {
			// The pending batch may have been handed over before Close;
			// after it the channel must be closed.
			if _, ok := <-w.Batches(); ok {
				t.Error("Batches delivered two batches after Close")
			}
		}
	case <-time.After(deadline):
		t.Fatal("Batches not closed by Close")
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	write(t, root, "content/x.md", "after close") // must not panic or block
	checkNoLeak(t, before)
}

func TestCloseWhileBusy(t *testing.T) {
	// Close while events are streaming in and batches are being read.
	before := runtime.NumGoroutine()
	for range 5 {
		root := newSite(t, page)
		w, err := New(root, Options{Quiet: time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		readerDone := make(chan struct{})
		go func() {
			defer close(readerDone)
			for range w.Batches() {
			}
		}()
		for i := range 200 {
			write(t, root, fmt.Sprintf("content/d%d/f.md", i%20), "x")
		}
		if err := w.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}
		select {
		case <-readerDone:
		case <-time.After(deadline):
			t.Fatal("Batches not closed by Close")
		}
	}
	checkNoLeak(t, before)
}

// checkNoLeak waits for the goroutine count to fall back to before and
// fails, listing the Watcher's goroutines, if it does not.
func checkNoLeak(t *testing.T, before int) {
	t.Helper()
	end := time.Now().Add(deadline)
	for {
		left := watcherGoroutines()
		if len(left) == 0 && runtime.NumGoroutine() <= before {
			return
		}
		if time.Now().After(end) {
			t.Fatalf("goroutines: %d before, %d after Close; the Watcher's:\n%s",
				before, runtime.NumGoroutine(), strings.Join(left, "\n\n"))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// watcherGoroutines returns the stacks of the goroutines running code of
// this package's Watcher or of fsnotify.
func watcherGoroutines() []string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	var out []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "fsnotify.") || strings.Contains(g, "internal/watch.(*Watcher)") {
			out = append(out, g)
		}
	}
	return out
}

func TestOverflowAsksForRescan(t *testing.T) {
	raw, err := os.ReadFile("/proc/sys/fs/inotify/max_queued_events")
	if err != nil {
		t.Skip("no inotify queue limit to overflow on this system")
	}
	var queue int
	if _, err := fmt.Sscan(string(raw), &queue); err != nil || queue > 1<<18 {
		t.Skipf("inotify queue of %s events is too long to overflow in a test", strings.TrimSpace(string(raw)))
	}
	root := newSite(t, map[string]string{"content/a": "", "content/b": ""})

	// Hold the Watcher's goroutine on its first event, so fsnotify's reader
	// stops reading and the kernel queue fills up and overflows for real.
	held, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	w, err := newWatcher(root, Options{Quiet: testQuiet, MaxDelay: deadline}, func(w *Watcher) {
		w.beforeEvent = func() { once.Do(func() { close(held); <-release }) }
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	var files [2]*os.File
	for i, name := range []string{"content/a", "content/b"} {
		f, err := os.OpenFile(filepath.Join(root, name), os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		files[i] = f
	}
	// Writes alternate between two files: the kernel merges an event only
	// into an identical one just before it.
	for i := range queue + 3*4096 {
		if _, err := files[i%2].Write([]byte{'x'}); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			select {
			case <-held:
			case <-time.After(deadline):
				t.Fatal("the Watcher never saw the first write")
			}
		}
	}
	close(release)

	timeout := time.After(deadline)
	for rescan := false; !rescan; {
		select {
		case b := <-w.Batches():
			checkBatch(t, b)
			rescan = b.Rescan
		case <-timeout:
			t.Fatal("no Rescan batch after the event queue overflowed")
		}
	}
	select {
	case err := <-w.Errors():
		if !errors.Is(err, fsnotify.ErrEventOverflow) {
			t.Errorf("error = %v, want the overflow", err)
		}
	default:
		t.Error("the overflow was not reported on Errors")
	}
	// Watching goes on after the rescan.
	files[0].Close()
	files[1].Close()
	drain(w, testQuiet)
	write(t, root, "content/new/after.md", "a")
	expect(t, w, "content/new/after.md")
}

// drain discards batches until none has come for three quiet periods.
func drain(w *Watcher, quiet time.Duration) {
	for {
		select {
		case <-w.Batches():
		case <-time.After(3 * quiet):
			return
		}
	}
}

func TestWatchLimitAsksForRescan(t *testing.T) {
	// The kernel's watch limit cannot be lowered for one test, so the
	// Watcher's add seam fails with ENOSPC for folders named full*, as
	// inotify_add_watch does once fs.inotify.max_user_watches is reached.
	root := newSite(t, map[string]string{"content/x.md": "x", "content/full0/a.md": "a"})
	w, err := newWatcher(root, Options{Quiet: testQuiet, MaxDelay: deadline}, func(w *Watcher) {
		add := w.add
		w.add = func(name string) error {
			if strings.HasPrefix(filepath.Base(name), "full") {
				return syscall.ENOSPC
			}
			return add(name)
		}
	})
	if err != nil {
		t.Fatalf("New failed although only some folders cannot be watched: %v", err)
	}
	t.Cleanup(func() { w.Close() })

	// A folder that could not be watched at start: the first batch says
	// Rescan.
	if b := next(t, w); !b.Rescan {
		t.Errorf("first batch = %+v, want Rescan", b)
	}
	// Folders that cannot be watched later: Rescan again.
	write(t, root, "content/full1/b.md", "b")
	write(t, root, "content/full2/c.md", "c")
	if b := next(t, w); !b.Rescan {
		t.Errorf("batch after new unwatchable folders = %+v, want Rescan", b)
	}
	// The rest is still watched.
	write(t, root, "content/x.md", "x2")
	expect(t, w, "content/x.md")

	var errs []error
	for more := true; more; {
		select {
		case err := <-w.Errors():
			errs = append(errs, err)
		default:
			more = false
		}
	}
	if len(errs) != 1 || !errors.Is(errs[0], syscall.ENOSPC) {
		t.Fatalf("errors = %v, want one ENOSPC", errs)
	}
	if !strings.Contains(errs[0].Error(), "max_user_watches") {
		t.Errorf("error %q does not say which limit to raise", errs[0])
	}
}

func TestNewRefuses(t *testing.T) {
	root := newSite(t, page)
	for _, tc := range []struct {
		root string
		opts Options
		want string
	}{
		{root, Options{Quiet: -time.Second}, "Options.Quiet"},
		{root, Options{MaxDelay: -time.Second}, "Options.MaxDelay"},
		{root, Options{QuietGone: -time.Second}, "Options.QuietGone"},
		{filepath.Join(root, "docgen.yaml"), Options{}, "not a folder"},
		{filepath.Join(root, "missing"), Options{}, "no such file"},
	} {
		w, err := New(tc.root, tc.opts)
		if err == nil {
			w.Close()
			t.Errorf("New(%s, %+v) succeeded, want an error about %s", tc.root, tc.opts, tc.want)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%s, %+v) = %v, want an error about %s", tc.root, tc.opts, err, tc.want)
		}
	}
}

func TestIsTemp(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
	}{
		{".x.md.swp", true},
		{".x.md.swo", true},
		{".x.md.swa", true},
		{"x.md.swp", true},
		{".x.md.swx", true},
		{"x.md.swpx", true},
		{"x.md~", true},
		{"4913", true},
		{".#x.md", true},
		{"#x.md#", true},
		{".DS_Store", true},
		{".x.md.kate-swp", true},
		{"x.md___jb_tmp___", true},
		{"x.md___jb_old___", true},
		{"x.md___jb_bak___", true},
		{".goutputstream-AB12CD", true},
		{"x.md.sb-4a6c1b2c-Ab12Cd", true},
		{"x.md.tmp", true},

		{"x.md", false},
		{"docgen.yaml", false},
		{"img.png", false},
		{"movie.swf", false}, // a visible name: not one of vim's swap files
		{".swf", true},       // hidden: vim's
		{"#", false},
		{"##", false},
		{"#hash.md", false},
		{"4914", false},
		{"49130", false},
		{"tmp", false},
		{"template.tmpl", false},
		{".gitignore", false},
		{"sb-notes.md", false},
		{"", false},
	} {
		if got := IsTemp(tc.name); got != tc.want {
			t.Errorf("IsTemp(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// BenchmarkEventToBatch measures the time from a file write to the batch
// that reports it, with the default quiet period: the delay `docgen serve`
// adds before a rebuild can start.
func BenchmarkEventToBatch(b *testing.B) {
	root := newSite(b, page)
	w, err := New(root, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	name := filepath.Join(root, "content", "x.md")
	var total time.Duration
	n := 0
	for b.Loop() {
		start := time.Now()
		if err := os.WriteFile(name, fmt.Appendf(nil, "# X %d\n", n), 0o644); err != nil {
			b.Fatal(err)
		}
		for reported := false; !reported; {
			select {
			case batch := <-w.Batches():
				reported = slices.Contains(batch.Paths, "content/x.md")
			case <-time.After(deadline):
				b.Fatal("no batch")
			}
		}
		total += time.Since(start)
		n++
	}
	b.ReportMetric(float64(total)/float64(time.Millisecond)/float64(n), "ms/op")
}
