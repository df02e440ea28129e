package canvas

import (
	"fmt"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"journeymap/canvas/export"
	"journeymap/canvas/scene"
	"journeymap/journey"
	"journeymap/journey/journeytest"
	"journeymap/storage"
	"journeymap/storage/document"
)

// editing is a window on a store holding the sample, as the app opens it.
type editing struct {
	t   *testing.T
	a   fyne.App
	dir string
	doc *document.Document
	mw  *MainWindow
}

func openEditing(t *testing.T) *editing {
	t.Helper()
	a := test.NewTempApp(t)
	ed := &editing{t: t, a: a, dir: filepath.Join(t.TempDir(), "store")}
	s, err := storage.Open(ed.dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Replace(journeytest.Sample(t)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	ed.open()
	t.Cleanup(func() {
		ed.mw.Close()
		ed.doc.Close()
	})
	return ed
}

func (ed *editing) open() {
	ed.t.Helper()
	s, err := storage.Open(ed.dir)
	if err != nil {
		ed.t.Fatal(err)
	}
	doc, err := document.New(s)
	if err != nil {
		ed.t.Fatal(err)
	}
	ed.doc = doc
	ed.mw = NewMainWindow(ed.a, doc)
	ed.mw.Resize(fyne.NewSize(1440, 900))
}

// restart closes the store and opens it in a new window, as quitting and starting again does.
func (ed *editing) restart() {
	ed.t.Helper()
	ed.mw.Close()
	ed.doc.Close()
	ed.open()
}

func (ed *editing) shortcut(s fyne.Shortcut) { ed.mw.Canvas().(fyne.Shortcutable).TypedShortcut(s) }

func (ed *editing) ctrl(key fyne.KeyName, mods ...fyne.KeyModifier) {
	m := fyne.KeyModifierShortcutDefault
	for _, x := range mods {
		m |= x
	}
	ed.shortcut(&desktop.CustomShortcut{KeyName: key, Modifier: m})
}

func (ed *editing) key(k fyne.KeyName) { ed.mw.Map.TypedKey(&fyne.KeyEvent{Name: k}) }

func (ed *editing) text() *textEditor {
	ed.t.Helper()
	if ed.mw.Editor.text == nil {
		ed.t.Fatal("no text editor is open")
	}
	return ed.mw.Editor.text
}

func (ed *editing) journey() *journey.Journey {
	return ed.doc.Workspace().Journey(ed.mw.Map.JourneyID())
}

func (ed *editing) card(text string) (journey.Card, bool) {
	cards := ed.journey().Cards
	if i := slices.IndexFunc(cards, func(c journey.Card) bool { return c.Text == text }); i >= 0 {
		return cards[i], true
	}
	return journey.Card{}, false
}

// at is where an item is drawn on the map widget.
func (ed *editing) at(k scene.Key) fyne.Position {
	ed.t.Helper()
	b, ok := ed.mw.Map.Scene().Bounds(k)
	if !ok {
		ed.t.Fatalf("%v is not on the map", k)
	}
	z := ed.mw.Map.Zoom()
	return fyne.NewPos((b.X+4)*z, (b.Y+4)*z)
}

func TestNewCardIsOnDiskWhenEnterIsHandled(t *testing.T) {
	ed := openEditing(t)
	j := ed.journey()
	sel := ed.mw.Editor.Selection()
	if sel.Stage != j.Stages[0].ID || sel.Lane != j.Lanes[0].ID {
		t.Fatalf("a new window selects %q × %q, want the first lane at the first stage", sel.Lane, sel.Stage)
	}
	ed.ctrl(fyne.KeyN)
	test.Type(ed.text(), "Compares couriers")
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	c, ok := ed.card("Compares couriers")
	if !ok || c.Lane != sel.Lane || c.Stage != sel.Stage || ed.mw.Editor.Editing() {
		t.Fatalf("after Ctrl+N, typing and Enter: card %+v %v, editor open %v", c, ok, ed.mw.Editor.Editing())
	}
	if got := ed.mw.Editor.Selection().Items; len(got) != 1 || got[0].ID != c.ID {
		t.Errorf("the new card is not selected: %v", got)
	}
	if ed.mw.undo.Label != "Undo Add card" {
		t.Errorf("Edit menu: %q, want Undo Add card", ed.mw.undo.Label)
	}

	// Enter has been handled: the card is in the store, and Ctrl+Z after a restart takes it back.
	ed.restart()
	if _, ok := ed.card("Compares couriers"); !ok {
		t.Fatal("the card typed is not in the store after a restart")
	}
	ed.shortcut(&fyne.ShortcutUndo{})
	if _, ok := ed.card("Compares couriers"); ok {
		t.Fatal("Ctrl+Z after a restart did not take the card back")
	}
	ed.restart()
	if _, ok := ed.card("Compares couriers"); ok {
		t.Error("the undo did not last")
	}
	if ed.mw.redo.Label != "Redo Add card" || ed.mw.redo.Disabled {
		t.Errorf("Edit menu after the restart: %q", ed.mw.redo.Label)
	}
}

func TestTypingInPlace(t *testing.T) {
	ed := openEditing(t)
	before := len(ed.journey().Cards)

	// Escape cancels: nothing added, nothing to undo.
	ed.ctrl(fyne.KeyN)
	test.Type(ed.text(), "Changed my mind")
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(ed.journey().Cards) != before || ed.mw.Editor.Editing() {
		t.Fatal("Escape did not cancel the new card")
	}
	if _, ok := ed.doc.CanUndo(); ok {
		t.Error("a cancelled card left something to undo")
	}

	// Shift+Enter starts a new line; Enter commits.
	ed.key(fyne.KeyReturn) // no card picked: Enter starts a new one too
	test.Type(ed.text(), "First line")
	ed.text().KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	ed.text().KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	test.Type(ed.text(), "second line")
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if _, ok := ed.card("First line\nsecond line"); !ok {
		t.Fatalf("Shift+Enter did not make a second line: %q", ed.journey().Cards[len(ed.journey().Cards)-1].Text)
	}

	// Enter on a picked card edits it; a double tap does too.
	ed.key(fyne.KeyReturn)
	ed.text().SetText("Pays by card")
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if _, ok := ed.card("Pays by card"); !ok {
		t.Fatal("Enter on the picked card did not edit it")
	}
	first := ed.journey().Cards[0]
	ed.mw.Map.DoubleTapped(&fyne.PointEvent{Position: ed.at(scene.Key{Kind: scene.KindCard, ID: first.ID})})
	if ed.text().Text != first.Text {
		t.Fatalf("a double tap on a card opened %q, want its text %q", ed.text().Text, first.Text)
	}
	ed.text().SetText(first.Text + " twice")
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if ed.journey().Cards[0].Text != first.Text+" twice" {
		t.Error("editing after a double tap was not saved")
	}

	// Typing a character on a cell starts a card with it.
	ed.key(fyne.KeyEscape)
	ed.mw.Map.TypedRune('W')
	test.Type(ed.text(), "aits")
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if _, ok := ed.card("Waits"); !ok {
		t.Error("typing on a selected cell did not start a card")
	}

	// Typing on a picked card goes on at the end of its text.
	waits, _ := ed.card("Waits")
	ed.pick(scene.Key{Kind: scene.KindCard, ID: waits.ID})
	ed.mw.Map.TypedRune('!')
	test.Type(ed.text(), "?")
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got, _ := find(ed.journey().Cards, waits.ID); got.Text != "Waits!?" {
		t.Errorf("typing on a picked card gave %q, want %q", got.Text, "Waits!?")
	}
	// Space pressed on a dialog's button reaches the map as a character after the dialog
	// closed: it must open no editor.
	ed.mw.Map.TypedRune(' ')
	if ed.mw.Editor.Editing() {
		t.Error("a space on the map opened a text editor")
	}
}

// TestTooLongIsSaidWhileTyping: the limit of a card's text and of a pain point's title is said
// as soon as the text passes it, not first at Enter; in the panel too.
func TestTooLongIsSaidWhileTyping(t *testing.T) {
	ed := openEditing(t)
	ed.ctrl(fyne.KeyN)
	ed.text().SetText(strings.Repeat("a", journey.MaxTextRunes))
	test.Type(ed.text(), "b")
	if got, want := ed.mw.message.Text, "A card holds at most 4,000 characters: this is 4,001, 1 too many."; got != want {
		t.Errorf("typing past the limit: the window says %q, want %q", got, want)
	}
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	ed.ctrl(fyne.KeyP)
	p := ed.mw.PainPanel
	test.Type(p.title, strings.Repeat("t", journey.MaxNameRunes+2))
	if !strings.Contains(p.problem.Text, "the title holds at most 200 characters: 2 too many") {
		t.Errorf("a pain point's title past its limit: the panel says %q", p.problem.Text)
	}
}

func TestRefusedTextSaysWhyAndChangesNothing(t *testing.T) {
	ed := openEditing(t)
	before := journeytest.File(t, ed.doc.Workspace())
	ed.ctrl(fyne.KeyN)
	ed.text().SetText(strings.Repeat("x", journey.MaxTextRunes+1))
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := ed.mw.message.Text; got != "Not changed: must be at most 4000 characters, got 4001." {
		t.Errorf("status bar: %q", got)
	}
	if !ed.mw.Editor.Editing() || string(journeytest.File(t, ed.doc.Workspace())) != string(before) {
		t.Error("a refused card closed the editor or changed the workspace")
	}
	ed.text().SetText("Short enough")
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if _, ok := ed.card("Short enough"); !ok {
		t.Error("after fixing the text, Enter did not save it")
	}
}

func TestUndoWhileTypingUndoesTyping(t *testing.T) {
	ed := openEditing(t)
	ed.ctrl(fyne.KeyN)
	test.Type(ed.text(), "Kept")
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	ed.ctrl(fyne.KeyN)
	test.Type(ed.text(), "abc")
	// The Edit menu's Undo wins over the focused entry in a real window: it must act on the entry.
	ed.mw.undo.Action()
	if _, ok := ed.card("Kept"); !ok {
		t.Fatal("Undo while typing took back the last map edit")
	}
	if ed.text().Text == "abc" {
		t.Error("Undo while typing did not undo the typing")
	}
}

func TestKeyboardMovesTheSelection(t *testing.T) {
	ed := openEditing(t)
	j := ed.journey()
	ed.key(fyne.KeyRight)
	ed.key(fyne.KeyDown)
	if sel := ed.mw.Editor.Selection(); sel.Stage != j.Stages[1].ID || sel.Lane != j.Lanes[1].ID {
		t.Errorf("Right, Down: %q × %q, want the second lane at the second stage", sel.Lane, sel.Stage)
	}
	ed.key(fyne.KeyLeft)
	ed.key(fyne.KeyLeft)
	ed.key(fyne.KeyUp)
	ed.key(fyne.KeyUp)
	if sel := ed.mw.Editor.Selection(); sel.Stage != j.Stages[0].ID || sel.Lane != j.Lanes[0].ID {
		t.Errorf("past the edges: %q × %q, want held at the first cell", sel.Lane, sel.Stage)
	}
	order := ed.mw.Map.Scene().Order()
	ed.key(fyne.KeyTab)
	ed.key(fyne.KeyTab)
	if got := ed.mw.Editor.Selection().Items; len(got) != 1 || got[0] != order[1] {
		t.Errorf("Tab twice: %v, want %v", got, order[1])
	}
	ed.mw.Map.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	ed.key(fyne.KeyTab)
	ed.mw.Map.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if got := ed.mw.Editor.Selection().Items; len(got) != 1 || got[0] != order[0] {
		t.Errorf("Shift+Tab: %v, want %v", got, order[0])
	}
}

func TestDeleteManyIsOneUndo(t *testing.T) {
	ed := openEditing(t)
	j := ed.journey()
	before := journeytest.File(t, ed.doc.Workspace())
	a, b := scene.Key{Kind: scene.KindCard, ID: j.Cards[0].ID}, scene.Key{Kind: scene.KindPain, ID: j.PainPoints[1].ID}
	ed.mw.Map.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: ed.at(a)}, Button: desktop.MouseButtonPrimary})
	ed.mw.Map.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: ed.at(b)}, Button: desktop.MouseButtonPrimary,
		Modifier: fyne.KeyModifierShortcutDefault})
	if got := ed.mw.Editor.Selection().Items; !slices.Equal(got, []scene.Key{a, b}) {
		t.Fatalf("click then Ctrl+click: %v, want both", got)
	}
	ed.key(fyne.KeyDelete)
	if _, ok := ed.mw.Map.Scene().Bounds(a); ok {
		t.Error("the first picked card is still on the map")
	}
	if _, ok := ed.mw.Map.Scene().Bounds(b); ok {
		t.Error("the picked pain point is still on the map")
	}
	if ed.mw.undo.Label != "Undo Delete 2 items" {
		t.Errorf("Edit menu: %q", ed.mw.undo.Label)
	}
	ed.shortcut(&fyne.ShortcutUndo{})
	if string(journeytest.File(t, ed.doc.Workspace())) != string(before) {
		t.Error("one undo did not bring both back where they were")
	}
	ed.ctrl(fyne.KeyZ, fyne.KeyModifierShift)
	if _, ok := ed.mw.Map.Scene().Bounds(a); ok {
		t.Error("Ctrl+Shift+Z did not redo the delete")
	}
}

