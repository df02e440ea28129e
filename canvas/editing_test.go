package canvas

import (
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"journeymap/canvas/form"
	"journeymap/canvas/scene"
	"journeymap/canvas/screentest"
	"journeymap/journey"
	"journeymap/journey/journeytest"
	"journeymap/storage"
	"journeymap/storage/document"
)

// editing is a window on a store holding the sample, as the app opens it.
type editing struct {
	t   *testing.T
	a   fyne.App
	dir string
	doc *document.Document
	mw  *MainWindow
}

// newApp is a test app whose storage folder, where the window keeps what it remembers, is the
// test's own: Fyne's test apps all have the system's temporary folder.
func newApp(t *testing.T) fyne.App {
	t.Setenv("TMPDIR", t.TempDir())
	return test.NewTempApp(t)
}

func openEditing(t *testing.T) *editing {
	t.Helper()
	a := newApp(t)
	ed := &editing{t: t, a: a, dir: filepath.Join(t.TempDir(), "store")}
	s, err := storage.Open(ed.dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Replace(journeytest.Sample(t)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	ed.open()
	t.Cleanup(func() {
		ed.mw.Close()
		ed.doc.Close()
	})
	return ed
}

func (ed *editing) open() {
	ed.t.Helper()
	s, err := storage.Open(ed.dir)
	if err != nil {
		ed.t.Fatal(err)
	}
	doc, err := document.New(s)
	if err != nil {
		ed.t.Fatal(err)
	}
	ed.doc = doc
	ed.mw = NewMainWindow(ed.a, doc)
	ed.mw.Resize(fyne.NewSize(1440, 900))
}

// restart closes the store and opens it in a new window, as quitting and starting again does.
func (ed *editing) restart() {
	ed.t.Helper()
	ed.mw.Close()
	ed.doc.Close()
	ed.open()
}

func (ed *editing) shortcut(s fyne.Shortcut) { ed.mw.Canvas().(fyne.Shortcutable).TypedShortcut(s) }

func (ed *editing) ctrl(key fyne.KeyName, mods ...fyne.KeyModifier) {
	m := fyne.KeyModifierShortcutDefault
	for _, x := range mods {
		m |= x
	}
	ed.shortcut(&desktop.CustomShortcut{KeyName: key, Modifier: m})
}

func (ed *editing) key(k fyne.KeyName) { ed.mw.Map.TypedKey(&fyne.KeyEvent{Name: k}) }

func (ed *editing) text() *textEditor {
	ed.t.Helper()
	if ed.mw.Editor.text == nil {
		ed.t.Fatal("no text editor is open")
	}
	return ed.mw.Editor.text
}

func (ed *editing) journey() *journey.Journey {
	return ed.doc.Workspace().Journey(ed.mw.Map.JourneyID())
}

func (ed *editing) card(text string) (journey.Card, bool) {
	cards := ed.journey().Cards
	if i := slices.IndexFunc(cards, func(c journey.Card) bool { return c.Text == text }); i >= 0 {
		return cards[i], true
	}
	return journey.Card{}, false
}

// at is where an item is drawn on the map widget.
func (ed *editing) at(k scene.Key) fyne.Position {
	ed.t.Helper()
	b, ok := ed.mw.Map.Scene().Bounds(k)
	if !ok {
		ed.t.Fatalf("%v is not on the map", k)
	}
	z := ed.mw.Map.Zoom()
	return fyne.NewPos((b.X+4)*z, (b.Y+4)*z)
}

// menuItem finds an item of a menu by its label, as a person reads it.
func menuItem(t *testing.T, m *fyne.Menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, it := range m.Items {
		if it.Label == label {
			return it
		}
	}
	t.Fatalf("the menu has no %q", label)
	return nil
}

func mustScore(t *testing.T, ed *editing, stage string) int {
	t.Helper()
	score, ok := ed.journey().Emotion(stage)
	if !ok {
		t.Fatalf("stage %s has no emotion score", stage)
	}
	return score
}

func entriesIn(o fyne.CanvasObject) []*widget.Entry {
	var out []*widget.Entry
	walk(o, func(o fyne.CanvasObject) {
		switch e := o.(type) {
		case *widget.Entry:
			out = append(out, e)
		case *form.Text:
			out = append(out, &e.Entry)
		case *form.Field:
			out = append(out, &e.Entry)
		}
	})
	return out
}

// walk calls f on o and everything under it, hidden or not.
func walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	screentest.VisitTree(o, fyne.Position{}, false, func(o fyne.CanvasObject, _ fyne.Position) { f(o) })
}

func mustKind(s *scene.Scene, lane string) string {
	k, _ := s.LaneKind(lane)
	return k
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

// pressTab does what the driver does with Tab: the focused widget takes it when it accepts
// tabs, otherwise the focus goes on to the next widget.
func pressTab(c fyne.Canvas) {
	if f, ok := c.Focused().(fyne.Tabbable); ok && f.AcceptsTab() {
		c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
		return
	}
	c.FocusNext()
}

// mustEdit is the edit made, failing the test when it could not be made.
func mustEdit(t *testing.T) func(journey.Edit, error) journey.Edit {
	return func(e journey.Edit, err error) journey.Edit {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
}
