package canvas

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

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
	m             *Map
	stage         int // the spotlighted stage, -1 for none
	hideBackstage bool
	painOnly      bool
	lines         *fyne.Container // the bar's lines: the title, then the vision and the legend wrapped
	barText       [3]string
	barWidth      float32
	bar           *canvas.Rectangle
	previous      fyne.CanvasObject
}

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
	p.m = NewMap(mw.doc.Workspace(), id)
	p.m.palette = "presenter"
	p.m.input = p
	p.m.SetView(scene.Options{HideTitle: true})
	p.barText = [3]string{j.Title, labelledVision(j), "Circle: customers report it  ·  Diamond: staff found it first  ·  " +
		"Number: severity 1–5  ·  “3 pt”: effort  ·  Red border: nobody owns it"}
	p.lines = container.NewVBox()
	p.bar = canvas.NewRectangle(pal.Header)
	top := container.NewStack(p.bar, container.NewPadded(p.lines))
	view := NewMapScroll(p.m)
	mw.presenting = p
	mw.doc.ReadOnly = true
	mw.SetContent(container.New(&presenterLayout{p}, top, view))
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

func (l *presenterLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.p.sizeText(size)
	top := objs[0].MinSize().Height
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(size.Width, top))
	objs[1].Move(fyne.NewPos(0, top))
	objs[1].Resize(fyne.NewSize(size.Width, size.Height-top))
	l.p.fit()
}

func (l *presenterLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return layout.NewVBoxLayout().MinSize(objs)
}

// sizeText sets the bar's lines in the sizes the screen asks, each wrapped to its width.
func (p *presenter) sizeText(size fyne.Size) {
	if size.Width == p.barWidth {
		return
	}
	p.barWidth = size.Width
	pal, f := scene.PaletteNamed("presenter"), scene.DefaultFonts()
	least := minPresenterText(size.Height)
	width := size.Width - 4*theme.Padding()
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
	add(p.barText[2], least, scene.Regular, pal.Muted)
	p.lines.Objects = objs
	p.lines.Refresh()
}

// fit zooms the map so that its smallest text is the smallest the screen allows.
func (p *presenter) fit() {
	size := p.mw.Canvas().Size()
	if size.Height <= 0 {
		return
	}
	p.m.SetZoom(minPresenterText(size.Height) / scene.SmallestText)
	p.skipHeader()
}

// skipHeader scrolls the map's header, whose title the bar above shows, out of the way: a
// projector's height is worth more than that.
func (p *presenter) skipHeader() {
	if y := scene.HeaderHeight * p.m.zoom; p.m.scroll.Offset.Y < y {
		p.m.scroll.ScrollToOffset(fyne.NewPos(p.m.scroll.Offset.X, y))
		p.m.cull()
	}
}

// leave goes back to the window as it was.
func (p *presenter) leave() {
	p.mw.presenting = nil
	p.mw.doc.ReadOnly = false
	p.mw.SetFullScreen(false)
	p.mw.SetContent(p.previous)
	p.mw.Map.focus()
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
		p.m.scroll.ScrollToOffset(fyne.NewPos(0, p.m.scroll.Offset.Y))
	} else if b, ok := p.m.Scene().StageHeader(opts.Spotlight); ok {
		z, view := p.m.zoom, p.m.scroll.Size()
		left := scene.LabelWidth * z // the lanes' names are pinned over the left
		x := (b.X+b.W/2)*z - left - (view.Width-left)/2
		p.m.scroll.ScrollToOffset(fyne.NewPos(max(x, 0), p.m.scroll.Offset.Y))
	}
	p.m.cull()
}

// typedKey steps through the stages and chooses what is shown.
func (p *presenter) typedKey(ev *fyne.KeyEvent) {
	j := p.mw.doc.Workspace().Journey(p.m.JourneyID())
	n := len(j.Stages)
	scroll := func(dy float32) {
		p.m.scroll.ScrollToOffset(fyne.NewPos(p.m.scroll.Offset.X, p.m.scroll.Offset.Y+dy*p.m.scroll.Size().Height))
		p.m.cull()
	}
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
	case fyne.KeyB:
		p.hideBackstage = !p.hideBackstage
	case fyne.KeyP:
		p.painOnly = !p.painOnly
	case fyne.KeyDown, fyne.KeyPageDown:
		scroll(0.8)
		return
	case fyne.KeyUp, fyne.KeyPageUp:
		scroll(-0.8)
		return
	case fyne.KeyEscape:
		p.leave()
		return
	default:
		return
	}
	p.view()
}

func (p *presenter) typedRune(r rune) {
	switch r {
	case 'b', 'B':
		p.typedKey(&fyne.KeyEvent{Name: fyne.KeyB})
	case 'p', 'P':
		p.typedKey(&fyne.KeyEvent{Name: fyne.KeyP})
	}
}

// A presenter edits nothing: clicks, drags and menus do nothing but keep the keys here.
func (p *presenter) pressed(scene.Point, fyne.KeyModifier)      {}
func (p *presenter) doubleTapped(scene.Point)                   {}
func (p *presenter) secondaryTapped(scene.Point, fyne.Position) {}
func (p *presenter) dragged(scene.Point, scene.Point)           {}
func (p *presenter) dragEnded(scene.Point, scene.Point)         {}