func TestCopyPasteBetweenJourneys(t *testing.T) {
	ed := openEditing(t)
	w := ed.doc.Workspace()
	src := w.Journeys[0].Cards[0]
	ed.mw.Map.Tapped(&fyne.PointEvent{Position: ed.at(scene.Key{Kind: scene.KindCard, ID: src.ID})})
	ed.shortcut(&fyne.ShortcutCopy{Clipboard: ed.a.Clipboard()})
	if got := ed.a.Clipboard().Content(); got != src.Text {
		t.Errorf("the clipboard holds %q, want the card's text for other apps", got)
	}
	ed.mw.list.Select(1)
	other := ed.journey()
	n := len(other.Cards)
	ed.shortcut(&fyne.ShortcutPaste{Clipboard: ed.a.Clipboard()})
	if len(ed.journey().Cards) != n+1 {
		t.Fatal("paste into another journey added no card")
	}
	pasted := ed.journey().Cards[n]
	if pasted.Text != src.Text || pasted.Stage != other.Stages[0].ID || pasted.Lane != other.Lanes[0].ID {
		t.Errorf("pasted %+v, want the card's text in the selected cell", pasted)
	}
	// Text from another app becomes a card a line.
	ed.a.Clipboard().SetContent("Asks a friend\n\nReads reviews")
	ed.mw.Editor.Paste(ed.a.Clipboard())
	if _, ok := ed.card("Asks a friend"); !ok {
		t.Error("a line of plain text was not pasted as a card")
	}
	if _, ok := ed.card("Reads reviews"); !ok || ed.mw.undo.Label != "Undo Paste" {
		t.Errorf("two lines pasted: menu says %q", ed.mw.undo.Label)
	}
	ed.mw.undo.Action()
	if _, ok := ed.card("Asks a friend"); ok {
		t.Error("one undo did not take back the whole paste")
	}
}

func TestNewPainPointInThePainLane(t *testing.T) {
	ed := openEditing(t)
	j := ed.journey()
	pain, _ := j.PainLane()
	for ed.mw.Editor.Selection().Lane != pain.ID {
		ed.key(fyne.KeyDown)
	}
	n := len(j.PainPoints)
	ed.ctrl(fyne.KeyN)
	test.Type(ed.text(), "Courier never rang")
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(ed.journey().PainPoints) != n+1 || ed.journey().PainPoints[n].Title != "Courier never rang" {
		t.Fatal("Ctrl+N in the pain lane did not add a pain point")
	}
	if ed.mw.undo.Label != "Undo Add pain point" {
		t.Errorf("Edit menu: %q", ed.mw.undo.Label)
	}
}

// menuItem finds an item of a menu by its label, as a person reads it.
func menuItem(t *testing.T, m *fyne.Menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, it := range m.Items {
		if it.Label == label {
			return it
		}
	}
	t.Fatalf("the menu has no %q", label)
	return nil
}

