package pagecache

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func slot(i int) Slot {
	var s Slot
	copy(s[:], fmt.Sprintf("slot-%010d", i))
	return s
}

func TestPutGet(t *testing.T) {
	c := Open(t.TempDir())
	if got := c.Get(slot(1)); got != nil {
		t.Fatalf("empty cache: Get = %q", got)
	}
	for _, payload := range [][]byte{[]byte("first"), {}, bytes.Repeat([]byte("x"), 1<<20), []byte("replaced")} {
		if err := c.Put(slot(1), payload); err != nil {
			t.Fatal(err)
		}
		if got := c.Get(slot(1)); !bytes.Equal(got, payload) || got == nil {
			t.Fatalf("Get after Put(%d bytes) = %d bytes", len(payload), len(got))
		}
	}
	if got := c.Get(slot(2)); got != nil {
		t.Fatalf("other slot: Get = %q", got)
	}
}

func TestNil(t *testing.T) {
	c := Open("")
	if c != nil {
		t.Fatal(`Open("") is not nil`)
	}
	if err := c.Put(slot(1), []byte("x")); err != nil {
		t.Fatal(err)
	}
	if c.Get(slot(1)) != nil {
		t.Fatal("nil cache returned an entry")
	}
	if err := c.Trim(); err != nil {
		t.Fatal(err)
	}
}

// TestDamaged checks that every damaged file is a miss: truncated at each
// length, each byte flipped, and a length that lies.
func TestDamaged(t *testing.T) {
	c := Open(t.TempDir())
	payload := []byte("<p>a rendered page</p>")
	if err := c.Put(slot(1), payload); err != nil {
		t.Fatal(err)
	}
	name := c.path(slot(1))
	good, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var bad [][]byte
	for n := range len(good) {
		bad = append(bad, good[:n])
	}
	for i := range good {
		b := bytes.Clone(good)
		b[i] ^= 0x20
		bad = append(bad, b)
	}
	bad = append(bad, append(bytes.Clone(good), 'x'))
	for i, b := range bad {
		if err := os.WriteFile(name, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if got := c.Get(slot(1)); got != nil {
			t.Fatalf("damaged file %d (%q): Get = %q", i, b, got)
		}
	}
}

func TestDeletedFolder(t *testing.T) {
	dir := t.TempDir()
	c := Open(dir)
	if err := c.Put(slot(1), []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if c.Get(slot(1)) != nil {
		t.Fatal("entry survived the folder")
	}
	if err := c.Put(slot(1), []byte("y")); err != nil {
		t.Fatalf("Put after the folder was deleted: %v", err)
	}
	if got := c.Get(slot(1)); string(got) != "y" {
		t.Fatalf("Get = %q, want y", got)
	}
}

// TestConcurrent has writers replace one entry while readers read it: a
// reader sees one whole payload or a miss, never a mix.
func TestConcurrent(t *testing.T) {
	dir := t.TempDir()
	payloads := map[string]bool{}
	var list [][]byte
	for i := range 4 {
		p := bytes.Repeat([]byte{byte('a' + i)}, 64<<10+i)
		payloads[string(p)] = true
		list = append(list, p)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for w := range 4 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			c := Open(dir) // each its own, as separate builds would be
			for range 50 {
				if err := c.Put(slot(1), list[w]); err != nil {
					errs <- err
					return
				}
			}
		}()
		go func() {
			defer wg.Done()
			c := Open(dir)
			for range 200 {
				if got := c.Get(slot(1)); got != nil && !payloads[string(got)] {
					errs <- fmt.Errorf("read a payload no writer wrote (%d bytes)", len(got))
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, dirName, "*", tempFiles+"*"))
	if len(leftovers) > 0 {
		t.Fatalf("temporary files left: %v", leftovers)
	}
}

func TestTrim(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	c := Open(dir)
	c.now = func() time.Time { return now }
	for i := range 3 {
		if err := c.Put(slot(i), []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	age := func(s Slot, d time.Duration) {
		t.Helper()
		if err := os.Chtimes(c.path(s), now.Add(-d), now.Add(-d)); err != nil {
			t.Fatal(err)
		}
	}
	age(slot(0), MaxAge+time.Hour) // unused for too long
	age(slot(1), MaxAge-time.Hour)
	staleTemp := filepath.Join(filepath.Dir(c.path(slot(2))), tempFiles+"killed")
	freshTemp := filepath.Join(filepath.Dir(c.path(slot(2))), tempFiles+"writing")
	for _, f := range []string{staleTemp, freshTemp} {
		if err := os.WriteFile(f, []byte("half"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chtimes(staleTemp, now.Add(-2*time.Hour), now.Add(-2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(freshTemp, now, now); err != nil {
		t.Fatal(err)
	}

	if err := c.Trim(); err != nil {
		t.Fatal(err)
	}
	exists := func(p string) bool { _, err := os.Stat(p); return err == nil }
	for _, tt := range []struct {
		path string
		want bool
	}{
		{c.path(slot(0)), false},
		{c.path(slot(1)), true},
		{c.path(slot(2)), true},
		{staleTemp, false},
		{freshTemp, true},
	} {
		if got := exists(tt.path); got != tt.want {
			t.Errorf("after Trim, %s exists = %v, want %v", tt.path, got, tt.want)
		}
	}

	// A Get renews an entry's time once it is older than touchAfter, so an
	// entry in use is never trimmed.
	age(slot(1), MaxAge-time.Hour)
	if c.Get(slot(1)) == nil {
		t.Fatal("miss")
	}
	if info, _ := os.Stat(c.path(slot(1))); !info.ModTime().Equal(now) {
		t.Fatalf("Get left the time at %v, want %v", info.ModTime(), now)
	}

	// Within a day of the last trim, Trim does not walk the folder.
	age(slot(1), MaxAge+time.Hour)
	now = now.Add(trimEvery - time.Minute)
	if err := c.Trim(); err != nil {
		t.Fatal(err)
	}
	if !exists(c.path(slot(1))) {
		t.Fatal("Trim walked the folder again within a day")
	}
	now = now.Add(2 * time.Minute)
	if err := c.Trim(); err != nil {
		t.Fatal(err)
	}
	if exists(c.path(slot(1))) {
		t.Fatal("Trim a day later kept an entry unused for longer than MaxAge")
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(encode([]byte("payload")))
	f.Add(encode(nil))
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, data []byte) {
		payload, ok := decode(data)
		if !ok {
			return
		}
		if !bytes.Equal(encode(payload), data) {
			t.Fatalf("decode accepted %q, which encodes differently", data)
		}
	})
}
