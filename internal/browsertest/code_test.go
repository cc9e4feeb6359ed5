package browsertest

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/docgen/docgen/internal/build"
)

// codeSite has two pages with language selectors and a code preview.
var codeSite = fstest.MapFS{
	"docgen.yaml": {Data: []byte("title: Code\nversions: [v1.0.x]\n")},
	"content/v1.0.x/install.md": {Data: []byte(`---
title: Install
slug: /install
---
# Install

{% codeWithLanguageSelector title="Client" id="client" languagesArray=["python","java"] %}

` + "```python\npip install acme\n```\n\n```java\nimplementation \"acme:client\"\n```\n" + `
{% /codeWithLanguageSelector %}

{% codeWithLanguageSelector title="Run" languagesArray=["go","java","python"] %}

` + "```go\ngo run .\n```\n\n```java\njava -jar acme.jar\n```\n\n```python\npython -m acme\n```\n" + `
{% /codeWithLanguageSelector %}

{% codePreview %}
{% codeInfoContainer %}
{% codeInfo srNumber=1 %}
The source: what to read.
{% /codeInfo %}
{% codeInfo srNumber=2 %}
The sink: where results go.
{% /codeInfo %}
{% /codeInfoContainer %}
{% codeBlock fileName="acme.yaml" %}
` + "```yaml {% isCodeBlock=true %}\nworkflow:\n```\n```yaml {% srNumber=1 %}\n  source: db\n```\n```yaml {% srNumber=2 %}\n  sink: rest\n```\n" + `
{% /codeBlock %}
{% /codePreview %}
`)},
	"content/v1.0.x/run.md": {Data: []byte(`---
title: Run
slug: /run
---
# Run

{% codeWithLanguageSelector languagesArray=["go","java","python"] %}

` + "```go\ngo run ./cmd/acme\n```\n\n```java\njava -cp acme.jar Main\n```\n\n```python\npython acme.py\n```\n" + `
{% /codeWithLanguageSelector %}

{% codeWithLanguageSelector languagesArray=["ruby","go"] %}

` + "```ruby\nruby acme.rb\n```\n\n```go\ngo run acme.go\n```\n" + `
{% /codeWithLanguageSelector %}
`)},
}

// serveBuilt builds a site in memory and serves it under the same policy
// as serveSite.
func serveBuilt(t *testing.T, fsys fstest.MapFS) *httptest.Server {
	t.Helper()
	out := &build.Memory{}
	res, err := build.Build(context.Background(), build.Options{Source: fsys, Sink: out})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diags {
		t.Errorf("build: %s", d)
	}
	return serveFiles(t, out.Files, "default-src 'self'")
}

// tabState describes every selector of the page: for each, the language
// of its selected tab and of its visible panels, and whether its tab list
// shows.
const tabState = `Array.from(document.querySelectorAll('.dg-tabs')).map(s => ({
	selected: Array.from(s.querySelectorAll('[role=tab][aria-selected=true]')).map(t => t.dataset.lang).join(','),
	visible: Array.from(s.querySelectorAll('.dg-tabs__panel')).filter(p => !p.hidden && p.offsetParent !== null).map(p => p.dataset.lang).join(','),
	listShown: s.querySelector('.dg-tabs__list').offsetParent !== null,
}))`

type selectorState struct {
	Selected  string `json:"selected"`
	Visible   string `json:"visible"`
	ListShown bool   `json:"listShown"`
}

func tabsOn(ctx context.Context, t *testing.T) []selectorState {
	t.Helper()
	var out []selectorState
	if err := chromedp.Run(ctx, chromedp.Evaluate(tabState, &out)); err != nil {
		t.Fatal(err)
	}
	return out
}

func wantTabs(t *testing.T, where string, got []selectorState, want ...string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d selectors, want %d", where, len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Selected != w || g.Visible != w || !g.ListShown {
			t.Errorf("%s: selector %d selects %q and shows %q (tab list shown: %v), want %q", where, i+1, g.Selected, g.Visible, g.ListShown, w)
		}
	}
}

