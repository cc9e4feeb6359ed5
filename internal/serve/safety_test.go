package serve

import (
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

func TestHostCheck(t *testing.T) {
	ts := start(t, []string{"docs.lan", "Other.Example:7000", "fe80::1"}, nil)
	ts.s.Publish(Snapshot{Files: site()})
	p := ts.port
	tests := []struct {
		host string
		ok   bool
	}{
		{ts.host, true},
		{"localhost:" + p, true},
		{"LOCALHOST:" + p, true},
		{"127.0.0.1:" + p, true},
		{"[::1]:" + p, true},
		{"docs.lan:" + p, true},
		{"other.example:7000", true},
		{"[fe80::1]:" + p, true},
		{"evil.example:" + p, false},
		{"evil.example", false},
		{"localhost", false},          // port 80 is not ours
		{"localhost:1", false},        // nor any other port
		{"docs.lan", false},           // port 80 again
		{"other.example:" + p, false}, // listed with its own port
		{"127.0.0.1.nip.io:" + p, false},
		{"localhost.:" + p, false},
		{"localhost:" + p + "@evil.example", false},
	}
	for _, tt := range tests {
		for _, path := range []string{"/v1.9.x/a/", scriptPath, eventsPath + "?probe"} {
			want := http.StatusForbidden
			if tt.ok {
				want = http.StatusOK
			}
			if path == eventsPath+"?probe" && tt.ok {
				continue // a stream does not end; the allowed case is tested by TestEvents*
			}
			resp, _ := ts.do(t, http.MethodGet, path, tt.host)
			if resp.StatusCode != want {
				t.Errorf("GET %s with Host %q: status %d, want %d", path, tt.host, resp.StatusCode, want)
			}
		}
	}
}

func TestHostCheckBoundToAll(t *testing.T) {
	s := New(Options{Addr: "0.0.0.0:8000"})
	for host, want := range map[string]bool{
		"192.168.1.20:8000": true, // the machine's LAN address: an IP literal cannot be rebound
		"[fe80::2]:8000":    true,
		"localhost:8000":    true,
		"192.168.1.20:9000": false,
		"evil.example:8000": false,
		"192.168.1.20":      false,
	} {
		if got := s.allowedHost(host); got != want {
			t.Errorf("bound to 0.0.0.0:8000, Host %q: allowed %v, want %v", host, got, want)
		}
	}
	s = New(Options{Addr: "127.0.0.1:80"})
	for host, want := range map[string]bool{"localhost": true, "localhost:80": true, "127.0.0.1": true, "[::1]": true, "evil.example": false} {
		if got := s.allowedHost(host); got != want {
			t.Errorf("bound to port 80, Host %q: allowed %v, want %v", host, got, want)
		}
	}
}

func TestOriginCheck(t *testing.T) {
	ts := start(t, []string{"docs.lan"}, nil)
	ts.s.Publish(Snapshot{Files: site()})
	for _, origin := range []string{
		"http://evil.example",
		"http://evil.example:" + ts.port,
		"null",
		"https://localhost:" + ts.port,
		"http://localhost:" + ts.port + ".evil.example",
		"http://localhost:1",
		"http://" + ts.host + "/x",
		"file://",
	} {
		resp, _ := ts.do(t, http.MethodGet, eventsPath, "", "Origin", origin)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("events with Origin %q: status %d, want 403", origin, resp.StatusCode)
		}
	}
	// The server's own origins may listen.
	for _, origin := range []string{"http://" + ts.host, "http://localhost:" + ts.port, "http://docs.lan:" + ts.port} {
		st := ts.listen(t, "Origin", origin)
		st.expect(t, "hello", "*")
	}
}

func TestNoCORSAndHeaders(t *testing.T) {
	ts := start(t, nil, nil)
	ts.s.Publish(Snapshot{Files: site()})
	check := func(what string, h http.Header) {
		t.Helper()
		for k := range h {
			if strings.HasPrefix(strings.ToLower(k), "access-control-") {
				t.Errorf("%s: sends %s: %s", what, k, h.Get(k))
			}
		}
		if h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q", what, h.Get("X-Content-Type-Options"))
		}
		if h.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: Referrer-Policy %q", what, h.Get("Referrer-Policy"))
		}
	}
	for _, p := range []string{"/", "/v1.9.x/a", "/nope", "/" + css1, scriptPath, workerPath, overlayPath} {
		resp, _ := ts.do(t, http.MethodGet, p, "", "Origin", "http://evil.example")
		check("GET "+p, resp.Header)
	}
	resp, _ := ts.do(t, http.MethodOptions, "/", "", "Origin", "http://evil.example", "Access-Control-Request-Method", "GET")
	check("OPTIONS /", resp.Header)
	resp, _ = ts.do(t, http.MethodGet, "/", "evil.example")
	check("bad Host", resp.Header)
	resp, _ = ts.do(t, http.MethodGet, eventsPath, "", "Origin", "http://evil.example")
	check("cross-origin events", resp.Header)
	st := ts.listen(t)
	check("events", st.resp.Header)
}

