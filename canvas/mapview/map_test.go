package mapview

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"journeymap/canvas/scene"
	"journeymap/canvas/screentest"
	"journeymap/journey"
	"journeymap/journey/journeytest"
)

// texts returns every text the map draws.
func texts(m *Map) []string {
	var out []string
	for _, d := range screentest.TextsDrawn(m) {
		out = append(out, d.Object.(*canvas.Text).Text)
	}
	return out
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
		if !screentest.HasText(m, s) {
			t.Errorf("the map does not show %q", s)
		}
	}
	m.SetJourney(w.Journeys[1].ID)
	if !screentest.HasText(m, "Returning a gift") || screentest.HasText(m, "A parcel arrives late") || m.JourneyID() != w.Journeys[1].ID {
		t.Error("after switching, the map does not show the second journey alone")
	}
	m.SetJourney("")
	if !screentest.HasText(m, "No journey yet") || len(m.r.drawn) != 1 {
		t.Errorf("with no journey: got %q", texts(m))
	}
}

func TestMapHidesHiddenLanes(t *testing.T) {
	w := journeytest.Sample(t)
	j := &w.Journeys[0]
	m, _ := newTestMap(t, w, j.ID)
	before := m.MinSize().Height
	if !screentest.HasText(m, "Thinking") || !screentest.HasText(m, "“Three days, fine.”") {
		t.Fatal("the thoughts lane is not drawn to begin with")
	}
	lane := j.Lanes[2]
	lane.Hidden = true
	e, err := journey.Put(w, j.ID, lane, -1)
	edit(t, m, w, e, err)
	if screentest.HasText(m, "Thinking") || screentest.HasText(m, "“Three days, fine.”") {
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
	if !screentest.HasText(m, "Pays by card") {
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
	if screentest.HasText(m, "UNASSIGNED") {
		t.Error("the pain point given an owner still shows UNASSIGNED")
	}
	re, err := journey.Remove[journey.Card](w, j.ID, c.ID)
	edit(t, m, w, re, err)
	if _, ok := m.r.drawn[scene.Key{Kind: scene.KindCard, ID: c.ID}]; ok || screentest.HasText(m, "Pays by card") {
		t.Error("a deleted card is still drawn")
	}
	// The journey's slice moved in memory (a journey was added): the map follows its id.
	e2, err := journey.Put(w, "", journey.BlankJourney("Another"), -1)
	edit(t, m, w, e2, err)
	c2 := w.Journeys[0].Cards[1]
	c2.Text = "Drawn after"
	e, err = journey.Put(w, w.Journeys[0].ID, c2, -1)
	edit(t, m, w, e, err)
	if !screentest.HasText(m, "Drawn after") {
		t.Error("after the workspace's journeys moved in memory, an edit is not drawn")
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
	m.Cull()
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
	// Scrolled down only, at the left edge: the name of the lane at the view's top is pinned
	// too, at the view's left, and nowhere above the view.
	m.scroll.ScrollToOffset(fyne.NewPos(0, 400))
	m.Cull()
	if got := stickyTexts(); !slices.Contains(got, lane) || !m.sticky.lanes.Visible() {
		t.Fatalf("scrolled down at the left edge, the pinned headers say %q; want %q among them", got, lane)
	}
	for _, o := range m.sticky.drawn.Objects {
		if tx, ok := o.(*canvas.Text); ok && tx.Text == lane && (tx.Position().Y < 0 || tx.Position().X > 40) {
			t.Errorf("the lane name is pinned at %v, want at the view's left, in it", tx.Position())
		}
	}
	m.scroll.ScrollToOffset(fyne.NewPos(0, 0))
	m.Cull()
	if len(stickyTexts()) != 0 {
		t.Error("back at the top left, headers are still pinned")
	}
}

// TestPinnedLaneNamesStayInTheView scrolls the map across, so that the lanes' names are
// pinned at the left: none of what is pinned may reach below the map's view, over the status
// bar (nothing clips it there).
func TestPinnedLaneNamesStayInTheView(t *testing.T) {
	w := journeytest.Sample(t)
	m, _ := newTestMap(t, w, w.Journeys[0].ID)
	m.scroll.ScrollToOffset(fyne.NewPos(300, 0))
	m.Cull()
	view := m.scroll.Size()
	for _, d := range screentest.OnScreen(m.sticky.box) {
		var bottom float32
		switch o := d.Object.(type) {
		case *canvas.Line:
			bottom = max(o.Position1.Y, o.Position2.Y) + d.Pos.Y - o.Position().Y
		default:
			bottom = d.Pos.Y + d.Size.Height
		}
		if bottom > view.Height+0.5 {
			t.Errorf("a pinned %T %v reaches %v, below the view's %v", d.Object, d, bottom, view.Height)
		}
	}
}

func near(a, b float32) bool { d := a - b; return d < 0.01 && d > -0.01 }

func abs(x float32) float32 { return max(x, -x) }

// heard records what the map tells its input.
type heard struct{ presses, doubles []scene.Point }

func (h *heard) Pressed(at scene.Point, _ fyne.KeyModifier) { h.presses = append(h.presses, at) }
func (h *heard) Released()                                  {}
func (h *heard) DoubleTapped(at scene.Point)                { h.doubles = append(h.doubles, at) }
func (h *heard) SecondaryTapped(scene.Point, fyne.Position) {}
func (h *heard) Dragged(scene.Point, scene.Point)           {}
func (h *heard) DragEnded(scene.Point, scene.Point)         {}
func (h *heard) TypedKey(*fyne.KeyEvent)                    {}
func (h *heard) TypedRune(rune)                             {}

// TestPinnedHeadersActAsHeaders: scrolled into the map, the stage and lane names are pinned to
// the view's edges, and a click on one reaches the map's input as one on that header, not on
// the card scrolled under it: a double click on the pinned name of the stage in the view's
// middle is on that stage's header, a click on a pinned lane name on that lane's label.
func TestPinnedHeadersActAsHeaders(t *testing.T) {
	w := journeytest.Sample(t)
	m, win := newTestMap(t, w, w.Journeys[0].ID)
	win.Resize(fyne.NewSize(900, 600))
	in := &heard{}
	m.SetInput(in)
	m.scroll.ScrollToOffset(fyne.NewPos(300, 500))
	m.Cull()
	if !m.sticky.stages.Visible() || !m.sticky.lanes.Visible() {
		t.Fatal("scrolled into the map, the headers are not pinned")
	}
	x := m.scroll.Size().Width / 2
	want, _ := m.Scene().StageAt(scene.Point{X: m.scroll.Offset.X + x, Y: scene.HeaderHeight + 5})
	m.sticky.stages.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(x, 10)})
	if len(in.doubles) != 1 {
		t.Fatalf("a double click on a pinned stage name told the input %d double clicks", len(in.doubles))
	}
	if got, ok := m.Scene().StageAt(in.doubles[0]); !ok || got != want {
		t.Errorf("a double click on the pinned name of %q reached the input on %q (%v)", want, got, ok)
	}
	m.sticky.lanes.Tapped(&fyne.PointEvent{Position: fyne.NewPos(20, 100)})
	if len(in.presses) != 1 {
		t.Fatalf("a click on a pinned lane name told the input %d presses", len(in.presses))
	}
	if _, ok := m.Scene().LaneAt(in.presses[0]); !ok {
		t.Errorf("a click on a pinned lane name reached the input at %v, not on a lane's label", in.presses[0])
	}
	if k, ok := m.Scene().ItemAt(in.presses[0]); ok {
		t.Errorf("a click on a pinned lane name reached the input on %v beneath it", k)
	}
}
