// Package archtest holds no code: its test enforces the import direction of
// DESIGN.md (parser ← shortcodes ← markdown ← site ← cmd), so the picture
// there cannot silently rot.
package archtest
