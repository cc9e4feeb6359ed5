package site

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

// update rewrites the want/ sections of the fixtures: go test
// ./internal/site -update, or DOCGEN_UPDATE=1.
var update = flag.Bool("update", os.Getenv("DOCGEN_UPDATE") != "", "rewrite the want/ sections of testdata fixtures")

// TestNavFixtures loads each site of testdata/nav and compares the
// navigation of its first version with want/tree (one node per line,
// indented two spaces a level: the label, two spaces, the link) and the
// load's and the navigation's diagnostics with want/diagnostics.
func TestNavFixtures(t *testing.T) {
	files, _ := filepath.Glob("testdata/nav/*.txtar")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			fsys := fstest.MapFS{}
			for _, f := range ar.Files {
				if !strings.HasPrefix(f.Name, "want/") {
					fsys[f.Name] = &fstest.MapFile{Data: f.Data}
				}
			}
			s, diags, err := Load(fsys)
			if err != nil {
				t.Fatal(err)
			}
			nav, d := s.Nav(s.Versions[0])
			diags = append(diags, d...)
			diags.Sort()
			got := map[string]string{"want/tree": outline(nav.Roots), "want/diagnostics": ""}
			for _, d := range diags {
				got["want/diagnostics"] += d.String() + "\n"
			}
			if *update {
				for i, f := range ar.Files {
					if g, ok := got[f.Name]; ok {
						ar.Files[i].Data = []byte(g)
					}
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, f := range ar.Files {
				if g, ok := got[f.Name]; ok && g != string(f.Data) {
					t.Errorf("%s:\n got:\n%s\nwant:\n%s", f.Name, g, f.Data)
				}
			}
		})
	}
}

func outline(nodes []*NavNode) string {
	var b strings.Builder
	var walk func([]*NavNode, string)
	walk = func(nodes []*NavNode, indent string) {
		for _, n := range nodes {
			b.WriteString(indent + n.Title)
			if u := n.URL(); u != "" {
				b.WriteString("  " + u)
			}
			b.WriteString("\n")
			walk(n.Children, indent+"  ")
		}
	}
	walk(nodes, "")
	return b.String()
}

