package canvas

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"

	"journeymap/canvas/mapview"
	"journeymap/canvas/scene"
	"journeymap/journey"
)

// presenter is the view a workshop is shown on a projector: full screen, the presenter
// palette, type large enough to read from the back of the room, the journey's title and
// vision always on top, stepped through stage by stage. Nothing in it edits: it has no editor,
// and what it hides (backstage lanes, all but the pain points) is a view option, never a
// change to the journey.
type presenter struct {
	mw            *MainWindow
	m             *mapview.Map
	stage         int // the spotlighted stage, -1 for none
	hideBackstage bool
	painOnly      bool
	lines         *fyne.Container // the bar's lines: the title, then the vision and the legend wrapped
	barText       [2]string       // the title, and the vision with the persona
	barFor        fyne.Size       // the screen the lines were set for
	inset         float32         // the bar's margin round its lines, for that screen
	bar           *canvas.Rectangle
	previous      fyne.CanvasObject
	moved         bool // the presenter scrolled: the first view is theirs to change, not the layout's
}

// barLegend is the bar's key to the map's marks, entry by entry; legendSep parts the entries.
var barLegend = []string{"Circle: customers report it", "Diamond: staff found it first",
	"Number: severity 1–5", "“3 pt”: effort", "Red border: nobody owns it"}

const legendSep = "  ·  "

// minPresenterText is the smallest text a presenter view draws, in pixels, for the height of
// the screen: 18 at 768 lines, 28 at 1080 (a projector and a full-HD screen), and on in step.
func minPresenterText(height float32) float32 {
	return min(max(18+(height-768)*10/312, 18), 48)
}

// Present shows the journey on show in presenter mode (F5); Escape leaves it.
func (mw *MainWindow) Present() {
	id := mw.Map.JourneyID()
	if id == "" || mw.presenting != nil {
		return
	}
	mw.Editor.Commit()
	j := mw.doc.Workspace().Journey(id)
	pal := scene.PaletteNamed("presenter")
	p := &presenter{mw: mw, stage: -1, previous: mw.Content()}
	p.m = mapview.NewMap(mw.doc.Workspace(), id)
	p.m.SetPalette("presenter")
	p.m.SetInput(p)
	p.m.SetView(scene.Options{HideTitle: true})
	p.barText = [2]string{j.Title, labelledVision(j)}
	p.lines = container.NewVBox()
	p.bar = canvas.NewRectangle(pal.Header)
	view := mapview.NewMapScroll(p.m)
	p.m.OnWheel = func() { p.moved = true }
	p.m.Scroll().OnScrolled = func(at fyne.Position) {
		// The header the bar above replaces stays out of view: scrolled back up to it, the
		// map would show a blank band under the bar.
		if y := p.headerOffset(); at.Y < y {
			p.m.Scroll().ScrollToOffset(fyne.NewPos(at.X, y))
		}
		p.m.Cull()
	}
	mw.presenting = p
	mw.doc.ReadOnly = true
	mw.SetMainMenu(nil) // a projector shows the map, not the menus
	mw.SetPadded(false) // edge to edge: no band of the editing theme around the view
	mw.SetContent(container.New(&presenterLayout{p}, p.bar, p.lines, view))
	mw.SetFullScreen(true)
	p.fit()
	mw.Canvas().Focus(p.m)
}

// labelledVision is the line under the title: the shared vision, and the persona.
func labelledVision(j *journey.Journey) string {
	var parts []string
	if j.Vision != "" {
		parts = append(parts, "Vision: “"+j.Vision+"”")
	}
	if j.Persona != "" {
		parts = append(parts, "Persona: "+j.Persona)
	}
	return strings.Join(parts, "   ·   ")
}

// presenterLayout puts the title bar on top and the map below, and sets the map's zoom so that
// its smallest text is as large as the screen's height asks.
type presenterLayout struct{ p *presenter }

// Layout puts the bar's lines inside its margin, and the map under the bar.
func (l *presenterLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	bar, lines, view := objs[0], objs[1], objs[2]
	l.p.sizeText(size)
	in := l.p.inset
	text := lines.MinSize().Height
	top := text + in
	bar.Move(fyne.NewPos(0, 0))
	bar.Resize(fyne.NewSize(size.Width, top))
	lines.Move(fyne.NewPos(in, in/2))
	lines.Resize(fyne.NewSize(size.Width-2*in, text))
	view.Move(fyne.NewPos(0, top))
	view.Resize(fyne.NewSize(size.Width, size.Height-top))
	l.p.fit()
}

