//go:build unix

package sharing

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"journeymap/journey"
	"journeymap/journey/journeytest"
	"journeymap/storage"
	"journeymap/storage/document"
)

// writerLine is what a convergence writer says of an edit: what it is about to replace, and,
// once the edit is durable, what it wrote.
type writerLine struct {
	Intend []fact `json:"intend,omitempty"`
	Ack    string `json:"ack,omitempty"`
	Wrote  []fact `json:"wrote,omitempty"`
	Error  string `json:"error,omitempty"`
}

// convergeWriter makes random edits of every kind through a document on the store at dir,
// as the app does, while Live sends and receives beside it; now and then it goes offline for
// a run of edits. It says each edit on stdout (writerLine) and runs until it is killed.
func convergeWriter(dir string, seed uint64, from int) int {
	out := json.NewEncoder(os.Stdout)
	fail := func(err error) int {
		out.Encode(writerLine{Error: err.Error()})
		return 1
	}
	s, err := storage.Open(dir)
	if err != nil {
		return fail(err)
	}
	doc, err := document.New(s)
	if err != nil {
		return fail(err)
	}
	var mu sync.Mutex // the document is the app's, changed on one goroutine at a time
	receive := func(in []storage.Incoming) (storage.Received, error) {
		mu.Lock()
		defer mu.Unlock()
		return doc.Receive(in)
	}
	l := Start(s, receive, nil)
	r := rand.New(rand.NewPCG(seed, 7))
	offline := 0
	for n := from; ; n++ {
		switch {
		case offline > 1:
			offline--
		case offline == 1:
			offline = 0
			l = Start(s, receive, nil)
		case r.IntN(80) == 0:
			offline = 10 + r.IntN(60)
			l.Stop()
		}
		mu.Lock()
		line, err := writeOne(r, doc, n)
		mu.Unlock()
		if err != nil {
			return fail(err)
		}
		if line.Ack != "" {
			if err := out.Encode(line); err != nil {
				return 1
			}
			if offline == 0 {
				l.Kick()
			}
		}
		time.Sleep(time.Millisecond)
	}
}

// writeOne makes edit n, saying what it will replace before it is saved.
func writeOne(r *rand.Rand, doc *document.Document, n int) (writerLine, error) {
	w := doc.Workspace()
	e, err := randomEdit(r, w, n)
	if err != nil || e == nil {
		return writerLine{}, nil
	}
	_, conflicts, err := doc.Store().ShareState()
	if err != nil {
		return writerLine{}, err
	}
	before, err := factsOf(w)
	if err != nil {
		return writerLine{}, err
	}
	b, err := json.Marshal(w)
	if err != nil {
		return writerLine{}, err
	}
	var after journey.Workspace
	if err := json.Unmarshal(b, &after); err != nil {
		return writerLine{}, err
	}
	if err := e.Apply(&after); err != nil {
		return writerLine{}, nil // refused, as it will be by the document: nothing changes
	}
	now, err := factsOf(&after)
	if err != nil {
		return writerLine{}, err
	}
	replaced, wrote := change(before, now, conflicts)
	if err := json.NewEncoder(os.Stdout).Encode(writerLine{Intend: replaced}); err != nil {
		return writerLine{}, err
	}
	if err := doc.Do(e); err != nil {
		if isRefusal(err) || errors.Is(err, storage.ErrTooBigToShare) {
			return writerLine{}, nil
		}
		return writerLine{}, err
	}
	return writerLine{Ack: fmt.Sprintf("edit %d: %s", n, journey.Said(e)), Wrote: wrote}, nil
}

