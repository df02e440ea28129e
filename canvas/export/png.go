// Package export draws a journey's map into a PNG without Fyne, at the size asked for: the
// scene rasterised at the target resolution — text drawn from the font at that size, never an
// upscaled screenshot — band by band, so memory stays bounded whatever the width.
package export

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/adler32"
	"hash/crc32"
	"image"
	"io"
	"math"

	"github.com/klauspost/compress/flate"

	"journeymap/canvas/scene"
	"journeymap/journey"
)

// MaxSide is the widest or tallest picture drawn: 16384 pixels.
const MaxSide = 16384

// bandRows is how many rows are drawn at once.
const bandRows = 256

// ErrTooTall means the map would be taller than MaxSide at the width asked for.
var ErrTooTall = errors.New("the map would be too tall")

// Options say how to draw the picture.
type Options struct {
	Width   int    // pixels across
	DPI     int    // written into the file, for printing at the intended size
	Palette string // light, dark or presenter
}

// PNG draws the journey's map opts.Width pixels wide and writes it to dst as a PNG, with a
// legend explaining its marks.
func PNG(dst io.Writer, w *journey.Workspace, journeyID string, opts Options) error {
	j := w.Journey(journeyID)
	if j == nil {
		return fmt.Errorf("no journey with id %q", journeyID)
	}
	if opts.Width < 1 || opts.Width > MaxSide {
		return fmt.Errorf("the width must be 1..%d pixels, got %d", MaxSide, opts.Width)
	}
	s := scene.Build(w, j, scene.Options{Palette: opts.Palette, Legend: true}, scene.DefaultFonts())
	sw, sh := s.Size()
	scale := float32(opts.Width) / sw
	height := int(math.Ceil(float64(sh * scale)))
	if height > MaxSide {
		fit := int(float32(MaxSide) / sh * sw)
		return fmt.Errorf("%w: %d pixels at %d across, over %d; a width of at most %d fits", ErrTooTall, height, opts.Width, MaxSide, fit)
	}
	pw, err := newPNGWriter(dst, opts.Width, height, opts.DPI)
	if err != nil {
		return err
	}
	bg := premultiplied(s.Palette().Background)
	p := &painter{scale: scale, fonts: s.Fonts(), glyphs: newGlyphCache()}
	var shapes []scene.Shape
	for y0 := 0; y0 < height; y0 += bandRows {
		y1 := min(y0+bandRows, height)
		band := image.NewRGBA(image.Rect(0, y0, opts.Width, y1))
		for i := 0; i < len(band.Pix); i += 4 {
			band.Pix[i], band.Pix[i+1], band.Pix[i+2], band.Pix[i+3] = bg.R, bg.G, bg.B, 0xff
		}
		view := scene.Rect{X: -1, Y: float32(y0)/scale - 1, W: sw + 2, H: float32(y1-y0)/scale + 2}
		shapes = shapes[:0]
		for _, k := range s.Visible(view) {
			shapes = s.Shapes(k, shapes)
		}
		p.band = band
		p.paint(shapes)
		if err := pw.rows(band); err != nil {
			return err
		}
	}
	return pw.close()
}

// pngWriter writes an 8-bit RGB PNG row by row: each row filtered with "Up" (the row above
// subtracted, which flat map backgrounds turn into zeros) and deflated into one zlib stream
// cut into IDAT chunks as it comes.
type pngWriter struct {
	w       *bufio.Writer
	chunk   *chunkWriter
	z       *flate.Writer
	adler   hashWriter
	width   int
	prev    []byte // the last row written, unfiltered
	row     []byte // the row being filtered: its filter byte and its pixels
	written int
	height  int
}

type hashWriter interface {
	io.Writer
	Sum32() uint32
}

func newPNGWriter(dst io.Writer, width, height, dpi int) (*pngWriter, error) {
	bw := bufio.NewWriterSize(dst, 1<<16)
	p := &pngWriter{w: bw, width: width, height: height, prev: make([]byte, 3*width), row: make([]byte, 1+3*width),
		adler: adler32.New()}
	if _, err := bw.WriteString("\x89PNG\r\n\x1a\n"); err != nil {
		return nil, err
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits a sample, RGB
	if err := writeChunk(bw, "IHDR", ihdr); err != nil {
		return nil, err
	}
	if dpi > 0 {
		// pHYs: pixels per metre in both directions, unit metre.
		phys := make([]byte, 9)
		ppm := uint32(math.Round(float64(dpi) / 0.0254))
		binary.BigEndian.PutUint32(phys[0:], ppm)
		binary.BigEndian.PutUint32(phys[4:], ppm)
		phys[8] = 1
		if err := writeChunk(bw, "pHYs", phys); err != nil {
			return nil, err
		}
	}
	p.chunk = &chunkWriter{w: bw, buf: make([]byte, 0, 1<<16)}
	// The zlib header: deflate, 32 KiB window, fastest compression.
	if _, err := p.chunk.Write([]byte{0x78, 0x01}); err != nil {
		return nil, err
	}
	z, err := flate.NewWriter(p.chunk, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	p.z = z
	return p, nil
}

// rows filters and compresses the rows of a band, top to bottom.
func (p *pngWriter) rows(band *image.RGBA) error {
	b := band.Rect
	for y := b.Min.Y; y < b.Max.Y; y++ {
		src := band.Pix[(y-b.Min.Y)*band.Stride:]
		p.row[0] = 2 // Up
		for x := 0; x < p.width; x++ {
			r, g, bl := src[4*x], src[4*x+1], src[4*x+2]
			i := 3 * x
			p.row[1+i], p.row[2+i], p.row[3+i] = r-p.prev[i], g-p.prev[i+1], bl-p.prev[i+2]
			p.prev[i], p.prev[i+1], p.prev[i+2] = r, g, bl
		}
		p.adler.Write(p.row)
		if _, err := p.z.Write(p.row); err != nil {
			return err
		}
		p.written++
	}
	return nil
}

func (p *pngWriter) close() error {
	if p.written != p.height {
		return fmt.Errorf("wrote %d rows of %d", p.written, p.height)
	}
	if err := p.z.Close(); err != nil {
		return err
	}
	sum := make([]byte, 4)
	binary.BigEndian.PutUint32(sum, p.adler.Sum32())
	if _, err := p.chunk.Write(sum); err != nil {
		return err
	}
	if err := p.chunk.flush(); err != nil {
		return err
	}
	if err := writeChunk(p.w, "IEND", nil); err != nil {
		return err
	}
	return p.w.Flush()
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
