package canvas

import (
	"fmt"
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"journeymap/canvas/form"
	"journeymap/journey"
)

// The journeys of the workspace, from the Journey menu and the sidebar: each change is one
// undoable edit of the document.

// newJourneyShortcut is Ctrl+Shift+N (Cmd on macOS): Ctrl+N is a new card.
var newJourneyShortcut = desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}

// addStageBefore and addStageAfter are Ctrl+Shift+← and → (Cmd on macOS): a stage beside the
// selected cell's, named in place, with no mouse.
var (
	addStageBefore = desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	addStageAfter  = desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
)

func (mw *MainWindow) journeyIndex(id string) int {
	return journey.Index(mw.doc.Workspace().Journeys, id)
}

// NewJourney adds a blank journey with the standard lanes after the one on show, shows it,
// and asks for its title, persona and vision.
func (mw *MainWindow) NewJourney() {
	j := journey.BlankJourney("New journey")
	if mw.addJourney(j) {
		mw.editJourney(func() {
			// Cancelled before it was named: the journey the dialog was for goes again.
			if label, _ := mw.doc.CanUndo(); label == "Add journey" && mw.Map.JourneyID() == j.ID {
				if err := mw.doc.Retract(); err != nil {
					mw.say(err.Error())
				}
			}
		})
	}
}

// DuplicateJourney adds a copy of the journey on show after it, and shows the copy.
func (mw *MainWindow) DuplicateJourney() {
	if j := mw.doc.Workspace().Journey(mw.Map.JourneyID()); j != nil {
		mw.addJourney(journey.CopyOf(j))
	}
}

func (mw *MainWindow) addJourney(j journey.Journey) bool {
	at := mw.journeyIndex(mw.Map.JourneyID()) + 1
	if !mw.Editor.try(journey.Put(mw.doc.Workspace(), "", j, at)) {
		return false
	}
	mw.selectJourney(mw.journeyIndex(j.ID))
	return true
}

// EditJourney asks for the title, persona and shared vision of the journey on show.
func (mw *MainWindow) EditJourney() { mw.editJourney(nil) }

// editJourney asks as EditJourney does, and calls cancelled when the dialog is cancelled.
func (mw *MainWindow) editJourney(cancelled func()) {
	id := mw.Map.JourneyID()
	j := mw.doc.Workspace().Journey(id)
	if j == nil {
		return
	}
	title, persona, vision := form.NewField(), form.NewText(2), form.NewText(2)
	title.SetText(j.Title)
	persona.SetText(j.Persona)
	vision.SetText(j.Vision)
	title.Validator = form.Limit("The title", journey.MaxNameRunes, true)
	persona.Validator = form.Limit("The persona", journey.MaxTextRunes, false)
	vision.Validator = form.Limit("The vision", journey.MaxTextRunes, false)
	vision.SetPlaceHolder("One line customers and staff would both sign")
	// The id is what the command line's -journey takes: shown, selectable, and copied by a click.
	idText := widget.NewLabel(j.ID)
	idText.Selectable = true
	copyID := widget.NewButtonWithIcon("Copy", theme.ContentCopyIcon(), func() { mw.CopyJourneyID() })
	items := []*widget.FormItem{
		widget.NewFormItem("Title", title),
		widget.NewFormItem("Persona", persona),
		widget.NewFormItem("Shared vision", vision),
		widget.NewFormItem("Id", container.NewBorder(nil, nil, nil, copyID, idText)),
	}
	d := dialog.NewForm("Journey", "Save", "Cancel", items, func(ok bool) {
		if ok {
			mw.setJourneyInfo(id, journey.JourneyInfo{Title: title.Text, Persona: persona.Text, Vision: vision.Text})
		} else if cancelled != nil {
			cancelled()
		}
	}, mw)
	d.SetOnClosed(mw.keysToMap)
	form.EnterSubmits(d, &title.Entry)
	form.EscapeCancels(d.Hide, title, persona, vision)
	d.Resize(fyne.NewSize(520, 380))
	d.Show()
	mw.Canvas().Focus(title)
	title.TypedShortcut(&fyne.ShortcutSelectAll{}) // typing replaces "New journey", as a dialog's first field does
	mw.journeyForm = d
}

// CopyJourneyID puts the id of the journey on show on the clipboard, for the command line's
// -journey, and says so.
func (mw *MainWindow) CopyJourneyID() {
	id := mw.Map.JourneyID()
	if id == "" {
		mw.say("No journey on show: nothing to copy.")
		return
	}
	mw.app.Clipboard().SetContent(id)
	mw.say("Copied the journey's id " + journey.Printable(id) + ", as the command line's -journey takes it.")
}

func (mw *MainWindow) setJourneyInfo(id string, info journey.JourneyInfo) {
	w := mw.doc.Workspace()
	if j := w.Journey(id); j == nil || j.Info() == info {
		return
	}
	mw.Editor.try(journey.EditJourneyInfo(w, id, info))
}

// MoveJourney moves the journey on show up (by -1) or down (by 1) the list.
func (mw *MainWindow) MoveJourney(by int) {
	i := mw.journeyIndex(mw.Map.JourneyID())
	if i >= 0 {
		mw.moveJourneyTo(i, i+by)
	}
}

// moveJourneyTo moves journey from to place to in the list, and shows it.
func (mw *MainWindow) moveJourneyTo(from, to int) {
	w := mw.doc.Workspace()
	if from < 0 || from >= len(w.Journeys) || to < 0 || to == from {
		return
	}
	to = min(to, len(w.Journeys)-1)
	id := w.Journeys[from].ID
	if mw.Editor.try(journey.Reorder[journey.Journey](w, "", id, to)) {
		mw.selectJourney(to)
	}
}

