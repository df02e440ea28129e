package canvas

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// drawn is one object as the screen shows it: where it is in the window and how big.
type drawn struct {
	object fyne.CanvasObject
	pos    fyne.Position
	size   fyne.Size
}

func (d drawn) String() string {
	return fmt.Sprintf("at (%.0f, %.0f) %.0f×%.0f", d.pos.X, d.pos.Y, d.size.Width, d.size.Height)
}

// onScreen is every visible object drawn under o, with its place in the window: what a
// person sees, not the state behind the widgets. Hidden objects and their children are left
// out, as the screen leaves them out.
func onScreen(o fyne.CanvasObject) []drawn {
	var out []drawn
	visitTree(o, fyne.Position{}, true, func(o fyne.CanvasObject, at fyne.Position) {
		out = append(out, drawn{o, at, o.Size()})
	})
	return out
}

// visitTree calls f on o and everything drawn under it, containers' objects and widgets'
// renderers' alike, with each one's place relative to o's parent; shown leaves out what is
// hidden, and what is under it.
func visitTree(o fyne.CanvasObject, origin fyne.Position, shown bool, f func(fyne.CanvasObject, fyne.Position)) {
	if shown && !o.Visible() {
		return
	}
	at := origin.Add(o.Position())
	f(o, at)
	var children []fyne.CanvasObject
	switch o := o.(type) {
	case *fyne.Container:
		children = o.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(o).Objects()
	}
	for _, c := range children {
		visitTree(c, at, shown, f)
	}
}

// textsDrawn is the text of every visible canvas.Text under o, in drawing order.
func textsDrawn(o fyne.CanvasObject) []drawn {
	var out []drawn
	for _, d := range onScreen(o) {
		if t, ok := d.object.(*canvas.Text); ok && strings.TrimSpace(t.Text) != "" {
			out = append(out, d)
		}
	}
	return out
}

// drawnAs is where o is drawn under root, and whether it is drawn at all.
func drawnAs(root, o fyne.CanvasObject) (drawn, bool) {
	for _, d := range onScreen(root) {
		if d.object == o {
			return d, true
		}
	}
	return drawn{}, false
}

// labelsOf is every visible text under root that reads exactly s.
func labelsOf(root fyne.CanvasObject, s string) []drawn {
	var out []drawn
	for _, d := range textsDrawn(root) {
		if d.object.(*canvas.Text).Text == s {
			out = append(out, d)
		}
	}
	return out
}

// assertBeside checks that the label reading label is drawn once, left of field and within its
// row (the label's middle inside the field's height), as a form's label belongs to its field.
func assertBeside(t *testing.T, root fyne.CanvasObject, label string, field fyne.CanvasObject) {
	t.Helper()
	labels := labelsOf(root, label)
	f, ok := drawnAs(root, field)
	switch {
	case !ok:
		t.Errorf("label %q: its field is not on screen", label)
	case len(labels) != 1:
		t.Errorf("label %q is drawn %d times, want once", label, len(labels))
	default:
		l := labels[0]
		mid := l.pos.Y + l.size.Height/2
		if mid < f.pos.Y || mid > f.pos.Y+f.size.Height || l.pos.X+l.size.Width > f.pos.X {
			t.Errorf("label %q %v is not beside its field %v", label, l, f)
		}
	}
}

// assertNotDrawn checks that no visible text reads s.
func assertNotDrawn(t *testing.T, root fyne.CanvasObject, s string) {
	t.Helper()
	if got := labelsOf(root, s); len(got) > 0 {
		t.Errorf("%q is drawn %v; want it not on screen", s, got[0])
	}
}
