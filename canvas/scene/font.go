package scene

import (
	"fmt"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"journeymap/assets/fonts"
)

// Style is the style of a run of text.
type Style uint8

// The text styles the map uses.
const (
	Regular Style = iota
	Bold
	Italic
)

// Fonts measures text as Fyne draws it: the same Noto Sans with its kerning, sizes in pixels
// per em, and Fyne's symbol font for characters Noto lacks. Glyphs and kerning pairs are kept
// once looked up, so measuring costs a map lookup or two per character rather than the text
// shaping fyne.MeasureText does. It is safe for concurrent use.
type Fonts struct {
	faces   [3]*face
	symbols *face
}

type face struct {
	font *sfnt.Font
	upem float32
	// Ascent, descent and line gap in ems: a line of text of size s is s·(ascent+descent+gap)
	// tall, its baseline s·ascent below its top, as Fyne lays text out.
	ascent, descent, gap float32

	mu     sync.Mutex
	buf    sfnt.Buffer
	glyphs map[rune]glyph
	kerns  map[[2]sfnt.GlyphIndex]float32 // in ems
}

// glyph is how a rune is drawn: a glyph of the face, or of the symbol font when the face has
// none for it (fallback), and how far it advances, in ems.
type glyph struct {
	index    sfnt.GlyphIndex
	adv      float32
	fallback bool
}

var (
	defaultFonts     *Fonts
	defaultFontsErr  error
	defaultFontsOnce sync.Once
)

// DefaultFonts returns the fonts of the map, parsed once.
func DefaultFonts() *Fonts {
	defaultFontsOnce.Do(func() {
		defaultFonts, defaultFontsErr = NewFonts(fonts.Regular, fonts.Bold, fonts.Italic, fonts.Symbols)
	})
	if defaultFontsErr != nil {
		// The fonts are compiled into the binary; failing to read them is a broken build.
		panic(defaultFontsErr)
	}
	return defaultFonts
}

// NewFonts reads the regular, bold and italic TrueType fonts and the symbol font they fall
// back to.
func NewFonts(regular, bold, italic, symbols []byte) (*Fonts, error) {
	f := &Fonts{}
	for i, data := range [][]byte{regular, bold, italic, symbols} {
		fc, err := newFace(data)
		if err != nil {
			return nil, fmt.Errorf("reading font %d: %w", i, err)
		}
		if i == 3 {
			f.symbols = fc
		} else {
			f.faces[i] = fc
		}
	}
	return f, nil
}

func newFace(data []byte) (*face, error) {
	fnt, err := sfnt.Parse(data)
	if err != nil {
		return nil, err
	}
	fc := &face{font: fnt, upem: float32(fnt.UnitsPerEm()), glyphs: map[rune]glyph{}, kerns: map[[2]sfnt.GlyphIndex]float32{}}
	ppem := fixed.Int26_6(fnt.UnitsPerEm()) << 6
	m, err := fnt.Metrics(&fc.buf, ppem, font.HintingNone)
	if err != nil {
		return nil, err
	}
	fc.ascent = float32(m.Ascent) / 64 / fc.upem
	fc.descent = float32(m.Descent) / 64 / fc.upem
	fc.gap = float32(m.Height-m.Ascent-m.Descent) / 64 / fc.upem
	return fc, nil
}

// index returns the face's glyph for a rune, 0 when it has none, and its advance in ems.
func (fc *face) index(r rune) (sfnt.GlyphIndex, float32) {
	g, err := fc.font.GlyphIndex(&fc.buf, r)
	if err != nil {
		return 0, 0
	}
	adv, err := fc.font.GlyphAdvance(&fc.buf, g, fixed.Int26_6(fc.upem)<<6, font.HintingNone)
	if err != nil {
		return g, 0
	}
	return g, float32(adv) / 64 / fc.upem
}

// glyph looks a rune up, in the symbol font when the face lacks it; the caller holds fc.mu.
func (fc *face) glyph(r rune, symbols *face) glyph {
	if g, ok := fc.glyphs[r]; ok {
		return g
	}
	i, adv := fc.index(r)
	g := glyph{index: i, adv: adv}
	if i == 0 && symbols != nil {
		symbols.mu.Lock()
		if si, sadv := symbols.index(r); si != 0 {
			g = glyph{index: si, adv: sadv, fallback: true}
		}
		symbols.mu.Unlock()
	}
	fc.glyphs[r] = g
	return g
}

