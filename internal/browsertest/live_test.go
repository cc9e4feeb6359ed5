package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

const (
	authCode = "/v1.9.x/deployment/security/azure/auth-code-flow/"
	docker   = "/v1.9.x/deployment/security/azure/docker/"
	tenant   = "0a1b2c3d-1111-4222-8333-444455556666"
)

// liveTexts returns the text of every use of a live variable on the page.
func liveTexts(ctx context.Context, t *testing.T, id string) []string {
	t.Helper()
	var out []string
	js := fmt.Sprintf(`Array.from(document.querySelectorAll('var.dg-live[data-live=%q]')).map(v => v.textContent)`, id)
	if err := chromedp.Run(ctx, chromedp.Evaluate(js, &out)); err != nil {
		t.Fatal(err)
	}
	return out
}

func typeInto(sel, text string) chromedp.Tasks {
	return chromedp.Tasks{
		chromedp.WaitVisible(sel, chromedp.ByQuery),
		chromedp.Evaluate(fmt.Sprintf(`document.querySelector(%q).value = ""`, sel), nil),
		chromedp.SendKeys(sel, text, chromedp.ByQuery),
		chromedp.SendKeys(sel, kb.Tab, chromedp.ByQuery),
	}
}

// TestLiveValues: typing a tenant id updates every authority on the page;
// the value survives a reload and reaches the Docker page.
func TestLiveValues(t *testing.T) {
	srv := serveSite(t)
	ctx := startBrowser(t)
	if err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+authCode),
		chromedp.WaitVisible(`form.dg-live-form`, chromedp.ByQuery),
		typeInto(`#dg-live-tenantId`, tenant),
	); err != nil {
		t.Fatal(err)
	}
	check := func(where string) {
		auth := liveTexts(ctx, t, "authority")
		if len(auth) == 0 {
			t.Fatalf("%s: no authority on the page", where)
		}
		for _, a := range auth {
			if a != "https://login.microsoftonline.com/"+tenant {
				t.Errorf("%s: authority shows %q", where, a)
			}
		}
	}
	check("after typing")
	if err := chromedp.Run(ctx, chromedp.Reload(), chromedp.WaitVisible(`form.dg-live-form`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	check("after a reload")
	var kept string
	if err := chromedp.Run(ctx, chromedp.Value(`#dg-live-tenantId`, &kept, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	if kept != tenant {
		t.Errorf("the field holds %q after a reload", kept)
	}
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+docker), chromedp.WaitVisible(`form.dg-live-form`, chromedp.ByQuery)); err != nil {
		t.Fatal(err)
	}
	check("on the Docker page")
	for _, id := range []string{"tenantId"} {
		for _, v := range liveTexts(ctx, t, id) {
			if v != tenant {
				t.Errorf("Docker page shows %s = %q", id, v)
			}
		}
	}
}

// TestLiveXSS: markup typed into a field is shown as text and runs nothing.
func TestLiveXSS(t *testing.T) {
	srv := serveSite(t)
	ctx := startBrowser(t)
	dialogs := 0
	chromedp.ListenTarget(ctx, func(ev any) {
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			dialogs++
			go func() { _ = chromedp.Run(ctx, page.HandleJavaScriptDialog(false)) }()
		}
	})
	payload := `"><img src=x onerror=alert(1)>`
	var imgs int
	if err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+docker),
		chromedp.WaitVisible(`form.dg-live-form`, chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('.dg-live-form input:not([type=checkbox])')).map(i => i.id)`, new([]string)),
	); err != nil {
		t.Fatal(err)
	}
	var ids []string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`Array.from(document.querySelectorAll('.dg-live-form input:not([type=checkbox])')).map(i => i.id)`, &ids)); err != nil {
		t.Fatal(err)
	}
	if len(ids) == 0 {
		t.Fatal("no fields on the Docker page")
	}
	for _, id := range ids {
		if err := chromedp.Run(ctx, typeInto("#"+id, payload)); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(300 * time.Millisecond)
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelectorAll('img[src="x"], var.dg-live img').length`, &imgs)); err != nil {
		t.Fatal(err)
	}
	if imgs != 0 || dialogs != 0 {
		t.Errorf("the payload became markup: %d images, %d dialogs", imgs, dialogs)
	}
	var shown []string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`Array.from(document.querySelectorAll('var.dg-live[data-live=tenantId]')).map(v => v.textContent)`, &shown)); err != nil {
		t.Fatal(err)
	}
	for _, s := range shown {
		if s != payload {
			t.Errorf("tenantId shows %q, want the payload as text", s)
		}
	}
}

