package theme

import (
	"html/template"
	"time"
)

// PageData is everything a page layout gets. The build fills it; the theme
// only presents it. URLs are absolute paths on the site (they start with
// "/", or with the site's path prefix when it is hosted under one).
type PageData struct {
	Site    SiteInfo
	Version VersionInfo
	// Versions lists every version of the site, for the version switcher.
	// Each URL points to the same page in that version when it exists
	// there, else to that version's home.
	Versions []VersionLink

	Title       string
	Description string
	// URL is this page's own URL; Canonical the one URL search engines
	// should index (the /latest/ copy of a default-version page declares
	// the versioned URL, or the reverse, as the build decides).
	URL       string
	Canonical string
	NoIndex   bool
	// NoFollow asks search engines not to follow the page's links.
	NoFollow bool
	// EditURL is where a reader can edit the page's source; "" for none.
	EditURL string
	// LastUpdated is when the page's source last changed, in UTC; the
	// zero time when unknown.
	LastUpdated time.Time

	// Body is the rendered page content (trusted HTML made by the build).
	Body template.HTML
	// TOC lists the page's h2 and h3 headings, in order.
	TOC []TOCEntry
	// Breadcrumbs leads from the version home to this page's parent.
	Breadcrumbs []Link
	// Nav is the sidebar tree of the page's version. The node of this page
	// has Current set, and its ancestors Open.
	Nav []*NavNode
	// Prev and Next are the neighbouring pages in navigation order, or nil.
	Prev, Next *Link

	// Assets are the URLs of the theme's stylesheet and script, with a
	// content hash in their names so they can be cached forever.
	Assets Assets

	// Search tells the page's search box where its index is; the zero
	// value means no search box.
	Search Search
}

// Search locates the search index a page's search box queries.
type Search struct {
	// Index is the URL of the manifest of the search index of the page's
	// version ("/_docgen/search/v1.9.x.json"). It is not content-hashed:
	// it stays the same when the text of other pages changes, so they do
	// not have to be written again.
	Index string
	// Root is the URL of the site's root: "/", or the path prefix the
	// site is served under ("/docs/"), with a trailing slash. The index
	// holds page URLs without the prefix ("/v1.9.x/x/"); the script puts
	// them under Root.
	Root string
}

// SiteInfo describes the site.
type SiteInfo struct {
	Title   string
	BaseURL string // absolute, with scheme; "" when unknown
	// Home is the URL of the site's landing page.
	Home string
}

// VersionInfo describes the version a page belongs to.
type VersionInfo struct {
	Name      string // "v1.9.x"
	Home      string // URL of the version's home page
	IsDefault bool
	// Outdated is set on versions older than the default one. A version
	// that is neither default nor outdated is newer than the default one
	// (a release still being written).
	Outdated bool
}

// VersionLink is one entry of the version switcher.
type VersionLink struct {
	Name      string
	URL       string
	Current   bool
	IsDefault bool
	// SamePage is set when URL is this page in that version, rather than
	// that version's home.
	SamePage bool
}

// TOCEntry is a heading in the on-page table of contents.
type TOCEntry struct {
	Level int // 2 or 3
	ID    string
	Text  string
}

// Link is a titled URL.
type Link struct {
	Title string
	URL   string
}

// NavNode is an entry of the sidebar. A node without URL is a section
// label only.
type NavNode struct {
	Title    string
	URL      string
	Current  bool
	Open     bool
	Children []*NavNode
	// HTML, when set, is the node as partials/nav-item.html rendered it
	// before (see Theme.RenderNavItem); layouts output it instead of
	// rendering the node again. A build of a large site renders the entries
	// that are not on the current page's path once, not on every page.
	HTML template.HTML
}

// Assets are the theme's files a page links to.
type Assets struct {
	CSS string
	JS  string
	// ThemeJS is the tiny script the page loads, blocking, in <head> to
	// apply the reader's stored light/dark choice before the first paint.
	// Added by the theme package (Theme.Assets fills it).
	ThemeJS string
	// Highlight is the URL of the build's generated chroma stylesheet
	// (/_docgen/chroma.<hash>.css), linked after CSS; "" for none. Added
	// by the theme package; the build sets it.
	Highlight string
	// LiveCSS and LiveJS style and run the live values of a page (the
	// reader-editable values of a guide, filled into prose and code): the
	// stylesheet is linked after Highlight, the script deferred. Theme.Assets
	// fills them; the build may clear them on pages without live values.
	LiveCSS string
	LiveJS  string
	// EmbedJS loads the player of a youtube or storyLane tag when the
	// reader clicks its link, loaded deferred. Theme.Assets fills it.
	EmbedJS string
	// CodeJS runs the code tags (language tabs, explanations beside code,
	// listing copy); loaded deferred. Theme.Assets fills it.
	CodeJS string
	// SearchJS runs the header's search box (deferred); it fetches the
	// index of PageData.Search only when the reader first uses the box.
	// Theme.Assets fills it.
	SearchJS string
}
