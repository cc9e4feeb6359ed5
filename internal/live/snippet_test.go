package live

import (
	"strings"
	"testing"
)

type snippetCase struct {
	name, lang, code string
	line, col        int    // 0: no error
	msg              string // part of the message
}

func runSnippetCases(t *testing.T, cases []snippetCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.lang+"/"+tc.name, func(t *testing.T) {
			got := CheckSnippet(tc.lang, tc.code)
			switch {
			case tc.line == 0 && got != nil:
				t.Errorf("CheckSnippet(%q) = %v, want nil", tc.code, got)
			case tc.line == 0:
			case got == nil:
				t.Errorf("CheckSnippet(%q) = nil, want %d:%d: %s", tc.code, tc.line, tc.col, tc.msg)
			case got.Line != tc.line || got.Col != tc.col || !strings.Contains(got.Msg, tc.msg):
				t.Errorf("CheckSnippet(%q) = %v, want %d:%d: ...%s...", tc.code, got, tc.line, tc.col, tc.msg)
			}
		})
	}
}

func TestCheckSnippetLanguages(t *testing.T) {
	runSnippetCases(t, []snippetCase{
		{"unchecked language", "python", "print('unclosed", 0, 0, ""},
		{"no language", "", "{", 0, 0, ""},
		{"blank", "json", "  \n\t\n", 0, 0, ""},
		{"case and attributes", "YAML {title=x}", "a: *b\n", 1, 4, "unknown anchor"},
		{"yml", "yml", "a: [1\n", 2, 1, "did not find expected ',' or ']'"},
	})
}

func TestCheckSnippetYAML(t *testing.T) {
	runSnippetCases(t, []snippetCase{
		{"fine", "yaml", "authentication:\n  provider: azure\n  authority: https://login.microsoftonline.com/8f2d5b61-0c3a-4e7d-9b14-6a2f0e5c7d93\n  publicKeys:\n    - https://login.microsoftonline.com/common/discovery/keys\n", 0, 0, ""},
		{"documents", "yaml", "a: 1\n---\nb: 2\n---\n- c\n", 0, 0, ""},
		{"quoted filled values", "yaml", "secret: \"*abc{\"\nother: '{x'\n", 0, 0, ""},
		{"anchors", "yaml", "base: &b {x: 1}\nuse: *b\n", 0, 0, ""},
		{"value starting with *", "yaml", "oidc:\n  clientSecret: *Xy8Qabc\n", 2, 17, "unknown anchor 'Xy8Qabc' referenced (quote a value that starts with *)"},
		{"value starting with * and a symbol", "yaml", "oidc:\n  clientSecret: *Xy8Q~abc\n", 2, 17, "did not find expected alphabetic or numeric character (quote a value that starts with * or &)"},
		{"value starting with &", "yaml", "a: 1\nb: &Q~x\n", 2, 4, "quote a value that starts with * or &"},
		{"value starting with {", "yaml", "oidc:\n  clientId: {3c9e7a42\n  tenant: x\n", 2, 13, "quote a value that starts with {"},
		{"value starting with [", "yaml", "a: 1\nkeys: [x\n", 2, 7, "did not find expected ',' or ']'"},
		{"value with colon space", "yaml", "name: a: b\n", 1, 1, "mapping values are not allowed"},
		{"value with colon space, line 3", "yaml", "a: 1\nb: 2\nname: a: b\n", 3, 1, "mapping values are not allowed"},
		{"bad indentation", "yaml", "a: 1\n  b: 2\n", 2, 3, "mapping values"},
		{"unclosed double quote", "yaml", "a: 1\nb: \"x\nc: 2\n", 2, 4, "found unexpected end of stream (a quote that does not close?)"},
		{"in the second document", "yaml", "a: 1\n---\nb: [1\n", 3, 4, "did not find expected ',' or ']'"},
		{"block sequence", "yaml", "- a\nb: c\n", 2, 1, "did not find expected '-' indicator"},
		{"duplicate key", "yaml", "a: 1\nb: 2\na: 3\n", 3, 1, `mapping key "a" already defined at line 1`},
		{"duplicate nested key", "yaml", "x:\n  é: 1\n  y: {é: 2, é: 3}\n", 3, 14, `mapping key "é" already defined at line 3`},
		{"same value, other tag", "yaml", "1: a\n\"1\": b\n<<: {}\n<<: {}\n", 0, 0, ""},
		{"tab indentation", "yaml", "a:\n\tb: 1\n", 2, 1, "cannot start any token"},
		{"apostrophe in single quotes", "yaml", "a: 'it's'\n", 1, 1, "did not find expected key"},
		{"invalid UTF-8", "yaml", "a: 1\nb: \xff\n", 2, 4, "UTF-8"},
	})
}

