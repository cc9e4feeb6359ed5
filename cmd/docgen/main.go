// Command docgen builds, checks, serves and inspects documentation sites
// written in Markdown with Markdoc tags.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
)

// Exit statuses, documented in the README.
const (
	exitOK      = 0
	exitContent = 1 // the content has errors
	exitUsage   = 2 // bad command line, or an I/O failure
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// command is a subcommand. Run returns the exit status; only main exits.
type command interface {
	Name() string
	Synopsis() string
	Run(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{&buildCmd{}, &buildCmd{check: true}, &serveCmd{}, &inspectCmd{}}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.Name() == args[0] {
			return c.Run(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "docgen: unknown command %q\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: docgen <command> [flags]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.Name(), c.Synopsis())
	}
	fmt.Fprintln(w, "\nRun 'docgen <command> -h' for a command's flags.")
}
