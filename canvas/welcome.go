package canvas

import (
	"journeymap/canvas/panels"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// newWelcome is what the map's place shows while the workspace has no journey, as on the
// first start: what to do first, with the sample one click away in a window of its own, so
// that nothing of its fictional team is ever counted as the user's.
func newWelcome(mw *MainWindow) fyne.CanvasObject {
	heading := widget.NewLabelWithStyle("Welcome to Journeymap", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	say := func(s string) *widget.Label {
		l := widget.NewLabelWithStyle(s, fyne.TextAlignCenter, fyne.TextStyle{})
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	start := widget.NewButtonWithIcon("New Journey", theme.ContentAddIcon(), mw.NewJourney)
	start.Importance = widget.HighImportance
	sample := widget.NewButtonWithIcon("Look at the Sample…", theme.FileIcon(), mw.OpenSample)
	body := container.NewVBox(
		heading,
		say("This workspace is empty. Start your first journey: what a customer goes through, stage by stage, "+
			"and the pain points your task force digs up along it."),
		container.NewCenter(container.NewHBox(start, sample)),
		say("The sample is a finished workspace of a made-up task force. It opens in a window of its own, "+
			"from its own store: nothing in it is added to yours, and File → Open Sample… brings it back any time."),
		say("Add your team with the task force panel (Ctrl+T), so that the work is shared fairly."),
	)
	w := &welcome{body: container.NewCenter(panels.AtWidth(560, body))}
	w.ExtendBaseWidget(w)
	return w
}

// welcome covers the empty map, on the theme's background, so that the two don't speak at once.
type welcome struct {
	widget.BaseWidget
	body fyne.CanvasObject
}

func (w *welcome) CreateRenderer() fyne.WidgetRenderer {
	return panels.NewRenderer(container.NewScroll(w.body))
}

// OpenSample opens the sample workspace in a window of its own, as the app it runs in was
// told to (OnOpenSample); where it can't, it says why.
func (mw *MainWindow) OpenSample() {
	if mw.OnOpenSample == nil {
		mw.say("The sample can't be opened from here: start Journeymap without -store to find it.")
		return
	}
	if err := mw.OnOpenSample(); err != nil {
		mw.say("Can't open the sample: " + err.Error() + ".")
		return
	}
	mw.say("The sample opens in a window of its own; your workspace stays as it is.")
}
