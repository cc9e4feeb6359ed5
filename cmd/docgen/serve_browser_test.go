package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/docgen/docgen/internal/browsertest"
)

// TestServeBrowserReload: a page open in the browser shows an edit made to
// its file, without a manual reload, and keeps its scroll position.
func TestServeBrowserReload(t *testing.T) {
	p := startPreview(t, map[string]string{
		"content/v1.0.x/page.md": "# Page\n\nBefore the edit.\n\n" + strings.Repeat("Filler paragraph.\n\n", 200),
	})
	ctx := browsertest.Chromium(t)
	var text string
	var scrolled float64
	if err := chromedp.Run(ctx,
		chromedp.Navigate(p.url+"v1.0.x/page/"),
		chromedp.WaitVisible(`article`, chromedp.ByQuery),
		chromedp.Evaluate(`window.scrollTo(0, 1500); window.scrollY`, &scrolled),
		// Give the reload script time to connect to the event stream.
		chromedp.Sleep(500*time.Millisecond),
	); err != nil {
		t.Fatal(err)
	}
	p.write("content/v1.0.x/page.md", "# Page\n\nAfter the edit.\n\n"+strings.Repeat("Filler paragraph.\n\n", 200))
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(text, "After the edit.") {
		if time.Now().After(deadline) {
			t.Fatalf("the open page never showed the edit; it shows %.80q", text)
		}
		time.Sleep(100 * time.Millisecond)
		_ = chromedp.Run(ctx, chromedp.Text(`article`, &text, chromedp.ByQuery))
	}
	var y float64
	time.Sleep(300 * time.Millisecond)
	if err := chromedp.Run(ctx, chromedp.Evaluate(`window.scrollY`, &y)); err != nil {
		t.Fatal(err)
	}
	if scrolled > 0 && y < scrolled/2 {
		t.Errorf("scroll position lost across the reload: %v, was %v", y, scrolled)
	}
}
