package shortcodes

import (
	"fmt"
	"io"
)

// LiveForm places the panel where readers enter their own values:
// {% liveForm /%} for every live variable the page uses, or
// {% liveForm vars=["tenantId", "clientId"] /%} for some. A page that uses
// live variables without one gets the panel before the first use.
func LiveForm() *Schema {
	return &Schema{
		Name:        "liveForm",
		Placement:   BlockOnly,
		SelfClosing: true,
		Attributes: map[string]Attribute{
			"vars": {Type: Array, Doc: "the ids of the variables to list; all the page uses when absent"},
		},
		Doc:    "The form where readers type the values that fill the page's snippets.",
		Render: renderLiveForm,
	}
}

func renderLiveForm(w io.Writer, c *Call) error {
	var ids []string
	if list, ok := c.Attrs["vars"].([]any); ok {
		for _, v := range list {
			s, ok := v.(string)
			if !ok {
				c.Ctx.Warn("attribute-value-invalid", "vars lists variable ids as strings; %v is not one", v)
				continue
			}
			ids = append(ids, s)
		}
		if ids == nil {
			ids = []string{}
		}
	}
	if err := c.Ctx.LiveForm(w, ids); err != nil {
		return fmt.Errorf("liveForm: %w", err)
	}
	return nil
}
