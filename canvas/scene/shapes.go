package scene

import (
	"fmt"
	"image/color"
	"strings"
	"unicode"

	"journeymap/journey"
)

// ShapeKind is the kind of a drawing primitive.
type ShapeKind uint8

// The primitives a scene is drawn with.
const (
	ShapeRect    ShapeKind = iota // a rectangle, optionally rounded and outlined
	ShapeLine                     // from (X, Y) to (X+W, Y+H)
	ShapeCircle                   // the circle filling its box
	ShapeDiamond                  // a square standing on a corner, filling its box
	ShapeText                     // one line of text whose line box has its top left at (X, Y)
)

// Shape is one drawing primitive at 100 %. A back end scales it by its zoom.
type Shape struct {
	Kind        ShapeKind
	X, Y, W, H  float32
	Fill        color.NRGBA // the colour of a filled shape, or of text
	Stroke      color.NRGBA // the outline's or the line's colour
	StrokeWidth float32
	Radius      float32 // of a rectangle's corners
	Text        string
	Size        float32 // of text
	Style       Style
}

// SmallestText is the size of the smallest text a scene draws: a view that must keep every
// letter at least so large zooms by what it needs over this.
const SmallestText = 11

// Shapes appends the primitives that draw an element to dst, in drawing order.
func (s *Scene) Shapes(k Key, dst []Shape) []Shape {
	p := s.pal
	switch k.Kind {
	case KindEmpty:
		return s.text(dst, 24, 24, "No journey yet: add one to start mapping.", 16, Regular, p.Muted)
	case KindHeader:
		if s.opts.HideTitle {
			return append(dst, Shape{Kind: ShapeRect, X: 0, Y: HeaderHeight, W: s.width, H: StageHeight, Fill: p.Header})
		}
		dst = s.text(dst, 24, 18, s.info.Title, 26, Bold, p.Text)
		dst = s.text(dst, 24, 56, labelled("Persona", s.info.Persona), 14, Regular, p.Muted)
		dst = s.text(dst, 24, 80, labelled("Vision", quoted(s.info.Vision)), 14, Italic, p.Text)
		return append(dst, Shape{Kind: ShapeRect, X: 0, Y: HeaderHeight, W: s.width, H: StageHeight, Fill: p.Header})
	case KindLane:
		return s.laneShapes(k, dst)
	case KindGrid:
		return s.gridShapes(dst)
	case KindStage:
		c, ok := s.colOf[k.ID]
		if !ok {
			return dst
		}
		return s.text(dst, s.cols[c].X+cellPad+4, HeaderHeight+14, s.cols[c].Name, 16, Bold, s.spot(c, p.Text))
	case KindCurve:
		return s.curveShapes(k, dst)
	case KindEmotion:
		return s.emotionShapes(k, dst)
	case KindCard:
		if it, ok := s.items[k]; ok {
			return s.cardShapes(it, dst)
		}
	case KindPain:
		if it, ok := s.items[k]; ok {
			return s.painShapes(it, dst)
		}
	case KindLegend:
		return s.legendShapes(dst)
	}
	return dst
}

func (s *Scene) text(dst []Shape, x, y float32, text string, size float32, style Style, c color.NRGBA) []Shape {
	if text == "" {
		return dst
	}
	return append(dst, Shape{Kind: ShapeText, X: x, Y: y, W: s.fonts.Width(text, size, style), H: s.fonts.LineHeight(size, style),
		Text: text, Size: size, Style: style, Fill: c})
}

func line(x1, y1, x2, y2, width float32, c color.NRGBA) Shape {
	return Shape{Kind: ShapeLine, X: x1, Y: y1, W: x2 - x1, H: y2 - y1, Stroke: c, StrokeWidth: width}
}

// spot dims a colour of stage column c when another stage is in the spotlight.
func (s *Scene) spot(c int, col color.NRGBA) color.NRGBA {
	if s.opts.Spotlight != "" && s.cols[c].ID != s.opts.Spotlight {
		return s.pal.dim(col)
	}
	return col
}

