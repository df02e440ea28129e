package canvas

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"journeymap/canvas/scene"
)

// stickyHeaders keeps the stages' names along the top of the view once the map's own stage
// bar has scrolled out of it, and the lanes' names along its left once their labels have: a
// big map stays readable wherever one is in it. It draws the scene's own header shapes,
// moved to the view's edges, with objects it reuses.
type stickyHeaders struct {
	m     *Map
	box   *fyne.Container
	objs  []fyne.CanvasObject
	pool  objectPool
	shape []scene.Shape
}

func newStickyHeaders(m *Map) *stickyHeaders {
	return &stickyHeaders{m: m, box: container.NewWithoutLayout()}
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
	left := off.X > 0
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
			for i, sh := range lane {
				switch {
				case i == 0: // the stripe, as wide as the labels, from the view's top
					sh.W = scene.LabelWidth
					if top := max(sh.Y, y0); top > sh.Y {
						sh.H -= top - sh.Y
						sh.Y = top
					}
				case i == 1: // the line above the lane
					sh.W = scene.LabelWidth
					if sh.Y < y0 {
						continue
					}
				default: // the name, the kind and its icon
					sh.Y += shift
				}
				sh.X += dx
				shapes = append(shapes, sh)
			}
		}
		shapes = append(shapes, scene.Shape{Kind: scene.ShapeLine, X: dx + scene.LabelWidth, Y: dy, H: view.Height / z, Stroke: pal.Grid, StrokeWidth: 1})
		if top {
			// The corner where both meet.
			shapes = append(shapes, scene.Shape{Kind: scene.ShapeRect, X: dx, Y: dy, W: scene.LabelWidth, H: scene.StageHeight, Fill: pal.Header})
		}
	}
	h.shape = shapes
	// Move the view's offset out again: the box sits at the view's corner, not the map's.
	for len(h.objs) < len(shapes) {
		h.objs = append(h.objs, nil)
	}
	for i, sh := range shapes {
		if o := h.objs[i]; o == nil || shapeKindOf(o) != sh.Kind {
			if o != nil {
				h.pool.put(o)
			}
			h.objs[i] = h.pool.get(sh.Kind)
		}
		sh.X, sh.Y = sh.X-dx, sh.Y-dy
		applyShape(h.objs[i], sh, z)
	}
	for _, o := range h.objs[len(shapes):] {
		if o != nil {
			h.pool.put(o)
		}
	}
	h.objs = h.objs[:len(shapes)]
	h.box.Objects = h.objs
	h.box.Refresh()
}
