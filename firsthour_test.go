//go:build unix

package main

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"journeymap/journey"
	"journeymap/journey/interchange"
)

// firstHourShots is where TestFirstHour keeps its screenshots, one per step, for a person to
// look at: JOURNEYMAP_FIRST_HOUR=DIR puts them elsewhere.
const firstHourShots = "bin/first-hour"

// TestFirstHour walks a new user's first hour in the real app under Xvfb, with the keyboard
// and the mouse as a person would: a fresh store opens empty with its welcome; a journey typed
// from the keyboard; its stages named with F2 and Ctrl+Shift+→; cards by just typing; the
// emotion curve drawn by dragging in its lane, where the selection ring shows it on screen;
// two members; a known and an unknown pain point with source or method, finder, owner (the fair
// suggestion), severity, effort and a specific next action, all from the keyboard in their
// panel; an anonymous pulse; presenting with B and P; the workspace exported from the command
// line while the app holds the store. After each step it reads the store as the command line
// does and checks what the step should have left there; it waits by polling the store, never
// by sleeping a guessed time. Each step's screenshot is kept in bin/first-hour/.
func TestFirstHour(t *testing.T) {
	dir, bin, env, x := e2eSetup(t)
	shots := os.Getenv("JOURNEYMAP_FIRST_HOUR")
	if shots == "" {
		shots = firstHourShots
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	store := filepath.Join(dir, "store")
	app := exec.Command(bin, "-store", store)
	app.Env = env
	var stderr strings.Builder
	app.Stderr = &stderr
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { app.Process.Signal(syscall.SIGKILL); app.Wait() })
	id := waitForWindow(x, "Journeymap", 30*time.Second)
	if id == "" {
		t.Fatalf("no Journeymap window appeared within 30 s; the app said: %s", said(&stderr))
	}
	h := &hour{t: t, bin: bin, store: store, env: env, x: x, window: id, shots: shots}

	// 1. A fresh store: an empty workspace, named, and the welcome in the map's place.
	h.until("the new workspace is named", func(w *journey.Workspace) bool {
		return w.Name == journey.DefaultWorkspaceName && len(w.Journeys) == 0 && len(w.Members) == 0
	})
	h.shot("01-welcome")

	// 2. A journey typed from the keyboard: the title over "New journey", Tab to the persona
	// and the vision, back to the title and Enter saves.
	h.keys("ctrl+shift+n")
	h.typed("Returning a faulty kettle")
	h.keys("Tab")
	h.typed("Home cook, second order")
	h.keys("Tab")
	h.typed("Every return is as easy as the order was")
	h.shot("02-new-journey")
	h.keys("shift+Tab", "shift+Tab", "Return")
	h.until("the journey has its title, persona and vision", func(w *journey.Workspace) bool {
		return len(w.Journeys) == 1 && w.Journeys[0].Title == "Returning a faulty kettle" &&
			w.Journeys[0].Persona == "Home cook, second order" && w.Journeys[0].Vision == "Every return is as easy as the order was"
	})

	// 3. Stages from the keyboard: F2 names the first, Ctrl+Shift+→ adds each next one.
	h.keys("F2")
	h.typed("Order")
	h.keys("Return")
	for _, name := range []string{"Dispatch", "Wait", "Refund"} {
		h.keys("ctrl+shift+Right")
		h.typed(name)
		h.keys("Return")
	}
	h.until("the stages are Order, Dispatch, Wait, Refund", func(w *journey.Workspace) bool {
		return slices.Equal(names(w.Journeys[0].Stages), []string{"Order", "Dispatch", "Wait", "Refund"})
	})
	h.shot("03-stages")

	// 4. Cards by just typing in the selected cell.
	h.keys("Left", "Left", "Left")
	h.typed("Pays at checkout")
	h.keys("Return", "Escape", "Right")
	h.typed("Gets the dispatch email")
	h.keys("Return")
	h.until("two cards in the customer actions lane", func(w *journey.Workspace) bool {
		j := &w.Journeys[0]
		return len(j.Cards) == 2 && j.Cards[0].Text == "Pays at checkout" && j.Cards[1].Text == "Gets the dispatch email" &&
			j.Cards[0].Stage == j.Stages[0].ID && j.Cards[1].Stage == j.Stages[1].ID
	})
	h.shot("04-cards")

	// 5. The curve drawn by dragging: the selection ring, moved to a stage's emotion cell with
	// the arrows, shows where the cell is on screen; a drag from its middle to its top says +2,
	// to its bottom –2.
	h.keys("Escape", "Left", "Down", "Down", "Down")
	for i, score := range []int{2, -2} {
		cell := h.ring()
		x0, y := cell.Min.X+cell.Dx()/2, cell.Min.Y+cell.Dy()/2
		to := cell.Min.Y + 8
		if score < 0 {
			to = cell.Max.Y - 8
		}
		h.drag(x0, y, to)
		stage := i
		h.until(fmt.Sprintf("stage %d's emotion is %+d", stage+1, score), func(w *journey.Workspace) bool {
			s, ok := w.Journeys[0].Emotion(w.Journeys[0].Stages[stage].ID)
			return ok && s == score
		})
		h.keys("Escape", "Right")
	}
	h.shot("05-curve")

	// 6. Two members, each from Ctrl+Shift+M, Enter saving.
	for _, m := range [][3]string{{"Ana Ruiz", "Support", "8"}, {"Ben Okafor", "Billing", "5"}} {
		h.keys("ctrl+shift+m")
		h.typed(m[0])
		h.keys("Tab")
		h.typed(m[1])
		h.keys("Tab", "ctrl+a")
		h.typed(m[2])
		h.keys("Return")
	}
	h.until("the task force is Ana Ruiz and Ben Okafor", func(w *journey.Workspace) bool {
		return len(w.Members) == 2 && w.Members[0].Name == "Ana Ruiz" && w.Members[1].Capacity == 5
	})
	h.shot("06-members")

	// 7. A known pain point, every field from the keyboard in its panel: Tab from field to
	// field, Space opens a list and picks a choice, ↓ and Enter choose from a list.
	h.keys("ctrl+p")
	h.typed("Refund takes two weeks")
	h.keys("Return")
	h.keys("Tab", "Tab", "Tab", "Tab", "Tab", "space", "Down", "Return") // Source: complaint
	h.keys("Tab", "ctrl+a")
	h.typed("12")                                                 // Reports
	h.keys("Tab", "Tab", "Tab", "Tab", "Tab", "space")            // Severity 4
	h.keys("Tab", "Tab", "Tab", "Tab", "space")                   // Effort 3
	h.keys("Tab", "Tab", "Tab", "Tab", "space", "Down", "Return") // Owner: the fair suggestion
	h.fields("Refund kettles the day the parcel is scanned at the depot", "2027-01-15", "Refunds for returned kettles land within 2 days")
	h.until("the known pain point is whole", func(w *journey.Workspace) bool {
		p, ok := nthPain(w, 1)
		return ok && p.Title == "Refund takes two weeks" && p.Discovery == journey.Known && p.Source == journey.SourceComplaint &&
			p.Reports == 12 && p.Severity == 4 && p.Effort == 3 && p.Owner != "" && p.Specificity().Specific()
	})
	h.shot("07-known-pain-point")

	// 8. An unknown pain point: switched to Unknown, its method and its finder picked, then
	// the owner the panel suggests and a next action.
	h.keys("ctrl+p")
	h.typed("Nobody says the kettle was received")
	h.keys("Return")
	h.keys("Tab", "Tab", "Tab", "Tab", "space")                          // Discovery: Unknown
	h.keys("Tab", "space", "Down", "Down", "Return")                     // Method: shadowing
	h.keys("Tab", "space", "Down", "Down", "Return")                     // Found by: Ben Okafor
	h.keys("Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "space")     // Severity 5
	h.keys("Tab", "Tab", "space")                                        // Effort 2
	h.keys("Tab", "Tab", "Tab", "Tab", "Tab", "space", "Down", "Return") // Owner: the fair suggestion
	h.fields("Email the customer when the depot scans a returned kettle", "2027-01-22", "Every scanned return sends an email within an hour")
	h.until("the unknown pain point is whole, credited to Ben", func(w *journey.Workspace) bool {
		p, ok := nthPain(w, 2)
		return ok && p.Discovery == journey.Unknown && p.Method == journey.MethodShadowing && p.Source == "" &&
			p.FoundBy == w.Members[1].ID && p.Severity == 5 && p.Effort == 2 && p.Owner != "" && p.Specificity().Specific()
	})
	h.shot("08-unknown-pain-point")

	// 9. The pulse, one person's answer, from Ctrl+Shift+P: a score typed for each question,
	// Tab to the next, Enter sends.
	h.keys("ctrl+shift+p", "4", "Tab", "4", "Tab", "4", "Tab", "4")
	h.shot("09-pulse")
	h.keys("Return")
	h.until("one pulse, with no member", func(w *journey.Workspace) bool {
		return len(w.Pulses) == 1 && w.Pulses[0].Risk == 4 && w.Pulses[0].Inclusion == 4
	})

	// 10. Present: B hides the backstage, P shows the pain points only; Esc leaves.
	// The keys are the map's again once the pulse is given, though a panel's field held them.
	h.keys("F5")
	presenting := func(img image.Image) bool { return share(img, 0xFFFFFF, 0xF4F4F5, 0xE4E4E7) > 0.5 }
	h.untilScreen("the presenter view, black on white", "10-present", presenting)
	h.keys("b")
	h.shot("11-present-no-backstage")
	h.keys("p")
	h.shot("12-present-pain-points")
	h.keys("Escape")
	h.untilScreen("the window back from presenting", "13-back", func(img image.Image) bool { return !presenting(img) })

	// 11. The command line reads the store the app holds: the workspace file imports again.
	out, err := h.cli("export", "-store", store, "-format", "json", "-o", "-")
	if err != nil {
		t.Fatalf("export while the app is open: %v", err)
	}
	if _, err := interchange.Parse([]byte(out)); err != nil {
		t.Errorf("the workspace made in the first hour does not import again: %v", err)
	}
	h.shot("14-end")
	if strings.Contains(stderr.String(), "panic") {
		t.Errorf("the app panicked:\n%s", said(&stderr))
	}
}

// hour drives one run of the app for TestFirstHour.
type hour struct {
	t                  *testing.T
	bin, store, window string
	env                []string
	x                  func(...string) (string, error)
	shots              string
	n                  int
}

// keys presses keys on the app's window, one after the other, as xdotool names them.
func (h *hour) keys(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		if _, err := h.x("xdotool", "key", "--clearmodifiers", "--delay", "40", k); err != nil {
			h.t.Fatal(err)
		}
	}
}

