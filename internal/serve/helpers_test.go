package serve

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// wait bounds every wait of these tests, so a broken server fails a test
// instead of hanging it. No test asserts how long anything took.
const wait = 10 * time.Second

// testServer is a Server behind a real listener.
type testServer struct {
	s    *Server
	ts   *httptest.Server
	url  string // "http://127.0.0.1:port"
	host string // "127.0.0.1:port"
	port string
}

// start serves s on loopback; tweak may set test hooks before the
// http.Server is made.
func start(t *testing.T, extra []string, tweak func(*Server)) *testServer {
	t.Helper()
	ts := httptest.NewUnstartedServer(nil)
	addr := ts.Listener.Addr().String()
	s := New(Options{Addr: addr, ExtraHosts: extra})
	if tweak != nil {
		tweak(s)
	}
	ts.Config = s.HTTPServer(s.Handler())
	ts.Start()
	t.Cleanup(ts.Close)
	t.Cleanup(s.Close) // runs first: ends the streams ts.Close waits for
	_, port, _ := net.SplitHostPort(addr)
	return &testServer{s: s, ts: ts, url: ts.URL, host: addr, port: port}
}

// get does a request with an optional Host and headers, and reads the
// whole body. It does not follow redirects.
func (ts *testServer) do(t *testing.T, method, path, host string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, ts.url+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	c := ts.ts.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c.Timeout = wait
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the body: %v", method, path, err)
	}
	return resp, string(body)
}

func (ts *testServer) get(t *testing.T, path string) (*http.Response, string) {
	t.Helper()
	return ts.do(t, http.MethodGet, path, "")
}

// raw sends request bytes as they are (no client cleaning the path) and
// reads the response.
func (ts *testServer) raw(t *testing.T, request string) (*http.Response, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", ts.host, wait)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(wait))
	if _, err := io.WriteString(conn, request); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("%q: %v", request, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

// event is one server-sent event, or a comment.
type event struct {
	name, data, id string
	retry          string
	comment        string
}

// stream reads an event stream in the background.
type stream struct {
	resp   *http.Response
	events chan event // closed at the end of the stream
}

// listen opens the event stream with optional headers.
func (ts *testServer) listen(t *testing.T, header ...string) *stream {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, ts.url+eventsPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	// A transport of its own: each stream holds its own connection, as
	// two browsers would.
	c := &http.Client{Transport: &http.Transport{}}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("event stream: status %d", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("event stream: Content-Type %q", ct)
	}
	st := &stream{resp: resp, events: make(chan event, 100)}
	go func() {
		defer close(st.events)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var ev event
		var data []string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" || data != nil || ev.retry != "" {
					ev.data = strings.Join(data, "\n")
					st.events <- ev
				}
				ev, data = event{}, nil
			case strings.HasPrefix(line, ":"):
				st.events <- event{comment: strings.TrimSpace(line[1:])}
			default:
				field, value, _ := strings.Cut(line, ":")
				value = strings.TrimPrefix(value, " ")
				switch field {
				case "event":
					ev.name = value
				case "data":
					data = append(data, value)
				case "id":
					ev.id = value
				case "retry":
					ev.retry = value
				}
			}
		}
	}()
	return st
}

// next returns the next event, skipping comments; it fails the test if
// the stream ends or nothing comes.
func (st *stream) next(t *testing.T) event {
	t.Helper()
	timeout := time.After(wait)
	for {
		select {
		case ev, ok := <-st.events:
			if !ok {
				t.Fatal("the event stream ended")
			}
			if ev.comment != "" || ev.name == "" {
				continue // a heartbeat, the retry hint
			}
			return ev
		case <-timeout:
			t.Fatal("no event came")
		}
	}
}

// expect reads the next event and checks its name (and data, unless
// data is "*").
func (st *stream) expect(t *testing.T, name, data string) event {
	t.Helper()
	ev := st.next(t)
	if ev.name != name || (data != "*" && ev.data != data) {
		t.Fatalf("got event %q %s, want %q %s", ev.name, ev.data, name, data)
	}
	return ev
}

// ended waits for the end of the stream.
func (st *stream) ended(t *testing.T) {
	t.Helper()
	timeout := time.After(wait)
	for {
		select {
		case ev, ok := <-st.events:
			if !ok {
				return
			}
			if ev.comment == "" && ev.name != "" {
				t.Logf("event before the end: %q %s", ev.name, ev.data)
			}
		case <-timeout:
			t.Fatal("the event stream did not end")
		}
	}
}

// quiet checks that no event is waiting now (after a synchronous Publish
// whose events would already be queued, a missing one is certain only
// once the next expected event arrives; this is a cheap early check).
func (st *stream) quiet(t *testing.T) {
	t.Helper()
	select {
	case ev, ok := <-st.events:
		if ok && ev.comment == "" {
			t.Fatalf("unexpected event %q %s", ev.name, ev.data)
		}
	default:
	}
}

// page is a small HTML page linking a stylesheet and an image.
func page(title, css string) []byte {
	return []byte(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>` + title + `</title>
<link rel="stylesheet" href="/` + css + `">
</head>
<body>
<h1>` + title + `</h1>
<p><img src="/images/shot.png" alt="a screenshot"></p>
</body>
</html>
`)
}

const (
	css1 = "_docgen/docgen.11111111.css"
	css2 = "_docgen/docgen.22222222.css"
	css3 = "_docgen/docgen.33333333.css"
)

// site is a small site: two versions of a page, a home page, a
// stylesheet, an image and a data file.
func site() map[string][]byte {
	return map[string][]byte{
		"index.html":              page("Home", css1),
		"v1.9.x/a/index.html":     page("A", css1),
		"v1.9.x/b/index.html":     page("B", css1),
		"v1.9.x/a/data.json":      []byte(`{"a": 1}`),
		css1:                      []byte("body { color: black }\n"),
		"images/shot.png":         []byte("\x89PNG\r\n\x1a\nfirst"),
		"v1.9.x/standalone.html":  []byte("<p>no head, no body</p>"),
		"v1.9.x/bodyonly/a.html":  []byte("<BODY class=x><p>body only</p></BODY>"),
		"v1.9.x/has-script.html":  []byte(`<html><head><script src="/_docgen/livereload.js" defer></script></head></html>`),
		"v1.9.x/upper/index.html": []byte("<HTML><HEAD><TITLE>x</TITLE></HEAD><BODY></BODY></HTML>"),
	}
}

// clone copies a file map, so tests can compare with what was published.
func clone(files map[string][]byte) map[string][]byte {
	out := make(map[string][]byte, len(files))
	for k, v := range files {
		out[k] = bytes.Clone(v)
	}
	return out
}

// with returns a copy of files with some replaced (nil removes).
func with(files map[string][]byte, kv ...any) map[string][]byte {
	out := make(map[string][]byte, len(files))
	for k, v := range files {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		k := kv[i].(string)
		switch v := kv[i+1].(type) {
		case nil:
			delete(out, k)
		case string:
			out[k] = []byte(v)
		case []byte:
			out[k] = v
		}
	}
	return out
}
