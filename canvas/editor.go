package canvas

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"

	"journeymap/canvas/form"
	"journeymap/canvas/mapview"
	"journeymap/canvas/scene"
	"journeymap/journey"
	"journeymap/storage/document"
)

// Editor turns what the user does on a map into edits of the document: it keeps the
// selection (a cell always, and the cards and pain points picked), types cards in place,
// deletes, copies and pastes. It changes nothing itself: every change is an edit the
// document applies, makes durable and can undo.
type Editor struct {
	// OnMessage shows a line in the status bar: why an edit was refused, what was undone.
	OnMessage func(msg string)
	// OnStepRefused is called when an undo or redo was refused, and so dropped from its list.
	OnStepRefused func()
	// Window is where menus and questions open.
	Window fyne.Window
	// Confirm asks before something that holds cards is deleted; nil asks in a dialog.
	Confirm func(title, message string, ok func())
	// OnHelp shows the sheet of shortcuts (F1).
	OnHelp func()
	// OnPresent starts presenter mode (F5).
	OnPresent func()

	doc    *document.Document
	m      *mapview.Map
	stop   func() // stops watching the document
	sel    mapview.Selection
	text   *textEditor // the in-place editor while one is open
	target editTarget  // what it edits
	copied []clipItem  // what Copy took, pasted as items while the clipboard still holds its text
	clip   string      // the plain text Copy put on the clipboard
	drag   dragState
	narrow *scene.Key // one of several picked, pressed: picked alone unless the press becomes a drag
}

// editTarget is what an open text editor edits: an item, a new one in a cell, or the name
// of a stage or lane.
type editTarget struct {
	journey     string // the journey the editor was opened on
	item        scene.Key
	stage, lane string
	rename      renameKind
	id          string // the stage or lane renamed
	// card and pain are the card or pain point edited as it was when the editor opened (or
	// last refused a change): the edit changes what was typed on that, so that another desk's
	// change of it meanwhile is merged, or refused when it changed the text too, never lost.
	card *journey.Card
	pain *journey.PainPoint
}

type renameKind uint8

const (
	renameNone renameKind = iota
	renameStage
	renameLane
)

// NewEditor lets the user edit the map's journeys through the document.
func NewEditor(doc *document.Document, m *mapview.Map) *Editor {
	e := &Editor{doc: doc, m: m, OnMessage: func(string) {}}
	m.SetInput(e)
	e.stop = doc.Watch(func(document.Change) { e.reselect() })
	e.reselect()
	return e
}

// Close commits what is being typed and stops following the document.
func (e *Editor) Close() {
	e.close()
	e.stop()
}

// Commit saves what is being typed, if anything: before the map shows another journey.
func (e *Editor) Commit() { e.close() }

func (e *Editor) workspace() *journey.Workspace { return e.doc.Workspace() }

func (e *Editor) journeyID() string { return e.m.JourneyID() }

// Selection is what is selected.
func (e *Editor) Selection() mapview.Selection { return e.sel }

// JourneyShown starts a journey afresh: its first visible lane at its first stage selected.
func (e *Editor) JourneyShown() {
	e.close()
	e.sel = mapview.Selection{}
	e.reselect()
}

// reselect keeps the selection to what the map still shows: a cell that is gone gives way
// to the first one, picked items that are gone are dropped.
func (e *Editor) reselect() {
	s := e.m.Scene()
	if !s.HasCell(e.sel.Stage, e.sel.Lane) {
		e.sel.Stage, e.sel.Lane, _ = s.FirstCell()
	}
	e.sel.Items = slices.DeleteFunc(e.sel.Items, func(k scene.Key) bool { _, ok := s.Bounds(k); return !ok })
	e.m.KeepSelection(e.sel)
}

func (e *Editor) selectCell(stage, lane string, items []scene.Key) {
	e.sel = mapview.Selection{Stage: stage, Lane: lane, Items: items}
	e.m.SetSelection(e.sel)
	if b, ok := e.m.Scene().CellBounds(stage, lane); ok {
		b.H = min(b.H, 200) // a tall cell: enough of its top to see it selected
		e.m.ScrollToShow(b)
	}
}

