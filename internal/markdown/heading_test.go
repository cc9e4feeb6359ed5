package markdown

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/docgen/docgen/shortcodes"
)

// TestTagHeadings: the level and id of the headings tags write through
// Context.Heading follow the page's sections.
func TestTagHeadings(t *testing.T) {
	reg := shortcodes.Builtin()
	for name, section := range map[string]bool{"h": false, "hs": true} {
		reg.Replace(&shortcodes.Schema{Name: name, Generic: true, Render: func(w io.Writer, c *shortcodes.Call) error {
			level, id := c.Ctx.Heading(c.String("t"), section)
			_, err := fmt.Fprintf(w, "[%d %s]", level, id)
			return err
		}})
	}
	tests := []struct{ name, src, want string }{
		{"no section yet", "{% h t=\"1. Go\" /%}\n\n{% h t=\"2. Stop\" /%}\n", "[2 1.-go][2 2.-stop]"},
		{"section heading first", "{% hs t=\"Athena\" /%}\n\n{% h t=\"Step\" /%}\n", "[1 athena][2 step]"},
		{"below the current section", "# T\n\n## Setup\n\n{% h t=\"a\" /%}\n\n{% h t=\"b\" /%}\n\n### Deep\n\n{% h t=\"c\" /%}\n", "[3 a][3 b][4 c]"},
		{"a heading in a tag is no section", "## S\n\n{% note %}\n#### Inside\n{% /note %}\n\n{% h t=\"a\" /%}\n", "[3 a]"},
		{"ids unique with Markdown's", "## Go\n\n{% h t=\"Go\" /%}\n", "[3 go-1]"},
		{"at most h6", "###### Six\n\n{% h t=\"x\" /%}\n", "[6 x]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := New(Options{}).Parse("page.md", Normalize([]byte(tt.src)))
			var b bytes.Buffer
			if err := Render(&b, page, &RenderEnv{Tags: reg}); err != nil {
				t.Fatal(err)
			}
			var got strings.Builder
			for _, part := range strings.SplitAfter(b.String(), "]") {
				if i := strings.LastIndex(part, "["); i >= 0 {
					got.WriteString(part[i:])
				}
			}
			if got.String() != tt.want {
				t.Errorf("got %s, want %s\nHTML: %s", got.String(), tt.want, b.String())
			}
		})
	}
}
