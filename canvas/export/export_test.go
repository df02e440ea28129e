package export

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"flag"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"journeymap/canvas/scene"
	"journeymap/journey/journeytest"
)

func export(t *testing.T, width int, palette string) ([]byte, image.Image) {
	t.Helper()
	w := journeytest.Sample(t)
	var b bytes.Buffer
	if err := PNG(&b, w, w.Journeys[0].ID, Options{Width: width, DPI: 300, Palette: palette}); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatalf("image/png cannot read the export: %v", err)
	}
	return b.Bytes(), img
}

func TestPNGIsAPictureOfTheMap(t *testing.T) {
	data, img := export(t, 7680, "light")
	w := journeytest.Sample(t)
	s := scene.Build(w, &w.Journeys[0], scene.Options{Legend: true}, scene.DefaultFonts())
	sw, sh := s.Size()
	wantH := int(sh*7680/sw + 0.999)
	if b := img.Bounds(); b.Dx() != 7680 || b.Dy() != wantH {
		t.Errorf("size %v, want 7680×%d", b.Size(), wantH)
	}
	// The resolution is in a pHYs chunk: 300 dpi is 11811 pixels a metre.
	i := bytes.Index(data, []byte("pHYs"))
	if i < 0 || binary.BigEndian.Uint32(data[i+4:]) != 11811 || binary.BigEndian.Uint32(data[i+8:]) != 11811 || data[i+12] != 1 {
		t.Error("no pHYs chunk saying 300 dpi")
	}
	// The picture's data, read to the end of its zlib stream: the bands' joined checksum holds.
	var idat []byte
	for rest := data[8:]; len(rest) >= 12; {
		n := int(binary.BigEndian.Uint32(rest))
		if string(rest[4:8]) == "IDAT" {
			idat = append(idat, rest[8:8+n]...)
		}
		rest = rest[12+n:]
	}
	zr, err := zlib.NewReader(bytes.NewReader(idat))
	if err == nil {
		_, err = io.ReadAll(zr)
	}
	if err != nil {
		t.Errorf("the zlib stream does not read to its end: %v", err)
	}
	bg := scene.PaletteNamed("light").Background
	if c := color.NRGBAModel.Convert(img.At(2, 2)).(color.NRGBA); c != bg {
		t.Errorf("the corner is %v, want the background %v", c, bg)
	}
}

// TestTextIsSharp looks along a row through the title: going from background to text, a
// rasterised letter takes at most two pixels of grey, where an upscaled one takes many.
func TestTextIsSharp(t *testing.T) {
	_, img := export(t, 7680, "light")
	pal := scene.PaletteNamed("light")
	y := (18 + 16) * 7680 / 1584 // through the middle of the title's letters, 18 units down
	edges, soft := 0, 0
	run := 0
	for x := 0; x < 2000; x++ {
		c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
		switch c {
		case pal.Background:
			run = 0
		case pal.Text:
			if run > 0 {
				edges++
				if run > 2 {
					soft++
				}
			}
			run = 0
		default:
			run++
		}
	}
	if edges < 10 {
		t.Fatalf("only %d edges of text found along the title's row", edges)
	}
	if soft > edges/10 {
		t.Errorf("%d of %d edges take more than 2 pixels from background to text", soft, edges)
	}
}

func TestTooTallIsRefusedWithAWidthThatFits(t *testing.T) {
	w, j := journeytest.Big(2, 7, 60)
	var b bytes.Buffer
	err := PNG(&b, w, j.ID, Options{Width: 16384, DPI: 300, Palette: "light"})
	if !errors.Is(err, ErrTooTall) || !strings.Contains(err.Error(), "a width of at most") {
		t.Fatalf("got %v, want ErrTooTall suggesting a width", err)
	}
	if b.Len() != 0 {
		t.Error("a refused export wrote something")
	}
	if err := PNG(&b, w, "nosuch", Options{Width: 100}); err == nil {
		t.Error("a journey that isn't there was drawn")
	}
}

func TestEveryPaletteDraws(t *testing.T) {
	for _, p := range []string{"light", "dark", "presenter"} {
		_, img := export(t, 800, p)
		want := scene.PaletteNamed(p).Background
		if c := color.NRGBAModel.Convert(img.At(1, 1)).(color.NRGBA); c != want {
			t.Errorf("%s: background %v, want %v", p, c, want)
		}
	}
}

// update writes the golden images anew: go test ./canvas/export -run Golden -update, then look.
var update = flag.Bool("update", false, "write the golden images anew")

// TestGoldenImages compares small exports in each theme with the images in testdata/; a
// mismatch writes the new picture to testdata/failed/ to be looked at. A few anti-aliased
// pixels may differ by a shade, where bands meet.
func TestGoldenImages(t *testing.T) {
	for _, theme := range []string{"light", "dark", "presenter"} {
		t.Run(theme, func(t *testing.T) {
			data, got := export(t, 1000, theme)
			path := filepath.Join("testdata", "export_"+theme+".png")
			if *update {
				if err := os.WriteFile(path, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatalf("no golden image %s: %v", path, err)
			}
			defer f.Close()
			want, err := png.Decode(f)
			if err != nil {
				t.Fatal(err)
			}
			if got.Bounds() != want.Bounds() {
				t.Fatalf("size %v, golden %v", got.Bounds(), want.Bounds())
			}
			off := 0
			for y := 0; y < got.Bounds().Dy(); y++ {
				for x := 0; x < got.Bounds().Dx(); x++ {
					a, b := color.NRGBAModel.Convert(got.At(x, y)).(color.NRGBA), color.NRGBAModel.Convert(want.At(x, y)).(color.NRGBA)
					if diff(a.R, b.R)+diff(a.G, b.G)+diff(a.B, b.B) > 24 {
						off++
					}
				}
			}
			if off > 50 {
				os.MkdirAll(filepath.Join("testdata", "failed"), 0o755)
				os.WriteFile(filepath.Join("testdata", "failed", "export_"+theme+".png"), data, 0o644)
				t.Errorf("%d pixels differ from %s; the picture is in testdata/failed/", off, path)
			}
		})
	}
}

func diff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// failingWriter takes n bytes, then fails.
type failingWriter struct{ n int }

var errDiskGone = errors.New("the disk went away")

func (f *failingWriter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		return 0, errDiskGone
	}
	f.n -= len(p)
	return len(p), nil
}

// TestAFailedWriteStopsTheBands: when writing fails, the bands not yet begun are not drawn.
func TestAFailedWriteStopsTheBands(t *testing.T) {
	var begun, total atomic.Int32
	testHookBand = func() { begun.Add(1) }
	t.Cleanup(func() { testHookBand = nil })
	w := journeytest.Sample(t)
	if err := PNG(io.Discard, w, "", Options{Width: MaxSide, DPI: 300, Palette: "light"}); err != nil {
		t.Fatal(err)
	}
	total.Store(begun.Swap(0))
	err := PNG(&failingWriter{n: 1 << 16}, w, "", Options{Width: MaxSide, DPI: 300, Palette: "light"})
	if !errors.Is(err, errDiskGone) {
		t.Fatalf("got %v, want the writer's error", err)
	}
	// What the 64 KiB buffer in front of the writer holds, and the bands under way meanwhile.
	if most := int32(4*runtime.GOMAXPROCS(0) + 4); begun.Load() > most || total.Load() < 4*most {
		t.Errorf("a failed write went on to draw %d of %d bands; want at most %d", begun.Load(), total.Load(), most)
	}
}
