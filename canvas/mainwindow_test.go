package canvas

import (
	"errors"
	"image/color"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"journeymap/canvas/mapview"
	"journeymap/canvas/scene"
	"journeymap/canvas/screentest"
	"journeymap/journey"
	"journeymap/journey/journeytest"
	"journeymap/storage"
	"journeymap/storage/document"
)

func openSampleDocument(t *testing.T) *document.Document {
	t.Helper()
	s, err := storage.Open(filepath.Join(t.TempDir(), "store"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Replace(journeytest.Sample(t)); err != nil {
		t.Fatal(err)
	}
	doc, err := document.New(s)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestMainWindow(t *testing.T) {
	a := newApp(t)
	doc := openSampleDocument(t)
	w := doc.Workspace()
	mw := NewMainWindow(a, doc)
	t.Cleanup(mw.Close)
	if mw.Map.JourneyID() != w.Journeys[0].ID {
		t.Fatal("a new window does not show the first journey")
	}
	if got, want := mw.status.Text, "7 pain points (3 known, 4 unknown) · discovery rate 57 % · fairness 0.79"; !strings.HasPrefix(got, want) {
		t.Errorf("status: got %q, want %q…", got, want)
	}
	mw.list.Select(1)
	if mw.Map.JourneyID() != w.Journeys[1].ID || !strings.HasPrefix(mw.status.Text, "6 pain points") {
		t.Errorf("selecting the second journey: map shows %v, status %q", mw.Map.JourneyID(), mw.status.Text)
	}

	// A change the document makes is drawn at once: map, list and status bar.
	j := w.Journeys[1]
	p := j.PainPoints[0]
	e, err := journey.Remove[journey.PainPoint](w, j.ID, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Do(e); err != nil {
		t.Fatal(err)
	}
	title := p.Title[:10] // the start of its first line on the map
	if drawn := screentest.HasText(mw.Map, title); !strings.HasPrefix(mw.status.Text, "5 pain points") || drawn {
		t.Errorf("after deleting a pain point: status %q, still drawn %v", mw.status.Text, drawn)
	}
	if _, err := doc.Undo(); err != nil || !screentest.HasText(mw.Map, title) || !strings.HasPrefix(mw.status.Text, "6 pain points") {
		t.Errorf("after undo the pain point is not drawn again: %v", err)
	}

	shortcut := func(key fyne.KeyName) {
		mw.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault})
	}
	shortcut(fyne.KeyEqual)
	shortcut(fyne.KeyEqual)
	if got := mw.Map.Zoom(); !near(got, 1.56) || mw.zoomLabel.Text != "156 %" {
		t.Errorf("Ctrl+= twice: zoom %v, label %q; want 1.56 and 156 %%", got, mw.zoomLabel.Text)
	}
	shortcut(fyne.KeyMinus)
	shortcut(fyne.Key0)
	if mw.Map.Zoom() != 1 {
		t.Errorf("Ctrl+0: zoom %v, want 1", mw.Map.Zoom())
	}

	was := mapview.ThemePalette()
	mw.ToggleTheme()
	bg := screentest.OnScreen(mw.Map)[1].Object.(*canvas.Rectangle).FillColor
	if mapview.ThemePalette() == was || bg != scene.PaletteNamed(mapview.ThemePalette()).Background {
		t.Error("the theme switch did not change the map's palette")
	}
	mw.Resize(fyne.NewSize(1000, 700))
	mw.remember()

	again := NewMainWindow(a, doc)
	t.Cleanup(again.Close)
	if again.Map.JourneyID() != w.Journeys[1].ID {
		t.Error("a new window does not reopen the journey shown last")
	}
	if got := again.Canvas().Size(); got.Width != 1000 || got.Height != 700 {
		t.Errorf("a new window's size: got %v, want the remembered 1000×700", got)
	}
	if again.memory.now.Theme == "" {
		t.Error("the theme choice was not remembered")
	}
}

func near(a, b float32) bool { d := a - b; return d < 0.01 && d > -0.01 }

func TestErrorWindow(t *testing.T) {
	a := newApp(t)
	problem := "Store is in use by another Journeymap: /home/ana/.config/journeymap/store (close the other Journeymap first)"
	w := NewErrorWindow(a, problem, "Switch to that window.", nil)
	t.Cleanup(w.Close)
	if w.Title() != ErrorWindowTitle {
		t.Errorf("title %q", w.Title())
	}
	markup := test.RenderToMarkup(w.Canvas())
	for _, s := range []string{"Store is in use by another", "/home/ana/.config/journeymap/store", "Switch to that window.", "Close"} {
		if !strings.Contains(markup, s) {
			t.Errorf("the window does not say %q", s)
		}
	}
	if size := w.Content().MinSize(); size.Width > 700 || size.Height > 300 {
		t.Errorf("the window wants %v; want a compact dialog", size)
	}
}

func TestErrorWindowRemedy(t *testing.T) {
	a := newApp(t)
	tries, after := 0, 0
	fail := true
	remedy := &Remedy{
		Label: "Restore the Backup of 24 Nov 09:00",
		Do: func() (string, error) {
			tries++
			if fail {
				return "", errors.New("the disk is full")
			}
			return "Restored the backup of 24 Nov 09:00.", nil
		},
		Then:  "Open Journeymap",
		After: func() { after++ },
	}
	for _, c := range []struct {
		name string
		fail bool
		want []string
	}{
		{"failing", true, []string{"That did not work: the disk is full"}},
		{"working", false, []string{"Restored the backup of 24 Nov 09:00.", "Open Journeymap"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			fail, tries, after = c.fail, 0, 0
			w := NewErrorWindow(a, "Store is damaged", "Nothing was changed.", remedy)
			act := screentest.Button(t, w.Content(), remedy.Label)
			test.Tap(act)
			markup := test.RenderToMarkup(w.Canvas())
			for _, s := range c.want {
				if !strings.Contains(markup, s) {
					t.Errorf("after the tap the window does not say %q", s)
				}
			}
			if tries != 1 || act.Disabled() != c.fail {
				t.Errorf("tried %d times, button disabled %v", tries, act.Disabled())
			}
			if c.fail {
				w.Close()
			} else {
				test.Tap(act) // closes the window
				if after != 1 || tries != 1 {
					t.Errorf("%q ran the follow-up %d times and the remedy %d times; want 1 and 1", remedy.Then, after, tries)
				}
			}
		})
	}
}

func TestMapFollowsTheme(t *testing.T) {
	w := journeytest.Sample(t)
	newApp(t)
	m := mapview.NewMap(w, w.Journeys[0].ID)
	test.NewTempWindow(t, mapview.NewMapScroll(m)).Resize(fyne.NewSize(1200, 800))
	bg := func() color.Color { return screentest.OnScreen(m)[1].Object.(*canvas.Rectangle).FillColor }
	fyne.CurrentApp().Settings().SetTheme(NewVariantTheme(theme.VariantDark))
	m.Refresh()
	if bg() != scene.PaletteNamed("dark").Background {
		t.Error("dark theme: the map background is not the dark palette's")
	}
	fyne.CurrentApp().Settings().SetTheme(NewVariantTheme(theme.VariantLight))
	m.Refresh()
	if bg() != scene.PaletteNamed("light").Background {
		t.Error("light theme: the map background is not the light palette's")
	}
}

func TestMapGoldenImages(t *testing.T) {
	for _, v := range []struct {
		name    string
		variant fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		t.Run(v.name, func(t *testing.T) {
			a := newApp(t)
			a.Settings().SetTheme(NewVariantTheme(v.variant))
			w := journeytest.Sample(t)
			m := mapview.NewMap(w, w.Journeys[0].ID)
			win := test.NewTempWindow(t, m)
			win.SetPadded(false)
			win.Resize(m.MinSize())
			test.AssertImageMatches(t, "map_"+v.name+".png", win.Canvas().Capture())
		})
	}
}
