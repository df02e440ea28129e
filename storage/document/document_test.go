package document

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"journeymap/journey"
	"journeymap/journey/journeytest"
	"journeymap/storage"
)

// openSample opens a new store holding the sample workspace and a document on it.
func openSample(t *testing.T) (*Document, string) {
	t.Helper()
	return openSampleIn(t, filepath.Join(t.TempDir(), "store"))
}

func openSampleIn(t *testing.T, dir string) (*Document, string) {
	t.Helper()
	s, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Replace(journeytest.Sample(t)); err != nil {
		t.Fatal(err)
	}
	d, err := New(s)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.store.Close() })
	return d, dir
}

// reopen closes the document's store and opens a new document on it, as a restart does.
func reopen(t *testing.T, d *Document, dir string) *Document {
	t.Helper()
	d.store.Close()
	s, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	d2, err := New(s)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return d2
}

// stored reads what a closed store holds.
func stored(t *testing.T, dir string) []byte {
	t.Helper()
	s, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	w, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	return journeytest.File(t, w)
}

func addCard(t *testing.T, d *Document, id, text string) journey.Edit {
	t.Helper()
	j := d.Workspace().Journeys[0]
	e, err := journey.Put(d.Workspace(), j.ID, journey.Card{ID: id, Lane: j.Lanes[0].ID, Stage: j.Stages[0].ID, Text: text}, -1)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestUndoWorksAfterReopening(t *testing.T) {
	d, dir := openSample(t)
	original := journeytest.File(t, d.Workspace())
	if err := d.Do(addCard(t, d, "c-first", "Compares couriers")); err != nil {
		t.Fatal(err)
	}
	if err := d.Do(addCard(t, d, "c-second", "Reads the returns policy")); err != nil {
		t.Fatal(err)
	}
	afterBoth := journeytest.File(t, d.Workspace())

	d = reopen(t, d, dir)
	if label, ok := d.CanUndo(); !ok || label != "Add card" {
		t.Fatalf("after reopening: CanUndo %q %v, want Add card", label, ok)
	}
	if !bytes.Equal(journeytest.File(t, d.Workspace()), afterBoth) {
		t.Fatal("after reopening the workspace is not as it was left")
	}
	if _, err := d.Undo(); err != nil {
		t.Fatal(err)
	}
	d = reopen(t, d, dir)
	if has(d, "c-second") || !has(d, "c-first") {
		t.Fatal("the undo made before the second restart did not last")
	}
	if label, ok := d.CanRedo(); !ok || label != "Add card" {
		t.Errorf("after reopening: CanRedo %q %v, want Add card", label, ok)
	}
	if _, err := d.Undo(); err != nil {
		t.Fatal(err)
	}
	if _, ok := d.CanUndo(); ok {
		t.Error("after undoing both edits there is still something to undo")
	}
	if !bytes.Equal(journeytest.File(t, d.Workspace()), original) {
		t.Error("undoing both edits did not restore the workspace")
	}
	d = reopen(t, d, dir)
	if !bytes.Equal(journeytest.File(t, d.Workspace()), original) {
		t.Error("undoing both edits did not restore the stored workspace")
	}
	for range 2 {
		if _, err := d.Redo(); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(journeytest.File(t, d.Workspace()), afterBoth) {
		t.Error("redoing both after a restart does not give the workspace back")
	}
}

func has(d *Document, card string) bool {
	for _, c := range d.Workspace().Journeys[0].Cards {
		if c.ID == card {
			return true
		}
	}
	return false
}

func TestAFailedCommitLeavesEverythingAsItWas(t *testing.T) {
	d, dir := openSample(t)
	if err := d.Do(addCard(t, d, "c-kept", "Kept")); err != nil {
		t.Fatal(err)
	}
	memory := journeytest.File(t, d.Workspace())
	told := 0
	d.Watch(func(Change) { told++ })
	e := addCard(t, d, "c-lost", "Typed as the disk went away")

	// The store goes away under the document: Badger refuses the transaction for real.
	d.store.Close()
	err := d.Do(e)
	if err == nil || !strings.Contains(err.Error(), "Add card was not saved") {
		t.Fatalf("got %v, want the edit refused, named", err)
	}
	if !bytes.Equal(journeytest.File(t, d.Workspace()), memory) {
		t.Error("memory is ahead of the store after a failed commit")
	}
	if label, _ := d.CanUndo(); label != "Add card" || len(d.undo) != 1 {
		t.Errorf("the failed edit reached the history: %d entries", len(d.undo))
	}
	if told != 0 {
		t.Error("watchers were told of a change that was not saved")
	}
	if _, err := d.Undo(); err == nil {
		t.Error("an undo whose commit fails reported success")
	}
	if !bytes.Equal(journeytest.File(t, d.Workspace()), memory) || len(d.undo) != 1 || len(d.redo) != 0 {
		t.Error("a failed undo changed memory or history")
	}
	if !bytes.Equal(stored(t, dir), memory) {
		t.Error("the store does not hold what memory shows")
	}
}

func TestAStoreMovedAwayIsToldOnceWithTheWorkspaceKept(t *testing.T) {
	d, dir := openSample(t)
	var lost []error
	d.OnLost = func(err error) { lost = append(lost, err) }
	if err := d.Do(addCard(t, d, "c-kept", "Kept")); err != nil {
		t.Fatal(err)
	}
	if len(lost) != 0 {
		t.Fatalf("told of a lost store while it was there: %v", lost)
	}
	memory := journeytest.File(t, d.Workspace())
	if err := os.Rename(dir, dir+".moved"); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"Typed after the move", "And again"} {
		if err := d.Do(addCard(t, d, "c-"+text, text)); !errors.Is(err, storage.ErrStoreGone) {
			t.Fatalf("got %v, want ErrStoreGone", err)
		}
	}
	if _, err := d.Undo(); !errors.Is(err, storage.ErrStoreGone) {
		t.Fatalf("undo: got %v, want ErrStoreGone", err)
	}
	if len(lost) != 1 || !errors.Is(lost[0], storage.ErrStoreGone) {
		t.Errorf("told %d times (%v), want once", len(lost), lost)
	}
	if !bytes.Equal(journeytest.File(t, d.Workspace()), memory) {
		t.Error("the workspace in memory is not what was saved before the store went")
	}
}

func TestWatchersAreToldWhatChanged(t *testing.T) {
	d, _ := openSample(t)
	var got []Change
	stop := d.Watch(func(c Change) { got = append(got, c) })
	j := d.Workspace().Journeys[0]
	card := j.Cards[0]
	card.Text = "Pays with a gift card"
	e, _ := journey.Put(d.Workspace(), j.ID, card, -1)
	if err := d.Do(e); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Undo(); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Redo(); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].Kind != Did || got[1].Kind != Undid || got[2].Kind != Redid {
		t.Fatalf("got %+v, want do, undo, redo", got)
	}
	for _, c := range got {
		if c.Label != "Edit card" || !c.Touches(journey.RefCard, j.ID, card.ID) || c.Workspace() ||
			len(c.Journeys()) != 1 || c.Journeys()[0] != j.ID {
			t.Errorf("change %+v: want the card of %s and nothing else", c, j.ID)
		}
	}
	stop()
	if err := d.Do(addCard(t, d, "c-unwatched", "x")); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Error("a stopped watcher was told")
	}
	member := d.Workspace().Members[0]
	member.Capacity++
	var ws []Change
	d.Watch(func(c Change) { ws = append(ws, c) })
	e2, _ := journey.Put(d.Workspace(), "", member, -1)
	if err := d.Do(e2); err != nil || len(ws) != 1 || !ws[0].Workspace() || len(ws[0].Journeys()) != 0 {
		t.Errorf("a member edit: %v, %+v; want a workspace change", err, ws)
	}
}

