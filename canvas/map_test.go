package canvas

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"journeymap/canvas/scene"
	"journeymap/journey"
	"journeymap/journey/journeytest"
	"journeymap/storage"
	"journeymap/storage/document"
)

// texts returns every text the map draws.
func texts(m *Map) []string {
	var out []string
	var walk func(objs []fyne.CanvasObject)
	walk = func(objs []fyne.CanvasObject) {
		for _, o := range objs {
			switch o := o.(type) {
			case *canvas.Text:
				if o.Visible() {
					out = append(out, o.Text)
				}
			case *fyne.Container:
				walk(o.Objects)
			}
		}
	}
	walk(test.WidgetRenderer(m).Objects())
	return out
}

func hasText(m *Map, s string) bool {
	for _, t := range texts(m) {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

func newTestMap(t *testing.T, w *journey.Workspace, id string) (*Map, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	m := NewMap(w, id)
	win := test.NewTempWindow(t, NewMapScroll(m))
	win.Resize(fyne.NewSize(1200, 800))
	return m, win
}

// edit applies an edit to the workspace and tells the map, as the document's watcher does.
func edit(t *testing.T, m *Map, w *journey.Workspace, e journey.Edit, err error) {
	t.Helper()
	if err == nil {
		err = e.Apply(w)
	}
	if err != nil {
		t.Fatal(err)
	}
	m.Update(e.Touches())
}

func TestMapSwitchesJourney(t *testing.T) {
	w := journeytest.Sample(t)
	m, _ := newTestMap(t, w, w.Journeys[0].ID)
	for _, s := range []string{"A parcel arrives late", "Persona: Maya", "Vision: “Every customer", "Order", "Customer actions",
		"UNKNOWN · walkthrough", "KNOWN · complaint ×48", "UNASSIGNED", "DW", "+2", "–2", "0"} {
		if !hasText(m, s) {
			t.Errorf("the map does not show %q", s)
		}
	}
	m.SetJourney(w.Journeys[1].ID)
	if !hasText(m, "Returning a gift") || hasText(m, "A parcel arrives late") || m.JourneyID() != w.Journeys[1].ID {
		t.Error("after switching, the map does not show the second journey alone")
	}
	m.SetJourney("")
	if !hasText(m, "No journey yet") || len(m.r.drawn) != 1 {
		t.Errorf("with no journey: got %q", texts(m))
	}
}

func TestMapHidesHiddenLanes(t *testing.T) {
	w := journeytest.Sample(t)
	j := &w.Journeys[0]
	m, _ := newTestMap(t, w, j.ID)
	before := m.MinSize().Height
	if !hasText(m, "Thinking") || !hasText(m, "“Three days, fine.”") {
		t.Fatal("the thoughts lane is not drawn to begin with")
	}
	lane := j.Lanes[2]
	lane.Hidden = true
	e, err := journey.Put(w, j.ID, lane, -1)
	edit(t, m, w, e, err)
	if hasText(m, "Thinking") || hasText(m, "“Three days, fine.”") {
		t.Error("a hidden lane and its cards are still drawn")
	}
	if after := m.MinSize().Height; after >= before {
		t.Errorf("hiding a lane: height %v, was %v; want shorter", after, before)
	}
}

func TestMapZoom(t *testing.T) {
	w := journeytest.Sample(t)
	m, _ := newTestMap(t, w, w.Journeys[0].ID)
	var told []float32
	m.OnZoomChanged = func(z float32) { told = append(told, z) }
	base := m.MinSize()
	card := scene.Key{Kind: scene.KindCard, ID: w.Journeys[0].Cards[0].ID}
	cardBase := m.r.drawn[card].objs[0].Size()

	m.SetZoom(2)
	if got := m.MinSize(); !near(got.Width, base.Width*2) || !near(got.Height, base.Height*2) {
		t.Errorf("at 200 %%: size %v, want twice %v", got, base)
	}
	if got := m.r.drawn[card].objs[0].Size(); !near(got.Width, cardBase.Width*2) {
		t.Errorf("at 200 %%: card width %v, want twice %v", got.Width, cardBase.Width)
	}
	m.SetZoom(9)
	if m.Zoom() != MaxZoom {
		t.Errorf("zoom past the limit: got %v, want %v", m.Zoom(), MaxZoom)
	}
	m.SetZoom(0.01)
	if m.Zoom() != MinZoom {
		t.Errorf("zoom under the limit: got %v, want %v", m.Zoom(), MinZoom)
	}
	m.SetZoom(1)
	m.ZoomIn()
	if m.Zoom() != 1.25 {
		t.Errorf("zoom in from 100 %%: got %v, want 1.25", m.Zoom())
	}
	m.ZoomOut()
	if m.Zoom() != 1 {
		t.Errorf("zoom in then out: got %v, want back at 1", m.Zoom())
	}
	if want := []float32{2, MaxZoom, MinZoom, 1, 1.25, 1}; len(told) != len(want) {
		t.Errorf("OnZoomChanged got %v, want %v", told, want)
	}
}

// TestZoomReusesEveryObject zooms in and back out on a map that is all in view: every
// canvas object is moved and scaled, none is made, and the map's renderer is not rebuilt.
func TestZoomReusesEveryObject(t *testing.T) {
	w := journeytest.Sample(t)
	m, win := newTestMap(t, w, w.Journeys[0].ID)
	win.Resize(fyne.NewSize(5000, 3000))
	m.SetZoom(0.5)
	created, drawn := m.r.pool.created, len(m.r.drawn)
	title := m.r.drawn[scene.Key{Kind: scene.KindHeader}].objs[0].(*canvas.Text)
	for _, z := range []float32{0.625, 0.8, 0.5} {
		m.SetZoom(z)
	}
	if m.r.pool.created != created || len(m.r.drawn) != drawn {
		t.Errorf("zoom steps made %d canvas objects and drew %d elements, was %d; want none made",
			m.r.pool.created-created, len(m.r.drawn), drawn)
	}
	if m.r.drawn[scene.Key{Kind: scene.KindHeader}].objs[0] != title || title.TextSize != 26*0.5 {
		t.Errorf("the title is not the same object, scaled: size %v", title.TextSize)
	}
}

func TestMapScrollWheel(t *testing.T) {
	w := journeytest.Sample(t)
	m, _ := newTestMap(t, w, w.Journeys[0].ID)
	ev := &fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(400, 300)}, Scrolled: fyne.NewDelta(0, -40)}
	m.scrolled(ev, 0)
	if m.Zoom() != 1 || m.scroll.Offset.Y <= 0 {
		t.Errorf("plain scroll: zoom %v offset %v; want 1 and scrolled down", m.Zoom(), m.scroll.Offset)
	}
	m.scroll.Offset = fyne.NewPos(0, 0)
	m.scrolled(ev, fyne.KeyModifierShift)
	if m.scroll.Offset.X <= 0 || m.scroll.Offset.Y != 0 {
		t.Errorf("Shift+scroll: offset %v; want panned across only", m.scroll.Offset)
	}
	m.scroll.Offset = fyne.NewPos(0, 0)
	ev.Scrolled = fyne.NewDelta(0, 40)
	m.scrolled(ev, fyne.KeyModifierControl)
	if m.Zoom() != 1.25 {
		t.Fatalf("Ctrl+scroll up: zoom %v, want 1.25", m.Zoom())
	}
	// The point under the cursor (400,300) stays put: it is now at 500,375 on the map.
	if off := m.scroll.Offset; !near(off.X, 100) || !near(off.Y, 75) {
		t.Errorf("offset after zooming at the cursor: got %v, want (100, 75)", off)
	}
}