func TestStagesAndLanes(t *testing.T) {
	ed := openEditing(t)
	j := ed.journey()
	first, stages := j.Stages[0], len(j.Stages)
	s := ed.mw.Map.Scene()

	// Double-clicking a stage's header renames it in place.
	hb, _ := s.StageHeader(first.ID)
	ed.mw.Map.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(hb.X+10, hb.Y+10)})
	if ed.text().Text != first.Name {
		t.Fatalf("double-clicking the header opened %q", ed.text().Text)
	}
	ed.text().SetText("Browse")
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if ed.journey().Stages[0].Name != "Browse" || ed.mw.undo.Label != "Undo Rename stage" {
		t.Fatalf("rename: %q, menu %q", ed.journey().Stages[0].Name, ed.mw.undo.Label)
	}

	// The header's menu adds a stage after, named in place; moves it; deletes it.
	menu := ed.mw.Editor.stageMenu(first.ID)
	menuItem(t, menu, "Add Stage After").Action()
	test.Type(ed.text(), "Compare") // over "New stage", all of it selected
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	added := ed.journey().Stages[1]
	if added.Name != "Compare" || len(ed.journey().Stages) != stages+1 {
		t.Fatalf("added stage: %+v", added)
	}
	if menuItem(t, ed.mw.Editor.stageMenu(first.ID), "Move Left").Disabled != true {
		t.Error("the first stage can be moved left")
	}
	menuItem(t, ed.mw.Editor.stageMenu(added.ID), "Move Left").Action()
	if ed.journey().Stages[0].ID != added.ID {
		t.Error("Move Left did not move the stage")
	}
	// An empty stage goes without asking; one with cards asks first.
	asked := ""
	ed.mw.Editor.Confirm = func(title, message string, ok func()) { asked = title + " " + message; ok() }
	menuItem(t, ed.mw.Editor.stageMenu(added.ID), "Delete Stage…").Action()
	if asked != "" || len(ed.journey().Stages) != stages {
		t.Errorf("an empty stage: asked %q, %d stages", asked, len(ed.journey().Stages))
	}
	holder := ed.journey().Stages[0].ID
	menuItem(t, ed.mw.Editor.stageMenu(holder), "Delete Stage…").Action()
	if !strings.Contains(asked, "It holds") || ed.mw.Map.Scene().HasCell(holder, j.Lanes[0].ID) {
		t.Errorf("a stage with cards: asked %q", asked)
	}
	ed.shortcut(&fyne.ShortcutUndo{})
	if ed.journey().Stages[0].ID != holder || ed.journey().Stages[0].Name != "Browse" {
		t.Error("undo did not bring the deleted stage back with its name")
	}

	// Lanes: rename by double click, change kind, hide and show, add below.
	lane := ed.journey().Lanes[2]
	lb, _ := ed.mw.Map.Scene().LaneLabel(lane.ID)
	ed.mw.Map.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(lb.X+5, lb.Y+5)})
	ed.text().SetText("What they think")
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	kinds := menuItem(t, ed.mw.Editor.laneMenu(lane.ID), "Kind").ChildMenu
	menuItem(t, kinds, "Opportunities").Action()
	got, _ := find(ed.journey().Lanes, lane.ID)
	if got.Name != "What they think" || got.Kind != journey.LaneOpportunities {
		t.Errorf("lane after rename and kind: %+v", got)
	}
	menuItem(t, ed.mw.Editor.laneMenu(lane.ID), "Hide Lane").Action()
	if _, ok := ed.mw.Map.Scene().LaneLabel(lane.ID); ok {
		t.Fatal("a hidden lane is still drawn")
	}
	show := menuItem(t, ed.mw.Editor.laneMenu(ed.journey().Lanes[0].ID), "Show Hidden Lane").ChildMenu
	menuItem(t, show, "What they think").Action()
	if _, ok := ed.mw.Map.Scene().LaneLabel(lane.ID); !ok {
		t.Error("Show Hidden Lane did not show it")
	}
	menuItem(t, ed.mw.Editor.laneMenu(lane.ID), "Add Lane Below").Action()
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if l := ed.journey().Lanes[3]; l.Kind != journey.LaneCustom || l.Name != "New lane" {
		t.Errorf("added lane: %+v", l)
	}

	// A card's colour tag, from its menu.
	card := ed.journey().Cards[0]
	ed.mw.Map.Tapped(&fyne.PointEvent{Position: ed.at(scene.Key{Kind: scene.KindCard, ID: card.ID})})
	tags := menuItem(t, ed.mw.Editor.itemMenu(scene.Key{Kind: scene.KindCard, ID: card.ID}), "Colour Tag").ChildMenu
	menuItem(t, tags, "Red").Action()
	if c, _ := find(ed.journey().Cards, card.ID); c.Color != "red" || ed.mw.undo.Label != "Undo Tag card" {
		t.Errorf("colour tag: %q, menu %q", c.Color, ed.mw.undo.Label)
	}
	// Everything above survives a restart.
	want := journeytest.File(t, ed.doc.Workspace())
	ed.restart()
	if string(journeytest.File(t, ed.doc.Workspace())) != string(want) {
		t.Error("the store after a restart differs from what the window showed")
	}
}

func TestDragAndDrop(t *testing.T) {
	ed := openEditing(t)
	start := journeytest.File(t, ed.doc.Workspace())
	j := ed.journey()
	s := ed.mw.Map.Scene()
	c := ed.mw.Canvas()
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(ed.mw.Map)

	// A card dragged to another stage and lane lands there, below what the cell holds.
	card := j.Cards[0]
	key := scene.Key{Kind: scene.KindCard, ID: card.ID}
	target, _ := s.CellBounds(j.Stages[2].ID, j.Lanes[1].ID)
	from := ed.at(key)
	test.Drag(c, origin.Add(from), target.X+target.W/2-from.X, target.Y+target.H-4-from.Y)
	moved, _ := find(ed.journey().Cards, card.ID)
	if moved.Stage != j.Stages[2].ID || moved.Lane != j.Lanes[1].ID || ed.mw.undo.Label != "Undo Move card" {
		t.Fatalf("after the drag the card is in %q × %q (menu %q)", moved.Lane, moved.Stage, ed.mw.undo.Label)
	}
	if items := ed.mw.Map.Scene().ItemsIn(moved.Stage, moved.Lane); items[len(items)-1] != key {
		t.Errorf("dropped below the cell's cards, it is not the last of %v", items)
	}
	if ed.mw.Map.drop.on {
		t.Error("the drop target is still shown after the drop")
	}

	// An emotion score dragged up snaps to +2.
	stage := j.Stages[3].ID
	m, _ := s.EmotionMarker(stage, mustScore(t, ed, stage))
	top, _ := s.EmotionMarker(stage, 2)
	test.Drag(c, origin.Add(fyne.NewPos(m.X+m.W/2, m.Y+m.H/2)), 0, top.Y-m.Y-5)
	if got := mustScore(t, ed, stage); got != 2 {
		t.Errorf("emotion after dragging its point to the top: %d, want 2", got)
	}

	// A stage's header dragged onto the first stage takes its place.
	h, _ := s.StageHeader(j.Stages[4].ID)
	first, _ := s.StageHeader(j.Stages[0].ID)
	moving := j.Stages[4].ID
	test.Drag(c, origin.Add(fyne.NewPos(h.X+20, h.Y+10)), first.X-h.X, 0)
	if ed.journey().Stages[0].ID != moving {
		t.Errorf("the dragged stage is not first: %v", ed.journey().Stages[0])
	}
	ed.shortcut(&fyne.ShortcutUndo{})
	ed.shortcut(&fyne.ShortcutUndo{})
	ed.shortcut(&fyne.ShortcutUndo{})
	if string(journeytest.File(t, ed.doc.Workspace())) != string(start) {
		t.Error("three undos did not take back the three drags")
	}
}

