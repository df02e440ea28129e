package mapview

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"journeymap/canvas/scene"
)

// stickyHeaders keeps the stages' names along the top of the view once the map's own stage
// bar has scrolled out of it, and the lanes' names along its left once their labels have: a
// big map stays readable wherever one is in it. It draws the scene's own header shapes,
// moved to the view's edges, with objects it reuses.
type stickyHeaders struct {
	m      *Map
	box    *fyne.Container
	objs   []fyne.CanvasObject
	pool   objectPool
	shape  []scene.Shape
	stages *pinnedArea // over the pinned stage names
	lanes  *pinnedArea // over the pinned lane names
	drawn  *fyne.Container
}

func newStickyHeaders(m *Map) *stickyHeaders {
	h := &stickyHeaders{m: m, drawn: container.NewWithoutLayout()}
	z := func() float32 { return m.zoom }
	// A point on a pinned stage name is that stage's header; one on a pinned lane name is that
	// lane's label.
	h.stages = newPinnedArea(m, func(p fyne.Position) scene.Point {
		return scene.Point{X: (m.scroll.Offset.X + p.X) / z(), Y: scene.HeaderHeight + p.Y/z()}
	})
	h.lanes = newPinnedArea(m, func(p fyne.Position) scene.Point {
		return scene.Point{X: p.X / z(), Y: (m.scroll.Offset.Y + h.lanes.Position().Y + p.Y) / z()}
	})
	h.box = container.NewWithoutLayout(h.drawn, h.stages, h.lanes)
	return h
}

// update draws the headers for the scroller's offset, size and the map's zoom.
func (h *stickyHeaders) update() {
	m := h.m
	if m.scroll == nil {
		return
	}
	z, off, view := m.zoom, m.scroll.Offset, m.scroll.Size()
	s, pal := m.scene, m.scene.Palette()
	shapes := h.shape[:0]
	top := off.Y > scene.HeaderHeight*z
	// The lanes' names are pinned once the map is scrolled across, or down past its header:
	// at the left edge a tall lane's own name, at its top, would have left the view.
	left := off.X > 0 || top
	dx, dy := off.X/z, off.Y/z
	if top {
		// The stage bar, pinned to the top of the view.
		shapes = append(shapes, scene.Shape{Kind: scene.ShapeRect, X: dx, Y: dy, W: view.Width / z, H: scene.StageHeight, Fill: pal.Header},
			scene.Shape{Kind: scene.ShapeLine, X: dx, Y: dy + scene.StageHeight, W: view.Width / z, Stroke: pal.Grid, StrokeWidth: 1})
		for _, k := range s.Visible(scene.Rect{X: dx, Y: scene.HeaderHeight, W: view.Width / z, H: 1}) {
			if k.Kind != scene.KindStage {
				continue
			}
			for _, sh := range s.Shapes(k, nil) {
				// Nothing clips what is pinned: a name running off the left edge is left out.
				if sh.X < dx {
					continue
				}
				sh.Y += dy - scene.HeaderHeight
				shapes = append(shapes, sh)
			}
		}
	}
	if left {
		// The lanes' labels, pinned to the left of the view.
		y0 := dy
		if top {
			y0 += scene.StageHeight
		}
		for _, k := range s.Visible(scene.Rect{X: 0, Y: y0, W: 1, H: view.Height / z}) {
			if k.Kind != scene.KindLane {
				continue
			}
			lane := s.Shapes(k, nil)
			stripe := lane[0]
			// A tall lane keeps its name in sight while any of it is: the name moves down with
			// the view's top, as far as the lane's end allows.
			shift := min(max(0, y0-stripe.Y), max(0, stripe.H-50))
			// Nothing clips what is pinned: what would reach below the view, over the status
			// bar, is cut at the view's bottom or left out.
			bottom := dy + view.Height/z
			for i, sh := range lane {
				switch {
				case i == 0: // the stripe, as wide as the labels, from the view's top
					sh.W = scene.LabelWidth
					if top := max(sh.Y, y0); top > sh.Y {
						sh.H -= top - sh.Y
						sh.Y = top
					}
					sh.H = min(sh.H, bottom-sh.Y)
				case i == 1: // the line above the lane
					sh.W = scene.LabelWidth
					if sh.Y < y0 || sh.Y > bottom {
						continue
					}
				default: // the name, the kind and its icon
					sh.Y += shift
					if sh.Y+sh.H > bottom {
						continue
					}
				}
				sh.X += dx
				shapes = append(shapes, sh)
			}
		}
		shapes = append(shapes, scene.Shape{Kind: scene.ShapeLine, X: dx + scene.LabelWidth, Y: dy, H: view.Height / z, Stroke: pal.Grid, StrokeWidth: 1})
		// The corner over the lanes' names and the stage bar, pinned or where it is, so that no
		// stage name shows through beside the lanes' names.
		cornerY := float32(scene.HeaderHeight)
		if top {
			cornerY = dy
		}
		shapes = append(shapes, scene.Shape{Kind: scene.ShapeRect, X: dx, Y: cornerY, W: scene.LabelWidth, H: scene.StageHeight, Fill: pal.Header})
	}
	h.shape = shapes
	// Move the view's offset out again: the box sits at the view's corner, not the map's.
	for i := range shapes {
		shapes[i].X, shapes[i].Y = shapes[i].X-dx, shapes[i].Y-dy
	}
	h.objs = h.pool.fit(h.objs, shapes, z, func(int) bool { return true })
	h.drawn.Objects = h.objs
	h.drawn.Refresh()
	place := func(a *pinnedArea, on bool, pos fyne.Position, size fyne.Size) {
		if !on {
			a.Hide()
			return
		}
		a.Move(pos)
		a.Resize(size)
		a.Show()
	}
	stageTop := float32(0)
	place(h.stages, top, fyne.Position{}, fyne.NewSize(view.Width, scene.StageHeight*z))
	if top {
		stageTop = scene.StageHeight * z
	}
	place(h.lanes, left, fyne.NewPos(0, stageTop), fyne.NewSize(scene.LabelWidth*z, view.Height-stageTop))
}