// Pressed selects what is under the pointer: a card or pain point (Ctrl adds or removes it
// from those picked, Shift adds it), or an empty spot's cell.
func (e *Editor) Pressed(at scene.Point, mods fyne.KeyModifier) {
	e.close()
	s := e.m.Scene()
	many := mods&(fyne.KeyModifierShortcutDefault|fyne.KeyModifierControl|fyne.KeyModifierShift) != 0
	if stage, ok := s.EmotionAt(at); ok {
		e.pickEmotion(stage)
		return
	}
	if k, ok := s.ItemAt(at); ok {
		stage, lane, _ := s.CellOf(k)
		items := []scene.Key{k}
		if !many && len(e.sel.Items) > 1 && slices.Contains(e.sel.Items, k) {
			// One of several picked: they stay picked for a drag to take them all, and a
			// click picks it alone when the button goes up.
			e.narrow = &k
			return
		}
		if many {
			items = slices.Clone(e.sel.Items)
			if i := slices.Index(items, k); i >= 0 && mods&fyne.KeyModifierShift == 0 {
				items = slices.Delete(items, i, i+1)
			} else if i < 0 {
				items = append(items, k)
			}
		}
		e.selectCell(stage, lane, items)
		return
	}
	if stage, lane, ok := s.CellAt(at); ok {
		items := []scene.Key(nil)
		if many {
			items = e.sel.Items
		}
		e.selectCell(stage, lane, items)
	}
}

// Released picks alone the one of several picked that was clicked without a drag.
func (e *Editor) Released() {
	if k := e.narrow; k != nil {
		e.narrow = nil
		stage, lane, _ := e.m.Scene().CellOf(*k)
		e.selectCell(stage, lane, []scene.Key{*k})
	}
}

// DoubleTapped edits what is under the pointer — a card, a stage's or lane's name — or
// starts a new card in an empty spot.
func (e *Editor) DoubleTapped(at scene.Point) {
	s := e.m.Scene()
	if e.renameAt(at) {
		return
	}
	if k, ok := s.ItemAt(at); ok {
		e.Edit(k)
		return
	}
	if stage, lane, ok := s.CellAt(at); ok {
		e.selectCell(stage, lane, nil)
		e.NewItem()
	}
}

func (e *Editor) TypedKey(ev *fyne.KeyEvent) {
	s := e.m.Scene()
	move := func(dx, dy int) {
		stage, lane := s.Neighbour(e.sel.Stage, e.sel.Lane, dx, dy)
		e.selectCell(stage, lane, nil)
	}
	if emotion, ok := e.pickedEmotion(); ok {
		// The emotion point is picked: Up and Down change its score, Left and Right go to the
		// next stage's point.
		switch ev.Name {
		case fyne.KeyUp:
			e.nudgeEmotion(emotion, 1)
			return
		case fyne.KeyDown:
			e.nudgeEmotion(emotion, -1)
			return
		case fyne.KeyLeft, fyne.KeyRight:
			dx := map[fyne.KeyName]int{fyne.KeyLeft: -1, fyne.KeyRight: 1}[ev.Name]
			stage, _ := s.Neighbour(emotion, e.sel.Lane, dx, 0)
			e.pickEmotion(stage)
			return
		}
	}
	switch ev.Name {
	case fyne.KeyLeft:
		move(-1, 0)
	case fyne.KeyRight:
		move(1, 0)
	case fyne.KeyUp:
		move(0, -1)
	case fyne.KeyDown:
		move(0, 1)
	case fyne.KeyTab:
		e.tab(e.m.ShiftHeld())
	case fyne.KeyReturn, fyne.KeyEnter:
		switch {
		case s.IsEmotionLane(e.sel.Lane) && len(e.sel.Items) == 0:
			e.pickEmotion(e.sel.Stage)
		case len(e.sel.Items) == 1 && e.sel.Items[0].Kind != scene.KindEmotion:
			e.Edit(e.sel.Items[0])
		case len(e.sel.Items) == 0:
			e.NewItem()
		}
	case fyne.KeyDelete, fyne.KeyBackspace:
		e.Delete()
	case fyne.KeyEscape:
		e.selectCell(e.sel.Stage, e.sel.Lane, nil)
	case fyne.KeyF1:
		if e.OnHelp != nil {
			e.OnHelp()
		}
	case fyne.KeyF2:
		if e.m.ShiftHeld() {
			e.RenameSelectedLane()
		} else {
			e.RenameSelectedStage()
		}
	case fyne.KeyF5:
		if e.OnPresent != nil {
			e.OnPresent()
		}
	}
}