func TestMapDrawsOnlyNearTheViewport(t *testing.T) {
	w, j := journeytest.Big(40, 7, 5)
	m, _ := newTestMap(t, w, j.ID)
	first, last := scene.Key{Kind: scene.KindCard, ID: j.Cards[0].ID}, scene.Key{Kind: scene.KindCard, ID: j.Cards[len(j.Cards)-1].ID}
	drawnCards := func() int {
		n := 0
		for k := range m.r.drawn {
			if k.Kind == scene.KindCard {
				n++
			}
		}
		return n
	}
	_, hasFirst := m.r.drawn[first]
	_, hasLast := m.r.drawn[last]
	if !hasFirst || hasLast {
		t.Errorf("at the start: first card drawn %v, last %v; want the first only", hasFirst, hasLast)
	}
	if n := drawnCards(); n == 0 || n >= len(j.Cards)/10 {
		t.Errorf("%d of %d cards drawn in a 1200×800 view; want only those near it", n, len(j.Cards))
	}
	m.scroll.ScrollToOffset(fyne.NewPos(m.MinSize().Width, m.MinSize().Height))
	_, hasFirst = m.r.drawn[first]
	_, hasLast = m.r.drawn[last]
	if hasFirst || !hasLast {
		t.Errorf("scrolled to the end: first card drawn %v, last %v; want the last only", hasFirst, hasLast)
	}
	before := drawnCards()
	m.SetZoom(MinZoom)
	if n := drawnCards(); n <= before {
		t.Errorf("at %v %% more of the map is in view, but %d cards are drawn (was %d)", MinZoom*100, n, before)
	}
}

