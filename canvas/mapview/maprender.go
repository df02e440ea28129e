package mapview

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"journeymap/canvas/scene"
)

// mapRenderer draws the scene's elements that are near the view. Each drawn element keeps its
// canvas objects; a change redraws the elements it names in place, a zoom rescales the drawn
// objects, and objects of elements that leave the view go back to a pool for the next ones.
type mapRenderer struct {
	m      *Map
	bg     *canvas.Rectangle
	layers map[scene.Kind]*fyne.Container
	objs   []fyne.CanvasObject
	drawn  map[scene.Key]*drawnElement
	pool   objectPool
	pal    string // the palette the drawn objects have

	// The selection and the in-place editor, over everything else.
	overlay *fyne.Container
	ring    *canvas.Rectangle
	picks   []*canvas.Rectangle
	target  *canvas.Rectangle
	ghost   *canvas.Rectangle
}

type drawnElement struct {
	shapes []scene.Shape
	objs   []fyne.CanvasObject
	box    *fyne.Container
}

func newMapRenderer(m *Map) *mapRenderer {
	r := &mapRenderer{m: m, bg: canvas.NewRectangle(color.Transparent), layers: map[scene.Kind]*fyne.Container{},
		drawn: map[scene.Key]*drawnElement{}}
	r.objs = []fyne.CanvasObject{r.bg}
	for _, k := range scene.Kinds {
		r.layers[k] = container.NewWithoutLayout()
		r.objs = append(r.objs, r.layers[k])
	}
	r.ring = canvas.NewRectangle(color.Transparent)
	r.target = canvas.NewRectangle(color.Transparent)
	r.ghost = canvas.NewRectangle(color.Transparent)
	r.overlay = container.NewWithoutLayout(r.ring)
	r.objs = append(r.objs, r.overlay)
	r.redraw()
	return r
}

// placeOverlay draws the selection for the scene and zoom as they now are, and places the
// in-place editor.
func (r *mapRenderer) placeOverlay() {
	m, z := r.m, r.m.zoom
	accent := theme.Color(theme.ColorNamePrimary)
	objs := []fyne.CanvasObject{r.ring}
	if b, ok := m.scene.CellBounds(m.selection.Stage, m.selection.Lane); ok {
		width := float32(2)
		if m.focused {
			width = 3
		}
		r.ring.FillColor, r.ring.StrokeColor, r.ring.StrokeWidth, r.ring.CornerRadius = color.Transparent, accent, width, 4
		r.ring.Move(fyne.NewPos(b.X*z+1, b.Y*z+1))
		r.ring.Resize(fyne.NewSize(b.W*z-2, b.H*z-2))
		r.ring.Show()
	} else {
		r.ring.Hide()
	}
	r.ring.Refresh()
	n := 0
	for _, k := range m.selection.Items {
		b, ok := m.scene.Bounds(k)
		if k.Kind == scene.KindEmotion {
			score, has := m.scene.EmotionScore(k.ID)
			b, ok = m.scene.EmotionMarker(k.ID, score)
			ok = ok && has
		}
		if !ok {
			continue
		}
		if n == len(r.picks) {
			r.picks = append(r.picks, canvas.NewRectangle(color.Transparent))
		}
		p := r.picks[n]
		n++
		p.StrokeColor, p.StrokeWidth, p.CornerRadius = accent, 3, 7
		p.Move(fyne.NewPos(b.X*z-3, b.Y*z-3))
		p.Resize(fyne.NewSize(b.W*z+6, b.H*z+6))
		p.Refresh()
		objs = append(objs, p)
	}
	if m.drop.on {
		tint := func(a uint8) color.NRGBA {
			r, g, b, _ := accent.RGBA()
			return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), a}
		}
		place := func(o *canvas.Rectangle, b scene.Rect, fill uint8, width float32) {
			o.FillColor, o.StrokeColor, o.StrokeWidth, o.CornerRadius = tint(fill), accent, width, 6
			o.Move(fyne.NewPos(b.X*z, b.Y*z))
			o.Resize(fyne.NewSize(b.W*z, b.H*z))
			o.Refresh()
		}
		place(r.target, m.drop.target, 0x22, 3)
		place(r.ghost, m.drop.ghost, 0x55, 2)
		objs = append(objs, r.target, r.ghost)
	}
	if m.editor != nil {
		b := m.editorAt
		m.editor.Move(fyne.NewPos(b.X*z, b.Y*z))
		m.editor.Resize(fyne.NewSize(b.W*z, max(b.H*z, m.editor.MinSize().Height)))
		objs = append(objs, m.editor)
	}
	r.overlay.Objects = objs
	r.overlay.Refresh()
}

