// Package watch owns turning file-system events under a site folder into
// batches of changed paths for `docgen serve`.
//
// A Watcher watches directories, never single files: editors save by writing
// a temporary file and renaming it over the original, and a watch held on
// the original's inode would be gone after the first save. Every directory
// under the root that Options.Ignore lets through is watched when New
// returns; a directory created, copied or moved into the tree later is
// watched as soon as its event arrives, and the files it already holds are
// reported, since they may have been written before its watch existed.
//
// Events are batched: a Batch is sent once the folder has been quiet for
// Options.Quiet, so a save that touches three names, or a git checkout of
// five hundred files, arrives as one Batch; while a changed file is
// missing (a save by rename moves it away for an instant) the wait is
// Options.QuietGone instead. Options.MaxDelay bounds how long a
// continuous stream can hold a Batch back. Editors' temporary files (see
// IsTemp) never appear in a Batch and never delay one. When the kernel's
// event queue overflows, or a directory cannot be watched, the Batch says
// Rescan and the caller rebuilds everything.
//
// It imports the standard library and github.com/fsnotify/fsnotify only. It
// knows nothing of the build: paths are reported, not interpreted.
package watch
