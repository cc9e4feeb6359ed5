// Package config reads a site's docgen.yaml: a plain struct with defaults,
// decoded strictly (an unknown key is a positioned error with a "did you
// mean"), and a Validate that names the bad field.
//
// It imports shortcodes to turn declared tags into schemas, and nothing of
// the Markdown pipeline.
package config

import (
	"bytes"
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/internal/live"
	"github.com/docgen/docgen/internal/suggest"
	"github.com/docgen/docgen/parser"
	"github.com/docgen/docgen/shortcodes"
	"go.yaml.in/yaml/v3"
)

// FileName is the name of a site's config file.
const FileName = "docgen.yaml"

// Config is a site's configuration.
type Config struct {
	Title          string            `yaml:"title"`
	BaseURL        string            `yaml:"baseURL"`
	Versions       []string          `yaml:"versions"`
	DefaultVersion string            `yaml:"defaultVersion"`
	Markup         Markup            `yaml:"markup"`
	Limits         Limits            `yaml:"limits"`
	Tags           map[string]TagDef `yaml:"tags"`
	Variables      map[string]any    `yaml:"variables"`
	// Live declares the live variables pages share: values readers type
	// once and every snippet fills in (see internal/live).
	Live []live.Variable `yaml:"live"`
	// Checks adjusts the build's link, anchor and image checks.
	Checks Checks `yaml:"checks"`
	// Redirects send old URLs to their new place, besides the aliases
	// pages declare in their front matter.
	Redirects []Redirect `yaml:"redirects"`
	// EditURL, when set, gives every page an "edit this page" link: EditURL
	// followed by the page's path in the site folder
	// ("https://github.com/org/repo/edit/main/docs/" +
	// "content/v1.9.x/x.md"), so it names the site folder's place in the
	// repository.
	EditURL string `yaml:"editURL"`
	// Edition is the product edition this build is: "oss" (the default)
	// or "collate". collateContent and ossContent show only in theirs,
	// and pages with collate: true are built only for collate.
	Edition string `yaml:"edition"`
	// Editions holds what differs between the editions' builds: variables
	// (a brandName...) that override Variables in that edition.
	Editions map[string]Edition `yaml:"editions"`
}

// The editions, as site and build name them (see shortcodes.Editions).
const (
	EditionOSS     = shortcodes.EditionOSS
	EditionCollate = shortcodes.EditionCollate
)

// Edition is the settings of one product edition.
type Edition struct {
	Variables map[string]any `yaml:"variables"`
}

// EditionName returns the edition being built.
func (c *Config) EditionName() string {
	if c.Edition == "" {
		return shortcodes.DefaultEdition
	}
	return c.Edition
}

// SiteVariables returns the variables pages see: Variables, with the
// current edition's over them.
func (c *Config) SiteVariables() map[string]any {
	ed := c.Editions[c.EditionName()].Variables
	if len(ed) == 0 {
		return c.Variables
	}
	out := make(map[string]any, len(c.Variables)+len(ed))
	for k, v := range c.Variables {
		out[k] = v
	}
	for k, v := range ed {
		out[k] = v
	}
	return out
}

// ValidEdition reports whether name is an edition a site can be built as.
func ValidEdition(name string) bool {
	for _, e := range shortcodes.Editions() {
		if e == name {
			return true
		}
	}
	return false
}

// Markup configures how pages are read.
type Markup struct {
	// Alias accepts <% ... %> as {% ... %} outside code. On unless set to
	// false: real content is written with it.
	Alias *bool `yaml:"alias"`
	// Comments reads <!-- --> as comments (dropped from output). On unless
	// set to false.
	Comments *bool `yaml:"comments"`
}

// AliasEnabled reports whether the <% %> alias is on.
func (m Markup) AliasEnabled() bool { return m.Alias == nil || *m.Alias }

