// Command bare is the baseline `make startup` compares Journeymap with: a Fyne window of the
// same size holding one label.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("io.journeymap.bare")
	w := a.NewWindow("Bare")
	w.SetContent(widget.NewLabel("A bare Fyne window with one label"))
	w.Resize(fyne.NewSize(1440, 900))
	w.ShowAndRun()
}
