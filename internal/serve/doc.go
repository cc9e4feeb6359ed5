// Package serve owns serving a built site from memory to authors'
// browsers, with live reload: docgen serve publishes each build here as a
// Snapshot, and the server swaps it in, works out what changed, and tells
// the open tabs over server-sent events.
//
// It knows nothing about how a site is built: it receives snapshots (output
// path → bytes, plus the build's diagnostics) and imports nothing from this
// module. It never touches the disk: a URL is decoded, cleaned with
// path.Clean and looked up in the snapshot's map, nothing else.
//
// The reload script is injected by the server into every HTML page it
// serves (its 404 page too), never written to the output (as in Hugo's
// livereloadinject), so a snapshot's bytes stay exactly what docgen build
// writes. Like esbuild's serve mode, reload is sent only after a build
// that succeeded and changed the page; a build with errors shows an
// overlay in the page instead. A stylesheet whose content-hashed name
// changed is swapped in the open pages without reloading them.
//
// The server owns these URLs, ahead of any file of the snapshot:
//
//	/_docgen/livereload.js         the script injected into pages
//	/_docgen/livereload-worker.js  the SharedWorker holding one event stream per browser
//	/_docgen/overlay.css           the error overlay's style
//	/_docgen/events                the event stream
//
// The event stream carries these events:
//
//	hello   on connect: {"server": "<random id>", "version": N, "recent": [...]}
//	reload  a JSON list of the URL paths of the pages to reload: ["/v1.9.x/a/"]
//	css     a JSON map of stylesheet URL paths, old → new: {"/_docgen/docgen.1a2b3c4d.css": "/_docgen/docgen.5e6f7a8b.css"}
//	errors  the latest build has errors: {"errors": N, "warnings": N, "diagnostics": [...], "omitted": N}
//	ok      the errors are cleared
//
// Every event has the id "<server>.<version>", where version counts the
// publishes that sent something; pages are stamped with the id of the
// last one (data-version on the injected script tag). hello.recent lists
// what the last versions reloaded and swapped, so a tab loaded just before
// a publish, or cut off for a while, catches up and reloads only if its
// own page changed; a tab whose server restarted reloads once.
//
// In the page, the overlay is a <div id="docgen-overlay"> whose open shadow
// root holds the panel, so the page's own CSS cannot restyle it.
//
// Safety defaults: only the bound address, localhost, 127.0.0.1, [::1]
// and Options.ExtraHosts (with the bound port) are accepted as Host (DNS
// rebinding); the event stream also refuses a cross-origin Origin; no CORS
// header is ever sent; HTTPServer sets header and idle timeouts but no
// WriteTimeout, which would cut the event streams (see HTTPServer).
package serve
