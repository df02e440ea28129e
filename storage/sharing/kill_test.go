//go:build unix

package sharing

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"journeymap/journey"
	"journeymap/storage"
)

// TestMain runs the writers the kill tests start in processes of their own, when asked to.
func TestMain(m *testing.M) {
	if dir := os.Getenv("JOURNEYMAP_SHARE_WRITER"); dir != "" {
		os.Exit(writer(dir, os.Getenv("JOURNEYMAP_SHARE_FROM")))
	}
	if dir := os.Getenv("JOURNEYMAP_CONVERGE_WRITER"); dir != "" {
		seed, _ := strconv.ParseUint(os.Getenv("JOURNEYMAP_CONVERGE_WRITER_SEED"), 10, 64)
		from, _ := strconv.Atoi(os.Getenv("JOURNEYMAP_CONVERGE_FROM"))
		os.Exit(convergeWriter(dir, seed, from))
	}
	os.Exit(m.Run())
}

// writer follows the shared workspace with Live and adds cards to the first journey as fast
// as the store takes them, printing "ack N" once card N is durable here, until it is killed.
func writer(dir, from string) int {
	s, err := storage.Open(dir)
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	l := Start(s, s.Receive, nil)
	n, _ := strconv.Atoi(from)
	for ; ; n++ {
		w, err := s.Load()
		if err != nil {
			fmt.Println("error", err)
			return 1
		}
		j := w.Journeys[0]
		e, err := journey.Put(w, j.ID, journey.Card{ID: fmt.Sprintf("kill-%d", n), Stage: j.Stages[0].ID, Lane: j.Lanes[0].ID, Text: fmt.Sprintf("written before a kill %d", n)}, -1)
		if err == nil {
			err = e.Apply(w)
		}
		if err == nil {
			err = s.Commit(w, e.Touches(), storage.HistoryStep{})
		}
		if err != nil {
			fmt.Println("error", err)
			return 1
		}
		fmt.Println("ack", n)
		l.Kick()
		time.Sleep(2 * time.Millisecond)
	}
}

// TestKilledWritersLoseNothing: a desk's writer, sending as it goes, is killed with SIGKILL at
// random moments, again and again; every card it said was saved reaches the other desk once
// the desk is started again and drained, each once, and both desks converge.
func TestKilledWritersLoseNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("the kill test is not run in -short mode")
	}
	desks := sharedDesks(t, 1)
	ana, ben := desks[0], desks[1]
	dir := ana.store.Dir()
	ana.e.Close()
	ana.store.Close()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	acked := map[string]bool{}
	next := 0
	for k := range 8 {
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), "JOURNEYMAP_SHARE_WRITER="+dir, "JOURNEYMAP_SHARE_FROM="+strconv.Itoa(next))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// The kill comes a while after the writer's first card, however slow the machine
		// is to start it.
		var deadline <-chan time.Time
		giveUp := time.After(time.Minute)
	read:
		for {
			select {
			case line, ok := <-lines:
				if !ok {
					break read
				}
				if id, found := strings.CutPrefix(line, "ack "); found {
					acked["kill-"+id] = true
					n, _ := strconv.Atoi(id)
					next = max(next, n+1)
					if deadline == nil {
						deadline = time.After(time.Duration(150+70*k) * time.Millisecond)
					}
				} else {
					t.Fatalf("the writer said %q", line)
				}
			case <-deadline:
				break read
			case <-giveUp:
				t.Fatal("the writer acknowledged nothing within a minute")
			}
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		for range lines { // what it printed before it died was acknowledged too
		}
		next += 1000 // a card whose ack the kill cut off may be stored: ids never meet
	}
	if len(acked) < 8 {
		t.Fatalf("only %d cards acknowledged: the writer hardly ran", len(acked))
	}
	s, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ana.store = s
	ana.connect()
	for range 3 {
		ana.sync()
		ben.sync()
	}
	sameEverywhere(t, desks)
	w := ben.workspace()
	for id := range acked {
		if journey.Index(w.Journeys[0].Cards, id) < 0 {
			t.Errorf("card %s was acknowledged on Ana's desk and is not on Ben's", id)
		}
	}
	if err := journey.Validate(w); err != nil {
		t.Errorf("the workspace on Ben's desk: %v", err)
	}
	t.Logf("%d acknowledged cards, 8 kills: all on the other desk", len(acked))
}
