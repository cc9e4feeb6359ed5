package shortcodes

// Table is Markdoc's list table: rows are lists separated by "---", and a
// cell may span columns with an annotation ({% colspan=2 %}).
func Table() *Schema {
	return &Schema{
		Name:      "table",
		Placement: BlockOnly,
		Children:  []string{"table"},
		Doc:       "A table written as lists, for cells that hold block content.",
	}
}
