package shortcodes

// MultiTablesWrapper sets the tables it holds side by side where the page
// is wide enough, one under the other where it is not.
func MultiTablesWrapper() *Schema {
	return &Schema{
		Name:   "multiTablesWrapper",
		Doc:    "Tables side by side on wide screens.",
		Render: container("div", "dg-tables"),
	}
}
