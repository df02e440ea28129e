package panels

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// NewRenderer draws a panel's scrolling body on an opaque background, so that nothing of the
// map shows through while it lays out beside it (or, for a sheet such as the welcome, over it).
func NewRenderer(scroll *container.Scroll) fyne.WidgetRenderer {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	return &panelRenderer{WidgetRenderer: widget.NewSimpleRenderer(container.NewStack(bg, scroll, newWheel(scroll))), bg: bg}
}

// wheel lies over a panel and takes every turn of the mouse wheel for the panel's scroll:
// the pointer finds the topmost thing that scrolls, and an entry's own scroll, passing under
// it, would otherwise keep the turns and stop the panel half way. It takes nothing else, so
// taps, hovering and the cursor still reach the fields under it.
type wheel struct {
	widget.BaseWidget
	scroll *container.Scroll
}

var _ fyne.Scrollable = (*wheel)(nil)

func newWheel(scroll *container.Scroll) *wheel {
	w := &wheel{scroll: scroll}
	w.ExtendBaseWidget(w)
	return w
}

// Scrolled implements fyne.Scrollable.
func (w *wheel) Scrolled(ev *fyne.ScrollEvent) { w.scroll.Scrolled(ev) }

func (w *wheel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// panelRenderer draws a side panel on the theme's background, in the colour of the theme in
// use: switching light and dark refreshes it.
type panelRenderer struct {
	fyne.WidgetRenderer
	bg *canvas.Rectangle
}

func (r *panelRenderer) Refresh() {
	r.bg.FillColor = theme.Color(theme.ColorNameBackground)
	r.WidgetRenderer.Refresh()
}

// sidePanel is what the task force and discovery panels share: their width, showing and
// hiding, and laying their scrolling body out again when rows come or go.
type sidePanel struct {
	widget.BaseWidget
	// OnShowHide is called after the panel appeared or went.
	OnShowHide func()
	scroll     *container.Scroll
	fill       func() // draws the panel from the workspace
}

// MinSize keeps the panel as wide as the others beside the map, whatever its rows hold.
func (p *sidePanel) MinSize() fyne.Size {
	return fyne.NewSize(Width, p.BaseWidget.MinSize().Height)
}

// Toggle shows the panel, drawn afresh, or hides it.
func (p *sidePanel) Toggle() {
	if p.Visible() {
		p.Hide()
	} else {
		p.fill()
		p.Show()
	}
	p.OnShowHide()
}

// render draws the panel's parts one under the other, scrolling.
func (p *sidePanel) render(parts ...fyne.CanvasObject) fyne.WidgetRenderer {
	p.scroll = container.NewVScroll(container.NewPadded(panelBody(parts...)))
	return NewRenderer(p.scroll)
}

// panelBody stacks a panel's parts at the width they are drawn at, so that the wrapped texts
// among them are measured at that width: a wrapped label's height is measured at the width it
// was last laid out at, and a panel measured short can't be scrolled to its end.
func panelBody(parts ...fyne.CanvasObject) fyne.CanvasObject {
	return AtWidth(Width-2*theme.Padding(), container.NewVBox(parts...))
}

// AtWidth lays o out at width (or at its minimum, when that is more) and measures its height
// there, so that the wrapped texts in it keep their line length.
func AtWidth(width float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&fixedWidth{width: width}, o)
}

// fixedWidth lays its objects out at a given width (or their minimum, when that is more) and
// measures their height there, so that wrapped text keeps its line length and its height is
// known before the first frame.
type fixedWidth struct{ width float32 }

func (l *fixedWidth) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *fixedWidth) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var min fyne.Size
	for _, o := range objects {
		if o.Size().Width != l.width {
			o.Resize(fyne.NewSize(l.width, o.MinSize().Height))
		}
		min = min.Max(o.MinSize())
	}
	return fyne.NewSize(fyne.Max(min.Width, l.width), min.Height)
}

// sectionHeading names a section of a panel.
func sectionHeading(s string) fyne.CanvasObject {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// explained is a note in small, quiet type that says what a field asks for.
func explained(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// keepInView scrolls a panel so that what runs from the top of from to the bottom of to is in
// its view; when that is taller than the view, from's top is.
func keepInView(scroll *container.Scroll, from, to fyne.CanvasObject) {
	if scroll == nil {
		return
	}
	d := fyne.CurrentApp().Driver()
	at := d.AbsolutePositionForObject(scroll).Y
	top := d.AbsolutePositionForObject(from).Y - at
	bottom := d.AbsolutePositionForObject(to).Y - at + to.Size().Height
	view, off := scroll.Size().Height, scroll.Offset
	switch {
	case top < 0 || bottom-top > view:
		scroll.ScrollToOffset(fyne.NewPos(off.X, off.Y+top-theme.Padding()))
	case bottom > view:
		scroll.ScrollToOffset(fyne.NewPos(off.X, off.Y+bottom-view+theme.Padding()))
	}
}

// relayout lays the body out again after rows came or went.
func (p *sidePanel) relayout() {
	if p.scroll != nil {
		p.scroll.Content.Resize(fyne.NewSize(p.scroll.Size().Width, p.scroll.Content.MinSize().Height))
		p.scroll.Refresh()
	}
}

// Width is the width of the panels beside the map, room for a form of labelled fields.
const Width = 440
