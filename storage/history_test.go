package storage

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"journeymap/journey"
	"journeymap/journey/journeytest"
)

func TestHistoryIsStoredWithTheEdit(t *testing.T) {
	s := openTest(t)
	w := journeytest.Sample(t)
	if err := s.Replace(w); err != nil {
		t.Fatal(err)
	}
	j := w.Journeys[0]
	var entries []HistoryEntry
	for i, text := range []string{"one", "two", "three"} {
		e := must(journey.Put(w, j.ID, journey.Card{ID: text, Lane: j.Lanes[0].ID, Stage: j.Stages[0].ID, Text: text}, -1))
		if err := e.Apply(w); err != nil {
			t.Fatal(err)
		}
		entry := HistoryEntry{Seq: uint64(i + 1), Scope: j.ID, Edit: e}
		entries = append(entries, entry)
		if err := s.Commit(w, e.Touches(), HistoryStep{PushUndo: []HistoryEntry{entry}}); err != nil {
			t.Fatal(err)
		}
	}
	// Undo the last: it moves from the undo stack to the redo stack in the same transaction.
	inv := entries[2].Edit.Invert()
	if err := inv.Apply(w); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(w, inv.Touches(), HistoryStep{DropUndo: []uint64{3}, PushRedo: []HistoryEntry{entries[2]}}); err != nil {
		t.Fatal(err)
	}
	undo, redo, err := s.History()
	if err != nil {
		t.Fatal(err)
	}
	if len(undo) != 2 || undo[0].Seq != 1 || undo[1].Seq != 2 || len(redo) != 1 || redo[0].Seq != 3 {
		t.Fatalf("got undo %v and redo %v, want 1 2 and 3", seqs(undo), seqs(redo))
	}
	if !reflect.DeepEqual(undo[1].Edit, entries[1].Edit) || undo[1].Scope != j.ID {
		t.Errorf("the stored edit reads back as %#v, want %#v", undo[1].Edit, entries[1].Edit)
	}
	// The history survives a restart, and undoing from it works on the reloaded workspace.
	dir := s.Dir()
	s.Close()
	s2, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	w2, err := s2.Load()
	if err != nil {
		t.Fatal(err)
	}
	undo, _, err = s2.History()
	if err != nil {
		t.Fatal(err)
	}
	if err := undo[1].Edit.Invert().Apply(w2); err != nil {
		t.Errorf("undo after a restart: %v", err)
	}
	// A replace starts a new workspace with no history.
	if err := s2.Replace(journeytest.Sample(t)); err != nil {
		t.Fatal(err)
	}
	if undo, redo, _ := s2.History(); len(undo)+len(redo) != 0 {
		t.Errorf("history of the replaced workspace survived: %d and %d entries", len(undo), len(redo))
	}
}

func seqs(es []HistoryEntry) []uint64 {
	var out []uint64
	for _, e := range es {
		out = append(out, e.Seq)
	}
	return out
}

func TestAnEditTooBigForHistoryLeavesABarrier(t *testing.T) {
	s := openTest(t)
	w := journeytest.Sample(t)
	if err := s.Replace(w); err != nil {
		t.Fatal(err)
	}
	small := HistoryEntry{Seq: 1, Edit: journey.RenameWorkspace{Before: "a", After: "b"}}
	huge := journey.Card{ID: "huge", Text: strings.Repeat("x", maxHistoryValue)}
	big := HistoryEntry{Seq: 2, Edit: journey.ItemEdit[journey.Card]{Journey: "j", After: &huge}}
	later := HistoryEntry{Seq: 3, Edit: journey.RenameWorkspace{Before: "b", After: "c"}}
	if err := s.Commit(w, nil, HistoryStep{PushUndo: []HistoryEntry{small, big, later}, PushRedo: []HistoryEntry{later, big, small}}); err != nil {
		t.Fatal(err)
	}
	undo, redo, err := s.History()
	if err != nil {
		t.Fatal(err)
	}
	if got := seqs(undo); !reflect.DeepEqual(got, []uint64{3}) {
		t.Errorf("undo after a barrier: got %v, want only the entry above it", got)
	}
	if got := seqs(redo); !reflect.DeepEqual(got, []uint64{1}) {
		t.Errorf("redo with a barrier: got %v, want only the entry before it", got)
	}
}

