package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/docgen/docgen/docsite"
	"github.com/docgen/docgen/internal/browsertest"
)

const (
	guide    = "/help/v1.9.x/deployment/security/azure/auth-code-flow/"
	fragment = "/help/_fragments/v1.9.x/deployment/security/azure/auth-code-flow/index.html"
)

var (
	handlerOnce sync.Once
	handler     http.Handler
	handlerErr  error
)

// start serves the example's handler over this repository's docs.
func start(t *testing.T) *httptest.Server {
	t.Helper()
	handlerOnce.Do(func() {
		handler, handlerErr = newHandler(context.Background(), os.DirFS("../.."), func(d docsite.Diagnostic) {
			if d.Severity == "error" {
				handlerErr = fmt.Errorf("content error: %s", d)
			}
		})
	})
	if handlerErr != nil {
		t.Fatal(handlerErr)
	}
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, srv *httptest.Server, url string) (*http.Response, string) {
	t.Helper()
	res, err := http.Get(srv.URL + url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(body)
}

var (
	assetRef  = regexp.MustCompile(`<(?:link|script|img|source)\b[^>]*?\b(?:href|src)="([^"]+)"`)
	inlineCSS = regexp.MustCompile(`\sstyle="|<style[\s>]`)
	inlineJS  = regexp.MustCompile(`<script(?:\s(?:type|defer|async)(?:="[^"]*")?)*\s*>|\son[a-z]+="`)
)

// TestHelpUnderPrefix fetches the guide and its fragment from the example
// and checks that every file they load is served under /help/, and that
// nothing in them needs an inline script or style.
func TestHelpUnderPrefix(t *testing.T) {
	srv := start(t)
	assets := map[string]bool{}
	for _, url := range []string{guide, fragment} {
		res, body := get(t, srv, url)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %s", url, res.Status)
		}
		if !strings.Contains(body, "login.microsoftonline.com") {
			t.Errorf("%s is not the auth-code guide", url)
		}
		if m := inlineCSS.FindString(body); m != "" {
			t.Errorf("%s has inline style %q", url, m)
		}
		if m := inlineJS.FindString(body); m != "" {
			t.Errorf("%s has inline script %q", url, m)
		}
		for _, m := range assetRef.FindAllStringSubmatch(body, -1) {
			assets[m[1]] = true
		}
		if url == fragment && (strings.Contains(body, `class="dg-header"`) || strings.Contains(body, "dg-sidebar")) {
			t.Error("the fragment carries the site's chrome")
		}
	}
	_, index := get(t, srv, "/help/_fragments/index.json")
	var idx struct {
		Assets struct{ CSS, JS []string }
		Pages  []struct{ URL, Fragment string }
	}
	if err := json.Unmarshal([]byte(index), &idx); err != nil {
		t.Fatal(err)
	}
	for _, a := range append(idx.Assets.CSS, idx.Assets.JS...) {
		assets[a] = true
	}
	found := false
	for _, p := range idx.Pages {
		found = found || p.URL == guide && p.Fragment == fragment
	}
	if !found {
		t.Errorf("index.json does not list the guide's fragment")
	}
	if len(assets) < 6 {
		t.Errorf("only %d assets found: %v", len(assets), assets)
	}
	for a := range assets {
		if !strings.HasPrefix(a, "/help/") {
			t.Errorf("asset %s is not under /help/", a)
			continue
		}
		if res, _ := get(t, srv, a); res.StatusCode != http.StatusOK {
			t.Errorf("asset %s: %s", a, res.Status)
		}
	}
	// Unknown help URLs get the docs' 404 page; a page without its slash
	// is redirected.
	if res, body := get(t, srv, "/help/no/such/page/"); res.StatusCode != http.StatusNotFound || !strings.Contains(body, "Page not found") {
		t.Errorf("missing page: %s", res.Status)
	}
	res, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Get(srv.URL + strings.TrimSuffix(guide, "/"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != guide {
		t.Errorf("no slash: %s to %q", res.Status, res.Header.Get("Location"))
	}
}

// TestHelpPanel opens the product page in Chromium under its strict CSP,
// opens the help panel on the auth-code guide and types a tenant id into
// the guide's form: the snippets in the panel fill in, and the browser
// reports no blocked script or style.
func TestHelpPanel(t *testing.T) {
	srv := start(t)
	ctx := browsertest.Chromium(t)
	const tenant = "0a1b2c3d-1111-4222-8333-444455556666"
	var violations []string
	var authority []string
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.Evaluate(`window.cspViolations = []; document.addEventListener("securitypolicyviolation", e => window.cspViolations.push(e.violatedDirective + " " + e.blockedURI))`, nil),
		chromedp.Click(`button[data-help-page]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#help-panel form.dg-live-form`, chromedp.ByQuery),
		chromedp.SendKeys(`#help-panel #dg-live-tenantId`, tenant, chromedp.ByQuery),
		chromedp.SendKeys(`#help-panel #dg-live-tenantId`, kb.Tab, chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('#help-panel var.dg-live[data-live="authority"]')).map(v => v.textContent)`, &authority),
		chromedp.Evaluate(`window.cspViolations`, &violations),
	)
	if err != nil {
		t.Fatal(err)
	}
	if len(authority) == 0 {
		t.Fatal("no authority in the panel")
	}
	for _, a := range authority {
		if a != "https://login.microsoftonline.com/"+tenant {
			t.Errorf("authority in the panel shows %q", a)
		}
	}
	if len(violations) > 0 {
		t.Errorf("CSP violations: %v", violations)
	}
}
