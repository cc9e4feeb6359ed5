package linkcheck

import (
	"strings"
	"testing"

	"github.com/docgen/docgen/internal/diag"
)

func TestResolve(t *testing.T) {
	for _, tc := range []struct {
		page, href string
		want       Target
		problem    string // a substring of the problem; "" for none
	}{
		{"/v1/a/", "/v1/b/", Target{Internal: true, Path: "/v1/b/"}, ""},
		{"/v1/a/", "/v1/b/#Step-1", Target{Internal: true, Path: "/v1/b/", Fragment: "Step-1"}, ""},
		{"/v1/a/", "#x", Target{Internal: true, Path: "/v1/a/", Fragment: "x"}, ""},
		{"/v1/a/", "c/", Target{Internal: true, Path: "/v1/a/c/"}, ""},
		{"/v1/a/", "../c/", Target{Internal: true, Path: "/v1/c/"}, ""},
		{"/v1/a/", "/img/x.png?v=2", Target{Internal: true, Path: "/img/x.png"}, ""},
		{"/v1/a/", "/v1/b/#caf%C3%A9", Target{Internal: true, Path: "/v1/b/", Fragment: "café"}, ""},
		{"/", "https://example.org/a?b#c", Target{}, ""},
		{"/", "//cdn.example.org/x.js", Target{}, ""},
		{"/", "http://localhost:8585/api", Target{}, ""},
		{"/", "http://[::1]:80/", Target{}, ""},
		{"/", "mailto:docs@example.com", Target{}, ""},
		{"/", "tel:+441234", Target{}, ""},
		{"/", "", Target{}, "empty"},
		{"/", "https://", Target{}, "no host"},
		{"/", "https:///path", Target{}, "no host"},
		{"/", "https://example..org/", Target{}, "not a host name"},
		{"/", "https://example.org:/", Target{}, "empty port"},
		{"/", "https://example.org/a b", Target{}, "white space"},
		{"/", "mailto:", Target{}, "address"},
		{"/", "javascript:alert(1)", Target{}, "script"},
		{"/", "localhost:8585", Target{}, "http:// missing"},
		{"/", "htps://example.org", Target{}, "not http"},
		{"/", "http://exa%mple.org", Target{}, "escape"},
	} {
		got, problem := Resolve(tc.page, tc.href)
		if tc.problem == "" && problem != "" || tc.problem != "" && !strings.Contains(problem, tc.problem) {
			t.Errorf("Resolve(%q, %q) problem %q, want one with %q", tc.page, tc.href, problem, tc.problem)
			continue
		}
		if tc.problem == "" && got != tc.want {
			t.Errorf("Resolve(%q, %q) = %+v, want %+v", tc.page, tc.href, got, tc.want)
		}
	}
}

func TestFileName(t *testing.T) {
	for in, want := range map[string]string{
		"/":           "index.html",
		"/v1/a/":      "v1/a/index.html",
		"/v1/a":       "v1/a/index.html",
		"/img/x.png":  "img/x.png",
		"/index.html": "index.html",
	} {
		if got := FileName(in); got != want {
			t.Errorf("FileName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		pattern, path string
		want          bool
	}{
		{"/api/**", "/api/v1/tables", true},
		{"/api/**", "/api", true},
		{"/api/**", "/api/", true},
		{"/api/**", "/apis/x", false},
		{"/v*/legacy/*", "/v1.0.x/legacy/a", true},
		{"/v*/legacy/*", "/v1.0.x/legacy/a/b", false},
		{"content/v1.0.x/**", "content/v1.0.x/a/b.md", true},
		{"content/*.md", "content/v1.0.x/a.md", false},
	} {
		if got := Match(tc.pattern, tc.path); got != tc.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tc.pattern, tc.path, got, tc.want)
		}
	}
}

func TestCheck(t *testing.T) {
	page := diag.NewFile("content/a.md", []byte("0123456789"))
	out := Output{
		Files:   map[string]bool{"a/index.html": true, "b/index.html": true, "x.png": true},
		Anchors: map[string]map[string]bool{"/a/": {"one": true}, "/b/": {"install-the-server": true}},
	}
	refs := []Ref{
		{File: page, At: 1, Href: "/b/", URL: "/b/"},
		{File: page, At: 2, Href: "/b#install-the-server", URL: "/b/#install-the-server"},
		{File: page, At: 3, Href: "/x.png", URL: "/x.png"},
		{File: page, At: 4, Href: "#one", URL: "#one"},
		{File: page, At: 5, Href: "/c", URL: "/c/"},
		{File: page, At: 6, Href: "/b#install", URL: "/b/#install"},
		{File: page, At: 7, Href: "https://", URL: "https://"},
		{File: page, At: 8, Href: "/x.png#frag", URL: "/x.png#frag"}, // not a page: the fragment is not checked
	}
	got := Check([]Page{{URL: "/a/", Refs: refs}}, out, Policy{})
	var ids []string
	for _, d := range got {
		ids = append(ids, d.ID)
		if d.File != page || d.Level != diag.Error {
			t.Errorf("%v: wrong file or level", d)
		}
	}
	if want := "link-broken anchor-missing link-malformed"; strings.Join(ids, " ") != want {
		t.Errorf("got %v, want %s", got, want)
	}
	if got[1].Offset != 6 || !strings.Contains(got[1].Hint, "#install-the-server") {
		t.Errorf("anchor diagnostic %v hint %q", got[1], got[1].Hint)
	}
	if got := Check([]Page{{URL: "/a/", Refs: refs}}, out, Policy{IgnoreFiles: []string{"content/**"}}); len(got) != 0 {
		t.Errorf("ignored file still checked: %v", got)
	}
}

// FuzzResolve holds Resolve to never panic and to agree with itself: a
// link it calls internal has a rooted path.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{"/a/b#c", "/a/b/#Step-1.-do-this", "#top", "/img/x.png", "../x", "https://example.org", "mailto:x@y", "localhost:80", "%zz", "#", "//h", "a:b:c", "\x00"} {
		f.Add("/v1/a/", s)
	}
	f.Fuzz(func(t *testing.T, page, href string) {
		got, problem := Resolve(page, href)
		// The fast path must agree with net/url wherever it answers.
		if fast, ok := resolveSimple(page, href); ok {
			if slow, problem := resolveURL(page, href); problem != "" || slow != fast {
				t.Errorf("Resolve(%q, %q): fast %+v, net/url %+v %q", page, href, fast, slow, problem)
			}
		}
		if problem == "" && got.Internal && !strings.HasPrefix(got.Path, "/") && page != "" && strings.HasPrefix(page, "/") {
			t.Errorf("Resolve(%q, %q) = internal path %q", page, href, got.Path)
		}
	})
}