// CommentsEnabled reports whether HTML comments are comments.
func (m Markup) CommentsEnabled() bool { return m.Comments == nil || *m.Comments }

// Limits bound what one page may cost to parse (see internal/limits); zero
// keeps the default.
type Limits struct {
	MaxBytes       int `yaml:"maxBytes"`
	MaxDepth       int `yaml:"maxDepth"`
	MaxNestedLines int `yaml:"maxNestedLines"`
	MaxInlineWork  int `yaml:"maxInlineWork"`
}

// TagDef declares a site's own tag, with Markdoc's schema fields.
type TagDef struct {
	// Placement is "block", "inline" or "any" (the default).
	Placement   string                  `yaml:"placement"`
	SelfClosing bool                    `yaml:"selfClosing"`
	Attributes  map[string]AttributeDef `yaml:"attributes"`
	Doc         string                  `yaml:"doc"`
}

// AttributeDef declares one attribute of a site tag.
type AttributeDef struct {
	// Type is String, Number, Boolean, Array or Object; empty accepts any.
	Type       string `yaml:"type"`
	Required   bool   `yaml:"required"`
	Matches    []any  `yaml:"matches"`
	ErrorLevel string `yaml:"errorLevel"`
	Doc        string `yaml:"doc"`
}

// Parse decodes a config file. Problems are diagnostics positioned in the
// file; the returned config is usable (defaults where a field was bad) even
// when there are errors.
func Parse(path string, data []byte) (*Config, diag.List) {
	file := diag.NewFile(path, data)
	var cfg Config
	var diags diag.List
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		diags.Add(yamlError(file, err))
		return &cfg, diags
	}
	if len(root.Content) == 0 {
		return &cfg, diags // an empty file is the default config
	}
	doc := root.Content[0]
	checkKeys(file, doc, reflect.TypeOf(cfg), &diags)
	if err := doc.Decode(&cfg); err != nil {
		if te, ok := err.(*yaml.TypeError); ok {
			// One diagnostic per bad field, each at its value.
			for _, e := range te.Errors {
				d := yamlError(file, fmt.Errorf("%s", e))
				if n := valueNodeFor(doc, e); n != nil {
					d.Offset = nodeOffset(file, n)
				}
				diags.Add(d)
			}
		} else {
			diags.Add(yamlError(file, err))
		}
	}
	cfg.validate(file, doc, &diags)
	return &cfg, diags
}

var yamlLine = regexp.MustCompile(`line (\d+)(?:, column (\d+))?: `)

// yamlError turns a YAML error, which names a line in its text, into a
// positioned diagnostic.
func yamlError(file *diag.File, err error) *diag.Diagnostic {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
	off := 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		col := 1
		if m[2] != "" {
			col, _ = strconv.Atoi(m[2])
		}
		off = offsetOf(file.Src, line, col)
		msg = yamlLine.ReplaceAllString(msg, "")
	}
	return &diag.Diagnostic{File: file, Offset: off, Level: diag.Error, ID: "config-invalid", Msg: msg}
}

var quotedValue = regexp.MustCompile("line (\\d+): cannot unmarshal \\S+ `([^`]*)`")

// valueNodeFor finds the scalar a YAML type error is about: the error names
// its line and its value, not its column.
func valueNodeFor(doc *yaml.Node, msg string) *yaml.Node {
	m := quotedValue.FindStringSubmatch(msg)
	if m == nil {
		return nil
	}
	line, _ := strconv.Atoi(m[1])
	var found *yaml.Node
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if found != nil {
			return
		}
		if n.Kind == yaml.ScalarNode && n.Line == line && n.Value == m[2] {
			found = n
			return
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(doc)
	return found
}

// offsetOf returns the byte offset of a 1-based line and column.
func offsetOf(src []byte, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return len(src)
		}
		off += i + 1
	}
	return min(off+col-1, len(src))
}

func nodeOffset(file *diag.File, n *yaml.Node) int { return offsetOf(file.Src, n.Line, n.Column) }

