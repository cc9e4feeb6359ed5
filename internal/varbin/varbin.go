// Package varbin reads and writes the compact binary records docgen keeps
// in its caches: varints, and strings and lists preceded by their length.
// Its Reader never panics and never allocates beyond its input, whatever
// the bytes: cache files may be damaged.
package varbin

import (
	"encoding/binary"
	"errors"
)

// ErrDamaged is the error of a Reader that met data it cannot read.
var ErrDamaged = errors.New("damaged data")

// AppendUvarint appends v.
func AppendUvarint(b []byte, v uint64) []byte { return binary.AppendUvarint(b, v) }

// AppendInt appends a signed number.
func AppendInt(b []byte, v int) []byte { return binary.AppendVarint(b, int64(v)) }

// AppendBytes appends s, preceded by its length.
func AppendBytes(b, s []byte) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// AppendString appends s, preceded by its length.
func AppendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// AppendStrings appends the number of strings, then each.
func AppendStrings(b []byte, list []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(list)))
	for _, s := range list {
		b = AppendString(b, s)
	}
	return b
}

// Reader reads what the Append functions wrote. After the first failure
// every read returns a zero value and Err reports it.
type Reader struct {
	data []byte
	err  error
}

// NewReader returns a Reader of data.
func NewReader(data []byte) *Reader { return &Reader{data: data} }

// Err returns ErrDamaged if a read failed, else nil.
func (r *Reader) Err() error { return r.err }

// Fail marks the data damaged: a caller's own check failed.
func (r *Reader) Fail() {
	r.err = ErrDamaged
	r.data = nil
}

// Done returns the error of a read, or ErrDamaged if data is left over.
func (r *Reader) Done() error {
	if r.err == nil && len(r.data) != 0 {
		r.Fail()
	}
	return r.err
}

// Uvarint reads an unsigned number.
func (r *Reader) Uvarint() uint64 {
	v, n := binary.Uvarint(r.data)
	if n <= 0 {
		r.Fail()
		return 0
	}
	r.data = r.data[n:]
	return v
}

// Int reads a number written by AppendInt.
func (r *Reader) Int() int {
	v, n := binary.Varint(r.data)
	if n <= 0 || v != int64(int(v)) {
		r.Fail()
		return 0
	}
	r.data = r.data[n:]
	return int(v)
}

// Count reads the length of a list whose items take at least min bytes
// each, so a damaged length cannot make the caller allocate more than
// the data could hold.
func (r *Reader) Count(min int) int {
	v := r.Uvarint()
	if v > uint64(len(r.data)/min) {
		r.Fail()
		return 0
	}
	return int(v)
}

// Bytes reads bytes written by AppendBytes; they share the Reader's data.
func (r *Reader) Bytes() []byte {
	n := r.Count(1)
	b := r.data[:n:n]
	r.data = r.data[n:]
	return b
}

// String reads a string written by AppendString.
func (r *Reader) String() string { return string(r.Bytes()) }

// Strings reads a list written by AppendStrings; nil if it is empty.
func (r *Reader) Strings() []string {
	var out []string
	for range r.Count(1) {
		out = append(out, r.String())
	}
	return out
}
