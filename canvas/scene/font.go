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

// Fonts measures text as Fyne draws it: the same Noto Sans, sizes in pixels per em. Advances
// are kept per rune, so measuring costs a map lookup per character rather than the text
// shaping fyne.MeasureText does. It is safe for concurrent use.
type Fonts struct {
	faces [3]*face
}

type face struct {
	font *sfnt.Font
	upem float32
	// Ascent, descent and line gap in ems: a line of text of size s is s·(ascent+descent+gap)
	// tall, its baseline s·ascent below its top, as Fyne lays text out.
	ascent, descent, gap float32

	mu  sync.Mutex
	buf sfnt.Buffer
	adv map[rune]float32 // in ems
}

var (
	defaultFonts     *Fonts
	defaultFontsErr  error
	defaultFontsOnce sync.Once
)

// DefaultFonts returns the fonts of the map, parsed once.
func DefaultFonts() *Fonts {
	defaultFontsOnce.Do(func() {
		defaultFonts, defaultFontsErr = NewFonts(fonts.Regular, fonts.Bold, fonts.Italic)
	})
	if defaultFontsErr != nil {
		// The fonts are compiled into the binary; failing to read them is a broken build.
		panic(defaultFontsErr)
	}
	return defaultFonts
}

// NewFonts reads the regular, bold and italic TrueType fonts.
func NewFonts(regular, bold, italic []byte) (*Fonts, error) {
	f := &Fonts{}
	for i, data := range [][]byte{regular, bold, italic} {
		fc, err := newFace(data)
		if err != nil {
			return nil, fmt.Errorf("reading font %d: %w", i, err)
		}
		f.faces[i] = fc
	}
	return f, nil
}

func newFace(data []byte) (*face, error) {
	fnt, err := sfnt.Parse(data)
	if err != nil {
		return nil, err
	}
	fc := &face{font: fnt, upem: float32(fnt.UnitsPerEm()), adv: map[rune]float32{}}
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

func (fc *face) advance(r rune) float32 {
	if a, ok := fc.adv[r]; ok {
		return a
	}
	g, err := fc.font.GlyphIndex(&fc.buf, r)
	var a float32
	if err == nil {
		if adv, err := fc.font.GlyphAdvance(&fc.buf, g, fixed.Int26_6(fc.upem)<<6, font.HintingNone); err == nil {
			a = float32(adv) / 64 / fc.upem
		}
	}
	fc.adv[r] = a
	return a
}

func (f *Fonts) face(s Style) *face { return f.faces[min(int(s), len(f.faces)-1)] }

// Width is how wide text is at the size, in the same units as the size.
func (f *Fonts) Width(text string, size float32, s Style) float32 {
	fc := f.face(s)
	fc.mu.Lock()
	defer fc.mu.Unlock()
	var em float32
	for _, r := range text {
		em += fc.advance(r)
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
		line := ""
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
			for f.Width(word, size, s) > width {
				cut := f.fit(word, width, size, s)
				lines = append(lines, word[:cut])
				word = word[cut:]
			}
			line = word
		}
		lines = append(lines, line)
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
