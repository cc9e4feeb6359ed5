package serve

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/docgen/docgen/internal/browsertest"
)

// TestScriptsParse checks the embedded scripts with node --check.
func TestScriptsParse(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node on this machine")
	}
	for _, f := range []string{"livereload.js", "livereload-worker.js"} {
		if out, err := exec.Command(node, "--check", f).CombinedOutput(); err != nil {
			t.Errorf("node --check %s: %v\n%s", f, err, out)
		}
	}
}

// startBrowser starts headless Chromium (see internal/browsertest).
func startBrowser(t *testing.T) context.Context {
	return browsertest.Chromium(t, chromedp.WindowSize(1000, 700))
}

// tab opens a page in a new tab of the browser; before runs on every
// document before its scripts.
func tab(t *testing.T, browser context.Context, url, before string) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	var actions []chromedp.Action
	if before != "" {
		actions = append(actions, chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := cdppage.AddScriptToEvaluateOnNewDocument(before).Do(ctx)
			return err
		}))
	}
	actions = append(actions, chromedp.Navigate(url))
	if err := chromedp.Run(ctx, actions...); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	waitJS(t, ctx, "connected", "window.__docgenLiveReload && window.__docgenLiveReload.last !== ''")
	return ctx
}

// waitJS polls a JavaScript expression until it is true; a page that
// reloads meanwhile is polled again.
func waitJS(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var last error
	for time.Now().Before(deadline) {
		var ok bool
		last = chromedp.Run(ctx, chromedp.Evaluate("(function () { try { return !!("+expr+"); } catch (e) { return false; } })()", &ok))
		if last == nil && ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	var state string
	_ = chromedp.Run(ctx, chromedp.Evaluate(`location.pathname + " " + JSON.stringify(window.__docgenLiveReload || null) + " " + document.title`, &state))
	t.Fatalf("waiting for %s (%s): last error %v; page: %s", what, expr, last, state)
}

// js evaluates an expression.
func js[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	var out T
	if err := chromedp.Run(ctx, chromedp.Evaluate(expr, &out)); err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return out
}

// browserPage is a tall page under the strictest CSP a product could use.
func browserPage(title, css string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'">
<title>%s</title>
<link rel="stylesheet" href="/%s">
</head>
<body>
<h1>%s</h1>
`, title, css, title)
	for i := range 300 {
		fmt.Fprintf(&b, "<p>Paragraph %d.</p>\n", i)
	}
	b.WriteString("</body>\n</html>\n")
	return []byte(b.String())
}

// TestBrowser drives the live reload in headless Chromium: one stream for
// two tabs, reload of the edited page only (keeping its scroll position),
// stylesheets swapped in place, the error overlay (escaped, dismissible,
// cleared), the reload held back until the build is clean, a server that
// comes back, and the per-tab fallback without SharedWorker.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("a browser test")
	}
	browser := startBrowser(t)
	ts := start(t, nil, nil)
	files := map[string][]byte{
		"v1.9.x/a/index.html": browserPage("A", css1),
		"v1.9.x/b/index.html": browserPage("B", css1),
		css1:                  []byte("body { color: rgb(1, 2, 3) }\n"),
	}
	ts.s.Publish(Snapshot{Files: files})

	// Violations of the page's CSP are recorded from the first script on.
	const watchCSP = `window.__violations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__violations.push(e.violatedDirective + ' ' + e.blockedURI);
});`
	a := tab(t, browser, ts.url+"/v1.9.x/a/", watchCSP)
	b := tab(t, browser, ts.url+"/v1.9.x/b", watchCSP) // redirected to /v1.9.x/b/

	// One stream for the browser, whatever the number of tabs.
	for _, ctx := range []context.Context{a, b} {
		if via := js[string](t, ctx, "window.__docgenLiveReload.via"); via != "worker" {
			t.Errorf("the tab listens through %q, want the SharedWorker", via)
		}
	}
	if n := clientCount(ts.s); n != 1 {
		t.Errorf("%d event streams for one browser, want 1", n)
	}
	marker := func(ctx context.Context) { js[bool](t, ctx, "window.__marker = true") }
	marked := func(ctx context.Context) bool { return js[bool](t, ctx, "window.__marker === true") }
	marker(a)
	marker(b)

	// Edit page A: tab A reloads where it was, tab B stays.
	js[bool](t, a, "history.scrollRestoration = 'manual'; window.scrollTo(0, 900); window.scrollY === 900")
	files = with(files, "v1.9.x/a/index.html", browserPage("A2", css1))
	ts.s.Publish(Snapshot{Files: files})
	waitJS(t, a, "tab A to reload", "document.title === 'A2' && window.__marker === undefined")
	waitJS(t, a, "the scroll position to come back", "window.scrollY === 900")
	if !marked(b) {
		t.Error("tab B reloaded for an edit of page A")
	}

	// Restyle: both tabs swap the stylesheet, neither reloads.
	marker(a)
	files = restyled(files, css1, css2, "body { color: rgb(4, 5, 6) }\n")
	ts.s.Publish(Snapshot{Files: files})
	for _, ctx := range []context.Context{a, b} {
		waitJS(t, ctx, "the new stylesheet", "getComputedStyle(document.body).color === 'rgb(4, 5, 6)'")
		waitJS(t, ctx, "the old stylesheet to go", `document.querySelectorAll('link[rel=stylesheet]').length === 1 &&
			document.querySelector('link[rel=stylesheet]').getAttribute('href') === '/`+css2+`'`)
		if !marked(ctx) {
			t.Error("a tab reloaded for a stylesheet change")
		}
	}

	// A build with errors, page B edited: the overlay, no reload. Text
	// from the diagnostics is shown as text.
	files = with(files, "v1.9.x/b/index.html", browserPage("B2", css2))
	diags := []Diagnostic{{
		Path: "content/v1.9.x/b.md", Line: 7, Col: 4, Severity: "error", ID: "missing-closing",
		Message: `tag <img src=x onerror="window.__xss=1"> is not closed`,
		Source: []SourceLine{
			{Number: 6, Text: "intro"},
			{Number: 7, Text: `{% callout %}<script>window.__xss=2</script>`, Here: true},
			{Number: 8, Text: "outro"},
		},
	}}
	ts.s.Publish(Snapshot{Files: files, Diagnostics: diags})
	const overlay = "document.getElementById('docgen-overlay')"
	const panel = overlay + ".shadowRoot.querySelector('.docgen-overlay-panel')"
	for _, ctx := range []context.Context{a, b} {
		waitJS(t, ctx, "the overlay", overlay+" !== null && !"+panel+".hidden")
		if pos := js[string](t, ctx, overlay+".shadowRoot.querySelector('.docgen-overlay-pos').textContent"); pos != "content/v1.9.x/b.md:7:4" {
			t.Errorf("the overlay shows %q, want the position", pos)
		}
		if msg := js[string](t, ctx, overlay+".shadowRoot.querySelector('.docgen-overlay-msg').textContent"); msg != diags[0].Message {
			t.Errorf("the overlay shows the message %q", msg)
		}
		if here := js[string](t, ctx, overlay+".shadowRoot.querySelector('.docgen-overlay-here .docgen-overlay-text').textContent"); here != diags[0].Source[1].Text {
			t.Errorf("the marked line is %q", here)
		}
		if n := js[int](t, ctx, overlay+".shadowRoot.querySelectorAll('img, script').length"); n != 0 {
			t.Errorf("the overlay made %d elements from diagnostic text", n)
		}
		if pos := js[string](t, ctx, "getComputedStyle("+panel+").position"); pos != "fixed" {
			t.Errorf("the overlay panel is %q, not fixed: its stylesheet did not apply", pos)
		}
		if js[bool](t, ctx, "window.__xss !== undefined") {
			t.Error("diagnostic text ran as script")
		}
		if !marked(ctx) {
			t.Error("a tab reloaded after a build with errors")
		}
	}

	// Esc closes it; the next failing build shows it again.
	if err := chromedp.Run(b, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, b, "Esc to close the overlay", overlay+" === null")
	ts.s.Publish(Snapshot{Files: files, Diagnostics: diags})
	waitJS(t, b, "the overlay again", overlay+" !== null")
	// The close button closes it too.
	if err := chromedp.Run(a, chromedp.Evaluate(panel+".querySelector('.docgen-overlay-close').click()", nil)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, a, "the close button to close the overlay", overlay+" === null")

	// Clean again: the overlay goes, and page B, edited while the build
	// failed, reloads now.
	ts.s.Publish(Snapshot{Files: files})
	waitJS(t, b, "tab B to reload after the clean build", "document.title === 'B2' && window.__marker === undefined")
	waitJS(t, b, "no overlay after the reload", overlay+" === null")
	if !marked(a) {
		t.Error("tab A reloaded, though page A did not change")
	}
	for _, ctx := range []context.Context{a, b} {
		if v := js[[]string](t, ctx, "window.__violations"); len(v) != 0 {
			t.Errorf("CSP violations: %q", v)
		}
	}

	// Without SharedWorker, a tab listens on its own.
	c := tab(t, browser, ts.url+"/v1.9.x/a/", "delete window.SharedWorker;")
	if via := js[string](t, c, "window.__docgenLiveReload.via"); via != "tab" {
		t.Errorf("without SharedWorker the tab listens through %q, want its own EventSource", via)
	}
	waitFor(t, "the fallback stream", func() bool { return clientCount(ts.s) == 2 })
	marker(b)
	marker(c)
	files = with(files, "v1.9.x/a/index.html", browserPage("A3", css2))
	ts.s.Publish(Snapshot{Files: files})
	waitJS(t, c, "the fallback tab to reload", "document.title === 'A3' && window.__marker === undefined")
	waitJS(t, a, "tab A to reload", "document.title === 'A3'")
	if !marked(b) {
		t.Error("tab B reloaded for an edit of page A")
	}

	// The server goes away and comes back (docgen serve restarted): every
	// tab reloads once.
	marker(a)
	marker(b)
	addr := ts.host
	ts.s.Close()
	ts.ts.Close()
	var ln net.Listener
	waitFor(t, "the port to be free again", func() bool {
		var err error
		ln, err = net.Listen("tcp", addr)
		return err == nil
	})
	s2 := New(Options{Addr: addr})
	s2.Publish(Snapshot{Files: files})
	hs := s2.HTTPServer(s2.Handler())
	go func() { _ = hs.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		_ = hs.Shutdown(ctx)
	})
	for _, ctx := range []context.Context{a, b} {
		waitJS(t, ctx, "a reload when the server came back", "window.__marker === undefined && window.__docgenLiveReload.last.indexOf('"+s2.id+".') === 0")
		marker(ctx)
	}
	// Once: a later edit elsewhere reaches the tabs without reloading them.
	files = with(files, "v1.9.x/c/index.html", browserPage("C", css2))
	s2.Publish(Snapshot{Files: files})
	for _, ctx := range []context.Context{a, b} {
		waitJS(t, ctx, "the next event", "window.__docgenLiveReload.last === '"+s2.id+".1'")
		if !marked(ctx) {
			t.Error("a tab reloaded again after the server came back")
		}
	}
	resp, err := http.Get("http://" + addr + "/v1.9.x/c/")
	if err != nil {
		t.Fatalf("the new server: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("the new server: status %d", resp.StatusCode)
	}
}

// TestBrowserCatchUp: a page served just before a publish, whose stream
// connects just after it, catches up from hello: it reloads if and only if
// the publish changed its own page.
func TestBrowserCatchUp(t *testing.T) {
	if testing.Short() {
		t.Skip("a browser test")
	}
	for _, tt := range []struct {
		name   string
		edit   string // the page the publish edits
		reload bool
	}{
		{"another page changed", "v1.9.x/b/index.html", false},
		{"this page changed", "v1.9.x/a/index.html", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			browser := startBrowser(t)
			gate := make(chan struct{})
			ts := start(t, nil, func(s *Server) { s.beforeStream = func() { <-gate } })
			files := map[string][]byte{
				"v1.9.x/a/index.html": browserPage("A", css1),
				"v1.9.x/b/index.html": browserPage("B", css1),
				css1:                  []byte("body { color: rgb(1, 2, 3) }\n"),
			}
			ts.s.Publish(Snapshot{Files: files})
			ctx, cancel := chromedp.NewContext(browser)
			t.Cleanup(cancel)
			t.Cleanup(func() {
				select {
				case <-gate:
				default:
					close(gate)
				}
			})
			if err := chromedp.Run(ctx, chromedp.Navigate(ts.url+"/v1.9.x/a/")); err != nil {
				t.Fatal(err)
			}
			waitJS(t, ctx, "the page's version", "window.__docgenLiveReload.token === '"+ts.s.id+".0'")
			js[bool](t, ctx, "window.__marker = true")

			files = with(files, tt.edit, browserPage("edited", css1))
			ts.s.Publish(Snapshot{Files: files})
			close(gate)
			if tt.reload {
				waitJS(t, ctx, "the reload", "document.title === 'edited' && window.__marker === undefined")
				return
			}
			waitJS(t, ctx, "the catch-up", "window.__docgenLiveReload.token === '"+ts.s.id+".1'")
			if !js[bool](t, ctx, "window.__marker === true") {
				t.Error("the tab reloaded, though its page did not change")
			}
		})
	}
}