// fields types each text into the next field, Tab before each, and Enter after the last.
func (h *hour) fields(texts ...string) {
	h.t.Helper()
	for _, s := range texts {
		h.keys("Tab")
		h.typed(s)
	}
	h.keys("Return")
}

// typed types text as a person would, a character at a time.
func (h *hour) typed(s string) {
	h.t.Helper()
	if _, err := h.x("xdotool", "type", "--delay", "25", s); err != nil {
		h.t.Fatal(err)
	}
}

func (h *hour) cli(args ...string) (string, error) {
	cmd := exec.Command(h.bin, args...)
	cmd.Env = h.env
	out, err := cmd.Output()
	return string(out), err
}

// state is the workspace as the command line reads it from the store the app holds.
func (h *hour) state() *journey.Workspace {
	h.t.Helper()
	out, err := h.cli("export", "-store", h.store, "-format", "json", "-o", "-")
	if err != nil {
		return &journey.Workspace{}
	}
	w, err := interchange.Parse([]byte(out))
	if err != nil {
		h.t.Fatalf("the store's export does not parse: %v", err)
	}
	return w
}

// until waits, reading the store, until the workspace holds what a step should have left;
// after 20 s it keeps a screenshot and fails, saying what it waited for.
func (h *hour) until(what string, ok func(*journey.Workspace) bool) {
	h.t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if w := h.state(); ok(w) {
			return
		}
	}
	path := h.shot("failed")
	h.t.Fatalf("waited 20 s for %s; the screen is in %s", what, path)
}

