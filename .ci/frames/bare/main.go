// Command bare is the baseline the frame benchmark (BenchmarkFrames) compares Journeymap's
// map with: a Fyne window of the same size holding a scroller of 40 rows of 5 labelled
// boxes about a map card's size, and a box that follows a drag, drawn by Fyne alone.
package main

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// box is a labelled rectangle that moves with the pointer dragging it.
type box struct {
	widget.BaseWidget
}

func newBox() *box {
	b := &box{}
	b.ExtendBaseWidget(b)
	return b
}

func (b *box) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(color.NRGBA{R: 0x2a, G: 0x4a, B: 0x8a, A: 0xff})
	bg.CornerRadius = 6
	return widget.NewSimpleRenderer(container.NewStack(bg, widget.NewLabel("Drag me")))
}

func (b *box) Dragged(e *fyne.DragEvent) { b.Move(b.Position().Add(e.Dragged)) }
func (b *box) DragEnd()                  {}

func main() {
	a := app.NewWithID("io.journeymap.bare-scroller")
	w := a.NewWindow("Bare scroller")
	cells := make([]fyne.CanvasObject, 0, 200)
	for i := range 200 {
		bg := canvas.NewRectangle(color.NRGBA{R: uint8(40 + i%7*10), G: 0x40, B: 0x60, A: 0xff})
		bg.CornerRadius = 4
		bg.SetMinSize(fyne.NewSize(220, 64))
		text := canvas.NewText(fmt.Sprintf("Card %d", i+1), color.White)
		cells = append(cells, container.NewStack(bg, container.NewPadded(text)))
	}
	scroll := container.NewVScroll(container.NewGridWithColumns(5, cells...))
	drag := newBox()
	drag.Resize(fyne.NewSize(180, 60))
	drag.Move(fyne.NewPos(40, 40))
	w.SetContent(container.NewStack(scroll, container.NewWithoutLayout(drag)))
	w.Resize(fyne.NewSize(1440, 900))
	w.ShowAndRun()
}
