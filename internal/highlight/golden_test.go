package highlight

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// update rewrites the golden files. DOCGEN_UPDATE=1 does the same, for
// `go test ./...`, where packages without the flag would reject -update.
var update = flag.Bool("update", false, "rewrite testdata/*.golden")

const goldenExt = ".golden"

func updating() bool { return *update || os.Getenv("DOCGEN_UPDATE") == "1" }

// TestGolden highlights each snippet testdata/NAME.LANG as LANG and compares
// the HTML with testdata/NAME.LANG.golden.
func TestGolden(t *testing.T) {
	h := New(Options{})
	for _, in := range inputs(t) {
		t.Run(in.name, func(t *testing.T) {
			var b bytes.Buffer
			if _, err := h.Highlight(&b, in.code, in.lang); err != nil {
				t.Fatal(err)
			}
			checkText(t, b.String(), in.code)
			path := filepath.Join("testdata", in.name+goldenExt)
			if updating() {
				if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test with -update or DOCGEN_UPDATE=1 to create it)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%s differs from the output (run with -update to accept):\ngot:\n%s\nwant:\n%s", path, b.Bytes(), want)
			}
		})
	}
}

// TestGoldenOrphans fails on a golden file whose snippet is gone, so stale
// expectations do not pile up; -update deletes them.
func TestGoldenOrphans(t *testing.T) {
	goldens, err := filepath.Glob(filepath.Join("testdata", "*"+goldenExt))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range goldens {
		in := strings.TrimSuffix(g, goldenExt)
		if _, err := os.Stat(in); err == nil {
			continue
		}
		if updating() {
			if err := os.Remove(g); err != nil {
				t.Fatal(err)
			}
			t.Logf("removed orphaned %s", g)
			continue
		}
		t.Errorf("orphaned golden file %s: %s does not exist (delete it, or run with -update)", g, in)
	}
}