// checkKeys reports mapping keys that name no field of t, recursively, so a
// typo like "defaultVerison" is an error at its own line and column.
func checkKeys(file *diag.File, n *yaml.Node, t reflect.Type, diags *diag.List) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return // the decoder reports the type mismatch
		}
		fields := map[string]reflect.Type{}
		var names []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name == "" || name == "-" {
				continue
			}
			fields[name] = f.Type
			names = append(names, name)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			ft, ok := fields[k.Value]
			if !ok {
				d := &diag.Diagnostic{File: file, Offset: nodeOffset(file, k), Level: diag.Error, ID: "config-invalid",
					Msg: fmt.Sprintf("unknown key %q", k.Value)}
				if h := suggest.DidYouMean(k.Value, names); h != "" {
					d.Hint = h
				} else {
					d.Hint = "known keys: " + strings.Join(names, ", ")
				}
				diags.Add(d)
				continue
			}
			checkKeys(file, v, ft, diags)
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			checkKeys(file, n.Content[i+1], t.Elem(), diags)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return
		}
		for _, c := range n.Content {
			checkKeys(file, c, t.Elem(), diags)
		}
	}
}

// find returns the value node at a key path, for positioning errors found
// after decoding; it falls back to the nearest existing ancestor.
func find(n *yaml.Node, path ...string) *yaml.Node {
	for _, key := range path {
		if n.Kind == yaml.SequenceNode {
			i, err := strconv.Atoi(key)
			if err != nil || i < 0 || i >= len(n.Content) {
				return n
			}
			n = n.Content[i]
			continue
		}
		if n.Kind != yaml.MappingNode {
			return n
		}
		found := false
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				n, found = n.Content[i+1], true
				break
			}
		}
		if !found {
			return n
		}
	}
	return n
}

func (c *Config) validate(file *diag.File, doc *yaml.Node, diags *diag.List) {
	bad := func(msg string, path ...string) {
		diags.Add(&diag.Diagnostic{File: file, Offset: nodeOffset(file, find(doc, path...)), Level: diag.Error,
			ID: "config-invalid", Msg: msg})
	}
	if c.DefaultVersion != "" && len(c.Versions) > 0 {
		found := false
		for _, v := range c.Versions {
			found = found || v == c.DefaultVersion
		}
		if !found {
			bad(fmt.Sprintf("defaultVersion %q is not one of versions %v", c.DefaultVersion, c.Versions), "defaultVersion")
		}
	}
	for _, l := range []struct {
		key   string
		value int
	}{
		{"maxBytes", c.Limits.MaxBytes}, {"maxDepth", c.Limits.MaxDepth},
		{"maxNestedLines", c.Limits.MaxNestedLines}, {"maxInlineWork", c.Limits.MaxInlineWork},
	} {
		if l.value < 0 {
			bad("limits."+l.key+" must not be negative", "limits", l.key)
		}
	}
	if c.EditURL != "" {
		if u, err := url.Parse(c.EditURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad(fmt.Sprintf("editURL %q is not an http or https URL", c.EditURL), "editURL")
		}
	}
	if c.Edition != "" && !ValidEdition(c.Edition) {
		bad(fmt.Sprintf("edition must be one of %s, not %q", strings.Join(shortcodes.Editions(), ", "), c.Edition), "edition")
	}
	for name := range c.Editions {
		if !ValidEdition(name) {
			diags.Add(&diag.Diagnostic{File: file, Offset: nodeOffset(file, keyNode(doc, "editions", name)), Level: diag.Error,
				ID: "config-invalid", Msg: fmt.Sprintf("editions.%s: the editions are %s", name, strings.Join(shortcodes.Editions(), ", "))})
		}
	}
	for name, t := range c.Tags {
		if _, err := t.schema(name); err != nil {
			bad(err.Error(), append([]string{"tags", name}, err.path...)...)
		}
	}
	c.Checks.validate(bad)
	for i := range c.Redirects {
		c.Redirects[i].validate(i, bad)
		c.Redirects[i].Offset = nodeOffset(file, find(doc, "redirects", strconv.Itoa(i)))
	}
}

