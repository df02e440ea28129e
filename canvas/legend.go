package canvas

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"journeymap/canvas/mapview"
	"journeymap/canvas/scene"
)

// legend explains the map's marks in the status bar: the circle and diamond drawn as the map
// draws them, not as characters, which the app's font lacks and a system might draw as boxes.
type legend struct {
	widget.BaseWidget
	known      *canvas.Circle
	diamond    *canvas.Polygon
	unassigned *canvas.Rectangle
}

func newLegend() *legend {
	l := &legend{known: canvas.NewCircle(color.Transparent), diamond: canvas.NewPolygon(4, color.Transparent),
		unassigned: canvas.NewRectangle(color.Transparent)}
	l.ExtendBaseWidget(l)
	return l
}

func (l *legend) CreateRenderer() fyne.WidgetRenderer {
	mark := func(o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSquareSize(12), o)
	}
	row := container.NewHBox(
		container.NewCenter(mark(l.known)), widget.NewLabel("known"),
		container.NewCenter(mark(l.diamond)), widget.NewLabel("unknown"),
		container.NewCenter(mark(l.unassigned)), widget.NewLabel("unassigned"),
		layout.NewSpacer())
	r := &legendRenderer{l: l, content: row}
	r.Refresh()
	return r
}

type legendRenderer struct {
	l       *legend
	content *fyne.Container
}

func (r *legendRenderer) Layout(size fyne.Size)        { r.content.Resize(size) }
func (r *legendRenderer) MinSize() fyne.Size           { return r.content.MinSize() }
func (r *legendRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.content} }
func (r *legendRenderer) Destroy()                     {}

// Refresh takes the marks' colours from the palette of the theme in force.
func (r *legendRenderer) Refresh() {
	p := scene.PaletteNamed(mapview.ThemePalette())
	r.l.known.FillColor = p.Known
	r.l.diamond.FillColor = p.Unknown
	r.l.unassigned.FillColor, r.l.unassigned.StrokeColor, r.l.unassigned.StrokeWidth = p.PainFill, p.Unassigned, 2
	r.l.unassigned.CornerRadius = 2
	r.content.Refresh()
}
