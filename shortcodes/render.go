package shortcodes

import (
	"html/template"
	"io"
)

// RenderFunc renders one use of a tag.
type RenderFunc func(w io.Writer, c *Call) error

// Call is one use of a tag, as its renderer sees it: no syntax tree, only
// the evaluated attributes, a way to render the content, and the services
// of Context.
type Call struct {
	Name string
	// Attrs holds the evaluated attribute values (see Eval), .class
	// shorthands merged into "class".
	Attrs  map[string]any
	Inline bool
	// HasContent is false for self-closing tags and empty pairs.
	HasContent bool
	// Content renders the tag's content.
	Content func(w io.Writer) error
	// Children is the same content node by node, for tags that arrange
	// their children themselves (a tab per fence); comments are left out.
	Children []Child
	Ctx      Context
}

// Child is one node of a tag's content.
type Child struct {
	// Type is the node's Markdoc type: "fence", "paragraph", "tag",
	// "list", "heading"...
	Type string
	// Name is a tag's name.
	Name string
	// Lang is a fence's language: its info string up to the first space.
	Lang string
	// Attrs are a tag's attributes, or a fence's info-string attributes
	// ({% srNumber=2 %}), evaluated.
	Attrs map[string]any
	// Render writes the node as it would appear in Content.
	Render func(w io.Writer) error
}

// String returns a string attribute, or "" when it is absent or not a
// string.
func (c *Call) String(name string) string {
	s, _ := c.Attrs[name].(string)
	return s
}

// ImageInfo is a static image a page shows.
type ImageInfo struct {
	URL           string
	Width, Height int // intrinsic size in pixels, 0 when unknown
}

// Context is what a tag's renderer may ask of the page being built. Every
// method reports its own problems (a missing image, an unknown icon) as
// diagnostics at the tag.
type Context interface {
	// Link turns an href as written into the URL to put in the page (a path
	// without a version goes into the page's version).
	Link(href string) string
	// Image resolves an image reference.
	Image(src string) (ImageInfo, bool)
	// Icon returns the inline SVG of a named icon, falling back to a
	// generic icon (with a warning) for an unknown name.
	Icon(name string) template.HTML
	// Partial renders a partial file in place.
	Partial(w io.Writer, file string, vars map[string]any) error
	// LiveForm writes the panel where readers enter their values for the
	// page's live variables: the given ids, or, when ids is nil, every
	// live variable the page uses.
	LiveForm(w io.Writer, ids []string) error
	// Heading records a heading the tag writes itself, so that the page
	// outline stays nested and links can point to it by the id rule of
	// Markdown headings; it returns the level and the id, unique on the
	// page. The level is one below the section the tag is in (at most h6).
	// A section heading (a connector page's name) opens a section that
	// later tag headings go below, and is h1 when no section came before;
	// another (a step's title) is a sibling of the tag headings before it,
	// and h2 when no section came before.
	Heading(text string, section bool) (level int, id string)
	// Warn reports a problem at the tag.
	Warn(id, format string, args ...any)
}