func TestMapCellAtScales(t *testing.T) {
	w := journeytest.Sample(t)
	j := &w.Journeys[0]
	m, _ := newTestMap(t, w, j.ID)
	b, _ := m.Scene().Bounds(scene.Key{Kind: scene.KindCard, ID: j.Cards[0].ID})
	for _, z := range []float32{1, 2, 0.5} {
		m.SetZoom(z)
		at := fyne.NewPos((b.X+2)*z, (b.Y+2)*z)
		stage, lane, ok := m.CellAt(at)
		if !ok || stage != j.Cards[0].Stage || lane != j.Cards[0].Lane {
			t.Errorf("at %v %%: got %q %q %v, want %q %q", z*100, stage, lane, ok, j.Cards[0].Stage, j.Cards[0].Lane)
		}
		if k, _ := m.ItemAt(at); k.ID != j.Cards[0].ID {
			t.Errorf("at %v %%: item %v, want the card", z*100, k)
		}
	}
}

func TestMapUpdatesWhatChanged(t *testing.T) {
	w := journeytest.Sample(t)
	j := &w.Journeys[0]
	m, win := newTestMap(t, w, j.ID)
	win.Resize(fyne.NewSize(3000, 3000))
	// A card in a lane below the first card's, drawn in this view.
	var last scene.Key
	for _, c := range j.Cards {
		if k := (scene.Key{Kind: scene.KindCard, ID: c.ID}); c.Lane != j.Cards[0].Lane && m.r.drawn[k] != nil {
			last = k
		}
	}
	header := m.r.drawn[scene.Key{Kind: scene.KindHeader}].objs[0]

	c := j.Cards[0]
	c.Text = "Pays by card"
	e, err := journey.Put(w, j.ID, c, -1)
	edit(t, m, w, e, err)
	if !hasText(m, "Pays by card") {
		t.Error("the changed card text is not drawn")
	}
	if m.r.drawn[scene.Key{Kind: scene.KindHeader}].objs[0] != header {
		t.Error("a card edit redrew the header")
	}
	below := m.r.drawn[last].objs[0].Position().Y
	c.Text = strings.Repeat("A much longer text that needs many lines. ", 8)
	e, err = journey.Put(w, j.ID, c, -1)
	edit(t, m, w, e, err)
	if got := m.r.drawn[last].objs[0].Position().Y; got <= below {
		t.Errorf("a taller card did not push the lanes below down: y %v, was %v", got, below)
	}

	// A card moved to another stage is drawn there, and hit there.
	c.Stage = j.Stages[3].ID
	e, err = journey.Put(w, j.ID, c, -1)
	edit(t, m, w, e, err)
	pos := m.r.drawn[scene.Key{Kind: scene.KindCard, ID: c.ID}].objs[0].Position()
	if stage, _, _ := m.CellAt(pos.AddXY(2, 2)); stage != j.Stages[3].ID {
		t.Errorf("the moved card is drawn in stage %q, want %q", stage, j.Stages[3].ID)
	}

	p := j.PainPoints[3]
	p.Owner = "m-ana"
	pe, err := journey.Put(w, j.ID, p, -1)
	edit(t, m, w, pe, err)
	if hasText(m, "UNASSIGNED") {
		t.Error("the pain point given an owner still shows UNASSIGNED")
	}
	re, err := journey.Remove[journey.Card](w, j.ID, c.ID)
	edit(t, m, w, re, err)
	if _, ok := m.r.drawn[scene.Key{Kind: scene.KindCard, ID: c.ID}]; ok || hasText(m, "Pays by card") {
		t.Error("a deleted card is still drawn")
	}
	// The journey's slice moved in memory (a journey was added): the map follows its id.
	e2, err := journey.Put(w, "", journey.BlankJourney("Another"), -1)
	edit(t, m, w, e2, err)
	c2 := w.Journeys[0].Cards[1]
	c2.Text = "Drawn after"
	e, err = journey.Put(w, w.Journeys[0].ID, c2, -1)
	edit(t, m, w, e, err)
	if !hasText(m, "Drawn after") {
		t.Error("after the workspace's journeys moved in memory, an edit is not drawn")
	}
}