// MinSize is the map's alone. The bar's type grows with the screen, so a minimum that held it
// would grow the window, and the window the type, without end.
func (l *presenterLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return objs[2].MinSize()
}

// sizeText sets the bar's lines in the sizes the screen asks, each wrapped to its width
// inside a margin as wide as the smallest text is high. The screen is known only once the
// window is full screen: the lines are set again for each size the layout is given.
func (p *presenter) sizeText(size fyne.Size) {
	if size == p.barFor {
		return
	}
	p.barFor = size
	pal, f := scene.PaletteNamed("presenter"), scene.DefaultFonts()
	least := minPresenterText(size.Height)
	p.inset = least
	width := size.Width - 2*p.inset
	var objs []fyne.CanvasObject
	add := func(text string, textSize float32, style scene.Style, c color.Color) {
		for _, l := range f.Wrap(text, width, textSize, style) {
			t := canvas.NewText(l, c)
			t.TextSize = textSize
			t.TextStyle = fyne.TextStyle{Bold: style == scene.Bold, Italic: style == scene.Italic}
			objs = append(objs, t)
		}
	}
	add(p.barText[0], least*1.5, scene.Bold, pal.Text)
	add(p.barText[1], least, scene.Italic, pal.Text)
	// The legend breaks between its entries, never inside one: "nobody owns it" stays whole.
	var entries []string
	for _, e := range barLegend {
		if n := len(entries); n > 0 && len(f.Wrap(entries[n-1]+legendSep+e, width, least, scene.Regular)) == 1 {
			entries[n-1] += legendSep + e
		} else {
			entries = append(entries, e)
		}
	}
	for _, e := range entries {
		add(e, least, scene.Regular, pal.Muted)
	}
	if shown := p.shownSaid(); shown != "" {
		add(shown, least, scene.Bold, pal.Muted)
	}
	p.lines.Objects = objs
	p.lines.Refresh()
}

// shownSaid says what B and P leave out of the view, and how to bring it back; "" for all.
func (p *presenter) shownSaid() string {
	switch {
	case p.painOnly:
		return "Showing the pain points only: P shows every lane"
	case p.hideBackstage:
		return "Backstage hidden: B shows it"
	}
	return ""
}

// fit zooms the map so that its smallest text is the smallest the screen allows, and, until
// the presenter scrolls, shows the first view: the pain points in sight.
func (p *presenter) fit() {
	size := p.mw.Canvas().Size()
	if size.Height <= 0 {
		return
	}
	p.m.SetZoom(minPresenterText(size.Height) / scene.SmallestText)
	p.m.SetSlack(p.m.Scroll().Size().Height)
	if !p.moved {
		p.showLane(p.painLane())
	} else if y := p.headerOffset(); p.m.Scroll().Offset.Y < y {
		p.m.Scroll().ScrollToOffset(fyne.NewPos(p.m.Scroll().Offset.X, y))
		p.m.Cull()
	}
}

// headerOffset is the scroll offset that puts the map's header, whose title the bar above
// shows, just out of view: a projector's height is worth more than that. A map too short to
// scroll that far goes as far as it can (asking for more, the scroller would take it back
// and tell of a move again).
func (p *presenter) headerOffset() float32 {
	most := p.m.Scroll().Content.MinSize().Height - p.m.Scroll().Size().Height
	return max(min(scene.HeaderHeight*p.m.Zoom(), most), 0)
}

// painLane is the index of the pain-point lane among the lanes drawn, or of the last lane
// when none is drawn.
func (p *presenter) painLane() int {
	lanes := p.m.Scene().Lanes()
	for i, l := range lanes {
		if l.Kind == string(journey.LanePain) {
			return i
		}
	}
	return len(lanes) - 1
}

// showLane scrolls so that lane i is in view with as many of the lanes above it as fit, the
// topmost of them starting right under the pinned stage bar: nothing, an emotion point least
// of all, hides under the bar.
func (p *presenter) showLane(i int) {
	lanes := p.m.Scene().Lanes()
	if i < 0 || i >= len(lanes) {
		return
	}
	z := p.m.Zoom()
	room := p.m.Scroll().Size().Height/z - scene.StageHeight
	top := i
	for top > 0 && lanes[i].Y+lanes[i].H-lanes[top-1].Y <= room {
		top--
	}
	p.scrollToLane(lanes[top])
}

// scrollToLane puts a lane's top right under the pinned stage bar.
func (p *presenter) scrollToLane(l scene.LaneBand) {
	y := max((l.Y-scene.StageHeight)*p.m.Zoom(), p.headerOffset())
	p.m.Scroll().ScrollToOffset(fyne.NewPos(p.m.Scroll().Offset.X, y))
	p.m.Cull()
}

