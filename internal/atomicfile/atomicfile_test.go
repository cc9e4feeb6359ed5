package atomicfile

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "f")
	for _, data := range []string{"first", "", "second"} {
		if err := Write(name, ".f-*", []byte(data)); err != nil {
			t.Fatal(err)
		}
		if got, err := os.ReadFile(name); err != nil || string(got) != data {
			t.Fatalf("read %q (%v), want %q", got, err, data)
		}
	}
	if err := Write(filepath.Join(dir, "missing", "f"), ".f-*", nil); err == nil {
		t.Error("a write into a missing folder succeeded")
	}
	// A name that cannot be replaced (a folder) fails and leaves no
	// temporary file behind.
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "sub", "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(filepath.Join(dir, "sub"), ".f-*", []byte("x")); err == nil {
		t.Error("replacing a folder holding a file succeeded")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".f-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestConcurrent: readers of a file replaced again and again see one
// writer's whole content every time.
func TestConcurrent(t *testing.T) {
	name := filepath.Join(t.TempDir(), "f")
	contents := map[string]bool{}
	for i := range 4 {
		contents[string(bytes.Repeat([]byte{byte('a' + i)}, 100<<10))] = true
	}
	if err := Write(name, ".f-*", []byte(string(bytes.Repeat([]byte{'a'}, 100<<10)))); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	i := 0
	for c := range contents {
		i++
		wg.Add(2)
		go func() {
			defer wg.Done()
			for range 30 {
				if err := Write(name, ".f-*", []byte(c)); err != nil {
					errs <- err
					return
				}
			}
		}()
		go func() {
			defer wg.Done()
			for range 100 {
				got, err := os.ReadFile(name)
				if err != nil || !contents[string(got)] {
					errs <- fmt.Errorf("read %d bytes that no writer wrote (%v)", len(got), err)
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
}
