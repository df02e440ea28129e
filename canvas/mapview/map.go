package mapview

import (
	"math"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"journeymap/canvas/scene"
	"journeymap/journey"
)

// Zoom limits and the step of one zoom in or out.
const (
	MinZoom  = 0.25
	MaxZoom  = 4
	zoomStep = 1.25
)

// Map draws one journey's scene: the header with the title, persona and shared vision; stages
// as columns and visible lanes as rows; cards in their cells; the emotion curve; pain points
// marked by discovery. It holds the journey's id, not the journey, and is told of changes
// through Update, after which it redraws only what changed.
type Map struct {
	widget.BaseWidget

	// OnZoomChanged, if set, is called after the zoom changed.
	OnZoomChanged func(zoom float32)
	// OnSelect, if set, is called with every selection the map is given to show.
	OnSelect func(Selection)

	workspace *journey.Workspace
	journeyID string
	palette   string // a palette of its own rather than the theme's: presenter mode's
	zoom      float32
	// slack is room below the map, in pixels, for a view that brings any lane up to the top
	// of the screen however short the map (the presenter's).
	slack float32
	moved bool // the pointer dragged since the button went down
	// OnWheel, if set, is told of every turn of the mouse wheel over the map.
	OnWheel func()
	opts    scene.Options
	find    func(scene.Key) bool // what the find bar matches, nil for all
	filter  journey.Filter       // which pain points to show in full
	shown   map[string]bool      // the ids of the pain points the filter holds for
	scene   *scene.Scene
	scroll  *container.Scroll // the scroller the map sits in, for culling and zooming at the cursor
	sticky  *stickyHeaders
	r       *mapRenderer

	input     Input // what is told of taps and keys: the editor
	pressed   bool  // a mouse button went down since the last tap, which it handled
	focused   bool
	shift     bool // Shift is held: key events don't say so, and Shift+Tab goes back
	selection Selection
	editor    fyne.CanvasObject // the in-place text editor, drawn over the map at editorAt
	editorAt  scene.Rect
	drag      dragTrack
	press     *scene.Point // where the mouse button went down, while it is down
	drop      dropFeedback
}

// dropFeedback is what a drag shows: the thing dragged where it would go, and the place it
// would land in.
type dropFeedback struct {
	on            bool
	ghost, target scene.Rect
}

var (
	_ fyne.Widget            = (*Map)(nil)
	_ fyne.Scrollable        = (*Map)(nil)
	_ fyne.Tappable          = (*Map)(nil)
	_ fyne.DoubleTappable    = (*Map)(nil)
	_ fyne.SecondaryTappable = (*Map)(nil)
	_ fyne.Draggable         = (*Map)(nil)
	_ fyne.Focusable         = (*Map)(nil)
	_ fyne.Tabbable          = (*Map)(nil)
	_ desktop.Mouseable      = (*Map)(nil)
	_ desktop.Keyable        = (*Map)(nil)
)

// Selection is what the map shows as selected: a cell, always, and the cards and pain points
// picked in it or elsewhere.
type Selection struct {
	Stage, Lane string
	Items       []scene.Key
}

// Input is told what the user does on the map, in map coordinates at 100 %: the editor that
// turns it into edits, or the presenter that steps through the journey. The map knows
// nothing more of who it tells, as a Fyne widget takes callbacks rather than knowing its
// owner.
type Input interface {
	Pressed(at scene.Point, mods fyne.KeyModifier)
	Released() // the button went up where it went down, with no drag between
	DoubleTapped(at scene.Point)
	SecondaryTapped(at scene.Point, onCanvas fyne.Position)
	Dragged(from, to scene.Point)
	DragEnded(from, to scene.Point)
	TypedKey(ev *fyne.KeyEvent)
	TypedRune(r rune)
}

// SetInput makes in the one told what the user does on the map.
func (m *Map) SetInput(in Input) { m.input = in }

// SetPalette draws the map in a palette of its own, whatever the theme: presenter mode's.
func (m *Map) SetPalette(name string) {
	m.palette = name
	m.redrawScene()
}

// Scroll is the scroller the map is shown in (NewMapScroll), nil before.
func (m *Map) Scroll() *container.Scroll { return m.scroll }

// SetSlack leaves room below the map, in pixels, for a view that brings any lane up to the
// top of the screen, as the presenter's does.
func (m *Map) SetSlack(px float32) {
	if px != m.slack {
		m.slack = px
		m.fitContent()
	}
}