// TestLiveInvalid: an invalid GUID shows its error after blur and marks
// the field invalid, tied to it for assistive technology.
func TestLiveInvalid(t *testing.T) {
	srv := serveSite(t)
	ctx := startBrowser(t)
	var invalid, msg, described string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+docker),
		typeInto(`#dg-live-clientId`, "not-a-guid"),
		chromedp.AttributeValue(`#dg-live-clientId`, "aria-invalid", &invalid, nil, chromedp.ByQuery),
		chromedp.Text(`#dg-live-clientId-msg`, &msg, chromedp.ByQuery),
		chromedp.AttributeValue(`#dg-live-clientId`, "aria-describedby", &described, nil, chromedp.ByQuery),
	); err != nil {
		t.Fatal(err)
	}
	if invalid != "true" || strings.TrimSpace(msg) == "" || !strings.Contains(described, "dg-live-clientId-msg") {
		t.Errorf("aria-invalid=%q message=%q describedby=%q", invalid, msg, described)
	}
	// Fixing the value clears the error.
	if err := chromedp.Run(ctx,
		typeInto(`#dg-live-clientId`, "3c9e7a42-5b1d-4f06-a6c3-9d2e6f1b8a57"),
		chromedp.AttributeValue(`#dg-live-clientId`, "aria-invalid", &invalid, nil, chromedp.ByQuery),
	); err != nil {
		t.Fatal(err)
	}
	if invalid == "true" {
		t.Error("the field stays invalid after a valid GUID")
	}
}

// TestLiveCopy: copy puts the filled text on the clipboard.
func TestLiveCopy(t *testing.T) {
	srv := serveSite(t)
	ctx := startBrowser(t)
	var clip string
	if err := chromedp.Run(ctx,
		browser.GrantPermissions([]browser.PermissionType{browser.PermissionTypeClipboardReadWrite, browser.PermissionTypeClipboardSanitizedWrite}).WithOrigin(srv.URL),
		chromedp.Navigate(srv.URL+authCode),
		typeInto(`#dg-live-tenantId`, tenant),
		chromedp.Click(`[data-live-code] .dg-copy`, chromedp.ByQuery),
		chromedp.Sleep(300*time.Millisecond),
		chromedp.Evaluate(`navigator.clipboard.readText()`, &clip, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
			return p.WithAwaitPromise(true)
		}),
	); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(clip, "https://login.microsoftonline.com/"+tenant) {
		t.Errorf("clipboard holds %q", clip)
	}
	if strings.Contains(clip, "<var") || strings.Contains(clip, "<span") {
		t.Errorf("clipboard holds markup: %q", clip)
	}
}

// TestLiveWithoutJavaScript: the page reads correctly with scripts off: the
// example values in <var> elements and the table of values to replace.
func TestLiveWithoutJavaScript(t *testing.T) {
	srv := serveSite(t)
	ctx := startBrowser(t)
	var tableShown, formHidden bool
	var vars int
	if err := chromedp.Run(ctx,
		emulation.SetScriptExecutionDisabled(true),
		chromedp.Navigate(srv.URL+authCode),
		chromedp.WaitReady(`table.dg-live-table`, chromedp.ByQuery),
		chromedp.Evaluate(`0`, new(int)),
	); err != nil {
		t.Fatal(err)
	}
	// Scripts are off, so inspect the DOM through the protocol.
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`(() => { const t = document.querySelector('table.dg-live-table'); return !!t && t.offsetParent !== null })()`, &tableShown),
		chromedp.Evaluate(`document.querySelector('form.dg-live-form').hidden`, &formHidden),
		chromedp.Evaluate(`document.querySelectorAll('var.dg-live').length`, &vars),
	); err != nil {
		t.Fatal(err)
	}
	if !tableShown || !formHidden || vars < 3 {
		t.Errorf("table shown %v, form hidden %v, %d placeholders", tableShown, formHidden, vars)
	}
}

// TestValidationTable runs the shared table of validation cases through the
// script's validator: the browser applies exactly the Go rules.
func TestValidationTable(t *testing.T) {
	data, err := os.ReadFile("../live/testdata/validation.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []map[string]any
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	srv := serveSite(t)
	ctx := startBrowser(t)
	var failures []string
	js := fmt.Sprintf(`(() => {
		const cases = %s; const out = [];
		for (const c of cases) {
			const v = {id: "x", type: c.type, required: !!c.required,
				options: (c.options || []).map(o => ({value: o, label: o}))};
			const r = window.docgenLive.validate(v, c.value);
			if (r.level !== c.level || (c.code && r.code !== c.code))
				out.push(JSON.stringify(c) + " -> " + JSON.stringify(r));
		}
		return out;
	})()`, data)
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+authCode), chromedp.WaitVisible(`form.dg-live-form`, chromedp.ByQuery),
		chromedp.Evaluate(js, &failures)); err != nil {
		t.Fatal(err)
	}
	for _, f := range failures {
		t.Error(f)
	}
	if len(cases) < 50 {
		t.Errorf("only %d shared cases", len(cases))
	}
}