func (r *mapRenderer) Destroy() {}

func (r *mapRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *mapRenderer) MinSize() fyne.Size {
	w, h := r.m.scene.Size()
	return fyne.NewSize(w*r.m.zoom, h*r.m.zoom+r.m.slack)
}

func (r *mapRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size.Max(r.MinSize()))
	r.cull()
}

// Refresh draws the map anew: after a change of theme, or when Fyne asks.
func (r *mapRenderer) Refresh() {
	want := ThemePalette()
	if r.m.palette != "" {
		want = r.m.palette
	}
	if r.pal != want {
		r.m.rebuildScene()
	}
	r.redraw()
}

// redraw draws every element in view from the scene as it now is, reusing what is drawn.
func (r *mapRenderer) redraw() {
	r.pal = r.m.scene.Options().Palette
	r.bg.FillColor = r.m.scene.Palette().Background
	r.bg.Refresh()
	for k := range r.drawn {
		if _, ok := r.m.scene.Bounds(k); !ok {
			r.release(k)
		}
	}
	for k := range r.drawn {
		r.draw(k, false)
	}
	r.m.Cull()
	r.placeOverlay()
	canvas.Refresh(r.m)
}

// applyDiff redraws what an update of the scene changed.
func (r *mapRenderer) applyDiff(d scene.Diff) {
	if d.All {
		r.redraw()
		return
	}
	for _, k := range d.Removed {
		r.release(k)
	}
	for _, k := range d.Changed {
		if _, ok := r.drawn[k]; ok {
			r.draw(k, false)
		}
	}
	if d.Below >= 0 {
		for k := range r.drawn {
			if b, ok := r.m.scene.Bounds(k); ok && b.Y+b.H > d.Below {
				r.draw(k, false)
			}
		}
		r.m.fitContent()
		r.bg.Resize(r.m.Size().Max(r.MinSize()))
	}
	r.m.Cull()
	r.placeOverlay()
	canvas.Refresh(r.m)
}

// rezoom rescales every drawn object for the new zoom; culling then draws what came into view.
func (r *mapRenderer) rezoom() {
	for k := range r.drawn {
		r.draw(k, true)
	}
	r.bg.Resize(r.MinSize())
	r.placeOverlay()
}

// cull draws the elements in view that are not drawn and puts away those that left it.
func (r *mapRenderer) cull() {
	keys := r.m.scene.Visible(r.m.view())
	want := make(map[scene.Key]bool, len(keys))
	for _, k := range keys {
		want[k] = true
		if _, ok := r.drawn[k]; !ok {
			r.drawn[k] = &drawnElement{box: container.NewWithoutLayout()}
			layer := r.layers[k.Kind]
			layer.Objects = append(layer.Objects, r.drawn[k].box)
			r.draw(k, true)
		}
	}
	for k := range r.drawn {
		if !want[k] {
			r.release(k)
		}
	}
}

func (r *mapRenderer) release(k scene.Key) {
	d, ok := r.drawn[k]
	if !ok {
		return
	}
	for _, o := range d.objs {
		r.pool.put(o)
	}
	layer := r.layers[k.Kind]
	for i, o := range layer.Objects {
		if o == d.box {
			layer.Objects = append(layer.Objects[:i], layer.Objects[i+1:]...)
			break
		}
	}
	delete(r.drawn, k)
}

// draw gives an element's objects its shapes as the scene has them now. Objects whose shape
// is unchanged are left alone unless rescale is set (the zoom changed).
func (r *mapRenderer) draw(k scene.Key, rescale bool) {
	d := r.drawn[k]
	shapes := r.m.scene.Shapes(k, nil)
	d.objs = r.pool.fit(d.objs, shapes, r.m.zoom, func(i int) bool { return rescale || d.shapes[i] != shapes[i] })
	d.shapes = shapes
	d.box.Objects = d.objs
}

