package canvas

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"journeymap/canvas/panels"
	"journeymap/canvas/scene"
	"journeymap/canvas/screentest"
	"journeymap/journey"
)

// pick presses the mouse on an item of the map, as a click picks it.
func (ed *editing) pick(k scene.Key) {
	ed.mw.Map.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: ed.at(k)}, Button: desktop.MouseButtonPrimary})
	ed.mw.Map.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: ed.at(k)}, Button: desktop.MouseButtonPrimary})
}

// proposed waits for the task force panel to show what its search for a rebalance found: it
// runs away from the window.
func (ed *editing) proposed() {
	ed.t.Helper()
	for deadline := time.Now().Add(time.Minute); screentest.HasText(ed.mw.TaskForce, "Looking for the fewest moves"); {
		if time.Now().After(deadline) {
			ed.t.Fatal("the task force panel is still looking for moves after a minute")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// scrollOf is the scroll of a panel's body.
func scrollOf(t *testing.T, panel fyne.CanvasObject) *container.Scroll {
	t.Helper()
	var found *container.Scroll
	walk(panel, func(o fyne.CanvasObject) {
		if s, ok := o.(*container.Scroll); ok && found == nil {
			found = s
		}
	})
	if found == nil {
		t.Fatal("the panel has no scroll")
	}
	return found
}

// TestPanelScreenshots draws the window with a pain point's panel open, and with the task
// force's, each beside the map and not over it; JOURNEYMAP_SHOTS=DIR keeps the pictures.
func TestPanelScreenshots(t *testing.T) {
	out := os.Getenv("JOURNEYMAP_SHOTS")
	if out == "" {
		out = t.TempDir()
	}
	ed := openEditing(t)
	ed.mw.Resize(fyne.NewSize(1600, 1000))
	shot := func(name string) {
		t.Helper()
		for _, panel := range []fyne.CanvasObject{ed.mw.PainPanel, ed.mw.TaskForce} {
			at := fyne.CurrentApp().Driver().AbsolutePositionForObject(panel)
			if panel.Visible() && (at.X+panel.Size().Width > 1600+1 || panel.Size().Width < panels.Width) {
				t.Errorf("%s: a panel at x %v, %v wide, in a window 1600 wide", name, at.X, panel.Size().Width)
			}
		}
		if mapAt := fyne.CurrentApp().Driver().AbsolutePositionForObject(ed.mw.viewport); mapAt.X+ed.mw.viewport.Size().Width > 1600-panels.Width {
			t.Errorf("%s: the map reaches under the panel", name)
		}
		f, err := os.Create(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, ed.mw.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}
	for _, pp := range ed.journey().PainPoints {
		if pp.Discovery == journey.Unknown {
			ed.pick(scene.Key{Kind: scene.KindPain, ID: pp.ID})
			shot("pain-point-panel-unknown.png")
			break
		}
	}
	ed.pick(scene.Key{Kind: scene.KindPain, ID: ed.journey().PainPoints[0].ID})
	shot("pain-point-panel.png")
	ed.ctrl(fyne.KeyT)
	ed.mw.TaskForce.Propose()
	ed.proposed()
	shot("task-force-panel.png")
}

// TestSidePanelsStayPut: the task force panel stays when the workspace changes while a pain
// point is still picked on the map; a pain point added with Ctrl+P opens with its title, all
// of it selected, holding the keyboard and in view, however far the panel was scrolled.
func TestSidePanelsStayPut(t *testing.T) {
	ed := openEditing(t)
	pp := ed.journey().PainPoints[0]
	ed.pick(scene.Key{Kind: scene.KindPain, ID: pp.ID})
	p, tf := ed.mw.PainPanel, ed.mw.TaskForce
	ed.ctrl(fyne.KeyT)
	if !tf.Visible() || p.Visible() {
		t.Fatalf("Ctrl+T: task force shown %v, pain point's panel shown %v", tf.Visible(), p.Visible())
	}
	if err := ed.doc.Do(mustEdit(t)(journey.Put(ed.doc.Workspace(), "", journey.Member{ID: "m-new", Name: "Noor", Department: "Web", Capacity: 5}, -1))); err != nil {
		t.Fatal(err)
	}
	tf.Propose()
	ed.proposed()
	if accept := screentest.Button(t, tf, "Accept checked moves"); accept.Visible() {
		test.Tap(accept)
	}
	if !tf.Visible() || p.Visible() {
		t.Errorf("after adding a member and accepting moves: task force shown %v, pain point's panel shown %v", tf.Visible(), p.Visible())
	}

	ed.pick(scene.Key{Kind: scene.KindPain, ID: pp.ID})
	scroll := scrollOf(t, p)
	scroll.ScrollToBottom()
	ed.key(fyne.KeyEscape)
	n := len(ed.journey().PainPoints)
	ed.ctrl(fyne.KeyP)
	added := ed.journey().PainPoints
	if len(added) != n+1 || !p.Visible() {
		t.Fatalf("Ctrl+P: %d pain points (want %d), panel shown %v", len(added), n+1, p.Visible())
	}
	if _, id := p.Showing(); id != added[n].ID {
		t.Errorf("Ctrl+P: the panel shows %q, want the new pain point %q", id, added[n].ID)
	}
	title, ok := ed.mw.Canvas().Focused().(interface {
		fyne.CanvasObject
		SelectedText() string
	})
	if !ok || title.SelectedText() != "New pain point" {
		t.Fatalf("Ctrl+P: the keyboard is with %T; want the title, \"New pain point\" selected to type over", ed.mw.Canvas().Focused())
	}
	root := ed.mw.Canvas().Content()
	at, _ := screentest.DrawnAs(root, title)
	view, _ := screentest.DrawnAs(root, scroll)
	if at.Pos.Y < view.Pos.Y || at.Pos.Y+at.Size.Height > view.Pos.Y+view.Size.Height {
		t.Errorf("Ctrl+P: the new pain point's title %v is out of the panel's view %v", at, view)
	}
}

// TestPanelsTakeTurns: one panel at a time beside the map. Ctrl+T shows the task force, Ctrl+D
// the discovery view in its place, a click on a pain point that pain point's panel in theirs,
// and Ctrl+D again the discovery view, which follows the journey picked in the list; Ctrl+D
// once more hides it and gives the map the whole width.
func TestPanelsTakeTurns(t *testing.T) {
	ed := openEditing(t)
	shown := func(when string, want fyne.CanvasObject) {
		t.Helper()
		for _, p := range []fyne.CanvasObject{ed.mw.PainPanel, ed.mw.TaskForce, ed.mw.Discovery} {
			if p.Visible() != (p == want) {
				t.Errorf("%s: %T shown %v", when, p, p.Visible())
			}
		}
	}
	ed.ctrl(fyne.KeyT)
	shown("Ctrl+T", ed.mw.TaskForce)
	ed.ctrl(fyne.KeyD)
	shown("Ctrl+D", ed.mw.Discovery)
	ed.pick(scene.Key{Kind: scene.KindPain, ID: ed.journey().PainPoints[0].ID})
	shown("a click on a pain point", ed.mw.PainPanel)
	ed.ctrl(fyne.KeyD)
	shown("Ctrl+D again", ed.mw.Discovery)
	ed.mw.selectJourney(1)
	if other := ed.doc.Workspace().Journeys[1]; !screentest.HasText(ed.mw.Discovery, other.Title) {
		t.Errorf("after showing %q the discovery view does not name it", other.Title)
	}
	ed.ctrl(fyne.KeyD)
	shown("Ctrl+D once more", nil)
	if m, _ := screentest.DrawnAs(ed.mw.Canvas().Content(), ed.mw.viewport); m.Pos.X+m.Size.Width < ed.mw.Canvas().Size().Width-2*theme.Padding() {
		t.Errorf("with no panel the map is drawn %v in a window %v wide", m, ed.mw.Canvas().Size().Width)
	}
}
