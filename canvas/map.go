package canvas

import (
	"fmt"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"journeymap/journey"
)

// Zoom limits and the step of one zoom in or out.
const (
	MinZoom  = 0.25
	MaxZoom  = 4
	zoomStep = 1.25
)

// Map draws one journey as a journey map: a header with the title, persona and shared vision;
// stages as columns and visible lanes as rows; cards in their cells; the emotion lane as a
// curve; pain points marked by discovery. It is read through Workspace for owners' names.
type Map struct {
	widget.BaseWidget

	// OnZoomChanged, if set, is called after the zoom changed.
	OnZoomChanged func(zoom float32)

	workspace *journey.Workspace
	journey   *journey.Journey
	zoom      float32
	scroll    *container.Scroll // the scroller the map sits in, for scrolling and zooming at the cursor
	wrapText  wrapper
	r         *mapRenderer // the live renderer, for refreshing one item
}

var (
	_ fyne.Widget     = (*Map)(nil)
	_ fyne.Scrollable = (*Map)(nil)
)

// NewMap returns a map of journey j (nil for none) of workspace w, at 100 %.
func NewMap(w *journey.Workspace, j *journey.Journey) *Map {
	m := &Map{workspace: w, journey: j, zoom: 1, wrapText: newWrapper(measureText)}
	m.ExtendBaseWidget(m)
	return m
}

// NewMapScroll returns the map inside a scroller that pans both ways, where Ctrl+scroll zooms.
// Only the cards and pain points near the visible part are drawn, so big maps stay quick.
func NewMapScroll(m *Map) fyne.CanvasObject {
	m.scroll = container.NewScroll(m)
	m.scroll.OnScrolled = func(fyne.Position) { m.cull() }
	return container.New(&viewportLayout{m}, m.scroll)
}

// viewportLayout fills its space with the scroller and, since a scroller tells nobody when it
// is resized, re-checks what the map must draw whenever the window changes size.
type viewportLayout struct{ m *Map }

func (l *viewportLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
	l.m.cull()
}

func (l *viewportLayout) MinSize([]fyne.CanvasObject) fyne.Size { return l.m.scroll.MinSize() }

func (m *Map) cull() {
	if m.r != nil {
		m.r.cull()
	}
}

// Journey is the journey on show, or nil.
func (m *Map) Journey() *journey.Journey { return m.journey }

// SetJourney shows another journey (nil for none).
func (m *Map) SetJourney(j *journey.Journey) {
	m.journey = j
	m.Refresh()
	if m.scroll != nil {
		m.scroll.ScrollToTop()
	}
}

// Zoom is the current zoom, 1 being 100 %.
func (m *Map) Zoom() float32 { return m.zoom }

// SetZoom sets the zoom, held within MinZoom..MaxZoom.
func (m *Map) SetZoom(z float32) {
	z = min(max(z, MinZoom), MaxZoom)
	if z == m.zoom {
		return
	}
	m.zoom = z
	if m.r != nil {
		m.r.relayout()
	}
	if m.OnZoomChanged != nil {
		m.OnZoomChanged(z)
	}
}

// ZoomIn zooms in one step.
func (m *Map) ZoomIn() { m.SetZoom(snapZoom(m.zoom * zoomStep)) }

// ZoomOut zooms out one step.
func (m *Map) ZoomOut() { m.SetZoom(snapZoom(m.zoom / zoomStep)) }

// snapZoom rounds to whole percent so that in and out steps land back on 100 %.
func snapZoom(z float32) float32 { return float32(math.Round(float64(z)*100) / 100) }

// FitTo zooms so that the whole map fits in the size (e.g. the scroller's), within the limits.
func (m *Map) FitTo(size fyne.Size) {
	if m.journey == nil {
		return
	}
	l := m.layout()
	m.SetZoom(float32(math.Floor(float64(min(size.Width/l.Size.Width, size.Height/l.Size.Height))*100) / 100))
}

// Scrolled zooms about the cursor when Ctrl (Cmd on macOS) is held, pans across when Shift is
// held (for a mouse with one wheel), and scrolls otherwise.
func (m *Map) Scrolled(ev *fyne.ScrollEvent) {
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
	old := m.zoom
	switch {
	case ev.Scrolled.DY > 0:
		m.ZoomIn()
	case ev.Scrolled.DY < 0:
		m.ZoomOut()
	}
	if m.scroll == nil || m.zoom == old {
		return
	}
	// Keep the point under the cursor where it was on screen.
	ratio := m.zoom / old
	view := ev.Position.Subtract(m.scroll.Offset)
	m.scroll.Offset = fyne.NewPos(ev.Position.X*ratio-view.X, ev.Position.Y*ratio-view.Y)
	m.scroll.Refresh()
}

