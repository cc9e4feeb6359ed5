package serve

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Options configures a Server.
type Options struct {
	// Addr is the address the listener is bound to, e.g. "127.0.0.1:1313"
	// (the caller binds; the server needs it for the Host check). Use the
	// listener's actual address (ln.Addr().String()) so port 0 works.
	Addr string
	// ExtraHosts are more Host names to accept (the --bind host, a LAN
	// name the author asked for), with or without a port; without one,
	// the bound port is implied.
	ExtraHosts []string
}

// The safe timeouts of HTTPServer.
const (
	readHeaderTimeout = 5 * time.Second
	idleTimeout       = 60 * time.Second
	maxHeaderBytes    = 64 << 10
	// heartbeatEvery keeps event streams alive through proxies and idle
	// timeouts.
	heartbeatEvery = 15 * time.Second
	// writeTimeout bounds each write of a response (per file, per event),
	// set through http.ResponseController instead of http.Server's
	// WriteTimeout, which would cut every event stream.
	writeTimeout = 30 * time.Second
	// retryMillis is the reconnection delay the event stream asks for.
	retryMillis = 1000
	// clientBuffer is how many events a stream may fall behind before it
	// is dropped (its browser reconnects and catches up).
	clientBuffer = 32
)

// Server serves the latest published Snapshot from memory, injects the
// live-reload script into its pages and streams reload events. Its zero
// value is not usable: call New. A Server is safe for concurrent use.
type Server struct {
	id      string // random per Server, so browsers notice a restart
	port    string
	hosts   map[string]bool // accepted Host values, lower case
	anyIP   bool            // bound to every address: accept IP literals on our port
	scripts map[string]asset

	// Test hooks: shorter timeouts, so tests see outcomes without waiting.
	readHeaderTimeout time.Duration
	heartbeat         time.Duration
	beforeStream      func() // runs as an event stream starts

	cur atomic.Pointer[state] // read without a lock by every request

	mu        sync.Mutex // guards what follows; Publish holds it throughout
	version   uint64     // counts the publishes that sent events
	published bool
	recent    []record             // what the last versions sent, oldest first
	failing   bool                 // the current snapshot has errors
	pending   map[string]bool      // pages to reload at the next clean build
	pendCSS   map[string]string    // stylesheet swaps held back the same way
	clients   map[*client]struct{} // open event streams
	closed    bool
	done      chan struct{} // closed by Close
}

// New returns a Server for a listener bound to opts.Addr. It serves an
// empty site (every page a 404) until the first Publish.
func New(opts Options) *Server {
	s := &Server{
		id:                newID(),
		hosts:             map[string]bool{},
		scripts:           embeddedAssets(),
		readHeaderTimeout: readHeaderTimeout,
		heartbeat:         heartbeatEvery,
		pending:           map[string]bool{},
		pendCSS:           map[string]string{},
		clients:           map[*client]struct{}{},
		done:              make(chan struct{}),
	}
	s.cur.Store(&state{files: map[string]*file{}, token: s.token()})

	addr := strings.ToLower(opts.Addr)
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		// Not host:port: accept it as it is, and nothing else guessed.
		s.hosts[addr] = true
	} else {
		s.port = port
		if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
			s.anyIP = true
		}
		for _, h := range []string{host, "localhost", "127.0.0.1", "::1"} {
			s.addHost(h)
		}
	}
	for _, h := range opts.ExtraHosts {
		h = strings.ToLower(strings.TrimSpace(h))
		if h == "" {
			continue
		}
		if _, _, err := net.SplitHostPort(h); err == nil {
			s.hosts[h] = true
			continue
		}
		s.addHost(strings.TrimSuffix(strings.TrimPrefix(h, "["), "]"))
	}
	return s
}

// addHost accepts a host name on the bound port (and without a port when
// that port is 80, the default a browser leaves out).
func (s *Server) addHost(host string) {
	if host == "" || s.port == "" {
		return
	}
	s.hosts[net.JoinHostPort(host, s.port)] = true
	if s.port == "80" {
		if strings.Contains(host, ":") {
			host = "[" + host + "]"
		}
		s.hosts[host] = true
	}
}

// token names the server and its version: the id of every event, and
// what pages are stamped with. s.mu must be held (or s not yet shared).
func (s *Server) token() string {
	return s.id + "." + strconv.FormatUint(s.version, 10)
}

func newID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand panics rather)
	return hex.EncodeToString(b[:])
}

// allowedHost reports whether a Host header names this server. A DNS name
// is accepted only when listed: a page from another site whose name an
// attacker rebinds to 127.0.0.1 sends its own name. When the listener is
// bound to every address, an IP literal on our port is accepted too: a
// rebinding attack needs a name, and the author reaches the machine by
// whichever address it has.
func (s *Server) allowedHost(h string) bool {
	h = strings.ToLower(h)
	if s.hosts[h] {
		return true
	}
	if !s.anyIP {
		return false
	}
	host, port, err := net.SplitHostPort(h)
	if err != nil || port != s.port {
		return false
	}
	return net.ParseIP(host) != nil
}

// allowedOrigin reports whether an Origin header is one of this server's
// own http:// origins.
func (s *Server) allowedOrigin(o string) bool {
	rest, ok := strings.CutPrefix(strings.ToLower(o), "http://")
	return ok && !strings.ContainsAny(rest, "/?#@") && s.allowedHost(rest)
}

// Handler returns the http.Handler that serves the site, the live-reload
// scripts and the event stream.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

