package panels

import (
	"fmt"
	"image/color"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"journeymap/canvas/mapview"
	"journeymap/canvas/scene"
	"journeymap/journey"
	"journeymap/storage/document"
)

// discoveryWeeks is how many weeks the discovery view's chart shows: a quarter, long enough
// to see a trend, short enough for bars a person can count.
const discoveryWeeks = 12

// DiscoveryPanel shows beside the map how the journey's pain points came to light: known and
// unknown in the journey and at each stage, the discovery rate, each member's digging credit,
// and a chart of unknown pain points found per week. It follows the journey on show.
type DiscoveryPanel struct {
	sidePanel

	// Now is the clock the weeks end by.
	Now func() time.Time
	// JourneyID is the journey the panel is of: the one on the map.
	JourneyID func() string

	doc     *document.Document
	heading *widget.Label
	rate    *widget.Label
	key     *fyne.Container
	stages  *fyne.Container
	diggers *fyne.Container
	chart   *weeksChart
	weeks   *widget.Label
}

// NewDiscoveryPanel makes the panel, hidden until Toggle shows it.
func NewDiscoveryPanel(doc *document.Document) *DiscoveryPanel {
	p := &DiscoveryPanel{doc: doc, Now: time.Now, JourneyID: func() string { return "" }}
	p.OnShowHide, p.fill = func() {}, p.draw
	p.ExtendBaseWidget(p)
	p.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.heading.Wrapping = fyne.TextWrapWord
	p.rate = wrapped()
	p.key = container.NewHBox()
	p.stages = container.NewVBox()
	p.diggers = container.New(layout.NewFormLayout())
	p.chart = newWeeksChart()
	p.weeks = wrapped()
	p.Hide()
	return p
}

// CreateRenderer implements fyne.Widget.
func (p *DiscoveryPanel) CreateRenderer() fyne.WidgetRenderer {
	return p.render(
		p.heading, p.rate,
		widget.NewSeparator(),
		sectionHeading("By stage"), p.key, p.stages,
		widget.NewSeparator(),
		sectionHeading("Digging credit: unknown pain points found"), p.diggers,
		widget.NewSeparator(),
		sectionHeading("Unknown pain points found per week"), p.chart, p.weeks,
	)
}

// Changed follows a change of the document while the panel is shown.
func (p *DiscoveryPanel) Changed(document.Change) {
	if p.Visible() {
		p.Refresh()
	}
}

// Refresh works the figures out afresh for the journey on show and draws them.
func (p *DiscoveryPanel) Refresh() {
	if p.Visible() {
		p.draw()
	}
	p.BaseWidget.Refresh()
}

func (p *DiscoveryPanel) draw() {
	w := p.doc.Workspace()
	v := w.Discovery(p.JourneyID(), p.Now(), discoveryWeeks)
	if v == nil {
		p.heading.SetText("Discovery")
		p.rate.SetText("Pick a journey to see how its pain points came to light.")
		p.stages.Objects, p.diggers.Objects = nil, nil
		p.chart.SetWeeks(nil)
		p.weeks.SetText("")
		p.relayout()
		return
	}
	j := w.Journey(p.JourneyID())
	p.heading.SetText(fmt.Sprintf("Discovery in %q", j.Title))
	p.rate.SetText(fmt.Sprintf("Discovery rate %.0f %%: %d of %s dug up by the team before customers reported them; %d known. Whole task force: %.0f %% (%d of %d).",
		100*v.Journey.Rate(), v.Journey.Unknown, journey.Plural(v.Journey.All(), "pain point"), v.Journey.Known,
		100*v.TaskForce.Rate(), v.TaskForce.Unknown, v.TaskForce.All()))
	p.key.Objects = discoveryKey()
	p.key.Refresh()
	most := 1
	for _, s := range v.Stages {
		most = max(most, s.All())
	}
	rows := make([]fyne.CanvasObject, 0, len(v.Stages))
	for _, s := range v.Stages {
		said := fmt.Sprintf("%s: %d known, %d unknown", s.Stage.Name, s.Known, s.Unknown)
		if s.All() > 0 {
			said += fmt.Sprintf(" (%.0f %%)", 100*s.Rate())
		}
		label := widget.NewLabel(said)
		label.Truncation = fyne.TextTruncateEllipsis
		rows = append(rows, container.NewVBox(label, newDiscoveryBar(s.Known, s.Unknown, most)))
	}
	p.stages.Objects = rows
	p.stages.Refresh()
	var credit []fyne.CanvasObject
	for _, d := range v.Diggers {
		name := widget.NewLabel(d.Member.Name)
		credit = append(credit, name, widget.NewLabel(fmt.Sprintf("◆ %d here, %d in all journeys", d.InJourney, d.InAll)))
	}
	if len(credit) == 0 {
		credit = append(credit, widget.NewLabel(""), widget.NewLabel("No members yet."))
	}
	p.diggers.Objects = credit
	p.diggers.Refresh()
	p.chart.SetWeeks(v.Weeks)
	p.weeks.SetText(v.WeeksSaid())
	p.relayout()
}

// discoveryKey says which colour of the bars is which, in the map's colours of the theme in
// force.
func discoveryKey() []fyne.CanvasObject {
	pal := scene.PaletteNamed(mapview.ThemePalette())
	swatch := func(c color.Color) fyne.CanvasObject {
		return container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(12), canvas.NewRectangle(c)))
	}
	return []fyne.CanvasObject{swatch(pal.Known), widget.NewLabel("known"), swatch(pal.Unknown), widget.NewLabel("unknown")}
}