// TestEmotionCurveDrawnOnABlankJourney drags in the emotion lane of a new journey, whose stage
// has no point yet to take hold of: the drag sets the stage's score where it ends, one undo.
func TestEmotionCurveDrawnOnABlankJourney(t *testing.T) {
	ed := openEditing(t)
	ed.mw.NewJourney()
	ed.mw.journeyForm.Submit()
	j := ed.journey()
	stage := j.Stages[0].ID
	if _, ok := j.Emotion(stage); ok {
		t.Fatal("a blank journey starts with an emotion score")
	}
	s, c := ed.mw.Map.Scene(), ed.mw.Canvas()
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(ed.mw.Map)
	var lane string
	for _, l := range j.Lanes {
		if l.Kind == journey.LaneEmotion {
			lane = l.ID
		}
	}
	cell, _ := s.CellBounds(stage, lane)
	low, _ := s.EmotionMarker(stage, -2)
	from := fyne.NewPos(cell.X+cell.W/3, cell.Y+cell.H/2)
	test.Drag(c, origin.Add(from), 0, low.Y+low.H/2-from.Y)
	if got, ok := ed.journey().Emotion(stage); !ok || got != -2 {
		t.Fatalf("after dragging down in the blank emotion lane: score %d (set %v), want -2", got, ok)
	}
	ed.mw.Editor.Undo()
	if _, ok := ed.journey().Emotion(stage); ok {
		t.Error("undo left the score drawn by dragging")
	}
}

// TestEmotionPointsOverTheCurveAfterUndo deletes a stage and undoes it: every emotion point
// must still be drawn over the curve, as it was before (the stage came back drawn last, its
// piece of curve across the next stage's point and its sign).
func TestEmotionPointsOverTheCurveAfterUndo(t *testing.T) {
	ed := openEditing(t)
	j := ed.journey()
	if err := ed.doc.Do(mustEdit(t)(journey.DeleteStage(ed.doc.Workspace(), j.ID, j.Stages[1].ID))); err != nil {
		t.Fatal(err)
	}
	ed.mw.Editor.Undo()
	z := ed.mw.Map.zoom
	lastPiece, firstPoint := -1, -1
	for i, d := range onScreen(ed.mw.Map) {
		switch o := d.object.(type) {
		case *canvas.Line:
			if o.StrokeColor == ed.mw.Map.Scene().Palette().Curve && o.StrokeWidth >= 3*z-0.01 {
				lastPiece = i
			}
		case *canvas.Circle:
			if w := o.Position2.X - o.Position1.X; w > 29*z && w < 31*z && firstPoint < 0 {
				firstPoint = i
			}
		}
	}
	if lastPiece < 0 || firstPoint < 0 || lastPiece > firstPoint {
		t.Errorf("after a stage deleted and undone, a piece of the curve (object %d) is drawn over an emotion point (object %d)", lastPiece, firstPoint)
	}
}

// TestDraggingSeveralPickedMovesThemAll picks two cards with Ctrl+click, presses on one and
// drags it to another cell, as a mouse does: both land there, as one undo; a click without a
// drag on one of several picked then picks it alone.
func TestDraggingSeveralPickedMovesThemAll(t *testing.T) {
	ed := openEditing(t)
	j := ed.journey()
	a, b := j.Cards[0], j.Cards[1]
	ka, kb := scene.Key{Kind: scene.KindCard, ID: a.ID}, scene.Key{Kind: scene.KindCard, ID: b.ID}
	down := func(k scene.Key, mods fyne.KeyModifier) {
		ed.mw.Map.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: ed.at(k)}, Button: desktop.MouseButtonPrimary, Modifier: mods})
	}
	up := func(k scene.Key) {
		ed.mw.Map.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: ed.at(k)}, Button: desktop.MouseButtonPrimary})
	}
	ed.pick(ka)
	down(kb, fyne.KeyModifierControl)
	up(kb)
	if got := ed.mw.Editor.Selection().Items; len(got) != 2 {
		t.Fatalf("Ctrl+click picked %v, want both cards", got)
	}
	target, _ := ed.mw.Map.Scene().CellBounds(j.Stages[3].ID, j.Lanes[2].ID)
	from := ed.at(ka)
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(ed.mw.Map)
	down(ka, 0)
	test.Drag(ed.mw.Canvas(), origin.Add(from), target.X+target.W/2-from.X, target.Y+target.H/2-from.Y)
	up(ka)
	for _, id := range []string{a.ID, b.ID} {
		if c, _ := find(ed.journey().Cards, id); c.Stage != j.Stages[3].ID || c.Lane != j.Lanes[2].ID {
			t.Errorf("card %q is in %s × %s after the drag of both", c.Text, c.Lane, c.Stage)
		}
	}
	if ed.mw.undo.Label != "Undo Move 2 cards" {
		t.Errorf("the Edit menu offers %q", ed.mw.undo.Label)
	}
	ed.mw.Editor.Undo()
	for _, c := range []journey.Card{a, b} {
		if got, _ := find(ed.journey().Cards, c.ID); got != c {
			t.Errorf("one undo did not put %q back: %+v", c.Text, got)
		}
	}
	down(ka, 0)
	up(ka)
	if got := ed.mw.Editor.Selection().Items; len(got) != 1 || got[0] != ka {
		t.Errorf("a click on one of several picked leaves %v picked, want it alone", got)
	}
}

func mustScore(t *testing.T, ed *editing, stage string) int {
	t.Helper()
	score, ok := ed.journey().Emotion(stage)
	if !ok {
		t.Fatalf("stage %s has no emotion score", stage)
	}
	return score
}

func TestEmotionKeys(t *testing.T) {
	ed := openEditing(t)
	// Arrows pass through the emotion lane like any other.
	for !ed.mw.Map.Scene().IsEmotionLane(ed.mw.Editor.Selection().Lane) {
		ed.key(fyne.KeyDown)
	}
	stage := ed.mw.Editor.Selection().Stage
	before := mustScore(t, ed, stage)
	if _, ok := ed.doc.CanUndo(); ok {
		t.Fatal("moving into the emotion lane changed something")
	}
	// Enter picks the stage's point; Up and Down change its score, held to -2..+2.
	ed.key(fyne.KeyReturn)
	if got := ed.mw.Editor.Selection().Items; len(got) != 1 || got[0] != (scene.Key{Kind: scene.KindEmotion, ID: stage}) {
		t.Fatalf("Enter on the emotion cell picked %v", got)
	}
	ed.key(fyne.KeyDown)
	if got := mustScore(t, ed, stage); got != max(before-1, -2) {
		t.Errorf("Down: score %d, was %d", got, before)
	}
	for range 6 {
		ed.key(fyne.KeyUp)
	}
	if got := mustScore(t, ed, stage); got != 2 || ed.mw.undo.Label != "Undo Set emotion" {
		t.Errorf("Up six times: score %d, want held at +2 (menu %q)", got, ed.mw.undo.Label)
	}
	// Right goes to the next stage's point, which gets a score to move if it had none.
	ed.key(fyne.KeyRight)
	next := ed.mw.Editor.Selection().Stage
	if next == stage || ed.mw.Editor.Selection().Items[0].ID != next {
		t.Errorf("Right with a point picked: %v", ed.mw.Editor.Selection())
	}
	ed.key(fyne.KeyEscape)
	ed.key(fyne.KeyDown)
	if ed.mw.Map.Scene().IsEmotionLane(ed.mw.Editor.Selection().Lane) {
		t.Error("Escape and Down did not leave the emotion lane")
	}
	// A click on a marker picks it too.
	m, _ := ed.mw.Map.Scene().EmotionMarker(stage, 2)
	ed.mw.Map.Tapped(&fyne.PointEvent{Position: fyne.NewPos(m.X+m.W/2, m.Y+m.H/2)})
	if got := ed.mw.Editor.Selection().Items; len(got) != 1 || got[0].Kind != scene.KindEmotion || got[0].ID != stage {
		t.Errorf("a click on the marker picked %v", got)
	}
}

