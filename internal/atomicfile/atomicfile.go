// Package atomicfile writes files that other processes may be reading:
// a reader sees the old content or the new, never part of either.
package atomicfile

import (
	"os"
	"path/filepath"
)

// Write writes data to a temporary file beside name, named by pattern as
// os.CreateTemp names it, and renames it over name. On failure the
// temporary file is removed and name is left as it was. The folder must
// exist.
func Write(name, pattern string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), pattern)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
