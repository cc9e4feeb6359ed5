package fastlex

// The words of chroma's SQL lexer (lexers/embedded/sql.xml of chroma
// v2.27.0), lower-cased; TestSQLWords checks each against chroma. The
// keyword list there also has " TEMP", with a leading space, which never
// matches: white space is taken by the rule before.

// sqlKeywords is the alternation of the Keyword rule but END-EXEC, which
// sqlLexer.word handles.
func sqlKeywords() []string {
	return []string{
		"datetime_interval_precision", "parameter_specific_catalog", "paramater_ordinal_position",
		"user_defined_type_catalog", "paramater_specific_schema", "transactions_rolled_back",
		"user_defined_type_schema", "parameter_specific_name", "datetime_interval_code",
		"transactions_committed", "user_defined_type_name", "character_set_catalog",
		"dynamic_function_code", "command_function_code", "returned_octet_length", "message_octet_length",
		"character_set_schema", "constraint_catalog", "transaction_active", "character_set_name",
		"current_timestamp", "constraint_schema", "collation_catalog", "returned_sqlstate",
		"dynamic_function", "condition_number", "character_length", "command_function",
		"collation_schema", "characteristics", "trigger_catalog", "connection_name", "subclass_origin",
		"returned_length", "timezone_minute", "constraint_name", "routine_catalog", "trigger_schema",
		"routine_schema", "localtimestamp", "implementation", "paramater_name", "message_length",
		"parameter_mode", "collation_name", "timezone_hour", "specific_name", "deterministic",
		"corresponting", "authorization", "instantiable", "current_time", "current_user", "routine_name",
		"nocreateuser", "message_text", "sqlexception", "catalog_name", "session_user", "class_origin",
		"current_role", "specifictype", "serializable", "current_date", "octet_length", "current_path",
		"trigger_name", "char_length", "system_user", "referencing", "unencrypted", "column_name",
		"sqlwarninig", "diagnostics", "cursor_name", "server_name", "insensitive", "schema_name",
		"uncommitted", "transaction", "constructor", "lancompiler", "cardinality", "constraints",
		"translation", "checkpoint", "constraint", "connection", "privileges", "completion", "conversion",
		"delimiters", "table_name", "inditcator", "initialize", "descriptor", "repeatable", "createuser",
		"deferrable", "destructor", "procedural", "dictionary", "disconnect", "transforms", "key_member",
		"bit_length", "asymmetric", "assignment", "asensitive", "overriding", "parameters", "references",
		"ordinality", "nocreatedb", "statistics", "deallocate", "save_point", "recursive", "structure",
		"substring", "immediate", "generated", "symmetric", "statement", "increment", "immutable",
		"including", "committed", "temporary", "initially", "terminate", "precision", "delimiter",
		"timestamp", "intersect", "isolation", "transform", "translate", "row_count", "assertion",
		"parameter", "exclusive", "localtime", "validator", "aggregate", "excluding", "sensitive",
		"exception", "encrypted", "operation", "hierarchy", "collation", "procedure", "continue",
		"encoding", "minvalue", "specific", "absolute", "security", "whenever", "existing", "volatile",
		"maxvalue", "external", "nullable", "variable", "sqlerror", "distinct", "dispatch", "location",
		"allocate", "overlaps", "unlisten", "rollback", "truncate", "describe", "sqlstate", "backward",
		"function", "language", "key_type", "cascaded", "position", "trailing", "deferred", "relative",
		"defaults", "coalsece", "preorder", "grouping", "modifies", "inherits", "preserve", "database",
		"restrict", "identity", "template", "national", "contains", "createdb", "implicit", "operator",
		"convert", "current", "connect", "recheck", "primary", "storage", "declare", "default", "handler",
		"collate", "prepare", "reindex", "granted", "checked", "postfix", "replace", "instead", "catalog",
		"restart", "invoker", "placing", "pendant", "defined", "iterate", "partial", "cascade", "breadth",
		"general", "trigger", "session", "between", "definer", "lateral", "leading", "returns", "trusted",
		"unknown", "forward", "unnamed", "overlay", "fortran", "analyze", "options", "analyse", "foreign",
		"routine", "locator", "destroy", "sublist", "verbose", "extract", "notnull", "explain", "version",
		"sqlcode", "execute", "nothing", "dynamic", "without", "similar", "natural", "comment", "cluster",
		"pascal", "source", "equals", "called", "escape", "except", "select", "isnull", "domain",
		"search", "scroll", "simple", "bitvar", "minute", "exists", "schema", "atomic", "method",
		"notify", "access", "unique", "rollup", "nullif", "object", "stable", "column", "revoke",
		"offset", "commit", "modify", "freeze", "delete", "return", "result", "unnest", "option",
		"global", "values", "rename", "system", "static", "update", "output", "listen", "stdout",
		"strict", "public", "ignore", "prefix", "second", "create", "length", "before", "having",
		"insert", "vacuum", "cursor", "elsif", "using", "alter", "stype", "cycle", "large", "input",
		"cross", "inout", "inner", "infix", "index", "level", "usage", "ilike", "valid", "owner", "grant",
		"reads", "upper", "limit", "outer", "stdin", "sysid", "group", "alias", "order", "until", "local",
		"reset", "start", "count", "lower", "table", "prior", "after", "state", "admin", "right", "cobol",
		"found", "match", "force", "abort", "first", "final", "close", "deref", "fetch", "where", "false",
		"scale", "begin", "class", "toast", "write", "nclob", "nchar", "check", "chain", "space", "names",
		"every", "mumps", "cache", "union", "under", "setof", "month", "share", "scope", "treat", "show",
		"size", "some", "sets", "self", "else", "each", "drop", "type", "from", "rule", "desc", "rows",
		"zone", "role", "true", "free", "full", "goto", "trim", "hold", "host", "data", "read", "into",
		"user", "join", "cube", "last", "left", "less", "like", "load", "lock", "open", "copy", "only",
		"oids", "view", "when", "than", "then", "null", "none", "with", "work", "next", "year", "mode",
		"cast", "case", "move", "call", "more", "both", "exec", "clob", "out", "mod", "are", "sum", "day",
		"get", "avg", "new", "sql", "abs", "min", "asc", "end", "row", "not", "for", "any", "pli", "max",
		"ref", "map", "ada", "key", "and", "add", "all", "old", "off", "pad", "set", "or", "on", "to",
		"is", "of", "in", "if", "go", "as", "do", "at", "no", "by", "c", "g",
	}
}

// sqlBuiltins is the alternation of the NameBuiltin rule.
func sqlBuiltins() []string {
	return []string{
		"character", "smallint", "interval", "decimal", "serial8", "varying", "boolean", "varchar",
		"integer", "numeric", "serial", "binary", "bigint", "number", "float", "array", "text", "real",
		"int8", "date", "char", "blob", "dec", "bit", "int",
	}
}
