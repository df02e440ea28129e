package scene

import (
	"slices"
	"sort"

	"journeymap/journey"
)

// Sizes of the map at 100 %. Zoom multiplies them all; text is broken into lines once, at
// 100 %, so that zooming moves and scales but never reflows.
const (
	LabelWidth    = 168
	ColumnWidth   = 236
	HeaderHeight  = 112
	StageHeight   = 48
	cellPad       = 8
	cardGap       = 8
	cardPad       = 8
	TextSize      = 13
	lineHeight    = 18
	minLaneHeight = 64
	EmotionHeight = 152
	markerSize    = 26
	painTopRow    = markerSize + 6
	painBottomRow = 24
)

// itemTextWidth is the width text is wrapped to inside a card, at 100 %. A tenth is kept in
// reserve: small type at low zoom runs relatively wider, and Fyne kerns where we don't.
const itemTextWidth = (ColumnWidth - 2*cellPad - 2*cardPad) * 0.9

// Point is a position on the map.
type Point struct{ X, Y float32 }

// Rect is an area of the map.
type Rect struct{ X, Y, W, H float32 }

// Intersects reports whether the two areas overlap.
func (r Rect) Intersects(o Rect) bool {
	return r.X < o.X+o.W && o.X < r.X+r.W && r.Y < o.Y+o.H && o.Y < r.Y+r.H
}

// Contains reports whether the point is inside the area.
// Union is the smallest rectangle holding both; an empty one adds nothing.
func (r Rect) Union(o Rect) Rect {
	if o.W <= 0 || o.H <= 0 {
		return r
	}
	x0, y0 := min(r.X, o.X), min(r.Y, o.Y)
	return Rect{x0, y0, max(r.X+r.W, o.X+o.W) - x0, max(r.Y+r.H, o.Y+o.H) - y0}
}

func (r Rect) Contains(p Point) bool {
	return p.X >= r.X && p.X < r.X+r.W && p.Y >= r.Y && p.Y < r.Y+r.H
}

// Kind is what an element of the scene shows.
type Kind string

// The kinds of element, in the order they are drawn (later ones on top).
const (
	KindEmpty   Kind = "empty" // the message shown when there is no journey
	KindHeader  Kind = "header"
	KindLane    Kind = "lane"
	KindGrid    Kind = "grid"
	KindStage   Kind = "stage"
	KindCurve   Kind = "curve" // the emotion curve from a stage's point to the next one's
	KindEmotion Kind = "emotion"
	KindCard    Kind = "card"
	KindPain    Kind = "pain"
	KindLegend  Kind = "legend"
)

// Kinds lists the kinds of element in drawing order.
// Every piece of the curve is drawn under every point, whatever order stages came into view
// or back from an undo in: a piece drawn after its neighbour's point would cross out its sign.
var Kinds = []Kind{KindEmpty, KindHeader, KindLane, KindGrid, KindStage, KindCurve, KindEmotion, KindCard, KindPain, KindLegend}

// Key names one element by what it shows: a card by its id, a lane by its id, an emotion
// point by its stage's id.
type Key struct {
	Kind Kind
	ID   string
}

// Options are the view's choices, none of which changes the journey.
type Options struct {
	Palette   string             // light, dark or presenter
	HideLanes []string           // lanes hidden in this view only; lanes stored hidden are never drawn
	HideKinds []journey.LaneKind // kinds of lane hidden in this view, e.g. backstage in a workshop
	Spotlight string             // a stage to spotlight, dimming the others; "" for none
	Match     func(Key) bool     // nil, or which cards and pain points to show in full; others are dimmed
	Legend    bool               // draw a legend explaining the marks in the header
	HideTitle bool               // leave the title, persona and vision out of the header: a view shows them itself
}

// Scene is the geometry of one journey's map.
type Scene struct {
	fonts *Fonts
	pal   *Palette
	opts  Options
	ws    *journey.Workspace
	// j is the journey as it was at the last Build or Update: read only during those, since
	// the workspace may move its journeys in memory afterwards.
	j     *journey.Journey
	id    string // the journey's id, kept apart: j may point at another journey by now
	empty bool

	// What the layout was made from, to tell a change of structure from a change of items.
	info     journey.JourneyInfo
	stages   []journey.Stage
	lanes    []journey.Lane
	emotions []journey.Emotion

	cols    []column
	rows    []row
	colOf   map[string]int
	rowOf   map[string]int // visible lanes only
	painRow int            // -1 when the pain lane is not shown
	emoRow  int            // -1 when no emotion lane is shown
	items   map[Key]*item
	width   float32
	height  float32 // with the legend and the owners' key when they go under the map
	// mapHeight is where the lanes end.
	mapHeight float32
	wrapped   map[wrapKey][]string
	// initialsOf maps member ids to initials, made when first needed: a scan of the members
	// for each pain point would take minutes on a map of a big task force.
	initialsOf map[string]string
}

