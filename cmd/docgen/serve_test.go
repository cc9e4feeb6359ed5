package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// preview is a running docgen serve, its terminal output and a reader of
// its event stream.
type preview struct {
	t      testing.TB
	dir    string
	url    string
	events chan event
	mu     sync.Mutex
	out    strings.Builder
}

type event struct{ name, data string }

// lockedWriter lets the test read the command's output while it runs.
type lockedWriter struct{ p *preview }

func (w lockedWriter) Write(b []byte) (int, error) {
	w.p.mu.Lock()
	defer w.p.mu.Unlock()
	return w.p.out.Write(b)
}

func (p *preview) output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()
}

// outputLen is the length of the output so far.
func (p *preview) outputLen() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.Len()
}

// outputFrom returns the output after its first n bytes.
func (p *preview) outputFrom(n int) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()[n:]
}

var servingLine = regexp.MustCompile(`at (http://[^ ]+/) `)

// startPreview runs docgen serve in-process on a free port over a real
// temporary folder, with real fsnotify, and subscribes to its events with
// a real HTTP client.
func startPreview(t testing.TB, files map[string]string) *preview {
	t.Helper()
	return startPreviewIn(t, writeSiteTB(t, files))
}

// startPreviewIn serves an existing site folder.
func startPreviewIn(t testing.TB, dir string) *preview {
	t.Helper()
	p := &preview{t: t, dir: dir, events: make(chan event, 1000)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--source", p.dir, "--port", "0"}, lockedWriter{p}, lockedWriter{p})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != exitOK {
				t.Errorf("serve exited %d", code)
			}
		case <-time.After(30 * time.Second):
			t.Error("serve did not stop after Ctrl-C")
		}
	})
	deadline := time.Now().Add(10 * time.Minute) // a 10,000-page corpus takes a while to build
	for p.url == "" {
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start:\n%s", p.output())
		}
		if m := servingLine.FindStringSubmatch(p.output()); m != nil {
			p.url = m[1]
		}
		time.Sleep(10 * time.Millisecond)
	}
	resp, err := http.Get(p.url + "_docgen/events")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	go func() {
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 64<<10), 64<<20) // an errors event lists every diagnostic
		var ev event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data += strings.TrimPrefix(line, "data: ")
			case line == "" && ev.name != "":
				p.events <- ev
				ev = event{}
			}
		}
	}()
	p.expect("hello", "")
	return p
}

// expect waits for an event of the given name whose data contains want.
func (p *preview) expect(name, want string) event {
	p.t.Helper()
	timeout := time.After(10 * time.Second)
	var seen []string
	for {
		select {
		case ev := <-p.events:
			if ev.name == name && strings.Contains(ev.data, want) {
				return ev
			}
			seen = append(seen, ev.name+" "+ev.data[:min(len(ev.data), 200)])
		case <-timeout:
			p.t.Fatalf("no %s event with %q; events seen: %q; terminal:\n%s", name, want, seen, p.output())
		}
	}
}

func (p *preview) write(name, data string) {
	p.t.Helper()
	path := filepath.Join(p.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		p.t.Fatal(err)
	}
}

func (p *preview) get(path string) string {
	p.t.Helper()
	resp, err := http.Get(p.url + strings.TrimPrefix(path, "/"))
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func TestServeReloads(t *testing.T) {
	p := startPreview(t, map[string]string{
		"docgen.yaml":                    "title: Preview\n",
		"content/v1.0.x/index.md":        "# Home\n",
		"content/v1.0.x/page.md":         "# Page\n\nFirst.\n",
		"content/v1.0.x/deep.md":         "# Deep\n\n{% partial file=\"/v1.0/outer.md\" /%}\n",
		"content/partials/v1.0/outer.md": "{% partial file=\"/v1.0/inner.md\" /%}\n",
		"content/partials/v1.0/inner.md": "Inner one.\n",
	})

	t.Run("save by rename", func(t *testing.T) {
		p.write("content/v1.0.x/.page.md.swp", "swap")
		p.write("content/v1.0.x/page.md~", "# Page\n\nSecond.\n")
		if err := os.Rename(filepath.Join(p.dir, "content/v1.0.x/page.md~"), filepath.Join(p.dir, "content/v1.0.x/page.md")); err != nil {
			t.Fatal(err)
		}
		p.expect("reload", `"/v1.0.x/page/"`)
		if !strings.Contains(p.get("/v1.0.x/page/"), "Second.") {
			t.Error("the served page is stale")
		}
	})
	t.Run("delete and re-create", func(t *testing.T) {
		if err := os.Remove(filepath.Join(p.dir, "content/v1.0.x/page.md")); err != nil {
			t.Fatal(err)
		}
		p.expect("reload", `"/v1.0.x/"`) // the sidebar of the others changed
		p.write("content/v1.0.x/page.md", "# Page\n\nBack.\n")
		p.expect("reload", `"/v1.0.x/page/"`)
	})
	t.Run("new folder with files", func(t *testing.T) {
		p.write("content/v1.0.x/new/one.md", "# One\n")
		p.expect("reload", `"/v1.0.x/new/one/"`)
	})
	t.Run("partial two includes away", func(t *testing.T) {
		p.write("content/partials/v1.0/inner.md", "Inner two.\n")
		p.expect("reload", `"/v1.0.x/deep/"`)
		if !strings.Contains(p.get("/v1.0.x/deep/"), "Inner two.") {
			t.Error("the including page is stale")
		}
	})
	t.Run("config edit", func(t *testing.T) {
		p.write("docgen.yaml", "title: Renamed\n")
		p.expect("reload", `"/v1.0.x/page/"`)
		if !strings.Contains(p.get("/v1.0.x/page/"), "Renamed") {
			t.Error("the config change did not reach the page")
		}
	})
	t.Run("error in the overlay, then cleared", func(t *testing.T) {
		p.write("content/v1.0.x/page.md", "# Page\n\n{% note noteType=\"Oops\" %}x{% /note %}\n")
		ev := p.expect("errors", `"id":"attribute-value-invalid"`)
		if !strings.Contains(ev.data, `content/v1.0.x/page.md`) {
			t.Errorf("the overlay data lacks the position: %s", ev.data)
		}
		p.write("content/v1.0.x/page.md", "# Page\n\nFixed.\n")
		p.expect("ok", "")
		p.expect("reload", `"/v1.0.x/page/"`)
	})
	t.Run("a burst of 500 files is one rebuild", func(t *testing.T) {
		staging := t.TempDir()
		for i := 0; i < 500; i++ {
			if err := os.WriteFile(filepath.Join(staging, fmt.Sprintf("p%03d.md", i)), []byte(fmt.Sprintf("# P%d\n", i)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		before := strings.Count(p.output(), "rebuilt in")
		// Like a git checkout, the files land at once.
		if err := os.Rename(staging, filepath.Join(p.dir, "content/v1.0.x/burst")); err != nil {
			t.Fatal(err)
		}
		ev := p.expect("reload", `"/v1.0.x/burst/p499/"`)
		var urls []string
		if err := json.Unmarshal([]byte(ev.data), &urls); err != nil {
			t.Fatal(err)
		}
		time.Sleep(300 * time.Millisecond)
		if n := strings.Count(p.output(), "rebuilt in") - before; n != 1 {
			t.Errorf("%d rebuilds for one burst, want 1", n)
		}
	})
}
