package build

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/docgen/docgen/internal/diag"
	"github.com/docgen/docgen/internal/highlight"
	"github.com/docgen/docgen/internal/live"
	"github.com/docgen/docgen/internal/markdown"
	"github.com/docgen/docgen/internal/site"
)

// pageLive is the live variables of one page: the site's and its own.
type pageLive struct {
	set      *live.Set
	examples map[string]string
	forms    [][]string // the ids each panel lists (nil: what the page uses)
}

// liveFor builds a page's live variables, reporting declaration problems
// at the declaration (the site's in docgen.yaml, the page's in its front
// matter).
func (b *builder) liveFor(p *site.Page, report func(*diag.Diagnostic)) *pageLive {
	set, problems := live.NewSet(b.site.Config.Live, p.Front.Live)
	for _, pr := range problems {
		file := b.configFile
		if declaredIn(p.Front.Live, pr.ID) {
			file = p.File
		}
		level := diag.Error
		if pr.Level == "warning" {
			level = diag.Warning
		}
		msg := trailingCode.ReplaceAllString(pr.Msg, "")
		report(&diag.Diagnostic{File: file, Offset: declarationOffset(file, pr.ID, pr.Field), Level: level,
			ID: "live-invalid", Msg: fmt.Sprintf("live variable %q: %s", pr.ID, msg)})
	}
	return &pageLive{set: set, examples: set.Examples()}
}

func declaredIn(vars []live.Variable, id string) bool {
	for _, v := range vars {
		if v.ID == id {
			return true
		}
	}
	return false
}

// declarationOffset finds where a variable (and, if possible, the field at
// fault) is declared in a YAML file: the "id: X" line, then the field below
// it. YAML decoding into structs keeps no positions, and a near position
// beats none.
func declarationOffset(file *diag.File, id, field string) int {
	if file == nil {
		return 0
	}
	re := regexp.MustCompile(`(?m)^[ \t-]*id:[ \t]*["']?` + regexp.QuoteMeta(id) + `["']?[ \t]*$`)
	loc := re.FindIndex(file.Src)
	if loc == nil {
		return 0
	}
	start := loc[0] + bytes.Index(file.Src[loc[0]:loc[1]], []byte("id:"))
	if field != "" {
		rest := file.Src[loc[1]:]
		if next := regexp.MustCompile(`(?m)^[ \t-]*id:`).FindIndex(rest); next != nil {
			rest = rest[:next[0]]
		}
		if f := regexp.MustCompile(`(?m)^[ \t]*` + regexp.QuoteMeta(field) + `:`).FindIndex(rest); f != nil {
			off := loc[1] + f[0]
			return off + len(rest[f[0]:f[1]]) - len(field) - 1
		}
	}
	return start
}

// liveEnv adds the live-variable services to a render environment.
func (b *builder) liveEnv(env *markdown.RenderEnv, pl *pageLive) {
	env.Live = func(path []any) (string, string, bool) {
		if len(path) != 1 {
			return "", "", false
		}
		id, _ := path[0].(string)
		if _, ok := pl.set.Lookup(id); !ok {
			return "", "", false
		}
		return id, pl.examples[id], true
	}
	env.HighlightMarked = func(w io.Writer, code, lang string, marks []markdown.Mark) (bool, error) {
		hm := make([]highlight.Mark, len(marks))
		for i, m := range marks {
			hm[i] = highlight.Mark{Start: m.Start, End: m.End, ID: m.ID}
		}
		return b.hl.HighlightMarked(w, code, lang, hm)
	}
	env.CheckSnippet = func(lang, code string) (int, int, string, bool) {
		if e := live.CheckSnippet(lang, code); e != nil {
			return e.Line, e.Col, e.Msg, true
		}
		return 0, 0, "", false
	}
	env.LiveForm = func(w io.Writer, ids []string) error {
		fmt.Fprintf(w, "<!--dg-live-form:%d-->", len(pl.forms))
		pl.forms = append(pl.forms, ids)
		return nil
	}
}

// trailingCode is the " [guid-format]" the live package ends some messages
// with; the diagnostic prints its own id.
var trailingCode = regexp.MustCompile(` \[[a-z-]+\]$`)

var formMarker = regexp.MustCompile(`<!--dg-live-form:(\d+)-->`)

// placeForms replaces the panel markers of a rendered page with the panels,
// now that the page's uses of live values are all known.
func (b *builder) placeForms(body []byte, pl *pageLive, used []string, report func(*diag.Diagnostic), file *diag.File) []byte {
	if len(pl.forms) == 0 {
		return body // no marker: ReplaceAllFunc would copy the body all the same
	}
	n := 0
	return formMarker.ReplaceAllFunc(body, func(m []byte) []byte {
		i, _ := strconv.Atoi(string(formMarker.FindSubmatch(m)[1]))
		n++
		if n > 1 {
			report(&diag.Diagnostic{File: file, Level: diag.Warning, ID: "live-form-repeated",
				Msg: "a page shows one values panel; this liveForm is left out"})
			return nil
		}
		ids := pl.forms[i]
		if ids == nil {
			ids = used
		}
		var out bytes.Buffer
		b.writePanel(&out, pl, ids, report, file)
		return out.Bytes()
	})
}