type column struct {
	ID, Name string
	X        float32
}

type row struct {
	Lane  journey.Lane
	Y, H  float32
	cells []cell
}

// cell is the stack of items in one lane at one stage, in the journey's order.
type cell struct {
	items  []Key
	height float32 // from the row's top to the end of the stack
}

type item struct {
	key      Key
	row, col int
	y, h     float32 // y from the row's top
	lines    []string
	card     journey.Card
	pain     journey.PainPoint
	owner    string // the owner's initials, "" when nobody owns it
}

type wrapKey struct {
	text string
	bold bool
}

// maxWrapped bounds the remembered line breaks: a few big maps' worth.
const maxWrapped = 50000

// Build lays out journey j (nil for none) of workspace w with the view's options.
func Build(w *journey.Workspace, j *journey.Journey, opts Options, f *Fonts) *Scene {
	s := &Scene{fonts: f, wrapped: map[wrapKey][]string{}}
	s.rebuild(w, j, opts)
	return s
}

// Options returns the options the scene was laid out with.
func (s *Scene) Options() Options { return s.opts }

// Palette is the scene's palette.
func (s *Scene) Palette() *Palette { return s.pal }

// Fonts are what the scene measured its text with.
func (s *Scene) Fonts() *Fonts { return s.fonts }

// Size is the whole map's size at 100 %.
func (s *Scene) Size() (w, h float32) { return s.width, s.height }

// JourneyID is the id of the journey the scene shows, "" for none.
func (s *Scene) JourneyID() string {
	return s.id
}

// SetOptions lays the scene out again for other view options.
func (s *Scene) SetOptions(opts Options) { s.rebuild(s.ws, s.j, opts) }

func (s *Scene) rebuild(w *journey.Workspace, j *journey.Journey, opts Options) {
	*s = Scene{fonts: s.fonts, wrapped: s.wrapped, pal: PaletteNamed(opts.Palette), opts: opts, ws: w, j: j,
		colOf: map[string]int{}, rowOf: map[string]int{}, items: map[Key]*item{}, painRow: -1, emoRow: -1}
	if len(s.wrapped) > maxWrapped {
		s.wrapped = map[wrapKey][]string{}
	}
	if j == nil {
		s.empty = true
		s.width, s.height = 320, 120
		return
	}
	s.id = j.ID
	s.info = j.Info()
	s.stages = slices.Clone(j.Stages)
	s.lanes = slices.Clone(j.Lanes)
	s.emotions = slices.Clone(j.Emotions)
	for i, st := range j.Stages {
		s.colOf[st.ID] = i
		s.cols = append(s.cols, column{st.ID, st.Name, LabelWidth + float32(i)*ColumnWidth})
	}
	pain, _ := j.PainLane()
	for _, l := range j.Lanes {
		if !s.shows(l) {
			continue
		}
		s.rowOf[l.ID] = len(s.rows)
		if l.ID == pain.ID && s.painRow < 0 {
			s.painRow = len(s.rows)
		}
		if l.Kind == journey.LaneEmotion && s.emoRow < 0 {
			s.emoRow = len(s.rows)
		}
		s.rows = append(s.rows, row{Lane: l, cells: make([]cell, len(j.Stages))})
	}
	for _, c := range j.Cards {
		if it := s.newCard(c); it != nil {
			s.items[it.key] = it
			cl := &s.rows[it.row].cells[it.col]
			cl.items = append(cl.items, it.key)
		}
	}
	for _, p := range j.PainPoints {
		if it := s.newPain(p); it != nil {
			s.items[it.key] = it
			cl := &s.rows[it.row].cells[it.col]
			cl.items = append(cl.items, it.key)
		}
	}
	for r := range s.rows {
		for c := range s.rows[r].cells {
			s.stack(r, c)
		}
		s.rowHeight(r)
	}
	s.width = LabelWidth + float32(len(j.Stages))*ColumnWidth // before the rows: the owners' key under them needs it
	s.placeRows(0)
}

