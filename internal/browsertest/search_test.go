package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

const (
	home        = "/v1.9.x/"
	searchInput = "#dg-search-input"
)

// result is a search result as the page shows it.
type result struct {
	Href, Title, Heading string
}

const resultsJS = `Array.from(document.querySelectorAll('#dg-search-results [role=option] a')).map(a => ({
	href: a.getAttribute('href'),
	title: a.querySelector('.dg-search__title').textContent,
	heading: (a.querySelector('.dg-search__heading') || {}).textContent || ''}))`

// search opens page, types query into the search box and returns the
// results once they are shown.
func search(t *testing.T, ctx context.Context, url, query string) []result {
	t.Helper()
	var rs []result
	if err := chromedp.Run(ctx,
		chromedp.Navigate(url),
		chromedp.WaitVisible(searchInput, chromedp.ByQuery),
		chromedp.Click(searchInput, chromedp.ByQuery),
		chromedp.SendKeys(searchInput, query, chromedp.ByQuery),
		waitResults(query),
		chromedp.Evaluate(resultsJS, &rs),
	); err != nil {
		var status string
		_ = chromedp.Run(ctx, chromedp.Text(`#dg-search-status`, &status, chromedp.ByQuery))
		t.Fatalf("searching %q: %v (status: %q)", query, err, status)
	}
	return rs
}

// waitResults waits until the box shows the results of query, typed
// key by key.
func waitResults(query string) chromedp.Action {
	return chromedp.Poll(fmt.Sprintf(`document.getElementById('dg-search-results').getAttribute('data-query') === %q &&
		document.querySelectorAll('#dg-search-results [role=option]').length > 0`, query), nil, chromedp.WithPollingTimeout(10*time.Second))
}

// slash presses "/" as a keyboard does: one key down that carries its
// text, so that a handler cancelling the key down also cancels the text
// (chromedp.KeyEvent sends the text as a separate event).
func slash() chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		down := input.DispatchKeyEvent(input.KeyDown).WithKey("/").WithCode("Slash").WithText("/").WithWindowsVirtualKeyCode(191)
		if err := down.Do(ctx); err != nil {
			return err
		}
		return input.DispatchKeyEvent(input.KeyUp).WithKey("/").WithCode("Slash").WithWindowsVirtualKeyCode(191).Do(ctx)
	})
}

// find returns the index of the first result whose link is want.
func find(rs []result, want string) int {
	for i, r := range rs {
		if r.Href == want {
			return i
		}
	}
	return -1
}

