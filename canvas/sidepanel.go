package canvas

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// newPanelRenderer draws a side panel's scrolling body on an opaque background, so that
// nothing of the map shows through while it lays out beside it.
func newPanelRenderer(scroll *container.Scroll) fyne.WidgetRenderer {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	return &panelRenderer{WidgetRenderer: widget.NewSimpleRenderer(container.NewStack(bg, scroll)), bg: bg}
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
	return fyne.NewSize(panelWidth, p.BaseWidget.MinSize().Height)
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
	p.scroll = container.NewVScroll(container.NewPadded(container.NewVBox(parts...)))
	return newPanelRenderer(p.scroll)
}

// sectionHeading names a section of a panel.
func sectionHeading(s string) fyne.CanvasObject {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// relayout lays the body out again after rows came or went.
func (p *sidePanel) relayout() {
	if p.scroll != nil {
		p.scroll.Content.Resize(fyne.NewSize(p.scroll.Size().Width, p.scroll.Content.MinSize().Height))
		p.scroll.Refresh()
	}
}

// panelWidth is the width of the panels beside the map, room for a form of labelled fields.
const panelWidth = 440