func (s *Scene) shows(l journey.Lane) bool {
	return !l.Hidden && !slices.Contains(s.opts.HideLanes, l.ID) && !slices.Contains(s.opts.HideKinds, l.Kind)
}

func (s *Scene) wrap(text string, bold bool) []string {
	k := wrapKey{text, bold}
	if lines, ok := s.wrapped[k]; ok {
		return lines
	}
	style := Regular
	if bold {
		style = Bold
	}
	lines := s.fonts.Wrap(text, itemTextWidth, TextSize, style)
	s.wrapped[k] = lines
	return lines
}

// newCard places a card in its cell, or returns nil when it is not shown.
func (s *Scene) newCard(c journey.Card) *item {
	r, ok := s.rowOf[c.Lane]
	col, ok2 := s.colOf[c.Stage]
	if !ok || !ok2 {
		return nil
	}
	lines := s.wrap(c.Text, false)
	return &item{key: Key{KindCard, c.ID}, row: r, col: col, h: float32(len(lines))*lineHeight + 2*cardPad, lines: lines, card: c}
}

// newPain places a pain point in the pain lane at its stage, or returns nil when not shown.
func (s *Scene) newPain(p journey.PainPoint) *item {
	col, ok := s.colOf[p.Stage]
	if s.painRow < 0 || !ok {
		return nil
	}
	lines := s.wrap(p.Title, true)
	return &item{key: Key{KindPain, p.ID}, row: s.painRow, col: col, lines: lines, pain: p, owner: s.initials(p.Owner),
		h: painTopRow + float32(len(lines))*lineHeight + painBottomRow + 2*cardPad}
}

func (s *Scene) initials(owner string) string {
	if owner == "" || s.ws == nil {
		return ""
	}
	if s.initialsOf == nil {
		s.initialsOf = make(map[string]string, len(s.ws.Members))
		for _, m := range s.ws.Members {
			s.initialsOf[m.ID] = Initials(m.Name)
		}
	}
	return s.initialsOf[owner]
}

// stack places the items of one cell under each other. In the emotion lane they go below
// the band the curve is drawn in.
func (s *Scene) stack(r, c int) {
	cl := &s.rows[r].cells[c]
	y := float32(cellPad)
	if r == s.emoRow {
		y = EmotionHeight
	}
	for _, k := range cl.items {
		it := s.items[k]
		it.y = y
		y += it.h + cardGap
	}
	cl.height = y - cardGap + cellPad
}

// rowHeight makes a lane as tall as its tallest cell needs, and reports whether it changed.
func (s *Scene) rowHeight(r int) bool {
	h := float32(minLaneHeight)
	if r == s.emoRow {
		h = EmotionHeight
	}
	for _, cl := range s.rows[r].cells {
		h = max(h, cl.height)
	}
	changed := s.rows[r].H != h
	s.rows[r].H = h
	return changed
}

// placeRows sets the top of every lane from lane `from` down, and the map's height.
func (s *Scene) placeRows(from int) {
	y := float32(HeaderHeight + StageHeight)
	if from > 0 {
		y = s.rows[from-1].Y + s.rows[from-1].H
	}
	for r := from; r < len(s.rows); r++ {
		s.rows[r].Y = y
		y += s.rows[r].H
	}
	s.mapHeight = y
	s.height = y + s.footerHeight()
}

// Bounds is where an element is on the map at 100 %.
func (s *Scene) Bounds(k Key) (Rect, bool) {
	switch k.Kind {
	case KindEmpty:
		return Rect{0, 0, s.width, s.height}, s.empty
	case KindHeader:
		return Rect{0, 0, s.width, HeaderHeight + StageHeight}, !s.empty
	case KindLegend:
		// The owners' key is in it, beside the legend or under the map with it.
		return s.legendBounds().Union(Rect{0, s.mapHeight, s.width, s.height - s.mapHeight}), !s.empty && s.opts.Legend
	case KindGrid:
		return Rect{0, HeaderHeight, s.width, s.mapHeight - HeaderHeight}, !s.empty
	case KindStage:
		c, ok := s.colOf[k.ID]
		if !ok {
			return Rect{}, false
		}
		return Rect{s.cols[c].X, HeaderHeight, ColumnWidth, StageHeight}, true
	case KindLane:
		r, ok := s.rowOf[k.ID]
		if !ok {
			return Rect{}, false
		}
		return Rect{0, s.rows[r].Y, s.width, s.rows[r].H}, true
	case KindEmotion, KindCurve:
		c, ok := s.colOf[k.ID]
		if !ok || s.emoRow < 0 {
			return Rect{}, false
		}
		// The curve runs on to the next stage's point.
		return Rect{s.cols[c].X, s.rows[s.emoRow].Y, 2 * ColumnWidth, EmotionHeight}, true
	case KindCard, KindPain:
		it, ok := s.items[k]
		if !ok {
			return Rect{}, false
		}
		return s.itemRect(it), true
	}
	return Rect{}, false
}

