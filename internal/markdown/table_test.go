package markdown

import (
	"strings"
	"testing"

	"github.com/docgen/docgen/shortcodes"
)

// TestListTableCellAttributes checks that the annotations of a list
// table's items reach the cells, as Markdoc renders them.
func TestListTableCellAttributes(t *testing.T) {
	tests := []struct {
		name, page string
		want       []string
	}{
		{"colspan", "{% table %}\n* Setting\n* Docker\n* Kubernetes\n---\n* Client ID {% colspan=2 %}\n* x\n{% /table %}\n",
			[]string{`<td colspan="2">Client ID </td>`}},
		{"rowspan and align", "{% table %}\n* A\n* B\n---\n* a {% rowspan=2 align=\"center\" %}\n* b\n---\n* c\n{% /table %}\n",
			[]string{`<td rowspan="2" align="center">a </td>`}},
		{"header width", "{% table %}\n* Name {% width=\"30%\" %}\n* Value\n---\n* a\n* b\n{% /table %}\n",
			[]string{`<th width="30%">Name </th>`, `<th>Value</th>`}},
		{"class and id", "{% table %}\n* H\n---\n* a {% .yes #first %}\n{% /table %}\n",
			[]string{`<td id="first" class="yes">a </td>`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, diags := renderCase(t, map[string][]byte{"page.md": []byte(tt.page)}, shortcodes.Builtin())
			if diags != "" {
				t.Errorf("diagnostics: %s", diags)
			}
			for _, w := range tt.want {
				if !strings.Contains(html, w) {
					t.Errorf("no %s in\n%s", w, html)
				}
			}
		})
	}
}
