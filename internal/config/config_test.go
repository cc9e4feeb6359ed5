package config

import (
	"io"
	"strings"
	"testing"

	"github.com/docgen/docgen/shortcodes"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string // diagnostics, in order
	}{
		{"empty", "", nil},
		{"full", `
title: Docs
baseURL: https://example.com/docs/
editURL: https://github.com/org/repo/edit/main/docs/
versions: [v1.9.x, v1.8.x]
defaultVersion: v1.9.x
markup: {alias: false, comments: true}
limits: {maxBytes: 1000, maxDepth: 10}
tags:
  badge:
    placement: inline
    selfClosing: true
    attributes:
      label: {type: String, required: true, matches: [a, b], errorLevel: warning, doc: shown}
variables:
  product: docgen
`, nil},
		{"typo", "title: x\ndefaultVerison: v1\n", []string{
			`docgen.yaml:2:1: error: unknown key "defaultVerison" [config-invalid]` + "\n\t" + `did you mean "defaultVersion"?`}},
		{"nested typo", "markup:\n  alais: false\n", []string{
			`docgen.yaml:2:3: error: unknown key "alais" [config-invalid]` + "\n\t" + `did you mean "alias"?`}},
		{"tag attribute typo", "tags:\n  b:\n    attributes:\n      x: {typ: String}\n", []string{
			`docgen.yaml:4:11: error: unknown key "typ" [config-invalid]` + "\n\t" + `did you mean "type"?`}},
		{"bad type", "limits:\n  maxBytes: lots\n", []string{
			"docgen.yaml:2:13: error: cannot unmarshal !!str `lots` into int [config-invalid]"}},
		{"syntax", "title: [x\n", []string{
			"docgen.yaml:1:1: error: did not find expected ',' or ']' [config-invalid]"}},
		{"default version", "versions: [a, b]\ndefaultVersion: c\n", []string{
			`docgen.yaml:2:17: error: defaultVersion "c" is not one of versions [a b] [config-invalid]`}},
		{"edit URL without scheme", "editURL: github.com/org/repo/edit/main/\n", []string{
			`docgen.yaml:1:10: error: editURL "github.com/org/repo/edit/main/" is not an http or https URL [config-invalid]`}},
		{"negative limit", "limits:\n  maxDepth: -1\n", []string{
			"docgen.yaml:2:13: error: limits.maxDepth must not be negative [config-invalid]"}},
		{"bad placement", "tags:\n  b:\n    placement: floating\n", []string{
			`docgen.yaml:3:16: error: tags.b.placement must be block, inline or any, not "floating" [config-invalid]`}},
		{"bad attribute type", "tags:\n  b:\n    attributes:\n      x: {type: Text}\n", []string{
			`docgen.yaml:4:17: error: tags.b.attributes.x.type must be String, Number, Boolean, Array or Object, not "Text" [config-invalid]`}},
		{"edition", "edition: collate\neditions:\n  oss: {variables: {brandName: OpenMetadata}}\n  collate: {variables: {brandName: Collate}}\n", nil},
		{"bad edition", "edition: enterprise\n", []string{
			`docgen.yaml:1:10: error: edition must be one of oss, collate, not "enterprise" [config-invalid]`}},
		{"bad editions key", "editions:\n  saas: {variables: {a: 1}}\n", []string{
			`docgen.yaml:2:3: error: editions.saas: the editions are oss, collate [config-invalid]`}},
		{"editions typo", "editions:\n  oss: {variable: {a: 1}}\n", []string{
			`docgen.yaml:2:9: error: unknown key "variable" [config-invalid]` + "\n\t" + `did you mean "variables"?`}},
		{"bad tag name", "tags:\n  \"my tag\": {}\n", []string{
			`docgen.yaml:2:13: error: tag name "my tag" is not a Markdoc identifier (letters, digits, _ and -) [config-invalid]`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := Parse("docgen.yaml", []byte(strings.TrimPrefix(tt.yaml, "\n")))
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestRegistry(t *testing.T) {
	cfg, diags := Parse("docgen.yaml", []byte(`
markup: {alias: false}
tags:
  badge:
    placement: inline
    selfClosing: true
    attributes:
      label: {type: String, required: true, matches: [new, beta]}
      size: {type: Number, errorLevel: warning}
`))
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	if cfg.Markup.AliasEnabled() || !cfg.Markup.CommentsEnabled() {
		t.Errorf("markup: alias %v comments %v", cfg.Markup.AliasEnabled(), cfg.Markup.CommentsEnabled())
	}
	reg := cfg.Registry(shortcodes.Builtin())
	s, ok := reg.Lookup("badge")
	if !ok {
		t.Fatal("badge not registered")
	}
	if s.Placement != shortcodes.InlineOnly || !s.SelfClosing {
		t.Errorf("schema %+v", s)
	}
	label := s.Attributes["label"]
	if label.Type != shortcodes.String || !label.Required || len(label.Matches) != 2 || label.Matches[0] != "new" {
		t.Errorf("label %+v", label)
	}
	if size := s.Attributes["size"]; size.Type != shortcodes.Number || size.ErrorLevel.String() != "warning" {
		t.Errorf("size %+v", size)
	}
	if _, ok := reg.Lookup("partial"); !ok {
		t.Error("built-in tags lost")
	}
	if _, ok := shortcodes.Builtin().Lookup("badge"); ok {
		t.Error("Registry changed the built-in registry")
	}
}

func TestEdition(t *testing.T) {
	tests := []struct {
		yaml        string
		edition     string
		brand       any
		collateShow bool
	}{
		{"variables: {brandName: Docs}\n", "oss", "Docs", false},
		{"edition: oss\nvariables: {brandName: Docs, x: 1}\neditions:\n  oss: {variables: {brandName: OpenMetadata}}\n", "oss", "OpenMetadata", false},
		{"edition: collate\nvariables: {brandName: Docs}\neditions:\n  oss: {variables: {brandName: OpenMetadata}}\n  collate: {variables: {brandName: Collate}}\n", "collate", "Collate", true},
		{"edition: collate\nvariables: {brandName: Docs}\n", "collate", "Docs", true},
	}
	for _, tt := range tests {
		cfg, diags := Parse("docgen.yaml", []byte(tt.yaml))
		if len(diags) != 0 {
			t.Fatalf("%q: %v", tt.yaml, diags)
		}
		if got := cfg.EditionName(); got != tt.edition {
			t.Errorf("%q: edition %q, want %q", tt.yaml, got, tt.edition)
		}
		vars := cfg.SiteVariables()
		if vars["brandName"] != tt.brand {
			t.Errorf("%q: brandName %v, want %v", tt.yaml, vars["brandName"], tt.brand)
		}
		if _, ok := cfg.Variables["brandName"]; ok && cfg.Variables["brandName"] != "Docs" {
			t.Errorf("%q: SiteVariables changed Variables", tt.yaml)
		}
		s, ok := cfg.Registry(shortcodes.Builtin()).Lookup("collateContent")
		if !ok {
			t.Fatal("collateContent missing")
		}
		var b strings.Builder
		_ = s.Render(&b, &shortcodes.Call{Content: func(w io.Writer) error { _, err := io.WriteString(w, "c"); return err }})
		if (b.Len() > 0) != tt.collateShow {
			t.Errorf("%q: collateContent rendered %q", tt.yaml, b.String())
		}
		// A card of a connector only Collate has links to a page only the
		// collate build has.
		card, _ := cfg.Registry(shortcodes.Builtin()).Lookup("connectorInfoCard")
		b.Reset()
		_ = card.Render(&b, &shortcodes.Call{Attrs: map[string]any{"name": "Vault", "href": "/vault", "platform": "Collate"},
			Content: func(io.Writer) error { return nil }, Ctx: linkOnly{}})
		if (b.Len() > 0) != tt.collateShow {
			t.Errorf("%q: the Collate connector's card rendered %q", tt.yaml, b.String())
		}
	}
}

// linkOnly is a shortcodes.Context for tags that only make links.
type linkOnly struct{ shortcodes.Context }

func (linkOnly) Link(href string) string { return href }
