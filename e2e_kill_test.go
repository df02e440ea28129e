//go:build unix

package main

import (
	"fmt"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"journeymap/storage"
)

// guiKills is how many times TestEndToEndSIGKILLBurst kills the app: JOURNEYMAP_GUI_KILLS
// (make soak runs 300), else 3.
func guiKills() int {
	if n, err := strconv.Atoi(os.Getenv("JOURNEYMAP_GUI_KILLS")); err == nil && n > 0 {
		return n
	}
	return 3
}

// TestEndToEndSIGKILLBurst types cards into the real app non-stop (Ctrl+N, the text, Enter, as
// fast as xdotool types) and kills it with SIGKILL at a random moment, again and again, each
// time starting it anew on the store. A card is acknowledged once the app has drawn it as
// saved, which it does only after its commit, before it takes the next key: so the cards of a
// run found in the store must be its first ones with none missing, and every card a reader saw
// in the store just before the kill must be there after it.
func TestEndToEndSIGKILLBurst(t *testing.T) {
	dir, bin, env, x := e2eSetup(t)
	store := filepath.Join(dir, "store")
	importSample(t, bin, store, env)
	shot := filepath.Join(dir, "burst.png")
	kills, kept, seenBefore := guiKills(), 0, 0
	for run := range kills {
		stderr, exited, pid := startAppProcess(t, bin, store, env)
		id := waitForWindow(x, "Journeymap", 30*time.Second)
		if id == "" {
			t.Fatalf("kill %d: no Journeymap window appeared within 30 s after the last kill; the app said:\n%s", run, said(stderr))
		}
		// The map drawn takes keys. The cards typed so far push the pain points off the screen
		// after a few runs, so it is told by its cards.
		for try := 0; try < 40; try++ {
			x("import", "-window", "root", shot)
			if cardPixels(t, shot) > 20000 {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		x("xdotool", "windowfocus", "--sync", id)
		stop, typed := make(chan struct{}), make(chan struct{})
		go func() { // xdotool's type takes every argument after it as text: one command a step
			defer close(typed)
			for i := 1; ; i++ {
				for _, keys := range [][]string{{"key", "--clearmodifiers", "ctrl+n"}, {"type", "--delay", "4", burstCard(run, i)}, {"key", "Return"}} {
					select {
					case <-stop:
						return
					default:
					}
					x(append([]string{"xdotool"}, keys...)...)
				}
			}
		}()
		time.Sleep(time.Duration(300+rand.IntN(1500)) * time.Millisecond)
		seen := burstCards(t, store, run, true)
		syscall.Kill(pid, syscall.SIGKILL)
		<-exited
		// The next start must not find this window, on its way out, for its own.
		for gone := time.Now().Add(10 * time.Second); time.Now().Before(gone); time.Sleep(50 * time.Millisecond) {
			if out, _ := x("xdotool", "search", "--name", "^Journeymap$"); out == "" {
				break
			}
		}
		close(stop)
		<-typed

		after := burstCards(t, store, run, false)
		for i := 1; i <= len(after); i++ {
			if !after[burstCard(run, i)] {
				t.Fatalf("kill %d: card %d of %d is missing after the kill: an acknowledged edit was lost (%v)", run, i, len(after), after)
			}
		}
		for c := range seen {
			if !after[c] {
				t.Fatalf("kill %d: %q was in the store before the kill and is gone after it", run, c)
			}
		}
		kept += len(after)
		seenBefore += len(seen)
	}
	t.Logf("%d SIGKILLs while typing: %d cards acknowledged and kept, 0 lost (%d read back from the store just before their kill)", kills, kept, seenBefore)
	if kept == 0 {
		t.Error("no card was typed in any run: the burst tested nothing")
	}
}

// cardPixels counts the pixels of a card's fill in the dark theme, the one these tests run in:
// the sample's first screen holds a dozen cards of some 10,000 pixels each.
func cardPixels(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("the screenshot %s: %v", path, err)
	}
	n := 0
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			if r, g, b, _ := img.At(x, y).RGBA(); r>>8 == 0x1E && g>>8 == 0x3A && b>>8 == 0x5F {
				n++
			}
		}
	}
	return n
}

func burstCard(run, i int) string { return fmt.Sprintf("Burst %d-%d", run, i) }

// burstCards are the cards of one run in the store: read as the command line reads it while
// the app holds it (live), or opened after the kill as the next start opens it.
func burstCards(t *testing.T, store string, run int, live bool) map[string]bool {
	t.Helper()
	open := storage.Open
	if live {
		open = storage.OpenReadOnly
	}
	s, err := open(store)
	if err != nil {
		t.Fatalf("the store after kill %d: %v", run, err)
	}
	defer s.Close()
	w, err := s.Load()
	if err != nil {
		t.Fatalf("the store after kill %d: %v", run, err)
	}
	cards := map[string]bool{}
	prefix := fmt.Sprintf("Burst %d-", run)
	for _, j := range w.Journeys {
		for _, c := range j.Cards {
			if strings.HasPrefix(c.Text, prefix) {
				cards[c.Text] = true
			}
		}
	}
	return cards
}
