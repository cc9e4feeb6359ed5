package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/docgen/docgen/internal/build"
	"github.com/docgen/docgen/internal/config"
	"github.com/docgen/docgen/internal/diag"
)

// buildCmd writes the site; checkCmd runs the same build and discards the
// output.
type buildCmd struct{ check bool }

func (c *buildCmd) Name() string {
	if c.check {
		return "check"
	}
	return "build"
}

func (c *buildCmd) Synopsis() string {
	if c.check {
		return "build the site without writing it, and report every problem"
	}
	return "build the site into a folder (public/ by default)"
}

func (c *buildCmd) Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(c.Name(), flag.ContinueOnError)
	fs.SetOutput(stderr)
	source := fs.String("source", ".", "the site folder (holding docgen.yaml and content/)")
	dest := fs.String("dest", "", "the output folder (default: public/ inside the site folder)")
	strict := fs.Bool("strict", false, "fail on warnings too")
	quiet := fs.Bool("quiet", false, "print only diagnostics, no summary")
	baseURL := fs.String("base-url", "", "the absolute URL the site is published at, like https://example.com/docs/ (default: baseURL of docgen.yaml); its path prefixes every link")
	pathPrefix := fs.String("path-prefix", "", "serve the site under this URL path (like /help/) instead of the base URL's path: for a product that mounts the docs in its own server")
	fragments := fs.Bool("fragments", false, "also write each page's body without the site's chrome under _fragments/, with _fragments/index.json, for help panels (see package docsite)")
	cleanDest := new(bool)
	cacheDir := cacheFlags(fs)
	edition := fs.String("edition", "", "the product edition to build, oss or collate (default: the config's edition)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to this file, for `go tool pprof` (to report a slow build)")
	if c.check {
		dest = new(string)
	} else {
		cleanDest = fs.Bool("clean-dest", false, "replace the output folder even if it holds files docgen did not write")
	}
	rest, err := parseFlags(fs, args)
	if err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "docgen %s: unexpected argument %q\n", c.Name(), rest[0])
		return exitUsage
	}
	if info, err := os.Stat(*source); err != nil || !info.IsDir() {
		fmt.Fprintf(stderr, "docgen %s: %s is not a folder\n", c.Name(), *source)
		return exitUsage
	}
	if *edition != "" && !config.ValidEdition(*edition) {
		fmt.Fprintf(stderr, "docgen %s: --edition must be oss or collate, not %q\n", c.Name(), *edition)
		return exitUsage
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "docgen %s: %v\n", c.Name(), err)
			return exitUsage
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(stderr, "docgen %s: %v\n", c.Name(), err)
			return exitUsage
		}
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	var sink build.Sink = build.Discard{}
	if !c.check {
		out := *dest
		if out == "" {
			out = filepath.Join(*source, "public")
		}
		if err := checkDest(*source, out); err != nil {
			fmt.Fprintf(stderr, "docgen build: %v\n", err)
			return exitUsage
		}
		// With the cache on, the output replaced is kept to start the next
		// build from; --no-cache builds from nothing.
		d, err := build.NewDir(ctx, out, build.DirOptions{Clean: *cleanDest, Reuse: cacheDir() != "", Waiting: func() {
			fmt.Fprintf(stderr, "docgen build: waiting for another build into %s to finish\n", out)
		}})
		if err != nil {
			fmt.Fprintf(stderr, "docgen build: %v\n", err)
			return exitUsage
		}
		sink = d
	}
	res, err := build.Build(ctx, build.Options{Source: os.DirFS(*source), Sink: sink, SourceDir: *source,
		BaseURL: *baseURL, PathPrefix: *pathPrefix, Fragments: *fragments, Edition: *edition, CacheDir: cacheDir()})
	if err != nil {
		fmt.Fprintf(stderr, "docgen %s: %v\n", c.Name(), err)
		return exitUsage
	}
	printDiagnostics(stderr, res.Diags, *source)
	if res.CacheErr != nil && !*quiet {
		fmt.Fprintf(stderr, "docgen %s: note: the build cache was not saved: %v\n", c.Name(), res.CacheErr)
	}
	if os.Getenv("GITHUB_ACTIONS") == "true" {
		printAnnotations(stdout, res.Diags)
	}
	errors, warnings := res.Diags.Count(diag.Error), res.Diags.Count(diag.Warning)-res.Diags.Count(diag.Error)
	if !*quiet {
		if res.NoBaseURL && !c.check {
			fmt.Fprintln(stderr, "docgen build: note: no sitemap.xml or robots.txt written, and canonical URLs are paths: set baseURL in docgen.yaml or pass --base-url")
		}
		cached := ""
		if res.Cached > 0 {
			cached = fmt.Sprintf(" (%d from the cache)", res.Cached)
		}
		fmt.Fprintf(stdout, "docgen %s: %d pages%s, %d partials, %d files; %d errors, %d warnings; %s\n",
			c.Name(), res.Pages, cached, res.Partials, res.Files, errors, warnings, time.Since(start).Round(time.Millisecond))
	}
	if errors > 0 || (*strict && warnings > 0) {
		return exitContent
	}
	return exitOK
}

