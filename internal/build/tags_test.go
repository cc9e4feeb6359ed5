package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

var article = regexp.MustCompile(`(?s)<article class="dg-content">\n?(.*?)</article>`)

// TestTagsGolden builds the site of testdata/tags/site.txtar, pages written
// with the layout, steps, media and API-page tags the way real pages write
// them, and compares the body of each page with its golden file
// (testdata/tags/<page URL>.golden.html) and the build's diagnostics with
// testdata/tags/diagnostics.golden. Golden files no page gives fail.
func TestTagsGolden(t *testing.T) {
	dir := filepath.Join("testdata", "tags")
	ar, err := txtar.ParseFile(filepath.Join(dir, "site.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		data := f.Data
		if strings.HasSuffix(f.Name, ".png") && len(bytes.TrimSpace(data)) == 0 {
			data = pngOf(640, 360)
		}
		fsys[f.Name] = &fstest.MapFile{Data: data}
	}
	out := &Memory{}
	res, err := Build(context.Background(), Options{Source: fsys, Sink: out})
	if err != nil {
		t.Fatal(err)
	}
	var diags bytes.Buffer
	for _, d := range res.Diags {
		fmt.Fprintln(&diags, d)
	}
	got := map[string][]byte{"diagnostics.golden": diags.Bytes()}
	for name, data := range out.Files {
		if !strings.HasSuffix(name, "/index.html") || !strings.HasPrefix(name, "v1.9.x/") {
			continue
		}
		m := article.FindSubmatch(data)
		if m == nil {
			t.Errorf("%s has no article", name)
			continue
		}
		key := strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(name, "v1.9.x/"), "/index.html"), "/", "-")
		got[key+".golden.html"] = m[1]
	}
	assertNoRawTags(t, out)
	for name, data := range got {
		file := filepath.Join(dir, name)
		if *update {
			if err := os.WriteFile(file, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Errorf("%v (run go test ./internal/build -run TagsGolden -update)", err)
			continue
		}
		if !bytes.Equal(data, want) {
			t.Errorf("%s differs:\n got:\n%s\nwant:\n%s", file, data, want)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.golden*"))
	for _, f := range files {
		if _, ok := got[filepath.Base(f)]; !ok {
			t.Errorf("orphaned golden file %s: no page gives it", f)
		}
	}
}
