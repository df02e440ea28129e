package sharing

import (
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"journeymap/journey"
	"journeymap/storage/sharing/natstest"
)

// eventually waits up to ten seconds for ok, failing the test with what it waited for.
func eventually(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !ok(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("after ten seconds still waiting for %s", what)
		}
	}
}

// states records what a Live said.
type states struct {
	mu  sync.Mutex
	all []State
}

func (s *states) add(st State) { s.mu.Lock(); s.all = append(s.all, st); s.mu.Unlock() }
func (s *states) last() State {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.all) == 0 {
		return State{}
	}
	return s.all[len(s.all)-1]
}

// TestLiveFollowsAndSurvivesAnOutage: two desks following one bucket: a change made on one is
// taken in on the other as it comes; with the server down both say they are offline, an edit
// made meanwhile waits, and once the server is back it goes out and arrives.
func TestLiveFollowsAndSurvivesAnOutage(t *testing.T) {
	desks := sharedDesks(t, 1)
	ns := serverOf(t, desks[0])
	ana, ben := desks[0], desks[1]
	ana.e.Close()
	ben.e.Close()
	var anaSaid, benSaid states
	la := Start(ana.store, ana.store.Receive, anaSaid.add)
	lb := Start(ben.store, ben.store.Receive, benSaid.add)
	t.Cleanup(la.Stop)
	t.Cleanup(lb.Stop)

	j := ana.workspace().Journeys[0]
	c := j.Cards[0]
	text := func(d *desk) string {
		w, err := d.store.Load()
		if err != nil {
			return "unreadable: " + err.Error()
		}
		cs := w.Journey(j.ID).Cards
		return cs[journey.Index(cs, c.ID)].Text
	}
	write := func(d *desk, l *Live, s string) {
		d.edit(func(w *journey.Workspace) (journey.Edit, error) {
			cs := w.Journey(j.ID).Cards
			card := cs[journey.Index(cs, c.ID)]
			card.Text = s
			return journey.Put(w, j.ID, card, -1)
		})
		l.Kick()
	}
	write(ana, la, "live 1")
	eventually(t, "Ben's desk to read Ana's change", func() bool { return text(ben) == "live 1" })
	eventually(t, "both desks to say they are online with nothing waiting", func() bool {
		return anaSaid.last().Online && benSaid.last().Online && anaSaid.last().Waiting == 0
	})

	port := ns.Addr().(interface{ String() string }).String()
	dir := ns.StoreDir()
	ns.Shutdown()
	eventually(t, "both desks to say they are offline", func() bool { return !anaSaid.last().Online && !benSaid.last().Online })
	write(ana, la, "typed offline")
	eventually(t, "Ana's desk to say one change waits", func() bool { return anaSaid.last().Waiting == 1 })

	restart(t, port, dir)
	eventually(t, "Ana to send what she typed offline", func() bool { return anaSaid.last().Waiting == 0 })
	eventually(t, "Ben's desk to read what Ana typed offline", func() bool { return text(ben) == "typed offline" })
	eventually(t, "Ana's desk to say nothing waits", func() bool { return anaSaid.last().Online && anaSaid.last().Waiting == 0 })
}

// serverOf is the embedded server a desk's engine is connected to.
func serverOf(t *testing.T, d *desk) *server.Server {
	t.Helper()
	sh, _, _ := d.store.Sharing()
	s, ok := servers.Load(sh.Server)
	if !ok {
		t.Fatal("no server started for", sh.Server)
	}
	return s.(*server.Server)
}

// restart starts a server again on the port and the store directory of one shut down.
func restart(t *testing.T, addr, dir string) {
	t.Helper()
	_, p, _ := strings.Cut(addr[strings.LastIndex(addr, ":"):], ":")
	port, _ := strconv.Atoi(p)
	natstest.StartAt(t, dir, port)
}
