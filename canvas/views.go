package canvas

import (
	"fmt"
	"image/color"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"journeymap/journey"
)

// cardView draws one card: a rounded box tinted by its lane's kind, with wrapped text.
type cardView struct {
	widget.BaseWidget
	card  journey.Card
	kind  journey.LaneKind
	lines []string
	zoom  float32
	pal   *palette
}

func newCardView(c journey.Card, kind journey.LaneKind, lines []string, zoom float32, pal *palette) *cardView {
	v := &cardView{card: c, kind: kind, lines: lines, zoom: zoom, pal: pal}
	v.ExtendBaseWidget(v)
	return v
}

func (v *cardView) CreateRenderer() fyne.WidgetRenderer {
	r := &cardRenderer{v: v, bg: canvas.NewRectangle(color.Transparent)}
	r.Refresh()
	return r
}

type cardRenderer struct {
	v     *cardView
	bg    *canvas.Rectangle
	texts []*canvas.Text
}

func (r *cardRenderer) Layout(size fyne.Size) {
	z := r.v.zoom
	r.bg.Resize(size)
	for i, t := range r.texts {
		t.TextSize = textSize * z
		t.Move(fyne.NewPos(cardPad*z, (cardPad+float32(i)*lineHeight)*z))
	}
}

func (r *cardRenderer) MinSize() fyne.Size { return fyne.Size{} }

func (r *cardRenderer) Refresh() {
	v, z := r.v, r.v.zoom
	fill := v.pal.CardFill[v.kind]
	if fill == nil {
		fill = v.pal.CardFill[journey.LaneCustom]
	}
	r.bg.FillColor, r.bg.StrokeColor = fill, v.pal.CardStroke
	r.bg.StrokeWidth, r.bg.CornerRadius = max(1, z), 6*z
	r.texts = setLines(r.texts, v.lines, v.pal.Text, fyne.TextStyle{})
	r.Layout(v.Size())
	r.bg.Refresh()
	for _, t := range r.texts {
		t.Refresh()
	}
}

func (r *cardRenderer) Objects() []fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, 0, 1+len(r.texts))
	objs = append(objs, r.bg)
	for _, t := range r.texts {
		objs = append(objs, t)
	}
	return objs
}

func (r *cardRenderer) Destroy() {}

// setLines makes texts hold lines, reusing the text objects it already has.
func setLines(texts []*canvas.Text, lines []string, c color.Color, style fyne.TextStyle) []*canvas.Text {
	for len(texts) < len(lines) {
		texts = append(texts, canvas.NewText("", c))
	}
	texts = texts[:len(lines)]
	for i, t := range texts {
		t.Text, t.Color, t.TextStyle = lines[i], c, style
	}
	return texts
}

// painView draws one pain point: a marker whose shape and colour tell known (circle) from
// unknown (diamond) with the severity inside it, the discovery in words, the title, and the
// owner's initials — or a red UNASSIGNED tag and border when nobody owns it.
type painView struct {
	widget.BaseWidget
	pain  journey.PainPoint
	owner string // initials, "" when unassigned
	lines []string
	zoom  float32
	pal   *palette
}

func newPainView(p journey.PainPoint, owner string, lines []string, zoom float32, pal *palette) *painView {
	v := &painView{pain: p, owner: owner, lines: lines, zoom: zoom, pal: pal}
	v.ExtendBaseWidget(v)
	return v
}

func (v *painView) CreateRenderer() fyne.WidgetRenderer {
	r := &painRenderer{v: v,
		bg:        canvas.NewRectangle(color.Transparent),
		circle:    canvas.NewCircle(color.Transparent),
		diamond:   canvas.NewPolygon(4, color.Transparent),
		severity:  canvas.NewText("", color.Black),
		discovery: canvas.NewText("", color.Black),
		pill:      canvas.NewRectangle(color.Transparent),
		ownerText: canvas.NewText("", color.Black),
		meta:      canvas.NewText("", color.Black),
	}
	r.severity.TextStyle.Bold = true
	r.discovery.TextStyle.Bold = true
	r.ownerText.TextStyle.Bold = true
	r.Refresh()
	return r
}

type painRenderer struct {
	v                         *painView
	bg, pill                  *canvas.Rectangle
	circle                    *canvas.Circle
	diamond                   *canvas.Polygon
	severity, discovery, meta *canvas.Text
	ownerText                 *canvas.Text
	titles                    []*canvas.Text
}

