package export

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"journeymap/canvas/scene"
)

// painter draws a scene's shapes into one horizontal band of the picture, at the picture's
// scale: shapes are filled as vector paths and text is drawn glyph by glyph from the font
// the scene measured with, so lines and letters are sharp at any size.
type painter struct {
	band   *image.RGBA // its Rect is the band's place in the picture
	scale  float32
	fonts  *scene.Fonts
	glyphs *glyphCache
	z      vector.Rasterizer
	buf    sfnt.Buffer
	err    error // the first glyph that could not be drawn: the band is then refused, not drawn short
}

// paint draws the shapes that reach into the band.
func (p *painter) paint(shapes []scene.Shape) {
	for _, sh := range shapes {
		p.shape(sh)
	}
}

func (p *painter) shape(sh scene.Shape) {
	s := p.scale
	x, y, w, h := sh.X*s, sh.Y*s, sh.W*s, sh.H*s
	switch sh.Kind {
	case scene.ShapeRect:
		r := min(sh.Radius*s, w/2, h/2)
		sw := sh.StrokeWidth * s
		switch {
		case sh.Stroke.A > 0 && sw > 0 && sh.Fill.A > 0:
			// The outline's colour, then the fill inside it.
			p.rounded(sh.Stroke, x, y, w, h, r)
			p.rounded(sh.Fill, x+sw, y+sw, w-2*sw, h-2*sw, max(r-sw, 0))
		case sh.Stroke.A > 0 && sw > 0:
			// An outline alone (a small icon's): four strips.
			for _, b := range [][4]float32{{x, y, w, sw}, {x, y + h - sw, w, sw}, {x, y, sw, h}, {x + w - sw, y, sw, h}} {
				p.fill(sh.Stroke, b[0], b[1], b[2], b[3], func(pn pen) { roundRect(pn, b[0], b[1], b[2], b[3], 0) })
			}
		case sh.Fill.A > 0:
			p.rounded(sh.Fill, x, y, w, h, r)
		}
	case scene.ShapeLine:
		p.line(x, y, x+w, y+h, max(sh.StrokeWidth*s, 1), sh.Stroke)
	case scene.ShapeCircle:
		sw := sh.StrokeWidth * s
		if sh.Fill.A > 0 {
			p.fill(sh.Fill, x, y, w, h, func(pn pen) { ellipse(pn, x, y, w, h, false) })
		}
		if sh.Stroke.A > 0 && sw > 0 {
			p.fill(sh.Stroke, x, y, w, h, func(pn pen) {
				ellipse(pn, x-sw/2, y-sw/2, w+sw, h+sw, false)
				ellipse(pn, x+sw/2, y+sw/2, w-sw, h-sw, true)
			})
		}
	case scene.ShapeDiamond:
		p.fill(sh.Fill, x, y, w, h, func(pn pen) {
			pn.moveTo(x+w/2, y)
			pn.lineTo(x+w, y+h/2)
			pn.lineTo(x+w/2, y+h)
			pn.lineTo(x, y+h/2)
			pn.closePath()
		})
	case scene.ShapeText:
		p.text(sh)
	}
}

// pen draws a path, in the picture's coordinates, into the rasteriser, whose mask starts at
// (ox, oy).
type pen struct {
	z      *vector.Rasterizer
	ox, oy float32
}

func (pn pen) moveTo(x, y float32) { pn.z.MoveTo(x-pn.ox, y-pn.oy) }

func (pn pen) lineTo(x, y float32) { pn.z.LineTo(x-pn.ox, y-pn.oy) }

func (pn pen) cubeTo(x1, y1, x2, y2, x, y float32) {
	pn.z.CubeTo(x1-pn.ox, y1-pn.oy, x2-pn.ox, y2-pn.oy, x-pn.ox, y-pn.oy)
}

func (pn pen) closePath() { pn.z.ClosePath() }

// rounded fills a rectangle with rounded corners. An opaque one is filled directly but for its
// corners, the only part that needs anti-aliasing: a card at poster size is a lot of pixels to
// blend one by one.
func (p *painter) rounded(c color.NRGBA, x, y, w, h, r float32) {
	if w <= 0 || h <= 0 {
		return
	}
	path := func(pn pen) { roundRect(pn, x, y, w, h, r) }
	if c.A != 0xff {
		p.fill(c, x, y, w, h, path)
		return
	}
	if r < 0.5 {
		p.solid(c, x, y, w, h)
		return
	}
	// The corners and thin strips along the edges are rasterised, so every pixel on the outline
	// gets its exact coverage; the inside is filled directly.
	k := float32(math.Ceil(float64(r)))
	for _, b := range [][4]float32{
		{x, y, k, k}, {x + w - k, y, k, k}, {x, y + h - k, k, k}, {x + w - k, y + h - k, k, k},
		{x + k, y, w - 2*k, 1}, {x + k, y + h - 1, w - 2*k, 1}, {x, y + k, 1, h - 2*k}, {x + w - 1, y + k, 1, h - 2*k},
	} {
		if b[2] > 0 && b[3] > 0 {
			p.fill(c, b[0], b[1], b[2], b[3], path)
		}
	}
	p.solid(c, x+k, y+2, w-2*k, h-4)
	p.solid(c, x+2, y+k, w-4, h-2*k)
}