func (s *Scene) laneShapes(k Key, dst []Shape) []Shape {
	r, ok := s.rowOf[k.ID]
	if !ok {
		return dst
	}
	p, rw := s.pal, s.rows[r]
	stripe := p.Background
	if r%2 == 1 {
		stripe = p.Stripe
	}
	dst = append(dst, Shape{Kind: ShapeRect, X: 0, Y: rw.Y, W: s.width, H: rw.H, Fill: stripe},
		line(0, rw.Y, s.width, rw.Y, 1, p.Grid))
	dst = s.text(dst, 16, rw.Y+14, rw.Lane.Name, 14, Bold, p.Text)
	dst = kindIcon(dst, rw.Lane.Kind, Rect{16, rw.Y + 36, 12, 12}, p.Muted)
	return s.text(dst, 33, rw.Y+34, LaneKindWords[rw.Lane.Kind], 11, Regular, p.Muted)
}

// kindIcon draws a small sign of a lane's kind in the box, from lines and shapes alone, so
// that it looks the same on screen and on paper: an arrow for actions, a target for
// touchpoints, a speech bubble for thoughts, a wave for emotion, a warning diamond for pain
// points, a plus for opportunities, a box for backstage, a dot for custom lanes.
func kindIcon(dst []Shape, kind journey.LaneKind, b Rect, c color.NRGBA) []Shape {
	x, y, w, h := b.X, b.Y, b.W, b.H
	cx, cy := x+w/2, y+h/2
	const sw = 1.5
	switch kind {
	case journey.LaneActions:
		return append(dst, line(x, cy, x+w, cy, sw, c), line(x+w-4, cy-4, x+w, cy, sw, c), line(x+w-4, cy+4, x+w, cy, sw, c))
	case journey.LaneTouchpoints:
		return append(dst, Shape{Kind: ShapeCircle, X: x, Y: y, W: w, H: h, Stroke: c, StrokeWidth: sw},
			Shape{Kind: ShapeCircle, X: cx - 2, Y: cy - 2, W: 4, H: 4, Fill: c})
	case journey.LaneThoughts:
		return append(dst, Shape{Kind: ShapeRect, X: x, Y: y + 1, W: w, H: h - 4, Stroke: c, StrokeWidth: sw, Radius: 3},
			line(x+3, y+h-3, x+2, y+h, sw, c))
	case journey.LaneEmotion:
		return append(dst, line(x, cy+2, x+w/4, cy-3, sw, c), line(x+w/4, cy-3, x+w/2, cy+2, sw, c),
			line(x+w/2, cy+2, x+3*w/4, cy-3, sw, c), line(x+3*w/4, cy-3, x+w, cy+2, sw, c))
	case journey.LanePain:
		return append(dst, Shape{Kind: ShapeDiamond, X: x - 1, Y: y - 1, W: w + 2, H: h + 2, Fill: c})
	case journey.LaneOpportunities:
		return append(dst, line(cx, y, cx, y+h, 2, c), line(x, cy, x+w, cy, 2, c))
	case journey.LaneBackstage:
		return append(dst, Shape{Kind: ShapeRect, X: x, Y: y + 1, W: w, H: h - 2, Stroke: c, StrokeWidth: sw, Radius: 1},
			line(x, y+5, x+w, y+5, sw, c))
	}
	return append(dst, Shape{Kind: ShapeCircle, X: cx - 3, Y: cy - 3, W: 6, H: 6, Fill: c})
}

// LaneKindWords says what each kind of lane holds, as the map labels it.
var LaneKindWords = map[journey.LaneKind]string{
	journey.LaneActions: "actions", journey.LaneTouchpoints: "touchpoints", journey.LaneThoughts: "thoughts",
	journey.LaneEmotion: "emotion", journey.LanePain: "pain points", journey.LaneOpportunities: "opportunities",
	journey.LaneBackstage: "backstage", journey.LaneCustom: "custom",
}

func (s *Scene) gridShapes(dst []Shape) []Shape {
	p := s.pal
	dst = append(dst, line(0, s.mapHeight, s.width, s.mapHeight, 1, p.Grid))
	for i := range len(s.cols) + 1 {
		x := float32(LabelWidth + i*ColumnWidth)
		dst = append(dst, line(x, HeaderHeight, x, s.mapHeight, 1, p.Grid))
	}
	if s.emoRow >= 0 {
		mid := s.rows[s.emoRow].Y + EmotionHeight/2
		dst = append(dst, line(LabelWidth, mid, s.width, mid, 1, p.ZeroLine))
	}
	return dst
}

