package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
	edition := fs.String("edition", "", "the product edition to build, oss or collate (default: the config's edition)")
	if c.check {
		dest = new(string)
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
		d, err := build.NewDir(out)
		if err != nil {
			fmt.Fprintf(stderr, "docgen build: %v\n", err)
			return exitUsage
		}
		sink = d
	}
	res, err := build.Build(ctx, build.Options{Source: os.DirFS(*source), Sink: sink, Edition: *edition})
	if err != nil {
		fmt.Fprintf(stderr, "docgen %s: %v\n", c.Name(), err)
		return exitUsage
	}
	printDiagnostics(stderr, res.Diags, *source)
	errors, warnings := res.Diags.Count(diag.Error), res.Diags.Count(diag.Warning)-res.Diags.Count(diag.Error)
	if !*quiet {
		fmt.Fprintf(stdout, "%d pages, %d partials, %d files; %d errors, %d warnings; %s\n",
			res.Pages, res.Partials, res.Files, errors, warnings, time.Since(start).Round(time.Millisecond))
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