// layout is the layout of the journey on show: the renderer's when it has drawn this journey,
// so that a tap costs no relayout.
func (m *Map) layout() mapLayout {
	if m.r != nil && m.r.built == m.journey {
		return m.r.layout
	}
	return computeLayout(m.journey, m.wrapText)
}

// CellAt names the stage and lane under a position on the map widget, at the current zoom.
func (m *Map) CellAt(pos fyne.Position) (stage, lane string, ok bool) {
	if m.journey == nil {
		return "", "", false
	}
	l := m.layout()
	return l.cellAt(m.journey, fyne.NewPos(pos.X/m.zoom, pos.Y/m.zoom))
}

// RefreshCard redraws one card or pain point after it changed in the journey; the rest of the
// map is only moved, and only when the item's height changed.
func (m *Map) RefreshCard(id string) {
	if m.r != nil {
		m.r.refreshItem(id)
	}
}

// CreateRenderer implements fyne.Widget.
func (m *Map) CreateRenderer() fyne.WidgetRenderer {
	m.r = &mapRenderer{m: m}
	m.r.rebuild()
	return m.r
}

type mapRenderer struct {
	m       *Map
	built   *journey.Journey
	pal     *palette
	layout  mapLayout
	objects []fyne.CanvasObject

	bg                     *canvas.Rectangle
	title, persona, vision *canvas.Text
	empty                  *canvas.Text
	stageBar               *canvas.Rectangle
	stages                 []*canvas.Text
	laneBgs                []*canvas.Rectangle
	laneNames, laneKinds   []*canvas.Text
	columnLines, laneLines []*canvas.Line
	cards                  map[string]*cardView
	pains                  map[string]*painView
	zeroLine               *canvas.Line
	curve                  []*canvas.Line
	faces                  []*canvas.Circle
	faceScores             []*canvas.Text
	faceStages             []int // stage index of each face
}

func (r *mapRenderer) Destroy() {}

func (r *mapRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *mapRenderer) MinSize() fyne.Size {
	if r.built == nil {
		return fyne.NewSize(320, 120)
	}
	return fyne.NewSize(r.layout.Size.Width*r.m.zoom, r.layout.Size.Height*r.m.zoom)
}

// Refresh redraws the map from its journey: after a switch of journey or theme, or an edit
// that changed more than one item (a hidden lane, a new stage).
func (r *mapRenderer) Refresh() {
	r.rebuild()
	r.Layout(r.m.Size())
	canvas.Refresh(r.m)
}

// relayout moves and sizes the existing objects for a new zoom, without rebuilding them.
func (r *mapRenderer) relayout() {
	if r.m.scroll != nil {
		r.m.scroll.Refresh() // re-reads the map's MinSize and resizes it
	}
	r.Layout(r.m.Size())
	canvas.Refresh(r.m)
}