func TestJourneys(t *testing.T) {
	ed := openEditing(t)
	n := len(ed.doc.Workspace().Journeys)
	ed.mw.NewJourney()
	w := ed.doc.Workspace()
	if len(w.Journeys) != n+1 || ed.mw.Map.JourneyID() != w.Journeys[1].ID || len(w.Journeys[1].Lanes) != 7 {
		t.Fatalf("New Journey: %d journeys, showing %q", len(w.Journeys), ed.mw.Map.JourneyID())
	}
	// The details dialog is open on the new journey: fill it in as a person would.
	form := ed.mw.Canvas().Overlays().Top()
	if form == nil {
		t.Fatal("New Journey asked nothing")
	}
	entries := entriesIn(form)
	if len(entries) != 3 {
		t.Fatalf("the journey dialog has %d fields, want title, persona and vision", len(entries))
	}
	// The id the command line's -journey takes is shown, and copied with a click.
	newID := ed.mw.Map.JourneyID()
	if !strings.Contains(labelsIn(form), newID) {
		t.Errorf("the journey dialog does not show the id %q", newID)
	}
	test.Tap(buttonIn(t, form, "Copy"))
	if got := ed.a.Clipboard().Content(); got != newID {
		t.Errorf("Copy put %q on the clipboard, want %q", got, newID)
	}
	// Typed as a person types: the title over "New journey", Tab from the persona to the vision.
	test.Type(entries[0], "Returning a parcel")
	if entries[0].Text != "Returning a parcel" {
		t.Errorf("typing a new journey's title gave %q", entries[0].Text)
	}
	var texts []*formText
	walk(form, func(o fyne.CanvasObject) {
		if f, ok := o.(*formText); ok {
			texts = append(texts, f)
		}
	})
	if len(texts) != 2 {
		t.Fatalf("the dialog has %d multi-line fields, want the persona and the vision", len(texts))
	}
	c := ed.mw.Canvas()
	c.Focus(texts[0])
	test.Type(texts[0], "Ben, 40, ordered the wrong size")
	pressTab(c)
	if texts[0].Text != "Ben, 40, ordered the wrong size" || c.Focused() != texts[1] {
		t.Errorf("Tab in the persona typed into it (%q) or did not go on to the vision", texts[0].Text)
	}
	entries[2].SetText("Every return is as easy as the order was")
	entries[0].SetText(strings.Repeat("x", journey.MaxNameRunes+1))
	if err := entries[0].Validate(); err == nil || !strings.Contains(err.Error(), "1 too many") {
		t.Errorf("a title 201 characters long: %v", err)
	}
	entries[0].SetText("Returning a parcel")
	test.Tap(buttonIn(t, form, "Save"))
	j := ed.journey()
	if j.Title != "Returning a parcel" || j.Vision != "Every return is as easy as the order was" {
		t.Fatalf("after Save: %+v", j.Info())
	}
	sel := ed.mw.Editor.Selection()
	if sel.Stage != j.Stages[0].ID || sel.Lane != j.Lanes[0].ID {
		t.Errorf("the new journey opens with %q × %q selected", sel.Lane, sel.Stage)
	}

	ed.mw.DuplicateJourney()
	if w := ed.doc.Workspace(); len(w.Journeys) != n+2 || ed.journey().Title != "Copy of Returning a parcel" {
		t.Fatalf("Duplicate: showing %q", ed.journey().Title)
	}
	copied := ed.mw.Map.JourneyID()
	ed.mw.MoveJourney(-1)
	if ed.doc.Workspace().Journeys[1].ID != copied {
		t.Error("Move Journey Up did not move it")
	}
	ed.mw.Editor.Confirm = func(title, message string, ok func()) {
		if !strings.Contains(title, "Copy of Returning a parcel") {
			t.Errorf("asked %q", title)
		}
		ok()
	}
	ed.mw.DeleteJourney()
	if ed.doc.Workspace().Journey(copied) != nil || ed.mw.Map.JourneyID() == copied {
		t.Fatal("Delete Journey did not delete it")
	}
	ed.shortcut(&fyne.ShortcutUndo{})
	if ed.doc.Workspace().Journey(copied) == nil || ed.mw.Map.JourneyID() != copied {
		t.Error("undo did not bring the deleted journey back, on show")
	}
	want := journeytest.File(t, ed.doc.Workspace())
	ed.restart()
	if string(journeytest.File(t, ed.doc.Workspace())) != string(want) {
		t.Error("the journeys after a restart differ")
	}
}

func entriesIn(o fyne.CanvasObject) []*widget.Entry {
	var out []*widget.Entry
	walk(o, func(o fyne.CanvasObject) {
		switch e := o.(type) {
		case *widget.Entry:
			out = append(out, e)
		case *formText:
			out = append(out, &e.Entry)
		case *dialogField:
			out = append(out, &e.Entry)
		}
	})
	return out
}

func buttonIn(t *testing.T, o fyne.CanvasObject, label string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == label {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no %q button", label)
	}
	return found
}

// walk calls f on o and everything under it, hidden or not.
func walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	visitTree(o, fyne.Position{}, false, func(o fyne.CanvasObject, _ fyne.Position) { f(o) })
}

func TestFindAndShortcutSheet(t *testing.T) {
	ed := openEditing(t)
	ed.ctrl(fyne.KeyF)
	if !ed.mw.find.bar.Visible() || ed.mw.Canvas().Focused() != ed.mw.find {
		t.Fatal("Ctrl+F did not open the find bar with the keyboard in it")
	}
	test.Type(ed.mw.find, "parcel")
	j := ed.journey()
	want := 0
	for _, c := range j.Cards {
		if strings.Contains(strings.ToLower(c.Text), "parcel") {
			want++
		}
	}
	for _, p := range j.PainPoints {
		if painHolds(p, "parcel") {
			want++
		}
	}
	if want == 0 || len(ed.mw.find.matches) != want || ed.mw.find.count.Text != fmt.Sprintf("%d found", want) {
		t.Fatalf("find %q: %d matches (%q), want %d", "parcel", len(ed.mw.find.matches), ed.mw.find.count.Text, want)
	}
	// What doesn't match is dimmed.
	s := ed.mw.Map.Scene()
	for _, c := range j.Cards {
		fill := s.Shapes(scene.Key{Kind: scene.KindCard, ID: c.ID}, nil)[0].Fill
		full := s.Palette().CardFill[journey.LaneKind(mustKind(s, c.Lane))]
		if strings.Contains(strings.ToLower(c.Text), "parcel") != (fill == full) {
			t.Errorf("card %q: drawn in full %v", c.Text, fill == full)
		}
	}
	ed.mw.find.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := ed.mw.Editor.Selection().Items; len(got) != 1 || got[0] != ed.mw.find.matches[0] {
		t.Errorf("Enter picked %v, want the first match", got)
	}
	ed.mw.find.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if ed.mw.find.bar.Visible() || ed.mw.Map.Scene().Options().Match != nil {
		t.Error("Escape did not close the find bar and show all")
	}

	ed.key(fyne.KeyF1)
	sheet := ed.mw.Canvas().Overlays().Top()
	if sheet == nil {
		t.Fatal("F1 showed nothing")
	}
	var labels []string
	walk(sheet, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			labels = append(labels, l.Text)
		}
	})
	for _, want := range []string{"Ctrl+Z", "Ctrl+Shift+Z, Ctrl+Y", "Ctrl+F", "Tab, Shift+Tab"} {
		if !slices.Contains(labels, want) {
			t.Errorf("the shortcut sheet does not list %q", want)
		}
	}
}

func mustKind(s *scene.Scene, lane string) string {
	k, _ := s.LaneKind(lane)
	return k
}

func TestPinnedHeadersActAsHeaders(t *testing.T) {
	ed := openEditing(t)
	ed.mw.Resize(fyne.NewSize(900, 600))
	m := ed.mw.Map
	m.scroll.ScrollToOffset(fyne.NewPos(300, 500))
	m.cull()
	if !m.sticky.stages.Visible() || !m.sticky.lanes.Visible() {
		t.Fatal("scrolled into the map, the headers are not pinned")
	}
	// A double click on the pinned name of the stage at the view's middle renames that stage.
	x := m.scroll.Size().Width / 2
	want, _ := m.Scene().StageAt(scene.Point{X: m.scroll.Offset.X + x, Y: scene.HeaderHeight + 5})
	m.sticky.stages.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(x, 10)})
	st, _ := find(ed.journey().Stages, want)
	if ed.mw.Editor.text == nil || ed.text().Text != st.Name {
		t.Fatalf("a double click on a pinned stage name did not rename %q", st.Name)
	}
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	// A click on a pinned lane name selects nothing beneath it.
	before := ed.mw.Editor.Selection()
	m.sticky.lanes.Tapped(&fyne.PointEvent{Position: fyne.NewPos(20, 100)})
	if got := ed.mw.Editor.Selection(); len(got.Items) != 0 && !slices.Equal(got.Items, before.Items) {
		t.Errorf("a click on a pinned lane name picked %v under it", got.Items)
	}
}

