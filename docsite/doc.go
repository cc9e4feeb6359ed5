// Package docsite lets a product show a docgen site as its in-app help:
// build the site from any fs.FS into memory, or open one built earlier
// (and embedded with embed.FS), and serve it as an http.Handler under a
// path prefix such as /help/.
//
// Every page is also available as a fragment, its body without the site's
// header, sidebar and footer, for a help panel; Site.Pages lists them with
// their titles, headings and summaries. The pages and fragments load only
// files the handler serves, with no inline script or style, so a product
// with a strict Content-Security-Policy (default-src 'self') can show them.
//
// A product page that inserts a fragment loads the stylesheets and scripts
// of Site.Assets once, then announces each inserted fragment so that its
// copy buttons and live values start:
//
//	panel.innerHTML = fragmentHTML
//	document.dispatchEvent(new CustomEvent("docgen:content", {detail: {root: panel}}))
//
// This is docgen's public API; everything else is internal.
package docsite
