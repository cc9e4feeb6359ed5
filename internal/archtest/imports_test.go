package archtest

import (
	"bytes"
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/docgen/docgen"

// allowed lists, for each package of the module, the module packages and
// third-party modules it may import directly. The standard library is
// always allowed. A package missing from this table fails the test, so a
// new package has to take its place in the picture.
var allowed = map[string][]string{
	"parser":                     {},
	"internal/diag":              {},
	"internal/suggest":           {},
	"internal/limits":            {},
	"internal/search":            {"internal/varbin"},
	"internal/lastmod":           {},
	"internal/atomicfile":        {},
	"internal/varbin":            {},
	"internal/pagecache":         {"internal/atomicfile"},
	"internal/archtest":          {},
	"internal/linkcheck":         {"internal/diag", "internal/suggest"},
	"shortcodes":                 {"parser", "internal/diag"},
	"internal/live":              {"internal/diag", "go.yaml.in/yaml/v3"},
	"internal/watch":             {"github.com/fsnotify/fsnotify"},
	"internal/serve":             {},
	"internal/browsertest":       {"github.com/chromedp/chromedp"},
	"internal/config":            {"parser", "shortcodes", "internal/diag", "internal/suggest", "internal/live", "go.yaml.in/yaml/v3"},
	"internal/markdown":          {"parser", "shortcodes", "internal/diag", "internal/limits", "internal/suggest", "github.com/yuin/goldmark"},
	"internal/markdocjson":       {"parser", "shortcodes", "internal/diag", "internal/markdown", "github.com/yuin/goldmark"},
	"themes":                     {},
	"internal/theme":             {"themes"},
	"internal/highlight":         {"internal/atomicfile", "internal/highlight/fastlex", "github.com/alecthomas/chroma/v2"},
	"internal/highlight/fastlex": {"github.com/alecthomas/chroma/v2"},
	"internal/site":              {"internal/config", "internal/diag", "internal/live", "internal/markdown", "go.yaml.in/yaml/v3"},
	"internal/build":             {"parser", "shortcodes", "internal/diag", "internal/linkcheck", "internal/limits", "internal/markdown", "internal/site", "internal/theme", "internal/highlight", "internal/live", "internal/config", "internal/lastmod", "internal/pagecache", "internal/atomicfile", "internal/search", "internal/varbin", "themes"},
	"docsite":                    {"internal/build", "internal/diag"},
	"examples/helpdesk":          {"docsite", "internal/browsertest", "github.com/chromedp/chromedp"},
	"cmd/docgen":                 {"parser", "shortcodes", "internal/diag", "internal/limits", "internal/config", "internal/markdown", "internal/markdocjson", "internal/site", "internal/build", "internal/highlight", "internal/serve", "internal/watch"},
}

func TestImportDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-json", module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	seen := 0
	for {
		var p struct {
			ImportPath string
			Imports    []string
			Standard   bool
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		rules, ok := allowed[rel]
		if !ok {
			t.Errorf("package %s has no place in the import rules of this test (and DESIGN.md)", rel)
			continue
		}
		seen++
		for _, imp := range p.Imports {
			if isStd(imp) {
				continue
			}
			if !permitted(imp, rules) {
				t.Errorf("%s imports %s, which the design does not allow", rel, imp)
			}
		}
	}
	if seen == 0 {
		t.Fatal("go list reported no packages")
	}
}

func permitted(imp string, rules []string) bool {
	for _, r := range rules {
		if imp == module+"/"+r || imp == r || strings.HasPrefix(imp, r+"/") {
			return true
		}
	}
	return false
}

// isStd reports whether an import path is in the standard library: its
// first element has no dot.
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}
