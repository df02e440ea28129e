package canvas

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"journeymap/canvas/scene"
)

// ErrorWindowTitle is the title of the window that says why Journeymap could not start.
const ErrorWindowTitle = "Journeymap: can't open the workspace"

// errorTextWidth is where the error window breaks its lines. The lines are broken here
// rather than by word-wrapping labels, which ask for a towering window before they know
// their width.
const errorTextWidth = 480

// NewErrorWindow returns a window that says what stops Journeymap from opening its
// workspace, and what to do. Someone who started the app from a desktop icon never sees
// standard error, so the problem has to reach them here. Return or Escape closes it.
func NewErrorWindow(a fyne.App, problem, advice string) fyne.Window {
	w := a.NewWindow(ErrorWindowTitle)
	bold := fyne.TextStyle{Bold: true}
	heading := widget.NewLabelWithStyle(brokenLines(problem, bold), fyne.TextAlignLeading, bold)
	body := widget.NewLabel(brokenLines(advice, fyne.TextStyle{}))
	closeButton := widget.NewButton("Close", w.Close)
	closeButton.Importance = widget.HighImportance
	w.SetContent(container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), closeButton),
		container.NewVBox(widget.NewIcon(theme.ErrorIcon())), nil,
		container.NewVBox(heading, body)))
	w.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter || k.Name == fyne.KeyEscape {
			w.Close()
		}
	})
	w.SetFixedSize(true)
	w.CenterOnScreen()
	w.SetMaster()
	return w
}

func brokenLines(text string, style fyne.TextStyle) string {
	s := scene.Regular
	if style.Bold {
		s = scene.Bold
	}
	return strings.Join(scene.DefaultFonts().Wrap(text, errorTextWidth, theme.TextSize(), s), "\n")
}
