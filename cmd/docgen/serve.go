package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/docgen/docgen/internal/build"
	"github.com/docgen/docgen/internal/config"
	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/internal/highlight"
	"github.com/docgen/docgen/internal/serve"
	"github.com/docgen/docgen/internal/watch"
)

// serveCmd builds the site into memory, serves it on loopback and rebuilds
// on every save.
type serveCmd struct{}

func (*serveCmd) Name() string { return "serve" }
func (*serveCmd) Synopsis() string {
	return "preview the site: build into memory, serve it, reload the browser on every save"
}

func (c *serveCmd) Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	source := fs.String("source", ".", "the site folder")
	bind := fs.String("bind", "127.0.0.1", "the address to listen on (loopback by default: the preview is for you)")
	port := fs.Int("port", 8000, "the port to listen on (0 picks a free one)")
	edition := fs.String("edition", "", "the product edition to preview, oss or collate (default: the config's edition)")
	cacheDir := cacheFlags(fs)
	rest, err := parseFlags(fs, args)
	if err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "docgen serve: unexpected argument %q\n", rest[0])
		return exitUsage
	}
	if *edition != "" && !config.ValidEdition(*edition) {
		fmt.Fprintf(stderr, "docgen serve: --edition must be oss or collate, not %q\n", *edition)
		return exitUsage
	}
	root, err := filepath.Abs(*source)
	if err != nil {
		fmt.Fprintf(stderr, "docgen serve: %v\n", err)
		return exitUsage
	}
	if info, err := os.Stat(root); err != nil || !info.IsDir() {
		fmt.Fprintf(stderr, "docgen serve: %s is not a folder\n", *source)
		return exitUsage
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil {
		fmt.Fprintf(stderr, "docgen serve: %v\n", err)
		return exitUsage
	}
	var extra []string
	if *bind != "127.0.0.1" && *bind != "localhost" {
		extra = append(extra, *bind)
	}
	srv := serve.New(serve.Options{Addr: ln.Addr().String(), ExtraHosts: extra})
	w, err := watch.New(root, watch.Options{Ignore: ignoreForWatch})
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "docgen serve: watching %s: %v\n", *source, err)
		return exitUsage
	}
	defer w.Close()

	session := build.NewSession(os.DirFS(root))
	session.Edition = *edition
	session.CacheDir = cacheDir()
	session.SourceDir = root
	session.Highlighter = highlight.New(highlight.Options{CacheDir: build.HighlightCacheDir(cacheDir())})
	// The disk cache is written after the first build and at the end, so
	// the next start is fast, and no save waits for it.
	defer session.Highlighter.Flush()
	diags := &diagnostics{}
	rebuild := func(changed []string, all bool) {
		start := time.Now()
		res, err := session.Rebuild(ctx, changed, all)
		if err != nil {
			fmt.Fprintf(stderr, "docgen serve: %v\n", err)
			return
		}
		if res.CacheErr != nil {
			fmt.Fprintf(stderr, "docgen serve: note: the build cache was not saved: %v\n", res.CacheErr)
		}
		overlay, fresh := diags.update(res.Diags)
		up := srv.Publish(serve.Snapshot{Files: res.Files, Changes: res.Changes, Diagnostics: overlay})
		for _, d := range fresh {
			fmt.Fprintln(stderr, d)
		}
		cached := ""
		if res.Cached > 0 {
			cached = fmt.Sprintf(" (%d from the cache)", res.Cached)
		}
		fmt.Fprintf(stdout, "rebuilt in %s: %d of %d pages rendered%s, %d changed; %d errors, %d warnings\n",
			time.Since(start).Round(time.Millisecond), res.Rendered, res.Pages, cached, len(up.ChangedPages),
			res.Diags.Count(diag.Error), res.Diags.Count(diag.Warning)-res.Diags.Count(diag.Error))
	}
	rebuild(nil, true)
	go session.Highlighter.Flush() // errors only cost a later start time

	hs := srv.HTTPServer(srv.Handler())
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()
	fmt.Fprintf(stdout, "serving %s at http://%s/ (Ctrl-C to stop)\n", *source, displayAddr(ln.Addr()))

	for {
		select {
		case b, ok := <-w.Batches():
			if !ok {
				return shutdown(hs, srv, stderr)
			}
			rebuild(b.Paths, b.Rescan)
		case err := <-w.Errors():
			fmt.Fprintf(stderr, "docgen serve: watcher: %v\n", err)
		case err := <-serveErr:
			if !errors.Is(err, http.ErrServerClosed) {
				fmt.Fprintf(stderr, "docgen serve: %v\n", err)
				return exitUsage
			}
			return exitOK
		case <-ctx.Done():
			return shutdown(hs, srv, stderr)
		}
	}
}

func shutdown(hs *http.Server, srv *serve.Server, stderr io.Writer) int {
	srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(ctx); err != nil {
		fmt.Fprintf(stderr, "docgen serve: %v\n", err)
	}
	return exitOK
}

func displayAddr(a net.Addr) string {
	s := a.String()
	if strings.HasPrefix(s, "127.0.0.1:") {
		return "localhost:" + strings.TrimPrefix(s, "127.0.0.1:")
	}
	return s
}

