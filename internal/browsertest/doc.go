// Package browsertest holds the end-to-end tests that need a real browser:
// this repo's site is built in memory, served on loopback, and driven in
// headless Chromium. It has no code of its own; under CI=true a missing
// Chromium fails the tests instead of skipping them.
package browsertest