// Drop is what a drag shows: the thing dragged where it would go, the place it would land
// in, and whether there is one.
func (m *Map) Drop() (ghost, target scene.Rect, ok bool) {
	return m.drop.ghost, m.drop.target, m.drop.on
}

// NewMap returns a map of the workspace's journey with the id ("" for none), at 100 %.
func NewMap(w *journey.Workspace, journeyID string) *Map {
	m := &Map{workspace: w, journeyID: journeyID, zoom: 1}
	m.ExtendBaseWidget(m)
	m.rebuildScene()
	return m
}

// NewMapScroll returns the map inside a scroller that pans both ways, where Ctrl+scroll zooms.
// Only what is near the visible part of the map is drawn, so big maps stay quick.
func NewMapScroll(m *Map) fyne.CanvasObject {
	m.scroll = container.NewScroll(m)
	m.scroll.OnScrolled = func(fyne.Position) { m.Cull() }
	m.sticky = newStickyHeaders(m)
	return container.New(&viewportLayout{m}, m.scroll, m.sticky.box)
}

// viewportLayout fills its space with the scroller and, since a scroller tells nobody when it
// is resized, re-checks what the map must draw whenever the window changes size.
type viewportLayout struct{ m *Map }

func (l *viewportLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
	l.m.Cull()
}

func (l *viewportLayout) MinSize([]fyne.CanvasObject) fyne.Size { return l.m.scroll.MinSize() }

// paletteName follows the app theme: dark when its background is dark, whatever the theme.
func ThemePalette() string {
	r, g, b, _ := theme.Color(theme.ColorNameBackground).RGBA()
	if (299*r+587*g+114*b)/1000 < 0x8000 {
		return "dark"
	}
	return "light"
}

func (m *Map) rebuildScene() {
	m.opts.Palette = ThemePalette()
	if m.palette != "" {
		m.opts.Palette = m.palette
	}
	m.opts.Match = m.match()
	m.scene = scene.Build(m.workspace, m.workspace.Journey(m.journeyID), m.opts, scene.DefaultFonts())
}

// redrawScene builds the scene anew and draws it, once the map is on screen.
func (m *Map) redrawScene() {
	m.rebuildScene()
	if m.r != nil {
		m.r.redraw()
	}
}

// Scene is the geometry the map draws.
func (m *Map) Scene() *scene.Scene { return m.scene }

// SetView draws the map with other view options (hidden kinds of lane, a spotlighted stage,
// the legend); the palette, what is found and the filter stay as they are.
func (m *Map) SetView(opts scene.Options) {
	opts.Palette = m.opts.Palette
	m.opts = opts
	m.redrawScene()
	m.fitContent()
	m.Cull()
}

// SetMatch shows in full only the cards and pain points match says yes to, dimming the rest;
// nil shows all. The filter dims pain points besides.
func (m *Map) SetMatch(match func(scene.Key) bool) {
	m.find = match
	m.redrawScene()
}

// SetFilter shows in full only the pain points the filter holds for, dimming the others;
// cards stay as they are, the journey around the pain points. What is found dims besides.
func (m *Map) SetFilter(f journey.Filter) {
	m.filter = f
	m.redrawScene()
}

// Filter is the filter the map shows pain points by, with the day it judged overdue on.
func (m *Map) Filter() journey.Filter { return m.filter }

// match is what the scene shows in full: what is found, of which the pain points the filter
// holds for; nil for all.
func (m *Map) match() func(scene.Key) bool {
	find := m.find
	if !m.filterPainPoints() {
		return find
	}
	return func(k scene.Key) bool {
		if find != nil && !find(k) {
			return false
		}
		return k.Kind != scene.KindPain || m.shown[k.ID]
	}
}

// filterPainPoints works out which pain points the filter holds for, as the journey now is
// (overdue judged on the day it is drawn), and reports whether it narrows at all.
func (m *Map) filterPainPoints() bool {
	j := m.workspace.Journey(m.journeyID)
	if len(m.filter.Only) == 0 || j == nil {
		m.shown = nil
		return false
	}
	// Kept with the filter, so that what is said of it counts overdue as the map shows it.
	m.filter.Today = time.Now().Format(time.DateOnly)
	m.shown = make(map[string]bool, len(j.PainPoints))
	for _, p := range j.PainPoints {
		m.shown[p.ID] = m.filter.Holds(p)
	}
	return true
}

// JourneyID is the id of the journey on show, "" for none.
func (m *Map) JourneyID() string { return m.scene.JourneyID() }

