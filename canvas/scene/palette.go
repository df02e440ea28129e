package scene

import (
	"image/color"
	"math"
	"slices"

	"journeymap/journey"
)

// Palette holds the map's colours for one look. Known and unknown pain points differ in
// colour here and in shape (circle, diamond) in the scene, so they stay apart without colour.
type Palette struct {
	Name                                          string
	Background, Stripe, Grid, Header, Text, Muted color.NRGBA
	CardFill                                      map[journey.LaneKind]color.NRGBA
	CardStroke, Pill                              color.NRGBA
	PainFill                                      color.NRGBA
	Known, Unknown, Unassigned, OnMarker          color.NRGBA
	Curve, ZeroLine                               color.NRGBA
	Emotion                                       [5]color.NRGBA // -2..+2
	Tags                                          map[journey.CardColor]color.NRGBA
}

func rgb(hex uint32) color.NRGBA {
	return color.NRGBA{uint8(hex >> 16), uint8(hex >> 8), uint8(hex), 0xff}
}

// PaletteNames are the palettes' names, the default first: light and dark follow the app's
// theme, presenter is for a projector — black on white with every text at a contrast of at
// least 7:1.
var PaletteNames = []string{"light", "dark", "presenter"}

var palettes = []*Palette{&lightPalette, &darkPalette, &presenterPalette}

// PaletteNamed returns the palette of the name, the light one for a name it doesn't know.
func PaletteNamed(name string) *Palette {
	p, _ := LookUpPalette(name)
	return p
}

// LookUpPalette returns the palette of the name, and whether there is one; the light one if
// not.
func LookUpPalette(name string) (*Palette, bool) {
	if i := slices.Index(PaletteNames, name); i >= 0 {
		return palettes[i], true
	}
	return palettes[0], false
}

var lightTags = map[journey.CardColor]color.NRGBA{
	"red": rgb(0xDC2626), "orange": rgb(0xEA580C), "yellow": rgb(0xCA8A04), "green": rgb(0x16A34A),
	"blue": rgb(0x2563EB), "purple": rgb(0x9333EA), "grey": rgb(0x6B7280),
}

var darkTags = map[journey.CardColor]color.NRGBA{
	"red": rgb(0xF87171), "orange": rgb(0xFB923C), "yellow": rgb(0xFACC15), "green": rgb(0x4ADE80),
	"blue": rgb(0x60A5FA), "purple": rgb(0xC084FC), "grey": rgb(0x9CA3AF),
}

var lightPalette = Palette{
	Name:       "light",
	Background: rgb(0xFAFAF9), Stripe: rgb(0xF2F1EF), Grid: rgb(0xD6D3D1), Header: rgb(0xE7E5E4),
	Text: rgb(0x1C1917), Muted: rgb(0x57534E),
	CardFill: map[journey.LaneKind]color.NRGBA{
		journey.LaneActions: rgb(0xDBEAFE), journey.LaneTouchpoints: rgb(0xE0E7FF),
		journey.LaneThoughts: rgb(0xFEF3C7), journey.LaneOpportunities: rgb(0xDCFCE7),
		journey.LaneBackstage: rgb(0xE7E5E4), journey.LaneCustom: rgb(0xF5F5F4), journey.LanePain: rgb(0xFFFFFF),
	},
	CardStroke: rgb(0xA8A29E), Pill: rgb(0xE7E5E4), PainFill: rgb(0xFFFFFF),
	Known: rgb(0xB45309), Unknown: rgb(0x6D28D9), Unassigned: rgb(0xDC2626), OnMarker: rgb(0xFFFFFF),
	Curve: rgb(0x0F766E), ZeroLine: rgb(0xA8A29E),
	Emotion: [5]color.NRGBA{rgb(0xDC2626), rgb(0xF97316), rgb(0xA8A29E), rgb(0x65A30D), rgb(0x15803D)},
	Tags:    lightTags,
}

var darkPalette = Palette{
	Name:       "dark",
	Background: rgb(0x1C1917), Stripe: rgb(0x262220), Grid: rgb(0x57534E), Header: rgb(0x292524),
	Text: rgb(0xF5F5F4), Muted: rgb(0xC4C0BC),
	CardFill: map[journey.LaneKind]color.NRGBA{
		journey.LaneActions: rgb(0x1E3A5F), journey.LaneTouchpoints: rgb(0x312E6B),
		journey.LaneThoughts: rgb(0x5C3D0E), journey.LaneOpportunities: rgb(0x14532D),
		journey.LaneBackstage: rgb(0x3A3633), journey.LaneCustom: rgb(0x33302D), journey.LanePain: rgb(0x2A2624),
	},
	CardStroke: rgb(0x78716C), Pill: rgb(0x57534E), PainFill: rgb(0x2A2624),
	Known: rgb(0xF59E0B), Unknown: rgb(0xA78BFA), Unassigned: rgb(0xF87171), OnMarker: rgb(0x1C1917),
	Curve: rgb(0x2DD4BF), ZeroLine: rgb(0x78716C),
	Emotion: [5]color.NRGBA{rgb(0xF87171), rgb(0xFB923C), rgb(0xA8A29E), rgb(0xA3E635), rgb(0x4ADE80)},
	Tags:    darkTags,
}

// presenterPalette is pure white with near-black text and dark, saturated marks: every text
// colour against the fill it sits on reaches 7:1 (tested), readable from the back of a room.
var presenterPalette = Palette{
	Name:       "presenter",
	Background: rgb(0xFFFFFF), Stripe: rgb(0xF4F4F5), Grid: rgb(0x71717A), Header: rgb(0xE4E4E7),
	Text: rgb(0x09090B), Muted: rgb(0x27272A),
	CardFill: map[journey.LaneKind]color.NRGBA{
		journey.LaneActions: rgb(0xEFF6FF), journey.LaneTouchpoints: rgb(0xEEF2FF),
		journey.LaneThoughts: rgb(0xFFFBEB), journey.LaneOpportunities: rgb(0xF0FDF4),
		journey.LaneBackstage: rgb(0xF4F4F5), journey.LaneCustom: rgb(0xFAFAFA), journey.LanePain: rgb(0xFFFFFF),
	},
	CardStroke: rgb(0x52525B), Pill: rgb(0xE4E4E7), PainFill: rgb(0xFFFFFF),
	Known: rgb(0x7C2D12), Unknown: rgb(0x4C1D95), Unassigned: rgb(0x991B1B), OnMarker: rgb(0xFFFFFF),
	Curve: rgb(0x115E59), ZeroLine: rgb(0x52525B),
	Emotion: [5]color.NRGBA{rgb(0x991B1B), rgb(0x9A3412), rgb(0x3F3F46), rgb(0x3F6212), rgb(0x14532D)},
	Tags:    lightTags,
}

// dim fades a colour towards the background, for what a spotlight or a filter leaves aside.
func (p *Palette) dim(c color.NRGBA) color.NRGBA {
	const keep = 0.3
	mix := func(a, b uint8) uint8 { return uint8(float32(a)*keep + float32(b)*(1-keep)) }
	return color.NRGBA{mix(c.R, p.Background.R), mix(c.G, p.Background.G), mix(c.B, p.Background.B), c.A}
}

// Contrast is the WCAG contrast ratio of two colours, 1 to 21.
func Contrast(a, b color.NRGBA) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c color.NRGBA) float64 {
	ch := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.R) + 0.7152*ch(c.G) + 0.0722*ch(c.B)
}
