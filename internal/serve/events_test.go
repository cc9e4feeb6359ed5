package serve

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestEventsTwoClients(t *testing.T) {
	ts := start(t, nil, nil)
	ts.s.Publish(Snapshot{Files: site()})
	a, b := ts.listen(t), ts.listen(t)
	ha, hb := a.expect(t, "hello", "*"), b.expect(t, "hello", "*")
	if ha.data != hb.data {
		t.Errorf("two hellos of one server differ: %s, %s", ha.data, hb.data)
	}
	if got := clientCount(ts.s); got != 2 {
		t.Errorf("%d clients registered, want 2", got)
	}
	v2 := with(site(), "v1.9.x/a/index.html", page("A2", css1), "v1.9.x/b/index.html", page("B2", css1))
	ts.s.Publish(Snapshot{Files: v2})
	for _, st := range []*stream{a, b} {
		st.expect(t, "reload", `["/v1.9.x/a/","/v1.9.x/b/"]`)
	}
	// A browser that goes away is forgotten.
	a.resp.Body.Close()
	a.ended(t)
	ts.s.Publish(Snapshot{Files: with(v2, "index.html", page("Home3", css1))})
	b.expect(t, "reload", `["/"]`)
	waitFor(t, "the closed stream to be forgotten", func() bool { return clientCount(ts.s) == 1 })
}

func TestEventsRetryAndHeartbeat(t *testing.T) {
	ts := start(t, nil, func(s *Server) { s.heartbeat = 20 * time.Millisecond })
	ts.s.Publish(Snapshot{Files: site()})
	st := ts.listen(t)
	if cc := st.resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q, want no-store", cc)
	}
	timeout := time.After(wait)
	var retry, ping bool
	for !(ping && retry) {
		select {
		case ev, ok := <-st.events:
			if !ok {
				t.Fatal("the stream ended")
			}
			retry = retry || ev.retry == "1000"
			ping = ping || ev.comment == "ping"
		case <-timeout:
			t.Fatalf("retry hint %v, heartbeat %v; want both", retry, ping)
		}
	}
}

func TestEventsErrorsOnConnect(t *testing.T) {
	ts := start(t, nil, nil)
	ts.s.Publish(Snapshot{Files: site(), Diagnostics: []Diagnostic{{Path: "a.md", Line: 1, Col: 1, Severity: "error", Message: "<b>bad</b>", ID: "x"}}})
	st := ts.listen(t)
	st.expect(t, "hello", "*")
	ev := st.expect(t, "errors", "*")
	if !strings.Contains(ev.data, `"message":"\u003cb\u003ebad\u003c/b\u003e"`) {
		t.Errorf("errors event %s", ev.data)
	}
	ts.s.Publish(Snapshot{Files: site()})
	st.expect(t, "ok", "{}")
	// Nothing changed while failing: no reload follows the ok.
	ts.s.Publish(Snapshot{Files: with(site(), "index.html", page("Home2", css1))})
	st.expect(t, "reload", `["/"]`)
}

// TestCloseEndsStreams: Close ends the open streams, and the ones that
// start after it.
func TestCloseEndsStreams(t *testing.T) {
	ts := start(t, nil, nil)
	ts.s.Publish(Snapshot{Files: site()})
	a, b := ts.listen(t), ts.listen(t)
	a.expect(t, "hello", "*")
	b.expect(t, "hello", "*")
	ts.s.Close()
	a.ended(t)
	b.ended(t)
	c := ts.listen(t)
	c.ended(t)
	ts.s.Close()                          // twice is fine
	ts.s.Publish(Snapshot{Files: site()}) // and publishing after it
	if resp, _ := ts.get(t, "/"); resp.StatusCode != 200 {
		t.Errorf("pages after Close: status %d, want 200", resp.StatusCode)
	}
}

// TestShutdown: http.Server.Shutdown returns while a browser is listening,
// because HTTPServer registers Close.
func TestShutdown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := New(Options{Addr: ln.Addr().String()})
	s.Publish(Snapshot{Files: site()})
	hs := s.HTTPServer(s.Handler())
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	ts := &testServer{s: s, url: "http://" + ln.Addr().String(), host: ln.Addr().String()}
	st := ts.listen(t)
	st.expect(t, "hello", "*")

	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	if err := hs.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown with a browser listening: %v", err)
	}
	st.ended(t)
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		t.Errorf("Serve: %v", err)
	}
}

// TestSlowStreamDropped: a stream that falls behind is dropped instead of
// holding up Publish.
func TestSlowStreamDropped(t *testing.T) {
	s := New(Options{Addr: "127.0.0.1:1313"})
	stuck := &client{ch: make(chan []byte)} // nobody reads it
	s.mu.Lock()
	s.clients[stuck] = struct{}{}
	s.mu.Unlock()
	s.Publish(Snapshot{Files: site()})
	s.Publish(Snapshot{Files: with(site(), "index.html", page("Home2", css1))})
	select {
	case _, open := <-stuck.ch:
		if open || clientCount(s) != 0 {
			t.Error("the stuck stream was not dropped")
		}
	case <-time.After(wait):
		t.Error("the stuck stream was not dropped")
	}
}

func clientCount(s *Server) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.clients)
}

// waitFor polls cond until it holds, or fails the test.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
