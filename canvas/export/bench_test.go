package export

import (
	"bytes"
	"image"
	"image/png"
	"io"
	"testing"

	"journeymap/journey/journeytest"
)

// BenchmarkExport7680 exports a 30-stage journey 7680 pixels wide (drawing, encoding and
// writing), against encoding a picture of the same size with image/png at its default
// compression alone; it reports their ratio.
func BenchmarkExport7680(b *testing.B) {
	w, j := journeytest.Big(30, 7, 2)
	var picture image.Image
	b.Run("export", func(b *testing.B) {
		for b.Loop() {
			var buf bytes.Buffer
			if err := PNG(&buf, w, j.ID, Options{Width: 7680, DPI: 300, Palette: "light"}); err != nil {
				b.Fatal(err)
			}
			if picture == nil {
				picture, _ = png.Decode(&buf)
			}
		}
	})
	// The same picture, already drawn, encoded by the standard library alone.
	b.Run("image-png", func(b *testing.B) {
		for b.Loop() {
			png.Encode(io.Discard, picture)
		}
	})
}