func TestMapFollowsTheme(t *testing.T) {
	w := journeytest.Sample(t)
	m, _ := newTestMap(t, w, w.Journeys[0].ID)
	fyne.CurrentApp().Settings().SetTheme(NewVariantTheme(theme.VariantDark))
	m.Refresh()
	if m.r.bg.FillColor != scene.PaletteNamed("dark").Background {
		t.Error("dark theme: the map background is not the dark palette's")
	}
	fyne.CurrentApp().Settings().SetTheme(NewVariantTheme(theme.VariantLight))
	m.Refresh()
	if m.r.bg.FillColor != scene.PaletteNamed("light").Background {
		t.Error("light theme: the map background is not the light palette's")
	}
}

func TestMapGoldenImages(t *testing.T) {
	for _, v := range []struct {
		name    string
		variant fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		t.Run(v.name, func(t *testing.T) {
			a := test.NewTempApp(t)
			a.Settings().SetTheme(NewVariantTheme(v.variant))
			w := journeytest.Sample(t)
			m := NewMap(w, w.Journeys[0].ID)
			win := test.NewTempWindow(t, m)
			win.SetPadded(false)
			win.Resize(m.MinSize())
			test.AssertImageMatches(t, "map_"+v.name+".png", win.Canvas().Capture())
		})
	}
}

// TestSceneMeasuresAsFyneDraws checks the scene's font against Fyne's own measuring on the
// sample's texts: the scene breaks lines for text Fyne draws, so they must agree.
func TestSceneMeasuresAsFyneDraws(t *testing.T) {
	test.NewTempApp(t)
	f := scene.DefaultFonts()
	worst := float32(0)
	for _, j := range journeytest.Sample(t).Journeys {
		for _, c := range j.Cards {
			for _, size := range []float32{11, 13, 26} {
				for style, fs := range []fyne.TextStyle{{}, {Bold: true}, {Italic: true}} {
					want := fyne.MeasureText(c.Text, size, fs)
					got := f.Width(c.Text, size, scene.Style(style))
					worst = max(worst, abs(got-want.Width)/want.Width)
					if h := f.LineHeight(size, scene.Style(style)); abs(h-want.Height) > 0.05 {
						t.Fatalf("line height at %v: %v, Fyne %v", size, h, want.Height)
					}
				}
			}
		}
	}
	if worst > 0.01 {
		t.Errorf("widths differ from Fyne's by up to %.2f %%, want under 1 %%", worst*100)
	}
}