// SetJourney shows the journey with the id ("" for none) from the top.
func (m *Map) SetJourney(id string) {
	m.journeyID = id
	m.redrawScene()
	if m.scroll != nil {
		m.scroll.ScrollToTop()
		m.fitContent()
	}
}

// Update redraws what the records named changed: one card for new text, the cells and lanes
// involved for a move, the whole map for a new stage or lane.
func (m *Map) Update(refs []journey.Ref) {
	m.filterPainPoints() // the scene asks again of the pain points that changed
	j := m.workspace.Journey(m.journeyID)
	d := m.scene.Update(m.workspace, j, refs)
	if m.r != nil {
		m.r.applyDiff(d)
	}
}

// Zoom is the current zoom, 1 being 100 %.
func (m *Map) Zoom() float32 { return m.zoom }

// SetZoom sets the zoom, held within MinZoom..MaxZoom, keeping the view's top left corner.
func (m *Map) SetZoom(z float32) {
	var off fyne.Position
	if m.scroll != nil {
		old := m.zoom
		off = fyne.NewPos(m.scroll.Offset.X/old, m.scroll.Offset.Y/old)
	}
	m.zoomAbout(z, fyne.Position{}, off)
}

// zoomAbout sets the zoom so that the map point at (unzoomed) keeps its place `view` on screen.
func (m *Map) zoomAbout(z float32, view, at fyne.Position) {
	z = min(max(z, MinZoom), MaxZoom)
	if z == m.zoom {
		return
	}
	m.zoom = z
	if m.r != nil {
		m.r.rezoom()
	}
	if m.scroll != nil {
		m.fitContent()
		m.scrollTo(fyne.NewPos(at.X*z-view.X, at.Y*z-view.Y))
	}
	if m.OnZoomChanged != nil {
		m.OnZoomChanged(z)
	}
}

// fitContent gives the map its size at this zoom, at least the scroller's.
func (m *Map) fitContent() {
	if m.scroll == nil {
		return
	}
	m.Resize(m.MinSize().Max(m.scroll.Size()))
}

// scrollTo moves the view without refreshing the map: a scroller's Refresh would refresh its
// content, which for the map means drawing everything anew.
func (m *Map) scrollTo(off fyne.Position) {
	if m.scroll.Offset == off {
		// ScrollToOffset re-reads the content's size only when the offset changes.
		m.scroll.Offset.X = off.X + 1
	}
	m.scroll.ScrollToOffset(off)
	m.Cull()
}

// ZoomIn zooms in one step.
func (m *Map) ZoomIn() { m.SetZoom(snapZoom(m.zoom * zoomStep)) }

// ZoomOut zooms out one step.
func (m *Map) ZoomOut() { m.SetZoom(snapZoom(m.zoom / zoomStep)) }

// snapZoom rounds to whole percent so that in and out steps land back on 100 %.
func snapZoom(z float32) float32 { return float32(math.Round(float64(z)*100) / 100) }

// FitTo zooms so that the whole map fits in the size (e.g. the scroller's), within the limits.
func (m *Map) FitTo(size fyne.Size) {
	w, h := m.scene.Size()
	m.SetZoom(float32(math.Floor(float64(min(size.Width/w, size.Height/h))*100) / 100))
}

// Scrolled zooms about the cursor when Ctrl (Cmd on macOS) is held, pans across when Shift is
// held (for a mouse with one wheel), and scrolls otherwise.
func (m *Map) Scrolled(ev *fyne.ScrollEvent) {
	if m.OnWheel != nil {
		m.OnWheel()
	}
	var mods fyne.KeyModifier
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		mods = d.CurrentKeyModifiers()
	}
	m.scrolled(ev, mods)
}

func (m *Map) scrolled(ev *fyne.ScrollEvent, mods fyne.KeyModifier) {
	if mods&(fyne.KeyModifierControl|fyne.KeyModifierSuper) == 0 {
		if m.scroll == nil {
			return
		}
		if mods&fyne.KeyModifierShift != 0 && ev.Scrolled.DX == 0 {
			across := *ev
			across.Scrolled = fyne.NewDelta(ev.Scrolled.DY, 0)
			ev = &across
		}
		m.scroll.Scrolled(ev)
		return
	}
	z := m.zoom
	switch {
	case ev.Scrolled.DY > 0:
		z = snapZoom(z * zoomStep)
	case ev.Scrolled.DY < 0:
		z = snapZoom(z / zoomStep)
	}
	// Keep the point under the cursor where it is on screen.
	var view fyne.Position
	if m.scroll != nil {
		view = ev.Position.Subtract(m.scroll.Offset)
	}
	m.zoomAbout(z, view, fyne.NewPos(ev.Position.X/m.zoom, ev.Position.Y/m.zoom))
}