// solid fills an opaque, square-cornered rectangle straight into the band, edges rounded to
// whole pixels: the lanes' stripes span the whole picture, and at poster size a pixel's
// anti-aliasing on their edges is not worth running every pixel through the rasteriser.
func (p *painter) solid(c color.NRGBA, x, y, w, h float32) {
	r := image.Rect(int(math.Round(float64(x))), int(math.Round(float64(y))),
		int(math.Round(float64(x+w))), int(math.Round(float64(y+h)))).Intersect(p.band.Rect)
	if r.Empty() {
		return
	}
	row := p.band.Pix[p.band.PixOffset(r.Min.X, r.Min.Y):][:4*r.Dx()]
	for i := 0; i < len(row); i += 4 {
		row[i], row[i+1], row[i+2], row[i+3] = c.R, c.G, c.B, 0xff
	}
	for y := r.Min.Y + 1; y < r.Max.Y; y++ {
		copy(p.band.Pix[p.band.PixOffset(r.Min.X, y):], row)
	}
}

// fill rasterises a path within the box into the band in a uniform colour.
func (p *painter) fill(c color.NRGBA, x, y, w, h float32, path func(pen)) {
	if c.A == 0 {
		return
	}
	b := p.band.Rect
	box := image.Rect(int(math.Floor(float64(x)))-1, int(math.Floor(float64(y)))-1, int(math.Ceil(float64(x+w)))+2, int(math.Ceil(float64(y+h)))+2)
	clip := box.Intersect(b)
	if clip.Empty() {
		return
	}
	// The mask starts at the clipped box's corner, where Draw puts it; what lies outside is
	// clipped by the rasteriser.
	p.z.Reset(clip.Dx(), clip.Dy())
	path(pen{&p.z, float32(clip.Min.X), float32(clip.Min.Y)})
	p.z.DrawOp = draw.Over
	p.z.Draw(p.band, clip, image.NewUniform(premultiplied(c)), image.Point{})
}

func premultiplied(c color.NRGBA) color.RGBA {
	r, g, b, a := c.RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
}

// roundRect adds a rectangle with rounded corners, clockwise.
func roundRect(pn pen, x, y, w, h, r float32) {
	if w <= 0 || h <= 0 {
		return
	}
	const k = 0.5523 // how far a cubic's control points sit to draw a quarter circle
	c := r * (1 - k)
	pn.moveTo(x+r, y)
	corner := func(lx, ly, c1x, c1y, c2x, c2y, ex, ey float32) {
		pn.lineTo(lx, ly)
		pn.cubeTo(c1x, c1y, c2x, c2y, ex, ey)
	}
	corner(x+w-r, y, x+w-c, y, x+w, y+c, x+w, y+r)
	corner(x+w, y+h-r, x+w, y+h-c, x+w-c, y+h, x+w-r, y+h)
	corner(x+r, y+h, x+c, y+h, x, y+h-c, x, y+h-r)
	corner(x, y+r, x, y+c, x+c, y, x+r, y)
	pn.closePath()
}

// ellipse adds the ellipse filling the box, clockwise or the other way round.
func ellipse(pn pen, x, y, w, h float32, reverse bool) {
	if w <= 0 || h <= 0 {
		return
	}
	const k = 0.5523
	cx, cy, rx, ry := x+w/2, y+h/2, w/2, h/2
	sign := float32(1)
	if reverse {
		sign = -1
	}
	pn.moveTo(cx+rx, cy)
	// The four quarters as cubics; reversed, the y offsets flip and the curve runs back.
	pts := [4][3][2]float32{
		{{cx + rx, cy + sign*ry*k}, {cx + rx*k, cy + sign*ry}, {cx, cy + sign*ry}},
		{{cx - rx*k, cy + sign*ry}, {cx - rx, cy + sign*ry*k}, {cx - rx, cy}},
		{{cx - rx, cy - sign*ry*k}, {cx - rx*k, cy - sign*ry}, {cx, cy - sign*ry}},
		{{cx + rx*k, cy - sign*ry}, {cx + rx, cy - sign*ry*k}, {cx + rx, cy}},
	}
	for _, q := range pts {
		pn.cubeTo(q[0][0], q[0][1], q[1][0], q[1][1], q[2][0], q[2][1])
	}
	pn.closePath()
}