// ignoreForWatch skips what is not the site's input: output folders,
// version control, and dot folders.
func ignoreForWatch(rel string, isDir bool) bool {
	first := strings.SplitN(rel, "/", 2)[0]
	switch first {
	case "public", "node_modules":
		return true
	}
	return strings.HasPrefix(first, ".") && first != "."
}

// diagnostics follows the diagnostics of the rebuilds of a preview: what
// the browser overlay shows of each, and which the terminal has shown.
// A rebuild hands back most of the last one's diagnostics, the very same
// values; at ten thousand pages, converting, positioning and keying every
// one of them again took a tenth of a save's time.
type diagnostics struct {
	known map[*diag.Diagnostic]*shownDiag // those of the last rebuild
	gen   uint64                          // counts the rebuilds
	// shown counts the diagnostics of the last rebuild by what the
	// terminal printed of them, so each prints once while it lasts.
	shown   map[shownKey]int
	overlay []serve.Diagnostic // reused: Publish keeps none of it
}

type shownDiag struct {
	overlay serve.Diagnostic // without its source lines
	level   diag.Level       // the level it had (a config's checks may change it)
	key     shownKey
	gen     uint64 // the last rebuild that had it
}

// shownKey is a diagnostic as the terminal has shown it: by position and
// text rather than the printed line, which would have to be formatted.
type shownKey struct {
	path, id, msg string
	offset        int
}

func keyOf(d *diag.Diagnostic) shownKey {
	k := shownKey{id: d.ID, msg: d.Msg, offset: d.Offset}
	if d.File != nil {
		k.path = d.File.Path
	}
	if len(d.Via) > 0 { // the same line of a partial, reached from another page
		k.path += "\x00" + d.Via[0].File.Path
	}
	return k
}

// update takes the diagnostics of a rebuild: it returns what the overlay
// shows, valid until the next update, and those to print, the ones whose
// like the last rebuild did not have.
func (ds *diagnostics) update(list diag.List) (overlay []serve.Diagnostic, fresh diag.List) {
	if ds.known == nil {
		ds.known, ds.shown = map[*diag.Diagnostic]*shownDiag{}, map[shownKey]int{}
	}
	ds.gen++
	var added []*shownDiag
	for _, d := range list {
		sd := ds.known[d]
		if sd == nil {
			sd = &shownDiag{overlay: toOverlay(d), level: d.Level, key: keyOf(d)}
			ds.known[d] = sd
			added = append(added, sd)
			if ds.shown[sd.key] == 0 {
				fresh = append(fresh, d)
			}
		} else if sd.level != d.Level {
			sd.overlay, sd.level = toOverlay(d), d.Level
		}
		sd.gen = ds.gen
	}
	for _, sd := range added {
		ds.shown[sd.key]++
	}
	if len(ds.known) > len(list)-len(added) {
		for d, sd := range ds.known { // gone
			if sd.gen == ds.gen {
				continue
			}
			delete(ds.known, d)
			if ds.shown[sd.key]--; ds.shown[sd.key] <= 0 {
				delete(ds.shown, sd.key)
			}
		}
	}

	// The overlay shows the first errors, then warnings, a hundred at
	// most (serve counts the rest): only those need their source lines,
	// and a site with thousands of diagnostics should not extract them all
	// on every save.
	const withSource = 200
	errors := list.Count(diag.Error)
	shownErrors, shownOthers := 0, 0
	overlay = ds.overlay[:0]
	for _, d := range list {
		sd := ds.known[d].overlay
		if d.File != nil {
			source := false
			if d.Level >= diag.Error {
				shownErrors++
				source = shownErrors <= withSource
			} else {
				shownOthers++
				source = errors < withSource && shownOthers <= withSource-errors
			}
			if source {
				sd.Source = sourceAround(d.File.Src, d.Offset, sd.Line)
			}
		}
		overlay = append(overlay, sd)
	}
	ds.overlay = overlay
	return overlay, fresh
}

// toOverlay turns a diagnostic into what the browser overlay shows of
// it, without source lines.
func toOverlay(d *diag.Diagnostic) serve.Diagnostic {
	sd := serve.Diagnostic{Severity: d.Level.Severity(), Message: d.Msg, ID: d.ID}
	if d.File != nil {
		sd.Path = d.File.Path
		sd.Line, sd.Col = d.Position()
	}
	if d.Hint != "" {
		sd.Message += "\n" + d.Hint
	}
	return sd
}

// sourceAround returns the line holding offset in src (line number line)
// with up to two lines on each side, for the overlay. It reads only those
// lines: a site with thousands of diagnostics must not split each file for
// each of them on every save.
func sourceAround(src []byte, offset, line int) []serve.SourceLine {
	offset = min(max(offset, 0), len(src))
	start := bytes.LastIndexByte(src[:offset], '\n') + 1
	first := line
	for first > max(1, line-2) && start > 0 {
		start = bytes.LastIndexByte(src[:start-1], '\n') + 1
		first--
	}
	var out []serve.SourceLine
	for n, rest := first, src[start:]; n <= line+2; n++ {
		text, after, found := bytes.Cut(rest, []byte("\n"))
		out = append(out, serve.SourceLine{Number: n, Text: string(text), Here: n == line})
		if !found {
			break
		}
		rest = after
	}
	return out
}
