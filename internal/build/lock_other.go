//go:build !unix

package build

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"time"
)

// fileLock is a lock file created exclusively. Unlike flock it survives a
// killed process; a lock file older than staleAfter is taken over.
type fileLock struct{ name string }

const staleAfter = 10 * time.Minute

func acquire(ctx context.Context, name string, waiting func()) (*fileLock, error) {
	for first := true; ; first = false {
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			f.Close()
			return &fileLock{name: name}, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		if info, err := os.Stat(name); err == nil && time.Since(info.ModTime()) > staleAfter {
			_ = os.Remove(name)
			continue
		}
		if first && waiting != nil {
			waiting()
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func (l *fileLock) release() {
	if l != nil && l.name != "" {
		_ = os.Remove(l.name)
		l.name = ""
	}
}
