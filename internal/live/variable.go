package live

import (
	"strings"
)

// The variable types a declaration may name.
const (
	TypeGUID        = "guid"
	TypeDomain      = "domain"
	TypeTenant      = "tenant"
	TypeURL         = "url"
	TypeRedirectURI = "redirect_uri"
	TypeEnum        = "enum"
	TypeString      = "string"
	TypeSecret      = "secret"
)

// typeNames lists the known types in the order messages print them.
const typeNames = "guid, domain, tenant, url, redirect_uri, enum, string, secret"

// knownType reports whether t is one of the variable types.
func knownType(t string) bool {
	switch t {
	case TypeGUID, TypeDomain, TypeTenant, TypeURL, TypeRedirectURI, TypeEnum, TypeString, TypeSecret:
		return true
	}
	return false
}

// Variable is one live variable as a page or the site declares it.
type Variable struct {
	// ID is the Markdoc identifier ([a-zA-Z0-9_-]+) content uses, as in
	// {% $tenantId %}.
	ID    string `yaml:"id" json:"id"`
	Label string `yaml:"label" json:"label"`
	// Type is one of guid, domain, tenant, url, redirect_uri, enum, string
	// and secret ("" means string). It is ignored when Derived is set.
	Type string `yaml:"type" json:"type"`
	// Help says where the reader finds the value.
	Help string `yaml:"help" json:"help,omitempty"`
	// Example is shown until the reader types; it must pass its own type.
	Example  string `yaml:"example" json:"example"`
	Required bool   `yaml:"required" json:"required,omitempty"`
	// Sensitive values are masked, not persisted unless the reader opts in,
	// and never taken from the URL. Type secret implies it.
	Sensitive bool `yaml:"sensitive" json:"sensitive,omitempty"`
	// Placeholder is what copy writes for a missing required value; it
	// defaults to the upper snake case of ID in angle brackets
	// (tenantId → <TENANT_ID>).
	Placeholder string `yaml:"placeholder" json:"placeholder"`
	// Options are the choices of an enum, and only of an enum.
	Options []Option `yaml:"options" json:"options,omitempty"`
	// Derived is a template computed from other values, such as
	// "https://{cloud.host}/{tenantId}" (see Derive).
	Derived string `yaml:"derived" json:"derived,omitempty"`
}

// Option is one choice of an enum variable.
type Option struct {
	Value string `yaml:"value" json:"value"`
	Label string `yaml:"label" json:"label"`
	// Props are named values templates read as {enumId.prop}, such as the
	// sign-in host of a cloud.
	Props map[string]string `yaml:"props" json:"props,omitempty"`
}

// Normalize fills in v's defaults: ID, Type, Example and option values are
// trimmed of ASCII white space; Type is lower-cased and "" becomes string; a
// secret is Sensitive; an enum's Example defaults to its first option; an
// option's Label defaults to its Value; Label defaults to the words of ID
// ("tenantId" → "Tenant ID") and Placeholder to the upper snake case of ID in
// angle brackets ("<TENANT_ID>").
func (v *Variable) Normalize() {
	v.ID = trimSpace(v.ID)
	v.Type = strings.ToLower(trimSpace(v.Type))
	if v.Type == "" {
		v.Type = TypeString
	}
	v.Example = trimSpace(v.Example)
	if v.Type == TypeSecret {
		v.Sensitive = true
	}
	for i := range v.Options {
		o := &v.Options[i]
		o.Value = trimSpace(o.Value)
		if o.Label == "" {
			o.Label = o.Value
		}
	}
	if v.Type == TypeEnum && v.Derived == "" && v.Example == "" && len(v.Options) > 0 {
		v.Example = v.Options[0].Value
	}
	if v.Label == "" {
		v.Label = labelOf(v.ID)
	}
	if v.Placeholder == "" && v.ID != "" {
		v.Placeholder = "<" + upperSnake(v.ID) + ">"
	}
}

// clone returns a deep copy of v, so a Set never shares options or props
// with the declarations it was built from.
func (v Variable) clone() *Variable {
	c := v
	if v.Options != nil {
		c.Options = make([]Option, len(v.Options))
		for i, o := range v.Options {
			c.Options[i] = o
			if o.Props != nil {
				c.Options[i].Props = make(map[string]string, len(o.Props))
				for k, p := range o.Props {
					c.Options[i].Props[k] = p
				}
			}
		}
	}
	return &c
}

// isIdent reports whether s is a Markdoc identifier: [a-zA-Z0-9_-]+.
func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIdentByte(s[i]) {
			return false
		}
	}
	return true
}

func isIdentByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// initialisms are the words labels spell in capitals.
var initialisms = map[string]bool{
	"id": true, "ids": true, "url": true, "uri": true, "api": true, "dns": true, "guid": true,
	"uuid": true, "http": true, "https": true, "oidc": true, "sso": true, "jwks": true, "saml": true,
}

// words splits an identifier into words at '_', '-' and case changes:
// "tenantId" → tenant, Id; "redirectURI" → redirect, URI; "baseURLPath" →
// base, URL, Path.
func words(id string) []string {
	var out []string
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			out = append(out, id[start:end])
		}
		start = -1
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c == '_' || c == '-' {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		prev := id[i-1]
		upper := c >= 'A' && c <= 'Z'
		switch {
		case upper && (prev >= 'a' && prev <= 'z' || prev >= '0' && prev <= '9'):
			flush(i)
			start = i
		case upper && prev >= 'A' && prev <= 'Z' && i+1 < len(id) && id[i+1] >= 'a' && id[i+1] <= 'z':
			flush(i)
			start = i
		}
	}
	flush(len(id))
	return out
}

// labelOf turns an identifier into a label: "clientSecret" → "Client secret",
// "tenantId" → "Tenant ID".
func labelOf(id string) string {
	ws := words(id)
	for i, w := range ws {
		lw := strings.ToLower(w)
		switch {
		case initialisms[lw]:
			ws[i] = strings.ToUpper(w)
		case i == 0 && lw[0] >= 'a' && lw[0] <= 'z':
			ws[i] = string(lw[0]-'a'+'A') + lw[1:]
		case i == 0:
			ws[i] = lw
		default:
			ws[i] = lw
		}
	}
	return strings.Join(ws, " ")
}

// upperSnake turns an identifier into upper snake case: "tenantId" →
// "TENANT_ID", "client-id" → "CLIENT_ID".
func upperSnake(id string) string {
	ws := words(id)
	for i, w := range ws {
		ws[i] = strings.ToUpper(w)
	}
	return strings.Join(ws, "_")
}
