package browsertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"strings"
	"sync"
	"testing"

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
	// The pages must work under the strictest policy a product could
	// embed them with.
	return serveFiles(t, siteOut.Files, "default-src 'self'")
}

// serveFiles serves a build's files from memory as a static host would
// (a folder's index.html for its URL), under the given
// Content-Security-Policy.
func serveFiles(t *testing.T, files map[string][]byte, csp string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if strings.HasSuffix(r.URL.Path, "/") {
			name = strings.TrimPrefix(name+"/index.html", "/")
		}
		data, ok := files[name]
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
		case ".json":
			w.Header().Set("Content-Type", "application/json")
		}
		w.Header().Set("Content-Security-Policy", csp)
		_, _ = w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func startBrowser(t *testing.T) context.Context { return Chromium(t) }

// evalString evaluates a JavaScript expression that returns a string.
func evalString(js string, out *string) chromedp.Action { return chromedp.Evaluate(js, out) }