// applyShape makes a canvas object draw a shape at the zoom, and asks for it to be repainted.
func applyShape(o fyne.CanvasObject, sh scene.Shape, z float32) {
	switch o := o.(type) {
	case *canvas.Rectangle:
		o.Move(fyne.NewPos(sh.X*z, sh.Y*z))
		o.Resize(fyne.NewSize(sh.W*z, sh.H*z))
		o.FillColor, o.StrokeColor = sh.Fill, sh.Stroke
		o.StrokeWidth, o.CornerRadius = sh.StrokeWidth*z, sh.Radius*z
	case *canvas.Line:
		o.Position1 = fyne.NewPos(sh.X*z, sh.Y*z)
		o.Position2 = fyne.NewPos((sh.X+sh.W)*z, (sh.Y+sh.H)*z)
		o.StrokeColor, o.StrokeWidth = sh.Stroke, max(1, sh.StrokeWidth*z)
	case *canvas.Circle:
		o.Position1 = fyne.NewPos(sh.X*z, sh.Y*z)
		o.Position2 = fyne.NewPos((sh.X+sh.W)*z, (sh.Y+sh.H)*z)
		o.FillColor, o.StrokeColor, o.StrokeWidth = sh.Fill, sh.Stroke, sh.StrokeWidth*z
	case *canvas.Polygon:
		o.Move(fyne.NewPos(sh.X*z, sh.Y*z))
		o.Resize(fyne.NewSize(sh.W*z, sh.H*z))
		o.FillColor = sh.Fill
	case *canvas.Text:
		o.Move(fyne.NewPos(sh.X*z, sh.Y*z))
		o.Text, o.Color, o.TextSize = sh.Text, sh.Fill, sh.Size*z
		o.TextStyle = fyne.TextStyle{Bold: sh.Style == scene.Bold, Italic: sh.Style == scene.Italic}
	}
	o.Refresh()
}

func shapeKindOf(o fyne.CanvasObject) scene.ShapeKind {
	switch o.(type) {
	case *canvas.Line:
		return scene.ShapeLine
	case *canvas.Circle:
		return scene.ShapeCircle
	case *canvas.Polygon:
		return scene.ShapeDiamond
	case *canvas.Text:
		return scene.ShapeText
	}
	return scene.ShapeRect
}

// objectPool keeps the canvas objects of elements that left the view, by kind, for the next
// elements to come into it. created counts the objects ever made, for tests.
type objectPool struct {
	free    [scene.ShapeText + 1][]fyne.CanvasObject
	created int
}

func (p *objectPool) get(k scene.ShapeKind) fyne.CanvasObject {
	if n := len(p.free[k]); n > 0 {
		o := p.free[k][n-1]
		p.free[k] = p.free[k][:n-1]
		return o
	}
	p.created++
	switch k {
	case scene.ShapeLine:
		return canvas.NewLine(color.Transparent)
	case scene.ShapeCircle:
		return canvas.NewCircle(color.Transparent)
	case scene.ShapeDiamond:
		return canvas.NewPolygon(4, color.Transparent)
	case scene.ShapeText:
		return canvas.NewText("", color.Transparent)
	}
	return canvas.NewRectangle(color.Transparent)
}

// fit makes objs draw shapes at the zoom, one object a shape, and returns them: an object of
// the shape's kind is kept, and drawn again only when changed says its shape is; one of
// another kind, and any left over, go back to the pool.
func (p *objectPool) fit(objs []fyne.CanvasObject, shapes []scene.Shape, z float32, changed func(i int) bool) []fyne.CanvasObject {
	for i, sh := range shapes {
		switch {
		case i < len(objs) && shapeKindOf(objs[i]) == sh.Kind:
			if changed(i) {
				applyShape(objs[i], sh, z)
			}
		case i < len(objs):
			p.put(objs[i])
			objs[i] = p.get(sh.Kind)
			applyShape(objs[i], sh, z)
		default:
			o := p.get(sh.Kind)
			applyShape(o, sh, z)
			objs = append(objs, o)
		}
	}
	for _, o := range objs[len(shapes):] {
		p.put(o)
	}
	return objs[:len(shapes)]
}

func (p *objectPool) put(o fyne.CanvasObject) {
	k := shapeKindOf(o)
	p.free[k] = append(p.free[k], o)
}