// TestDesksConvergeThroughKills: three desks, each a writer in a process of its own making
// random edits of every kind as the app does (through a document, Live syncing beside it,
// offline now and then), are killed with SIGKILL at random moments and started again, until
// more than a thousand edits were acknowledged; then all sync until nothing waits. The three
// hold the same workspace, byte for byte, and every value an acknowledged edit wrote is in it
// or stands in a conflict, unless a person replaced it knowingly.
func TestDesksConvergeThroughKills(t *testing.T) {
	if testing.Short() {
		t.Skip("the kill test is not run in -short mode")
	}
	want := 1000
	if n, err := strconv.Atoi(os.Getenv("JOURNEYMAP_CONVERGE_EDITS")); err == nil {
		want = n
	}
	seed := uint64(2012)
	if n, err := strconv.ParseUint(os.Getenv("JOURNEYMAP_CONVERGE_SEED"), 10, 64); err == nil {
		seed = n
	}
	desks := sharedDesks(t, 2)
	for _, d := range desks {
		d.e.Close()
		if err := d.store.Close(); err != nil {
			t.Fatal(err)
		}
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(seed, 99))
	book := newLedger()
	acked, kills := 0, 0
	for round := 0; acked < want && round < 60; round++ {
		type said struct {
			desk int
			line writerLine
		}
		lines := make(chan said)
		var cmds []*exec.Cmd
		var reading sync.WaitGroup
		for i, d := range desks {
			cmd := exec.Command(exe, "-test.run=^$")
			cmd.Env = append(os.Environ(), "JOURNEYMAP_CONVERGE_WRITER="+d.store.Dir(),
				"JOURNEYMAP_CONVERGE_FROM="+strconv.Itoa(i*1_000_000+round*10_000),
				"JOURNEYMAP_CONVERGE_WRITER_SEED="+strconv.FormatUint(seed*1000+uint64(round*3+i), 10))
			cmd.Stderr = os.Stderr
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			cmds = append(cmds, cmd)
			reading.Add(1)
			go func() {
				defer reading.Done()
				sc := bufio.NewScanner(stdout)
				sc.Buffer(nil, 1<<24)
				for sc.Scan() {
					var l writerLine
					if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
						l.Error = "the writer said " + sc.Text()
					}
					lines <- said{i, l}
				}
			}()
		}
		go func() { reading.Wait(); close(lines) }()
		// Each writer is killed a while after its first edit, however slow it is to start.
		killAt := make([]<-chan time.Time, len(desks))
		alive := len(desks)
		giveUp := time.After(2 * time.Minute)
		for alive > 0 {
			var fire int
			select {
			case s, ok := <-lines:
				if !ok {
					alive = 0
					continue
				}
				switch {
				case s.line.Error != "":
					t.Fatalf("desk %d: %s", s.desk, s.line.Error)
				case s.line.Ack != "":
					book.acknowledge(fmt.Sprintf("desk %d, %s", s.desk, s.line.Ack), s.line.Wrote)
					acked++
					if killAt[s.desk] == nil {
						killAt[s.desk] = time.After(time.Duration(100+r.IntN(900)) * time.Millisecond)
					}
				default:
					book.intend(s.line.Intend)
				}
				continue
			case <-killAt[0]:
				fire = 0
			case <-killAt[1]:
				fire = 1
			case <-killAt[2]:
				fire = 2
			case <-giveUp:
				t.Fatal("the writers acknowledged too little within two minutes")
			}
			cmds[fire].Process.Signal(syscall.SIGKILL)
			killAt[fire] = nil
			kills++
			alive--
		}
		for _, cmd := range cmds {
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()
		}
		for s := range lines { // what a writer said before it died counts too
			if s.line.Ack != "" {
				book.acknowledge(fmt.Sprintf("desk %d, %s", s.desk, s.line.Ack), s.line.Wrote)
				acked++
			} else {
				book.intend(s.line.Intend)
			}
		}
	}
	for _, d := range desks {
		s, err := storage.Open(d.store.Dir())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		d.store = s
		d.connect()
		d.e.Now = func() time.Time { return time.Now().Add(25 * time.Hour) } // pulses go
	}
	for range 3 {
		for _, d := range desks {
			d.sync()
		}
	}
	first := journeytest.File(t, desks[0].workspace())
	for i, d := range desks {
		if got := journeytest.File(t, d.workspace()); i > 0 && string(got) != string(first) {
			t.Fatalf("desk %d holds another workspace than desk 0:\n%s", i, diffLines(first, got))
		}
		waiting, conflicts, err := d.store.ShareState()
		if err != nil {
			t.Fatal(err)
		}
		if waiting != 0 {
			t.Errorf("desk %d: %d changes still wait", i, waiting)
		}
		if lost := book.lost(mustFacts(d.workspace()), conflicts); len(lost) > 0 {
			t.Errorf("desk %d: %d values saved by an acknowledged edit are neither in the workspace nor in a conflict:\n%s",
				i, len(lost), strings.Join(lost[:min(len(lost), 20)], "\n"))
		}
	}
	if err := journey.Validate(desks[0].workspace()); err != nil {
		t.Errorf("the converged workspace is not valid: %v", err)
	}
	t.Logf("%d edits acknowledged on three desks through %d kills", acked, kills)
}
