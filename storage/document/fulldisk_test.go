//go:build linux

package document

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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

// TestOpenFallsBackToReadOnly: a store on a full disk, or on one mounted read-only, is opened
// read-only with the reason when Open is asked to fall back, and refused otherwise.
func TestOpenFallsBackToReadOnly(t *testing.T) {
	disk := journeytest.SmallDisk(t, 130)
	d, dir := openSampleIn(t, filepath.Join(disk, "store"))
	d.store.Close()
	filler := filepath.Join(disk, "filler")
	if err := os.WriteFile(filler, make([]byte, 90<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	check := func(want error, why string) {
		t.Helper()
		if _, err := Open(dir, Options{}); !errors.Is(err, want) {
			t.Errorf("without the fallback: %v, want %v", err, want)
		}
		ro, err := Open(dir, Options{ReadOnlyFallback: true})
		if err != nil {
			t.Fatal(err)
		}
		defer ro.Close()
		if !ro.StoreReadOnly() || !strings.Contains(ro.WhyReadOnly(), why) || len(ro.Workspace().Journeys) == 0 {
			t.Errorf("with the fallback: read-only %v because %q, %d journeys; want %q", ro.StoreReadOnly(), ro.WhyReadOnly(), len(ro.Workspace().Journeys), why)
		}
	}
	check(storage.ErrDiskFull, "the disk is full")
	os.Remove(filler)
	if out, err := exec.Command("mount", "-o", "remount,ro", disk).CombinedOutput(); err != nil {
		t.Fatalf("remounting read-only: %v %s", err, out)
	}
	check(storage.ErrNotWritable, "can't be written to")
}