// kern is the kerning between two glyphs of the face, in ems; the caller holds fc.mu.
func (fc *face) kern(a, b sfnt.GlyphIndex) float32 {
	pair := [2]sfnt.GlyphIndex{a, b}
	if k, ok := fc.kerns[pair]; ok {
		return k
	}
	var k float32
	if v, err := fc.font.Kern(&fc.buf, a, b, fixed.Int26_6(fc.upem)<<6, font.HintingNone); err == nil {
		k = float32(v) / 64 / fc.upem
	}
	fc.kerns[pair] = k
	return k
}

func (f *Fonts) face(s Style) *face { return f.faces[min(int(s), len(f.faces)-1)] }

// Width is how wide text is at the size, in the same units as the size.
func (f *Fonts) Width(text string, size float32, s Style) float32 {
	return f.walk(text, size, s, nil)
}

// walk goes through the text's glyphs as Fyne places them — kerned within a run of one font —
// telling each (if each is not nil) where it starts, and returns where the text ends.
func (f *Fonts) walk(text string, size float32, s Style, each func(g glyph, font *sfnt.Font, x float32)) float32 {
	fc := f.face(s)
	fc.mu.Lock()
	defer fc.mu.Unlock()
	var em float32
	prev := glyph{fallback: true}
	for _, r := range text {
		g := fc.glyph(r, f.symbols)
		if !g.fallback && !prev.fallback {
			em += fc.kern(prev.index, g.index)
		}
		if each != nil {
			font := fc.font
			if g.fallback {
				font = f.symbols.font
			}
			each(g, font, em*size)
		}
		em += g.adv
		prev = g
	}
	return em * size
}

// LineHeight is the height of a line of text at the size: the box Fyne gives a text object.
func (f *Fonts) LineHeight(size float32, s Style) float32 {
	fc := f.face(s)
	return size * (fc.ascent + fc.descent + fc.gap)
}

// Ascent is how far below the top of its line box a line's baseline is.
func (f *Fonts) Ascent(size float32, s Style) float32 { return size * f.face(s).ascent }

// Font returns the parsed font of a style, for drawing.
func (f *Fonts) Font(s Style) *sfnt.Font { return f.face(s).font }

// Wrap breaks text into lines no wider than width, at spaces where it can and inside a word
// only when the word alone is too wide. Line breaks in the text are kept.
func (f *Fonts) Wrap(text string, width, size float32, s Style) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		line, start := "", len(lines)
		for _, word := range strings.Fields(para) {
			candidate := word
			if line != "" {
				candidate = line + " " + word
			}
			if f.Width(candidate, size, s) <= width {
				line = candidate
				continue
			}
			if line != "" {
				lines = append(lines, line)
			}
			line = ""
			// A width too narrow for any letter still takes one a line, and ends.
			for word != "" && f.Width(word, size, s) > width {
				cut := f.fit(word, width, size, s)
				lines = append(lines, word[:cut])
				word = word[cut:]
			}
			line = word
		}
		if line != "" || len(lines) == start { // an empty paragraph is an empty line
			lines = append(lines, line)
		}
	}
	return lines
}

// fit returns how many bytes of word fit in width, at least one rune's worth.
func (f *Fonts) fit(word string, width, size float32, s Style) int {
	fit := 0
	for i, r := range word {
		end := i + len(string(r))
		if fit > 0 && f.Width(word[:end], size, s) > width {
			break
		}
		fit = end
	}
	return fit
}

// Glyph is one character of a line of text, placed: the font to draw it from, its glyph, and
// how far from the line's start it begins, in the units of the size.
type Glyph struct {
	Font  *sfnt.Font
	Index sfnt.GlyphIndex
	X     float32
}

// Glyphs places the characters of a line of text at the size, exactly as Width measures them,
// for a back end that draws text itself.
func (f *Fonts) Glyphs(text string, size float32, s Style) []Glyph {
	var out []Glyph
	f.walk(text, size, s, func(g glyph, font *sfnt.Font, x float32) {
		out = append(out, Glyph{Font: font, Index: g.index, X: x})
	})
	return out
}