func (s *Scene) itemRect(it *item) Rect {
	return Rect{s.cols[it.col].X + cellPad, s.rows[it.row].Y + it.y, ColumnWidth - 2*cellPad, it.h}
}

// Visible lists the elements that reach into the view, in drawing order. It looks only at
// the stages and lanes the view spans, so its cost follows what is on screen, not the map.
func (s *Scene) Visible(view Rect) []Key {
	var keys []Key
	if s.empty {
		return []Key{{Kind: KindEmpty}}
	}
	add := func(k Key) {
		if b, ok := s.Bounds(k); ok && b.Intersects(view) {
			keys = append(keys, k)
		}
	}
	add(Key{Kind: KindHeader})
	r0, r1 := s.rowRange(view.Y, view.Y+view.H)
	for r := r0; r < r1; r++ {
		keys = append(keys, Key{KindLane, s.rows[r].Lane.ID})
	}
	add(Key{Kind: KindGrid})
	c0, c1 := s.colRange(view.X-ColumnWidth, view.X+view.W)
	for c := c0; c < c1; c++ {
		add(Key{KindStage, s.cols[c].ID})
	}
	if s.emoRow >= 0 {
		for _, kind := range []Kind{KindCurve, KindEmotion} {
			for c := c0; c < c1; c++ {
				add(Key{kind, s.cols[c].ID})
			}
		}
	}
	for _, kind := range []Kind{KindCard, KindPain} {
		for r := r0; r < r1; r++ {
			for c := c0; c < c1; c++ {
				for _, k := range s.rows[r].cells[c].items {
					if k.Kind == kind && s.itemRect(s.items[k]).Intersects(view) {
						keys = append(keys, k)
					}
				}
			}
		}
	}
	add(Key{Kind: KindLegend})
	return keys
}

// All lists every element of the map in drawing order, for drawing it whole.
func (s *Scene) All() []Key { return s.Visible(Rect{-1, -1, s.width + 2, s.height + 2}) }

// rowRange returns the lanes that overlap y0..y1.
func (s *Scene) rowRange(y0, y1 float32) (int, int) {
	r0 := sort.Search(len(s.rows), func(i int) bool { return s.rows[i].Y+s.rows[i].H > y0 })
	r1 := sort.Search(len(s.rows), func(i int) bool { return s.rows[i].Y >= y1 })
	return r0, max(r0, r1)
}

// colRange returns the stages that overlap x0..x1.
func (s *Scene) colRange(x0, x1 float32) (int, int) {
	c0 := max(0, int((x0-LabelWidth)/ColumnWidth))
	c1 := min(len(s.cols), int((x1-LabelWidth)/ColumnWidth)+1)
	if x1 < LabelWidth {
		c1 = 0
	}
	return min(c0, len(s.cols)), max(min(c0, len(s.cols)), c1)
}

// CellAt names the stage and visible lane under a point; ok is false outside the grid (the
// header, the lane labels, past the last stage or lane).
func (s *Scene) CellAt(p Point) (stage, lane string, ok bool) {
	if s.empty || p.X < LabelWidth || p.Y < HeaderHeight+StageHeight {
		return "", "", false
	}
	c := int((p.X - LabelWidth) / ColumnWidth)
	r0, r1 := s.rowRange(p.Y, p.Y+0.001)
	if c >= len(s.cols) || r0 >= r1 {
		return "", "", false
	}
	return s.cols[c].ID, s.rows[r0].Lane.ID, true
}

// ItemAt names the card or pain point under a point.
func (s *Scene) ItemAt(p Point) (Key, bool) {
	stage, lane, ok := s.CellAt(p)
	if !ok {
		return Key{}, false
	}
	for _, k := range s.rows[s.rowOf[lane]].cells[s.colOf[stage]].items {
		if s.itemRect(s.items[k]).Contains(p) {
			return k, true
		}
	}
	return Key{}, false
}

// Lines returns the wrapped lines of a card's text or a pain point's title.
func (s *Scene) Lines(k Key) []string {
	if it, ok := s.items[k]; ok {
		return it.lines
	}
	return nil
}
