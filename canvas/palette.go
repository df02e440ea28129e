package canvas

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"journeymap/journey"
)

// palette holds the map's colours for one theme variant. Known and unknown pain points differ
// in colour here and in shape (circle, diamond) on the map, so they stay apart without colour.
type palette struct {
	Background, Stripe, Grid, Header, Text, Muted color.Color
	CardFill                                      map[journey.LaneKind]color.Color
	CardStroke, Pill                              color.Color
	PainFill                                      color.Color
	Known, Unknown, Unassigned, OnMarker          color.Color
	Curve, ZeroLine                               color.Color
	Emotion                                       [5]color.Color // -2..+2
}

func rgb(hex uint32) color.NRGBA {
	return color.NRGBA{uint8(hex >> 16), uint8(hex >> 8), uint8(hex), 0xff}
}

var lightPalette = palette{
	Background: rgb(0xFAFAF9), Stripe: rgb(0xF2F1EF), Grid: rgb(0xD6D3D1), Header: rgb(0xE7E5E4),
	Text: rgb(0x1C1917), Muted: rgb(0x57534E),
	CardFill: map[journey.LaneKind]color.Color{
		journey.LaneActions: rgb(0xDBEAFE), journey.LaneTouchpoints: rgb(0xE0E7FF),
		journey.LaneThoughts: rgb(0xFEF3C7), journey.LaneOpportunities: rgb(0xDCFCE7),
		journey.LaneBackstage: rgb(0xE7E5E4), journey.LaneCustom: rgb(0xF5F5F4), journey.LanePain: rgb(0xFFFFFF),
	},
	CardStroke: rgb(0xA8A29E), Pill: rgb(0xE7E5E4), PainFill: rgb(0xFFFFFF),
	Known: rgb(0xB45309), Unknown: rgb(0x6D28D9), Unassigned: rgb(0xDC2626), OnMarker: rgb(0xFFFFFF),
	Curve: rgb(0x0F766E), ZeroLine: rgb(0xA8A29E),
	Emotion: [5]color.Color{rgb(0xDC2626), rgb(0xF97316), rgb(0xA8A29E), rgb(0x65A30D), rgb(0x15803D)},
}

var darkPalette = palette{
	Background: rgb(0x1C1917), Stripe: rgb(0x262220), Grid: rgb(0x57534E), Header: rgb(0x292524),
	Text: rgb(0xF5F5F4), Muted: rgb(0xC4C0BC),
	CardFill: map[journey.LaneKind]color.Color{
		journey.LaneActions: rgb(0x1E3A5F), journey.LaneTouchpoints: rgb(0x312E6B),
		journey.LaneThoughts: rgb(0x5C3D0E), journey.LaneOpportunities: rgb(0x14532D),
		journey.LaneBackstage: rgb(0x3A3633), journey.LaneCustom: rgb(0x33302D), journey.LanePain: rgb(0x2A2624),
	},
	CardStroke: rgb(0x78716C), Pill: rgb(0x57534E), PainFill: rgb(0x2A2624),
	Known: rgb(0xF59E0B), Unknown: rgb(0xA78BFA), Unassigned: rgb(0xF87171), OnMarker: rgb(0x1C1917),
	Curve: rgb(0x2DD4BF), ZeroLine: rgb(0x78716C),
	Emotion: [5]color.Color{rgb(0xF87171), rgb(0xFB923C), rgb(0xA8A29E), rgb(0xA3E635), rgb(0x4ADE80)},
}

// currentPalette follows the app theme: dark when its background is dark, whatever the theme.
func currentPalette() *palette {
	r, g, b, _ := theme.Color(theme.ColorNameBackground).RGBA()
	if (299*r+587*g+114*b)/1000 < 0x8000 {
		return &darkPalette
	}
	return &lightPalette
}

// VariantTheme is Fyne's default theme held to one variant, for the light/dark switch.
type VariantTheme struct {
	fyne.Theme
	Variant fyne.ThemeVariant
}

// NewVariantTheme returns the default theme held to the variant (theme.VariantLight or Dark).
func NewVariantTheme(v fyne.ThemeVariant) *VariantTheme {
	return &VariantTheme{Theme: theme.DefaultTheme(), Variant: v}
}

// Color implements fyne.Theme, ignoring the system's variant.
func (t *VariantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.Variant)
}
