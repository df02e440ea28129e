//go:build unix

package storage

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"journeymap/journey"
	"journeymap/journey/journeytest"
)

// The tests below run this test binary again as a child process; childRole tells it which part
// to play. Two processes are what the real cases have: a crash and a second Journeymap.
const childRole = "JOURNEYMAP_STORAGE_CHILD"

func TestMain(m *testing.M) {
	switch os.Getenv(childRole) {
	case "writer":
		os.Exit(runWriter(os.Getenv("JOURNEYMAP_STORE"), 0))
	case "bulk writer":
		os.Exit(runWriter(os.Getenv("JOURNEYMAP_STORE"), journey.MaxTextRunes))
	case "holder":
		os.Exit(runHolder(os.Getenv("JOURNEYMAP_STORE")))
	case "full closer":
		os.Exit(runFullCloser(os.Getenv("JOURNEYMAP_STORE"), true))
	case "closer":
		os.Exit(runFullCloser(os.Getenv("JOURNEYMAP_STORE"), false))
	case "installer":
		os.Exit(runInstaller(os.Getenv("JOURNEYMAP_STORE")))
	case "bulk committer":
		os.Exit(runBulkCommitter(os.Getenv("JOURNEYMAP_STORE")))
	}
	os.Exit(m.Run())
}

// runWriter adds cards one edit at a time and prints "ack N" after each commit returns. Cards
// are padded to pad characters, so that Badger moves its logs into tables often.
func runWriter(dir string, pad int) int {
	s, err := Open(dir)
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	w, err := s.Load()
	if err != nil || len(w.Journeys) == 0 {
		fmt.Println("error", err)
		return 1
	}
	j := w.Journeys[0]
	start := len(j.Cards)
	for n := start; ; n++ {
		id := "kill-" + strconv.Itoa(n)
		text := id + strings.Repeat(".", max(0, pad-len(id)))
		e, err := journey.Put(w, j.ID, journey.Card{ID: id, Lane: j.Lanes[0].ID, Stage: j.Stages[0].ID, Text: text}, -1)
		if err == nil {
			err = e.Apply(w)
		}
		if err == nil {
			err = s.Commit(w, e.Touches(), HistoryStep{})
		}
		if err != nil {
			fmt.Println("error", err)
			return 1
		}
		fmt.Println("ack", n)
	}
}

// installWorkspaces are what runInstaller installs in turn: two workspaces told apart by
// name, of a few hundred records each.
func installWorkspaces() [2]*journey.Workspace {
	a, _ := journeytest.Big(12, 7, 3)
	b, _ := journeytest.Big(9, 7, 4)
	a.Name, b.Name = "A", "B"
	return [2]*journey.Workspace{a, b}
}

// runInstaller replaces the store's workspace with A, B, A, … and prints "ack NAME" after each
// install returns, as import -replace does.
func runInstaller(dir string) int {
	ws := installWorkspaces()
	for n := 0; ; n++ {
		s, err := Open(dir)
		if err != nil {
			fmt.Println("error", err)
			return 1
		}
		w := ws[n%2]
		if _, err := Install(dir, w, s, false, time.Now()); err != nil {
			fmt.Println("error", err)
			return 1
		}
		fmt.Println("ack", w.Name)
	}
}

// kills is how many times the crash tests kill a child: JOURNEYMAP_KILLS (make soak), else 30.
func kills(t *testing.T) int {
	if n, err := strconv.Atoi(os.Getenv("JOURNEYMAP_KILLS")); err == nil && n > 0 {
		return n
	}
	if testing.Short() {
		return 3
	}
	return 30
}

func runHolder(dir string) int {
	s, err := Open(dir)
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	defer s.Close()
	fmt.Println("open")
	time.Sleep(time.Minute)
	return 0
}

func child(t *testing.T, role, dir string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), childRole+"="+role, "JOURNEYMAP_STORE="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd, bufio.NewScanner(out)
}

