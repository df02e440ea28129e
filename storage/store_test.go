package storage

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"journeymap/journey"
	"journeymap/journey/interchange"
	"journeymap/journey/journeytest"
)

// openTest opens a store in a fresh temporary directory, closed when the test ends.
func openTest(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "store"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func loaded(t *testing.T, s *Store) []byte {
	t.Helper()
	w, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	return journeytest.File(t, w)
}

func TestRoundTrip(t *testing.T) {
	s := openTest(t)
	if empty, err := s.Empty(); err != nil || !empty {
		t.Fatalf("a new store: Empty() = %v, %v; want true", empty, err)
	}
	w := journeytest.Sample(t)
	if err := s.Replace(w); err != nil {
		t.Fatal(err)
	}
	if got, want := loaded(t, s), journeytest.File(t, w); !bytes.Equal(got, want) {
		t.Fatalf("load after replace differs from what was stored:\n%s", got)
	}
	dir := s.Dir()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if got, want := loaded(t, s2), journeytest.File(t, w); !bytes.Equal(got, want) {
		t.Error("load after reopening differs from what was stored")
	}
	if empty, _ := s2.Empty(); empty {
		t.Error("a filled store says it is empty")
	}
}

func TestReplaceSwapsWholeWorkspace(t *testing.T) {
	s := openTest(t)
	if err := s.Replace(journeytest.Sample(t)); err != nil {
		t.Fatal(err)
	}
	small := &journey.Workspace{Name: "Other", Journeys: []journey.Journey{{ID: "j-late-parcel", Title: "Only one"}}}
	if err := s.Replace(small); err != nil {
		t.Fatal(err)
	}
	if got, want := loaded(t, s), journeytest.File(t, small); !bytes.Equal(got, want) {
		t.Errorf("records of the old workspace survived the replace:\n%s", got)
	}
}

func TestReplaceRefusesInvalidAndLeavesStoreAlone(t *testing.T) {
	s := openTest(t)
	if err := s.Replace(journeytest.Sample(t)); err != nil {
		t.Fatal(err)
	}
	before := loaded(t, s)
	bad := journeytest.Sample(t)
	bad.Journeys[1].PainPoints[0].Severity = 9
	if err := s.Replace(bad); !errors.Is(err, journey.ErrInvalid) {
		t.Fatalf("got %v, want a validation error", err)
	}
	if !bytes.Equal(loaded(t, s), before) {
		t.Error("a refused replace changed the store")
	}
}

func TestCommitEdits(t *testing.T) {
	s := openTest(t)
	w := journeytest.Sample(t)
	if err := s.Replace(w); err != nil {
		t.Fatal(err)
	}
	replaced := loaded(t, s)
	j := w.Journeys[0]
	p := j.PainPoints[3]
	p.Owner = "m-ana"
	// Each edit is made against the workspace as the ones before left it.
	edits := []func() journey.Edit{
		func() journey.Edit {
			return must(journey.Put(w, j.ID, journey.Card{ID: "new", Lane: j.Lanes[0].ID, Stage: j.Stages[0].ID, Text: "Added"}, -1))
		},
		func() journey.Edit { return must(journey.Remove[journey.Card](w, j.ID, j.Cards[0].ID)) },
		func() journey.Edit { return must(journey.Put(w, j.ID, p, -1)) },
		func() journey.Edit {
			return must(journey.Put(w, j.ID, journey.Emotion{Stage: j.Stages[2].ID, Score: 2}, -1))
		},
		func() journey.Edit {
			return must(journey.Put(w, "", journey.Pulse{ID: "pulse-new", Date: "2026-11-20", Risk: 2, Dialogue: 2, Help: 2, Inclusion: 2}, -1))
		},
		func() journey.Edit {
			return must(journey.Put(w, "", journey.Member{ID: "m-new", Name: "Noor", Capacity: 3}, 0))
		},
		func() journey.Edit { return must(journey.DeleteStage(w, j.ID, j.Stages[1].ID)) },
		func() journey.Edit { return must(journey.Remove[journey.Journey](w, "", w.Journeys[1].ID)) },
	}
	var done []journey.Edit
	for _, next := range edits {
		e := next()
		if err := e.Apply(w); err != nil {
			t.Fatalf("%s: %v", e.Label(), err)
		}
		if err := s.Commit(w, e.Touches(), HistoryStep{}); err != nil {
			t.Fatal(err)
		}
		done = append(done, e)
		if got, want := loaded(t, s), journeytest.File(t, w); !bytes.Equal(got, want) {
			t.Fatalf("after %s the stored workspace differs from the edited one", e.Label())
		}
	}
	for i := len(done) - 1; i >= 0; i-- {
		inv := done[i].Invert()
		if err := inv.Apply(w); err != nil {
			t.Fatal(err)
		}
		if err := s.Commit(w, inv.Touches(), HistoryStep{}); err != nil {
			t.Fatal(err)
		}
	}
	if got := loaded(t, s); !bytes.Equal(got, replaced) {
		t.Error("after undoing every edit the store differs from what was imported")
	}
}

func must[E journey.Edit](e E, err error) journey.Edit {
	if err != nil {
		panic(err)
	}
	return e
}

func TestCommitDeletesJourneyWithItsRecords(t *testing.T) {
	s := openTest(t)
	w := journeytest.Sample(t)
	if err := s.Replace(w); err != nil {
		t.Fatal(err)
	}
	gone := w.Journeys[0].ID
	w.Journeys = w.Journeys[1:]
	if err := s.Commit(w, []journey.Ref{{Kind: journey.RefWorkspace}, {Kind: journey.RefJourney, ID: gone}}, HistoryStep{}); err != nil {
		t.Fatal(err)
	}
	keys, err := s.keysWithPrefix(journeyChildren(gone))
	if err != nil || len(keys) != 0 {
		t.Errorf("records of the deleted journey remain: %q, %v", keys, err)
	}
	if got, want := loaded(t, s), journeytest.File(t, w); !bytes.Equal(got, want) {
		t.Error("stored workspace differs after deleting a journey")
	}
}

func TestBigReplaceSpansTransactions(t *testing.T) {
	if testing.Short() {
		t.Skip("writes ~4 MB")
	}
	s := openTest(t)
	w := journeytest.Sample(t)
	j := &w.Journeys[0]
	for i := range 40000 {
		j.Cards = append(j.Cards, journey.Card{ID: fmt.Sprintf("bulk-%05d", i), Lane: j.Lanes[0].ID,
			Stage: j.Stages[i%len(j.Stages)].ID, Text: strings.Repeat("card text ", 10)})
	}
	if err := s.Replace(w); err != nil {
		t.Fatal(err)
	}
	if got, want := loaded(t, s), journeytest.File(t, w); !bytes.Equal(got, want) {
		t.Error("a workspace too big for one transaction did not come back whole")
	}
}

func TestIncompleteImportIsRefused(t *testing.T) {
	s := openTest(t)
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set([]byte(keyIncomplete), []byte(`{"schema":1}`)) }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(); !errors.Is(err, ErrIncomplete) {
		t.Errorf("got %v, want ErrIncomplete", err)
	}
	if err := s.Replace(journeytest.Sample(t)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(); err != nil {
		t.Errorf("a completed replace should clear the marker: %v", err)
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	s := openTest(t)
	dir := s.Dir()
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set([]byte(keySchema), []byte(`{"schema":7}`)) }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err := Open(dir)
	if !errors.Is(err, ErrNewerSchema) || !strings.Contains(err.Error(), dir) {
		t.Errorf("got %v, want ErrNewerSchema naming %s", err, dir)
	}
}

func TestDamagedRecordIsNamed(t *testing.T) {
	s := openTest(t)
	if err := s.Replace(journeytest.Sample(t)); err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(memberKey("m-ana"), []byte(`{"schema":1,"capacity":"x"`)) }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(); err == nil || !strings.Contains(err.Error(), `"m/m-ana" is damaged`) {
		t.Errorf("got %v, want an error naming the damaged record", err)
	}
}

func TestOpenRefusesAFolderOfOtherFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "thesis.odt"), []byte("years of work"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); !errors.Is(err, ErrNotStore) {
		t.Errorf("got %v, want ErrNotStore", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("Open left files in a folder it refused: %d entries", len(entries))
	}
}

func TestFullDiskRefusesEditsAndKeepsData(t *testing.T) {
	s := openTest(t)
	if err := s.Replace(journeytest.Sample(t)); err != nil {
		t.Fatal(err)
	}
	before := loaded(t, s)
	freeBytes = func(string) (uint64, error) { return 5 << 20, nil }
	t.Cleanup(func() { freeBytes = diskFree })
	w := journeytest.Sample(t)
	w.Name = "Renamed"
	err := s.Commit(w, []journey.Ref{{Kind: journey.RefWorkspace}}, HistoryStep{})
	if !errors.Is(err, ErrDiskFull) || !strings.Contains(err.Error(), "5 MiB left") {
		t.Errorf("got %v, want ErrDiskFull saying how much is left", err)
	}
	if !bytes.Equal(loaded(t, s), before) {
		t.Error("a refused edit changed the store")
	}
}

func TestBackupIsOutsideTheStoreAndReadsBack(t *testing.T) {
	s := openTest(t)
	w := journeytest.Sample(t)
	now := time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)
	first, err := s.Backup(w, now)
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.Backup(w, now)
	if err != nil {
		t.Fatal(err)
	}
	if first == second {
		t.Fatalf("two backups in one second share a path: %s", first)
	}
	if filepath.Dir(first) != filepath.Dir(s.Dir()) || !strings.HasSuffix(first, "store-backup-20261124-093000Z-000001.journeymap.json") {
		t.Errorf("backup at %s, want beside %s", first, s.Dir())
	}
	back, err := interchange.ReadFile(first)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(journeytest.File(t, back), journeytest.File(t, w)) {
		t.Error("the backup does not read back as the workspace")
	}
}

// TestOpenErrorTellsAStoreInUseOnEveryOS feeds openError what Badger says on Linux and macOS
// and on Windows when another process holds the store, and when the lock can't be made for
// want of permission.
func TestOpenErrorTellsAStoreInUseOnEveryOS(t *testing.T) {
	dir := filepath.Join("work", "store")
	for _, c := range []struct {
		badger error
		want   error
	}{
		{fmt.Errorf(`Cannot acquire directory lock on "work/store".  Another process is using this Badger database.: %w`,
			errors.New("resource temporarily unavailable")), ErrInUse},
		{fmt.Errorf(`Cannot create lock file "C:\\work\\store\\LOCK".  Another process is using this Badger database: %w`,
			errors.New("The process cannot access the file because it is being used by another process.")), ErrInUse},
		{fmt.Errorf(`Cannot create lock file "C:\\work\\store\\LOCK".  Another process is using this Badger database: %w`,
			fs.ErrPermission), ErrNotWritable},
	} {
		err := openError(dir, c.badger)
		if !errors.Is(err, c.want) || !strings.Contains(err.Error(), dir) {
			t.Errorf("Badger said %q; got %q, want %v naming %s", c.badger, err, c.want, dir)
		}
	}
}