func TestCheckSnippetJSON(t *testing.T) {
	runSnippetCases(t, []snippetCase{
		{"fine", "json", "{\n  \"tenant\": \"8f2d5b61-0c3a-4e7d-9b14-6a2f0e5c7d93\",\n  \"scopes\": [\"openid\", \"email\"]\n}\n", 0, 0, ""},
		{"filled with a quote", "json", "{\n  \"secret\": \"ab\"cd\",\n  \"x\": 1\n}", 2, 17, `after object key:value pair (an unescaped " inside a string? write \")`},
		{"filled with a quote in an array", "json", `["a"b"]`, 1, 5, "after array element"},
		{"filled with a backslash", "json", `{"path": "C:\Users"}`, 1, 14, "invalid character 'U' in string escape code"},
		{"filled with a newline", "json", "{\"a\": \"x\ny\"}", 1, 9, "in string literal"},
		{"trailing comma", "json", "{\n  \"a\": 1,\n}", 3, 1, "looking for beginning of object key string"},
		{"comment", "json", "{\n  // the tenant\n  \"a\": 1\n}", 2, 3, "invalid character '/'"},
		{"truncated", "json", "{\"a\": [1, 2\n", 2, 1, "unexpected end of JSON input"},
		{"two values", "json", "{}\n{}", 2, 1, "after top-level value"},
	})
}

func TestCheckSnippetEnv(t *testing.T) {
	runSnippetCases(t, []snippetCase{
		{"fine", "properties", "# comment\nAUTHORIZER_ADMIN_PRINCIPALS=[jane.doe]\n\nAUTHENTICATION_PUBLIC_KEYS=[https://a.example/jwks,https://login.microsoftonline.com/common/discovery/keys]\nOIDC_CLIENT_SECRET=Xy8Q~a=b==\n  # indented comment\nEMPTY=\n", 0, 0, ""},
		{"export and quotes", "env", "export A=1\nB=\"two words \\\" and a quote\"\nC='it s'\nD=\"x\" # comment\nexport\tE=x\r\n", 0, 0, ""},
		{"trailing blanks", "dotenv", "A=value   \n", 0, 0, ""},
		{"value with a space", "dotenv", "A=1\nNAME=two words\n", 2, 9, "quote a value that contains spaces"},
		{"inline comment", "env", "A=value # note\n", 1, 8, "put a comment on a line of its own"},
		{"space after =", "env", "A= value\n", 1, 3, "quote a value that contains spaces"},
		{"spaces around =", "env", "A = value\n", 1, 2, "no spaces around ="},
		{"no =", "env", "A=1\nJUST_A_NAME\n", 2, 12, "expected = after JUST_A_NAME"},
		{"dotted key", "properties", "server.port=8585\n", 1, 7, `'.' is not allowed in a name`},
		{"digit first", "env", "1A=x\n", 1, 1, "starts with a letter or _"},
		{"missing name", "env", "=x\n", 1, 1, "name is missing"},
		{"not an assignment", "env", "A=1\n  - item\n", 2, 3, "expected NAME=value"},
		{"unclosed double quote", "env", "A=\"abc\nB=1\n", 1, 3, "unclosed double quote"},
		{"unclosed single quote", "env", "A=1\nB='abc\n", 2, 3, "unclosed single quote"},
		{"escaped closing quote", "env", "A=\"abc\\\"\n", 1, 3, "unclosed double quote"},
		{"text after the quote", "env", "A=\"abc\"def\n", 1, 8, "after the closing quote"},
		{"filled secret with a space", "env", "OIDC_CLIENT_SECRET=Xy8Q abc\n", 1, 24, "quote a value"},
	})
}

