package varbin

import (
	"bytes"
	"math"
	"reflect"
	"testing"
)

func record() []byte {
	b := AppendUvarint(nil, 300)
	b = AppendInt(b, -7)
	b = AppendInt(b, math.MaxInt64)
	b = AppendString(b, "héllo")
	b = AppendBytes(b, []byte{0, 1, 2})
	b = AppendStrings(b, []string{"a", "", "bc"})
	return AppendStrings(b, nil)
}

func read(r *Reader) []any {
	return []any{r.Uvarint(), r.Int(), r.Int(), r.String(), r.Bytes(), r.Strings(), r.Strings()}
}

func TestRoundTrip(t *testing.T) {
	r := NewReader(record())
	got := read(r)
	want := []any{uint64(300), -7, math.MaxInt64, "héllo", []byte{0, 1, 2}, []string{"a", "", "bc"}, []string(nil)}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("read %v, want %v", got, want)
	}
	if err := r.Done(); err != nil {
		t.Fatal(err)
	}
}

// TestDamaged: every truncation fails, and so does a byte left over.
func TestDamaged(t *testing.T) {
	data := record()
	for n := range len(data) {
		r := NewReader(data[:n])
		read(r)
		if r.Done() == nil {
			t.Errorf("truncated to %d bytes: no error", n)
		}
	}
	r := NewReader(append(bytes.Clone(data), 0))
	read(r)
	if r.Done() == nil {
		t.Error("a byte left over: no error")
	}
}

// TestCountBound: a length larger than the data could hold fails before
// anything is allocated for it.
func TestCountBound(t *testing.T) {
	r := NewReader(AppendUvarint(nil, 1<<40))
	if n := r.Count(1); n != 0 || r.Err() == nil {
		t.Fatalf("Count = %d, err %v", n, r.Err())
	}
	r = NewReader(append(AppendUvarint(nil, 3), "abcde"...))
	if n := r.Count(2); n != 0 || r.Err() == nil {
		t.Fatalf("3 items of at least 2 bytes in 5: Count = %d, err %v", n, r.Err())
	}
}

func FuzzReader(f *testing.F) {
	f.Add(record())
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(data)
		read(r)
		r.Done()
	})
}
