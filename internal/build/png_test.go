package build

import (
	"bytes"
	"image"
	"image/png"
)

// pngOf returns a PNG of the given size.
func pngOf(w, h int) []byte {
	var b bytes.Buffer
	_ = png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h)))
	return b.Bytes()
}