// rebuild makes one object per thing on the map.
func (r *mapRenderer) rebuild() {
	m, j, pal := r.m, r.m.journey, currentPalette()
	*r = mapRenderer{m: m, built: j, pal: pal, cards: map[string]*cardView{}, pains: map[string]*painView{}}
	r.bg = canvas.NewRectangle(pal.Background)
	r.objects = []fyne.CanvasObject{r.bg}
	if j == nil {
		r.empty = canvas.NewText("No journey yet: add one to start mapping.", pal.Muted)
		r.objects = append(r.objects, r.empty)
		return
	}
	r.layout = computeLayout(j, m.wrapText)
	r.title = canvas.NewText(j.Title, pal.Text)
	r.title.TextStyle.Bold = true
	r.persona = canvas.NewText(labelled("Persona", j.Persona), pal.Muted)
	r.vision = canvas.NewText(labelled("Vision", quoted(j.Vision)), pal.Text)
	r.vision.TextStyle.Italic = true
	r.stageBar = canvas.NewRectangle(pal.Header)
	r.objects = append(r.objects, r.title, r.persona, r.vision, r.stageBar)
	for i, row := range r.layout.Lanes {
		stripe := pal.Background
		if i%2 == 1 {
			stripe = pal.Stripe
		}
		bg := canvas.NewRectangle(stripe)
		name := canvas.NewText(row.Lane.Name, pal.Text)
		name.TextStyle.Bold = true
		kind := canvas.NewText(laneKindWords[row.Lane.Kind], pal.Muted)
		r.laneBgs, r.laneNames, r.laneKinds = append(r.laneBgs, bg), append(r.laneNames, name), append(r.laneKinds, kind)
		line := canvas.NewLine(pal.Grid)
		r.laneLines = append(r.laneLines, line)
		r.objects = append(r.objects, bg, line, name, kind)
	}
	// One more line closes the last lane.
	r.laneLines = append(r.laneLines, canvas.NewLine(pal.Grid))
	r.objects = append(r.objects, r.laneLines[len(r.laneLines)-1])
	for range len(j.Stages) + 1 {
		line := canvas.NewLine(pal.Grid)
		r.columnLines = append(r.columnLines, line)
		r.objects = append(r.objects, line)
	}
	for _, s := range j.Stages {
		t := canvas.NewText(s.Name, pal.Text)
		t.TextStyle.Bold = true
		r.stages = append(r.stages, t)
		r.objects = append(r.objects, t)
	}
	r.buildEmotion()
	kinds := map[string]journey.LaneKind{}
	for _, l := range j.Lanes {
		kinds[l.ID] = l.Kind
	}
	for _, c := range j.Cards {
		if b, ok := r.layout.Cards[c.ID]; ok {
			v := newCardView(c, kinds[c.Lane], b.Lines, m.zoom, pal)
			r.cards[c.ID] = v
			r.objects = append(r.objects, v)
		}
	}
	for _, p := range j.PainPoints {
		if b, ok := r.layout.PainPoints[p.ID]; ok {
			v := newPainView(p, r.ownerInitials(p.Owner), b.Lines, m.zoom, pal)
			r.pains[p.ID] = v
			r.objects = append(r.objects, v)
		}
	}
}

func (r *mapRenderer) ownerInitials(id string) string {
	if mem, ok := r.m.workspace.Member(id); ok && id != "" {
		return initials(mem.Name)
	}
	return ""
}

var laneKindWords = map[journey.LaneKind]string{
	journey.LaneActions: "actions", journey.LaneTouchpoints: "touchpoints", journey.LaneThoughts: "thoughts",
	journey.LaneEmotion: "emotion", journey.LanePain: "pain points", journey.LaneOpportunities: "opportunities",
	journey.LaneBackstage: "backstage", journey.LaneCustom: "custom",
}

func labelled(label, text string) string {
	if text == "" {
		return ""
	}
	return label + ": " + text
}

func quoted(s string) string {
	if s == "" {
		return ""
	}
	return "“" + s + "”"
}

// curveSamples is how many straight segments draw the curve between two stages: enough to look
// smooth at 400 %.
const curveSamples = 12

// buildEmotion makes the emotion lane's zero line, the curve through the stage scores and a
// marker with the score at each stage. Stages with no score break the curve.
func (r *mapRenderer) buildEmotion() {
	j, pal := r.built, r.pal
	if _, ok := r.emotionRow(); !ok {
		return
	}
	r.zeroLine = canvas.NewLine(pal.ZeroLine)
	r.objects = append(r.objects, r.zeroLine)
	for i := range j.Stages {
		if i+1 < len(j.Stages) {
			_, a := j.Emotion(j.Stages[i].ID)
			_, b := j.Emotion(j.Stages[i+1].ID)
			if a && b {
				for range curveSamples {
					l := canvas.NewLine(pal.Curve)
					r.curve = append(r.curve, l)
					r.objects = append(r.objects, l)
				}
			}
		}
	}
	for i, s := range j.Stages {
		score, ok := j.Emotion(s.ID)
		if !ok {
			continue
		}
		face := canvas.NewCircle(pal.Emotion[score+2])
		face.StrokeColor = pal.Background
		text := canvas.NewText(scoreText(score), pal.OnMarker)
		text.TextStyle.Bold = true
		r.faces, r.faceScores, r.faceStages = append(r.faces, face), append(r.faceScores, text), append(r.faceStages, i)
		r.objects = append(r.objects, face, text)
	}
}

// scoreText writes a score with its sign, and a true minus sign rather than a hyphen.
func scoreText(score int) string {
	switch {
	case score > 0:
		return fmt.Sprintf("+%d", score)
	case score < 0:
		return fmt.Sprintf("−%d", -score)
	}
	return "0"
}