// HTTPServer returns an http.Server for h with safe timeouts:
// ReadHeaderTimeout (5 s) drops clients that send headers slowly
// (Slowloris), IdleTimeout (60 s) closes idle keep-alive connections and
// MaxHeaderBytes (64 KiB) bounds the headers.
//
// It sets no WriteTimeout and no ReadTimeout: both run from the start of a
// request to the end of its response, so they would cut every event stream
// after that long, and the browser would reconnect (and reload) again and
// again. Writes are bounded per response and per event instead (through
// http.ResponseController), so a client that stops reading is still
// dropped.
//
// The http.Server's Shutdown calls Close, so open event streams end and
// Shutdown returns promptly.
func (s *Server) HTTPServer(h http.Handler) *http.Server {
	hs := &http.Server{
		Handler:                      h,
		ReadHeaderTimeout:            s.readHeaderTimeout,
		IdleTimeout:                  idleTimeout,
		MaxHeaderBytes:               maxHeaderBytes,
		DisableGeneralOptionsHandler: true,
	}
	hs.RegisterOnShutdown(s.Close)
	return hs
}

// Close ends every event stream, and the ones that start later, so that
// http.Server.Shutdown returns promptly. Pages are still served. Close may
// be called more than once.
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	s.closed = true
	close(s.done)
	for c := range s.clients {
		delete(s.clients, c)
		close(c.ch)
	}
}

// serveHTTP routes a request: the server's own URLs first, then the
// snapshot.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	if !s.allowedHost(r.Host) {
		plain(w, http.StatusForbidden, fmt.Sprintf(
			"docgen serve: Host %q is not allowed (DNS rebinding protection); open http://localhost:%s/ or add the name with --bind\n",
			r.Host, s.port))
		return
	}
	if r.URL.Path == eventsPath {
		s.serveEvents(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		plain(w, http.StatusMethodNotAllowed, "method not allowed\n")
		return
	}
	setWriteDeadline(w)
	if a, ok := s.scripts[r.URL.Path]; ok {
		serveAsset(w, r, a.data, a.contentType, a.etag)
		return
	}
	s.serveSite(w, r)
}

// serveSite serves a file of the current snapshot: a directory URL serves
// its index.html, a directory URL without its slash is redirected, and
// anything else is a 404 page.
func (s *Server) serveSite(w http.ResponseWriter, r *http.Request) {
	st := s.cur.Load()
	p := r.URL.Path // already decoded: %2f is a slash, %00 a NUL
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if strings.ContainsAny(p, "\x00\\") {
		notFound(w, r, st.token)
		return
	}
	name := strings.TrimPrefix(path.Clean(p), "/") // never starts with .. or /
	dir := strings.HasSuffix(p, "/")
	switch {
	case name == "":
		name = "index.html"
	case dir:
		name += "/index.html"
	}
	if f := st.files[name]; f != nil {
		serveFile(w, r, name, f, st.token)
		return
	}
	if !dir && st.files[name+"/index.html"] != nil {
		u := (&url.URL{Path: "/" + name + "/"}).EscapedPath()
		if r.URL.RawQuery != "" {
			u += "?" + r.URL.RawQuery
		}
		// 302, not 301: a browser caches a permanent redirect, and the
		// author may yet turn the page into a file.
		http.Redirect(w, r, u, http.StatusFound)
		return
	}
	notFound(w, r, st.token)
}

// serveFile writes one file of the snapshot, injecting the reload script
// into HTML.
func serveFile(w http.ResponseWriter, r *http.Request, name string, f *file, token string) {
	ext := path.Ext(name)
	ctype := contentType(ext)
	if ext != ".html" && ext != ".htm" {
		serveAsset(w, r, f.data, ctype, f.etag())
		return
	}
	writeHTML(w, r, http.StatusOK, f.data, token)
}

// writeHTML writes a page with the reload script injected, without
// modifying data.
func writeHTML(w http.ResponseWriter, r *http.Request, code int, data []byte, token string) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	before, after := inject(data)
	tag := scriptTag(token)
	n := len(before)
	if after != nil {
		n += len(tag) + len(after)
	}
	h.Set("Content-Length", strconv.Itoa(n))
	w.WriteHeader(code)
	if r.Method == http.MethodHead {
		return
	}
	if _, err := w.Write(before); err != nil {
		return
	}
	if after == nil {
		return // the page already loads the script
	}
	if _, err := io.WriteString(w, tag); err != nil {
		return
	}
	_, _ = w.Write(after)
}

// serveAsset writes a non-HTML file: revalidated on every use (no-cache)
// against its content ETag; ranges and conditional requests are handled by
// http.ServeContent.
func serveAsset(w http.ResponseWriter, r *http.Request, data []byte, ctype, etag string) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
}

// notFound writes the 404 page. It loads the reload script too, so a tab
// left on a page that does not exist yet shows it once it is written.
func notFound(w http.ResponseWriter, r *http.Request, token string) {
	page := "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Not found</title>\n</head>\n<body>\n<h1>Not found</h1>\n<p>There is no page at <code>" +
		html.EscapeString(r.URL.Path) + "</code> in the site being served.</p>\n<p><a href=\"/\">Home</a></p>\n</body>\n</html>\n"
	writeHTML(w, r, http.StatusNotFound, []byte(page), token)
}

// plain writes a short text/plain response.
func plain(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, _ = w.Write([]byte(msg))
}

// setWriteDeadline bounds the time the response may take to write, in
// place of http.Server's WriteTimeout. The server clears it after the
// response.
func setWriteDeadline(w http.ResponseWriter) {
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(writeTimeout))
}
