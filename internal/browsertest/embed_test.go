package browsertest

import (
	"context"
	"encoding/base64"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"
	"github.com/docgen/docgen/internal/build"
)

const (
	videoPage = "/v1.9.x/video/"
	watchURL  = "https://www.youtube.com/watch?v=ld43_jafL9w&t=65s"
	playerURL = "https://www.youtube-nocookie.com/embed/ld43_jafL9w?autoplay=1&start=65"
)

// serveVideoPage builds a one-page site with a youtube tag and serves it
// under the given Content-Security-Policy.
func serveVideoPage(t *testing.T, csp string) *httptest.Server {
	t.Helper()
	fsys := fstest.MapFS{
		"docgen.yaml": {Data: []byte("title: Video\nversions: [v1.9.x]\ndefaultVersion: v1.9.x\n")},
		"content/v1.9.x/video.md": {Data: []byte("---\ntitle: Video\n---\n# Video\n\n" +
			"{% youtube videoId=\"ld43_jafL9w\" start=\"1:05\" caption=\"A tour\" /%}\n\nAfter the video.\n")},
	}
	out := &build.Memory{}
	if _, err := build.Build(context.Background(), build.Options{Source: fsys, Sink: out}); err != nil {
		t.Fatal(err)
	}
	return serveFiles(t, out.Files, csp)
}

// elsewhere answers, in the browser, every request to a host other than
// the test server's with a stub page (the machine's network is closed), and
// records them.
type elsewhere struct {
	mu   sync.Mutex
	urls []string
}

func (e *elsewhere) intercept(ctx context.Context, local string) chromedp.Action {
	chromedp.ListenTarget(ctx, func(ev any) {
		paused, ok := ev.(*fetch.EventRequestPaused)
		if !ok {
			return
		}
		go func() {
			exec := cdp.WithExecutor(ctx, chromedp.FromContext(ctx).Target)
			if strings.HasPrefix(paused.Request.URL, local) {
				_ = fetch.ContinueRequest(paused.RequestID).Do(exec)
				return
			}
			e.mu.Lock()
			e.urls = append(e.urls, paused.Request.URL)
			e.mu.Unlock()
			_ = fetch.FulfillRequest(paused.RequestID, 200).
				WithResponseHeaders([]*fetch.HeaderEntry{{Name: "Content-Type", Value: "text/html"}}).
				WithBody(base64.StdEncoding.EncodeToString([]byte("<title>elsewhere</title><p>stub</p>"))).Do(exec)
		}()
	})
	return fetch.Enable().WithPatterns([]*fetch.RequestPattern{{URLPattern: "*"}})
}

func (e *elsewhere) requested() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.urls...)
}

// waitLocation waits until the page's address is want.
func waitLocation(ctx context.Context, t *testing.T, want string) {
	t.Helper()
	var at string
	for i := 0; i < 100; i++ {
		if err := chromedp.Run(ctx, chromedp.Location(&at)); err == nil && at == want {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the page is at %q, want %q", at, want)
}

// TestVideoPlayer: the youtube tag is a link to the video that loads
// nothing from YouTube until it is clicked; a click puts the
// privacy-enhanced player in its place where the site's policy allows the
// frame, follows the link where the policy blocks it, and follows the link
// without script.
func TestVideoPlayer(t *testing.T) {
	t.Run("policy allows the player", func(t *testing.T) {
		srv := serveVideoPage(t, "default-src 'self'; frame-src https://www.youtube-nocookie.com")
		ctx := startBrowser(t)
		var away elsewhere
		if err := chromedp.Run(ctx,
			away.intercept(ctx, srv.URL),
			chromedp.Navigate(srv.URL+videoPage),
			chromedp.WaitVisible(`a.dg-embed__link`, chromedp.ByQuery),
		); err != nil {
			t.Fatal(err)
		}
		if got := away.requested(); len(got) > 0 {
			t.Fatalf("before any click the page requested %v", got)
		}
		var src, title, focused string
		var linkHidden bool
		if err := chromedp.Run(ctx,
			chromedp.Click(`a.dg-embed__link`, chromedp.ByQuery),
			chromedp.WaitReady(`iframe.dg-embed__frame`, chromedp.ByQuery),
			chromedp.Evaluate(`document.querySelector("iframe.dg-embed__frame").src`, &src),
			chromedp.Evaluate(`document.querySelector("iframe.dg-embed__frame").title`, &title),
			chromedp.Evaluate(`getComputedStyle(document.querySelector("a.dg-embed__link")).display === "none"`, &linkHidden),
			chromedp.Evaluate(`document.activeElement.className`, &focused),
		); err != nil {
			t.Fatal(err)
		}
		if src != playerURL {
			t.Errorf("player src = %q, want %q", src, playerURL)
		}
		if title != "A tour" {
			t.Errorf("player title = %q, want the caption", title)
		}
		if !linkHidden {
			t.Error("the link is still shown beside the player")
		}
		if focused != "dg-embed__frame" {
			t.Errorf("focus is on %q, want the player", focused)
		}
		time.Sleep(200 * time.Millisecond) // a violation would come now
		waitLocation(ctx, t, srv.URL+videoPage)
	})

	t.Run("default-src self blocks the player", func(t *testing.T) {
		srv := serveVideoPage(t, "default-src 'self'")
		ctx := startBrowser(t)
		var away elsewhere
		if err := chromedp.Run(ctx,
			away.intercept(ctx, srv.URL),
			chromedp.Navigate(srv.URL+videoPage),
			chromedp.WaitVisible(`a.dg-embed__link`, chromedp.ByQuery),
			chromedp.Click(`a.dg-embed__link`, chromedp.ByQuery),
		); err != nil {
			t.Fatal(err)
		}
		waitLocation(ctx, t, watchURL)
		for _, u := range away.requested() {
			if strings.Contains(u, "youtube-nocookie") {
				t.Errorf("the blocked player was requested: %s", u)
			}
		}
	})

	t.Run("without script", func(t *testing.T) {
		srv := serveVideoPage(t, "default-src 'self'")
		ctx := startBrowser(t)
		var away elsewhere
		var action string
		if err := chromedp.Run(ctx,
			away.intercept(ctx, srv.URL),
			emulation.SetScriptExecutionDisabled(true),
			chromedp.Navigate(srv.URL+videoPage),
			chromedp.WaitVisible(`a.dg-embed__link`, chromedp.ByQuery),
			chromedp.Text(`a.dg-embed__link`, &action, chromedp.ByQuery),
			chromedp.Click(`a.dg-embed__link`, chromedp.ByQuery),
		); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(action, "Play video") || !strings.Contains(action, "YouTube") {
			t.Errorf("the link reads %q", action)
		}
		waitLocation(ctx, t, watchURL)
	})
}