func (r *mapRenderer) emotionRow() (laneRow, bool) {
	for _, row := range r.layout.Lanes {
		if row.Lane.Kind == journey.LaneEmotion {
			return row, true
		}
	}
	return laneRow{}, false
}

// Layout places every object for the current zoom.
func (r *mapRenderer) Layout(size fyne.Size) {
	z, l := r.m.zoom, &r.layout
	full := r.MinSize()
	r.bg.Resize(fyne.NewSize(max(size.Width, full.Width), max(size.Height, full.Height)))
	if r.empty != nil {
		r.empty.TextSize = 16
		r.empty.Move(fyne.NewPos(24, 24))
		return
	}
	width := l.Size.Width * z
	place := func(t *canvas.Text, x, y, size float32) {
		t.TextSize = size * z
		t.Move(fyne.NewPos(x*z, y*z))
	}
	place(r.title, 24, 18, 26)
	place(r.persona, 24, 56, 14)
	place(r.vision, 24, 80, 14)
	r.stageBar.Move(fyne.NewPos(0, headerHeight*z))
	r.stageBar.Resize(fyne.NewSize(width, stageHeight*z))
	for i, t := range r.stages {
		place(t, l.Columns[i]+cellPad+4, headerHeight+14, 16)
	}
	for i, row := range l.Lanes {
		r.laneBgs[i].Move(fyne.NewPos(0, row.Y*z))
		r.laneBgs[i].Resize(fyne.NewSize(width, row.H*z))
		place(r.laneNames[i], 16, row.Y+14, 14)
		place(r.laneKinds[i], 16, row.Y+34, 11)
		line(r.laneLines[i], 0, row.Y*z, width, row.Y*z, z)
	}
	line(r.laneLines[len(r.laneLines)-1], 0, l.Size.Height*z, width, l.Size.Height*z, z)
	for i, ln := range r.columnLines {
		x := float32(labelWidth + i*columnWidth)
		line(ln, x*z, headerHeight*z, x*z, l.Size.Height*z, z)
	}
	for id, v := range r.cards {
		r.placeItem(&v.BaseWidget, &v.zoom, l.Cards[id])
	}
	for id, v := range r.pains {
		r.placeItem(&v.BaseWidget, &v.zoom, l.PainPoints[id])
	}
	r.layoutEmotion()
	r.cull()
}

// cull shows the cards and pain points within a screen's reach of the visible part of the map
// and hides the rest; the margin keeps a quick scroll from showing empty cells.
func (r *mapRenderer) cull() {
	if r.m.scroll == nil {
		return
	}
	off, view, z := r.m.scroll.Offset, r.m.scroll.Size(), r.m.zoom
	if view.IsZero() {
		return
	}
	x0, x1 := off.X-view.Width, off.X+2*view.Width
	y0, y1 := off.Y-view.Height, off.Y+2*view.Height
	near := func(b box) bool { return b.X*z < x1 && (b.X+b.W)*z > x0 && b.Y*z < y1 && (b.Y+b.H)*z > y0 }
	for id, v := range r.cards {
		showIf(v, near(r.layout.Cards[id]))
	}
	for id, v := range r.pains {
		showIf(v, near(r.layout.PainPoints[id]))
	}
}

func showIf(o fyne.CanvasObject, show bool) {
	switch {
	case show && !o.Visible():
		o.Show()
	case !show && o.Visible():
		o.Hide()
	}
}

// placeItem moves and sizes a card or pain point, refreshing it only when the zoom changed.
func (r *mapRenderer) placeItem(w *widget.BaseWidget, zoom *float32, b box) {
	z := r.m.zoom
	w.Move(fyne.NewPos(b.X*z, b.Y*z))
	w.Resize(fyne.NewSize(b.W*z, b.H*z))
	if *zoom != z {
		*zoom = z
		w.Refresh()
	}
}

func line(l *canvas.Line, x1, y1, x2, y2, z float32) {
	l.Position1, l.Position2 = fyne.NewPos(x1, y1), fyne.NewPos(x2, y2)
	l.StrokeWidth = max(1, z)
}

// emotionPoint is where a score sits in the emotion lane's curve band, at 100 %: +2 near the
// top, -2 near the bottom, 0 on the zero line.
func emotionPoint(row laneRow, column float32, score float32) fyne.Position {
	mid := row.Y + emotionHeight/2
	reach := float32(emotionHeight/2 - 24)
	return fyne.NewPos(column+columnWidth/2, mid-score/2*reach)
}