func TestRefusedEditChangesNothing(t *testing.T) {
	d, dir := openSample(t)
	before := journeytest.File(t, d.Workspace())
	j := d.Workspace().Journeys[0]
	e, _ := journey.Put(d.Workspace(), j.ID, journey.Card{ID: "c-long", Lane: j.Lanes[0].ID, Stage: j.Stages[0].ID,
		Text: strings.Repeat("x", journey.MaxTextRunes+1)}, -1)
	if err := d.Do(e); !errors.Is(err, journey.ErrInvalid) {
		t.Fatalf("got %v, want a validation error", err)
	}
	if _, ok := d.CanUndo(); ok || !bytes.Equal(journeytest.File(t, d.Workspace()), before) {
		t.Error("a refused edit left a trace")
	}
	if d = reopen(t, d, dir); !bytes.Equal(journeytest.File(t, d.Workspace()), before) {
		t.Error("a refused edit reached the store")
	}
}

func TestHistoryIsBoundedPerJourney(t *testing.T) {
	d, dir := openSample(t)
	d.Limit = 3
	w := d.Workspace()
	// Five edits in the first journey, one in the second: the first keeps its last three.
	for i := range 5 {
		if err := d.Do(addCard(t, d, "c-"+string(rune('a'+i)), "x")); err != nil {
			t.Fatal(err)
		}
	}
	other := w.Journeys[1]
	info := other.Info()
	info.Persona = "Gift giver"
	e, _ := journey.EditJourneyInfo(w, other.ID, info)
	if err := d.Do(e); err != nil {
		t.Fatal(err)
	}
	d = reopen(t, d, dir)
	d.Limit = 3
	n := 0
	for {
		label, err := d.Undo()
		if err != nil {
			t.Fatal(err)
		}
		if label == "" {
			break
		}
		n++
	}
	if n != 4 {
		t.Errorf("undid %d edits after a restart, want 3 of the first journey and 1 of the second", n)
	}
	if !has(d, "c-a") || !has(d, "c-b") || has(d, "c-c") {
		t.Error("the edits undone are not the newest three of the journey")
	}
}

