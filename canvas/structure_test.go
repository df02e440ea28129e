package canvas

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"journeymap/canvas/scene"
	"journeymap/canvas/screentest"
	"journeymap/journey"
	"journeymap/journey/journeytest"
)

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
	if _, _, shown := ed.mw.Map.Drop(); shown {
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
	// The drag said the score it would set as it went, and what it set once let go.
	if want := "Feeling at “" + j.Stages[0].Name + "”: –2."; ed.mw.message.Text != want {
		t.Errorf("after the drag the status bar says %q, want %q", ed.mw.message.Text, want)
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
	z := ed.mw.Map.Zoom()
	lastPiece, firstPoint := -1, -1
	for i, d := range screentest.OnScreen(ed.mw.Map) {
		switch o := d.Object.(type) {
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