func TestCheckSnippetShell(t *testing.T) {
	runSnippetCases(t, []snippetCase{
		{"fine", "bash", "docker compose --env-file openmetadata_azure.env up -d\ncurl -s \"https://login.microsoftonline.com/$TENANT/v2.0/.well-known/openid-configuration\" | jq '.issuer'\n", 0, 0, ""},
		{"nested", "bash", "echo \"$(cat \"$(dirname \"$0\")/x\" | tr ')' '(')\" `date` ${X:-\"a b\"} $((1<<2))\n", 0, 0, ""},
		{"escapes", "sh", "echo it\\'s \"a \\\"quote\\\"\" $'it\\'s'\n", 0, 0, ""},
		{"continuations", "bash", "docker run \\\n  -e A='x' \\\n  image\n", 0, 0, ""},
		{"comments", "bash", "# don't worry\necho hi # it's fine\necho $# ${#x} a#b'c'\n", 0, 0, ""},
		{"case patterns", "bash", "case \"$1\" in\n  a) echo a ;;\n  *) echo b ;;\nesac\n", 0, 0, ""},
		{"heredoc", "bash", "cat <<EOF > .env\nOIDC_CLIENT_SECRET=it's\nEOF\necho done\n", 0, 0, ""},
		{"heredoc quoted", "bash", "cat <<'EOF'\n$(unclosed \"\nEOF\ncat << \"END\"\n`\nEND\ncat <<\\X\n'\nX\n", 0, 0, ""},
		{"heredoc dash", "bash", "if true; then\n\tcat <<-EOF\n\tit's\n\tEOF\nfi\n", 0, 0, ""},
		{"two heredocs", "bash", "cat <<A <<B\n'\nA\n\"\nB\necho ok\n", 0, 0, ""},
		{"heredoc in $(", "bash", "x=$(cat <<EOF\nit's\nEOF\n)\n", 0, 0, ""},
		{"here-string", "bash", "cat <<< 'x'\n", 0, 0, ""},
		{"CRLF", "bash", "echo 'a' \\\r\n  b\r\n", 0, 0, ""},
		{"filled secret with a quote", "bash", "export OIDC_CLIENT_SECRET='Xy8Q'abc'\necho ok\n", 1, 36, "unclosed single quote"},
		{"unclosed double", "bash", "echo ok\ncurl -H \"Authorization: Bearer $TOKEN https://x\n", 2, 9, "unclosed double quote"},
		{"apostrophe", "sh", "echo don't\n", 1, 9, "unclosed single quote"},
		{"backtick", "zsh", "echo `date\n", 1, 6, "unclosed backtick"},
		{"command substitution", "shell", "x=$(date\necho $x\n", 1, 3, "unclosed $( command substitution"},
		{"parameter", "bash", "echo ${HOME\n", 1, 6, "unclosed ${ parameter expansion"},
		{"ansi", "bash", "echo $'it\\'s\n", 1, 6, "unclosed $' quote"},
		{"innermost", "bash", "echo \"$(echo 'x)\"\n", 1, 14, "unclosed single quote"},
		{"apostrophe in double quotes", "bash", "echo \"${x:-it's}\"\n", 0, 0, ""},
		{"heredoc not closed", "bash", "cat <<EOF\nx\n  EOF\n", 1, 5, `here-document not closed: no line reads "EOF"`},
		{"heredoc at the end", "bash", "cat <<EOF", 1, 5, "here-document not closed"},
		{"continuation at the end", "bash", "docker run \\\n  image \\\n", 2, 9, "continues the command into nothing"},
		{"backslash at the very end", "bash", "echo \\", 1, 6, "continues the command into nothing"},
	})
}

func TestCheckSnippetConsole(t *testing.T) {
	runSnippetCases(t, []snippetCase{
		{"session", "console", "$ echo 'it works'\nit's output, not a command\n$ curl -s https://x.example \\\n>   -H 'A: b'\n{\"ok\": true}\n", 0, 0, ""},
		{"prompt only", "console", "$\n$ ls\nREADME.md\n", 0, 0, ""},
		{"no prompts: checked as shell", "console", "echo 'a\n", 1, 6, "unclosed single quote"},
		{"unclosed in a command", "console", "$ echo ok\nok\n$ echo \"$TENANT\nwhat's this\n", 3, 8, "unclosed double quote"},
		{"multi-line quote", "console", "$ echo 'a\n> b'\na\nb\n", 0, 0, ""},
		{"heredoc", "console", "$ cat <<EOF\n> it's\n> EOF\nit's\n", 0, 0, ""},
	})
}

func FuzzCheckSnippet(f *testing.F) {
	for _, lang := range []string{"yaml", "json", "env", "bash", "console"} {
		f.Add(lang, "")
		f.Add(lang, "a: *b\n")
		f.Add(lang, "{\"a\": \"x\"y\"}\n")
		f.Add(lang, "A=\"x\nB='y\n")
		f.Add(lang, "$ cat <<-'EOF'\n> x\n\tEOF\necho \"$(a `b` ${c:-'d'})\" \\\n")
	}
	// Every input goes through every checker, whatever lang the fuzzer
	// picked, so that no checker waits for a lucky language name.
	langs := []string{"yaml", "json", "env", "bash", "console"}
	f.Fuzz(func(t *testing.T, lang, code string) {
		lines := strings.Split(code, "\n")
		for _, l := range append([]string{lang}, langs...) {
			e := CheckSnippet(l, code)
			if e == nil {
				continue
			}
			if e.Line < 1 || e.Line > len(lines) {
				t.Fatalf("%s: line %d outside the snippet's %d lines: %v", l, e.Line, len(lines), e)
			}
			if e.Col < 1 || e.Col > len(lines[e.Line-1])+1 {
				t.Fatalf("%s: col %d outside line %d (%d bytes): %v", l, e.Col, e.Line, len(lines[e.Line-1]), e)
			}
			if e.Msg == "" {
				t.Fatalf("%s: no message: %v", l, e)
			}
		}
	})
}