func TestANewEditClearsRedo(t *testing.T) {
	d, dir := openSample(t)
	if err := d.Do(addCard(t, d, "c-1", "one")); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Undo(); err != nil {
		t.Fatal(err)
	}
	if err := d.Do(addCard(t, d, "c-2", "two")); err != nil {
		t.Fatal(err)
	}
	if _, ok := d.CanRedo(); ok {
		t.Error("a new edit left something to redo")
	}
	d = reopen(t, d, dir)
	if _, ok := d.CanRedo(); ok {
		t.Error("the redo entry outlived the new edit in the store")
	}
}

func TestAStaleUndoIsDroppedAndSaid(t *testing.T) {
	d, _ := openSample(t)
	if err := d.Do(addCard(t, d, "c-x", "x")); err != nil {
		t.Fatal(err)
	}
	// Something outside the document changed the card: the undo no longer fits.
	d.ws.Journeys[0].Cards[len(d.ws.Journeys[0].Cards)-1].Text = "changed behind the document's back"
	label, err := d.Undo()
	if !errors.Is(err, journey.ErrConflict) || label != "Add card “x”" {
		t.Fatalf("got %q %v, want the conflict named", label, err)
	}
	if _, ok := d.CanUndo(); ok {
		t.Error("an undo that can't be done stays in the history")
	}
}

func TestAStaleRedoIsDroppedAndSaid(t *testing.T) {
	d, dir := openSample(t)
	if err := d.Do(addCard(t, d, "c-x", "x")); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Undo(); err != nil {
		t.Fatal(err)
	}
	// Something outside the document took the card's id: the redo no longer fits.
	j := &d.ws.Journeys[0]
	j.Cards = append(j.Cards, journey.Card{ID: "c-x", Stage: j.Stages[0].ID, Lane: j.Lanes[0].ID, Text: "behind the back"})
	label, err := d.Redo()
	if err == nil || label != "Add card “x”" || !strings.HasPrefix(err.Error(), "can't redo Add card “x”: ") {
		t.Fatalf("got %q %v, want the redo refused and named", label, err)
	}
	if _, ok := d.CanRedo(); ok {
		t.Error("a redo that can't be done stays in the history")
	}
	if _, ok := d.CanUndo(); ok {
		t.Error("a refused redo was pushed onto the undo history")
	}
	d = reopen(t, d, dir)
	if _, ok := d.CanRedo(); ok {
		t.Error("the dropped redo entry is still in the store")
	}
}

func TestReadOnlyRefusesEveryChange(t *testing.T) {
	d, _ := openSample(t)
	if err := d.Do(addCard(t, d, "c-1", "one")); err != nil {
		t.Fatal(err)
	}
	before := journeytest.File(t, d.Workspace())
	d.ReadOnly = true
	if err := d.Do(addCard(t, d, "c-2", "two")); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Do: %v", err)
	}
	if _, err := d.Undo(); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Undo: %v", err)
	}
	if _, err := d.Redo(); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Redo: %v", err)
	}
	if !bytes.Equal(journeytest.File(t, d.Workspace()), before) {
		t.Error("a read-only document changed")
	}
	d.ReadOnly = false
	if _, err := d.Undo(); err != nil {
		t.Error(err)
	}
}

// TestKeptEditsAreInNoHistory: an anonymous pulse kept is durable, but Undo passes it by,
// before and after a restart, and takes back the edit made before it instead.
func TestKeptEditsAreInNoHistory(t *testing.T) {
	d, dir := openSample(t)
	m := d.Workspace().Members[0]
	m.Capacity++
	if err := d.Do(mustPut(t, d, m)); err != nil {
		t.Fatal(err)
	}
	before, _ := d.CanUndo()
	pulse := journey.NewPulse(time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC), [4]int{4, 3, 5, 2})
	n := len(d.Workspace().Pulses)
	if err := d.Keep(mustPut(t, d, pulse)); err != nil {
		t.Fatal(err)
	}
	if label, _ := d.CanUndo(); label != before {
		t.Errorf("after keeping a pulse, Undo offers %q, want %q as before it", label, before)
	}
	d = reopen(t, d, dir)
	if len(d.Workspace().Pulses) != n+1 {
		t.Fatalf("the kept pulse is not in the store after a restart: %d pulses, want %d", len(d.Workspace().Pulses), n+1)
	}
	if label, _ := d.CanUndo(); label != before {
		t.Errorf("after a restart, Undo offers %q, want %q", label, before)
	}
	if _, err := d.Undo(); err != nil {
		t.Fatal(err)
	}
	if len(d.Workspace().Pulses) != n+1 || d.Workspace().Members[0].Capacity != m.Capacity-1 {
		t.Error("Undo took back the pulse, or not the edit before it")
	}
}

func mustPut[T journey.Item](t *testing.T, d *Document, item T) journey.Edit {
	t.Helper()
	e, err := journey.Put(d.Workspace(), "", item, -1)
	if err != nil {
		t.Fatal(err)
	}
	return e
}
