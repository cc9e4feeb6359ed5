//go:build unix

package build

import (
	"context"
	"errors"
	"os"
	"syscall"
	"time"
)

// fileLock is an advisory lock on a file (flock), released by the system
// if the process dies, so a killed build never leaves its output locked.
type fileLock struct{ f *os.File }

// acquire takes the lock, polling while another process or goroutine
// holds it, until ctx is done. waiting is called once if it has to wait.
func acquire(ctx context.Context, name string, waiting func()) (*fileLock, error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	for first := true; ; first = false {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return &fileLock{f: f}, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			f.Close()
			return nil, err
		}
		if first && waiting != nil {
			waiting()
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func (l *fileLock) release() {
	if l == nil || l.f == nil {
		return
	}
	_ = syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	l.f.Close()
	l.f = nil
}
