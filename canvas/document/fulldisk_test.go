//go:build linux

package document

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"journeymap/journey/journeytest"
	"journeymap/storage"
)

// smallDisk mounts a real filesystem of the size, for a disk that really fills up.
func smallDisk(t *testing.T, mb int) string {
	t.Helper()
	dir := t.TempDir()
	out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+strconv.Itoa(mb)+"m", "tmpfs", dir).CombinedOutput()
	if err != nil {
		t.Skipf("can't mount a small filesystem here (needs root): %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

func TestAFullDiskRefusesTheEditAndTheAppGoesOn(t *testing.T) {
	disk := smallDisk(t, 130)
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