// pinnedArea takes the pointer over a pinned strip of headers and hands it on as if it were
// on the header shown there: a click on a pinned stage name acts on that stage, not on the
// card scrolled under it.
type pinnedArea struct {
	widget.BaseWidget
	m       *Map
	toScene func(fyne.Position) scene.Point
	drag    dragTrack
}

var (
	_ fyne.Tappable          = (*pinnedArea)(nil)
	_ fyne.DoubleTappable    = (*pinnedArea)(nil)
	_ fyne.SecondaryTappable = (*pinnedArea)(nil)
	_ fyne.Draggable         = (*pinnedArea)(nil)
)

func newPinnedArea(m *Map, toScene func(fyne.Position) scene.Point) *pinnedArea {
	a := &pinnedArea{m: m, toScene: toScene}
	a.ExtendBaseWidget(a)
	a.Hide()
	return a
}

func (a *pinnedArea) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

func (a *pinnedArea) Tapped(ev *fyne.PointEvent) {
	a.m.TakeKeyboard()
	if a.m.input != nil {
		a.m.input.Pressed(a.toScene(ev.Position), 0)
	}
}

func (a *pinnedArea) DoubleTapped(ev *fyne.PointEvent) {
	if a.m.input != nil {
		a.m.input.DoubleTapped(a.toScene(ev.Position))
	}
}

func (a *pinnedArea) TappedSecondary(ev *fyne.PointEvent) {
	a.m.TakeKeyboard()
	if a.m.input != nil {
		a.m.input.SecondaryTapped(a.toScene(ev.Position), ev.AbsolutePosition)
	}
}

func (a *pinnedArea) Dragged(ev *fyne.DragEvent) {
	if !a.drag.on {
		a.drag.start(a.toScene(ev.Position.Subtract(ev.Dragged)))
	}
	to := a.drag.move(ev.Dragged, a.m.zoom)
	if a.m.input != nil {
		a.m.input.Dragged(a.drag.from, to)
	}
}

func (a *pinnedArea) DragEnd() {
	if a.drag.on && a.m.input != nil {
		a.m.input.DragEnded(a.drag.from, a.drag.last)
	}
	a.drag.on = false
}

// dragTrack follows a drag in the scene: where it began, how far the pointer has moved since,
// and where that put it last, at the zoom of each move.
type dragTrack struct {
	on   bool
	from scene.Point
	by   fyne.Delta
	last scene.Point
}

func (d *dragTrack) start(at scene.Point) { *d = dragTrack{on: true, from: at, last: at} }

// move adds a move of the pointer and returns where in the scene the drag now is.
func (d *dragTrack) move(by fyne.Delta, z float32) scene.Point {
	d.by = fyne.Delta{DX: d.by.DX + by.DX, DY: d.by.DY + by.DY}
	d.last = scene.Point{X: d.from.X + d.by.DX/z, Y: d.from.Y + d.by.DY/z}
	return d.last
}