// shot keeps a screenshot of the app's window, numbered in the order taken.
func (h *hour) shot(name string) string {
	h.t.Helper()
	h.n++
	path := filepath.Join(h.shots, name+".png")
	// Let the frame the last key asked for be painted: the app draws within a frame or two.
	time.Sleep(150 * time.Millisecond)
	if _, err := h.x("import", "-window", h.window, path); err != nil {
		h.t.Fatalf("screenshot %s: %v", path, err)
	}
	return path
}

// untilScreen waits, taking screenshots, until the window shows what ok looks for; the last
// is kept under name.
func (h *hour) untilScreen(what, name string, ok func(image.Image) bool) {
	h.t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); {
		if ok(h.screen(name)) {
			return
		}
	}
	h.t.Fatalf("waited 20 s for %s; the screen is in %s", what, filepath.Join(h.shots, name+".png"))
}

// screen is a screenshot of the window, kept under name.
func (h *hour) screen(name string) image.Image {
	h.t.Helper()
	f, err := os.Open(h.shot(name))
	if err != nil {
		h.t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		h.t.Fatal(err)
	}
	return img
}

// share is the part of an image's pixels of the colours given.
func share(img image.Image, hexes ...uint32) float64 {
	b, n := img.Bounds(), 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if slices.Contains(hexes, uint32(r>>8)<<16|uint32(g>>8)<<8|uint32(bl>>8)) {
				n++
			}
		}
	}
	return float64(n) / float64((b.Dx()/2+1)*(b.Dy()/2+1))
}