// inputsFor returns the input variables the listed ones need, in
// declaration order: a derived variable needs what its template reads.
func inputsFor(set *live.Set, ids []string) []*live.Variable {
	need := map[string]bool{}
	var visit func(id string)
	visit = func(id string) {
		v, ok := set.Lookup(id)
		if !ok || need[id] {
			return
		}
		need[id] = true
		if v.Derived != "" {
			for _, ref := range live.Refs(v.Derived) {
				visit(strings.SplitN(ref, ".", 2)[0])
			}
		}
	}
	for _, id := range ids {
		visit(id)
	}
	var out []*live.Variable
	for _, v := range set.Ordered() {
		if need[v.ID] && v.Derived == "" {
			out = append(out, v)
		}
	}
	return out
}

// writePanel writes the values panel: a table of the values to replace,
// which is what readers without JavaScript see, and the form the script
// shows instead.
func (b *builder) writePanel(w *bytes.Buffer, pl *pageLive, ids []string, report func(*diag.Diagnostic), file *diag.File) {
	for _, id := range ids {
		if _, ok := pl.set.Lookup(id); !ok {
			report(&diag.Diagnostic{File: file, Level: diag.Error, ID: "live-undefined",
				Msg: fmt.Sprintf("liveForm lists %q, which is no live variable of this page", id)})
		}
	}
	inputs := inputsFor(pl.set, ids)
	if len(inputs) == 0 {
		return
	}
	cfg, err := pl.set.JSON()
	if err != nil {
		report(&diag.Diagnostic{File: file, Level: diag.Error, ID: "live-invalid", Msg: err.Error()})
		return
	}
	esc := template.HTMLEscapeString
	fmt.Fprintf(w, `<section class="dg-live-panel" data-live-form data-live-namespace="%s" data-live-config="%s" aria-labelledby="dg-live-title">`+"\n",
		esc(b.liveNamespace), esc(string(cfg)))
	w.WriteString(`<h2 class="dg-live-panel__title" id="dg-live-title">Your values</h2>` + "\n")
	w.WriteString(`<p class="dg-live-panel__intro">Type your own values: every snippet on this page, and on the other pages that use them, fills them in. They stay in this browser.</p>` + "\n")
	w.WriteString(`<table class="dg-live-table"><caption>Values to replace</caption>` + "\n")
	w.WriteString(`<thead><tr><th scope="col">In this guide</th><th scope="col">Replace with</th><th scope="col">Where to find it</th></tr></thead><tbody>` + "\n")
	for _, v := range inputs {
		fmt.Fprintf(w, `<tr data-live-row="%s"><td><var class="dg-live" data-live="%s">%s</var></td><td>%s</td><td>%s</td></tr>`+"\n",
			esc(v.ID), esc(v.ID), esc(pl.examples[v.ID]), esc(v.Label), esc(v.Help))
	}
	w.WriteString("</tbody></table>\n")
	w.WriteString(`<form class="dg-live-form" hidden novalidate>` + "\n")
	hasSecret := false
	for _, v := range inputs {
		id := "dg-live-" + v.ID
		fmt.Fprintf(w, `<div class="dg-live-field" data-live-field="%s">`, esc(v.ID))
		fmt.Fprintf(w, `<label for="%s">%s</label>`, esc(id), esc(v.Label))
		described := fmt.Sprintf(`aria-describedby="%s-help %s-msg"`, esc(id), esc(id))
		required := ""
		if v.Required {
			required = " required"
		}
		switch {
		case v.Type == "enum":
			fmt.Fprintf(w, `<select id="%s" name="%s" %s%s>`, esc(id), esc(v.ID), described, required)
			for _, o := range v.Options {
				sel := ""
				if o.Value == v.Example {
					sel = " selected"
				}
				fmt.Fprintf(w, `<option value="%s"%s>%s</option>`, esc(o.Value), sel, esc(o.Label))
			}
			w.WriteString("</select>")
		case v.Sensitive:
			hasSecret = true
			fmt.Fprintf(w, `<input id="%s" name="%s" type="password" autocomplete="off" spellcheck="false" placeholder="%s" %s%s>`,
				esc(id), esc(v.ID), esc(v.Example), described, required)
			fmt.Fprintf(w, `<button type="button" class="dg-live-reveal" aria-controls="%s" aria-pressed="false" hidden>Show</button>`, esc(id))
		default:
			fmt.Fprintf(w, `<input id="%s" name="%s" type="text" autocomplete="off" spellcheck="false" placeholder="%s" %s%s>`,
				esc(id), esc(v.ID), esc(v.Example), described, required)
		}
		fmt.Fprintf(w, `<p class="dg-live-help" id="%s-help">%s</p><p class="dg-live-msg" id="%s-msg"></p></div>`+"\n", esc(id), esc(v.Help), esc(id))
	}
	w.WriteString(`<div class="dg-live-actions">`)
	if hasSecret {
		w.WriteString(`<label class="dg-live-remember"><input type="checkbox" data-live-remember-secrets> Remember secret values in this browser</label>`)
	}
	w.WriteString(`<button type="button" class="dg-live-forget" data-live-forget>Forget my values</button></div>` + "\n")
	w.WriteString(`<p class="dg-live-status" role="status" aria-live="polite"></p>` + "\n</form>\n</section>\n")
}
