package serve

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
)

func TestServe(t *testing.T) {
	ts := start(t, nil, nil)
	files := site()
	ts.s.Publish(Snapshot{Files: files})

	tests := []struct {
		path     string
		code     int
		ctype    string
		cache    string
		location string
		body     string // the body contains it
	}{
		{"/", 200, "text/html; charset=utf-8", "no-store", "", "<h1>Home</h1>"},
		{"/index.html", 200, "text/html; charset=utf-8", "no-store", "", "<h1>Home</h1>"},
		{"/v1.9.x/a/", 200, "text/html; charset=utf-8", "no-store", "", "<h1>A</h1>"},
		{"/v1.9.x/a/index.html", 200, "text/html; charset=utf-8", "no-store", "", "<h1>A</h1>"},
		{"/v1.9.x/a", 302, "", "", "/v1.9.x/a/", ""},
		{"/v1.9.x/a?tab=2", 302, "", "", "/v1.9.x/a/?tab=2", ""},
		{"/v1.9.x/b/../a/", 200, "text/html; charset=utf-8", "no-store", "", "<h1>A</h1>"},
		{"/v1.9.x/a/data.json", 200, "application/json", "no-cache", "", `{"a": 1}`},
		{"/" + css1, 200, "text/css; charset=utf-8", "no-cache", "", "color: black"},
		{"/images/shot.png", 200, "image/png", "no-cache", "", "PNG"},
		{"/v1.9.x/standalone.html", 200, "text/html; charset=utf-8", "no-store", "", "no head, no body"},
		{"/v1.9.x/", 404, "text/html; charset=utf-8", "no-store", "", "Not found"},
		{"/v1.9.x/a/data.json/", 404, "text/html; charset=utf-8", "no-store", "", "Not found"},
		{"/nope", 404, "text/html; charset=utf-8", "no-store", "", "Not found"},
		{"/_docgen/", 404, "text/html; charset=utf-8", "no-store", "", "Not found"},
		{scriptPath, 200, "text/javascript; charset=utf-8", "no-cache", "", "SharedWorker"},
		{workerPath, 200, "text/javascript; charset=utf-8", "no-cache", "", "EventSource"},
		{overlayPath, 200, "text/css; charset=utf-8", "no-cache", "", ".docgen-overlay-panel"},
	}
	for _, tt := range tests {
		resp, body := ts.get(t, tt.path)
		if resp.StatusCode != tt.code {
			t.Errorf("GET %s: status %d, want %d", tt.path, resp.StatusCode, tt.code)
			continue
		}
		if tt.ctype != "" && resp.Header.Get("Content-Type") != tt.ctype {
			t.Errorf("GET %s: Content-Type %q, want %q", tt.path, resp.Header.Get("Content-Type"), tt.ctype)
		}
		if tt.cache != "" && resp.Header.Get("Cache-Control") != tt.cache {
			t.Errorf("GET %s: Cache-Control %q, want %q", tt.path, resp.Header.Get("Cache-Control"), tt.cache)
		}
		if tt.location != "" && resp.Header.Get("Location") != tt.location {
			t.Errorf("GET %s: Location %q, want %q", tt.path, resp.Header.Get("Location"), tt.location)
		}
		if !strings.Contains(body, tt.body) {
			t.Errorf("GET %s: body does not contain %q:\n%s", tt.path, tt.body, body)
		}
	}
}

func TestServeBeforePublish(t *testing.T) {
	ts := start(t, nil, nil)
	if resp, _ := ts.get(t, "/"); resp.StatusCode != 404 {
		t.Errorf("before the first Publish: status %d, want 404", resp.StatusCode)
	}
}

func TestServeSwapsSnapshot(t *testing.T) {
	ts := start(t, nil, nil)
	ts.s.Publish(Snapshot{Files: site()})
	ts.s.Publish(Snapshot{Files: with(site(), "v1.9.x/a/index.html", page("A2", css1), "v1.9.x/b/index.html", nil)})
	if _, body := ts.get(t, "/v1.9.x/a/"); !strings.Contains(body, "<h1>A2</h1>") {
		t.Errorf("the new snapshot is not served:\n%s", body)
	}
	if resp, _ := ts.get(t, "/v1.9.x/b/"); resp.StatusCode != 404 {
		t.Errorf("a page gone from the snapshot: status %d, want 404", resp.StatusCode)
	}
}

func TestETag(t *testing.T) {
	ts := start(t, nil, nil)
	ts.s.Publish(Snapshot{Files: site()})
	for _, p := range []string{"/" + css1, "/images/shot.png", scriptPath, workerPath, overlayPath} {
		resp, _ := ts.get(t, p)
		etag := resp.Header.Get("ETag")
		if etag == "" {
			t.Errorf("GET %s: no ETag", p)
			continue
		}
		resp, body := ts.do(t, http.MethodGet, p, "", "If-None-Match", etag)
		if resp.StatusCode != http.StatusNotModified || body != "" {
			t.Errorf("GET %s with If-None-Match: status %d, body %q; want 304 and none", p, resp.StatusCode, body)
		}
	}
	// The ETag follows the content.
	resp, _ := ts.get(t, "/images/shot.png")
	before := resp.Header.Get("ETag")
	ts.s.Publish(Snapshot{Files: with(site(), "images/shot.png", "\x89PNG\r\n\x1a\nsecond")})
	resp, _ = ts.do(t, http.MethodGet, "/images/shot.png", "", "If-None-Match", before)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("ETag") == before {
		t.Errorf("a changed file: status %d, ETag %q (was %q); want 200 and a new ETag", resp.StatusCode, resp.Header.Get("ETag"), before)
	}
}

