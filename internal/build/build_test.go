package build

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", os.Getenv("DOCGEN_UPDATE") != "", "rewrite golden files")

// TestSites builds each whole-site fixture of testdata/sites in memory.
// A fixture is a txtar archive: the site's files, then sections under
// want/: "want/diagnostics" (the build's diagnostics, exactly),
// "want/contains" (lines "FILE<TAB>TEXT": the output FILE contains TEXT;
// "FILE<TAB>!TEXT": it does not) and "want/files" (output files that must
// exist, one per line).
func TestSites(t *testing.T) {
	files, _ := filepath.Glob("testdata/sites/*.txtar")
	if len(files) == 0 {
		t.Fatal("no site fixtures")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			fsys := fstest.MapFS{}
			want := map[string]string{}
			for _, f := range ar.Files {
				if name, ok := strings.CutPrefix(f.Name, "want/"); ok {
					want[name] = string(f.Data)
					continue
				}
				fsys[f.Name] = &fstest.MapFile{Data: f.Data}
			}
			out := &Memory{}
			res, err := Build(context.Background(), Options{Source: fsys, Sink: out})
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			for _, d := range res.Diags {
				fmt.Fprintln(&got, d)
			}
			if *update {
				for i, f := range ar.Files {
					if f.Name == "want/diagnostics" {
						ar.Files[i].Data = got.Bytes()
					}
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			} else if got.String() != want["diagnostics"] {
				t.Errorf("diagnostics:\n got:\n%s\nwant:\n%s", got.String(), want["diagnostics"])
			}
			for _, line := range lines(want["files"]) {
				if _, ok := out.Files[line]; !ok {
					t.Errorf("missing output file %s; have %v", line, out.Names())
				}
			}
			for _, line := range lines(want["contains"]) {
				name, text, ok := strings.Cut(line, "\t")
				if !ok {
					t.Fatalf("want/contains line without a tab: %q", line)
				}
				data, ok := out.Files[name]
				if !ok {
					t.Errorf("missing output file %s", name)
					continue
				}
				if neg, isNeg := strings.CutPrefix(text, "!"); isNeg {
					if bytes.Contains(data, []byte(neg)) {
						t.Errorf("%s contains %q", name, neg)
					}
				} else if !bytes.Contains(data, []byte(text)) {
					t.Errorf("%s does not contain %q", name, text)
				}
			}
			assertNoRawTags(t, out)
		})
	}
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

var codeBlock = regexp.MustCompile(`(?s)<pre[^>]*>.*?</pre>|<code[^>]*>.*?</code>`)

// assertNoRawTags checks that no page shows tag syntax outside code.
func assertNoRawTags(t *testing.T, out *Memory) {
	t.Helper()
	for name, data := range out.Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		prose := codeBlock.ReplaceAll(data, nil)
		for _, delim := range []string{"{%", "%}", "<%"} {
			if i := bytes.Index(prose, []byte(delim)); i >= 0 {
				t.Errorf("%s shows %q outside code: ...%s...", name, delim, prose[max(0, i-40):min(len(prose), i+40)])
			}
		}
	}
}