// keyNode returns the key node of name in the mapping at parent, for
// errors about a key itself.
func keyNode(doc *yaml.Node, parent, name string) *yaml.Node {
	m := find(doc, parent)
	if m.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == name {
				return m.Content[i]
			}
		}
	}
	return m
}

type fieldError struct {
	msg  string
	path []string
}

func (e *fieldError) Error() string { return e.msg }

// Registry returns the built-in tags extended with the site's own, with
// the tags whose output depends on the product edition (collateContent,
// ossContent and the connector tags) set for the site's edition. A site tag
// may not redefine a built-in one; such a clash is reported by Parse.
func (c *Config) Registry(builtin *shortcodes.Registry) *shortcodes.Registry {
	r := builtin.Clone()
	edition := c.EditionName()
	for _, s := range append(shortcodes.EditionTags(edition), shortcodes.EditionLayoutTags(edition)...) {
		r.Replace(s)
	}
	for name, t := range c.Tags {
		s, err := t.schema(name)
		if err != nil {
			continue
		}
		r.Replace(s)
	}
	return r
}

func (t TagDef) schema(name string) (*shortcodes.Schema, *fieldError) {
	if !parser.IsIdentifier(name) {
		return nil, &fieldError{msg: fmt.Sprintf("tag name %q is not a Markdoc identifier (letters, digits, _ and -)", name)}
	}
	s := &shortcodes.Schema{Name: name, SelfClosing: t.SelfClosing, Doc: t.Doc, Attributes: map[string]shortcodes.Attribute{}}
	switch t.Placement {
	case "", "any":
	case "block":
		s.Placement = shortcodes.BlockOnly
	case "inline":
		s.Placement = shortcodes.InlineOnly
	default:
		return nil, &fieldError{msg: fmt.Sprintf("tags.%s.placement must be block, inline or any, not %q", name, t.Placement), path: []string{"placement"}}
	}
	for an, a := range t.Attributes {
		attr := shortcodes.Attribute{Required: a.Required, Doc: a.Doc}
		if a.Type != "" {
			typ, ok := shortcodes.ParseType(a.Type)
			if !ok {
				return nil, &fieldError{msg: fmt.Sprintf("tags.%s.attributes.%s.type must be String, Number, Boolean, Array or Object, not %q", name, an, a.Type),
					path: []string{"attributes", an, "type"}}
			}
			attr.Type = typ
		}
		if a.ErrorLevel != "" {
			l, ok := diag.ParseLevel(a.ErrorLevel)
			if !ok {
				return nil, &fieldError{msg: fmt.Sprintf("tags.%s.attributes.%s.errorLevel must be debug, info, warning, error or critical, not %q", name, an, a.ErrorLevel),
					path: []string{"attributes", an, "errorLevel"}}
			}
			attr.ErrorLevel = l
		}
		for _, m := range a.Matches {
			attr.Matches = append(attr.Matches, fromYAML(m))
		}
		s.Attributes[an] = attr
	}
	return s, nil
}

// fromYAML converts a decoded YAML value to a tag value (numbers are
// doubles, as in tags).
func fromYAML(v any) parser.Value {
	switch v := v.(type) {
	case int:
		return float64(v)
	case int64:
		return float64(v)
	case uint64:
		return float64(v)
	case float32:
		return float64(v)
	case []any:
		out := make([]parser.Value, len(v))
		for i, x := range v {
			out[i] = fromYAML(x)
		}
		return out
	case map[string]any:
		o := &parser.Object{}
		for k, x := range v {
			o.Set(k, fromYAML(x))
		}
		return o
	}
	return v
}