// TestLanguageTabs: picking a tab shows its panel, selects the same
// language in the page's other selectors, and holds on another page; the
// tabs follow the WAI-ARIA pattern with the keyboard.
func TestLanguageTabs(t *testing.T) {
	srv := serveBuilt(t, codeSite)
	ctx := startBrowser(t)
	if err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/v1.0.x/install/"),
		chromedp.WaitVisible(`.dg-tabs.is-enhanced .dg-tabs__list`, chromedp.ByQuery),
	); err != nil {
		t.Fatal(err)
	}
	wantTabs(t, "first visit", tabsOn(ctx, t), "python", "go")

	// The ARIA wiring: each tab controls its panel, which it labels.
	var wired bool
	if err := chromedp.Run(ctx, chromedp.Evaluate(`Array.from(document.querySelectorAll('[role=tab]')).every(tab => {
		const p = document.getElementById(tab.getAttribute('aria-controls'));
		return p && p.getAttribute('role') === 'tabpanel' && p.getAttribute('aria-labelledby') === tab.id &&
			p.dataset.lang === tab.dataset.lang && tab.tabIndex === (tab.getAttribute('aria-selected') === 'true' ? 0 : -1);
	})`, &wired)); err != nil {
		t.Fatal(err)
	}
	if !wired {
		t.Error("tabs and panels are not wired as WAI-ARIA tabs (aria-controls, role, aria-labelledby, roving tabindex)")
	}

	// A click in the first selector selects java in both.
	if err := chromedp.Run(ctx, chromedp.Click(`.dg-tabs [role=tab][data-lang=java]`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	wantTabs(t, "after clicking java", tabsOn(ctx, t), "java", "java")

	// The keyboard: Left moves to the previous tab and wraps from the
	// first to the last, Home goes to the first; focus and selection move
	// together.
	var focused string
	if err := chromedp.Run(ctx,
		chromedp.Focus(`#client [role=tab][data-lang=java]`, chromedp.ByQuery),
		chromedp.KeyEvent(kb.ArrowLeft),
		chromedp.Evaluate(`document.activeElement.dataset.lang`, &focused),
	); err != nil {
		t.Fatal(err)
	}
	if focused != "python" {
		t.Errorf("ArrowLeft focused %q, want python", focused)
	}
	wantTabs(t, "after ArrowLeft", tabsOn(ctx, t), "python", "python")
	if err := chromedp.Run(ctx, chromedp.KeyEvent(kb.ArrowLeft), chromedp.Evaluate(`document.activeElement.dataset.lang`, &focused)); err != nil {
		t.Fatal(err)
	}
	if focused != "java" {
		t.Errorf("ArrowLeft from the first tab focused %q, want java (wrapping)", focused)
	}
	if err := chromedp.Run(ctx, chromedp.KeyEvent(kb.Home), chromedp.Evaluate(`document.activeElement.dataset.lang`, &focused)); err != nil {
		t.Fatal(err)
	}
	if focused != "python" {
		t.Errorf("Home focused %q, want python", focused)
	}
	wantTabs(t, "after Home", tabsOn(ctx, t), "python", "python")

	// The choice holds on another page: python where offered; the
	// selector without python shows its first tab.
	if err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/v1.0.x/run/"),
		chromedp.WaitVisible(`.dg-tabs.is-enhanced .dg-tabs__list`, chromedp.ByQuery),
	); err != nil {
		t.Fatal(err)
	}
	wantTabs(t, "on the other page", tabsOn(ctx, t), "python", "ruby")

	// Choosing go there selects it in both selectors. Back on the first
	// page go wins where it is offered; the selector without go shows
	// python, the most recent choice it offers.
	if err := chromedp.Run(ctx, chromedp.Click(`.dg-tabs [role=tab][data-lang=go]`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	wantTabs(t, "after clicking go", tabsOn(ctx, t), "go", "go")
	if err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/v1.0.x/install/"),
		chromedp.WaitVisible(`.dg-tabs.is-enhanced .dg-tabs__list`, chromedp.ByQuery),
	); err != nil {
		t.Fatal(err)
	}
	wantTabs(t, "back on the first page", tabsOn(ctx, t), "python", "go")

	// The choice is stored under the site's namespace.
	var stored string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`localStorage.getItem('docgen-code: Code:languages') || ''`, &stored)); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(stored, `["go","python"`) {
		t.Errorf("stored preferences %s, want go then python first", stored)
	}
}