// curveSamples is how many straight pieces draw the curve between two stages: enough to
// look smooth at 400 % and on a poster.
const curveSamples = 12

// emotionPoint is where stage c's score sits in the emotion lane: +2 near the top, -2 near the
// bottom, 0 on the zero line. ok is false when the stage has no score.
func (s *Scene) emotionPoint(c int) (Point, int, bool) {
	if c < 0 || c >= len(s.cols) {
		return Point{}, 0, false
	}
	for _, e := range s.emotions {
		if e.Stage == s.cols[c].ID {
			mid := s.rows[s.emoRow].Y + EmotionHeight/2
			const reach = EmotionHeight/2 - 24
			return Point{s.cols[c].X + ColumnWidth/2, mid - float32(e.Score)/2*reach}, e.Score, true
		}
	}
	return Point{}, 0, false
}

// pointOf is the column of the stage a curve or emotion element is keyed by, its emotion
// point and score, and whether it has one.
func (s *Scene) pointOf(k Key) (c int, at Point, score int, ok bool) {
	c, ok = s.colOf[k.ID]
	if !ok || s.emoRow < 0 {
		return 0, Point{}, 0, false
	}
	at, score, ok = s.emotionPoint(c)
	return c, at, score, ok
}

// curveShapes is the piece of the emotion curve from a stage's point to the next stage's:
// Catmull-Rom through the neighbours, so that it is smooth and still passes exactly through
// every score; a stage with no score breaks it.
func (s *Scene) curveShapes(k Key, dst []Shape) []Shape {
	c, p1, _, ok := s.pointOf(k)
	if !ok {
		return dst
	}
	p := s.pal
	if p2, _, has2 := s.emotionPoint(c + 1); has2 {
		p0, p3 := p1, p2
		if q, _, ok := s.emotionPoint(c - 1); ok {
			p0 = q
		}
		if q, _, ok := s.emotionPoint(c + 2); ok {
			p3 = q
		}
		prev := p1
		for i := 1; i <= curveSamples; i++ {
			next := catmullRom(p0, p1, p2, p3, float32(i)/curveSamples)
			dst = append(dst, line(prev.X, prev.Y, next.X, next.Y, 3, s.spot(c, p.Curve)))
			prev = next
		}
	}
	return dst
}

// emotionShapes is a stage's emotion point: a face coloured by the score, the score on it.
func (s *Scene) emotionShapes(k Key, dst []Shape) []Shape {
	c, p1, score, ok := s.pointOf(k)
	if !ok {
		return dst
	}
	p := s.pal
	const face = 30
	dst = append(dst, Shape{Kind: ShapeCircle, X: p1.X - face/2, Y: p1.Y - face/2, W: face, H: face,
		Fill: s.spot(c, p.Emotion[score+2]), Stroke: p.Background, StrokeWidth: 2})
	return s.centred(dst, p1, ScoreText(score), 13, Bold, p.OnMarker)
}

// centred adds a text centred on a point.
func (s *Scene) centred(dst []Shape, at Point, text string, size float32, style Style, c color.NRGBA) []Shape {
	w, h := s.fonts.Width(text, size, style), s.fonts.LineHeight(size, style)
	return s.text(dst, at.X-w/2, at.Y-h/2, text, size, style, c)
}

func catmullRom(p0, p1, p2, p3 Point, t float32) Point {
	t2, t3 := t*t, t*t*t
	f := func(a, b, c, d float32) float32 {
		return 0.5 * (2*b + (-a+c)*t + (2*a-5*b+4*c-d)*t2 + (-a+3*b-3*c+d)*t3)
	}
	return Point{f(p0.X, p1.X, p2.X, p3.X), f(p0.Y, p1.Y, p2.Y, p3.Y)}
}

// dimmed reports whether an item is left aside by the spotlight or the filter.
func (s *Scene) dimmed(it *item) bool {
	return (s.opts.Spotlight != "" && s.cols[it.col].ID != s.opts.Spotlight) || (s.opts.Match != nil && !s.opts.Match(it.key))
}

