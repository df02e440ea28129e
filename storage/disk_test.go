//go:build linux

package storage

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"journeymap/journey"
	"journeymap/journey/journeytest"
)

// fill writes a file that leaves about left bytes free on the disk at dir.
func fill(t *testing.T, dir string, left uint64) {
	t.Helper()
	free, err := diskFree(dir)
	if err != nil {
		t.Fatal(err)
	}
	if free > left {
		if err := os.WriteFile(filepath.Join(dir, "filler"), make([]byte, free-left), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAFullDiskIsReadNotWritten: on a disk with too little room, and on one with none at all,
// nothing is written (no SIGBUS from a mapped file), the store is read and exported, and an
// import is refused before it starts.
func TestAFullDiskIsReadNotWritten(t *testing.T) {
	disk := journeytest.SmallDisk(t, 160)
	w := journeytest.Sample(t)
	dir := filepath.Join(disk, "store")
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Replace(w); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, left := range []uint64{40 << 20, 0} {
		fill(t, disk, left)
		before := files(t, dir)
		if _, err := Open(dir); !errors.Is(err, ErrDiskFull) {
			t.Fatalf("%d MiB left: Open got %v, want ErrDiskFull", left>>20, err)
		}
		if _, err := Install(dir, journeytest.Sample(t), nil, false, fixedNow); !errors.Is(err, ErrDiskFull) {
			t.Fatalf("%d MiB left: Install got %v, want ErrDiskFull", left>>20, err)
		}
		ro, err := OpenReadOnly(dir)
		if err != nil {
			t.Fatalf("%d MiB left: a full disk must still open for reading: %v", left>>20, err)
		}
		got, err := ro.Load()
		if err != nil || len(got.Journeys) != len(w.Journeys) {
			t.Fatalf("%d MiB left: reading: %v", left>>20, err)
		}
		if err := ro.Commit(got, []journey.Ref{{Kind: journey.RefWorkspace}}, HistoryStep{}); !errors.Is(err, ErrReadOnly) {
			t.Errorf("%d MiB left: a write got %v", left>>20, err)
		}
		ro.Close()
		if after := files(t, dir); len(after) != len(before) {
			t.Errorf("%d MiB left: the store's files changed: %v → %v", left>>20, before, after)
		}
		os.Remove(filepath.Join(disk, "filler"))
	}
}

func TestAReadOnlyDiskIsReadNotWritten(t *testing.T) {
	disk := journeytest.SmallDisk(t, 256)
	dir := crashedStore(t, journeytest.Sample(t))
	// The killed store, moved onto the disk that then turns read-only.
	if out, err := exec.Command("cp", "-a", dir, filepath.Join(disk, "store")).CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	dir = filepath.Join(disk, "store")
	if out, err := exec.Command("mount", "-o", "remount,ro", disk).CombinedOutput(); err != nil {
		t.Skipf("can't make the disk read-only: %v %s", err, out)
	}
	if _, err := Open(dir); !errors.Is(err, ErrNotWritable) {
		t.Errorf("Open got %v, want ErrNotWritable", err)
	}
	s, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatalf("a read-only store must open for reading: %v", err)
	}
	defer s.Close()
	if w, err := s.Load(); err != nil || len(w.Journeys[0].Cards) == 0 {
		t.Fatalf("reading: %v", err)
	}
}

// TestClosingOnAFullDiskKeepsEveryEditAndEnds: a store whose disk filled while it was open
// closes without flushing (a flush into a mapped file on a full disk is a SIGBUS that kills
// the process), saying why, and the process ends well; every edit acknowledged is there at
// the next open.
func TestClosingOnAFullDiskKeepsEveryEditAndEnds(t *testing.T) {
	disk := journeytest.SmallDisk(t, 200)
	dir := filepath.Join(disk, "store")
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Replace(journeytest.Sample(t)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), childRole+"=full closer", "JOURNEYMAP_STORE="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the process closing its store on a full disk ended with %v:\n%.2000s", err, out)
	}
	if !strings.Contains(string(out), "closed: ") || !strings.Contains(string(out), "left on the disk") {
		t.Errorf("the close said %q; want it to say the disk is full", out)
	}
	os.Remove(filepath.Join(disk, "filler"))
	again, err := Open(dir)
	if err != nil {
		t.Fatalf("the store after a close on a full disk: %v", err)
	}
	defer again.Close()
	got, err := again.Load()
	if err != nil {
		t.Fatal(err)
	}
	for n := range 50 {
		if journey.Index(got.Journeys[0].Cards, fmt.Sprintf("full-%d", n)) < 0 {
			t.Fatalf("card %d, acknowledged before the disk filled, is gone", n)
		}
	}
}

// TestClosingAStoreThatCantBeWrittenEnds: a store whose folder stopped taking writes while
// it was open (its permissions taken away) closes in bounded time, saying why, where Badger
// retried its flush for ever and Quit hung; every edit acknowledged is there at the next
// open. Root writes anywhere: the store's process runs as an unprivileged user.
func TestClosingAStoreThatCantBeWrittenEnds(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root, to run the store's process as another user")
	}
	const nobody = 65534
	top := t.TempDir()
	for _, d := range []string{filepath.Dir(top), top} { // t.TempDir's are root's alone
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(top, "store")
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Replace(journeytest.Sample(t)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if out, err := exec.Command("chown", "-R", fmt.Sprintf("%d:%d", nobody, nobody), dir).CombinedOutput(); err != nil {
		t.Skipf("can't give the store to another user: %v %s", err, out)
	}
	// The test binary sits where only root may go: the other user runs a copy.
	built, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(built)
	if err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(top, "storage.test")
	if err := os.WriteFile(exe, b, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Dir = top
	cmd.Env = append(os.Environ(), childRole+"=closer", "JOURNEYMAP_STORE="+dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Skipf("can't run the test binary as another user: %v", err)
	}
	sc := bufio.NewScanner(stdout)
	if !sc.Scan() || sc.Text() != "ready" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the store's process said %q", sc.Text())
	}
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	stdin.Write([]byte("close\n"))
	done := make(chan error, 1)
	var said string
	go func() {
		if sc.Scan() {
			said = sc.Text()
		}
		done <- cmd.Wait()
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("the store's process ended with %v", err)
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("closing a store that can't be written still hangs after 30 s")
	}
	if !strings.Contains(said, "can't be written") {
		t.Errorf("the close said %q; want it to say the store can't be written", said)
	}
	os.Chmod(dir, 0o700)
	again, err := Open(dir)
	if err != nil {
		t.Fatalf("the store after the close: %v", err)
	}
	defer again.Close()
	got, err := again.Load()
	if err != nil {
		t.Fatal(err)
	}
	for n := range 50 {
		if journey.Index(got.Journeys[0].Cards, fmt.Sprintf("full-%d", n)) < 0 {
			t.Fatalf("card %d, acknowledged before the folder was locked, is gone", n)
		}
	}
}

// TestAStoreDeletedOrMovedWhileOpenTakesNoMoreEdits: a store whose folder is deleted, moved
// away or replaced while it is open refuses the next edit, saying so, rather than writing it
// where no one will find it; it closes at once, and the workspace it held is still loaded.
func TestAStoreDeletedOrMovedWhileOpenTakesNoMoreEdits(t *testing.T) {
	for _, tt := range []struct {
		name string
		do   func(dir string) error
	}{
		{"deleted", os.RemoveAll},
		{"moved", func(dir string) error { return os.Rename(dir, dir+"-moved") }},
		{"replaced", func(dir string) error {
			if err := os.Rename(dir, dir+"-old"); err != nil {
				return err
			}
			return os.Mkdir(dir, 0o700)
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "store")
			s, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			w := journeytest.Sample(t)
			if err := s.Replace(w); err != nil {
				t.Fatal(err)
			}
			j := w.Journeys[0]
			add := func(id string) error {
				e, err := journey.Put(w, j.ID, journey.Card{ID: id, Stage: j.Stages[0].ID, Lane: j.Lanes[0].ID, Text: "Typed"}, -1)
				if err == nil {
					err = e.Apply(w)
				}
				if err == nil {
					err = s.Commit(w, e.Touches(), HistoryStep{})
				}
				return err
			}
			if err := add("before"); err != nil {
				t.Fatal(err)
			}
			if err := tt.do(dir); err != nil {
				t.Fatal(err)
			}
			if err := add("after"); !errors.Is(err, ErrStoreGone) {
				t.Errorf("an edit after the store's folder was %s: %v; want it refused, saying so", tt.name, err)
			}
			done := make(chan error, 1)
			go func() { done <- s.Close() }()
			select {
			case <-done:
			case <-time.After(closeWait + 5*time.Second):
				t.Fatal("closing a store whose folder is gone hangs")
			}
			if entries, _ := os.ReadDir(dir); len(entries) > 0 {
				t.Errorf("the store's close wrote %d files into the folder now under its name", len(entries))
			}
		})
	}
}
