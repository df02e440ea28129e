package canvas

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"journeymap/canvas/mapview"
	"journeymap/canvas/scene"
	"journeymap/canvas/screentest"
	"journeymap/journey"
	"journeymap/journey/journeytest"
)

// drawnTextSizes are the sizes of every text the map draws, as it is on screen.
func drawnTextSizes(m *mapview.Map) []float32 {
	var sizes []float32
	for _, d := range screentest.TextsDrawn(m) {
		sizes = append(sizes, d.Object.(*canvas.Text).TextSize)
	}
	return sizes
}

func TestPresenterMode(t *testing.T) {
	for _, screen := range []struct {
		w, h     float32
		smallest float32
	}{{1920, 1080, 28}, {1024, 768, 18}} {
		ed := openEditing(t)
		ed.mw.Resize(fyne.NewSize(screen.w, screen.h))
		start := journeytest.File(t, ed.doc.Workspace())
		ed.key(fyne.KeyF5)
		p := ed.mw.presenting
		if p == nil {
			t.Fatal("F5 did not start presenter mode")
		}
		if ed.mw.Padded() {
			t.Error("the presenter view has the window's padding round it")
		}
		sizes := drawnTextSizes(p.m)
		if len(sizes) == 0 {
			t.Fatal("the presenter view draws no text")
		}
		for _, s := range sizes {
			if s < screen.smallest-0.01 {
				t.Fatalf("at %v×%v a text is drawn at %v px, want at least %v", screen.w, screen.h, s, screen.smallest)
			}
		}
		// The first thing the map draws is its background.
		if bg, ok := screentest.OnScreen(p.m)[1].Object.(*canvas.Rectangle); !ok || bg.FillColor != scene.PaletteNamed("presenter").Background {
			t.Error("the presenter view is not in the presenter palette")
		}
		j := ed.journey()
		if ed.mw.MainMenu() != nil {
			t.Error("the menu bar stays on the projector")
		}
		// The first view has the pain points in sight, whole, the lane above them starting
		// right under the stage bar.
		painInView := func(when string) {
			t.Helper()
			z, off, view := p.m.Zoom(), p.m.Scroll().Offset, p.m.Scroll().Size()
			top, bottom := off.Y/z+scene.StageHeight, (off.Y+view.Height)/z
			var pain scene.LaneBand
			onTop := false
			for _, l := range p.m.Scene().Lanes() {
				if l.Kind == string(journey.LanePain) {
					pain = l
				}
				onTop = onTop || abs32(l.Y-top) < 0.5
			}
			// A map shorter than the screen ends where it ends: no lane can be moved up to the bar.
			short := off.Y >= p.m.Scroll().Content.MinSize().Height-view.Height-0.5
			if pain.Y < top-0.5 || pain.Y+pain.H > bottom+0.5 || !onTop && !short {
				t.Errorf("%s at %v×%v: the view shows the map from %.0f to %.0f (a lane starting there: %v); the pain lane is at %.0f–%.0f",
					when, screen.w, screen.h, top, bottom, onTop, pain.Y, pain.Y+pain.H)
			}
		}
		painInView("the first view")
		// The bar's type follows the screen's height, also when only the height changes, as
		// it does when a window goes full screen.
		barTitle := func() float32 { return p.lines.Objects[0].(*canvas.Text).TextSize }
		if got, want := barTitle(), 1.5*minPresenterText(screen.h); got != want {
			t.Errorf("at %v×%v the bar's title is %v px, want %v", screen.w, screen.h, got, want)
		}
		ed.mw.Resize(fyne.NewSize(screen.w, screen.h+400))
		if got, want := barTitle(), 1.5*minPresenterText(screen.h+400); got != want {
			t.Errorf("%v px higher, the bar's title is %v px, want %v", 400, got, want)
		}
		ed.mw.Resize(fyne.NewSize(screen.w, screen.h))
		test.AssertRendersToMarkup(t, fmt.Sprintf("presenter/first-%.0fx%.0f.xml", screen.w, screen.h), ed.mw.Canvas())
		// Scrolled back up, no blank band opens under the bar.
		test.Scroll(ed.mw.Canvas(), fyne.NewPos(screen.w/2, screen.h/2), 0, 5000)
		if y := p.m.Scroll().Offset.Y; y < scene.HeaderHeight*p.m.Zoom()-0.5 {
			t.Errorf("scrolled to the top: offset %v shows the blank header band (it starts at %v)", y, scene.HeaderHeight*p.m.Zoom())
		}
		for range len(j.Lanes) {
			p.m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		}
		p.m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
		if y := p.m.Scroll().Offset.Y; y < scene.HeaderHeight*p.m.Zoom()-0.5 {
			t.Errorf("Down and Up: offset %v", y)
		}
		// Right spotlights the first stage; B hides the backstage lanes; P shows only pain
		// points. A letter arrives as a key and as a character, as the driver sends it.
		press := func(r rune, k fyne.KeyName) {
			p.m.TypedKey(&fyne.KeyEvent{Name: k})
			p.m.TypedRune(r)
		}
		p.m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
		if got := p.m.Scene().Options().Spotlight; got != j.Stages[0].ID {
			t.Errorf("Right: spotlight on %q, want the first stage", got)
		}
		press('b', fyne.KeyB)
		if screentest.LabelsOf(p.lines, "Backstage hidden: B shows it") == nil {
			t.Error("B: the bar does not say the backstage is hidden")
		}
		for _, l := range j.Lanes {
			if _, shown := p.m.Scene().LaneLabel(l.ID); shown == (l.Kind == journey.LaneBackstage) {
				t.Errorf("B: lane %q (%s) shown %v", l.Name, l.Kind, shown)
			}
		}
		press('p', fyne.KeyP)
		painInView("P")
		if screentest.LabelsOf(p.lines, "Showing the pain points only: P shows every lane") == nil {
			t.Error("P: the bar does not say only the pain points are shown")
		}
		test.AssertRendersToMarkup(t, fmt.Sprintf("presenter/pain-%.0fx%.0f.xml", screen.w, screen.h), ed.mw.Canvas())
		for _, l := range j.Lanes {
			if _, shown := p.m.Scene().LaneLabel(l.ID); shown != (l.Kind == journey.LanePain) {
				t.Errorf("P: lane %q (%s) shown %v", l.Name, l.Kind, shown)
			}
		}
		p.m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
		if p.m.Scene().Options().Spotlight != "" {
			t.Error("Home did not show every stage")
		}
		// Nothing changes the map while it is presented: not a click, not Delete, not Ctrl+Z.
		p.m.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(600, 400)})
		ed.shortcut(&fyne.ShortcutUndo{})
		ed.mw.Editor.Delete()
		if string(journeytest.File(t, ed.doc.Workspace())) != string(start) {
			t.Error("presenter mode let the map change")
		}
		p.m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if ed.mw.presenting != nil || ed.mw.Content() != p.previous || ed.doc.ReadOnly {
			t.Error("Escape did not leave presenter mode")
		}
		if _, hidden := ed.mw.Map.Scene().LaneLabel(j.Lanes[len(j.Lanes)-1].ID); !hidden {
			t.Error("the lanes hidden while presenting are hidden in the journey too")
		}
		if ed.mw.MainMenu() != ed.mw.mainMenu || !ed.mw.Padded() {
			t.Error("the menu bar or the padding is not back after presenting")
		}
	}
}
