package canvas

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"journeymap/canvas/scene"
	"journeymap/storage/document"
	"journeymap/storage/transfer"
)

// ErrorWindowTitle is the title of the window that says why Journeymap could not start.
const ErrorWindowTitle = "Journeymap: can't open the workspace"

// errorTextWidth is where the error window breaks its lines. The lines are broken here
// rather than by word-wrapping labels, which ask for a towering window before they know
// their width.
const errorTextWidth = 480

// Remedy is what the error window offers to do about the problem, on a button of its own
// beside Close.
type Remedy struct {
	Label string                 // the button, e.g. "Restore the Backup of 24 Nov 10:02"
	Do    func() (string, error) // does it, and says what was done
	Then  string                 // the button once it is done, e.g. "Open Journeymap"
	After func()                 // what that button does before the window closes
}

// RestoreRemedy offers to restore the newest backup the advice names, for a damaged store in
// dir, and then to start again on it with startAgain; nil when the advice names no backup.
// What was restored is told to restored, as it is said in the window.
func RestoreRemedy(dir string, a document.Advice, startAgain func(), restored func(string)) *Remedy {
	newest := a.Newest
	if newest == nil {
		return nil
	}
	return &Remedy{
		Label: "Restore the Backup of " + newest.Time.Format("2 Jan 15:04"),
		Do: func() (string, error) {
			r, err := transfer.Restore(dir, newest.Path, time.Now())
			if err != nil {
				return "", err
			}
			done := fmt.Sprintf("restored the backup of %s (%s); the damaged store was moved, untouched, to %s",
				newest.Time.Format("2006-01-02 15:04"), newest.Path, r.Aside)
			restored(done)
			return done + ".", nil
		},
		Then:  "Open Journeymap",
		After: startAgain,
	}
}

// NewErrorWindow returns a window that says what stops Journeymap from opening its
// workspace, and what to do. Someone who started the app from a desktop icon never sees
// standard error, so the problem (begun with a capital here) has to reach them here. Return
// or Escape closes it. A remedy, when not nil, is offered as a button; what it did, or why it
// failed, then stands in place of the advice.
func NewErrorWindow(a fyne.App, problem, advice string, remedy *Remedy) fyne.Window {
	w := a.NewWindow(ErrorWindowTitle)
	bold := fyne.TextStyle{Bold: true}
	heading := widget.NewLabelWithStyle(brokenLines(capitalised(problem), bold), fyne.TextAlignLeading, bold)
	body := widget.NewLabel(brokenLines(advice, fyne.TextStyle{}))
	icon := widget.NewIcon(theme.ErrorIcon())
	closeButton := widget.NewButton("Close", w.Close)
	closeButton.Importance = widget.HighImportance
	buttons := container.NewHBox(layout.NewSpacer(), closeButton)
	if remedy != nil {
		var act *widget.Button
		act = widget.NewButton(remedy.Label, func() {
			done, err := remedy.Do()
			if err != nil {
				body.SetText(brokenLines("That did not work: "+err.Error(), fyne.TextStyle{}))
				act.Disable()
				return
			}
			icon.SetResource(theme.ConfirmIcon())
			heading.SetText(brokenLines(capitalised(done), bold))
			body.SetText("")
			body.Hide()
			act.SetText(remedy.Then)
			act.OnTapped = func() {
				if remedy.After != nil {
					remedy.After()
				}
				w.Close()
			}
			act.Importance = widget.HighImportance
			closeButton.Importance = widget.MediumImportance
			act.Refresh()
			closeButton.Refresh()
			w.Canvas().Focus(act) // so that Space opens what was restored, as it restored it
		})
		buttons = container.NewHBox(layout.NewSpacer(), act, closeButton)
	}
	w.SetContent(container.NewBorder(nil, buttons, container.NewVBox(icon), nil, container.NewVBox(heading, body)))
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

// capitalised is s with its first letter a capital, as a sentence or a menu item begins.
func capitalised(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func brokenLines(text string, style fyne.TextStyle) string {
	s := scene.Regular
	if style.Bold {
		s = scene.Bold
	}
	return strings.Join(scene.DefaultFonts().Wrap(text, errorTextWidth, theme.TextSize(), s), "\n")
}