func (r *painRenderer) Layout(size fyne.Size) {
	z := r.v.zoom
	r.bg.Resize(size)
	marker := fyne.NewSquareSize(markerSize * z)
	at := fyne.NewPos(cardPad*z, cardPad*z)
	r.circle.Move(at)
	r.circle.Resize(marker)
	// A four-sided polygon stands on its point; grow its box so that it looks as large as the
	// circle, whose area it would otherwise fall short of.
	grow := markerSize * z * 0.2
	r.diamond.Move(at.SubtractXY(grow/2, grow/2))
	r.diamond.Resize(marker.AddWidthHeight(grow, grow))
	r.severity.TextSize = 14 * z
	sev := r.severity.MinSize()
	r.severity.Move(at.Add(fyne.NewPos((marker.Width-sev.Width)/2, (marker.Height-sev.Height)/2)))
	r.discovery.TextSize = 11 * z
	r.discovery.Move(fyne.NewPos((cardPad+markerSize+8)*z, (cardPad+markerSize/2)*z-r.discovery.MinSize().Height/2))
	for i, t := range r.titles {
		t.TextSize = textSize * z
		t.Move(fyne.NewPos(cardPad*z, (cardPad+painTopRow+float32(i)*lineHeight)*z))
	}
	bottom := size.Height - (cardPad+painBottomRow-2)*z
	r.ownerText.TextSize = 11 * z
	ow := r.ownerText.MinSize()
	r.pill.Move(fyne.NewPos(cardPad*z, bottom))
	r.pill.Resize(fyne.NewSize(ow.Width+12*z, 20*z))
	r.ownerText.Move(fyne.NewPos(cardPad*z+6*z, bottom+(20*z-ow.Height)/2))
	r.meta.TextSize = 11 * z
	mw := r.meta.MinSize()
	r.meta.Move(fyne.NewPos(size.Width-cardPad*z-mw.Width, bottom+(20*z-mw.Height)/2))
}

func (r *painRenderer) MinSize() fyne.Size { return fyne.Size{} }

func (r *painRenderer) Refresh() {
	v, p, pal, z := r.v, r.v.pain, r.v.pal, r.v.zoom
	mark := pal.Known
	if p.Discovery == journey.Unknown {
		mark = pal.Unknown
	}
	r.bg.FillColor, r.bg.CornerRadius = pal.PainFill, 6*z
	r.bg.StrokeColor, r.bg.StrokeWidth = mark, 2*z
	r.circle.FillColor = mark
	r.diamond.FillColor = mark
	if p.Discovery == journey.Unknown {
		r.circle.Hide()
		r.diamond.Show()
	} else {
		r.diamond.Hide()
		r.circle.Show()
	}
	r.severity.Text, r.severity.Color = fmt.Sprint(p.Severity), pal.OnMarker
	r.discovery.Text, r.discovery.Color = discoveryWords(p), mark
	r.titles = setLines(r.titles, v.lines, pal.Text, fyne.TextStyle{Bold: true})
	if v.owner == "" {
		r.bg.StrokeColor, r.bg.StrokeWidth = pal.Unassigned, 3*z
		r.pill.FillColor, r.ownerText.Text, r.ownerText.Color = pal.Unassigned, "UNASSIGNED", pal.OnMarker
	} else {
		r.pill.FillColor, r.ownerText.Text, r.ownerText.Color = pal.Pill, v.owner, pal.Text
	}
	r.pill.CornerRadius = 10 * z
	r.meta.Text, r.meta.Color = fmt.Sprintf("%s · %d pt", p.Status, p.Effort), pal.Muted
	r.Layout(v.Size())
	for _, o := range r.Objects() {
		o.Refresh()
	}
}

func (r *painRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.bg, r.circle, r.diamond, r.severity, r.discovery, r.pill, r.ownerText, r.meta}
	for _, t := range r.titles {
		objs = append(objs, t)
	}
	return objs
}

func (r *painRenderer) Destroy() {}

// discoveryWords says in words what the marker says in shape and colour.
func discoveryWords(p journey.PainPoint) string {
	if p.Discovery == journey.Unknown {
		return "UNKNOWN · " + string(p.Method)
	}
	if p.Reports > 0 {
		return fmt.Sprintf("KNOWN · %s ×%d", p.Source, p.Reports)
	}
	return "KNOWN · " + string(p.Source)
}

// initials turns "Ana Ruiz" into "AR"; a one-word name gives its first two letters.
func initials(name string) string {
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
