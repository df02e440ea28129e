package panels

import (
	"image/color"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"journeymap/journey"
	"journeymap/journey/journeytest"
	"journeymap/storage"
	"journeymap/storage/document"
)

// desk is a window holding the three panels beside a space where the map would be, on a
// store seeded with the sample: the panels as the main window holds them, one shown at a time,
// each told of every change to the document.
type desk struct {
	t    *testing.T
	a    fyne.App
	dir  string
	size fyne.Size
	doc  *document.Document
	w    fyne.Window
	pain *PainPointPanel
	tf   *TaskForcePanel
	disc *DiscoveryPanel
	said []string // what the panels said for the status bar, oldest first
	// shown is the journey the map would show: the first unless show picked another.
	shown string
}

// openDesk opens a desk on the sample.
func openDesk(t *testing.T) *desk { return openDeskOn(t, journeytest.Sample(t)) }

// openDeskOn opens a desk on a store holding ws.
func openDeskOn(t *testing.T, ws *journey.Workspace) *desk {
	t.Helper()
	d := &desk{t: t, a: test.NewTempApp(t), dir: filepath.Join(t.TempDir(), "store"), size: fyne.NewSize(1440, 900)}
	s, err := storage.Open(d.dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Replace(ws); err != nil {
		t.Fatal(err)
	}
	s.Close()
	d.open()
	t.Cleanup(func() { d.close() })
	return d
}

func (d *desk) open() {
	d.t.Helper()
	s, err := storage.Open(d.dir)
	if err != nil {
		d.t.Fatal(err)
	}
	if d.doc, err = document.New(s); err != nil {
		d.t.Fatal(err)
	}
	d.pain = NewPainPointPanel(d.doc)
	d.tf = NewTaskForcePanel(d.doc)
	d.tf.OnMessage = func(s string) { d.said = append(d.said, s) }
	d.disc = NewDiscoveryPanel(d.doc)
	d.disc.JourneyID = func() string { return d.journey().ID }
	sides := []fyne.CanvasObject{d.pain, d.tf, d.disc}
	for _, p := range sides {
		shown := p
		hook := func() {
			for _, other := range sides {
				if shown.Visible() && other != shown && other.Visible() {
					if other == d.pain {
						d.pain.Close()
					} else {
						other.Hide()
					}
				}
			}
			d.w.Content().Refresh()
		}
		switch p := p.(type) {
		case *PainPointPanel:
			p.OnShowHide = hook
		case *TaskForcePanel:
			p.OnShowHide = hook
		case *DiscoveryPanel:
			p.OnShowHide = hook
		}
	}
	d.doc.Watch(func(c document.Change) {
		d.pain.Changed(c)
		d.tf.Changed(c)
		d.disc.Changed(c)
	})
	mapSpace := canvas.NewRectangle(color.Transparent)
	d.w = test.NewWindow(container.NewBorder(nil, nil, nil, container.NewStack(sides...), mapSpace))
	d.w.Resize(d.size)
	d.tf.Window = d.w
}

func (d *desk) close() {
	d.w.Close()
	d.doc.Close()
}

// restart closes the store and opens it anew, as quitting and starting again does.
func (d *desk) restart() {
	d.t.Helper()
	d.close()
	d.open()
}

// resize makes the window size big, now and after a restart.
func (d *desk) resize(size fyne.Size) {
	d.size = size
	d.w.Resize(size)
}

func (d *desk) root() fyne.CanvasObject { return d.w.Canvas().Content() }

// journey is the journey on show: the workspace's first, as a window shows first, or the
// one show picked.
func (d *desk) journey() *journey.Journey {
	w := d.doc.Workspace()
	if j := w.Journey(d.shown); j != nil {
		return j
	}
	return &w.Journeys[0]
}

// show shows the workspace's i-th journey, as picking it in the journey list does.
func (d *desk) show(i int) {
	d.shown = d.doc.Workspace().Journeys[i].ID
	d.disc.Refresh()
}

// pick opens a pain point in its panel, as picking it on the map does.
func (d *desk) pick(id string) { d.pain.Open(d.journey().ID, id) }

// newPainPoint adds a pain point at the first stage and opens it with its title ready to type
// over, as Ctrl+P does; it is the id of the pain point.
func (d *desk) newPainPoint() string {
	d.t.Helper()
	j := d.journey()
	p := journey.NewPainPoint(j.Stages[0].ID, "New pain point", time.Now())
	e, err := journey.Put(d.doc.Workspace(), j.ID, p, -1)
	if err == nil {
		err = d.doc.Do(e)
	}
	if err != nil {
		d.t.Fatal(err)
	}
	d.pick(p.ID)
	d.pain.FocusTitle(d.w.Canvas())
	return p.ID
}

// undo undoes the last edit, as Ctrl+Z does.
func (d *desk) undo() {
	d.t.Helper()
	if _, err := d.doc.Undo(); err != nil {
		d.t.Fatal(err)
	}
}

// do makes an edit, failing the test when it can't be made.
func (d *desk) do(e journey.Edit, err error) {
	d.t.Helper()
	if err == nil {
		err = d.doc.Do(e)
	}
	if err != nil {
		d.t.Fatal(err)
	}
}

// holdsText reports whether a label with the text is anywhere in o.
func holdsText(o fyne.CanvasObject, text string) bool {
	switch o := o.(type) {
	case *widget.Label:
		return o.Text == text
	case *fyne.Container:
		return slices.ContainsFunc(o.Objects, func(c fyne.CanvasObject) bool { return holdsText(c, text) })
	}
	return false
}
