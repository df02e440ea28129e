package canvas

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"journeymap/canvas/scene"
	"journeymap/journey"
	"journeymap/journey/journeytest"
)

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

// TestTooLongIsSaidWhileTyping: the limit of a card's text is said as soon as the text passes
// it, not first at Enter.
func TestTooLongIsSaidWhileTyping(t *testing.T) {
	ed := openEditing(t)
	ed.ctrl(fyne.KeyN)
	ed.text().SetText(strings.Repeat("a", journey.MaxTextRunes))
	test.Type(ed.text(), "b")
	if got, want := ed.mw.message.Text, "A card holds at most 4,000 characters: this is 4,001, 1 too many."; got != want {
		t.Errorf("typing past the limit: the window says %q, want %q", got, want)
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

// TestTypingAcrossAWrapKeepsEverySpace types a pain point's title a character at a time into
// the in-place editor at widths from 100 to 320 pixels, every third: whatever the width, and so
// wherever a space falls at the end of a wrapped line, the text is what was typed (Fyne's
// entry put its cursor before a space that wrapped, and the next letter went in front of it).
func TestTypingAcrossAWrapKeepsEverySpace(t *testing.T) {
	newApp(t)
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
