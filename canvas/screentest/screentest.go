// Package screentest sees a Fyne window as a person does, for tests: every object Drawn, where
// in the window and how big, hidden ones left out; the texts drawn; whether a label sits beside
// its field. A test that checks this fails when the screen is wrong, where one that checks the
// state behind the widgets would pass.
package screentest

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Drawn is one object as the screen shows it: where it is in the window and how big.
type Drawn struct {
	Object fyne.CanvasObject
	Pos    fyne.Position
	Size   fyne.Size
}

func (d Drawn) String() string {
	return fmt.Sprintf("at (%.0f, %.0f) %.0f×%.0f", d.Pos.X, d.Pos.Y, d.Size.Width, d.Size.Height)
}

// OnScreen is every visible object Drawn under o, with its place in the window: what a
// person sees, not the state behind the widgets. Hidden objects and their children are left
// out, as the screen leaves them out.
func OnScreen(o fyne.CanvasObject) []Drawn {
	var out []Drawn
	VisitTree(o, fyne.Position{}, true, func(o fyne.CanvasObject, at fyne.Position) {
		out = append(out, Drawn{o, at, o.Size()})
	})
	return out
}

// VisitTree calls f on o and everything Drawn under it, containers' objects and widgets'
// renderers' alike, with each one's place relative to o's parent; shown leaves out what is
// hidden, and what is under it.
func VisitTree(o fyne.CanvasObject, origin fyne.Position, shown bool, f func(fyne.CanvasObject, fyne.Position)) {
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
		VisitTree(c, at, shown, f)
	}
}

// TextsDrawn is the text of every visible canvas.Text under o, in drawing order.
func TextsDrawn(o fyne.CanvasObject) []Drawn {
	var out []Drawn
	for _, d := range OnScreen(o) {
		if t, ok := d.Object.(*canvas.Text); ok && strings.TrimSpace(t.Text) != "" {
			out = append(out, d)
		}
	}
	return out
}

// DrawnAs is where o is Drawn under root, and whether it is Drawn at all.
func DrawnAs(root, o fyne.CanvasObject) (Drawn, bool) {
	for _, d := range OnScreen(root) {
		if d.Object == o {
			return d, true
		}
	}
	return Drawn{}, false
}

// LabelsOf is every visible text under root that reads exactly s.
func LabelsOf(root fyne.CanvasObject, s string) []Drawn {
	var out []Drawn
	for _, d := range TextsDrawn(root) {
		if d.Object.(*canvas.Text).Text == s {
			out = append(out, d)
		}
	}
	return out
}

// AssertBeside checks that the label reading label is Drawn once, left of field and within its
// row (the label's middle inside the field's height), as a form's label belongs to its field.
func AssertBeside(t *testing.T, root fyne.CanvasObject, label string, field fyne.CanvasObject) {
	t.Helper()
	labels := LabelsOf(root, label)
	f, ok := DrawnAs(root, field)
	switch {
	case !ok:
		t.Errorf("label %q: its field is not on screen", label)
	case len(labels) != 1:
		t.Errorf("label %q is Drawn %d times, want once", label, len(labels))
	default:
		l := labels[0]
		mid := l.Pos.Y + l.Size.Height/2
		if mid < f.Pos.Y || mid > f.Pos.Y+f.Size.Height || l.Pos.X+l.Size.Width > f.Pos.X {
			t.Errorf("label %q %v is not beside its field %v", label, l, f)
		}
	}
}

// AssertNotDrawn checks that no visible text reads s.
func AssertNotDrawn(t *testing.T, root fyne.CanvasObject, s string) {
	t.Helper()
	if got := LabelsOf(root, s); len(got) > 0 {
		t.Errorf("%q is Drawn %v; want it not on screen", s, got[0])
	}
}

// HasText reports whether a visible text under o holds s.
func HasText(o fyne.CanvasObject, s string) bool {
	for _, d := range TextsDrawn(o) {
		if strings.Contains(d.Object.(*canvas.Text).Text, s) {
			return true
		}
	}
	return false
}

// Button is the button under o, shown or not, that reads label; the test fails without one.
func Button(t *testing.T, o fyne.CanvasObject, label string) *widget.Button {
	t.Helper()
	var found *widget.Button
	VisitTree(o, fyne.Position{}, false, func(o fyne.CanvasObject, _ fyne.Position) {
		if b, ok := o.(*widget.Button); ok && b.Text == label {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no %q button", label)
	}
	return found
}