// reopenAfterKill opens the store after the k-th kill as the app's start-up does (open, ask
// whether it is empty and so to be seeded with the sample, load the workspace and its undo
// history) and returns the workspace.
func reopenAfterKill(t *testing.T, dir string, k int) *journey.Workspace {
	t.Helper()
	s, err := Open(dir)
	if err != nil {
		t.Fatalf("kill %d: reopening: %v", k+1, err)
	}
	defer s.Close()
	if empty, err := s.Empty(); err != nil || empty {
		t.Fatalf("kill %d: the store reads as empty (%v), so the app would seed the sample over it", k+1, err)
	}
	w, err := s.Load()
	if err != nil {
		t.Fatalf("kill %d: loading: %v", k+1, err)
	}
	if _, _, err := s.History(); err != nil {
		t.Fatalf("kill %d: reading the undo history: %v", k+1, err)
	}
	return w
}

func TestSIGKILLLosesNoAcknowledgedEdit(t *testing.T) {
	kills := kills(t)
	dir := filepath.Join(t.TempDir(), "store")
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Replace(journeytest.Sample(t)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	acked := map[int]bool{}
	for k := range kills {
		cmd, lines := child(t, "writer", dir)
		// Kill after a random number of acknowledgements, at a random moment within the next write.
		after := 5 + rand.IntN(60)
		seen := 0
		for seen < after && lines.Scan() {
			line := lines.Text()
			if strings.HasPrefix(line, "error") {
				t.Fatalf("writer: %s", line)
			}
			n, _ := strconv.Atoi(strings.TrimPrefix(line, "ack "))
			acked[n] = true
			seen++
		}
		time.Sleep(time.Duration(rand.IntN(300)) * time.Microsecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		// Acknowledgements already in the pipe were printed before the kill: they count too.
		for lines.Scan() {
			if n, err := strconv.Atoi(strings.TrimPrefix(lines.Text(), "ack ")); err == nil {
				acked[n] = true
			}
		}
		cmd.Wait()
		w := reopenAfterKill(t, dir, k)
		have := map[string]bool{}
		for _, c := range w.Journeys[0].Cards {
			have[c.ID] = true
		}
		for n := range acked {
			if !have["kill-"+strconv.Itoa(n)] {
				t.Fatalf("kill %d: acknowledged edit %d is lost", k+1, n)
			}
		}
	}
	t.Logf("killed the writer %d times; all %d acknowledged edits survived", kills, len(acked))
}

// killWithin SIGKILLs cmd at a random moment within limit; the channel closes once it has.
func killWithin(cmd *exec.Cmd, limit time.Duration) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		time.Sleep(rand.N(limit))
		cmd.Process.Signal(syscall.SIGKILL)
		close(done)
	}()
	return done
}

// TestSIGKILLDuringReplaceLeavesOldOrNewWhole kills import -replace's swap at random moments:
// the store, opened again as the app opens it, holds one of the two workspaces whole: the one
// acknowledged last, or the one being installed when the kill came.
func TestSIGKILLDuringReplaceLeavesOldOrNewWhole(t *testing.T) {
	kills := kills(t)
	ws := installWorkspaces()
	files := map[string][]byte{}
	for _, w := range ws {
		files[w.Name] = journeytest.File(t, w)
	}
	dir := filepath.Join(t.TempDir(), "store")
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Replace(ws[1]); err != nil {
		t.Fatal(err)
	}
	s.Close()
	installs, seen := 0, map[string]int{}
	for k := range kills {
		cmd, lines := child(t, "installer", dir)
		done := killWithin(cmd, 400*time.Millisecond)
		for lines.Scan() {
			line := lines.Text()
			if strings.HasPrefix(line, "error") {
				t.Fatalf("installer: %s", line)
			}
			installs++
		}
		<-done
		cmd.Wait()
		w := reopenAfterKill(t, dir, k)
		got := journeytest.File(t, w)
		if !bytes.Equal(got, files[w.Name]) {
			t.Fatalf("kill %d: the store holds %q, but not whole", k+1, w.Name)
		}
		seen[w.Name]++
	}
	if left, _ := filepath.Glob(dir + ".*"); len(left) > 1 {
		t.Errorf("leftovers beside the store: %v", left)
	}
	t.Logf("killed the installer %d times over %d acknowledged installs; found A %d and B %d times, each whole", kills, installs, seen["A"], seen["B"])
}