func (r *mapRenderer) layoutEmotion() {
	row, ok := r.emotionRow()
	if !ok || r.zeroLine == nil {
		return
	}
	z, j, l := r.m.zoom, r.built, &r.layout
	mid := row.Y + emotionHeight/2
	line(r.zeroLine, labelWidth*z, mid*z, l.Size.Width*z, mid*z, z)
	points := make([]fyne.Position, len(j.Stages))
	has := make([]bool, len(j.Stages))
	for i, s := range j.Stages {
		if score, ok := j.Emotion(s.ID); ok {
			points[i], has[i] = emotionPoint(row, l.Columns[i], float32(score)), true
		}
	}
	seg := 0
	for i := 0; i+1 < len(points); i++ {
		if !has[i] || !has[i+1] {
			continue
		}
		// Catmull-Rom through the neighbours (or the end points themselves at a break) gives a
		// smooth curve that still passes exactly through every score.
		p0, p3 := points[i], points[i+1]
		if i > 0 && has[i-1] {
			p0 = points[i-1]
		}
		if i+2 < len(points) && has[i+2] {
			p3 = points[i+2]
		}
		prev := points[i]
		for s := 1; s <= curveSamples; s++ {
			next := catmullRom(p0, points[i], points[i+1], p3, float32(s)/curveSamples)
			ln := r.curve[seg]
			line(ln, prev.X*z, prev.Y*z, next.X*z, next.Y*z, z)
			ln.StrokeWidth = 3 * z
			prev = next
			seg++
		}
	}
	const faceSize = 30
	for i, face := range r.faces {
		p := points[r.faceStages[i]]
		face.Position1 = fyne.NewPos((p.X-faceSize/2)*z, (p.Y-faceSize/2)*z)
		face.Position2 = fyne.NewPos((p.X+faceSize/2)*z, (p.Y+faceSize/2)*z)
		face.StrokeWidth = 2 * z
		t := r.faceScores[i]
		t.TextSize = 13 * z
		ts := t.MinSize()
		t.Move(fyne.NewPos(p.X*z-ts.Width/2, p.Y*z-ts.Height/2))
	}
}

func catmullRom(p0, p1, p2, p3 fyne.Position, t float32) fyne.Position {
	t2, t3 := t*t, t*t*t
	f := func(a, b, c, d float32) float32 {
		return 0.5 * (2*b + (-a+c)*t + (2*a-5*b+4*c-d)*t2 + (-a+3*b-3*c+d)*t3)
	}
	return fyne.NewPos(f(p0.X, p1.X, p2.X, p3.X), f(p0.Y, p1.Y, p2.Y, p3.Y))
}

// refreshItem redraws one card or pain point from the journey. When its text still takes as
// many lines, nothing else moves and only the item is redrawn; otherwise the map is laid out
// again (from remembered line breaks), which moves what lies below it.
func (r *mapRenderer) refreshItem(id string) {
	j := r.built
	if j == nil || j != r.m.journey {
		return
	}
	if v, ok := r.cards[id]; ok {
		if i := slices.IndexFunc(j.Cards, func(c journey.Card) bool { return c.ID == id }); i >= 0 {
			v.card = j.Cards[i]
			v.lines = r.m.wrapText(v.card.Text, false)
			r.updateBox(r.layout.Cards, id, v.lines, &v.BaseWidget)
		}
	}
	if v, ok := r.pains[id]; ok {
		if i := slices.IndexFunc(j.PainPoints, func(p journey.PainPoint) bool { return p.ID == id }); i >= 0 {
			v.pain, v.owner = j.PainPoints[i], r.ownerInitials(j.PainPoints[i].Owner)
			v.lines = r.m.wrapText(v.pain.Title, true)
			r.updateBox(r.layout.PainPoints, id, v.lines, &v.BaseWidget)
		}
	}
}

// updateBox stores an item's new lines and redraws it, laying the whole map out again only
// when the number of lines, and so the item's height, changed.
func (r *mapRenderer) updateBox(boxes map[string]box, id string, lines []string, w *widget.BaseWidget) {
	b := boxes[id]
	same := len(b.Lines) == len(lines)
	b.Lines = lines
	boxes[id] = b
	if same {
		w.Refresh()
		return
	}
	r.layout = computeLayout(r.built, r.m.wrapText)
	r.relayout()
	w.Refresh()
}
