package canvas

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"journeymap/canvas/scene"
	"journeymap/journey"
	"journeymap/storage/document"
)

// What a right click or a double click on the map's headers does: stages and lanes are
// added, renamed in place, moved, hidden, given another kind and deleted, each one edit.

// SecondaryTapped opens the menu of what is under the pointer.
func (e *Editor) SecondaryTapped(at scene.Point, onCanvas fyne.Position) {
	e.close()
	s := e.m.Scene()
	var menu *fyne.Menu
	if stage, ok := s.StageAt(at); ok {
		menu = e.stageMenu(stage)
	} else if lane, ok := s.LaneAt(at); ok {
		menu = e.laneMenu(lane)
	} else if k, ok := s.ItemAt(at); ok {
		if !slices.Contains(e.sel.Items, k) {
			e.Pressed(at, 0)
		}
		menu = e.itemMenu(k)
	} else if _, _, ok := s.CellAt(at); ok {
		e.Pressed(at, 0)
		menu = e.cellMenu()
	}
	if menu == nil || e.Window == nil {
		return
	}
	widget.ShowPopUpMenuAtPosition(menu, e.Window.Canvas(), onCanvas)
}

// renameAt opens a text editor over a header when the point is on one, and says whether it was.
func (e *Editor) renameAt(at scene.Point) bool {
	s := e.m.Scene()
	if stage, ok := s.StageAt(at); ok {
		e.RenameStage(stage)
		return true
	}
	if lane, ok := s.LaneAt(at); ok {
		e.RenameLane(lane)
		return true
	}
	return false
}

// RenameStage edits a stage's name in place, over its header.
func (e *Editor) RenameStage(id string) {
	j := e.workspace().Journey(e.journeyID())
	b, ok := e.m.Scene().StageHeader(id)
	st, found := find(j.Stages, id)
	if !ok || !found {
		return
	}
	e.open(st.Name, editTarget{rename: renameStage, id: id}, b)
	e.selectAllTyped() // as a file is renamed: typing replaces the name, an arrow keeps it
}

// RenameLane edits a lane's name in place, over its label.
func (e *Editor) RenameLane(id string) {
	j := e.workspace().Journey(e.journeyID())
	b, ok := e.m.Scene().LaneLabel(id)
	l, found := find(j.Lanes, id)
	if !ok || !found {
		return
	}
	e.open(l.Name, editTarget{rename: renameLane, id: id}, b)
	e.selectAllTyped()
}

// renameEdit is the edit that gives a stage or lane the name typed.
func (e *Editor) renameEdit(tg editTarget, text string) (journey.Edit, error) {
	w, id := e.workspace(), tg.journey
	j := w.Journey(id)
	name := strings.Join(strings.Fields(text), " ")
	switch tg.rename {
	case renameStage:
		st, ok := find(j.Stages, tg.id)
		if !ok || st.Name == name {
			return nil, nil
		}
		st.Name = name
		return journey.Put(w, id, st, -1)
	default:
		l, ok := find(j.Lanes, tg.id)
		if !ok || l.Name == name {
			return nil, nil
		}
		l.Name = name
		return journey.Put(w, id, l, -1)
	}
}

func (e *Editor) stageMenu(stage string) *fyne.Menu {
	j := e.workspace().Journey(e.journeyID())
	i := journey.Index(j.Stages, stage)
	left := fyne.NewMenuItem("Move Left", func() { e.reorderStage(stage, i-1) })
	right := fyne.NewMenuItem("Move Right", func() { e.reorderStage(stage, i+1) })
	left.Disabled, right.Disabled = i == 0, i == len(j.Stages)-1
	return fyne.NewMenu("",
		fyne.NewMenuItem("Rename Stage", func() { e.RenameStage(stage) }),
		fyne.NewMenuItem("Add Stage Before", func() { e.AddStage(i) }),
		fyne.NewMenuItem("Add Stage After", func() { e.AddStage(i + 1) }),
		fyne.NewMenuItemSeparator(),
		left, right,
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Delete Stage…", func() { e.DeleteStage(stage) }),
	)
}

