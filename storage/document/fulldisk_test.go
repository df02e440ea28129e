//go:build linux

package document

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"journeymap/journey/journeytest"
	"journeymap/storage"
)

func TestAFullDiskRefusesTheEditAndTheAppGoesOn(t *testing.T) {
	disk := journeytest.SmallDisk(t, 130)
	d, dir := openSampleIn(t, filepath.Join(disk, "store"))
	before := journeytest.File(t, d.Workspace())
	// Fill the disk until less is left than the store needs to write safely.
	filler := filepath.Join(disk, "filler")
	if err := os.WriteFile(filler, make([]byte, 90<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	err := d.Do(addCard(t, d, "c-full", "No room"))
	if !errors.Is(err, storage.ErrDiskFull) {
		t.Fatalf("got %v, want ErrDiskFull", err)
	}
	if !bytes.Equal(journeytest.File(t, d.Workspace()), before) {
		t.Error("memory changed though the disk was full")
	}
	if _, ok := d.CanUndo(); ok {
		t.Error("the refused edit is in the history")
	}
	os.Remove(filler)
	if err := d.Do(addCard(t, d, "c-room", "Room again")); err != nil {
		t.Fatalf("with room again: %v", err)
	}
	d = reopen(t, d, dir)
	if !has(d, "c-room") || has(d, "c-full") {
		t.Error("after freeing space the store does not hold exactly the saved edit")
	}
}
