package canvas

import (
	"journeymap/canvas/mapview"
	"unicode/utf8"

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
	// afterSpace is set while a space just typed at the end wrapped the line and left the
	// cursor before it.
	afterSpace bool
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

// TypedRune types a character where the cursor is. Fyne's entry (2.7.1) has no place for its
// cursor after a space that wraps the line (the space falls between two rows), and put the
// next letter before the space: "dispatch email" became "dispatchemail ". A letter typed
// there, after such a space was typed at the end, goes at the end, as it was meant to.
func (e *textEditor) TypedRune(r rune) {
	n := utf8.RuneCountInString(e.Text)
	if e.afterSpace && e.SelectedText() == "" && e.CursorTextOffset() == n-1 {
		e.SetText(e.Text + string(r))
		e.toEnd()
		e.afterSpace = r == ' ' && e.CursorTextOffset() != n+1
		return
	}
	atEnd := e.SelectedText() == "" && e.CursorTextOffset() == n
	e.Entry.TypedRune(r)
	e.afterSpace = atEnd && r == ' ' && e.CursorTextOffset() != n+1
}

// toEnd puts the cursor after the last character: select all ends there, and Right lets go
// of the selection where it ends.
func (e *textEditor) toEnd() {
	e.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	e.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
}

// TypedKey commits on Enter and cancels on Escape; Shift+Enter types a line break.
func (e *textEditor) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown, fyne.KeyHome, fyne.KeyEnd,
		fyne.KeyPageUp, fyne.KeyPageDown, fyne.KeyBackspace, fyne.KeyDelete, fyne.KeyReturn, fyne.KeyEnter:
		e.afterSpace = false // the cursor goes where the key says; a letter's key comes before its character
	}
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if !mapview.ShiftDown(e.shift) {
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