// DeleteJourney deletes the journey on show after asking; undo brings it back whole.
func (mw *MainWindow) DeleteJourney() {
	id := mw.Map.JourneyID()
	j := mw.doc.Workspace().Journey(id)
	if j == nil {
		return
	}
	held := fmt.Sprintf("It holds %s and %s, which go with it. Undo brings them back.",
		journey.Plural(len(j.Cards), "card"), journey.Plural(len(j.PainPoints), "pain point"))
	mw.Editor.ask(fmt.Sprintf("Delete journey “%s”?", j.Title), held, func() {
		i := mw.journeyIndex(id)
		if !mw.Editor.try(journey.Remove[journey.Journey](mw.doc.Workspace(), "", id)) {
			return
		}
		n := len(mw.doc.Workspace().Journeys)
		mw.list.UnselectAll()
		if n == 0 {
			mw.show(-1)
			return
		}
		mw.selectJourney(min(i, n-1))
	})
}

func (mw *MainWindow) journeyMenu() *fyne.Menu {
	item := func(label string, do func(), shortcut fyne.Shortcut) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, do)
		it.Shortcut = shortcut
		return it
	}
	return fyne.NewMenu("Journey",
		item("New Journey", mw.NewJourney, &newJourneyShortcut),
		fyne.NewMenuItem("Duplicate Journey", mw.DuplicateJourney),
		fyne.NewMenuItem("Title, Persona and Vision…", mw.EditJourney),
		fyne.NewMenuItem("Copy Journey Id", mw.CopyJourneyID),
		fyne.NewMenuItemSeparator(),
		item("Add Stage Before", func() { mw.Editor.AddStageBeside(0) }, &addStageBefore),
		item("Add Stage After", func() { mw.Editor.AddStageBeside(1) }, &addStageAfter),
		item("Rename Stage", mw.Editor.RenameSelectedStage, &desktop.CustomShortcut{KeyName: fyne.KeyF2}),
		item("Rename Lane", mw.Editor.RenameSelectedLane, &desktop.CustomShortcut{KeyName: fyne.KeyF2, Modifier: fyne.KeyModifierShift}),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Move Journey Up", func() { mw.MoveJourney(-1) }),
		fyne.NewMenuItem("Move Journey Down", func() { mw.MoveJourney(1) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Delete Journey…", mw.DeleteJourney),
	)
}

// NewJourneyList lists the workspace's journeys: title, persona, and pain points split by
// discovery. A journey dragged up or down the list is moved there by onMove.
func NewJourneyList(w *journey.Workspace, onMove func(from, to int)) *widget.List {
	return widget.NewList(
		func() int { return len(w.Journeys) },
		func() fyne.CanvasObject { return newJourneyRow(onMove) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			j := &w.Journeys[i]
			r := o.(*journeyRow)
			r.index = i
			r.title.SetText(j.Title)
			r.persona.SetText(j.Persona)
			d := j.Discovered()
			split := fmt.Sprintf("%s known, %s unknown", grouped(d.Known), grouped(d.Unknown))
			r.painsSaid = [2]string{fmt.Sprintf("%s pain point%s: %s", grouped(d.All()), plural(d.All()), split), split}
			r.fitPains()
		})
}

// grouped writes a count with its thousands set apart, as 20,004: read at a glance.
func grouped(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// journeyRow is one journey in the sidebar. Dragged up or down, it moves its journey to the
// row it is let go over.
type journeyRow struct {
	widget.BaseWidget
	title, persona, pains *widget.Label
	// painsSaid is the pain points' line in full, then without the total, for a sidebar too
	// narrow for the full one: "20,007 pain points: 3 known, 20,004 unknown" would be cut
	// to "…20,004 un…" and lose what matters most.
	painsSaid [2]string
	index     int
	dy        float32
	onMove    func(from, to int)
}

var _ fyne.Draggable = (*journeyRow)(nil)

func newJourneyRow(onMove func(from, to int)) *journeyRow {
	r := &journeyRow{onMove: onMove,
		title:   widget.NewLabelWithStyle("Journey title", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		persona: widget.NewLabelWithStyle("Persona", fyne.TextAlignLeading, fyne.TextStyle{Italic: true}),
		pains:   widget.NewLabel("Pain points")}
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.persona.Truncation = fyne.TextTruncateEllipsis
	r.pains.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

// Resize lays the row out at size and says the pain points in the longest form that fits.
func (r *journeyRow) Resize(size fyne.Size) {
	r.BaseWidget.Resize(size)
	r.fitPains()
}

func (r *journeyRow) fitPains() {
	room := r.Size().Width - 2*theme.InnerPadding()
	said := r.painsSaid[0]
	if fyne.MeasureText(said, theme.TextSize(), r.pains.TextStyle).Width > room && r.Size().Width > 0 {
		said = r.painsSaid[1]
	}
	if said != r.pains.Text {
		r.pains.SetText(said)
	}
}

func (r *journeyRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), r.title, r.persona, r.pains))
}

// Dragged follows the pointer up or down the list.
func (r *journeyRow) Dragged(ev *fyne.DragEvent) { r.dy += ev.Dragged.DY }

// DragEnd moves the journey to the row under the pointer.
func (r *journeyRow) DragEnd() {
	step := r.Size().Height + theme.Padding()
	to := r.index + int(math.Round(float64(r.dy/step)))
	r.dy = 0
	if to != r.index && r.onMove != nil {
		r.onMove(r.index, max(to, 0))
	}
}
