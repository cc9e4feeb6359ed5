package shortcodes

import (
	"fmt"
	"html/template"
	"io"
	"strings"
)

// container returns the renderer of a tag that only lays out its content:
// the content inside an element with a class.
func container(el, class string) RenderFunc {
	return func(w io.Writer, c *Call) error { return wrap(w, c, el, class) }
}

// wrap writes the content of c inside <el class="class">, or inside a span
// when the tag stands inside text, where a block element would end the
// paragraph around it.
func wrap(w io.Writer, c *Call, el, class string) error {
	if c.Inline {
		el = "span"
	}
	if _, err := fmt.Fprintf(w, `<%s class="%s">`, el, class); err != nil {
		return err
	}
	if err := c.Content(w); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "</%s>", el)
	return err
}

// blockOr returns el for a tag on its own lines and span for one inside
// text.
func blockOr(c *Call, el string) string {
	if c.Inline {
		return "span"
	}
	return el
}

// isExternal reports whether an href leaves the site: it has a scheme
// (https:, mailto:) or starts with //.
func isExternal(href string) bool {
	if strings.HasPrefix(href, "//") {
		return true
	}
	for i, r := range href {
		switch {
		case r == ':':
			return i > 0
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', i > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.'):
		default:
			return false
		}
	}
	return false
}

// externalMark is what follows the text of a link that leaves the site: an
// icon for the eye and words for a screen reader.
func externalMark(c *Call) string {
	return ` <span class="dg-external">` + string(c.Ctx.Icon("open_in_new")) +
		`<span class="dg-visually-hidden">(another site)</span></span>`
}

// stringList returns an array attribute's strings, warning about entries that
// are not strings (a number, or a variable that holds an object).
func (c *Call) stringList(name string) []string {
	list, ok := c.Attrs[name].([]any)
	if !ok {
		return nil
	}
	out := make([]string, 0, len(list))
	for _, v := range list {
		s, ok := v.(string)
		if !ok {
			c.Ctx.Warn("attribute-value-invalid", "%s lists strings; %s is not one and is left out", name, Format(v))
			continue
		}
		out = append(out, s)
	}
	return out
}

// heading writes a heading the tag registers with Context.Heading, with the
// anchor link Markdown headings below h1 have. Inside text, where a heading
// cannot stand, the text is written in bold instead.
func heading(w io.Writer, c *Call, class, text string, section bool) {
	esc := template.HTMLEscapeString
	if c.Inline {
		fmt.Fprintf(w, `<strong class="%s">%s</strong> `, class, esc(text))
		return
	}
	level, id := c.Ctx.Heading(text, section)
	fmt.Fprintf(w, `<h%d class="%s"`, level, class)
	if id != "" {
		fmt.Fprintf(w, ` id="%s">`, esc(id))
		if level > 1 {
			fmt.Fprintf(w, `<a class="dg-anchor" href="#%s" aria-hidden="true" tabindex="-1">#</a>`, esc(id))
		}
	} else {
		io.WriteString(w, ">")
	}
	fmt.Fprintf(w, "%s</h%d>", esc(text), level)
}