func abs(x float32) float32 { return max(x, -x) }

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
	a := test.NewTempApp(t)
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
	pain := scene.Key{Kind: scene.KindPain, ID: p.ID}
	if _, drawn := mw.Map.r.drawn[pain]; !strings.HasPrefix(mw.status.Text, "5 pain points") || drawn {
		t.Errorf("after deleting a pain point: status %q, still drawn %v", mw.status.Text, drawn)
	}
	if _, err := doc.Undo(); err != nil || mw.Map.r.drawn[pain] == nil || !strings.HasPrefix(mw.status.Text, "6 pain points") {
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

	was := paletteName()
	mw.ToggleTheme()
	if paletteName() == was || mw.Map.r.pal == was {
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
	if a.Preferences().String(prefTheme) == "" {
		t.Error("the theme choice was not remembered")
	}
}

func near(a, b float32) bool { d := a - b; return d < 0.01 && d > -0.01 }

func TestErrorWindow(t *testing.T) {
	a := test.NewTempApp(t)
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
	a := test.NewTempApp(t)
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
			act := buttonIn(t, w.Content(), remedy.Label)
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

func TestStickyHeadersFollowTheView(t *testing.T) {
	w := journeytest.Sample(t)
	m, win := newTestMap(t, w, w.Journeys[0].ID)
	win.Resize(fyne.NewSize(600, 400))
	stickyTexts := func() []string {
		var out []string
		for _, o := range m.sticky.drawn.Objects {
			if t, ok := o.(*canvas.Text); ok {
				out = append(out, t.Text)
			}
		}
		return out
	}
	if len(m.sticky.drawn.Objects) != 0 || m.sticky.stages.Visible() || m.sticky.lanes.Visible() {
		t.Fatalf("at the top left nothing needs pinning, but %d objects are", len(m.sticky.drawn.Objects))
	}
	m.scroll.ScrollToOffset(fyne.NewPos(300, 400))
	m.cull()
	got := stickyTexts()
	stage, lane := w.Journeys[0].Stages[1].Name, "Pain points"
	if !slices.Contains(got, stage) || !slices.Contains(got, lane) {
		t.Fatalf("scrolled into the map, the pinned headers say %q; want %q and %q among them", got, stage, lane)
	}
	// The pinned stage names sit where the stages are across the view.
	for _, o := range m.sticky.drawn.Objects {
		if tx, ok := o.(*canvas.Text); ok && tx.Text == stage {
			if tx.Position().Y > 20 {
				t.Errorf("the stage name is pinned at y %v, want at the top of the view", tx.Position().Y)
			}
		}
	}
	m.scroll.ScrollToOffset(fyne.NewPos(0, 0))
	m.cull()
	if len(stickyTexts()) != 0 {
		t.Error("back at the top left, headers are still pinned")
	}
}

// TestPinnedLaneNamesStayInTheView scrolls the map across, so that the lanes' names are
// pinned at the left: none of what is pinned may reach below the map's view, over the status
// bar (nothing clips it there).
func TestPinnedLaneNamesStayInTheView(t *testing.T) {
	ed := openEditing(t)
	m := ed.mw.Map
	m.scroll.ScrollToOffset(fyne.NewPos(300, 0))
	m.cull()
	view := m.scroll.Size()
	for _, d := range onScreen(m.sticky.box) {
		var bottom float32
		switch o := d.object.(type) {
		case *canvas.Line:
			bottom = max(o.Position1.Y, o.Position2.Y) + d.pos.Y - o.Position().Y
		default:
			bottom = d.pos.Y + d.size.Height
		}
		if bottom > view.Height+0.5 {
			t.Errorf("a pinned %T %v reaches %v, below the view's %v", d.object, d, bottom, view.Height)
		}
	}
}