func TestSecondInstanceIsToldTheStoreIsInUse(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	_, lines := child(t, "holder", dir)
	if !lines.Scan() || lines.Text() != "open" {
		t.Fatalf("the first instance did not open the store: %q", lines.Text())
	}
	_, err := Open(dir)
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("got %v, want ErrInUse", err)
	}
	if want := "store is in use by another Journeymap: " + dir; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %q, want it to start with %q", err.Error(), want)
	}
}

// TestReadingWhileAnotherProcessWrites reads the store again and again, as report and export
// do, while another process holds it and writes cards of 4,000 characters without pause, so
// that Badger moves logs into tables and compacts them during the reads. Every read must
// succeed and hold every card acknowledged before it began.
func TestReadingWhileAnotherProcessWrites(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	sample := journeytest.Sample(t)
	if err := s.Replace(sample); err != nil {
		t.Fatal(err)
	}
	s.Close()
	first := len(sample.Journeys[0].Cards) // the writer's first card, kill-first
	_, lines := child(t, "bulk writer", dir)
	acked := make(chan int, 1)
	acked <- first - 1
	go func() {
		for lines.Scan() {
			var n int
			if _, err := fmt.Sscanf(lines.Text(), "ack %d", &n); err == nil {
				<-acked
				acked <- n
			}
		}
	}()
	reads, tables := 20, map[string]bool{}
	if testing.Short() {
		reads = 3
	}
	for r := 0; r < reads; r++ {
		time.Sleep(250 * time.Millisecond)
		n := <-acked
		acked <- n
		ro, err := OpenReadOnly(dir)
		if err != nil {
			t.Fatalf("read %d, after %d acknowledged edits: %v", r+1, n-first+1, err)
		}
		w, err := ro.Load()
		ro.Close()
		if err != nil {
			t.Fatalf("read %d: loading: %v", r+1, err)
		}
		have := map[string]bool{}
		for _, c := range w.Journeys[0].Cards {
			have[c.ID] = true
		}
		for k := first; k <= n; k++ {
			if !have["kill-"+strconv.Itoa(k)] {
				t.Fatalf("read %d lacks card kill-%d, acknowledged before it began", r+1, k)
			}
		}
		names, _ := filepath.Glob(filepath.Join(dir, "*.sst"))
		for _, name := range names {
			tables[filepath.Base(name)] = true
		}
	}
	if n := <-acked - first + 1; n == 0 {
		t.Fatal("the writer acknowledged no edit")
	} else if !testing.Short() && len(tables) < 2 {
		t.Errorf("the writer's %d edits made %d tables; the reads were not tested against Badger moving logs into tables", n, len(tables))
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatal(err)
	}
	if left, _ := filepath.Glob(filepath.Join(os.TempDir(), "journeymap-read-*")); len(left) > 0 {
		t.Logf("private copies left in the temporary directory: %v", left)
	}
}

// runFullCloser adds 50 cards to the store at dir, fills its disk (fill) or says "ready" and
// waits for a line on stdin, and closes it, printing what the close said.
func runFullCloser(dir string, fill bool) int {
	s, err := Open(dir)
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	w, err := s.Load()
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	j := w.Journeys[0]
	for n := range 50 {
		e, err := journey.Put(w, j.ID, journey.Card{ID: fmt.Sprintf("full-%d", n), Stage: j.Stages[0].ID, Lane: j.Lanes[0].ID, Text: "Typed as the disk filled"}, -1)
		if err == nil {
			err = e.Apply(w)
		}
		if err == nil {
			err = s.Commit(w, e.Touches(), HistoryStep{})
		}
		if err != nil {
			fmt.Println("error", err)
			return 1
		}
	}
	if disk := filepath.Dir(dir); fill {
		if free, err := diskFree(disk); err == nil {
			os.WriteFile(filepath.Join(disk, "filler"), make([]byte, free), 0o600)
		}
	} else {
		fmt.Println("ready")
		bufio.NewScanner(os.Stdin).Scan()
	}
	fmt.Println("closed:", s.Close())
	return 0
}