// atHeading checks the browser is on path, scrolled to the heading anchor.
func atHeading(t *testing.T, ctx context.Context, path, anchor string) {
	t.Helper()
	var where struct {
		Path, Hash string
		Exists     bool
	}
	js := fmt.Sprintf(`(() => ({path: location.pathname, hash: location.hash,
		exists: !!document.getElementById(decodeURIComponent(location.hash.slice(1))) && location.pathname === %q}))()`, path)
	// The page is changing: evaluations fail while the old document goes.
	deadline := time.Now().Add(10 * time.Second)
	for {
		var there bool
		err := chromedp.Run(ctx, chromedp.Evaluate(fmt.Sprintf(`location.pathname === %q && document.readyState === "complete"`, path), &there))
		if err == nil && there {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: %v", path, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := chromedp.Run(ctx, chromedp.Evaluate(js, &where)); err != nil {
		t.Fatal(err)
	}
	if where.Hash != "#"+anchor || !where.Exists {
		t.Errorf("at %s%s (heading exists: %v), want %s#%s", where.Path, where.Hash, where.Exists, path, anchor)
	}
}

// TestSearchFindsTheAuthCodePage is the acceptance test of the search box
// on this repo's site: "tenant id", "authority", a prefix ("autho") and a
// typo ("authorty") find the auth-code page, and a result opens the page
// at its heading.
func TestSearchFindsTheAuthCodePage(t *testing.T) {
	srv := serveSite(t)
	ctx := startBrowser(t)
	const step2 = "step-2:-collect-the-credentials"

	// Nothing is fetched before the box is used.
	var fetched int
	const searchFetches = `performance.getEntriesByType('resource').filter(e => e.name.includes('/_docgen/search/')).length`
	if err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+home),
		chromedp.WaitVisible(searchInput, chromedp.ByQuery),
		chromedp.Sleep(200*time.Millisecond),
		chromedp.Evaluate(searchFetches, &fetched),
	); err != nil {
		t.Fatal(err)
	}
	if fetched != 0 {
		t.Errorf("%d search index requests before the box was used", fetched)
	}

	for _, q := range []string{"tenant id", "authority", "autho", "authorty", "tennant"} {
		rs := search(t, ctx, srv.URL+home, q)
		found := false
		for _, r := range rs {
			found = found || strings.HasPrefix(r.Href, authCode)
		}
		if !found {
			t.Errorf("%q: the auth-code page is not among %+v", q, rs)
		}
	}

	// "tenant id": open the Step 2 result with the keyboard.
	rs := search(t, ctx, srv.URL+home, "tenant id")
	i := find(rs, authCode+"#"+step2)
	if i < 0 {
		t.Fatalf("tenant id: no result at %s#%s: %+v", authCode, step2, rs)
	}
	if rs[i].Title != "Auth Code Flow" || rs[i].Heading != "Step 2: Collect the credentials" {
		t.Errorf("the result shows %q / %q", rs[i].Title, rs[i].Heading)
	}
	keys := []chromedp.Action{}
	for range i + 1 {
		keys = append(keys, chromedp.KeyEvent(kb.ArrowDown))
	}
	keys = append(keys, chromedp.KeyEvent(kb.Enter))
	if err := chromedp.Run(ctx, keys...); err != nil {
		t.Fatal(err)
	}
	atHeading(t, ctx, authCode, step2)
	if fetched = 0; chromedp.Run(ctx, chromedp.Evaluate(searchFetches, &fetched)) != nil || fetched != 0 {
		t.Errorf("the new page fetched the index (%d requests) before its box was used", fetched)
	}

	// "authority": open the result with the mouse.
	rs = search(t, ctx, srv.URL+home, "authority")
	if i = find(rs, authCode+"#"+step2); i < 0 {
		t.Fatalf("authority: no result at %s#%s: %+v", authCode, step2, rs)
	}
	if err := chromedp.Run(ctx, chromedp.Click(fmt.Sprintf(`#dg-search-option-%d a`, i), chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	atHeading(t, ctx, authCode, step2)
}

// TestSearchKeyboardOnly drives the box with keys alone: "/" focuses it,
// the arrows move through the listbox (announced through
// aria-activedescendant), Escape closes and then clears, Enter opens.
func TestSearchKeyboardOnly(t *testing.T) {
	srv := serveSite(t)
	ctx := startBrowser(t)
	type state struct {
		Focused, Expanded, Active, Selected, Value string
		Open                                       bool
		Options                                    int
	}
	read := func() state {
		t.Helper()
		var s state
		if err := chromedp.Run(ctx, chromedp.Evaluate(`(() => {
			const i = document.getElementById('dg-search-input');
			const a = i.getAttribute('aria-activedescendant') || '';
			const sel = document.querySelector('#dg-search-results [aria-selected=true]');
			return {focused: document.activeElement.id, expanded: i.getAttribute('aria-expanded'), active: a,
				selected: sel ? sel.id : '', value: i.value, open: !document.querySelector('.dg-search__panel').hidden,
				options: document.querySelectorAll('#dg-search-results [role=option]').length};
		})()`, &s)); err != nil {
			t.Fatal(err)
		}
		return s
	}
	if err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+docker),
		chromedp.WaitVisible(searchInput, chromedp.ByQuery),
		slash(),
	); err != nil {
		t.Fatal(err)
	}
	if s := read(); s.Focused != "dg-search-input" || s.Value != "" {
		t.Fatalf(`after "/": %+v`, s)
	}
	if err := chromedp.Run(ctx,
		chromedp.KeyEvent("client secret"),
		waitResults("client secret"),
		chromedp.KeyEvent(kb.ArrowDown),
		chromedp.KeyEvent(kb.ArrowDown),
	); err != nil {
		t.Fatal(err)
	}
	s := read()
	if s.Expanded != "true" || !s.Open || s.Active != "dg-search-option-1" || s.Selected != s.Active {
		t.Errorf("after two arrows down: %+v", s)
	}
	if err := chromedp.Run(ctx, chromedp.KeyEvent(kb.ArrowUp), chromedp.KeyEvent(kb.ArrowUp)); err != nil {
		t.Fatal(err)
	}
	if s = read(); s.Active != fmt.Sprintf("dg-search-option-%d", s.Options-1) {
		t.Errorf("up from the first option should wrap to the last: %+v", s)
	}
	if err := chromedp.Run(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	if s = read(); s.Open || s.Expanded != "false" || s.Active != "" || s.Value != "client secret" || s.Focused != "dg-search-input" {
		t.Errorf("after Escape: %+v", s)
	}
	if err := chromedp.Run(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	if s = read(); s.Value != "" {
		t.Errorf("after a second Escape: %+v", s)
	}
	// Type again, pick the first result with the arrow, open it with Enter.
	var first string
	if err := chromedp.Run(ctx,
		chromedp.KeyEvent("ingestion bot"),
		waitResults("ingestion bot"),
		chromedp.KeyEvent(kb.ArrowDown),
		chromedp.Evaluate(`document.querySelector('#dg-search-option-0 a').getAttribute('href')`, &first),
		chromedp.KeyEvent(kb.Enter),
	); err != nil {
		t.Fatal(err)
	}
	path, anchor, _ := strings.Cut(first, "#")
	if anchor == "" {
		t.Fatalf("the first result for ingestion bot is %q, want a heading", first)
	}
	atHeading(t, ctx, path, anchor)
}

// TestSearchStaysUnderLatest: on a /latest/ page, results lead to
// /latest/ pages, not to the same page under its version.
func TestSearchStaysUnderLatest(t *testing.T) {
	srv := serveSite(t)
	ctx := startBrowser(t)
	rs := search(t, ctx, srv.URL+"/latest/deployment/security/azure/docker/", "tenant id")
	for _, r := range rs {
		if !strings.HasPrefix(r.Href, "/latest/") && r.Href != "/" && !strings.HasPrefix(r.Href, "/#") {
			t.Errorf("result %s leaves /latest/", r.Href)
		}
	}
}

// TestSearchWithoutJavaScript: with scripts off the box is not there, so
// no reader meets a search box that does nothing.
func TestSearchWithoutJavaScript(t *testing.T) {
	srv := serveSite(t)
	ctx := startBrowser(t)
	var shown, present bool
	if err := chromedp.Run(ctx,
		emulation.SetScriptExecutionDisabled(true),
		chromedp.Navigate(srv.URL+authCode),
		chromedp.WaitReady(`.dg-header`, chromedp.ByQuery),
		chromedp.Evaluate(`!!document.querySelector('.dg-search')`, &present),
		chromedp.Evaluate(`(() => { const b = document.querySelector('.dg-search'); return !!b && b.offsetParent !== null })()`, &shown),
	); err != nil {
		t.Fatal(err)
	}
	if !present || shown {
		t.Errorf("search box in the page %v, shown %v", present, shown)
	}
}

// TestSearchTermsTable runs the shared table of cases through the script's
// terms function: a query is cut into the words the index was built from.
func TestSearchTermsTable(t *testing.T) {
	data, err := os.ReadFile("../search/testdata/terms.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []json.RawMessage
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	srv := serveSite(t)
	ctx := startBrowser(t)
	var failures []string
	js := fmt.Sprintf(`(() => {
		const out = [];
		for (const c of %s) {
			const got = window.docgenSearch.terms(c.text);
			if (JSON.stringify(got) !== JSON.stringify(c.terms))
				out.push(JSON.stringify(c.text) + " -> " + JSON.stringify(got) + ", want " + JSON.stringify(c.terms));
		}
		return out;
	})()`, data)
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+home), chromedp.WaitVisible(searchInput, chromedp.ByQuery),
		chromedp.Evaluate(js, &failures)); err != nil {
		t.Fatal(err)
	}
	for _, f := range failures {
		t.Error(f)
	}
	if len(cases) < 20 {
		t.Errorf("only %d shared cases", len(cases))
	}
}