func (s *Scene) cardShapes(it *item, dst []Shape) []Shape {
	p, b := s.pal, s.itemRect(it)
	fill, ok := p.CardFill[s.rows[it.row].Lane.Kind]
	if !ok {
		fill = p.CardFill[journey.LaneCustom]
	}
	text, stroke := p.Text, p.CardStroke
	if s.dimmed(it) {
		fill, text, stroke = p.dim(fill), p.dim(text), p.dim(stroke)
	}
	dst = append(dst, Shape{Kind: ShapeRect, X: b.X, Y: b.Y, W: b.W, H: b.H, Fill: fill, Stroke: stroke, StrokeWidth: 1, Radius: 6})
	if tag, ok := p.Tags[it.card.Color]; ok {
		dst = append(dst, Shape{Kind: ShapeRect, X: b.X + 1.5, Y: b.Y + 5, W: 4, H: b.H - 10, Fill: tag, Radius: 2})
	}
	for i, l := range it.lines {
		dst = s.text(dst, b.X+cardPad, b.Y+cardPad+float32(i)*lineHeight, l, TextSize, Regular, text)
	}
	return dst
}

// painShapes draws a pain point: a marker whose shape and colour tell known (circle) from
// unknown (diamond) with the severity inside it, the discovery in words, the title, and the
// owner's initials — or a red UNASSIGNED tag and border when nobody owns it.
func (s *Scene) painShapes(it *item, dst []Shape) []Shape {
	p, b, pp := s.pal, s.itemRect(it), it.pain
	mark := p.Known
	if pp.Discovery == journey.Unknown {
		mark = p.Unknown
	}
	fill, text, muted, pill, onMarker, unassigned := p.PainFill, p.Text, p.Muted, p.Pill, p.OnMarker, p.Unassigned
	if s.dimmed(it) {
		mark, fill, text, muted, pill, unassigned = p.dim(mark), p.dim(fill), p.dim(text), p.dim(muted), p.dim(pill), p.dim(unassigned)
	}
	border, width := mark, float32(2)
	if it.owner == "" {
		border, width = unassigned, 3
	}
	dst = append(dst, Shape{Kind: ShapeRect, X: b.X, Y: b.Y, W: b.W, H: b.H, Fill: fill, Stroke: border, StrokeWidth: width, Radius: 6})
	at := Point{b.X + cardPad, b.Y + cardPad}
	if pp.Discovery == journey.Unknown {
		// A square on its corner looks smaller than a circle of the same box: grow it a fifth.
		const grow = markerSize * 0.2
		dst = append(dst, Shape{Kind: ShapeDiamond, X: at.X - grow/2, Y: at.Y - grow/2, W: markerSize + grow, H: markerSize + grow, Fill: mark})
	} else {
		dst = append(dst, Shape{Kind: ShapeCircle, X: at.X, Y: at.Y, W: markerSize, H: markerSize, Fill: mark})
	}
	dst = s.centred(dst, Point{at.X + markerSize/2, at.Y + markerSize/2}, fmt.Sprint(pp.Severity), 14, Bold, onMarker)
	words := DiscoveryWords(pp)
	dst = s.text(dst, b.X+cardPad+markerSize+8, b.Y+cardPad+markerSize/2-s.fonts.LineHeight(11, Bold)/2, words, 11, Bold, mark)
	bottom := b.Y + b.H - (cardPad + painBottomRow - 2)
	owner, ownerColor, pillColor := it.owner, text, pill
	if owner == "" {
		owner, ownerColor, pillColor = "UNASSIGNED", onMarker, unassigned
	}
	ow, oh := s.fonts.Width(owner, 11, Bold), s.fonts.LineHeight(11, Bold)
	dst = append(dst, Shape{Kind: ShapeRect, X: b.X + cardPad, Y: bottom, W: ow + 12, H: 20, Fill: pillColor, Radius: 10})
	dst = s.text(dst, b.X+cardPad+6, bottom+(20-oh)/2, owner, 11, Bold, ownerColor)
	meta := fmt.Sprintf("%s · %d pt", pp.Status, pp.Effort)
	mw, mh := s.fonts.Width(meta, 11, Regular), s.fonts.LineHeight(11, Regular)
	dst = s.text(dst, b.X+b.W-cardPad-mw, bottom+(20-mh)/2, meta, 11, Regular, muted)
	for i, l := range it.lines {
		dst = s.text(dst, b.X+cardPad, b.Y+cardPad+painTopRow+float32(i)*lineHeight, l, TextSize, Bold, text)
	}
	return dst
}

