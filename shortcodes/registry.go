package shortcodes

import (
	"fmt"
	"sort"
)

// Registry holds the tags a site can use. Build it once (Builtin, then Add
// for a site's own tags) and pass it to whatever parses and renders pages.
type Registry struct {
	tags map[string]*Schema
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{tags: make(map[string]*Schema)}
}

// Builtin returns a registry with every tag docgen ships.
func Builtin() *Registry {
	r := NewRegistry()
	for _, s := range []*Schema{
		If(), Else(), Partial(), Table(), Slot(),
		Image(), InlineCalloutContainer(), InlineCallout(), Note(), LiveForm(),
		// Layout, steps, media and API-page tags.
		TilesContainer(), Tile(), ConnectorsListContainer(), ConnectorInfoCard(""), ConnectorDetailsHeader(""),
		MultiTablesWrapper(), Divider(), StepsContainer(), Step(), StepDescription(), StepVisualInfo(),
		ExtraContent(), YouTube(), StoryLane(), Icon(), Banner(), Callout(),
		APIPageContainer(), APIInfoContainer(), APIDescription(), APIVisualInfo(),
		CodePreview(), CodeInfoContainer(), CodeInfo(), CodeBlock(), CodeWithLanguageSelector(),
		CollateContent(DefaultEdition), OSSContent(DefaultEdition),
	} {
		r.MustAdd(s)
	}
	return r
}

// Add registers a schema, replacing none: a name registered twice is an
// error, so a site cannot shadow a tag by accident.
func (r *Registry) Add(s *Schema) error {
	if s.Name == "" {
		return fmt.Errorf("shortcodes: schema without a name")
	}
	if _, dup := r.tags[s.Name]; dup {
		return fmt.Errorf("shortcodes: tag %q is already defined", s.Name)
	}
	r.tags[s.Name] = s
	return nil
}

// Replace registers a schema, replacing any schema of the same name.
func (r *Registry) Replace(s *Schema) { r.tags[s.Name] = s }

// MustAdd is Add for schemas built into the program, where a clash is a bug.
func (r *Registry) MustAdd(s *Schema) {
	if err := r.Add(s); err != nil {
		panic(err)
	}
}

// Lookup returns the schema of a tag.
func (r *Registry) Lookup(name string) (*Schema, bool) {
	s, ok := r.tags[name]
	return s, ok
}

// Names returns the registered tag names, sorted.
func (r *Registry) Names() []string {
	names := make([]string, 0, len(r.tags))
	for n := range r.tags {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Clone returns a copy that can be extended without changing r.
func (r *Registry) Clone() *Registry {
	c := NewRegistry()
	for n, s := range r.tags {
		c.tags[n] = s
	}
	return c
}
