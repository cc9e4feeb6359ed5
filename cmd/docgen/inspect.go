package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/docgen/docgen/internal/config"
	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/internal/limits"
	"github.com/docgen/docgen/internal/markdocjson"
	"github.com/docgen/docgen/internal/markdown"
	"github.com/docgen/docgen/internal/site"
	"github.com/docgen/docgen/shortcodes"
)

// inspectCmd prints what docgen makes of one page.
type inspectCmd struct{}

func (*inspectCmd) Name() string { return "inspect" }
func (*inspectCmd) Synopsis() string {
	return "print the parsed tag tree of a page (and its diagnostics)"
}

func (c *inspectCmd) Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("inspect", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "markdoc-json", "output format: markdoc-json (the conformance corpus schema) or diagnostics")
	configPath := fs.String("markdoc-config", "", "a Markdoc JSON config (tags, partials, variables) to validate against instead of docgen's own tags")
	alias := fs.Bool("alias", true, "accept <% %> as {% %} when the site allows it (ignored with -markdoc-config: Markdoc has no alias)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: docgen inspect [flags] FILE.md")
		fs.PrintDefaults()
	}
	files, err := parseFlags(fs, args)
	if err != nil {
		if err == flag.ErrHelp {
			return exitOK
		}
		return exitUsage
	}
	if len(files) != 1 {
		fs.Usage()
		return exitUsage
	}
	path := files[0]
	raw, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "docgen: %v\n", err)
		return exitUsage
	}
	var opts markdown.Options
	var env *markdown.Env
	if *configPath == "" {
		var cfgDiags diag.List
		opts, env, cfgDiags = siteEnv(path)
		for _, d := range cfgDiags {
			fmt.Fprintln(stderr, d)
		}
		if !*alias {
			opts.Alias = false
		}
	} else {
		data, err := os.ReadFile(*configPath)
		if err != nil {
			fmt.Fprintf(stderr, "docgen: %v\n", err)
			return exitUsage
		}
		cfg, err := markdocjson.ParseConfig(data)
		if err != nil {
			fmt.Fprintf(stderr, "docgen: %s: %v\n", *configPath, err)
			return exitUsage
		}
		if env, err = cfg.Env(); err != nil {
			fmt.Fprintf(stderr, "docgen: %s: %v\n", *configPath, err)
			return exitUsage
		}
		opts = cfg.Options()
	}
	page := markdown.New(opts).Parse(path, markdown.Normalize(raw))
	diags := markdown.Validate(page, env)
	diags.Sort()
	switch *format {
	case "markdoc-json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(markdocjson.Dump(page, diags)); err != nil {
			fmt.Fprintf(stderr, "docgen: %v\n", err)
			return exitUsage
		}
		for _, d := range diags {
			fmt.Fprintln(stderr, d)
		}
		return exitOK
	case "diagnostics":
		for _, d := range diags {
			fmt.Fprintln(stdout, d)
		}
		if diags.Err() != nil {
			return exitContent
		}
		return exitOK
	}
	fmt.Fprintf(stderr, "docgen: unknown format %q\n", *format)
	return exitUsage
}

// siteEnv returns the parse options and validation environment for a page
// inspected on its own: the docgen.yaml of the nearest enclosing site
// folder, or the defaults when there is none.
func siteEnv(page string) (markdown.Options, *markdown.Env, diag.List) {
	opts := markdown.Options{Alias: true}
	env := &markdown.Env{Tags: shortcodes.Builtin()}
	abs, err := filepath.Abs(page)
	if err != nil {
		return opts, env, nil
	}
	root := ""
	for dir := filepath.Dir(abs); ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, config.FileName)); err == nil {
			root = dir
			break
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	if root == "" {
		return opts, env, nil
	}
	cfgPath := filepath.Join(root, config.FileName)
	data, err := os.ReadFile(cfgPath)
	if err != nil {
		return opts, env, nil
	}
	cfg, diags := config.Parse(displayPath(cfgPath), data)
	opts = markdown.Options{
		Alias:      cfg.Markup.AliasEnabled(),
		NoComments: !cfg.Markup.CommentsEnabled(),
		Limits: limits.Limits{MaxBytes: cfg.Limits.MaxBytes, MaxDepth: cfg.Limits.MaxDepth,
			MaxNestedLines: cfg.Limits.MaxNestedLines, MaxInlineWork: cfg.Limits.MaxInlineWork},
	}
	env.Tags = cfg.Registry(shortcodes.Builtin())
	partials := filepath.Join(root, filepath.FromSlash(site.PartialsDir))
	// Resolve references as the build does: the page's version, the
	// slash-typo, older versions.
	version := ""
	if rel, err := filepath.Rel(filepath.Join(root, site.ContentDir), abs); err == nil {
		version = strings.Split(filepath.ToSlash(rel), "/")[0]
	}
	var partialVersions []string
	if entries, err := os.ReadDir(partials); err == nil {
		for _, e := range entries {
			if e.IsDir() {
				partialVersions = append(partialVersions, e.Name())
			}
		}
	}
	env.PartialExists = func(file string) bool {
		return site.ResolvePartial(file, version, partialVersions, func(p string) bool {
			_, err := os.Stat(filepath.Join(partials, filepath.FromSlash(p)))
			return err == nil
		}).Found
	}
	if len(cfg.Variables) > 0 && !strings.HasPrefix(abs, partials+string(filepath.Separator)) {
		env.VariableDefined = func(path []any) bool { return markdocjson.Defined(cfg.Variables, path) }
	}
	return opts, env, diags
}

// displayPath returns path relative to the working directory when it is
// below it, so diagnostics print as editors expect.
func displayPath(path string) string {
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	rel, err := filepath.Rel(wd, path)
	if err != nil || strings.HasPrefix(rel, "..") {
		return path
	}
	return rel
}
