package panels

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// fieldRow is one labelled field of a panel: a bold label beside the field, and a hint under
// the field when it has one. A panel's rows are made once and shown or hidden as its state
// asks, never swapped or reordered, so a label cannot end up beside another row's field
// (widget.Form only appends on Refresh, and rows changed in place slid off their labels).
type fieldRow struct {
	label *widget.Label
	hint  *widget.Label
	cell  fyne.CanvasObject
}

// newFieldRow makes a row; an empty hint takes no room.
func newFieldRow(label string, field fyne.CanvasObject, hint string) *fieldRow {
	r := &fieldRow{label: widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), cell: field}
	r.hint = widget.NewLabel(hint)
	r.hint.SizeName = theme.SizeNameCaptionText
	r.hint.Importance = widget.LowImportance
	r.hint.Hidden = hint == ""
	r.cell = container.New(hintLayout{}, field, r.hint)
	return r
}

// relabel names the row anew, with its hint, for a field that means something else in
// another state (the reports of a known pain point, or those since an unknown one was found).
func (r *fieldRow) relabel(label, hint string) {
	if r.label.Text != label {
		r.label.SetText(label)
	}
	if r.hint.Text != hint {
		r.hint.SetText(hint)
	}
	r.hint.Hidden = hint == ""
}

// show shows or hides the whole row, label and field together.
func (r *fieldRow) show(on bool) {
	if on {
		r.label.Show()
		r.cell.Show()
	} else {
		r.label.Hide()
		r.cell.Hide()
	}
}

// fieldGrid lays rows out as a form: labels right-aligned in one column, fields in the other;
// hidden rows take no room.
func fieldGrid(rows ...*fieldRow) *fyne.Container {
	objects := make([]fyne.CanvasObject, 0, 2*len(rows))
	for _, r := range rows {
		objects = append(objects, r.label, r.cell)
	}
	return container.New(layout.NewFormLayout(), objects...)
}

// hintLayout puts a field's hint right under it, in small type, as Fyne's form does, with
// less space between them than between rows.
type hintLayout struct{}

func (hintLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	field, hint := objects[0], objects[1]
	h := field.MinSize().Height
	field.Move(fyne.NewPos(0, 0))
	field.Resize(fyne.NewSize(size.Width, h))
	hint.Move(fyne.NewPos(0, h-theme.Padding()))
	hint.Resize(fyne.NewSize(size.Width, hint.MinSize().Height))
}

func (hintLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	field := objects[0].MinSize()
	if !objects[1].Visible() {
		return field
	}
	hint := objects[1].MinSize()
	return fyne.NewSize(fyne.Max(field.Width, hint.Width), field.Height+hint.Height-theme.Padding())
}
