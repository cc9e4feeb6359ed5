package theme

import (
	"fmt"
	"html/template"
	"strings"
	"time"
)

// samplePage is a full page of a realistic site: every part of the layout
// is filled, and the body uses every piece of markup the build emits.
func samplePage(t *Theme) *PageData {
	return &PageData{
		Site: SiteInfo{
			Title:   "Acme Docs",
			BaseURL: "https://docs.example.com",
			Home:    "/",
		},
		Version: VersionInfo{Name: "v1.9.x", Home: "/v1.9.x/", IsDefault: true},
		Versions: []VersionLink{
			{Name: "v1.9.x", URL: "/v1.9.x/deployment/security/azure/auth-code-flow", Current: true, IsDefault: true, SamePage: true},
			{Name: "v1.8.x", URL: "/v1.8.x/deployment/security/azure/auth-code-flow", SamePage: true},
			{Name: "v1.7.x", URL: "/v1.7.x/"},
		},
		Title:       "Azure SSO: auth code flow",
		Description: "Set up single sign-on with Microsoft Entra ID using the authorization code flow.",
		URL:         "/v1.9.x/deployment/security/azure/auth-code-flow",
		Canonical:   "https://docs.example.com/v1.9.x/deployment/security/azure/auth-code-flow",
		NoIndex:     true,
		EditURL:     "https://github.com/acme/docs/edit/main/content/v1.9.x/deployment/security/azure/auth-code-flow.md",
		LastUpdated: time.Date(2024, 3, 4, 23, 30, 0, 0, time.UTC),
		Body:        sampleBody(t),
		TOC: []TOCEntry{
			{Level: 2, ID: "register-the-application", Text: "Register the application"},
			{Level: 3, ID: "step-1-create-a-registration", Text: "Step 1: Create a registration"},
			{Level: 3, ID: "step-2-add-a-client-secret", Text: "Step 2: Add a client secret"},
			{Level: 2, ID: "configure-the-server", Text: "Configure the server"},
			{Level: 2, ID: "settings-reference", Text: "Settings reference"},
			{Level: 2, ID: "next-steps", Text: "Next steps"},
		},
		Breadcrumbs: []Link{
			{Title: "v1.9.x", URL: "/v1.9.x/"},
			{Title: "Deployment", URL: "/v1.9.x/deployment"},
			{Title: "Security", URL: "/v1.9.x/deployment/security"},
			{Title: "Azure SSO", URL: "/v1.9.x/deployment/security/azure"},
		},
		Nav: []*NavNode{
			{Title: "Introduction", URL: "/v1.9.x/"},
			{Title: "Quick start", URL: "/v1.9.x/quick-start", Children: []*NavNode{
				{Title: "Local Docker deployment", URL: "/v1.9.x/quick-start/local-docker-deployment"},
				{Title: "Sandbox", URL: "/v1.9.x/quick-start/sandbox"},
			}},
			{Title: "Deployment", Open: true, Children: []*NavNode{
				{Title: "Docker", URL: "/v1.9.x/deployment/docker"},
				{Title: "Kubernetes", URL: "/v1.9.x/deployment/kubernetes"},
				{Title: "Security", URL: "/v1.9.x/deployment/security", Open: true, Children: []*NavNode{
					{Title: "Basic authentication", URL: "/v1.9.x/deployment/security/basic-auth"},
					{Title: "Azure SSO", URL: "/v1.9.x/deployment/security/azure", Open: true, Children: []*NavNode{
						{Title: "Implicit flow", URL: "/v1.9.x/deployment/security/azure/implicit-flow"},
						{Title: "Auth code flow", URL: "/v1.9.x/deployment/security/azure/auth-code-flow", Current: true},
						{Title: "Docker", URL: "/v1.9.x/deployment/security/azure/docker"},
					}},
					{Title: "Okta SSO", URL: "/v1.9.x/deployment/security/okta", Children: []*NavNode{
						{Title: "Auth code flow", URL: "/v1.9.x/deployment/security/okta/auth-code-flow"},
					}},
				}},
			}},
			{Title: "Connectors", URL: "/v1.9.x/connectors"},
			{Title: "How-to guides", Children: []*NavNode{
				{Title: "Data discovery", URL: "/v1.9.x/how-to-guides/data-discovery"},
			}},
		},
		Prev: &Link{Title: "Implicit flow", URL: "/v1.9.x/deployment/security/azure/implicit-flow"},
		Next: &Link{Title: "Azure SSO for Docker", URL: "/v1.9.x/deployment/security/azure/docker"},
		Assets: Assets{
			CSS:       "/_docgen/docgen.0123abcd.css",
			JS:        "/_docgen/docgen.4567cdef.js",
			ThemeJS:   "/_docgen/docgen-theme.89ab0123.js",
			Highlight: "/_docgen/chroma.cdef4567.css",
			LiveCSS:   "/_docgen/docgen-live.2345bcde.css",
			LiveJS:    "/_docgen/docgen-live.6789ef01.js",
			EmbedJS:   "/_docgen/docgen-embed.abcd0123.js",
			SearchJS:  "/_docgen/docgen-search.abcdef01.js",
		},
		Search: Search{Index: "/_docgen/search/v1.9.x.json", Root: "/"},
	}
}