// pickEmotion picks a stage's emotion point, giving the stage a score of 0 when it has none,
// so that Up and Down have something to move.
func (e *Editor) pickEmotion(stage string) {
	lane := e.emotionLane()
	w, id := e.workspace(), e.journeyID()
	if _, ok := w.Journey(id).Emotion(stage); !ok {
		if !e.try(journey.Put(w, id, journey.Emotion{Stage: stage, Score: 0}, -1)) {
			return
		}
	}
	e.selectCell(stage, lane, []scene.Key{{Kind: scene.KindEmotion, ID: stage}})
}

// pickedEmotion is the stage whose emotion point is picked, if one is.
func (e *Editor) pickedEmotion() (string, bool) {
	if len(e.sel.Items) == 1 && e.sel.Items[0].Kind == scene.KindEmotion {
		return e.sel.Items[0].ID, true
	}
	return "", false
}

// nudgeEmotion raises or lowers a stage's score by one, within -2..+2.
func (e *Editor) nudgeEmotion(stage string, by int) {
	w, id := e.workspace(), e.journeyID()
	score, _ := w.Journey(id).Emotion(stage)
	if score+by < -2 || score+by > 2 {
		return
	}
	e.try(journey.Put(w, id, journey.Emotion{Stage: stage, Score: score + by}, -1))
}

// TypedRune starts a new card with the character typed, as a spreadsheet starts a cell; on
// one picked card or pain point it goes on typing at the end of its text (nothing typed is
// lost to a pick, and Esc still takes it back). A space starts nothing: no text begins with
// one, and Space pressed on a dialog's button arrives here too, as the character that
// follows the key, once the dialog has closed.
func (e *Editor) TypedRune(r rune) {
	if r <= ' ' || e.m.Scene().IsEmotionLane(e.sel.Lane) {
		return
	}
	if len(e.sel.Items) == 1 && e.sel.Items[0].Kind != scene.KindEmotion {
		e.Edit(e.sel.Items[0])
	} else {
		e.NewItem()
	}
	if e.text != nil {
		e.text.SetText(e.text.Text + string(r))
		e.text.CursorRow, e.text.CursorColumn = e.text.lastPosition()
	}
}

// tab picks the next card or pain point in reading order (lane by lane, stage by stage), or
// the one before with Shift.
func (e *Editor) tab(back bool) {
	s := e.m.Scene()
	order := s.Order()
	if len(order) == 0 {
		return
	}
	i := -1
	if len(e.sel.Items) > 0 {
		i = slices.Index(order, e.sel.Items[len(e.sel.Items)-1])
	} else if in := s.ItemsIn(e.sel.Stage, e.sel.Lane); len(in) > 0 && !back {
		i = slices.Index(order, in[0]) - 1
	}
	switch {
	case back && i <= 0:
		i = len(order) - 1
	case back:
		i--
	case i+1 >= len(order):
		i = 0
	default:
		i++
	}
	k := order[i]
	stage, lane, _ := s.CellOf(k)
	e.selectCell(stage, lane, []scene.Key{k})
	if b, ok := s.Bounds(k); ok {
		e.m.ScrollToShow(b)
	}
}

// NewItem opens a text editor for a new card in the selected cell, or a new pain point's
// title in the pain lane.
func (e *Editor) NewItem() {
	e.close()
	s := e.m.Scene()
	slot, ok := s.Slot(e.sel.Stage, e.sel.Lane, 2)
	if !ok {
		e.OnMessage("Add a stage and a lane first: a card goes in a cell.")
		return
	}
	e.open("", editTarget{stage: e.sel.Stage, lane: e.sel.Lane}, slot)
}

// Edit opens a text editor over a card's text or a pain point's title.
func (e *Editor) Edit(k scene.Key) {
	e.close()
	s := e.m.Scene()
	b, ok := s.Bounds(k)
	j := e.workspace().Journey(e.journeyID())
	if !ok || j == nil {
		return
	}
	text := ""
	if k.Kind == scene.KindCard {
		c, _ := find(j.Cards, k.ID)
		text = c.Text
	} else {
		p, _ := find(j.PainPoints, k.ID)
		text = p.Title
	}
	stage, lane, _ := s.CellOf(k)
	e.selectCell(stage, lane, []scene.Key{k})
	e.open(text, editTarget{item: k, stage: stage, lane: lane}, b)
}