func TestHeadAndMethods(t *testing.T) {
	ts := start(t, nil, nil)
	ts.s.Publish(Snapshot{Files: site()})
	_, body := ts.get(t, "/v1.9.x/a/")
	resp, head := ts.do(t, http.MethodHead, "/v1.9.x/a/", "")
	if resp.StatusCode != 200 || head != "" || resp.ContentLength != int64(len(body)) {
		t.Errorf("HEAD: status %d, body %q, Content-Length %d; want 200, none, %d", resp.StatusCode, head, resp.ContentLength, len(body))
	}
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodOptions} {
		resp, _ := ts.do(t, m, "/v1.9.x/a/", "")
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("%s: status %d, want 405", m, resp.StatusCode)
		}
	}
	if resp, _ := ts.do(t, http.MethodPost, eventsPath, ""); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST %s: status %d, want 405", eventsPath, resp.StatusCode)
	}
}

func TestNotFoundEscapes(t *testing.T) {
	ts := start(t, nil, nil)
	ts.s.Publish(Snapshot{Files: site()})
	resp, body := ts.get(t, "/%3Cscript%3Ealert(1)%3C/script%3E%22%27&amp;")
	if resp.StatusCode != 404 {
		t.Fatalf("status %d, want 404", resp.StatusCode)
	}
	if strings.Contains(body, "<script>alert") || strings.Contains(body, `"'`) {
		t.Errorf("the path is not escaped:\n%s", body)
	}
	if !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;&#34;&#39;&amp;amp;") {
		t.Errorf("the escaped path is missing:\n%s", body)
	}
	if n := strings.Count(body, "<script"); n != 1 {
		t.Errorf("the 404 page has %d script tags, want the reload script alone", n)
	}
}

func TestInject(t *testing.T) {
	tag := scriptTag("abc.1")
	tests := []struct{ name, in, want string }{
		{"head", "<html><head><title>t</title></head><body>x</body></html>",
			"<html><head><title>t</title>" + tag + "</head><body>x</body></html>"},
		{"upper case head", "<HTML><HEAD></HEAD><BODY></BODY></HTML>",
			"<HTML><HEAD>" + tag + "</HEAD><BODY></BODY></HTML>"},
		{"body", "<body>x</body>", "<body>" + tag + "x</body>"},
		{"body with attributes", "<p><BODY class=\"a\">x", "<p><BODY class=\"a\">" + tag + "x"},
		{"not a body tag", "<bodyguard>x</bodyguard>", "<bodyguard>x</bodyguard>" + tag},
		{"neither", "<p>x</p>", "<p>x</p>" + tag},
		{"empty", "", tag},
		{"already there", `<head><script src="/_docgen/livereload.js" defer></script></head>`,
			`<head><script src="/_docgen/livereload.js" defer></script></head>`},
		{"mentioned in text", "<head></head><p>&lt;script src=\"/_docgen/livereload.js\"&gt;</p>",
			"<head>" + tag + "</head><p>&lt;script src=\"/_docgen/livereload.js\"&gt;</p>"},
	}
	for _, tt := range tests {
		before, after := inject([]byte(tt.in))
		got := string(before)
		if after != nil {
			got += tag + string(after)
		}
		if got != tt.want {
			t.Errorf("%s: got\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
}

// TestInjectLeavesSnapshot serves every page and checks that each has the
// script exactly once and that the published bytes are untouched.
func TestInjectLeavesSnapshot(t *testing.T) {
	ts := start(t, nil, nil)
	files := site()
	orig := clone(files)
	ts.s.Publish(Snapshot{Files: files})
	for name := range files {
		if !isHTML(name) {
			continue
		}
		url := pageURL(name)
		resp, body := ts.get(t, url)
		if resp.StatusCode != 200 {
			t.Errorf("GET %s: status %d", url, resp.StatusCode)
			continue
		}
		if n := strings.Count(body, scriptOpen); n != 1 {
			t.Errorf("GET %s: the script tag is there %d times, want once:\n%s", url, n, body)
		}
		if strings.Count(body, "<script") != 1 {
			t.Errorf("GET %s: more than one script:\n%s", url, body)
		}
		if resp.ContentLength != int64(len(body)) {
			t.Errorf("GET %s: Content-Length %d, body %d bytes", url, resp.ContentLength, len(body))
		}
	}
	for name, data := range files {
		if !bytes.Equal(data, orig[name]) {
			t.Errorf("serving modified the published %s:\n%s", name, data)
		}
	}
	st := ts.s.cur.Load()
	for name, data := range orig {
		if !bytes.Equal(st.files[name].data, data) {
			t.Errorf("the stored %s differs from the published bytes", name)
		}
	}
}