// bulkCards adds n cards to the sample's first journey and returns their refs: a change too
// big for one Badger transaction.
func bulkCards(w *journey.Workspace, n int) []journey.Ref {
	j := &w.Journeys[0]
	var refs []journey.Ref
	for i := range n {
		id := fmt.Sprintf("bulk-%05d", i)
		j.Cards = append(j.Cards, journey.Card{ID: id, Lane: j.Lanes[0].ID, Stage: j.Stages[0].ID, Text: strings.Repeat("card ", 20)})
		refs = append(refs, journey.Ref{Kind: journey.RefCard, Journey: j.ID, ID: id})
	}
	return append(refs, journey.Ref{Kind: journey.RefJourney, ID: j.ID})
}

func TestACommitTooBigForOneTransactionIsSavedWhole(t *testing.T) {
	s := openTest(t)
	w := journeytest.Sample(t)
	if err := s.Replace(w); err != nil {
		t.Fatal(err)
	}
	refs := bulkCards(w, 40000)
	entry := HistoryEntry{Seq: 1, Edit: journey.RenameWorkspace{Before: "a", After: "b"}}
	if err := s.Commit(w, refs, HistoryStep{PushUndo: []HistoryEntry{entry}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, w) {
		t.Error("the store does not hold the workspace committed")
	}
	if undo, _, _ := s.History(); len(undo) != 1 {
		t.Errorf("%d undo entries, want the one committed", len(undo))
	}
	if n := keysUnder(t, s, "meta/bulk"); n != 0 {
		t.Errorf("%d keys of the journal are left", n)
	}
}

func TestFailedCommitWritesNothing(t *testing.T) {
	s := openTest(t)
	w := journeytest.Sample(t)
	if err := s.Replace(w); err != nil {
		t.Fatal(err)
	}
	before := loaded(t, s)
	// A change too big for one transaction fails in its last part, after the parts before
	// it were written: its last card is bigger than the store takes.
	refs := bulkCards(w, 40000)
	w.Journeys[0].Cards[len(w.Journeys[0].Cards)-1].Text = strings.Repeat("x", maxValue+1)
	entry := HistoryEntry{Seq: 1, Edit: journey.RenameWorkspace{Before: "a", After: "b"}}
	err := s.Commit(w, refs, HistoryStep{PushUndo: []HistoryEntry{entry}})
	if !errors.Is(err, ErrTooBig) {
		t.Fatalf("got %v, want ErrTooBig", err)
	}
	if !bytes.Equal(loaded(t, s), before) {
		t.Error("a failed commit wrote part of the edit")
	}
	if undo, _, _ := s.History(); len(undo) != 0 {
		t.Error("a failed commit wrote its history entry")
	}
	if n := keysUnder(t, s, "meta/bulk"); n != 0 {
		t.Errorf("%d keys of the journal are left", n)
	}
	// And the store takes the next edit.
	w2 := journeytest.Sample(t)
	w2.Name = "Renamed"
	if err := s.Commit(w2, []journey.Ref{{Kind: journey.RefWorkspace}}, HistoryStep{}); err != nil {
		t.Fatalf("the next commit: %v", err)
	}
}

func keysUnder(t *testing.T, s *Store, prefix string) int {
	t.Helper()
	keys, err := s.keysWithPrefix([]byte(prefix))
	if err != nil {
		t.Fatal(err)
	}
	return len(keys)
}

func TestMigrationFromSchema1(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	// A frozen schema-1 writer: the records exactly as the first stores held them.
	db, err := badger.Open(badgerOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	v1 := map[string]string{
		"meta/schema":    `{"schema":1}`,
		"ws":             `{"schema":1,"name":"Old force","members":["m-ana"],"journeys":["j-1"]}`,
		"m/m-ana":        `{"schema":1,"id":"m-ana","name":"Ana","department":"Support","capacity":8}`,
		"pulse/00000000": `{"schema":1,"date":"2026-10-05","risk":3,"dialogue":3,"help":4,"inclusion":3}`,
		"pulse/00000001": `{"schema":1,"date":"2026-10-12","risk":4,"dialogue":2,"help":5,"inclusion":1}`,
		"j/j-1": `{"schema":1,"id":"j-1","title":"Late parcel","persona":"","vision":"","stages":[{"id":"s","name":"Wait"}],` +
			`"lanes":[{"id":"l","kind":"actions","name":"Actions"}],"emotions":[],"cards":["c"],"painPoints":[]}`,
		"j/j-1/card/c": `{"schema":1,"id":"c","lane":"l","stage":"s","text":"Waits"}`,
	}
	if err := db.Update(func(txn *badger.Txn) error {
		for k, v := range v1 {
			if err := txn.Set([]byte(k), []byte(v)); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := Open(dir)
	if err != nil {
		t.Fatalf("opening a schema-1 store: %v", err)
	}
	defer s.Close()
	w, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if err := journey.Validate(w); err != nil {
		t.Fatalf("the migrated workspace is not valid: %v", err)
	}
	if len(w.Pulses) != 2 || w.Pulses[0].ID == "" || w.Pulses[1].ID == "" || w.Pulses[0].ID == w.Pulses[1].ID {
		t.Fatalf("pulses after migration: %+v, want two with their own ids", w.Pulses)
	}
	scores := map[int]bool{w.Pulses[0].Inclusion: true, w.Pulses[1].Inclusion: true}
	if !scores[1] || !scores[3] || len(w.Journeys[0].Cards) != 1 {
		t.Errorf("the migration lost data: %+v", w)
	}
	keys, _ := s.keysWithPrefix([]byte("pulse/0000000"))
	if len(keys) != 0 {
		t.Errorf("pulses are still under their sequence numbers: %q", keys)
	}
	var rec schemaRecord
	if err := s.db.View(func(txn *badger.Txn) error { _, err := get(txn, []byte(keySchema), &rec); return err }); err != nil || rec.Schema != SchemaVersion {
		t.Errorf("meta/schema after migration: %d, %v; want %d", rec.Schema, err, SchemaVersion)
	}
	// A store of schema 0 or one no migration leads from is refused, not guessed at.
	if err := s.db.Update(func(txn *badger.Txn) error { return migrate(txn, -3) }); err == nil {
		t.Error("a migration from an unknown schema was not refused")
	}
}

func TestReplaceGivesPulsesIDsInOrder(t *testing.T) {
	s := openTest(t)
	w := journeytest.Sample(t)
	if err := s.Replace(w); err != nil {
		t.Fatal(err)
	}
	for i, p := range w.Pulses {
		if p.ID == "" || (i > 0 && w.Pulses[i-1].ID >= p.ID) {
			t.Fatalf("pulses after replace: %+v, want ids in order", w.Pulses)
		}
	}
	if !bytes.Equal(loaded(t, s), journeytest.File(t, w)) {
		t.Error("the workspace in memory and the one stored list pulses differently")
	}
}

func TestARecordTooBigSaysWhatToDo(t *testing.T) {
	huge := make([]byte, maxValue+1)
	for _, tc := range []struct {
		key  []byte
		want string
	}{
		{journeyKey("j-late"), `the journey "j-late" would hold more cards and pain points than one journey keeps`},
		{cardKey("j-late", "c1"), `the record "j/j-late/card/c1" would be 15 MiB`},
	} {
		err := checkRecord(tc.key, huge)
		if !errors.Is(err, ErrTooBig) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want it to say %q", tc.key, err, tc.want)
		}
		if err := checkRecord(tc.key, huge[:maxValue]); err != nil {
			t.Errorf("%s: a record of the most the store takes was refused: %v", tc.key, err)
		}
	}
}
