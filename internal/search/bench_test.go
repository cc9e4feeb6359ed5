package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// body is a rendered page body in the build's markup, about 30 KB.
func body() []byte {
	var b strings.Builder
	b.WriteString(`<h1 id="guide">Guide</h1><p>Intro with <strong>bold</strong> and <code>AUTH_ID</code>.</p>`)
	b.WriteString(`<section class="dg-live-panel" data-live-config="{&#34;vars&#34;:[]}"><h2 id="dg-live-title">Your values</h2><table><tr><td>x</td></tr></table></section>`)
	for i := range 12 {
		fmt.Fprintf(&b, `<h2 id="step-%d:-do-it"><a class="dg-anchor" href="#step-%d:-do-it" aria-hidden="true" tabindex="-1">#</a>Step %d: Do it</h2>`, i, i, i)
		b.WriteString(`<p>Open the <a href="/x/">portal</a> and copy the <strong>Directory (tenant) ID</strong> &amp; the client secret; the server listens on port 8585.</p><ul><li>One thing to do.</li><li>Another, with <var class="dg-live" data-live="baseUrl">https://openmetadata.example.com</var>.</li></ul>`)
		b.WriteString(`<div class="dg-code" data-lang="yaml"><div class="dg-code__bar"><span class="dg-code__lang">yaml</span><button type="button" class="dg-copy" hidden>Copy</button></div><pre class="chroma"><code class="language-yaml">`)
		for range 8 {
			b.WriteString(`<span class="nt">authenticationConfiguration</span><span class="p">:</span> <span class="s2">&#34;value&#34;</span>` + "\n")
		}
		b.WriteString(`</code></pre></div><aside class="dg-note dg-note--tip" role="note"><span class="dg-note__title"><svg class="dg-icon" viewBox="0 0 24 24"><path d="M1 2z"/></svg> Tip</span><p>Keep the secret in a store.</p></aside>`)
	}
	return []byte(b.String())
}

func BenchmarkExtract(b *testing.B) {
	data := body()
	e := NewExtractor(chrome...)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		e.Extract(data)
	}
}

func BenchmarkNewPage(b *testing.B) {
	data := body()
	sections := NewExtractor(chrome...).Extract(data)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		NewPage("/v1/guide/", "Guide", "A guide.", sections)
	}
}

// BenchmarkBuild assembles the index of 10,000 synthetic pages: "cold"
// encodes every shard (a full build), "one-edited" after one page changed
// (the preview server's case, which reuses the other shards).
func BenchmarkBuild(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	pages := corpus(r, 10000)
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			(&Indexer{}).Build([]Index{{Name: "v1", Pages: pages}})
		}
	})
	b.Run("one-edited", func(b *testing.B) {
		x := &Indexer{}
		x.Build([]Index{{Name: "v1", Pages: pages}})
		i := 0
		for b.Loop() {
			p := pages[i%len(pages)]
			edited := append([]*Page(nil), pages...)
			edited[i%len(pages)] = &Page{url: p.url, title: p.title, heads: p.heads, terms: p.terms, tends: p.tends, occs: p.occs, ends: p.ends}
			x.Build([]Index{{Name: "v1", Pages: edited}})
			i++
		}
	})
}