// The legend explains every mark in words, in the header's top right corner.
const (
	legendWidth = 400
	legendRow   = 20
)

var legendRows = []string{
	"Known pain point: customers already report it",
	"Unknown pain point: staff dug it up first",
	"Red border: nobody owns it yet",
	"Number in the marker: severity 1–5 · “3 pt”: effort",
}

// legendBounds is where the legend goes: in the header's top right corner, or under the map
// when the title leaves no room for it there.
func (s *Scene) legendBounds() Rect {
	b, _ := s.legendPlace()
	return b
}

// legendPlace is where the legend goes, as legendBounds says, and whether that is under the map.
func (s *Scene) legendPlace() (b Rect, below bool) {
	h := float32(len(legendRows)) * legendRow
	if x := s.width - legendWidth - 16; x >= 24+s.titleWidth()+32 {
		return Rect{x, 10, legendWidth, h}, false
	}
	return Rect{24, s.mapHeight + ownerKeyGap, legendWidth, h}, true
}

// titleWidth is how wide the header's title, persona and vision are drawn.
func (s *Scene) titleWidth() float32 {
	return max(s.fonts.Width(s.info.Title, 26, Bold), s.fonts.Width(labelled("Persona", s.info.Persona), 14, Regular),
		s.fonts.Width(labelled("Vision", quoted(s.info.Vision)), 14, Italic))
}

func (s *Scene) legendShapes(dst []Shape) []Shape {
	p, b := s.pal, s.legendBounds()
	const m = 14
	for i, words := range legendRows {
		y := b.Y + float32(i)*legendRow
		mx, my := b.X, y+(legendRow-m)/2
		switch i {
		case 0:
			dst = append(dst, Shape{Kind: ShapeCircle, X: mx, Y: my, W: m, H: m, Fill: p.Known})
		case 1:
			dst = append(dst, Shape{Kind: ShapeDiamond, X: mx - 1.5, Y: my - 1.5, W: m + 3, H: m + 3, Fill: p.Unknown})
		case 2:
			dst = append(dst, Shape{Kind: ShapeRect, X: mx, Y: my, W: m, H: m, Fill: p.PainFill, Stroke: p.Unassigned, StrokeWidth: 2.5, Radius: 3})
		case 3:
			dst = append(dst, Shape{Kind: ShapeCircle, X: mx, Y: my, W: m, H: m, Fill: p.Muted})
			dst = s.centred(dst, Point{mx + m/2, my + m/2}, "3", 11, Bold, p.OnMarker)
		}
		dst = s.text(dst, b.X+m+8, y+(legendRow-s.fonts.LineHeight(12, Regular))/2, words, 12, Regular, p.Text)
	}
	return s.ownerKeyShapes(dst)
}

// ownerKeyWidth is the width of one column of the owners' key.
const ownerKeyWidth = 190

// OwnerKey is who the initials on the journey's pain points stand for: each owner's
// initials and name, in the members' order.
func (s *Scene) OwnerKey() [][2]string {
	if s.ws == nil {
		return nil
	}
	owns := map[string]bool{}
	for k, it := range s.items {
		if k.Kind == KindPain && it.pain.Owner != "" {
			owns[it.pain.Owner] = true
		}
	}
	var key [][2]string
	for _, m := range s.ws.Members {
		if owns[m.ID] {
			key = append(key, [2]string{Initials(m.Name), m.Name})
		}
	}
	return key
}

// ownerKeyPlace is where the owners' key of n owners goes: in columns left of the legend
// when the room the title leaves holds them all, else in rows under the map, headed.
func (s *Scene) ownerKeyPlace(n int) (x0, y0 float32, cols, rows int, below bool) {
	b, legendBelow := s.legendPlace()
	rows = len(legendRows)
	if cols = (n + rows - 1) / rows; !legendBelow && float32(cols)*ownerKeyWidth <= b.X-24-s.titleWidth()-32 {
		return b.X - 24 - float32(cols)*ownerKeyWidth, b.Y, cols, rows, false
	}
	y0 = s.mapHeight + ownerKeyGap + legendRow
	if legendBelow {
		y0 = b.Y + b.H + ownerKeyGap + legendRow
	}
	cols = max(1, int((s.width-48)/ownerKeyWidth))
	return 24, y0, cols, (n + cols - 1) / cols, true
}