// ring finds the selection ring on screen, in the map's part of the window, as the rectangle
// of the accent colour's pixels it draws round the selected cell.
func (h *hour) ring() image.Rectangle {
	h.t.Helper()
	for try := 0; try < 20; try++ {
		img := h.screen("ring")
		var box image.Rectangle
		b := img.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X + b.Dx()/4; x < b.Max.X; x++ {
				if accent(img.At(x, y)) {
					box = box.Union(image.Rect(x, y, x+1, y+1))
				}
			}
		}
		if box.Dx() > 40 && box.Dy() > 40 {
			return box
		}
		time.Sleep(100 * time.Millisecond)
	}
	h.t.Fatal("no selection ring on screen")
	return image.Rectangle{}
}

// accent is the theme's primary colour, which draws the selection ring.
func accent(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r>>8 < 0x40 && g>>8 > 0x50 && g>>8 < 0x90 && b>>8 > 0xd0
}

// drag presses the mouse at (x, y), moves it in steps to (x, to) and lets go.
func (h *hour) drag(x, y, to int) {
	h.t.Helper()
	steps := [][]string{
		{"mousemove", "--window", h.window, fmt.Sprint(x), fmt.Sprint(y)}, {"mousedown", "1"},
	}
	for i := 1; i <= 8; i++ {
		steps = append(steps, []string{"mousemove", "--window", h.window, fmt.Sprint(x), fmt.Sprint(y + (to-y)*i/8)})
	}
	steps = append(steps, []string{"mouseup", "1"})
	for _, s := range steps {
		if _, err := h.x(append([]string{"xdotool"}, s...)...); err != nil {
			h.t.Fatal(err)
		}
		time.Sleep(30 * time.Millisecond)
	}
}

// nthPain is the first journey's nth pain point, when it has exactly n.
func nthPain(w *journey.Workspace, n int) (journey.PainPoint, bool) {
	if len(w.Journeys) == 0 || len(w.Journeys[0].PainPoints) != n {
		return journey.PainPoint{}, false
	}
	return w.Journeys[0].PainPoints[n-1], true
}

func names(stages []journey.Stage) []string {
	out := make([]string, len(stages))
	for i, s := range stages {
		out[i] = s.Name
	}
	return out
}