// checkDest refuses an output folder that would overwrite the sources.
func checkDest(source, dest string) error {
	src, err := filepath.Abs(source)
	if err != nil {
		return err
	}
	dst, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if rel, err := filepath.Rel(dst, src); err == nil && (rel == "." || !strings.HasPrefix(rel, "..")) {
		return fmt.Errorf("output folder %s is, or contains, the site folder %s", dest, source)
	}
	return nil
}

// printDiagnostics prints every diagnostic, one per line, with paths as
// seen from the working directory.
func printDiagnostics(w io.Writer, diags diag.List, source string) {
	prefix := func(f *diag.File) {
		if f != nil && !strings.HasPrefix(f.Path, "/") && source != "." {
			f.Path = filepath.ToSlash(filepath.Join(source, f.Path))
		}
	}
	done := map[*diag.File]bool{}
	for _, d := range diags {
		for _, f := range append([]*diag.File{d.File}, viaFiles(d)...) {
			if f != nil && !done[f] {
				prefix(f)
				done[f] = true
			}
		}
		fmt.Fprintln(w, d)
	}
}

func viaFiles(d *diag.Diagnostic) []*diag.File {
	var out []*diag.File
	for _, s := range d.Via {
		out = append(out, s.File)
	}
	return out
}

// printAnnotations prints the diagnostics as GitHub Actions workflow
// commands, so each shows on the line of the pull request it is about.
// The diagnostics' paths must already be relative to the repository root
// (printDiagnostics makes them relative to the working directory, where
// the workflow runs).
func printAnnotations(w io.Writer, diags diag.List) {
	for _, d := range diags {
		kind := "notice"
		switch {
		case d.Level >= diag.Error:
			kind = "error"
		case d.Level == diag.Warning:
			kind = "warning"
		}
		msg := d.Msg
		if d.Hint != "" {
			msg += "\n" + d.Hint
		}
		for _, s := range d.Via {
			line, col := s.File.Position(s.Offset)
			msg += fmt.Sprintf("\nincluded from %s:%d:%d", s.File.Path, line, col)
		}
		var props []string
		if f := annotationFile(d); f != nil {
			line, col := f.Position(d.Offset)
			props = append(props, "file="+escapeProperty(f.Path), fmt.Sprintf("line=%d", line), fmt.Sprintf("col=%d", col))
		}
		title := "docgen"
		if d.ID != "" {
			title += " " + d.ID
		}
		props = append(props, "title="+escapeProperty(title))
		fmt.Fprintf(w, "::%s %s::%s\n", kind, strings.Join(props, ","), escapeData(msg))
	}
}

// annotationFile is the file an annotation points at: where the problem
// is written (a partial's own line, not the page including it).
func annotationFile(d *diag.Diagnostic) *diag.File {
	if d.File == nil || d.File.Path == "" {
		return nil
	}
	return d.File
}

func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// cacheFlags adds --cache-dir and --no-cache to a command and returns the
// folder they choose ("" for none) once the flags are parsed.
func cacheFlags(fs *flag.FlagSet) func() string {
	def := os.Getenv("DOCGEN_CACHE_DIR")
	if def == "" {
		def, _ = build.DefaultCacheDir()
	}
	dir := fs.String("cache-dir", def, "folder of the build cache, which spares unchanged pages and code blocks; safe to delete or share (env DOCGEN_CACHE_DIR)")
	off := fs.Bool("no-cache", false, "render every page and highlight every code block, with no cache on disk")
	return func() string {
		if *off {
			return ""
		}
		return *dir
	}
}
