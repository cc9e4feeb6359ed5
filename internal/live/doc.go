// Package live owns docgen's live variables: the reader-editable values a
// page or the site declares (a tenant id, a client id, a base URL...), the
// rules that check what a reader types, the derived values computed from
// them, and the build-time checks of snippets once they are filled.
//
// The browser script applies the same rules: Validate and Derive are written
// as small, explicit algorithms (no net/url, no regular expressions whose
// dialects differ) so that a JavaScript port can match them case for case,
// and testdata/validation.json is the table of cases both sides run.
//
// It imports only the standard library and go.yaml.in/yaml/v3. It must not
// import goldmark or any stage of the build: the build calls it.
package live
