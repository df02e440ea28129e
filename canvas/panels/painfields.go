package panels

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

func wrapped() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	return l
}

func names[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

// panelField is a field of the panel that, given the keyboard, is scrolled into view: Tab
// goes down the panel past the bottom of a screen.
type panelField struct {
	widget.Entry
	inView func(fyne.CanvasObject)
	left   func()
}

// FocusGained implements fyne.Focusable.
func (f *panelField) FocusGained() {
	f.Entry.FocusGained()
	if f.inView != nil {
		f.inView(f)
	}
}

// FocusLost implements fyne.Focusable: what was typed is applied as the field is left, by Tab
// or a click elsewhere, as a form's field is.
func (f *panelField) FocusLost() {
	f.Entry.FocusLost()
	if f.left != nil {
		f.left()
	}
}

// keepInView scrolls the panel so that o is wholly in its view; a field of the next action
// keeps the lines that judge it in view too, which change as it is typed.
func (p *PainPointPanel) keepInView(o fyne.CanvasObject) {
	to := o
	if o == p.action || o == p.due || o == p.doneWhen {
		to = p.attainable
	}
	keepInView(p.scroll, o, to)
}

// choose shows the option v in the list, or none when v is not among them: Select.SetSelected
// of a value it lacks leaves the last one shown, which then passes for the pain point's.
func choose(s *widget.Select, v string) {
	if slices.Contains(s.Options, v) {
		s.SetSelected(v)
	} else {
		s.ClearSelected()
	}
}

func setText(e *widget.Entry, s string) {
	if e.Text != s {
		e.SetText(s)
	}
}
