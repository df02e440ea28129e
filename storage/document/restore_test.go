package document

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"journeymap/journey/interchange"
	"journeymap/journey/journeytest"
	"journeymap/storage"
)

var restoreTime = time.Date(2026, 11, 24, 10, 0, 0, 0, time.Local)

func TestRestoreReplacesTheWorkspaceInPlaceAndBacksUpTheOldOne(t *testing.T) {
	d, dir := openSample(t)
	before := journeytest.File(t, d.Workspace())
	if err := d.Do(addCard(t, d, "kept-in-backup", "Added before the restore")); err != nil {
		t.Fatal(err)
	}
	edited := journeytest.File(t, d.Workspace())

	// The backup to restore: the sample with another name, as a file beside the store.
	want := journeytest.Sample(t)
	want.Name = "Restored workspace"
	file := filepath.Join(t.TempDir(), "backup.journeymap.json")
	data, err := interchange.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}

	held := d.Workspace()
	var changes []Change
	d.Watch(func(c Change) { changes = append(changes, c) })
	r, err := d.Restore(file, restoreTime)
	if err != nil {
		t.Fatal(err)
	}
	if d.Workspace() != held || held.Name != "Restored workspace" {
		t.Errorf("workspace after restore: same pointer %v, name %q; want the one the map holds, named as the backup",
			d.Workspace() == held, held.Name)
	}
	if len(changes) != 1 || changes[0].Kind != Replaced || !changes[0].Workspace() {
		t.Errorf("watchers were told %+v; want one Replaced change of the workspace", changes)
	}
	if _, ok := d.CanUndo(); ok {
		t.Error("the edit made before the restore can still be undone into the restored workspace")
	}
	if r.Backup == "" {
		t.Fatal("the workspace that was replaced was not backed up")
	}
	if got, err := interchange.ReadFile(r.Backup); err != nil || !bytes.Equal(journeytest.File(t, got), edited) {
		t.Errorf("backup %s (%v) does not hold the workspace as edited", r.Backup, err)
	}
	if bytes.Equal(edited, before) {
		t.Fatal("the edit changed nothing; the test proves nothing")
	}

	// The document goes on with the restored store: an edit is kept across a restart.
	if err := d.Do(addCard(t, d, "after-restore", "Added after the restore")); err != nil {
		t.Fatal(err)
	}
	d2 := reopen(t, d, dir)
	if d2.Workspace().Name != "Restored workspace" || !bytes.Equal(journeytest.File(t, d2.Workspace()), journeytest.File(t, d.Workspace())) {
		t.Error("after a restart the store does not hold the restored workspace with the edit made after it")
	}
	if label, ok := d2.CanUndo(); !ok || label == "" {
		t.Error("the edit made after the restore can't be undone after a restart")
	}
}

func TestAFailedRestoreChangesNothing(t *testing.T) {
	d, dir := openSample(t)
	if err := d.Do(addCard(t, d, "c1", "Undoable")); err != nil {
		t.Fatal(err)
	}
	held := journeytest.File(t, d.Workspace())
	bad := filepath.Join(t.TempDir(), "bad.journeymap.json")
	if err := os.WriteFile(bad, []byte(`{"version": 1, "name": `), 0o600); err != nil {
		t.Fatal(err)
	}
	for name, path := range map[string]string{"a cut-off file": bad, "no file": bad + ".gone"} {
		t.Run(name, func(t *testing.T) {
			told := 0
			stop := d.Watch(func(Change) { told++ })
			defer stop()
			if _, err := d.Restore(path, restoreTime); err == nil {
				t.Fatal("restored it")
			}
			if told != 0 || !bytes.Equal(journeytest.File(t, d.Workspace()), held) {
				t.Errorf("the workspace changed (watchers told %d times)", told)
			}
			if _, ok := d.CanUndo(); !ok {
				t.Error("the undo history was lost")
			}
		})
	}
	// The store is still the document's: an edit is saved.
	if err := d.Do(addCard(t, d, "c2", "Saved after the failed restore")); err != nil {
		t.Fatal(err)
	}
	want := journeytest.File(t, d.Workspace())
	d.store.Close()
	if got := stored(t, dir); !bytes.Equal(got, want) {
		t.Error("the store does not hold the edit made after the failed restore")
	}
}

func TestRestoreIsRefusedWhilePresentingAndOnAReadOnlyStore(t *testing.T) {
	d, dir := openSample(t)
	file := filepath.Join(t.TempDir(), "b.journeymap.json")
	data, err := interchange.Marshal(journeytest.Sample(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	d.ReadOnly = true
	if _, err := d.Restore(file, restoreTime); !errors.Is(err, ErrReadOnly) {
		t.Errorf("while presenting: %v; want ErrReadOnly", err)
	}
	d.store.Close()

	s, err := storage.OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	ro, err := New(s)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.store.Close()
	if _, err := ro.Restore(file, restoreTime); !errors.Is(err, storage.ErrReadOnly) {
		t.Errorf("on a read-only store: %v; want storage.ErrReadOnly", err)
	}
	if list, _ := storage.Backups(dir); len(list) != 0 {
		t.Errorf("a read-only store was backed up: %v", list)
	}
}
