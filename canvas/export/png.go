// Package export draws a journey's map into a PNG without Fyne, at the size asked for: the
// scene rasterised at the target resolution — text drawn from the font at that size, never an
// upscaled screenshot — band by band, so memory stays bounded whatever the width.
package export

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/adler32"
	"hash/crc32"
	"image"
	"io"
	"math"
	"runtime"
	"sync"

	"github.com/klauspost/compress/flate"

	"journeymap/canvas/scene"
	"journeymap/journey"
)

// MaxSide is the widest or tallest picture drawn: 16384 pixels.
const MaxSide = 16384

// MaxDPI is the highest resolution written into a picture.
const MaxDPI = 10000

// The picture drawn when nothing else is asked for: 4K across, at a poster printer's 300 dpi.
const (
	DefaultWidth = 3840
	DefaultDPI   = 300
)

// bandBytes is about how much of the picture is drawn at once: rows enough for 4 MiB, so that
// memory stays the same whatever the width.
const bandBytes = 4 << 20

// testHookBand, when a test sets it, is called as each band begins to be drawn.
var testHookBand func()

// ErrTooTall means the map would be taller than MaxSide at the width asked for.
var ErrTooTall = errors.New("the map would be too tall")

// Options say how to draw the picture.
type Options struct {
	Width   int    // pixels across
	DPI     int    // written into the file, for printing at the intended size
	Palette string // light, dark or presenter
	// Progress, if set, is told after each band is written how many of how many are done.
	Progress func(done, total int)
}

// OptionError names an option out of its range: "width", "dpi" or "theme", as the command
// line's flags and the export dialog's fields name them.
type OptionError struct {
	Option  string
	Problem string // "must be 1..16384 pixels, got 0"
}

func (e *OptionError) Error() string { return "the " + e.Option + " " + e.Problem }

// Check says, as an *OptionError, which option is out of its range.
func (o Options) Check() error {
	switch _, known := scene.LookUpPalette(o.Palette); {
	case o.Width < 1 || o.Width > MaxSide:
		return &OptionError{"width", fmt.Sprintf("must be 1..%d pixels, got %d", MaxSide, o.Width)}
	case o.DPI < 1 || o.DPI > MaxDPI:
		return &OptionError{"dpi", fmt.Sprintf("must be 1..%d, got %d", MaxDPI, o.DPI)}
	case !known:
		return &OptionError{"theme", fmt.Sprintf("must be %s, got %q", journey.Listed(scene.PaletteNames, "or"), o.Palette)}
	}
	return nil
}

