package canvas

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"journeymap/journey"
)

// ImportPainPoints asks for a CSV of pain points (the CSV export's columns, or a task force's
// own spreadsheet) and puts them into the journey on show, as one edit Undo takes back.
func (mw *MainWindow) ImportPainPoints() {
	j := mw.doc.Workspace().Journey(mw.Map.JourneyID())
	if j == nil {
		mw.say("No journey to import pain points into: add one first.")
		return
	}
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		mw.importPainPointsFrom(path, j.ID)
	}, mw)
	open.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".CSV"}))
	open.Resize(fyne.NewSize(800, 560))
	open.Show()
}

// importPainPointsFrom imports the CSV at path into the journey, and says what it did; what
// is wrong with the file is listed in a dialog, where every line it names can be read.
func (mw *MainWindow) importPainPointsFrom(path, journeyID string) {
	mw.Editor.Commit()
	r, err := mw.doc.ImportPainPoints(path, journeyID)
	if err != nil {
		text := widget.NewLabel(strings.ReplaceAll(journey.Printable(err.Error()), "; line", ";\nline"))
		text.Wrapping = fyne.TextWrapWord
		d := dialog.NewCustom("Pain points not imported", "Close", container.NewVScroll(text), mw)
		d.Resize(fyne.NewSize(640, 360))
		d.Show()
		return
	}
	msg := "Imported: " + r.Summary() + "."
	if len(r.Ignored) > 0 {
		msg += fmt.Sprintf(" Not read: the columns %q.", r.Ignored)
	}
	mw.say(journey.Printable(msg))
}
