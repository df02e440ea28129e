package panels

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// scale is one pulse question's answer, 1 to 5 in a row: picked with a click, or from the
// keyboard by its digit or the arrow keys. It is one stop for Tab, where a radio group is five;
// and in it Esc cancels the dialog and Enter sends it, which Fyne's radio items swallow.
type scale struct {
	widget.BaseWidget
	Selected string // "1" to "5", or "" before an answer
	onEscape func()
	onEnter  func()
	focused  bool
}

const scalePoints = 5

func newScale(selected string) *scale {
	s := &scale{Selected: selected}
	s.ExtendBaseWidget(s)
	return s
}

// SetSelected picks a point, or none with "".
func (s *scale) SetSelected(point string) {
	s.Selected = point
	s.Refresh()
}

func (s *scale) point() int {
	n, _ := strconv.Atoi(s.Selected)
	return n
}

// Tapped implements fyne.Tappable: a click picks the point under it and takes the keyboard.
func (s *scale) Tapped(ev *fyne.PointEvent) {
	step := s.Size().Width / scalePoints
	if step <= 0 {
		return
	}
	s.SetSelected(strconv.Itoa(min(max(int(ev.Position.X/step), 0), scalePoints-1) + 1))
	if c := fyne.CurrentApp().Driver().CanvasForObject(s); c != nil {
		c.Focus(s)
	}
}

// FocusGained implements fyne.Focusable.
func (s *scale) FocusGained() { s.focused = true; s.Refresh() }

// FocusLost implements fyne.Focusable.
func (s *scale) FocusLost() { s.focused = false; s.Refresh() }

// TypedRune implements fyne.Focusable: a digit picks its point.
func (s *scale) TypedRune(r rune) {
	if r >= '1' && r < '1'+scalePoints {
		s.SetSelected(string(r))
	}
}

// TypedKey implements fyne.Focusable.
func (s *scale) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyLeft, fyne.KeyDown:
		s.SetSelected(strconv.Itoa(max(s.point()-1, 1)))
	case fyne.KeyRight, fyne.KeyUp:
		s.SetSelected(strconv.Itoa(min(s.point()+1, scalePoints)))
	case fyne.KeyEscape:
		if s.onEscape != nil {
			s.onEscape()
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if s.onEnter != nil {
			s.onEnter()
		}
	}
}

// CreateRenderer implements fyne.Widget.
func (s *scale) CreateRenderer() fyne.WidgetRenderer {
	r := &scaleRenderer{s: s, ring: canvas.NewCircle(theme.Color(theme.ColorNameFocus))}
	r.objs = append(r.objs, r.ring)
	for i := range scalePoints {
		r.icons[i] = canvas.NewImageFromResource(nil)
		r.icons[i].FillMode = canvas.ImageFillContain
		r.labels[i] = canvas.NewText(strconv.Itoa(i+1), theme.Color(theme.ColorNameForeground))
		r.objs = append(r.objs, r.icons[i], r.labels[i])
	}
	r.Refresh()
	return r
}

type scaleRenderer struct {
	s      *scale
	ring   *canvas.Circle // the focus: round the point picked, or the first before a pick
	icons  [scalePoints]*canvas.Image
	labels [scalePoints]*canvas.Text
	objs   []fyne.CanvasObject
}

func (r *scaleRenderer) Layout(size fyne.Size) {
	pad, icon := theme.Padding(), theme.IconInlineSize()
	step := size.Width / scalePoints
	for i := range scalePoints {
		x := float32(i) * step
		r.icons[i].Move(fyne.NewPos(x+pad, (size.Height-icon)/2))
		r.icons[i].Resize(fyne.NewSquareSize(icon))
		l := r.labels[i].MinSize()
		r.labels[i].Move(fyne.NewPos(x+2*pad+icon, (size.Height-l.Height)/2))
		r.labels[i].Resize(l)
	}
	at := max(r.s.point(), 1) - 1
	ring := icon + 2*pad
	r.ring.Move(fyne.NewPos(float32(at)*step, (size.Height-ring)/2))
	r.ring.Resize(fyne.NewSquareSize(ring))
}

func (r *scaleRenderer) MinSize() fyne.Size {
	pad, icon := theme.Padding(), theme.IconInlineSize()
	label := fyne.MeasureText("5", theme.TextSize(), fyne.TextStyle{})
	step := 3*pad + icon + label.Width + 2*pad
	return fyne.NewSize(scalePoints*step, max(icon, label.Height)+2*pad)
}

func (r *scaleRenderer) Refresh() {
	picked := r.s.point()
	for i := range scalePoints {
		if i+1 == picked {
			r.icons[i].Resource = theme.NewPrimaryThemedResource(theme.RadioButtonCheckedIcon())
		} else {
			r.icons[i].Resource = theme.NewThemedResource(theme.RadioButtonIcon())
		}
		r.icons[i].Refresh()
		r.labels[i].Color = theme.Color(theme.ColorNameForeground)
		r.labels[i].TextSize = theme.TextSize()
		r.labels[i].Refresh()
	}
	r.ring.FillColor = theme.Color(theme.ColorNameFocus)
	r.ring.Hidden = !r.s.focused
	r.Layout(r.s.Size())
	r.ring.Refresh()
}

func (r *scaleRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *scaleRenderer) Destroy()                     {}
