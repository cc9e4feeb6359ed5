// Command helpdesk is a tiny product that shows docgen pages as its in-app
// help: it builds this repository's docs into memory at start, serves them
// under /help/, and has a help panel that opens the Azure auth-code guide
// with its live snippets working.
//
// Every response carries Content-Security-Policy: default-src 'self', as a
// careful product would send; the docs need nothing more.
//
//	go run ./examples/helpdesk            # from the repository root
//	open http://127.0.0.1:8081/
package main

import (
	"context"
	"embed"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"net/http"
	"os"
	"time"

	"github.com/docgen/docgen/docsite"
)

//go:embed static
var static embed.FS

// csp is the policy of every response: nothing inline, nothing from
// another host.
const csp = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

func main() {
	addr := flag.String("addr", "127.0.0.1:8081", "address to listen on")
	siteDir := flag.String("site", ".", "the docgen site folder (holding docgen.yaml and content/)")
	flag.Parse()
	h, err := newHandler(context.Background(), os.DirFS(*siteDir), func(d docsite.Diagnostic) {
		if d.Severity == "error" || d.Severity == "warning" {
			log.Print(d)
		}
	})
	if err != nil {
		log.Fatal(err)
	}
	srv := &http.Server{Addr: *addr, Handler: h, ReadHeaderTimeout: 10 * time.Second}
	fmt.Printf("helpdesk: http://%s/ (docs under /help/)\n", *addr)
	log.Fatal(srv.ListenAndServe())
}

// newHandler builds the docs of site and returns the product's handler:
// its own page and files at /, the docs at /help/.
func newHandler(ctx context.Context, site fs.FS, report func(docsite.Diagnostic)) (http.Handler, error) {
	docs, err := docsite.Build(ctx, site, docsite.Options{Prefix: "/help/"})
	if err != nil {
		return nil, err
	}
	for _, d := range docs.Diagnostics() {
		report(d)
	}
	files, err := fs.Sub(static, "static")
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/help/", docs.Handler())
	mux.Handle("/", http.FileServerFS(files))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		mux.ServeHTTP(w, r)
	}), nil
}
