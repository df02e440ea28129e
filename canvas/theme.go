package canvas

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

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
