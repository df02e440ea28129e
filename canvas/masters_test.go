package canvas

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"journeymap/canvas/panels"
	"journeymap/journey"
)

// TestPanelMasters pins the side panels' layout as markup masters in testdata/: every object's
// place, size and text, for a pain point known, unknown and verified, the task force, and the
// welcome of an empty workspace, at the heights a 1440×900 and a 1024×768 window give them. A
// label that slides off its field is a visible diff. After a deliberate change, look at the
// new markup in testdata/failed/ and copy it over the master.
func TestPanelMasters(t *testing.T) {
	for _, height := range []float32{820, 690} {
		ed := openEditing(t)
		j := ed.journey()
		states := map[string]journey.PainPoint{}
		for _, pp := range j.PainPoints {
			switch {
			case pp.Status == journey.StatusVerified && states["verified"].ID == "":
				states["verified"] = pp
			case pp.Discovery == journey.Known && pp.Status != journey.StatusVerified && states["known"].ID == "":
				states["known"] = pp
			case pp.Discovery == journey.Unknown && pp.Status != journey.StatusVerified && states["unknown"].ID == "":
				states["unknown"] = pp
			}
		}
		if _, ok := states["verified"]; !ok {
			v := states["known"]
			for _, pp := range j.PainPoints {
				if pp.ID != v.ID && pp.Discovery == journey.Known {
					v = pp
				}
			}
			v.Status = journey.StatusVerified
			v.Evidence = journey.Evidence{Note: "Complaints about refunds fell from 12 to 2 a week", Date: "2026-11-20", Reports: journey.Some(2)}
			if err := ed.doc.Do(mustEdit(t)(journey.Put(ed.doc.Workspace(), j.ID, v, -1))); err != nil {
				t.Fatal(err)
			}
			states["verified"] = v
		}
		for _, state := range []string{"known", "unknown", "verified"} {
			pp, ok := states[state]
			if !ok {
				t.Fatalf("the sample has no %s pain point", state)
			}
			p := panels.NewPainPointPanel(ed.doc)
			p.Open(j.ID, pp.ID)
			w := test.NewTempWindow(t, p)
			w.SetPadded(false) // as beside the map: the panel is the window's edge
			w.Resize(fyne.NewSize(panels.Width, height))
			test.AssertRendersToMarkup(t, fmt.Sprintf("panels/pain-%s-%.0f.xml", state, height), w.Canvas())
		}
		tf := panels.NewTaskForcePanel(ed.doc)
		tf.Now = ed.mw.TaskForce.Now
		tf.Toggle()
		w := test.NewTempWindow(t, tf)
		w.SetPadded(false)
		w.Resize(fyne.NewSize(panels.Width, height))
		test.AssertRendersToMarkup(t, fmt.Sprintf("panels/taskforce-%.0f.xml", height), w.Canvas())
	}
}

// TestWelcomeMaster pins, as markup, the window a new store opens in, at 1440×900 and
// 1024×768: the welcome in the map's place, its words and buttons.
func TestWelcomeMaster(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 1440, Height: 900}, {Width: 1024, Height: 768}} {
		newApp(t)
		doc := emptyDocument(t)
		mw := NewMainWindow(fyne.CurrentApp(), doc)
		t.Cleanup(mw.Close)
		mw.Resize(size)
		test.AssertRendersToMarkup(t, fmt.Sprintf("window/welcome-%.0fx%.0f.xml", size.Width, size.Height), mw.Canvas())
	}
}
