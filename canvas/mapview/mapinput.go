package mapview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"journeymap/canvas/scene"
)

// MouseDown selects at once: a map that also takes double taps hears of a single tap only
// when no second one follows, too late for a selection to feel instant.
func (m *Map) MouseDown(ev *desktop.MouseEvent) {
	if ev.Button != desktop.MouseButtonPrimary {
		return
	}
	m.pressed, m.moved = true, false
	at := m.toScene(ev.Position)
	m.press = &at
	m.TakeKeyboard()
	if m.input != nil {
		m.input.Pressed(at, ev.Modifier)
	}
}

// MouseUp implements desktop.Mouseable.
func (m *Map) MouseUp(ev *desktop.MouseEvent) {
	if m.press != nil && !m.moved && ev.Button == desktop.MouseButtonPrimary && m.input != nil {
		m.input.Released()
	}
	m.press = nil
}

// Tapped selects, when no mouse button told of it first (a touch screen, a test).
func (m *Map) Tapped(ev *fyne.PointEvent) {
	if m.pressed {
		m.pressed = false
		return
	}
	m.TakeKeyboard()
	if m.input != nil {
		m.input.Pressed(m.toScene(ev.Position), 0)
	}
}

// DoubleTapped edits the card or pain point under the pointer, or starts a new card there.
func (m *Map) DoubleTapped(ev *fyne.PointEvent) {
	m.pressed = false
	if m.input != nil {
		m.input.DoubleTapped(m.toScene(ev.Position))
	}
}

// Dragged moves what the drag started on: a card or pain point to another cell, an emotion
// score up or down, a stage or lane to another place.
func (m *Map) Dragged(ev *fyne.DragEvent) {
	m.moved = true
	if !m.drag.on {
		// A drag begins where the button went down; with no button (a test's drag) the
		// first event's place is where it began.
		m.pressed = false
		from := m.toScene(ev.Position)
		if m.press != nil {
			from = *m.press
		}
		m.drag.start(from)
	}
	to := m.drag.move(ev.Dragged, m.zoom)
	if m.input != nil {
		m.input.Dragged(m.drag.from, to)
	}
}

// DragEnd drops what was dragged.
func (m *Map) DragEnd() {
	if !m.drag.on {
		return
	}
	m.drag.on = false
	if m.input != nil {
		m.input.DragEnded(m.drag.from, m.drag.last)
	}
}

// ShowDrop shows, while something is dragged, where it would go; ok false takes it away.
func (m *Map) ShowDrop(ghost, target scene.Rect, ok bool) {
	m.drop = dropFeedback{ok, ghost, target}
	if m.r != nil {
		m.r.placeOverlay()
	}
}

// TappedSecondary opens the menu of what is under the pointer: a card, a cell, a stage's
// header or a lane's label.
func (m *Map) TappedSecondary(ev *fyne.PointEvent) {
	m.TakeKeyboard()
	if m.input != nil {
		m.input.SecondaryTapped(m.toScene(ev.Position), ev.AbsolutePosition)
	}
}

// TakeKeyboard gives the map the keyboard, unless it has it.
func (m *Map) TakeKeyboard() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(m); c != nil && c.Focused() != m {
		c.Focus(m)
	}
}

// FocusGained implements fyne.Focusable.
func (m *Map) FocusGained() {
	m.focused = true
	if m.r != nil {
		m.r.placeOverlay()
	}
}

// FocusLost implements fyne.Focusable.
func (m *Map) FocusLost() {
	m.focused = false
	if m.r != nil {
		m.r.placeOverlay()
	}
}

// TypedKey implements fyne.Focusable.
func (m *Map) TypedKey(ev *fyne.KeyEvent) {
	if m.input != nil {
		m.input.TypedKey(ev)
	}
}

// TypedRune implements fyne.Focusable.
func (m *Map) TypedRune(r rune) {
	if m.input != nil {
		m.input.TypedRune(r)
	}
}

// ShiftHeld reports whether Shift is down: as the driver knows it, where it can say, since a
// Shift let go while a dialog had the keys never reaches the map (Ctrl+Shift+N left the map
// thinking Shift was held, and F2 renamed the lane, not the stage); else as the map heard.
func (m *Map) ShiftHeld() bool { return ShiftDown(m.shift) }

// KeyDown implements desktop.Keyable, to know when Shift is held.
func (m *Map) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		m.shift = true
	}
}

// KeyUp implements desktop.Keyable.
func (m *Map) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		m.shift = false
	}
}

// AcceptsTab keeps Tab on the map, where it goes from card to card.
func (m *Map) AcceptsTab() bool { return true }