// TestTraversal sends paths that would reach the disk if the server
// looked there; it only looks in the snapshot's map.
func TestTraversal(t *testing.T) {
	ts := start(t, nil, nil)
	ts.s.Publish(Snapshot{Files: site()})
	// Files that exist on the disk around the test: none may be served.
	own, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	secrets := []string{"root:", "package serve", string(own[:40])}
	paths := []string{
		"/../../../../etc/passwd",
		"/..%2f..%2f..%2f..%2fetc%2fpasswd",
		"/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
		"/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
		"//etc/passwd",
		"///etc//passwd",
		"/.%2e/.%2e/etc/passwd",
		"/..\\..\\..\\etc\\passwd",
		"/..%5c..%5c..%5cetc%5cpasswd",
		"/%5cetc%5cpasswd",
		"/index.html%00.png",
		"/%00",
		"/v1.9.x/a/%00/../../../etc/passwd",
		"/proc/self/root/etc/passwd", // a symlink to / on Linux
		"/proc/self/cwd/doc.go",      // a symlink to this folder
		"/doc.go",
		"/../serve/doc.go",
		"/%2e%2e/serve/doc.go",
		"/v1.9.x/a/../../../../doc.go",
		"/_docgen/../doc.go",
		"/_docgen/..%2f..%2fdoc.go",
		"/%252e%252e/doc.go",
		"/.git/config",
		"/etc/passwd",
	}
	for _, p := range paths {
		resp, body := ts.raw(t, "GET "+p+" HTTP/1.1\r\nHost: "+ts.host+"\r\nConnection: close\r\n\r\n")
		if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusBadRequest {
			t.Errorf("GET %s: status %d, want 404 (or 400 from net/http)", p, resp.StatusCode)
		}
		for _, s := range secrets {
			if strings.Contains(body, s) {
				t.Errorf("GET %s: the body holds a file from the disk (%q):\n%s", p, s, body)
			}
		}
		if loc := resp.Header.Get("Location"); loc != "" {
			t.Errorf("GET %s: redirects to %q", p, loc)
		}
	}
	// Cleaning is only ever relative to the snapshot: a path that climbs
	// out and back in finds the snapshot's file.
	resp, body := ts.raw(t, "GET /../../v1.9.x/a/ HTTP/1.1\r\nHost: "+ts.host+"\r\nConnection: close\r\n\r\n")
	if resp.StatusCode != 200 || !strings.Contains(body, "<h1>A</h1>") {
		t.Errorf("GET /../../v1.9.x/a/: status %d, want the page", resp.StatusCode)
	}
}

// TestRedirectStaysOnSite: the slash redirect never sends the browser to
// another host.
func TestRedirectStaysOnSite(t *testing.T) {
	ts := start(t, nil, nil)
	ts.s.Publish(Snapshot{Files: with(site(), "evil.example/index.html", "<p>x</p>", "a b/index.html", "<p>y</p>")})
	for _, p := range []string{"//evil.example", "/%2fevil.example", "/./evil.example", "/a%20b"} {
		resp, _ := ts.raw(t, "GET "+p+" HTTP/1.1\r\nHost: "+ts.host+"\r\nConnection: close\r\n\r\n")
		loc := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusFound || !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, "/\\") {
			t.Errorf("GET %s: status %d, Location %q; want 302 to a path on this site", p, resp.StatusCode, loc)
		}
	}
}

func TestHTTPServerSettings(t *testing.T) {
	s := New(Options{Addr: "127.0.0.1:1313"})
	hs := s.HTTPServer(s.Handler())
	if hs.ReadHeaderTimeout != 5*time.Second || hs.IdleTimeout != 60*time.Second || hs.MaxHeaderBytes != 64<<10 {
		t.Errorf("ReadHeaderTimeout %v, IdleTimeout %v, MaxHeaderBytes %d; want 5s, 60s, 64 KiB",
			hs.ReadHeaderTimeout, hs.IdleTimeout, hs.MaxHeaderBytes)
	}
	if hs.WriteTimeout != 0 || hs.ReadTimeout != 0 {
		t.Errorf("WriteTimeout %v, ReadTimeout %v: either would cut the event streams", hs.WriteTimeout, hs.ReadTimeout)
	}
}

// TestSlowHeaders: a client sending its headers a byte at a time is
// dropped by ReadHeaderTimeout (shortened through the test hook).
func TestSlowHeaders(t *testing.T) {
	ts := start(t, nil, func(s *Server) { s.readHeaderTimeout = 200 * time.Millisecond })
	ts.s.Publish(Snapshot{Files: site()})
	conn, err := net.Dial("tcp", ts.host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(wait)) // a server that never drops fails the test

	// Headers that never end, a byte at a time, until the server hangs up.
	go func() {
		req := "GET / HTTP/1.1\r\nHost: " + ts.host + "\r\nX-Slow: "
		for i := 0; ; i++ {
			b := byte('a')
			if i < len(req) {
				b = req[i]
			}
			if _, err := conn.Write([]byte{b}); err != nil {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
	}()
	got, err := io.ReadAll(conn)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatal("the server did not drop a client sending its headers slowly")
	}
	if strings.Contains(string(got), "200 OK") {
		t.Fatalf("the slow request was served:\n%s", got)
	}
	// The server still serves others.
	if resp, _ := ts.get(t, "/"); resp.StatusCode != 200 {
		t.Errorf("after dropping the slow client: status %d", resp.StatusCode)
	}
}

func TestMaxHeaderBytes(t *testing.T) {
	ts := start(t, nil, nil)
	ts.s.Publish(Snapshot{Files: site()})
	big := strings.Repeat("a", 100<<10)
	resp, _ := ts.raw(t, "GET / HTTP/1.1\r\nHost: "+ts.host+"\r\nX-Big: "+big+"\r\n\r\n")
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("100 KiB of headers: status %d, want 431", resp.StatusCode)
	}
}