func (e *Editor) laneMenu(lane string) *fyne.Menu {
	j := e.workspace().Journey(e.journeyID())
	i := journey.Index(j.Lanes, lane)
	l := j.Lanes[i]
	var kinds []*fyne.MenuItem
	for _, k := range journey.LaneKinds {
		it := fyne.NewMenuItem(capitalised(scene.LaneKindWords[k]), func() { e.SetLaneKind(lane, k) })
		it.Checked = k == l.Kind
		kinds = append(kinds, it)
	}
	kind := fyne.NewMenuItem("Kind", nil)
	kind.ChildMenu = fyne.NewMenu("", kinds...)
	up := fyne.NewMenuItem("Move Up", func() { e.reorderLane(lane, i-1) })
	down := fyne.NewMenuItem("Move Down", func() { e.reorderLane(lane, i+1) })
	up.Disabled, down.Disabled = i == 0, i == len(j.Lanes)-1
	items := []*fyne.MenuItem{
		fyne.NewMenuItem("Rename Lane", func() { e.RenameLane(lane) }),
		kind,
		fyne.NewMenuItem("Hide Lane", func() { e.SetLaneHidden(lane, true) }),
	}
	var hidden []*fyne.MenuItem
	for _, h := range j.Lanes {
		if h.Hidden {
			hidden = append(hidden, fyne.NewMenuItem(h.Name, func() { e.SetLaneHidden(h.ID, false) }))
		}
	}
	if len(hidden) > 0 {
		show := fyne.NewMenuItem("Show Hidden Lane", nil)
		show.ChildMenu = fyne.NewMenu("", hidden...)
		items = append(items, show)
	}
	items = append(items,
		fyne.NewMenuItem("Add Lane Below", func() { e.AddLane(i + 1) }),
		fyne.NewMenuItemSeparator(), up, down,
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Delete Lane…", func() { e.DeleteLane(lane) }))
	return fyne.NewMenu("", items...)
}

func (e *Editor) itemMenu(k scene.Key) *fyne.Menu {
	clip := fyne.CurrentApp().Clipboard
	items := []*fyne.MenuItem{fyne.NewMenuItem("Edit Text", func() { e.Edit(k) })}
	if k.Kind == scene.KindCard {
		var colours []*fyne.MenuItem
		for _, c := range journey.CardColors {
			label := string(c)
			if c == "" {
				label = "none"
			}
			colours = append(colours, fyne.NewMenuItem(capitalised(label), func() { e.SetColor(c) }))
		}
		tag := fyne.NewMenuItem("Colour Tag", nil)
		tag.ChildMenu = fyne.NewMenu("", colours...)
		items = append(items, tag)
	}
	return fyne.NewMenu("", append(items,
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Cut", func() { e.Cut(clip()) }),
		fyne.NewMenuItem("Copy", func() { e.Copy(clip()) }),
		fyne.NewMenuItem("Delete", e.Delete))...)
}

func (e *Editor) cellMenu() *fyne.Menu {
	label := "New Card"
	if e.m.Scene().IsPainLane(e.sel.Lane) {
		label = "New Pain Point"
	}
	return fyne.NewMenu("",
		fyne.NewMenuItem(label, e.NewItem),
		fyne.NewMenuItem("Paste", func() { e.Paste(fyne.CurrentApp().Clipboard()) }))
}

// AddStage adds a stage at index i and starts naming it.
func (e *Editor) AddStage(i int) {
	st := journey.Stage{ID: journey.NewID("s"), Name: "New stage"}
	if e.try(journey.Put(e.workspace(), e.journeyID(), st, i)) {
		// The new stage's cell is selected, so that the next stage added after goes after it.
		if lane := e.sel.Lane; e.m.Scene().HasCell(st.ID, lane) {
			e.selectCell(st.ID, lane, nil)
		}
		e.RenameStage(st.ID)
	}
}

// AddStageBeside adds a stage before (0) or after (1) the selected cell's stage and starts
// naming it; with no stage yet, the journey's first.
func (e *Editor) AddStageBeside(after int) {
	j := e.workspace().Journey(e.journeyID())
	if j == nil {
		e.OnMessage("No journey on show: add one first.")
		return
	}
	i := journey.Index(j.Stages, e.sel.Stage)
	if i < 0 {
		i, after = len(j.Stages), 0
	}
	e.AddStage(i + after)
}

// RenameSelectedStage names anew, in place, the stage of the selected cell (F2).
func (e *Editor) RenameSelectedStage() {
	if e.sel.Stage != "" {
		e.RenameStage(e.sel.Stage)
	}
}

// RenameSelectedLane names anew, in place, the lane of the selected cell (Shift+F2).
func (e *Editor) RenameSelectedLane() {
	if e.sel.Lane != "" {
		e.RenameLane(e.sel.Lane)
	}
}

// AddLane adds a custom lane at index i and starts naming it.
func (e *Editor) AddLane(i int) {
	l := journey.Lane{ID: journey.NewID("l"), Kind: journey.LaneCustom, Name: "New lane"}
	if e.try(journey.Put(e.workspace(), e.journeyID(), l, i)) {
		e.RenameLane(l.ID)
	}
}

func (e *Editor) reorderStage(id string, to int) {
	e.try(journey.Reorder[journey.Stage](e.workspace(), e.journeyID(), id, to))
}

func (e *Editor) reorderLane(id string, to int) {
	e.try(journey.Reorder[journey.Lane](e.workspace(), e.journeyID(), id, to))
}

// SetLaneKind gives a lane another kind.
func (e *Editor) SetLaneKind(id string, kind journey.LaneKind) {
	e.changeLane(id, func(l *journey.Lane) { l.Kind = kind })
}

// SetLaneHidden hides or shows a lane.
func (e *Editor) SetLaneHidden(id string, hidden bool) {
	e.changeLane(id, func(l *journey.Lane) { l.Hidden = hidden })
}

func (e *Editor) changeLane(id string, change func(*journey.Lane)) {
	j := e.workspace().Journey(e.journeyID())
	l, ok := find(j.Lanes, id)
	if !ok {
		return
	}
	change(&l)
	e.try(journey.Put(e.workspace(), e.journeyID(), l, -1))
}

// SetColor tags the picked cards with a colour ("" for none), as one edit.
func (e *Editor) SetColor(c journey.CardColor) {
	w, id := e.workspace(), e.journeyID()
	j := w.Journey(id)
	var edits []journey.Edit
	for _, k := range e.sel.Items {
		card, ok := find(j.Cards, k.ID)
		if k.Kind != scene.KindCard || !ok || card.Color == c {
			continue
		}
		card.Color = c
		edit, err := journey.Put(w, id, card, -1)
		if err != nil {
			e.OnMessage(document.Refusal(err))
			return
		}
		edits = append(edits, edit)
	}
	switch len(edits) {
	case 0:
	case 1:
		e.do(edits[0])
	default:
		e.do(journey.Batch{Name: "Tag cards", Edits: edits})
	}
}

// DeleteStage deletes a stage with what it holds, asking first when it holds anything.
func (e *Editor) DeleteStage(id string) {
	w, jid := e.workspace(), e.journeyID()
	j := w.Journey(jid)
	st, _ := find(j.Stages, id)
	edit, err := journey.DeleteStage(w, jid, id)
	if err != nil {
		e.OnMessage(document.Refusal(err))
		return
	}
	held := countHeld(j, func(c journey.Card) bool { return c.Stage == id }, func(p journey.PainPoint) bool { return p.Stage == id })
	e.confirmed(fmt.Sprintf("Delete stage “%s”?", st.Name), held, func() { e.do(edit) })
}

// DeleteLane deletes a lane with its cards, asking first when it holds any.
func (e *Editor) DeleteLane(id string) {
	w, jid := e.workspace(), e.journeyID()
	j := w.Journey(jid)
	l, _ := find(j.Lanes, id)
	edit, err := journey.DeleteLane(w, jid, id)
	if err != nil {
		e.OnMessage(document.Refusal(err))
		return
	}
	// The only pain lane takes the journey's pain points with it.
	onlyPainLane := l.Kind == journey.LanePain &&
		len(slices.DeleteFunc(slices.Clone(j.Lanes), func(o journey.Lane) bool { return o.Kind != journey.LanePain })) == 1
	held := countHeld(j, func(c journey.Card) bool { return c.Lane == id }, func(journey.PainPoint) bool { return onlyPainLane })
	e.confirmed(fmt.Sprintf("Delete lane “%s”?", l.Name), held, func() { e.do(edit) })
}

// countHeld says what a stage or lane holds, "" for nothing.
func countHeld(j *journey.Journey, card func(journey.Card) bool, pain func(journey.PainPoint) bool) string {
	cards, pains := 0, 0
	for _, c := range j.Cards {
		if card(c) {
			cards++
		}
	}
	for _, p := range j.PainPoints {
		if pain(p) {
			pains++
		}
	}
	var parts []string
	if cards > 0 {
		parts = append(parts, journey.Plural(cards, "card"))
	}
	if pains > 0 {
		parts = append(parts, journey.Plural(pains, "pain point"))
	}
	return strings.Join(parts, " and ")
}

// confirmed runs do at once when nothing would be lost, and otherwise after asking.
func (e *Editor) confirmed(title, held string, do func()) {
	if held == "" {
		do()
		return
	}
	e.ask(title, "It holds "+held+", which go with it. Undo brings them back.", do)
}

// ask asks before a delete, through Confirm when it is set and otherwise in a dialog, and
// runs ok if the answer is yes.
func (e *Editor) ask(title, message string, ok func()) {
	if e.Confirm != nil {
		e.Confirm(title, message, ok)
		return
	}
	d := dialog.NewConfirm(title, message, func(yes bool) {
		if yes {
			ok()
		}
	}, e.Window)
	d.SetConfirmText("Delete")
	d.Show()
}

// try makes an edit the document does, saying why when it can't; it reports success.
func (e *Editor) try(edit journey.Edit, err error) bool {
	return document.Attempt(e.OnMessage, e.doc.Do)(edit, err)
}