// stepLanes scrolls by whole lanes, down (+1) or up (-1), each stop with a lane's top right
// under the stage bar, as a slide shows whole rows.
func (p *presenter) stepLanes(dir int) {
	p.moved = true
	lanes := p.m.Scene().Lanes()
	if len(lanes) == 0 {
		return
	}
	// The lane now at the top of the view: the first whose band reaches below the bar.
	under := p.m.Scroll().Offset.Y/p.m.Zoom() + scene.StageHeight
	at := len(lanes) - 1
	for i, l := range lanes {
		if l.Y+l.H > under+0.5 {
			at = i
			break
		}
	}
	if lanes[at].Y < under-0.5 && dir < 0 {
		dir = 0 // a lane cut by the bar: up first shows it whole
	}
	p.scrollToLane(lanes[min(max(at+dir, 0), len(lanes)-1)])
}

// leave goes back to the window as it was.
func (p *presenter) leave() {
	p.mw.presenting = nil
	p.mw.doc.ReadOnly = false
	p.mw.SetFullScreen(false)
	p.mw.SetPadded(true)
	p.mw.SetMainMenu(p.mw.mainMenu)
	p.mw.SetContent(p.previous)
	p.mw.Map.TakeKeyboard()
}

// view draws the map for the stage in the spotlight and the lanes shown, and brings the stage
// into the middle of the screen.
func (p *presenter) view() {
	opts := scene.Options{HideTitle: true}
	j := p.mw.doc.Workspace().Journey(p.m.JourneyID())
	if p.stage >= 0 && p.stage < len(j.Stages) {
		opts.Spotlight = j.Stages[p.stage].ID
	}
	if p.hideBackstage {
		opts.HideKinds = append(opts.HideKinds, journey.LaneBackstage)
	}
	if p.painOnly {
		for _, k := range journey.LaneKinds {
			if k != journey.LanePain {
				opts.HideKinds = append(opts.HideKinds, k)
			}
		}
	}
	p.m.SetView(opts)
	if opts.Spotlight == "" {
		p.m.Scroll().ScrollToOffset(fyne.NewPos(0, p.m.Scroll().Offset.Y))
	} else if b, ok := p.m.Scene().StageHeader(opts.Spotlight); ok {
		z, view := p.m.Zoom(), p.m.Scroll().Size()
		left := scene.LabelWidth * z // the lanes' names are pinned over the left
		x := (b.X+b.W/2)*z - left - (view.Width-left)/2
		p.m.Scroll().ScrollToOffset(fyne.NewPos(max(x, 0), p.m.Scroll().Offset.Y))
	}
	p.m.Cull()
}

// TypedKey steps through the stages and chooses what is shown.
func (p *presenter) TypedKey(ev *fyne.KeyEvent) {
	j := p.mw.doc.Workspace().Journey(p.m.JourneyID())
	n := len(j.Stages)
	switch ev.Name {
	case fyne.KeyRight, fyne.KeySpace:
		p.stage = min(p.stage+1, n-1)
	case fyne.KeyLeft:
		if p.stage < 0 {
			p.stage = n
		}
		p.stage = max(p.stage-1, 0)
	case fyne.KeyHome:
		p.stage = -1
	case fyne.KeyDown, fyne.KeyPageDown:
		p.stepLanes(1)
		return
	case fyne.KeyUp, fyne.KeyPageUp:
		p.stepLanes(-1)
		return
	case fyne.KeyEscape:
		p.leave()
		return
	default:
		return
	}
	p.view()
}

// TypedRune toggles what is shown: B the backstage lanes, P all but the pain points. Letters
// are taken as characters only: the driver sends each letter as a key too, and a toggle on
// both took itself back.
func (p *presenter) TypedRune(r rune) {
	switch r {
	case 'b', 'B':
		p.hideBackstage = !p.hideBackstage
	case 'p', 'P':
		p.painOnly = !p.painOnly
	default:
		return
	}
	p.barFor = fyne.Size{} // the bar says what is shown
	p.mw.Content().Refresh()
	p.view()
	p.showLane(p.painLane())
}

// A presenter edits nothing: clicks, drags and menus do nothing but keep the keys here.
func (p *presenter) Pressed(scene.Point, fyne.KeyModifier)      {}
func (p *presenter) Released()                                  {}
func (p *presenter) DoubleTapped(scene.Point)                   {}
func (p *presenter) SecondaryTapped(scene.Point, fyne.Position) {}
func (p *presenter) Dragged(scene.Point, scene.Point)           {}
func (p *presenter) DragEnded(scene.Point, scene.Point)         {}
