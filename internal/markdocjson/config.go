package markdocjson

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/internal/markdown"
	"github.com/docgen/docgen/parser"
	"github.com/docgen/docgen/shortcodes"
)

// Config is the JSON config of the conformance corpus
// (shared/conformance/markdoc-config.json): which tags exist, which
// partials and variables are known.
type Config struct {
	AllowComments    bool                 `json:"allowComments"`
	AllowIndentation bool                 `json:"allowIndentation"`
	GenericTags      []string             `json:"genericTags"`
	StrictTags       map[string]strictTag `json:"strictTags"`
	Partials         []string             `json:"partials"`
	Variables        map[string]any       `json:"variables"`
}

type strictTag struct {
	Inline      *bool                      `json:"inline"`
	SelfClosing bool                       `json:"selfClosing"`
	Attributes  map[string]strictAttribute `json:"attributes"`
}

type strictAttribute struct {
	Type       string `json:"type"`
	Required   bool   `json:"required"`
	Matches    []any  `json:"matches"`
	ErrorLevel string `json:"errorLevel"`
}

// ParseConfig decodes a config, refusing unknown fields so that a typo is
// not silently ignored.
func ParseConfig(data []byte) (*Config, error) {
	var c Config
	dec := json.NewDecoder(bytesReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return nil, err
	}
	return &c, nil
}

// Options returns the parse options the config implies. The <% %> alias is
// off: Markdoc has none.
func (c *Config) Options() markdown.Options {
	return markdown.Options{NoComments: !c.AllowComments}
}

// Env returns the validation environment: Markdoc's built-in tags, the
// generic and strict tags, the partials and the variables.
func (c *Config) Env() (*markdown.Env, error) {
	reg := shortcodes.Builtin()
	for _, name := range c.GenericTags {
		reg.Replace(&shortcodes.Schema{Name: name, Generic: true})
	}
	for name, st := range c.StrictTags {
		s := &shortcodes.Schema{Name: name, SelfClosing: st.SelfClosing, Attributes: map[string]shortcodes.Attribute{}}
		if st.Inline != nil {
			if *st.Inline {
				s.Placement = shortcodes.InlineOnly
			} else {
				s.Placement = shortcodes.BlockOnly
			}
		}
		for an, sa := range st.Attributes {
			a := shortcodes.Attribute{Required: sa.Required}
			if sa.Type != "" {
				t, ok := shortcodes.ParseType(sa.Type)
				if !ok {
					return nil, fmt.Errorf("strictTags.%s.attributes.%s.type: unknown type %q", name, an, sa.Type)
				}
				a.Type = t
			}
			for _, m := range sa.Matches {
				a.Matches = append(a.Matches, fromJSON(m))
			}
			if sa.ErrorLevel != "" {
				l, ok := diag.ParseLevel(sa.ErrorLevel)
				if !ok {
					return nil, fmt.Errorf("strictTags.%s.attributes.%s.errorLevel: unknown level %q", name, an, sa.ErrorLevel)
				}
				a.ErrorLevel = l
			}
			s.Attributes[an] = a
		}
		reg.Replace(s)
	}
	partials := map[string]bool{}
	for _, p := range c.Partials {
		partials[p] = true
	}
	vars := c.Variables
	return &markdown.Env{
		Tags:            reg,
		PartialExists:   func(f string) bool { return partials[f] },
		VariableDefined: func(path []any) bool { return Defined(vars, path) },
	}, nil
}

// fromJSON converts a decoded JSON value to a tag value.
func fromJSON(v any) parser.Value {
	switch v := v.(type) {
	case []any:
		out := make([]parser.Value, len(v))
		for i, x := range v {
			out[i] = fromJSON(x)
		}
		return out
	case map[string]any:
		o := &parser.Object{}
		for k, x := range v {
			o.Set(k, fromJSON(x))
		}
		return o
	}
	return v
}

// Defined reports whether a variable path exists in vars, with JavaScript's
// own-property rules: array indices and string characters are properties.
func Defined(vars map[string]any, path []any) bool {
	if vars == nil {
		return true
	}
	var cur any = vars
	for _, seg := range path {
		key := ""
		switch s := seg.(type) {
		case string:
			key = s
		case float64:
			key = strconv.FormatFloat(s, 'f', -1, 64)
		}
		switch c := cur.(type) {
		case map[string]any:
			v, ok := c[key]
			if !ok {
				return false
			}
			cur = v
		case []any:
			if key == "length" {
				cur = float64(len(c))
				continue
			}
			i, err := strconv.Atoi(key)
			if err != nil || i < 0 || i >= len(c) || strconv.Itoa(i) != key {
				return false
			}
			cur = c[i]
		case string:
			if key == "length" {
				cur = float64(len(c))
				continue
			}
			i, err := strconv.Atoi(key)
			if err != nil || i < 0 || i >= len(c) || strconv.Itoa(i) != key {
				return false
			}
			cur = c[i : i+1]
		default:
			return false
		}
	}
	return true
}
