package site

import (
	"strings"
	"testing"
	"testing/fstest"
)

func editionSite(edition string) fstest.MapFS {
	return fstest.MapFS{
		"docgen.yaml":                  {Data: []byte("versions: [v1.0.x]\nedition: " + edition + "\nvariables: {brandName: Acme}\neditions:\n  collate: {variables: {brandName: Acme Cloud}}\n")},
		"content/v1.0.x/menu.md":       {Data: []byte("---\nsite_menu:\n  - category: Open\n    url: /open\n  - category: Cloud\n    url: /cloud/\n  - category: Cloud / Deep\n    url: /cloud/deep#x\n---\n")},
		"content/v1.0.x/open.md":       {Data: []byte("---\ntitle: \"{% $brandName %} setup\"\ncollate: false\n---\n# Open\n")},
		"content/v1.0.x/cloud.md":      {Data: []byte("---\ntitle: Cloud\ncollate: true\n---\n# Cloud\n")},
		"content/v1.0.x/cloud/deep.md": {Data: []byte("---\ntitle: Deep\ncollate: true\n---\n# Deep\n")},
	}
}

func TestEditions(t *testing.T) {
	tests := []struct {
		config, override string
		edition          string
		pages            string // URLs built, sorted
		elsewhere        string // URLs left out
		title            string // the open page's title
		nav              string // menu labels
	}{
		{"oss", "", "oss", "/v1.0.x/open/", "/v1.0.x/cloud/ /latest/cloud/ /v1.0.x/cloud/deep/ /latest/cloud/deep/", "Acme setup", "[Open]"},
		{"collate", "", "collate", "/v1.0.x/cloud/ /v1.0.x/cloud/deep/ /v1.0.x/open/", "", "Acme Cloud setup", "[Open Cloud[Deep]]"},
		{"oss", "collate", "collate", "/v1.0.x/cloud/ /v1.0.x/cloud/deep/ /v1.0.x/open/", "", "Acme Cloud setup", "[Open Cloud[Deep]]"},
		{"collate", "oss", "oss", "/v1.0.x/open/", "/v1.0.x/cloud/ /latest/cloud/ /v1.0.x/cloud/deep/ /latest/cloud/deep/", "Acme setup", "[Open]"},
	}
	for _, tt := range tests {
		t.Run(tt.config+"/"+tt.override, func(t *testing.T) {
			s, diags, err := LoadWith(editionSite(tt.config), Options{Edition: tt.override})
			if err != nil {
				t.Fatal(err)
			}
			if len(diags) != 0 {
				t.Errorf("diagnostics: %v", diags)
			}
			if s.Edition != tt.edition {
				t.Errorf("edition %q, want %q", s.Edition, tt.edition)
			}
			var urls []string
			for _, p := range s.Pages {
				urls = append(urls, p.URL)
			}
			if got := strings.Join(urls, " "); got != tt.pages {
				t.Errorf("pages %s, want %s", got, tt.pages)
			}
			for _, u := range strings.Fields(tt.elsewhere) {
				if s.OtherEdition(u) == nil {
					t.Errorf("OtherEdition(%s) = nil", u)
				}
				if s.PageByURL(u) != nil {
					t.Errorf("left-out page %s is still a page", u)
				}
			}
			if s.OtherEdition("/v1.0.x/open/") != nil {
				t.Error("a page of both editions is reported as left out")
			}
			open := s.PageByURL("/v1.0.x/open/")
			if open.Title != tt.title || PageTitle(open) != tt.title {
				t.Errorf("title %q (PageTitle %q), want %q", open.Title, PageTitle(open), tt.title)
			}
			nav, d := s.Nav(s.Versions[0])
			if len(d) != 0 {
				t.Errorf("nav diagnostics: %v", d)
			}
			if got := navString(nav.Roots); got != tt.nav {
				t.Errorf("nav %s, want %s", got, tt.nav)
			}
		})
	}
}

func navString(nodes []*NavNode) string {
	var parts []string
	for _, n := range nodes {
		s := n.Title
		if len(n.Children) > 0 {
			s += navString(n.Children)
		}
		parts = append(parts, s)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

func TestFrontMatterVariables(t *testing.T) {
	fsys := fstest.MapFS{
		"docgen.yaml":         {Data: []byte("variables: {brandName: Acme}\n")},
		"content/v1.0.x/a.md": {Data: []byte("---\nslug: /a\ntitle: \"{% $brandName %} | {% $brandNme %}\"\ndescription: About {% $brandName %}{% note %}\n---\n# A\n")},
	}
	s, diags, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	p := s.PageByURL("/v1.0.x/a/")
	if p.Title != "Acme | " || p.Description != "About Acme" {
		t.Errorf("title %q, description %q", p.Title, p.Description)
	}
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	want := []string{
		"content/v1.0.x/a.md:3:1: error: front matter title uses the undefined variable $brandNme [variable-undefined]\n\tdefine it under variables: in docgen.yaml",
		"content/v1.0.x/a.md:4:1: error: front matter description may only interpolate variables ({% $name %}); {% note %} is left out [frontmatter-invalid]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
