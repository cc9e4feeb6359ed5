package lastmod

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"
)

// Dates holds the last change of the files of one folder. Its methods are
// safe for concurrent use once Load has returned.
type Dates struct {
	dir string
	// commits maps slash-separated paths relative to dir to the time of the
	// last commit that touched them.
	commits map[string]time.Time
	// epoch, when set, bounds file times (SOURCE_DATE_EPOCH).
	epoch time.Time
	// InRepo reports whether dir is inside a git work tree that git could
	// read.
	InRepo bool
}

// Load reads the history of the files under dir with one git invocation:
//
//	git log --format=%x01%ct --name-only -z --no-renames --relative -- .
//
// Newest commits come first, so the first time a path appears is its last
// change. The committer time is used, not the author time: it is when the
// change reached the branch being built, while a rebased or cherry-picked
// commit keeps the author time of its first writing.
//
// Reading stops as soon as every path in want has been seen (pass nil to
// read the whole history), so a long history costs little when the pages
// all changed recently. A folder outside a repository, or a machine without
// git, is no error: every file then gets its modification time. The error
// is for cancellation and for git failing inside a repository.
//
// File times are not reproducible (a checkout sets them to the time of the
// checkout), so a build for publishing runs in a clean checkout, where every
// page is committed. Where that cannot be, the SOURCE_DATE_EPOCH variable of
// reproducible builds is honoured: file times later than it are clamped to
// it.
func Load(ctx context.Context, dir string, want []string) (*Dates, error) {
	d := &Dates{dir: dir, commits: map[string]time.Time{}}
	if sourceDateEpoch := os.Getenv("SOURCE_DATE_EPOCH"); sourceDateEpoch != "" {
		sec, err := strconv.ParseInt(sourceDateEpoch, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("SOURCE_DATE_EPOCH %q is not a number of seconds", sourceDateEpoch)
		}
		d.epoch = time.Unix(sec, 0).UTC()
	}
	pending := make(map[string]bool, len(want))
	for _, w := range want {
		pending[w] = true
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", "-C", dir,
		"-c", "log.showSignature=false", "-c", "diff.relative=false",
		"log", "--format=%x01%ct", "--name-only", "-z", "--no-renames", "--relative", "--", ".")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return d, nil // no git: file times only
		}
		return nil, err
	}
	early := false
	r := bufio.NewReaderSize(out, 64<<10)
	var when time.Time
	for {
		tok, err := r.ReadBytes(0)
		tok = bytes.TrimSuffix(tok, []byte{0})
		if len(tok) > 0 {
			if tok[0] == 1 {
				sec, perr := strconv.ParseInt(string(tok[1:]), 10, 64)
				if perr != nil {
					cancel()
					_ = cmd.Wait()
					return nil, fmt.Errorf("git log in %s: unexpected output %q", dir, tok)
				}
				when = time.Unix(sec, 0).UTC()
			} else {
				name := string(bytes.TrimPrefix(tok, []byte{'\n'}))
				if _, seen := d.commits[name]; !seen && !when.IsZero() {
					d.commits[name] = when
					if pending[name] {
						delete(pending, name)
						if len(pending) == 0 && want != nil {
							early = true
							break
						}
					}
				}
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			cancel()
			_ = cmd.Wait()
			return nil, err
		}
	}
	if early {
		cancel() // the rest of the history is not needed
		_ = cmd.Wait()
		d.InRepo = true
		return d, nil
	}
	if err := cmd.Wait(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var exit *exec.ExitError
		if errors.As(err, &exit) && notARepo(stderr.Bytes()) {
			return d, nil
		}
		return nil, fmt.Errorf("git log in %s: %v: %s", dir, err, bytes.TrimSpace(stderr.Bytes()))
	}
	d.InRepo = true
	return d, nil
}

// notARepo reports whether git's error output says the folder is in no
// repository (or in one git refuses to read, such as one owned by another
// user), or that the repository has no commits yet.
func notARepo(stderr []byte) bool {
	for _, s := range []string{"not a git repository", "dubious ownership", "does not have any commits yet"} {
		if bytes.Contains(stderr, []byte(s)) {
			return true
		}
	}
	return false
}

// Commit returns the time of the last commit that touched the file at the
// slash-separated path relative to the folder, if git knows one.
func (d *Dates) Commit(path string) (time.Time, bool) {
	t, ok := d.commits[path]
	return t, ok
}

// Of returns when the file at the slash-separated path relative to the
// folder last changed: its last commit's time, else its modification time
// (no later than SOURCE_DATE_EPOCH when that is set), in UTC and to the
// second; the zero time when neither is known.
func (d *Dates) Of(path string) time.Time {
	if t, ok := d.commits[path]; ok {
		return t
	}
	info, err := os.Stat(filepath.Join(d.dir, filepath.FromSlash(path)))
	if err != nil {
		return time.Time{}
	}
	t := info.ModTime().UTC().Truncate(time.Second)
	if !d.epoch.IsZero() && t.After(d.epoch) {
		t = d.epoch
	}
	return t
}
