package markdocjson

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/docgen/docgen/internal/markdown"
)

// The conformance cases: testdata/conformance/markdoc holds the shared
// corpus, testdata/conformance/docgen our own cases; each NNN-name.md has
// the real Markdoc's dump beside it as NNN-name.json (see README there).
// Every core case must match; quirk cases listed in the README as
// deliberate differences are reported but do not fail.
func TestConformance(t *testing.T) {
	cfgData, err := os.ReadFile("testdata/conformance/markdoc-config.json")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := ParseConfig(cfgData)
	if err != nil {
		t.Fatal(err)
	}
	env, err := cfg.Env()
	if err != nil {
		t.Fatal(err)
	}
	md := markdown.New(cfg.Options())
	differ := deliberateDifferences(t, "testdata/conformance/README.md")
	levels := levelDifferences(t, "testdata/conformance/README.md")
	releveled := 0
	total := 0
	for _, dir := range []string{"testdata/conformance/markdoc", "testdata/conformance/docgen"} {
		manifest := readManifest(t, filepath.Join(dir, "MANIFEST.tsv"))
		cases, _ := filepath.Glob(filepath.Join(dir, "*.md"))
		for _, mdPath := range cases {
			name := strings.TrimSuffix(filepath.Base(mdPath), ".md")
			category, ok := manifest[name]
			if !ok {
				t.Errorf("%s: case %s is not in MANIFEST.tsv", dir, name)
				continue
			}
			total++
			t.Run(filepath.Base(dir)+"/"+name, func(t *testing.T) {
				src, err := os.ReadFile(mdPath)
				if err != nil {
					t.Fatal(err)
				}
				wantData, err := os.ReadFile(strings.TrimSuffix(mdPath, ".md") + ".json")
				if err != nil {
					t.Fatal(err)
				}
				page := md.Parse(mdPath, markdown.Normalize(src))
				diags := markdown.Validate(page, env)
				gotData, err := json.Marshal(Dump(page, diags))
				if err != nil {
					t.Fatal(err)
				}
				got, want := canonical(t, gotData), canonical(t, wantData)
				releveled += relevel(want, levels)
				if reflect.DeepEqual(got, want) {
					if differ[name] {
						t.Errorf("%s passes but is listed as a deliberate difference in testdata/conformance/README.md", name)
					}
					return
				}
				g, _ := json.MarshalIndent(got, "", "  ")
				w, _ := json.MarshalIndent(want, "", "  ")
				if category == "quirk" && differ[name] {
					t.Skipf("deliberate difference (testdata/conformance/README.md)\ngot:  %s\nwant: %s", g, w)
				}
				t.Errorf("%s [%s] differs from Markdoc\ninput:\n%s\ngot:  %s\nwant: %s", name, category, src, g, w)
			})
		}
	}
	if total < 60 {
		t.Fatalf("only %d conformance cases found", total)
	}
	if len(levels) > 0 && releveled == 0 {
		t.Errorf("the README lists level differences %v that no case exercises", levels)
	}
}

// levelDifference is an error id docgen reports at another level than
// Markdoc.
type levelDifference struct{ markdoc, docgen string }

var levelLine = regexp.MustCompile("^- level of `([a-z-]+)`: ([a-z]+) in Markdoc, ([a-z]+) in docgen")

// levelDifferences reads the README's "- level of `id`: X in Markdoc, Y in
// docgen" lines.
func levelDifferences(t *testing.T, path string) map[string]levelDifference {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]levelDifference{}
	for _, line := range strings.Split(string(data), "\n") {
		if m := levelLine.FindStringSubmatch(line); m != nil {
			out[m[1]] = levelDifference{m[2], m[3]}
		}
	}
	return out
}

// relevel rewrites, in a canonical Markdoc dump, the level of the errors
// docgen deliberately reports at another level, and returns how many it
// rewrote. The rest of the dump is still compared, so such a case keeps
// checking everything else.
func relevel(doc any, levels map[string]levelDifference) int {
	m, ok := doc.(map[string]any)
	if !ok {
		return 0
	}
	errs, _ := m["errors"].([]any)
	n := 0
	for _, e := range errs {
		em, ok := e.(map[string]any)
		if !ok {
			continue
		}
		id, _ := em["id"].(string)
		if d, ok := levels[id]; ok && em["level"] == d.markdoc {
			em["level"] = d.docgen
			n++
		}
	}
	return n
}

func readManifest(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		cat := "core"
		if len(parts) > 1 {
			cat = parts[1]
		}
		out[parts[0]] = cat
	}
	return out
}

// deliberateDifferences reads the case names listed as "- NNN-name:" in the
// README's list of deliberate differences.
func deliberateDifferences(t *testing.T, path string) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "- `"); ok {
			if name, _, ok := strings.Cut(rest, "`"); ok {
				out[name] = true
			}
		}
	}
	return out
}

// canonical applies the comparison rules of shared/conformance/SCHEMA.md:
// numbers as doubles, empty entry fields dropped (but not inside attribute
// values), errors without messages and sorted.
func canonical(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("bad JSON: %v", err)
	}
	doc := canonEntry(v).(map[string]any)
	if _, ok := doc["errors"]; !ok {
		doc["errors"] = []any{}
	}
	if _, ok := doc["children"]; !ok {
		doc["children"] = []any{}
	}
	return doc
}

func canonEntry(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	out := map[string]any{}
	for k, x := range m {
		switch k {
		case "children":
			if list, ok := x.([]any); ok {
				kids := make([]any, len(list))
				for i, c := range list {
					kids[i] = canonEntry(c)
				}
				x = kids
			}
		case "errors":
			x = canonErrors(x)
		}
		if k != "inline" && k != "errors" && isEmpty(x) {
			continue
		}
		out[k] = x
	}
	return out
}

func isEmpty(x any) bool {
	switch x := x.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

func canonErrors(x any) any {
	list, ok := x.([]any)
	if !ok {
		return x
	}
	out := make([]map[string]any, 0, len(list))
	for _, e := range list {
		m := map[string]any{}
		for k, v := range e.(map[string]any) {
			if k != "message" && v != nil {
				m[k] = v
			}
		}
		out = append(out, m)
	}
	str := func(m map[string]any, k string) string { s, _ := m[k].(string); return s }
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		la, _ := a["line"].(float64)
		lb, _ := b["line"].(float64)
		if la != lb {
			return la < lb
		}
		for _, k := range []string{"id", "node", "level"} {
			if str(a, k) != str(b, k) {
				return str(a, k) < str(b, k)
			}
		}
		return false
	})
	res := make([]any, len(out))
	for i, m := range out {
		res[i] = m
	}
	return res
}