func find[T journey.Item](items []T, id string) (T, bool) {
	if i := journey.Index(items, id); i >= 0 {
		return items[i], true
	}
	var zero T
	return zero, false
}

func (e *Editor) open(text string, target editTarget, at scene.Rect) {
	t := newTextEditor(text)
	t.OnCommit = func(s string) { e.commit(t, s) }
	t.OnCancel = func() { e.finished(t) }
	what, limit := e.limitOf(target)
	t.OnChanged = func(s string) {
		// Said while typing, not first at Enter: the text is the user's to shorten.
		if n := utf8.RuneCountInString(s); n > limit {
			e.OnMessage(fmt.Sprintf("%s holds at most %s characters: this is %s, %d too many.",
				what, form.Thousands(limit), form.Thousands(n), n-limit))
		}
	}
	target.journey = e.journeyID()
	target.card, target.pain = e.snapshot(target)
	e.text, e.target = t, target
	e.m.ShowEditor(t, at)
	e.m.ScrollToShow(at)
	if c := fyne.CurrentApp().Driver().CanvasForObject(e.m); c != nil {
		c.Focus(t)
	}
}

// limitOf is what a text editor's target is called and how many characters it holds: a
// card's text is a text, a pain point's title and a stage's or lane's name are names.
func (e *Editor) limitOf(tg editTarget) (string, int) {
	switch {
	case tg.rename != renameNone:
		return "A name", journey.MaxNameRunes
	case tg.item.Kind == scene.KindPain, tg.item.Kind == "" && e.m.Scene().IsPainLane(tg.lane):
		return "A pain point's title", journey.MaxNameRunes
	}
	return "A card", journey.MaxTextRunes
}