// PNG draws the journey's map opts.Width pixels wide and writes it to dst as a PNG, with a
// legend explaining its marks; journeyID "" draws the workspace's first journey.
func PNG(dst io.Writer, w *journey.Workspace, journeyID string, opts Options) error {
	if journeyID == "" && len(w.Journeys) > 0 {
		journeyID = w.Journeys[0].ID
	}
	j := w.Journey(journeyID)
	if j == nil {
		return fmt.Errorf("no journey with id %q", journeyID)
	}
	if err := opts.Check(); err != nil {
		return err
	}
	s := scene.Build(w, j, scene.Options{Palette: opts.Palette, Legend: true}, scene.DefaultFonts())
	sw, sh := s.Size()
	scale := float32(opts.Width) / sw
	height := int(math.Ceil(float64(sh * scale)))
	if height > MaxSide {
		fit := int(float32(MaxSide) / sh * sw)
		return fmt.Errorf("%w: %d pixels at %d across, over %d; a width of at most %d fits", ErrTooTall, height, opts.Width, MaxSide, fit)
	}
	bw := bufio.NewWriterSize(dst, 1<<16)
	if err := writeHeader(bw, opts.Width, height, opts.DPI); err != nil {
		return err
	}
	idat := &chunkWriter{w: bw, buf: make([]byte, 0, 1<<16)}
	// The zlib stream: its header, then each band's deflated rows as they come, in order.
	if _, err := idat.Write([]byte{0x78, 0x01}); err != nil {
		return err
	}
	bg := premultiplied(s.Palette().Background)
	glyphs := newGlyphCache()
	bandRows := max(16, min(512, bandBytes/(4*opts.Width)))
	pixels := sync.Pool{New: func() any { b := make([]byte, 4*opts.Width*bandRows); return &b }}
	draw := func(y0 int) ([]byte, uint32, int, error) {
		if testHookBand != nil {
			testHookBand()
		}
		y1 := min(y0+bandRows, height)
		buf := pixels.Get().(*[]byte)
		defer pixels.Put(buf)
		band := &image.RGBA{Pix: (*buf)[:4*opts.Width*(y1-y0)], Stride: 4 * opts.Width, Rect: image.Rect(0, y0, opts.Width, y1)}
		for i := 0; i < len(band.Pix); i += 4 {
			band.Pix[i], band.Pix[i+1], band.Pix[i+2], band.Pix[i+3] = bg.R, bg.G, bg.B, 0xff
		}
		view := scene.Rect{X: -1, Y: float32(y0)/scale - 1, W: sw + 2, H: float32(y1-y0)/scale + 2}
		var shapes []scene.Shape
		for _, k := range s.Visible(view) {
			shapes = s.Shapes(k, shapes)
		}
		p := &painter{band: band, scale: scale, fonts: s.Fonts(), glyphs: glyphs}
		p.paint(shapes)
		if p.err != nil {
			return nil, 0, 0, p.err
		}
		return deflateBand(band)
	}
	// Bands are drawn and deflated on every core, a few at a time, and written in order: memory
	// holds a handful of bands, whatever the picture's size.
	workers := runtime.GOMAXPROCS(0)
	type result struct {
		data  []byte
		adler uint32
		n     int
		err   error
	}
	var bands []chan result
	for y0 := 0; y0 < height; y0 += bandRows {
		bands = append(bands, make(chan result, 1))
	}
	slots := make(chan struct{}, workers+1)
	// A band that fails stops the bands not yet begun; those under way are waited for, so
	// that nothing is left drawing once PNG returns.
	stop, launched := make(chan struct{}), make(chan struct{})
	var running sync.WaitGroup
	go func() {
		defer close(launched)
		for i := range bands {
			select {
			case slots <- struct{}{}:
			case <-stop:
				return
			}
			running.Add(1)
			go func(i int) {
				defer running.Done()
				data, adler, n, err := draw(i * bandRows)
				bands[i] <- result{data, adler, n, err}
			}(i)
		}
	}()
	adler := uint32(1)
	for i, ch := range bands {
		r := <-ch
		<-slots
		err := r.err
		if err == nil {
			_, err = idat.Write(r.data)
			adler = adler32Combine(adler, r.adler, r.n)
		}
		if err != nil {
			close(stop)
			<-launched
			running.Wait()
			return err
		}
		if opts.Progress != nil {
			opts.Progress(i+1, len(bands))
		}
	}
	// The last block: empty, final, fixed Huffman codes. Then the checksum of all the rows.
	tail := []byte{0x03, 0x00, 0, 0, 0, 0}
	binary.BigEndian.PutUint32(tail[2:], adler)
	if _, err := idat.Write(tail); err != nil {
		return err
	}
	if err := idat.flush(); err != nil {
		return err
	}
	if err := writeChunk(bw, "IEND", nil); err != nil {
		return err
	}
	return bw.Flush()
}