// minimalPage is a page with nothing optional: no versions, no TOC, no
// breadcrumbs, no neighbours.
func minimalPage() *PageData {
	return &PageData{
		Site:   SiteInfo{Title: "Tiny", Home: "/"},
		Title:  "Tiny",
		URL:    "/",
		Body:   "<h1 id=\"tiny\">Tiny</h1>\n<p>One page.</p>",
		Nav:    []*NavNode{{Title: "Tiny", URL: "/", Current: true}},
		Assets: Assets{CSS: "/_docgen/docgen.0123abcd.css", JS: "/_docgen/docgen.4567cdef.js", ThemeJS: "/_docgen/docgen-theme.89ab0123.js"},
	}
}

// outdatedPage is the sample page in an older version.
func outdatedPage(t *Theme) *PageData {
	p := samplePage(t)
	p.Version = VersionInfo{Name: "v1.8.x", Home: "/v1.8.x/", Outdated: true}
	p.Versions = []VersionLink{
		{Name: "v1.9.x", URL: "/v1.9.x/deployment/security/azure/auth-code-flow", IsDefault: true, SamePage: true},
		{Name: "v1.8.x", URL: "/v1.8.x/deployment/security/azure/auth-code-flow", Current: true, SamePage: true},
	}
	for i := range p.Breadcrumbs {
		p.Breadcrumbs[i].Title = strings.ReplaceAll(p.Breadcrumbs[i].Title, "v1.9.x", "v1.8.x")
		p.Breadcrumbs[i].URL = strings.ReplaceAll(p.Breadcrumbs[i].URL, "v1.9.x", "v1.8.x")
	}
	p.Prev, p.Next = nil, nil
	p.NoIndex = false
	p.EditURL = ""
	p.LastUpdated = time.Time{}
	p.Canonical = ""
	p.Assets.Highlight = ""
	return p
}

func heading(level int, id, text string) string {
	return fmt.Sprintf(`<h%d id="%s"><a class="dg-anchor" href="#%s" aria-hidden="true" tabindex="-1">#</a>%s</h%d>`, level, id, id, text, level)
}

func code(lang, highlighted string) string {
	return `<div class="dg-code" data-lang="` + lang + `"><div class="dg-code__bar"><span class="dg-code__lang">` + lang +
		`</span><button type="button" class="dg-copy" hidden>Copy</button></div><pre class="chroma"><code class="language-` + lang + `">` +
		highlighted + `</code></pre></div>`
}

func note(t *Theme, kind, title, icon, inner string) string {
	svg, _ := t.Icon(icon)
	return `<aside class="dg-note dg-note--` + kind + `" role="note"><p class="dg-note__title">` + string(svg) + ` ` + title + `</p>` + inner + `</aside>`
}

func callout(t *Theme, accent, icon, title, href, text string) string {
	svg, ok := t.Icon(icon)
	if !ok {
		svg, _ = t.Icon(FallbackIcon)
	}
	return `<a class="dg-callout" href="` + href + `" data-accent="` + accent + `"><span class="dg-callout__icon" aria-hidden="true">` + string(svg) +
		`</span><div class="dg-callout__body"><span class="dg-callout__title">` + title + `</span><div class="dg-callout__text"><p>` + text + `</p></div></div></a>`
}

