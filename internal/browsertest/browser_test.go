package browsertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/docgen/docgen/internal/build"
)

var (
	siteOnce sync.Once
	siteOut  *build.Memory
	siteErr  error
)

// serveSite builds this repo's site once and serves it from memory.
func serveSite(t *testing.T) *httptest.Server {
	t.Helper()
	siteOnce.Do(func() {
		siteOut = &build.Memory{}
		_, siteErr = build.Build(context.Background(), build.Options{Source: os.DirFS("../.."), Sink: siteOut})
	})
	if siteErr != nil {
		t.Fatal(siteErr)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if strings.HasSuffix(r.URL.Path, "/") {
			name = strings.TrimPrefix(name+"/index.html", "/")
		}
		data, ok := siteOut.Files[name]
		if !ok {
			http.NotFound(w, r)
			return
		}
		switch path.Ext(name) {
		case ".html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		case ".css":
			w.Header().Set("Content-Type", "text/css")
		case ".js":
			w.Header().Set("Content-Type", "text/javascript")
		}
		// The pages must work under the strictest policy a product could
		// embed them with.
		w.Header().Set("Content-Security-Policy", "default-src 'self'")
		_, _ = w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// browser starts headless Chromium, or skips (fails under CI=true) when
// there is none.
func startBrowser(t *testing.T, opts ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	exe := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			exe = p
			break
		}
	}
	if exe == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no Chromium on this machine: .ci/run installs it (apt-get install -y chromium)")
		}
		t.Skip("no Chromium on this machine")
	}
	// Not t.TempDir: Chromium may still be writing its profile while the
	// test's cleanup runs, and that must not fail the test.
	profile, err := os.MkdirTemp("", "docgen-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(profile) })
	all := append([]chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	}, opts...)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), all...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel3)
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

// evalString evaluates a JavaScript expression that returns a string.
func evalString(js string, out *string) chromedp.Action { return chromedp.Evaluate(js, out) }