// deflateBand filters a band's rows and deflates them as a segment of the picture's zlib
// stream: ended by a flush, so that it starts and ends on a byte and stands on its own. Each
// row is filtered "Up" (the row above subtracted, which turns flat backgrounds into zeros)
// but the band's first, which is filtered with nothing: the row above it is another band's.
func deflateBand(band *image.RGBA) ([]byte, uint32, int, error) {
	b := band.Rect
	width := b.Dx()
	var out bytes.Buffer
	z, err := flate.NewWriter(&out, flate.BestSpeed)
	if err != nil {
		return nil, 0, 0, err
	}
	sum := adler32.New()
	row, prev := make([]byte, 1+3*width), make([]byte, 3*width)
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		src := band.Pix[(y-b.Min.Y)*band.Stride:]
		row[0] = 2 // Up
		if y == b.Min.Y {
			row[0] = 0
		}
		for x := 0; x < width; x++ {
			r, g, bl := src[4*x], src[4*x+1], src[4*x+2]
			i := 3 * x
			if y == b.Min.Y {
				row[1+i], row[2+i], row[3+i] = r, g, bl
			} else {
				row[1+i], row[2+i], row[3+i] = r-prev[i], g-prev[i+1], bl-prev[i+2]
			}
			prev[i], prev[i+1], prev[i+2] = r, g, bl
		}
		sum.Write(row)
		if _, err := z.Write(row); err != nil {
			return nil, 0, 0, err
		}
		n += len(row)
	}
	if err := z.Flush(); err != nil {
		return nil, 0, 0, err
	}
	return out.Bytes(), sum.Sum32(), n, nil
}

// adler32Combine is the Adler-32 of two pieces of data one after the other, from their own
// sums and the second's length (as zlib's adler32_combine works it out).
func adler32Combine(a1, a2 uint32, len2 int) uint32 {
	const base = 65521
	rem := uint64(len2 % base)
	s1 := uint64(a1 & 0xffff)
	s2 := rem * s1 % base
	s1 += uint64(a2&0xffff) + base - 1
	s2 += uint64(a1>>16) + uint64(a2>>16) + base - rem
	return uint32(s2%base)<<16 | uint32(s1%base)
}

// writeHeader writes the PNG signature, the header of an 8-bit RGB picture, and its
// resolution in a pHYs chunk.
func writeHeader(w io.Writer, width, height, dpi int) error {
	if _, err := io.WriteString(w, "\x89PNG\r\n\x1a\n"); err != nil {
		return err
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits a sample, RGB
	if err := writeChunk(w, "IHDR", ihdr); err != nil {
		return err
	}
	if dpi <= 0 {
		return nil
	}
	// pHYs: pixels per metre in both directions, unit metre.
	phys := make([]byte, 9)
	ppm := uint32(math.Round(float64(dpi) / 0.0254))
	binary.BigEndian.PutUint32(phys[0:], ppm)
	binary.BigEndian.PutUint32(phys[4:], ppm)
	phys[8] = 1
	return writeChunk(w, "pHYs", phys)
}

// chunkWriter cuts what is written to it into IDAT chunks of up to 64 KiB.
type chunkWriter struct {
	w   io.Writer
	buf []byte
}

func (c *chunkWriter) Write(b []byte) (int, error) {
	n := len(b)
	for len(b) > 0 {
		room := cap(c.buf) - len(c.buf)
		take := min(room, len(b))
		c.buf = append(c.buf, b[:take]...)
		b = b[take:]
		if len(c.buf) == cap(c.buf) {
			if err := c.flush(); err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

func (c *chunkWriter) flush() error {
	if len(c.buf) == 0 {
		return nil
	}
	err := writeChunk(c.w, "IDAT", c.buf)
	c.buf = c.buf[:0]
	return err
}

func writeChunk(w io.Writer, kind string, data []byte) error {
	head := make([]byte, 8)
	binary.BigEndian.PutUint32(head, uint32(len(data)))
	copy(head[4:], kind)
	crc := crc32.NewIEEE()
	crc.Write(head[4:])
	crc.Write(data)
	tail := make([]byte, 4)
	binary.BigEndian.PutUint32(tail, crc.Sum32())
	for _, b := range [][]byte{head, data, tail} {
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}
