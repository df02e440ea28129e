package canvas

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"journeymap/journey"
)

// NewMainWindow builds the Journeymap window for a workspace.
func NewMainWindow(a fyne.App, w *journey.Workspace) fyne.Window {
	win := a.NewWindow("Journeymap")
	win.SetContent(NewJourneyList(w))
	win.Resize(fyne.NewSize(1280, 800))
	win.SetMaster()
	return win
}

// NewJourneyList lists the workspace's journeys: title, persona, and pain points split by
// discovery.
func NewJourneyList(w *journey.Workspace) *widget.List {
	return widget.NewList(
		func() int { return len(w.Journeys) },
		func() fyne.CanvasObject { return widget.NewCard("Journey title", "Persona · pain points", nil) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			j := &w.Journeys[i]
			card := o.(*widget.Card)
			card.SetTitle(j.Title)
			card.SetSubTitle(fmt.Sprintf("%s · %d pain points (%d known, %d unknown)",
				j.Persona, len(j.PainPoints), len(j.PainPoints)-j.UnknownCount(), j.UnknownCount()))
		})
}