// selectAllTyped selects all the open editor's text, so that typing replaces a default name.
func (e *Editor) selectAllTyped() {
	if e.text != nil {
		e.text.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
}

// Editing reports whether a text editor is open on the map.
func (e *Editor) Editing() bool { return e.text != nil }

// close commits an open text editor.
func (e *Editor) close() {
	if e.text != nil {
		e.text.FocusLost()
	}
}

// finished takes a text editor away and gives the keyboard back to the map.
func (e *Editor) finished(t *textEditor) {
	if e.text != t {
		return
	}
	e.text = nil
	e.m.ShowEditor(nil, scene.Rect{})
	e.m.TakeKeyboard()
}

// commit turns what was typed into an edit. A new card with nothing typed is no card; a
// refused edit leaves the editor open with the reason in the status bar.
func (e *Editor) commit(t *textEditor, text string) {
	if e.text != t {
		return
	}
	edit, err := e.textEdit(strings.TrimRight(text, "\n"))
	if err == nil && edit != nil {
		err = e.doc.Do(edit)
	}
	if errors.Is(err, journey.ErrConflict) && (e.target.card != nil || e.target.pain != nil) && e.target.journey == e.journeyID() {
		// Changed meanwhile, the typed field too: said, with what it now reads, and the
		// typing kept; Enter again puts it in place of theirs, on the item as it is now.
		e.target.card, e.target.pain = e.snapshot(e.target)
		now := ""
		if e.target.card != nil {
			now = e.target.card.Text
		} else if e.target.pain != nil {
			now = e.target.pain.Title
		}
		who := e.doc.ChangedBy(edit.Touches())
		if who == "" {
			who = "Someone"
		}
		e.OnMessage(fmt.Sprintf("%s changed it while you typed: it now reads “%s”. Enter puts yours in its place; Esc keeps theirs.", who, journey.Clipped(now)))
		t.reopen()
		return
	}
	if err != nil {
		e.OnMessage(document.Refusal(err))
		if errors.Is(err, journey.ErrInvalid) && e.target.journey == e.journeyID() {
			t.reopen()
			return
		}
	}
	e.finished(t)
	if err == nil && edit != nil && e.target.item.Kind == "" && e.target.rename == renameNone {
		// Select what was just added, so Enter edits it and Tab goes on from it.
		for _, r := range edit.Touches() {
			if r.Kind == journey.RefCard || r.Kind == journey.RefPainPoint {
				kind := scene.KindCard
				if r.Kind == journey.RefPainPoint {
					kind = scene.KindPain
				}
				e.selectCell(e.target.stage, e.target.lane, []scene.Key{{Kind: kind, ID: r.ID}})
			}
		}
	}
}

// textEdit is the edit that puts the text where the open editor's target says, or nil when
// it changes nothing.
func (e *Editor) textEdit(text string) (journey.Edit, error) {
	w, tg := e.workspace(), e.target
	id := tg.journey
	j := w.Journey(id)
	if j == nil {
		return nil, nil
	}
	if tg.rename != renameNone {
		return e.renameEdit(tg, text)
	}
	switch {
	case tg.item.Kind == scene.KindCard:
		if _, ok := find(j.Cards, tg.item.ID); !ok || tg.card == nil || tg.card.Text == text {
			return nil, nil
		}
		c := *tg.card
		c.Text = text
		return typedOver(journey.Put(w, id, c, -1))(tg.card)
	case tg.item.Kind == scene.KindPain:
		if _, ok := find(j.PainPoints, tg.item.ID); !ok || tg.pain == nil || tg.pain.Title == text {
			return nil, nil
		}
		p := *tg.pain
		p.Title = text
		return typedOver(journey.Put(w, id, p, -1))(tg.pain)
	case strings.TrimSpace(text) == "":
		return nil, nil
	case e.m.Scene().IsPainLane(tg.lane):
		return journey.Put(w, id, journey.NewPainPoint(tg.stage, text, time.Now()), -1)
	}
	return journey.Put(w, id, journey.Card{ID: journey.NewID("c"), Lane: tg.lane, Stage: tg.stage, Text: text}, -1)
}

// snapshot is the card or pain point the target names, as it is now.
func (e *Editor) snapshot(tg editTarget) (*journey.Card, *journey.PainPoint) {
	j := e.workspace().Journey(tg.journey)
	if j == nil {
		return nil, nil
	}
	switch tg.item.Kind {
	case scene.KindCard:
		if c, ok := find(j.Cards, tg.item.ID); ok {
			return &c, nil
		}
	case scene.KindPain:
		if p, ok := find(j.PainPoints, tg.item.ID); ok {
			return nil, &p
		}
	}
	return nil, nil
}

// typedOver makes a put of an item the change of what was typed over the item as it was
// when typing began: applied, it stands on the typed field and keeps what changed meanwhile
// elsewhere, or is refused as a conflict when that field changed too.
func typedOver[T journey.Item](e journey.ItemEdit[T], err error) func(*T) (journey.Edit, error) {
	return func(began *T) (journey.Edit, error) {
		if err != nil {
			return nil, err
		}
		e.Before = began
		return e, nil
	}
}

// Delete deletes the picked cards, pain points and emotion scores, as one undoable edit.
func (e *Editor) Delete() {
	if len(e.sel.Items) == 0 {
		return
	}
	var ids [3][]string
	for _, k := range e.sel.Items {
		switch k.Kind {
		case scene.KindCard:
			ids[0] = append(ids[0], k.ID)
		case scene.KindPain:
			ids[1] = append(ids[1], k.ID)
		case scene.KindEmotion:
			ids[2] = append(ids[2], k.ID)
		}
	}
	document.Attempt(e.OnMessage, e.doc.Do)(journey.DeleteItems(e.workspace(), e.journeyID(), ids[0], ids[1], ids[2]))
}

func (e *Editor) do(edit journey.Edit) { document.Attempt(e.OnMessage, e.doc.Do)(edit, nil) }

// Undo takes back typing in an open text editor, or else the last edit made.
func (e *Editor) Undo() { e.step(&fyne.ShortcutUndo{}, e.doc.Undo, "Undone") }

// Redo applies again typing undone in an open text editor, or else the edit undone last.
func (e *Editor) Redo() { e.step(&fyne.ShortcutRedo{}, e.doc.Redo, "Redone") }

// step sends the shortcut to an open text editor, where it acts on the typing, or else takes
// the document's step and says what it did.
func (e *Editor) step(typing fyne.Shortcut, do func() (string, error), done string) {
	if e.text != nil {
		e.text.TypedShortcut(typing)
		return
	}
	label, err := do()
	if err != nil && e.OnStepRefused != nil {
		e.OnStepRefused() // the step is gone from its list: the Edit menu names the next
	}
	switch {
	case err != nil:
		e.OnMessage(capitalised(err.Error()) + ".")
	case label != "":
		e.OnMessage(done + ": " + label + ".")
	case done == "Undone":
		e.OnMessage("Nothing to undo.")
	default:
		e.OnMessage("Nothing to redo.")
	}
}