// ownerKeyGap is the space between the map and a key under it.
const ownerKeyGap = 16

// footerHeight is the height the legend and the owners' key add under the map when the header
// has no room for them, 0 when it has or the scene draws no legend.
func (s *Scene) footerHeight() float32 {
	if !s.opts.Legend {
		return 0
	}
	var h float32
	if b, below := s.legendPlace(); below {
		h = b.Y + b.H - s.mapHeight
	}
	if n := len(s.OwnerKey()); n > 0 {
		if _, y0, _, rows, below := s.ownerKeyPlace(n); below {
			h = y0 + float32(rows)*legendRow - s.mapHeight
		}
	}
	if h > 0 {
		h += ownerKeyGap
	}
	return h
}

// ownerKeyShapes draws the owners' key: a chip with the initials, as the pain points show
// them, and the name.
func (s *Scene) ownerKeyShapes(dst []Shape) []Shape {
	key := s.OwnerKey()
	if len(key) == 0 {
		return dst
	}
	p := s.pal
	x0, y0, _, rows, below := s.ownerKeyPlace(len(key))
	lineY := func(y float32) float32 { return y + (legendRow-s.fonts.LineHeight(12, Regular))/2 }
	if below {
		dst = s.text(dst, x0, lineY(y0-legendRow), "Owners", 12, Bold, p.Text)
	}
	for i, owner := range key {
		x, y := x0+float32(i/rows)*ownerKeyWidth, y0+float32(i%rows)*legendRow
		const chip = 26
		dst = append(dst, Shape{Kind: ShapeRect, X: x, Y: y + 2, W: chip, H: legendRow - 4, Fill: p.Pill, Radius: 8})
		dst = s.centred(dst, Point{x + chip/2, y + legendRow/2}, owner[0], 10, Bold, p.Text)
		dst = s.text(dst, x+chip+6, lineY(y), clipTo(s.fonts, owner[1], ownerKeyWidth-chip-12, 12), 12, Regular, p.Text)
	}
	return dst
}

// clipTo shortens a text with an ellipsis to fit a width.
func clipTo(f *Fonts, text string, width, size float32) string {
	if f.Width(text, size, Regular) <= width {
		return text
	}
	r := []rune(text)
	for len(r) > 1 && f.Width(string(r)+"…", size, Regular) > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// ScoreText writes an emotion score with its sign. Below zero it takes an en dash, which
// reads as a minus and, unlike U+2212, is in the map's font: the true minus sign would be
// drawn from whatever font the system has, or as a missing-glyph box where it has none.
func ScoreText(score int) string {
	switch {
	case score > 0:
		return fmt.Sprintf("+%d", score)
	case score < 0:
		return fmt.Sprintf("–%d", -score)
	}
	return "0"
}

// DiscoveryWords says in words what a pain point's marker says in shape and colour.
func DiscoveryWords(p journey.PainPoint) string {
	if p.Discovery == journey.Unknown {
		return "UNKNOWN · " + string(p.Method)
	}
	if p.Reports > 0 {
		return fmt.Sprintf("KNOWN · %s ×%d", p.Source, p.Reports)
	}
	return "KNOWN · " + string(p.Source)
}

// Initials turns "Ana Ruiz" into "AR"; a one-word name gives its first two letters.
func Initials(name string) string {
	words := strings.Fields(name)
	var b []rune
	for _, w := range words {
		if r := []rune(w); unicode.IsLetter(r[0]) {
			b = append(b, unicode.ToUpper(r[0]))
		}
	}
	if len(words) == 1 {
		r := []rune(words[0])
		b = []rune(strings.ToUpper(string(r[:min(2, len(r))])))
	}
	if len(b) > 3 {
		b = append(b[:1], b[len(b)-1])
	}
	return string(b)
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
