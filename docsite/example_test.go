package docsite_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing/fstest"

	"github.com/docgen/docgen/docsite"
)

// A product builds its help pages from Markdown at start and mounts them
// under /help/.
func ExampleBuild() {
	src := fstest.MapFS{
		"docgen.yaml":               {Data: []byte("title: Acme Help\nversions: [v1.0.x]\n")},
		"content/v1.0.x/index.md":   {Data: []byte("# Getting started\n\nSee [billing](/billing).\n")},
		"content/v1.0.x/billing.md": {Data: []byte("# Billing\n\n## Invoices\n")},
	}
	site, err := docsite.Build(context.Background(), src, docsite.Options{Prefix: "/help/"})
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range site.Diagnostics() {
		fmt.Println(d)
	}
	mux := http.NewServeMux()
	mux.Handle("/help/", site.Handler())

	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/help/latest/billing/", nil))
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"))
	for _, p := range site.Pages() {
		fmt.Println(p.Title, p.URL, p.Fragment)
	}
	// Output:
	// 200 text/html; charset=utf-8
	// Billing /help/v1.0.x/billing/ /help/_fragments/v1.0.x/billing/index.html
	// Getting started /help/v1.0.x/ /help/_fragments/v1.0.x/index.html
}

// A product ships help pages built earlier with
//
//	docgen build --fragments --path-prefix /help/ --dest help
//
// and embedded in its binary, and shows one page's fragment in a panel.
func ExampleOpen() {
	// In the product: //go:embed all:help, then fs.Sub(helpFiles, "help").
	// Here, the folder the tests built.
	files := docsite.BuiltHelp()
	site, err := docsite.Open(files, docsite.Options{Prefix: "/help/"})
	if err != nil {
		log.Fatal(err)
	}
	page, ok := site.Page("/help/latest/connect/")
	if !ok {
		log.Fatal("no such page")
	}
	html, _ := site.Fragment(page)
	css, js := site.Assets()
	fmt.Println(page.Title, "-", len(page.Headings), "heading:", page.Headings[0].Text)
	fmt.Println("assets under /help/:", strings.HasPrefix(css[0], "/help/_docgen/") && strings.HasPrefix(js[0], "/help/_docgen/"))
	fmt.Println(string(html[:len(`<article class="dg-content dg-fragment"`)]))
	// Output:
	// Connect a database - 1 heading: Credentials
	// assets under /help/: true
	// <article class="dg-content dg-fragment"
}