// TestLanguageTabsWithoutJavaScript: with scripts off every panel shows,
// each under its visible name, and no tab list is offered.
func TestLanguageTabsWithoutJavaScript(t *testing.T) {
	srv := serveBuilt(t, codeSite)
	ctx := startBrowser(t)
	if err := chromedp.Run(ctx,
		emulation.SetScriptExecutionDisabled(true),
		chromedp.Navigate(srv.URL+"/v1.0.x/install/"),
		chromedp.WaitReady(`.dg-tabs`, chromedp.ByQuery),
	); err != nil {
		t.Fatal(err)
	}
	var panels []struct {
		Lang    string `json:"lang"`
		Shown   bool   `json:"shown"`
		Name    string `json:"name"`
		NameVis bool   `json:"nameVisible"`
		Code    string `json:"code"`
	}
	var listsShown int
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`Array.from(document.querySelectorAll('.dg-tabs__panel')).map(p => {
			const n = p.querySelector('.dg-tabs__name');
			return {lang: p.dataset.lang, shown: !p.hidden && p.offsetParent !== null,
				name: n ? n.textContent : '', nameVisible: !!n && n.offsetParent !== null && n.getBoundingClientRect().height > 0,
				code: (p.querySelector('pre code') || {}).textContent || ''};
		})`, &panels),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('.dg-tabs__list')).filter(l => l.offsetParent !== null).length`, &listsShown),
	); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"python": "Python", "java": "Java", "go": "Go"}
	if len(panels) != 5 {
		t.Fatalf("%d panels, want 5", len(panels))
	}
	for _, p := range panels {
		if !p.Shown || !p.NameVis || p.Name != want[p.Lang] || p.Code == "" {
			t.Errorf("panel %s: shown %v, name %q visible %v, code %q", p.Lang, p.Shown, p.Name, p.NameVis, p.Code)
		}
	}
	if listsShown != 0 {
		t.Errorf("%d tab lists show without script, where they cannot work", listsShown)
	}
}

// TestCodePreview: the code pieces of the explanation hovered, focused or
// clicked are highlighted, and only those.
func TestCodePreview(t *testing.T) {
	srv := serveBuilt(t, codeSite)
	ctx := startBrowser(t)
	active := func() string {
		var s string
		if err := chromedp.Run(ctx, chromedp.Evaluate(`Array.from(document.querySelectorAll('.dg-codepreview .is-active')).map(e => (e.classList.contains('dg-codeinfo') ? 'info' : 'code') + e.dataset.sr).join(' ')`, &s)); err != nil {
			t.Fatal(err)
		}
		return s
	}
	if err := chromedp.Run(ctx,
		chromedp.EmulateViewport(1400, 900),
		chromedp.Navigate(srv.URL+"/v1.0.x/install/"),
		chromedp.WaitVisible(`.dg-codeinfo.is-paired`, chromedp.ByQuery),
	); err != nil {
		t.Fatal(err)
	}
	if got := active(); got != "" {
		t.Errorf("before any action %q is active", got)
	}
	if err := chromedp.Run(ctx, chromedp.Click(`.dg-codeinfo[data-sr="2"]`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	if got := active(); got != "info2 code2" {
		t.Errorf("after clicking explanation 2, active: %q", got)
	}
	// Keyboard: the explanations are in the tab order; focus pairs too.
	if err := chromedp.Run(ctx, chromedp.Focus(`.dg-codeinfo[data-sr="1"]`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	if got := active(); got != "info1 code1" {
		t.Errorf("after focusing explanation 1, active: %q", got)
	}
	var tabbable bool
	if err := chromedp.Run(ctx, chromedp.Evaluate(`Array.from(document.querySelectorAll('.dg-codeinfo')).every(e => e.tabIndex === 0)`, &tabbable)); err != nil {
		t.Fatal(err)
	}
	if !tabbable {
		t.Error("paired explanations are not in the tab order")
	}
	// The listing's copy button is offered.
	var copyShown bool
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelector('.dg-codeblock__copy').offsetParent !== null`, &copyShown)); err != nil {
		t.Fatal(err)
	}
	if !copyShown {
		t.Error("the listing's copy button is hidden")
	}
}