func TestJourneyDraggedInTheList(t *testing.T) {
	ed := openEditing(t)
	w := ed.doc.Workspace()
	first, second := w.Journeys[0].ID, w.Journeys[1].ID
	var row *journeyRow
	walk(ed.mw.list, func(o fyne.CanvasObject) {
		if r, ok := o.(*journeyRow); ok && r.index == 0 && row == nil {
			row = r
		}
	})
	if row == nil {
		t.Fatal("the list shows no journey rows")
	}
	row.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DY: row.Size().Height * 1.2}})
	row.DragEnd()
	if w.Journeys[0].ID != second || w.Journeys[1].ID != first || ed.mw.Map.JourneyID() != first {
		t.Errorf("after dragging the first journey down a row: %s, %s (showing %s)", w.Journeys[0].ID, w.Journeys[1].ID, ed.mw.Map.JourneyID())
	}
	if ed.mw.undo.Label != "Undo Move journey" {
		t.Errorf("Edit menu: %q", ed.mw.undo.Label)
	}
}

// TestEveryKindOfEditRoundTrips makes an edit of every kind through the window, as a person
// would, then undoes them all (the workspace is as it began), redoes them all (as it ended),
// and restarts (the store holds the end).
func TestEveryKindOfEditRoundTrips(t *testing.T) {
	ed := openEditing(t)
	ed.mw.Editor.Confirm = func(_, _ string, ok func()) { ok() }
	start := journeytest.File(t, ed.doc.Workspace())
	typeNew := func(text string) {
		ed.ctrl(fyne.KeyN)
		test.Type(ed.text(), text)
		ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	}
	j := ed.journey()
	steps := []func(){
		func() { typeNew("Compares couriers") }, // add card
		func() {
			ed.key(fyne.KeyReturn)
			test.Type(ed.text(), " twice")
			ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		},
		func() { ed.mw.Editor.SetColor("blue") },
		func() { ed.key(fyne.KeyDelete) },
		func() {
			ed.mw.Map.Tapped(&fyne.PointEvent{Position: ed.at(scene.Key{Kind: scene.KindCard, ID: j.Cards[0].ID})})
			ed.shortcut(&fyne.ShortcutCopy{Clipboard: ed.a.Clipboard()})
			ed.key(fyne.KeyRight)
			ed.shortcut(&fyne.ShortcutPaste{Clipboard: ed.a.Clipboard()})
		},
		func() {
			menuItem(t, ed.mw.Editor.stageMenu(j.Stages[0].ID), "Add Stage After").Action()
			ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		},
		func() {
			ed.mw.Editor.RenameStage(j.Stages[1].ID)
			ed.text().SetText("Browse")
			ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		},
		func() { menuItem(t, ed.mw.Editor.stageMenu(j.Stages[1].ID), "Move Right").Action() },
		func() { menuItem(t, ed.mw.Editor.stageMenu(j.Stages[2].ID), "Delete Stage…").Action() },
		func() {
			menuItem(t, ed.mw.Editor.laneMenu(j.Lanes[0].ID), "Add Lane Below").Action()
			ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		},
		func() { ed.mw.Editor.SetLaneKind(j.Lanes[1].ID, journey.LaneThoughts) },
		func() { ed.mw.Editor.SetLaneHidden(j.Lanes[2].ID, true) },
		func() { menuItem(t, ed.mw.Editor.laneMenu(j.Lanes[0].ID), "Move Down").Action() },
		func() { menuItem(t, ed.mw.Editor.laneMenu(j.Lanes[1].ID), "Delete Lane…").Action() },
		func() {
			for !ed.mw.Map.Scene().IsEmotionLane(ed.mw.Editor.Selection().Lane) {
				ed.key(fyne.KeyDown)
			}
			ed.key(fyne.KeyReturn)
			ed.key(fyne.KeyDown) // the first stage of the sample is at +2 already
		},
		func() {
			pain, _ := ed.journey().PainLane()
			ed.key(fyne.KeyEscape) // let go of the emotion point, or Down lowers its score
			for ed.mw.Editor.Selection().Lane != pain.ID {
				ed.key(fyne.KeyDown)
			}
			typeNew("Courier never rang")
		},
		func() { ed.mw.DuplicateJourney() },
		func() {
			ed.mw.setJourneyInfo(ed.mw.Map.JourneyID(), journey.JourneyInfo{Title: "Copied", Persona: "P", Vision: "V"})
		},
		func() { ed.mw.MoveJourney(1) },
		func() { ed.mw.DeleteJourney() },
	}
	done := 0
	for i, step := range steps {
		before := journeytest.File(t, ed.doc.Workspace())
		step()
		if string(journeytest.File(t, ed.doc.Workspace())) == string(before) {
			t.Fatalf("step %d changed nothing", i)
		}
		done++
	}
	end := journeytest.File(t, ed.doc.Workspace())
	undone := 0
	for {
		if _, ok := ed.doc.CanUndo(); !ok {
			break
		}
		ed.shortcut(&fyne.ShortcutUndo{})
		undone++
	}
	if string(journeytest.File(t, ed.doc.Workspace())) != string(start) {
		t.Fatal("undoing every edit did not give the workspace back as it began")
	}
	for range undone {
		ed.shortcut(&fyne.ShortcutRedo{})
	}
	if string(journeytest.File(t, ed.doc.Workspace())) != string(end) {
		t.Fatal("redoing every edit did not give the workspace as it ended")
	}
	ed.restart()
	if string(journeytest.File(t, ed.doc.Workspace())) != string(end) {
		t.Error("after a restart the store does not hold the end")
	}
	if undone < done {
		t.Errorf("%d steps were undone in %d undos", done, undone)
	}
	// Ctrl+Shift+= zooms in, as Ctrl++ is typed on a US keyboard.
	ed.ctrl(fyne.KeyEqual, fyne.KeyModifierShift)
	if ed.mw.Map.Zoom() != 1.25 {
		t.Errorf("Ctrl+Shift+=: zoom %v, want 1.25", ed.mw.Map.Zoom())
	}
}

func TestSwitchingJourneyWhileTypingSavesToTheFirst(t *testing.T) {
	ed := openEditing(t)
	first := ed.journey().ID
	n := len(ed.journey().Cards)
	ed.ctrl(fyne.KeyN)
	test.Type(ed.text(), "Typed before switching")
	ed.mw.list.Select(1)
	w := ed.doc.Workspace()
	if len(w.Journey(first).Cards) != n+1 || w.Journey(first).Cards[n].Text != "Typed before switching" {
		t.Fatal("the card being typed was not saved to the journey it was typed in")
	}
	if ed.mw.Editor.Editing() || ed.mw.Map.JourneyID() == first {
		t.Error("after switching, an editor is still open or the old journey is shown")
	}
}

func TestExportPNGFromTheWindow(t *testing.T) {
	ed := openEditing(t)
	dir := t.TempDir()
	ed.mw.ExportPNG()
	form := ed.mw.Canvas().Overlays().Top()
	if form == nil {
		t.Fatal("File → Export PNG asked nothing")
	}
	var selects []*widget.Select
	walk(form, func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok {
			selects = append(selects, s)
		}
	})
	if len(selects) != 2 || len(selects[0].Options) != len(exportSizes) {
		t.Fatalf("the dialog offers %d choices", len(selects))
	}
	selects[0].SetSelectedIndex(0) // the screen size
	selects[1].SetSelected("presenter")
	entries := entriesIn(form)
	entries[1].SetText(dir) // the folder
	entries[2].SetText("late parcel.png")
	test.Tap(buttonIn(t, form, "Export"))
	ed.mw.exporting.Wait()
	path := filepath.Join(dir, "late parcel.png")
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("nothing was exported: %v (status %q)", err, ed.mw.message.Text)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil || img.Bounds().Dx() != 1920 {
		t.Fatalf("the export: %v, %v", err, img)
	}
	if bg := scene.PaletteNamed("presenter").Background; color.NRGBAModel.Convert(img.At(1, 1)) != bg {
		t.Error("the export is not in the presenter theme")
	}
	if !strings.Contains(ed.mw.message.Text, "Exported 1920 pixels wide to "+path) {
		t.Errorf("status bar: %q", ed.mw.message.Text)
	}
	// A folder that isn't there: the status says so, naming the file.
	ed.mw.exportTo(filepath.Join(dir, "nowhere", "x.png"), exportOptions(1920))
	ed.mw.exporting.Wait()
	if !strings.Contains(ed.mw.message.Text, "Not exported") || !strings.Contains(ed.mw.message.Text, filepath.Join(dir, "nowhere", "x.png")) {
		t.Errorf("status bar after a failed export: %q", ed.mw.message.Text)
	}
}