func loadFixture(t *testing.T, name string) *Site {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata/nav", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	s, _, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestNavOrder walks the reading order of the quirks fixture with Next and
// back with Prev: each page once, at its own entry (not at the entries
// into its middle), no page of another version, and the breadcrumb trail
// of each.
func TestNavOrder(t *testing.T) {
	s := loadFixture(t, "menu-quirks")
	v := s.Version("v2.0.x")
	nav, _ := s.Nav(v)
	want := []string{
		"/v2.0.x/ (Home)",
		"/v2.0.x/deployment/ (Deployment)",
		"/v2.0.x/deployment/docker/ (Deployment > Docker)",
		"/v2.0.x/deployment/kubernetes/ (Deployment > Kubernetes)",
		"/v2.0.x/deployment/kubernetes/helm-values/ (Deployment > Kubernetes > Helm Values)",
		"/v2.0.x/deployment/kubernetes/eks/ (Deployment > Kubernetes > EKS)",
		"/v2.0.x/deployment/kubernetes/aks/ (Deployment > Kubernetes > AKS)",
		"/v2.0.x/deployment/kubernetes/gke/ (Deployment > Kubernetes > GKE)",
		"/v2.0.x/deployment/kubernetes/on-prem/ (Deployment > Kubernetes > On premises)",
		"/v2.0.x/deployment/kubernetes/on-prem/bare/ (Deployment > Kubernetes > On premises > Bare servers)",
		"/v2.0.x/guides/setup/ (Guides > Setup)",
		"/v2.0.x/guides/setup/first-steps/ (Guides > Setup > First Steps)",
		"/v2.0.x/releases/ (Releases)",
		"/v2.0.x/admin/reindexing/ (Admin > Reindexing)",
		"/v2.0.x/folder/child/ (Folder Without Page > Child of a folder whose page is missing)",
		"/v2.0.x/stray/ (Stray page)",
	}
	describe := func(p *Page) string {
		var trail []string
		for _, a := range nav.Ancestors(p) {
			trail = append(trail, a.Title)
		}
		return p.URL + " (" + strings.Join(append(trail, nav.Node(p).Title), " > ") + ")"
	}
	var got []string
	first := v.Home
	if nav.Prev(first) != nil {
		t.Errorf("Prev(home) = %q, want nil", nav.Prev(first).Title)
	}
	for n := nav.Node(first); n != nil; n = nav.Next(n.Page) {
		got = append(got, describe(n.Page))
		if n.Fragment != "" {
			t.Errorf("%s: reading order stops at an entry into the page (%s)", n.Page.URL, n.Fragment)
		}
		if len(got) > len(v.Pages) {
			t.Fatalf("Next loops: %q", got)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("reading order:\n got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var back []string
	last := s.PageByURL("/v2.0.x/stray/")
	for n := nav.Node(last); n != nil; n = nav.Prev(n.Page) {
		back = append([]string{describe(n.Page)}, back...)
		if len(back) > len(v.Pages) {
			t.Fatalf("Prev loops")
		}
	}
	if strings.Join(back, "\n") != strings.Join(got, "\n") {
		t.Errorf("Prev does not walk Next's order back:\n%s", strings.Join(back, "\n"))
	}
	if old := s.PageByURL("/v1.0.x/admin/reindexing/"); nav.Prev(old) != nil || nav.Next(old) != nil {
		t.Error("a page of another version has neighbours in this version's order")
	}
}

// TestParseMenu checks how menu.md files that are not a site_menu list are
// reported, and the positions kept for entries that are.
func TestParseMenu(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		items string // "label(line:col) / ...|url|line:col of category|line:col of url" per item
		diags string
	}{
		{
			name:  "no front matter",
			src:   "# Menu\n",
			diags: "menu.md:1:1: error: menu.md has no front matter with a site_menu list [menu-invalid]\n",
		},
		{
			name:  "no site_menu",
			src:   "---\ntitle: Menu\n---\n",
			diags: "menu.md:1:1: error: menu.md's front matter has no site_menu list [menu-invalid]\n",
		},
		{
			name: "empty site_menu",
			src:  "---\nsite_menu:\n---\n",
		},
		{
			name:  "site_menu not a list",
			src:   "---\nsite_menu: Home\n---\n",
			diags: "menu.md:2:12: error: site_menu is not a list of entries [menu-invalid]\n",
		},
		{
			name: "YAML syntax error",
			src:  "---\nsite_menu:\n  - category: [Home\n---\n",
			// yaml.v3 names the line where the flow sequence's mapping starts.
			diags: "menu.md:2:1: error: front matter: did not find expected ',' or ']' [menu-invalid]\n",
		},
		{
			name: "entries: one not a mapping, one url not a string, one without category",
			src: "---\nsite_menu:\n  - Home\n  - category: A\n    url: [x]\n  - url: /b\n" +
				"  - category: \"C / D\"\n    url: /c/d\n    color: red\n  - category: ' É /F'\n    url: ~\n---\n",
			items: "A(4:15)||4:15|4:5\nC(7:16) / D(7:20)|/c/d|7:15|8:10\nÉ(10:17) / F(10:21)||10:15|11:10\n",
			diags: "menu.md:3:5: error: menu entry is not a mapping with category and url [menu-invalid]\n" +
				"menu.md:5:10: error: menu entry url is not a string [menu-invalid]\n" +
				"menu.md:6:5: warning: menu entry for \"/b\" has no category; it is left out [menu-invalid]\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, diags := parseMenu("menu.md", []byte(tt.src))
			var items, ds strings.Builder
			for _, it := range m.Items {
				l, c := m.File.Position(it.Offset)
				ul, uc := m.File.Position(it.URLOffset)
				var labels []string
				for i, label := range it.Path {
					ll, lc := m.File.Position(it.LabelOffsets[i])
					labels = append(labels, fmt.Sprintf("%s(%d:%d)", label, ll, lc))
				}
				fmt.Fprintf(&items, "%s|%s|%d:%d|%d:%d\n", strings.Join(labels, " / "), it.URL, l, c, ul, uc)
			}
			for _, d := range diags {
				ds.WriteString(d.String() + "\n")
			}
			if items.String() != tt.items {
				t.Errorf("items:\n got:\n%s\nwant:\n%s", items.String(), tt.items)
			}
			if ds.String() != tt.diags {
				t.Errorf("diagnostics:\n got:\n%s\nwant:\n%s", ds.String(), tt.diags)
			}
		})
	}
}

// TestSampleMenu builds the navigation of the real v1.9 menu.md in the
// shared samples (1,164 entries). Counted from the file by hand (grep
// 'category:' | cut at the first "/" | trim | sort -u): its entries start
// with nine distinct first labels, Home, Quickstart, Deployment,
// Connectors, How-to Guides, Releases, Main Concepts, Developers and SDK,
// each spelled one way, so the tree has nine top-level sections, in the
// order they first appear. The 1,164 entries name 1,161 distinct nodes
// (three are listed twice: Helm Values, and the 1.6.1 and 1.3.1 releases),
// and six nodes appear only as parents of others ("How-to Guides / Data
// Quality and Profiler", ...), 1,167 nodes in all; "cockroach" is once
// written in lower case.
func TestSampleMenu(t *testing.T) {
	root := "../../../shared/samples/openmetadata"
	if _, err := os.Stat(root); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("shared/samples is not beside this checkout")
		}
		t.Skip("shared/samples is not beside this checkout")
	}
	s, diags, err := Load(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	v := s.Version("v1.9.x")
	if v == nil || v.Menu == nil {
		t.Fatal("no v1.9.x menu")
	}
	if len(v.Menu.Items) != 1164 {
		t.Errorf("%d menu entries, want 1164", len(v.Menu.Items))
	}
	nav, d := s.Nav(v)
	diags = append(diags, d...)
	var top []string
	for _, n := range nav.Roots {
		top = append(top, n.Title)
	}
	want := "Home, Quickstart, Deployment, Connectors, How-to Guides, Releases, Main Concepts, Developers, SDK"
	if got := strings.Join(top, ", "); got != want {
		t.Errorf("top-level sections:\n got %s\nwant %s", got, want)
	}
	count := 0
	var walk func([]*NavNode)
	walk = func(nodes []*NavNode) {
		for _, n := range nodes {
			count++
			walk(n.Children)
		}
	}
	walk(nav.Roots)
	// Three sample pages are not in the menu (the Azure auth code and
	// implicit flows, Okta's auth code flow): each gets a node under its
	// folder's entry.
	if count != 1167+3 {
		t.Errorf("%d nodes, want 1167 and the 3 unlisted pages", count)
	}
	for _, u := range []string{"azure/auth-code-flow", "azure/implicit-flow", "okta/auth-code-flow"} {
		p := s.PageByURL("/v1.9.x/deployment/security/" + u + "/")
		var trail []string
		for _, a := range nav.Ancestors(p) {
			trail = append(trail, a.Title)
		}
		sso := map[byte]string{'a': "Azure SSO", 'o': "Okta SSO"}[u[0]]
		if got, want := strings.Join(trail, " / "), "Deployment / Enable Security / "+sso; got != want {
			t.Errorf("%s is under %q, want %q", u, got, want)
		}
	}
	ids := map[string][]string{}
	for _, d := range diags {
		line, _ := d.Position()
		ids[d.ID] = append(ids[d.ID], fmt.Sprint(line))
	}
	for id, lines := range map[string]string{
		"menu-duplicate":     "55 1198 1256",
		"menu-label-variant": "293",
	} {
		if got := strings.Join(ids[id], " "); got != lines {
			t.Errorf("%s on lines %s, want %s", id, got, lines)
		}
	}
	// The samples hold 10 of the pages; every entry to another is reported.
	listed := 0
	for _, p := range v.Pages {
		if nav.Node(p) != nil {
			listed++
		}
	}
	if got, want := len(ids["menu-missing-page"]), 1161-(listed-3); got != want {
		t.Errorf("%d menu-missing-page, want %d (entries less the %d listed pages found)", got, want, listed-3)
	}
}
