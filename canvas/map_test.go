package canvas

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"journeymap/assets"
	"journeymap/journey"
	"journeymap/journey/interchange"
)

func sampleWorkspace(t testing.TB) *journey.Workspace {
	t.Helper()
	w, err := interchange.Parse(assets.SampleWorkspace)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// texts returns every text the map draws, its items' included.
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
			case fyne.Widget:
				walk(test.WidgetRenderer(o).Objects())
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

func newTestMap(t *testing.T, w *journey.Workspace, j *journey.Journey) (*Map, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	m := NewMap(w, j)
	win := test.NewTempWindow(t, NewMapScroll(m))
	win.Resize(fyne.NewSize(1200, 800))
	return m, win
}

func TestMapSwitchesJourney(t *testing.T) {
	w := sampleWorkspace(t)
	m, _ := newTestMap(t, w, &w.Journeys[0])
	if len(m.r.cards) != len(w.Journeys[0].Cards) || len(m.r.pains) != len(w.Journeys[0].PainPoints) {
		t.Errorf("got %d cards and %d pain points drawn, want %d and %d",
			len(m.r.cards), len(m.r.pains), len(w.Journeys[0].Cards), len(w.Journeys[0].PainPoints))
	}
	for _, s := range []string{"A parcel arrives late", "Persona: Maya", "Vision: “Every customer", "Order", "Customer actions",
		"UNKNOWN · walkthrough", "KNOWN · complaint ×48", "UNASSIGNED", "DW", "+2", "−2", "0"} {
		if !hasText(m, s) {
			t.Errorf("the map does not show %q", s)
		}
	}
	m.SetJourney(&w.Journeys[1])
	if !hasText(m, "Returning a gift") || hasText(m, "A parcel arrives late") || len(m.r.pains) != len(w.Journeys[1].PainPoints) {
		t.Error("after switching, the map does not show the second journey alone")
	}
	m.SetJourney(nil)
	if !hasText(m, "No journey yet") {
		t.Errorf("with no journey: got %q", texts(m))
	}
}

func TestMapHidesHiddenLanes(t *testing.T) {
	w := sampleWorkspace(t)
	j := &w.Journeys[0]
	m, _ := newTestMap(t, w, j)
	before := m.MinSize().Height
	if !hasText(m, "Thinking") || !hasText(m, "“Three days, fine.”") {
		t.Fatal("the thoughts lane is not drawn to begin with")
	}
	j.Lanes[2].Hidden = true
	m.Refresh()
	if hasText(m, "Thinking") || hasText(m, "“Three days, fine.”") {
		t.Error("a hidden lane and its cards are still drawn")
	}
	if after := m.MinSize().Height; after >= before {
		t.Errorf("hiding a lane: height %v, was %v; want shorter", after, before)
	}
}

func TestMapZoom(t *testing.T) {
	w := sampleWorkspace(t)
	m, _ := newTestMap(t, w, &w.Journeys[0])
	var told []float32
	m.OnZoomChanged = func(z float32) { told = append(told, z) }
	base := m.MinSize()
	card := m.r.cards[w.Journeys[0].Cards[0].ID]
	cardBase := card.Size()

	m.SetZoom(2)
	if got := m.MinSize(); !near(got.Width, base.Width*2) || !near(got.Height, base.Height*2) {
		t.Errorf("at 200 %%: size %v, want twice %v", got, base)
	}
	if got := card.Size(); !near(got.Width, cardBase.Width*2) {
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

func TestMapScrollWheel(t *testing.T) {
	w := sampleWorkspace(t)
	m, _ := newTestMap(t, w, &w.Journeys[0])
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
	w, j := bigJourney()
	m, _ := newTestMap(t, w, j)
	first, last := m.r.cards[j.Cards[0].ID], m.r.cards[j.Cards[len(j.Cards)-1].ID]
	visible := func() int {
		n := 0
		for _, v := range m.r.cards {
			if v.Visible() {
				n++
			}
		}
		return n
	}
	if !first.Visible() || last.Visible() {
		t.Errorf("at the start: first card shown %v, last %v; want the first only", first.Visible(), last.Visible())
	}
	if n := visible(); n == 0 || n >= len(j.Cards)/2 {
		t.Errorf("%d of %d cards drawn in a 1200×800 view; want only those near it", n, len(j.Cards))
	}
	m.scroll.ScrollToOffset(fyne.NewPos(m.MinSize().Width, m.MinSize().Height))
	if first.Visible() || !last.Visible() {
		t.Errorf("scrolled to the end: first card shown %v, last %v; want the last only", first.Visible(), last.Visible())
	}
	m.SetZoom(MinZoom)
	if n := visible(); n < len(j.Cards)/2 {
		t.Errorf("at %v %% most of the map is in view, but only %d of %d cards are drawn", MinZoom*100, n, len(j.Cards))
	}
}

func TestMapCellAtScales(t *testing.T) {
	w := sampleWorkspace(t)
	j := &w.Journeys[0]
	m, _ := newTestMap(t, w, j)
	b := m.r.layout.Cards[j.Cards[0].ID]
	at := fyne.NewPos(b.X+2, b.Y+2)
	for _, z := range []float32{1, 2, 0.5} {
		m.SetZoom(z)
		stage, lane, ok := m.CellAt(fyne.NewPos(at.X*z, at.Y*z))
		if !ok || stage != j.Cards[0].Stage || lane != j.Cards[0].Lane {
			t.Errorf("at %v %%: got %q %q %v, want %q %q", z*100, stage, lane, ok, j.Cards[0].Stage, j.Cards[0].Lane)
		}
	}
}

func TestRefreshCardRedrawsOneItem(t *testing.T) {
	w := sampleWorkspace(t)
	j := &w.Journeys[0]
	m, _ := newTestMap(t, w, j)
	j.Cards[0].Text = "Pays by card"
	m.RefreshCard(j.Cards[0].ID)
	if !hasText(m, "Pays by card") {
		t.Error("the changed card text is not drawn")
	}
	below := m.r.cards[j.Cards[len(j.Cards)-1].ID].Position().Y
	j.Cards[0].Text = strings.Repeat("A much longer text that needs many lines. ", 8)
	m.RefreshCard(j.Cards[0].ID)
	if got := m.r.cards[j.Cards[len(j.Cards)-1].ID].Position().Y; got <= below {
		t.Errorf("a taller card did not push the lanes below down: y %v, was %v", got, below)
	}
	j.PainPoints[3].Owner = "m-ana"
	m.RefreshCard(j.PainPoints[3].ID)
	if hasText(m, "UNASSIGNED") {
		t.Error("the pain point given an owner still shows UNASSIGNED")
	}
}

func TestMapFollowsTheme(t *testing.T) {
	w := sampleWorkspace(t)
	m, _ := newTestMap(t, w, &w.Journeys[0])
	fyne.CurrentApp().Settings().SetTheme(NewVariantTheme(theme.VariantDark))
	m.Refresh()
	if m.r.bg.FillColor != darkPalette.Background {
		t.Error("dark theme: the map background is not the dark palette's")
	}
	fyne.CurrentApp().Settings().SetTheme(NewVariantTheme(theme.VariantLight))
	m.Refresh()
	if m.r.bg.FillColor != lightPalette.Background {
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
			w := sampleWorkspace(t)
			m := NewMap(w, &w.Journeys[0])
			win := test.NewTempWindow(t, m)
			win.SetPadded(false)
			win.Resize(m.MinSize())
			test.AssertImageMatches(t, "map_"+v.name+".png", win.Canvas().Capture())
		})
	}
}

func TestMainWindow(t *testing.T) {
	a := test.NewTempApp(t)
	w := sampleWorkspace(t)
	mw := NewMainWindow(a, w)
	t.Cleanup(mw.Close)
	if mw.Map.Journey() != &w.Journeys[0] {
		t.Fatal("a new window does not show the first journey")
	}
	if got, want := mw.status.Text, "7 pain points (3 known, 4 unknown) · discovery rate 57 % · fairness 0.79"; !strings.HasPrefix(got, want) {
		t.Errorf("status: got %q, want %q…", got, want)
	}
	mw.list.Select(1)
	if mw.Map.Journey() != &w.Journeys[1] || !strings.HasPrefix(mw.status.Text, "6 pain points") {
		t.Errorf("selecting the second journey: map shows %v, status %q", mw.Map.Journey().Title, mw.status.Text)
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

	was := currentPalette()
	mw.ToggleTheme()
	if currentPalette() == was {
		t.Error("the theme switch did not change the map's palette")
	}
	mw.Resize(fyne.NewSize(1000, 700))
	mw.remember()

	again := NewMainWindow(a, w)
	t.Cleanup(again.Close)
	if again.Map.Journey() != &w.Journeys[1] {
		t.Error("a new window does not reopen the journey shown last")
	}
	if got := again.Canvas().Size(); got.Width != 1000 || got.Height != 700 {
		t.Errorf("a new window's size: got %v, want the remembered 1000×700", got)
	}
	if currentPalette() != &darkPalette && currentPalette() != &lightPalette {
		t.Error("no palette in force")
	}
	if a.Preferences().String(prefTheme) == "" {
		t.Error("the theme choice was not remembered")
	}
}

func near(a, b float32) bool { d := a - b; return d < 0.01 && d > -0.01 }

func TestErrorWindow(t *testing.T) {
	a := test.NewTempApp(t)
	problem := "Store is in use by another Journeymap: /home/ana/.config/journeymap/store (close the other Journeymap first)"
	w := NewErrorWindow(a, problem, "Switch to that window.")
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
