package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// client is one open event stream. Publish sends it encoded events; it is
// closed when the server closes or the stream falls behind.
type client struct {
	ch chan []byte
}

// serveEvents streams events to one browser (one SharedWorker, or one tab
// without it) until the browser goes away or the server closes.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET")
		plain(w, http.StatusMethodNotAllowed, "method not allowed\n")
		return
	}
	// A page of another site may not listen in: EventSource sends Origin
	// when it crosses origins, and a same-origin request sends ours or
	// none.
	if o := r.Header.Get("Origin"); o != "" && !s.allowedOrigin(o) {
		plain(w, http.StatusForbidden, fmt.Sprintf("docgen serve: Origin %q may not read the event stream\n", o))
		return
	}
	if s.beforeStream != nil {
		s.beforeStream()
	}
	flusher, ok := w.(http.Flusher)
	if !ok {
		plain(w, http.StatusInternalServerError, "streaming unsupported\n")
		return
	}
	rc := http.NewResponseController(w)

	c := &client{ch: make(chan []byte, clientBuffer)}
	first := []byte("retry: " + strconv.Itoa(retryMillis) + "\n\n")
	s.mu.Lock()
	if !s.closed {
		s.clients[c] = struct{}{}
		hello, _ := json.Marshal(struct {
			Server  string   `json:"server"`
			Version uint64   `json:"version"`
			Recent  []record `json:"recent"`
		}{s.id, s.version, s.recent})
		first = append(first, s.frame("hello", hello)...)
		if st := s.cur.Load(); st.errors > 0 {
			first = append(first, s.frame("errors", st.report)...)
		}
	} else {
		close(c.ch) // closing: end at once; the browser retries
	}
	s.mu.Unlock()
	defer s.drop(c)

	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // tell proxies not to buffer
	w.WriteHeader(http.StatusOK)
	// Each write has its own deadline, so a browser that stops reading is
	// dropped; cleared at the end so the response can finish.
	defer rc.SetWriteDeadline(time.Time{})
	write := func(b []byte) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(writeTimeout))
		if _, err := w.Write(b); err != nil {
			return false
		}
		flusher.Flush()
		return true
	}
	if !write(first) {
		return
	}
	tick := time.NewTicker(s.heartbeat)
	defer tick.Stop()
	for {
		select {
		case b, ok := <-c.ch:
			if !ok || !write(b) {
				return
			}
		case <-tick.C:
			// A comment: ignored by EventSource, but it keeps proxies and
			// idle timeouts from closing a quiet stream.
			if !write([]byte(": ping\n\n")) {
				return
			}
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}

// drop forgets a client whose stream ended.
func (s *Server) drop(c *client) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.clients[c]; ok {
		delete(s.clients, c)
		close(c.ch)
	}
}

// broadcast sends an event to every stream; s.mu must be held. A stream
// too far behind is dropped rather than waited for: its browser
// reconnects and, having missed events, reloads.
func (s *Server) broadcast(event string, data []byte) {
	b := s.frame(event, data)
	for c := range s.clients {
		select {
		case c.ch <- b:
		default:
			delete(s.clients, c)
			close(c.ch)
		}
	}
}

// frame encodes an event; s.mu must be held. Its id is the server's token
// (server id and version), so a browser that reconnects, or a page loaded
// just before a publish, can tell whether it missed anything.
func (s *Server) frame(event string, data []byte) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "id: %s\nevent: %s\n", s.token(), event)
	for line := range strings.SplitSeq(string(data), "\n") {
		b.WriteString("data: ")
		b.WriteString(strings.TrimSuffix(line, "\r"))
		b.WriteString("\n")
	}
	b.WriteString("\n")
	return []byte(b.String())
}