// TestQuitWaitsForTheExport: Quit while a poster is being written says so and returns, the
// window still answering; the app quits, its size remembered, once the file is whole.
func TestQuitWaitsForTheExport(t *testing.T) {
	ed := openEditing(t)
	ed.mw.Resize(fyne.NewSize(1440, 900))
	path := filepath.Join(t.TempDir(), "poster.png")
	ed.mw.exportTo(path, exportOptions(export.MaxSide))
	ed.mw.Quit()
	if !ed.mw.quitting || !strings.HasPrefix(ed.mw.message.Text, "Quitting once the export is written") ||
		len(ed.a.Preferences().FloatList(prefSize)) != 0 {
		t.Fatalf("Quit during an export: quitting %v, the window says %q", ed.mw.quitting, ed.mw.message.Text)
	}
	ed.mw.exporting.Wait()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the export was not finished before quitting: %v", err)
	}
	if got := ed.a.Preferences().FloatList(prefSize); len(got) != 2 {
		t.Errorf("after the export the app did not quit: the window's size is not remembered (%v)", got)
	}
}

func exportOptions(width int) export.Options {
	return export.Options{Width: width, DPI: 96, Palette: "light"}
}

// drawnTextSizes are the sizes of every text the map draws in view.
func drawnTextSizes(m *Map) []float32 {
	var sizes []float32
	for _, d := range m.r.drawn {
		for _, o := range d.objs {
			if t, ok := o.(*canvas.Text); ok && t.Visible() {
				sizes = append(sizes, t.TextSize)
			}
		}
	}
	return sizes
}

func TestPresenterMode(t *testing.T) {
	for _, screen := range []struct {
		w, h     float32
		smallest float32
	}{{1920, 1080, 28}, {1024, 768, 18}} {
		ed := openEditing(t)
		ed.mw.Resize(fyne.NewSize(screen.w, screen.h))
		start := journeytest.File(t, ed.doc.Workspace())
		ed.key(fyne.KeyF5)
		p := ed.mw.presenting
		if p == nil {
			t.Fatal("F5 did not start presenter mode")
		}
		if ed.mw.Padded() {
			t.Error("the presenter view has the window's padding round it")
		}
		sizes := drawnTextSizes(p.m)
		if len(sizes) == 0 {
			t.Fatal("the presenter view draws no text")
		}
		for _, s := range sizes {
			if s < screen.smallest-0.01 {
				t.Fatalf("at %v×%v a text is drawn at %v px, want at least %v", screen.w, screen.h, s, screen.smallest)
			}
		}
		if bg := p.m.r.bg.FillColor; bg != scene.PaletteNamed("presenter").Background {
			t.Error("the presenter view is not in the presenter palette")
		}
		j := ed.journey()
		if ed.mw.MainMenu() != nil {
			t.Error("the menu bar stays on the projector")
		}
		// The first view has the pain points in sight, whole, the lane above them starting
		// right under the stage bar.
		painInView := func(when string) {
			t.Helper()
			z, off, view := p.m.zoom, p.m.scroll.Offset, p.m.scroll.Size()
			top, bottom := off.Y/z+scene.StageHeight, (off.Y+view.Height)/z
			var pain scene.LaneBand
			onTop := false
			for _, l := range p.m.Scene().Lanes() {
				if l.Kind == string(journey.LanePain) {
					pain = l
				}
				onTop = onTop || abs32(l.Y-top) < 0.5
			}
			// A map shorter than the screen ends where it ends: no lane can be moved up to the bar.
			short := off.Y >= p.m.scroll.Content.MinSize().Height-view.Height-0.5
			if pain.Y < top-0.5 || pain.Y+pain.H > bottom+0.5 || !onTop && !short {
				t.Errorf("%s at %v×%v: the view shows the map from %.0f to %.0f (a lane starting there: %v); the pain lane is at %.0f–%.0f",
					when, screen.w, screen.h, top, bottom, onTop, pain.Y, pain.Y+pain.H)
			}
		}
		painInView("the first view")
		test.AssertRendersToMarkup(t, fmt.Sprintf("presenter/first-%.0fx%.0f.xml", screen.w, screen.h), ed.mw.Canvas())
		// Scrolled back up, no blank band opens under the bar.
		test.Scroll(ed.mw.Canvas(), fyne.NewPos(screen.w/2, screen.h/2), 0, 5000)
		if y := p.m.scroll.Offset.Y; y < scene.HeaderHeight*p.m.zoom-0.5 {
			t.Errorf("scrolled to the top: offset %v shows the blank header band (it starts at %v)", y, scene.HeaderHeight*p.m.zoom)
		}
		for range len(j.Lanes) {
			p.m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		}
		p.m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
		if y := p.m.scroll.Offset.Y; y < scene.HeaderHeight*p.m.zoom-0.5 {
			t.Errorf("Down and Up: offset %v", y)
		}
		// Right spotlights the first stage; B hides the backstage lanes; P shows only pain
		// points. A letter arrives as a key and as a character, as the driver sends it.
		press := func(r rune, k fyne.KeyName) {
			p.m.TypedKey(&fyne.KeyEvent{Name: k})
			p.m.TypedRune(r)
		}
		p.m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
		if got := p.m.Scene().Options().Spotlight; got != j.Stages[0].ID {
			t.Errorf("Right: spotlight on %q, want the first stage", got)
		}
		press('b', fyne.KeyB)
		for _, l := range j.Lanes {
			if _, shown := p.m.Scene().LaneLabel(l.ID); shown == (l.Kind == journey.LaneBackstage) {
				t.Errorf("B: lane %q (%s) shown %v", l.Name, l.Kind, shown)
			}
		}
		press('p', fyne.KeyP)
		painInView("P")
		test.AssertRendersToMarkup(t, fmt.Sprintf("presenter/pain-%.0fx%.0f.xml", screen.w, screen.h), ed.mw.Canvas())
		for _, l := range j.Lanes {
			if _, shown := p.m.Scene().LaneLabel(l.ID); shown != (l.Kind == journey.LanePain) {
				t.Errorf("P: lane %q (%s) shown %v", l.Name, l.Kind, shown)
			}
		}
		p.m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
		if p.m.Scene().Options().Spotlight != "" {
			t.Error("Home did not show every stage")
		}
		// Nothing changes the map while it is presented: not a click, not Delete, not Ctrl+Z.
		p.m.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(600, 400)})
		ed.shortcut(&fyne.ShortcutUndo{})
		ed.mw.Editor.Delete()
		if string(journeytest.File(t, ed.doc.Workspace())) != string(start) {
			t.Error("presenter mode let the map change")
		}
		p.m.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if ed.mw.presenting != nil || ed.mw.Content() != p.previous || ed.doc.ReadOnly {
			t.Error("Escape did not leave presenter mode")
		}
		if _, hidden := ed.mw.Map.Scene().LaneLabel(j.Lanes[len(j.Lanes)-1].ID); !hidden {
			t.Error("the lanes hidden while presenting are hidden in the journey too")
		}
		if ed.mw.MainMenu() != ed.mw.mainMenu || !ed.mw.Padded() {
			t.Error("the menu bar or the padding is not back after presenting")
		}
	}
}

func TestSmallScreensAndTheSidebar(t *testing.T) {
	ed := openEditing(t)
	for _, size := range []fyne.Size{{Width: 1024, Height: 768}, {Width: 1280, Height: 720}} {
		ed.mw.Resize(size)
		var legendAt fyne.Position
		walk(ed.mw.Content(), func(o fyne.CanvasObject) {
			if l, ok := o.(*legend); ok {
				legendAt = fyne.CurrentApp().Driver().AbsolutePositionForObject(l)
			}
		})
		st := ed.mw.status
		end := fyne.CurrentApp().Driver().AbsolutePositionForObject(st).X + st.Size().Width
		if legendAt.X < end || legendAt.X+newLegend().MinSize().Width > size.Width+1 {
			t.Errorf("at %v the figures end at %v and the legend starts at %v", size, end, legendAt.X)
		}
	}
	ed.ctrl(fyne.KeyB)
	if ed.mw.sidebar.Visible() {
		t.Fatal("Ctrl+B did not hide the journey list")
	}
	ed.restart()
	if ed.mw.sidebar.Visible() {
		t.Error("the hidden journey list came back after a restart")
	}
	ed.mw.ToggleSidebar()
	if !ed.mw.sidebar.Visible() {
		t.Error("the journey list did not come back")
	}
	// A message stands in for the figures, which come back afterwards.
	ed.mw.say("Undone: Add card.")
	if !ed.mw.message.Visible() || ed.mw.status.Visible() {
		t.Error("a message does not show in the status bar")
	}
}

