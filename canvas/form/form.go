package form

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Field is a one-line field of a dialog in which Esc cancels the dialog, as in every desktop
// dialog: Fyne's take no Esc, and the field would swallow it.
type Field struct {
	widget.Entry
	onEscape func() // what Esc does, in a dialog: cancel it
}

// NewField makes an empty Field.
func NewField() *Field {
	f := &Field{}
	f.ExtendBaseWidget(f)
	return f
}

// TypedKey implements fyne.Focusable.
func (f *Field) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && f.onEscape != nil {
		f.onEscape()
		return
	}
	f.Entry.TypedKey(k)
}

// EscapeTo makes Esc in the field do cancel.
func (f *Field) EscapeTo(cancel func()) { f.onEscape = cancel }

// Text is a field of several lines: Tab goes on to the next field, as in every form, rather
// than typing a tab into the text (Enter and Shift+Enter start a line).
type Text struct{ Field }

// NewText makes an empty Text that shows rows lines.
func NewText(rows int) *Text {
	e := &Text{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	e.SetMinRowsVisible(rows)
	return e
}

// AcceptsTab implements fyne.Tabbable: it doesn't, so Tab moves the focus.
func (e *Text) AcceptsTab() bool { return false }

// Cancelling is a field in which Esc can be made to cancel its dialog.
type Cancelling interface{ EscapeTo(cancel func()) }

// EscapeCancels makes Esc in each of a dialog's fields cancel it.
func EscapeCancels(cancel func(), fields ...Cancelling) {
	for _, f := range fields {
		f.EscapeTo(cancel)
	}
}

// EnterSubmits makes Enter in each of a dialog's one-line fields do what its default button
// does, as in any desktop dialog.
func EnterSubmits(d *dialog.FormDialog, fields ...*widget.Entry) {
	for _, f := range fields {
		f.OnSubmitted = func(string) { d.Submit() }
	}
}

// Limit is a validator that says, as it is typed, when a text is longer than limit, or empty
// when it is required; what names the field in the message.
func Limit(what string, limit int, required bool) fyne.StringValidator {
	return func(s string) error {
		n := utf8.RuneCountInString(s)
		switch {
		case required && strings.TrimSpace(s) == "":
			return fmt.Errorf("%s can't be empty", what)
		case n > limit:
			return fmt.Errorf("%s holds at most %s characters: %d too many", what, Thousands(limit), n-limit)
		}
		return nil
	}
}

// Thousands writes n with a comma between thousands, as a person reads a count.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