// sampleBody is what the build makes of a real setup guide.
func sampleBody(t *Theme) template.HTML {
	var b strings.Builder
	w := func(s ...string) {
		for _, x := range s {
			b.WriteString(x)
			b.WriteByte('\n')
		}
	}
	w(heading(1, "azure-sso-auth-code-flow", "Azure SSO: auth code flow"),
		`<p>This guide connects the server to <strong>Microsoft Entra ID</strong> with the authorization code flow, so that readers sign in with their work account. It takes about ten minutes; you need admin rights on the tenant.</p>`,
		note(t, "warning", "Warning", "warning", `<p>Delete the default <code>admin</code> account and rotate the <a href="/v1.9.x/deployment/security/enable-jwt-tokens">JWT signing keys</a> before you expose the server: the defaults are for local testing only.</p>`),
		heading(2, "register-the-application", "Register the application"),
		`<p>Open the <a href="https://portal.azure.com">Azure portal</a>, go to <strong>App registrations</strong> and press <kbd>New registration</kbd>. Choose <em>Web</em> as the platform: the server is a confidential client.</p>`,
		heading(3, "step-1-create-a-registration", "Step 1: Create a registration"),
		`<ol><li>Name the application, for example <code>acme-docs-sso</code>.</li><li>Under <strong>Redirect URI</strong>, enter <code>https://acme.example.com/callback</code>.</li><li>Press <kbd>Ctrl</kbd> + <kbd>Enter</kbd> or click <strong>Register</strong>.</li></ol>`,
		`<figure class="dg-figure"><img src="/images/v1.9/deployment/security/azure/create-app.png" alt="The New registration form of the Azure portal" width="1200" height="675" loading="lazy" decoding="async"><figcaption>The registration form, with the redirect URI filled in.</figcaption></figure>`,
		heading(3, "step-2-add-a-client-secret", "Step 2: Add a client secret"),
		`<p>In <strong>Certificates &amp; secrets</strong>, add a client secret and copy its <em>value</em> (not its id) right away: Azure shows it only once.</p>`,
		note(t, "tip", "Tip", "lightbulb", `<p>Set the secret to expire in 12 months and put a reminder in your calendar; an expired secret locks everyone out.</p>`),
		heading(2, "configure-the-server", "Configure the server"),
		`<p>Add the values to the <code>authenticationConfiguration</code> block of <code>server.yaml</code>:</p>`,
		code("yaml", `<span class="line"><span class="cl"><span class="nt">authenticationConfiguration</span><span class="p">:</span></span></span>
<span class="line"><span class="cl">  <span class="nt">provider</span><span class="p">:</span> <span class="l">azure</span></span></span>
<span class="line"><span class="cl">  <span class="nt">publicKeyUrls</span><span class="p">:</span> <span class="p">[</span><span class="s2">&#34;https://login.microsoftonline.com/common/discovery/v2.0/keys&#34;</span><span class="p">,</span> <span class="s2">&#34;https://acme.example.com/api/v1/system/config/jwks&#34;</span><span class="p">]</span></span></span>
<span class="line"><span class="cl">  <span class="nt">authority</span><span class="p">:</span> <span class="l">https://login.microsoftonline.com/c11234b7-b1b2-4854-a0b1-56abd3dea295</span></span></span>
<span class="line"><span class="cl">  <span class="nt">clientId</span><span class="p">:</span> <span class="l">2f1e0b4c-8d3a-4b7e-9c21-6e5f4a3b2c1d</span><span class="w">  </span><span class="c"># Application (client) ID</span></span></span>
<span class="line"><span class="cl">  <span class="nt">callbackUrl</span><span class="p">:</span> <span class="l">https://acme.example.com/callback</span></span></span>
`),
		`<p>Then restart the server:</p>`,
		code("bash", `<span class="line"><span class="cl">docker compose restart server <span class="o">&amp;&amp;</span> docker compose logs -f server <span class="p">|</span> grep -i auth</span></span>
`),
		note(t, "note", "Note", "info", `<p>The <code>authority</code> must name your tenant. With <code>common</code>, any Microsoft account could sign in.</p>`),
		`<p>If the server does not start, look for the <span class="dg-unknown-tag">{% badge label="beta" %}</span> marker in the logs.</p>`,
		`<div class="dg-unknown-tag" role="note"><p>Unknown tag <code>{% tabs %}</code>: docgen has no renderer for it, so its content is shown as is.</p></div>`,
		heading(2, "settings-reference", "Settings reference"),
		`<div class="dg-table"><table><thead><tr><th>Setting</th><th>Where to find it</th><th>Example</th></tr></thead><tbody>`+
			`<tr><td><code>clientId</code></td><td>Overview → Application (client) ID</td><td><code>2f1e0b4c-8d3a-4b7e-9c21-6e5f4a3b2c1d</code></td></tr>`+
			`<tr><td><code>authority</code></td><td>Overview → Directory (tenant) ID, appended to the login host</td><td><code>https://login.microsoftonline.com/c11234b7-b1b2-4854-a0b1-56abd3dea295</code></td></tr>`+
			`<tr><td><code>callbackUrl</code></td><td>Authentication → Redirect URIs</td><td><code>https://acme.example.com/callback</code></td></tr>`+
			`</tbody></table></div>`,
		`<blockquote><p>The tenant id is not a secret, but the client secret is: keep it out of version control.</p></blockquote>`,
		`<ul><li>Sign-in works for members of the tenant only.</li><li>Guests need an invitation first.<ul><li>Invite them from <strong>Users</strong>.</li></ul></li></ul>`,
		`<hr>`,
		heading(2, "next-steps", "Next steps"),
		`<div class="dg-callouts">`,
		callout(t, "violet-70", "celebration", "Docker Security", "/v1.9.x/deployment/security/azure/docker", "Configure Azure SSO for your Docker deployment."),
		callout(t, "blue-50", "storage", "Bare metal", "/v1.9.x/deployment/security/azure/bare-metal", "Run the same setup on your own servers."),
		callout(t, "teal-60", "fit_screen", "Kubernetes", "/v1.9.x/deployment/security/azure/kubernetes", "Set the values through Helm chart overrides."),
		callout(t, "orange-40", "cable", "Connectors", "/v1.9.x/connectors", "Bring in metadata from 80+ sources."),
		callout(t, "green-60", "MdArrowBack", "Back to security", "/v1.9.x/deployment/security", "All the ways to secure the server."),
		callout(t, "mauve-30", "no_such_icon", "Unknown accent", "/v1.9.x/", "Falls back to the site accent and the generic icon."),
		`</div>`,
	)
	return template.HTML(b.String())
}