// CellAt names the stage and lane under a position on the map widget, at the current zoom.
func (m *Map) CellAt(pos fyne.Position) (stage, lane string, ok bool) {
	return m.scene.CellAt(m.toScene(pos))
}

// ItemAt names the card or pain point under a position on the map widget.
func (m *Map) ItemAt(pos fyne.Position) (scene.Key, bool) { return m.scene.ItemAt(m.toScene(pos)) }

func (m *Map) toScene(pos fyne.Position) scene.Point {
	return scene.Point{X: pos.X / m.zoom, Y: pos.Y / m.zoom}
}

// view is the part of the map worth drawing, at 100 %: what the scroller shows and a margin
// of a quarter screen around it, so that a scroll step seldom finds anything undrawn. Without
// a scroller (a test, a capture) it is the whole map; in a scroller not laid out yet, nothing.
func (m *Map) view() scene.Rect {
	w, h := m.scene.Size()
	if m.scroll == nil {
		return scene.Rect{X: -1, Y: -1, W: w + 2, H: h + 2}
	}
	if m.scroll.Size().IsZero() {
		return scene.Rect{}
	}
	z, off, size := m.zoom, m.scroll.Offset, m.scroll.Size()
	mx, my := size.Width/4, size.Height/4
	return scene.Rect{X: (off.X - mx) / z, Y: (off.Y - my) / z, W: (size.Width + 2*mx) / z, H: (size.Height + 2*my) / z}
}

// Cull draws what is near the view and lets go of what is far from it, and places the pinned
// headers for the view: after the view moved by other means than the map's own.
func (m *Map) Cull() {
	if m.r != nil {
		m.r.cull()
	}
	if m.sticky != nil {
		m.sticky.update()
	}
}

// SetSelection shows the selection: a ring around the cell, and the items picked outlined.
func (m *Map) SetSelection(sel Selection) {
	m.selection = sel
	if m.OnSelect != nil {
		m.OnSelect(sel)
	}
	if m.r != nil {
		m.r.placeOverlay()
	}
}

// KeepSelection shows the selection kept through a change of the map, telling OnSelect only
// when it is not the one shown: a panel that was put away is not brought back by every edit
// while a pain point stays picked.
func (m *Map) KeepSelection(sel Selection) {
	if sel.Stage == m.selection.Stage && sel.Lane == m.selection.Lane && slices.Equal(sel.Items, m.selection.Items) {
		m.selection = sel
		if m.r != nil {
			m.r.placeOverlay()
		}
		return
	}
	m.SetSelection(sel)
}

// Selection is the selection the map shows.
func (m *Map) Selection() Selection { return m.selection }

// ShowEditor places an in-place editor over an area of the map, where it follows zoom and
// scroll; nil takes it away.
func (m *Map) ShowEditor(o fyne.CanvasObject, at scene.Rect) {
	m.editor, m.editorAt = o, at
	if m.r != nil {
		m.r.placeOverlay()
	}
}

// ScrollToShow scrolls the least needed to bring an area of the map (at 100 %) into view.
func (m *Map) ScrollToShow(area scene.Rect) {
	if m.scroll == nil || m.scroll.Size().IsZero() {
		return
	}
	z, off, size := m.zoom, m.scroll.Offset, m.scroll.Size()
	x0, y0, x1, y1 := area.X*z, area.Y*z, (area.X+area.W)*z, (area.Y+area.H)*z
	next := off
	if x1 > off.X+size.Width {
		next.X = x1 - size.Width
	}
	if x0 < next.X {
		next.X = x0
	}
	if y1 > off.Y+size.Height {
		next.Y = y1 - size.Height
	}
	if y0 < next.Y {
		next.Y = y0
	}
	if next != off {
		m.scroll.ScrollToOffset(next)
		m.Cull()
	}
}

// ShiftDown is Shift as the driver knows it, or as heard, where the driver can't say (tests):
// for a widget that hears of keys but not of a Shift let go while a dialog had them.
func ShiftDown(heard bool) bool {
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
	}
	return heard
}

// CreateRenderer implements fyne.Widget.
func (m *Map) CreateRenderer() fyne.WidgetRenderer {
	m.r = newMapRenderer(m)
	return m.r
}
