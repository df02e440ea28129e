package canvas

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// textEditor is the entry a card's text is typed into, in place on the map: Enter commits,
// Shift+Enter starts a new line, Escape cancels, and leaving it commits.
type textEditor struct {
	widget.Entry
	OnCommit func(text string)
	OnCancel func()
	shift    bool
	done     bool // committed or cancelled: losing focus afterwards does nothing more
}

var _ desktop.Keyable = (*textEditor)(nil)

func newTextEditor(text string) *textEditor {
	e := &textEditor{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(2)
	e.ExtendBaseWidget(e)
	e.SetText(text)
	e.CursorRow, e.CursorColumn = e.lastPosition()
	return e
}

// lastPosition is the row and column after the last character, where typing continues.
func (e *textEditor) lastPosition() (int, int) {
	row, col := 0, 0
	for _, r := range e.Text {
		if r == '\n' {
			row, col = row+1, 0
		} else {
			col++
		}
	}
	return row, col
}

// KeyDown tracks Shift, which the key events that follow don't carry.
func (e *textEditor) KeyDown(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		e.shift = true
	}
	e.Entry.KeyDown(k)
}

// KeyUp implements desktop.Keyable.
func (e *textEditor) KeyUp(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		e.shift = false
	}
	e.Entry.KeyUp(k)
}

// TypedKey commits on Enter and cancels on Escape; Shift+Enter types a line break.
func (e *textEditor) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if !shiftHeld(e.shift) {
			e.finish(func() { e.OnCommit(e.Text) })
			return
		}
	case fyne.KeyEscape:
		e.finish(e.OnCancel)
		return
	}
	e.Entry.TypedKey(k)
}

// FocusLost commits what was typed, as design tools do when one clicks elsewhere.
func (e *textEditor) FocusLost() {
	e.Entry.FocusLost()
	e.finish(func() { e.OnCommit(e.Text) })
}

func (e *textEditor) finish(f func()) {
	if e.done {
		return
	}
	e.done = true
	if f != nil {
		f()
	}
}

// reopen lets the editor take more typing after a commit was refused.
func (e *textEditor) reopen() { e.done = false }