// newDiscoveryBar draws a stage's pain points as a bar, known then unknown, its length their
// number against the stage with most.
func newDiscoveryBar(known, unknown, most int) fyne.CanvasObject {
	pal := scene.PaletteNamed(mapview.ThemePalette())
	track := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	return container.New(&discoveryBarLayout{known: known, unknown: unknown, most: most},
		track, canvas.NewRectangle(pal.Known), canvas.NewRectangle(pal.Unknown))
}

// discoveryBarLayout places a stage bar's track, known part and unknown part.
type discoveryBarLayout struct{ known, unknown, most int }

func (l *discoveryBarLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	unit := size.Width / float32(l.most)
	objs[0].Resize(size)
	objs[1].Resize(fyne.NewSize(unit*float32(l.known), size.Height))
	objs[2].Move(fyne.NewPos(unit*float32(l.known), 0))
	objs[2].Resize(fyne.NewSize(unit*float32(l.unknown), size.Height))
}

func (l *discoveryBarLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(40, 10) }

// weeksChart draws a count per week as bars: the count above each bar that has one, and the
// date of the week's Monday under every third bar, counted back from this week's.
type weeksChart struct {
	widget.BaseWidget
	weeks []journey.WeekFound
}

func newWeeksChart() *weeksChart {
	c := &weeksChart{}
	c.ExtendBaseWidget(c)
	return c
}

// SetWeeks draws these weeks.
func (c *weeksChart) SetWeeks(weeks []journey.WeekFound) {
	c.weeks = weeks
	c.Refresh()
}

func (c *weeksChart) CreateRenderer() fyne.WidgetRenderer {
	r := &weeksChartRenderer{c: c, axis: canvas.NewRectangle(color.Transparent)}
	r.Refresh()
	return r
}

// chartHeight is the height of the bars' area, and chartText the size of its labels.
const (
	chartHeight = 120
	chartText   = 12
)

type weeksChartRenderer struct {
	c      *weeksChart
	axis   *canvas.Rectangle
	bars   []*canvas.Rectangle
	counts []*canvas.Text
	dates  []*canvas.Text
	objs   []fyne.CanvasObject
}

// Refresh makes one bar, count and date per week, reusing those there are, in the colours of
// the theme in force.
func (r *weeksChartRenderer) Refresh() {
	n := len(r.c.weeks)
	for len(r.bars) < n {
		r.bars = append(r.bars, canvas.NewRectangle(color.Transparent))
		r.counts = append(r.counts, canvas.NewText("", color.Transparent))
		r.dates = append(r.dates, canvas.NewText("", color.Transparent))
	}
	r.bars, r.counts, r.dates = r.bars[:n], r.counts[:n], r.dates[:n]
	bar := scene.PaletteNamed(mapview.ThemePalette()).Unknown
	fg, muted := theme.Color(theme.ColorNameForeground), theme.Color(theme.ColorNamePlaceHolder)
	r.axis.FillColor = muted
	r.objs = append(r.objs[:0], r.axis)
	for i, wk := range r.c.weeks {
		r.bars[i].FillColor, r.bars[i].CornerRadius = bar, 2
		r.counts[i].Text, r.counts[i].Color, r.counts[i].TextSize = "", fg, chartText
		if wk.Found > 0 {
			r.counts[i].Text = strconv.Itoa(wk.Found)
		}
		r.dates[i].Text, r.dates[i].Color, r.dates[i].TextSize = "", muted, chartText
		if (n-1-i)%3 == 0 {
			r.dates[i].Text = wk.Start.Format("2 Jan")
		}
		r.objs = append(r.objs, r.bars[i], r.counts[i], r.dates[i])
	}
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *weeksChartRenderer) Layout(size fyne.Size) {
	n := len(r.c.weeks)
	most := 4 // a week of one find is a short bar, not the chart's whole height
	for _, wk := range r.c.weeks {
		most = max(most, wk.Found)
	}
	top := float32(chartText + 6) // room for the tallest bar's count
	base := top + chartHeight
	r.axis.Move(fyne.NewPos(0, base))
	r.axis.Resize(fyne.NewSize(size.Width, 1))
	if n == 0 {
		return
	}
	slot := size.Width / float32(n)
	w := slot * 0.7
	for i, wk := range r.c.weeks {
		x := slot * float32(i)
		h := chartHeight * float32(wk.Found) / float32(most)
		r.bars[i].Move(fyne.NewPos(x+(slot-w)/2, base-h))
		r.bars[i].Resize(fyne.NewSize(w, h))
		cs := r.counts[i].MinSize()
		r.counts[i].Move(fyne.NewPos(x+(slot-cs.Width)/2, base-h-cs.Height-2))
		ds := r.dates[i].MinSize()
		// A date stays within the chart at either end rather than running off it.
		dx := min(max(x+(slot-ds.Width)/2, 0), size.Width-ds.Width)
		r.dates[i].Move(fyne.NewPos(dx, base+3))
	}
}

func (r *weeksChartRenderer) MinSize() fyne.Size {
	return fyne.NewSize(float32(len(r.c.weeks))*12, chartText+6+chartHeight+3+chartText+8)
}

func (r *weeksChartRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *weeksChartRenderer) Destroy() {}