// TestAPanelOnASmallScreen: at 1024×768 the journey list steps aside while a panel is open,
// so that the map keeps room to work in, and comes back when the panel goes; at 1440×900 it
// stays. Ctrl+B's choice is not changed by it. The list's rows end in an ellipsis where they
// are cut.
func TestAPanelOnASmallScreen(t *testing.T) {
	ed := openEditing(t)
	mapWidth := func() float32 {
		d, ok := drawnAs(ed.mw.Content(), ed.mw.viewport)
		if !ok {
			t.Fatal("the map is not on screen")
		}
		return d.size.Width
	}
	for _, tt := range []struct {
		size  fyne.Size
		aside bool
	}{{fyne.NewSize(1024, 768), true}, {fyne.NewSize(1440, 900), false}} {
		ed.mw.Resize(tt.size)
		ed.ctrl(fyne.KeyT)
		if !ed.mw.TaskForce.Visible() {
			t.Fatal("Ctrl+T showed no panel")
		}
		if ed.mw.sidebar.Visible() == tt.aside || mapWidth() < 560 {
			t.Errorf("at %v with a panel: journey list shown %v, the map %.0f px wide", tt.size, ed.mw.sidebar.Visible(), mapWidth())
		}
		ed.ctrl(fyne.KeyT)
		if !ed.mw.sidebar.Visible() || ed.mw.app.Preferences().Bool(prefSidebarHidden) {
			t.Errorf("at %v the journey list is not back when the panel goes", tt.size)
		}
	}
	ed.mw.Resize(fyne.NewSize(1024, 768))
	list, _ := drawnAs(ed.mw.Content(), ed.mw.list)
	cut := 0
	for _, d := range textsDrawn(ed.mw.list) {
		text := d.object.(*canvas.Text).Text
		if d.pos.X+d.object.(*canvas.Text).MinSize().Width > list.size.Width+0.5 {
			t.Errorf("the journey list (%.0f px wide) draws %q past its edge", list.size.Width, text)
		}
		if strings.HasSuffix(text, "…") {
			cut++
		}
	}
	if cut == 0 {
		t.Error("at 1024×768 no row of the journey list is shortened with an ellipsis: the sample's rows don't fit")
	}
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

// pressTab does what the driver does with Tab: the focused widget takes it when it accepts
// tabs, otherwise the focus goes on to the next widget.
func pressTab(c fyne.Canvas) {
	if f, ok := c.Focused().(fyne.Tabbable); ok && f.AcceptsTab() {
		c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
		return
	}
	c.FocusNext()
}

// TestZoomIsRemembered: the zoom in use when the app quits is the zoom it starts with, shown as
// such; a hostile value in the preferences is not taken.
func TestZoomIsRemembered(t *testing.T) {
	ed := openEditing(t)
	ed.mw.Map.SetZoom(1.5)
	ed.mw.remember()
	ed.restart()
	if z := ed.mw.Map.zoom; z != 1.5 || ed.mw.zoomLabel.Text != "150 %" {
		t.Errorf("after a restart the zoom is %v, shown as %q; want 1.5, \"150 %%\"", z, ed.mw.zoomLabel.Text)
	}
	for _, bad := range []float64{math.NaN(), math.Inf(1), -3, 1e300} {
		ed.a.Preferences().SetFloat(prefZoom, bad)
		ed.restart()
		if z := ed.mw.Map.zoom; z != z || z < MinZoom || z > MaxZoom {
			t.Errorf("preferences saying zoom %v: the map is at %v", bad, z)
		}
	}
}

// TestStagesFromTheKeyboard lays out a new journey's stages with no mouse: F2 renames the
// selected cell's stage, Ctrl+Shift+→ adds one after it named by typing over "New stage".
func TestStagesFromTheKeyboard(t *testing.T) {
	ed := openEditing(t)
	ed.mw.NewJourney()
	ed.mw.journeyForm.Submit()
	ed.key(fyne.KeyF2)
	test.Type(ed.text(), "Order")
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	for _, name := range []string{"Dispatch", "Wait"} {
		ed.shortcut(&addStageAfter) // after the stage added last: it is the one selected
		test.Type(ed.text(), name)
		ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	}
	var names []string
	for _, s := range ed.journey().Stages {
		names = append(names, s.Name)
	}
	if !slices.Equal(names, []string{"Order", "Dispatch", "Wait"}) {
		t.Errorf("stages laid out from the keyboard: %q", names)
	}
}

// TestTypingAcrossAWrapKeepsEverySpace types a pain point's title a character at a time into
// the in-place editor at widths from 100 to 320 pixels, every third: whatever the width, and so
// wherever a space falls at the end of a wrapped line, the text is what was typed (Fyne's
// entry put its cursor before a space that wrapped, and the next letter went in front of it).
func TestTypingAcrossAWrapKeepsEverySpace(t *testing.T) {
	test.NewTempApp(t)
	const typed = "No tracking link in the dispatch email, said twice by the courier"
	for w := float32(100); w <= 320; w += 3 {
		e := newTextEditor("")
		e.TextStyle.Bold = true
		win := test.NewWindow(e)
		win.Resize(fyne.NewSize(w, 200))
		win.Canvas().Focus(e)
		for _, r := range typed {
			// As the driver sends a key: its name first, then its character.
			e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyName(strings.ToUpper(string(r)))})
			e.TypedRune(r)
		}
		win.Close()
		if e.Text != typed {
			t.Fatalf("at %v pixels wide, typing gave %q", w, e.Text)
		}
	}
}

// TestCancelledNewJourneyGoes: cancelling the dialog a new journey opens with takes the
// journey back, and the map shows the journey shown before, not an empty map.
func TestCancelledNewJourneyGoes(t *testing.T) {
	ed := openEditing(t)
	before := ed.mw.Map.JourneyID()
	n := len(ed.doc.Workspace().Journeys)
	ed.mw.NewJourney()
	ed.mw.journeyForm.Hide() // Cancel
	if got := len(ed.doc.Workspace().Journeys); got != n {
		t.Errorf("after Cancel there are %d journeys, want %d", got, n)
	}
	if ed.mw.Map.JourneyID() == "" || ed.doc.Workspace().Journey(ed.mw.Map.JourneyID()) == nil {
		t.Errorf("after Cancel the map shows %q, not one of the journeys (before: %q)", ed.mw.Map.JourneyID(), before)
	}
}

// TestEscapeCancelsADialog: Esc in a dialog's field cancels the dialog, as in any desktop
// dialog, and leaves nothing behind: a new journey's dialog takes its journey back.
func TestEscapeCancelsADialog(t *testing.T) {
	ed := openEditing(t)
	n := len(ed.doc.Workspace().Journeys)
	ed.mw.NewJourney()
	var title *dialogField
	walk(ed.mw.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if f, ok := o.(*dialogField); ok && title == nil {
			title = f
		}
	})
	if title == nil {
		t.Fatal("the journey dialog has no title field")
	}
	title.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if ed.mw.Canvas().Overlays().Top() != nil || len(ed.doc.Workspace().Journeys) != n {
		t.Errorf("Esc in the new journey's title: a dialog still open %v, %d journeys (want %d)",
			ed.mw.Canvas().Overlays().Top() != nil, len(ed.doc.Workspace().Journeys), n)
	}
	ed.mw.AddMember()
	members := len(ed.doc.Workspace().Members)
	test.Type(ed.mw.TaskForce.memberAsk[0], "Nobody")
	ed.mw.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if ed.mw.Canvas().Overlays().Top() != nil || len(ed.doc.Workspace().Members) != members {
		t.Error("Esc in the member dialog did not cancel it")
	}
}