// line draws a straight line of the width as the rectangle around it.
func (p *painter) line(x1, y1, x2, y2, width float32, c color.NRGBA) {
	dx, dy := x2-x1, y2-y1
	l := float32(math.Hypot(float64(dx), float64(dy)))
	if l == 0 {
		return
	}
	nx, ny := -dy/l*width/2, dx/l*width/2
	// Square caps: half the width past each end, so that the pieces of a curve overlap where
	// they meet instead of leaving anti-aliased seams.
	ex, ey := dx/l*width/2, dy/l*width/2
	x1, y1, x2, y2 = x1-ex, y1-ey, x2+ex, y2+ey
	minX, maxX := min(x1, x2)-width, max(x1, x2)+width
	minY, maxY := min(y1, y2)-width, max(y1, y2)+width
	p.fill(c, minX, minY, maxX-minX, maxY-minY, func(pn pen) {
		pn.moveTo(x1+nx, y1+ny)
		pn.lineTo(x2+nx, y2+ny)
		pn.lineTo(x2-nx, y2-ny)
		pn.lineTo(x1-nx, y1-ny)
		pn.closePath()
	})
}

// text draws a line of text: each glyph's mask from the cache, placed on the baseline.
func (p *painter) text(sh scene.Shape) {
	s := p.scale
	size := sh.Size * s
	baseX, baseY := sh.X*s, (sh.Y+p.fonts.Ascent(sh.Size, sh.Style))*s
	if baseY-size*2 > float32(p.band.Rect.Max.Y) || baseY+size < float32(p.band.Rect.Min.Y) {
		return
	}
	src := image.NewUniform(premultiplied(sh.Fill))
	for _, g := range p.fonts.Glyphs(sh.Text, size, sh.Style) {
		gx := baseX + g.X
		ix := int(math.Floor(float64(gx)))
		frac := uint8((gx - float32(ix)) * 4) // quarter-pixel steps keep spacing even
		m, err := p.glyphs.get(&p.buf, g, size, frac)
		if err != nil && p.err == nil {
			p.err = fmt.Errorf("drawing the text %q: %w", sh.Text, err)
		}
		if m == nil {
			continue
		}
		r := m.Rect.Add(image.Pt(ix, int(math.Round(float64(baseY)))))
		draw.DrawMask(p.band, r, src, image.Point{}, m, m.Rect.Min, draw.Over)
	}
}

// glyphCache keeps each glyph's coverage mask, once drawn, by font, glyph, size and
// quarter-pixel offset: a poster repeats the same few letters thousands of times. It is safe
// for bands drawn at once.
type glyphCache struct {
	mu    sync.Mutex
	masks map[glyphKey]*image.Alpha
}

type glyphKey struct {
	font  *sfnt.Font
	index sfnt.GlyphIndex
	size  float32
	frac  uint8
}

func newGlyphCache() *glyphCache { return &glyphCache{masks: map[glyphKey]*image.Alpha{}} }

// get returns the glyph's mask with its origin on the baseline at the pen, or nil for a glyph
// with nothing to draw (a space); an error when the font can't give its outline.
func (c *glyphCache) get(buf *sfnt.Buffer, g scene.Glyph, size float32, frac uint8) (*image.Alpha, error) {
	k := glyphKey{g.Font, g.Index, size, frac}
	c.mu.Lock()
	m, ok := c.masks[k]
	c.mu.Unlock()
	if ok {
		return m, nil
	}
	m, err := drawGlyph(buf, g, size, float32(frac)/4)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.masks[k] = m
	c.mu.Unlock()
	return m, nil
}

func drawGlyph(buf *sfnt.Buffer, g scene.Glyph, size, dx float32) (*image.Alpha, error) {
	segs, err := g.Font.LoadGlyph(buf, g.Index, fixed.Int26_6(size*64), nil)
	if err != nil {
		return nil, fmt.Errorf("glyph %d of the font: %w", g.Index, err)
	}
	if len(segs) == 0 {
		return nil, nil
	}
	b := segs.Bounds()
	x0, y0 := int(math.Floor(float64(dx)+float64(b.Min.X)/64))-1, b.Min.Y.Floor()-1
	x1, y1 := int(math.Ceil(float64(dx)+float64(b.Max.X)/64))+1, b.Max.Y.Ceil()+1
	var z vector.Rasterizer
	z.Reset(x1-x0, y1-y0)
	f := func(p fixed.Point26_6) (float32, float32) {
		return float32(p.X)/64 + dx - float32(x0), float32(p.Y)/64 - float32(y0)
	}
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			z.MoveTo(f(s.Args[0]))
		case sfnt.SegmentOpLineTo:
			z.LineTo(f(s.Args[0]))
		case sfnt.SegmentOpQuadTo:
			ax, ay := f(s.Args[0])
			bx, by := f(s.Args[1])
			z.QuadTo(ax, ay, bx, by)
		case sfnt.SegmentOpCubeTo:
			ax, ay := f(s.Args[0])
			bx, by := f(s.Args[1])
			cx, cy := f(s.Args[2])
			z.CubeTo(ax, ay, bx, by, cx, cy)
		}
	}
	m := image.NewAlpha(image.Rect(0, 0, x1-x0, y1-y0))
	z.Draw(m, m.Bounds(), image.Opaque, image.Point{})
	m.Rect = m.Rect.Add(image.Pt(x0, y0))
	return m, nil
}
