package build

import (
	"context"
	"os"
	"runtime/pprof"
	"testing"
)

func BenchmarkZZProf(b *testing.B) {
	work, s := benchSession(b)
	page, partial, users := benchEdits(b, work)
	file, want := page, 1
	if os.Getenv("ZZ_PARTIAL") != "" {
		file, want = partial, users
	}
	f, _ := os.Create(os.Getenv("ZZ_PROF"))
	pprof.StartCPUProfile(f)
	defer pprof.StopCPUProfile()
	benchEdit(b, s, work, file, want)
}

func BenchmarkZZDiags(b *testing.B) {
	_, s := benchSession(b)
	r, _ := s.Rebuild(context.Background(), nil, false)
	ids := map[string]int{}
	for _, d := range r.Diags {
		ids[d.ID]++
	}
	b.Logf("files %d diags %d %v", len(r.Files), len(r.Diags), ids)
}
