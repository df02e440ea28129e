//go:build unix

package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"journeymap/journey/journeytest"
	"journeymap/storage/transfer"
)

// framePairs is how many times the app and the bare window each run, in turn.
const framePairs = 8

// frameSteps is how many inputs of each kind one run times.
const frameSteps = 10

// framesInput is one kind of input the frame benchmark sends: a key, a wheel notch, a drag.
type framesInput struct {
	action string
	// at is where in the window the input goes, for the app and for the bare window.
	app, bare [2]int
}

// The app's point for the drag is the first card of the 200-stage journey at 100 %; the wheel
// turns over the map, away from the card.
var framesInputs = []framesInput{
	{action: "zoom", app: [2]int{900, 600}},
	{action: "scroll", app: [2]int{900, 600}, bare: [2]int{700, 500}},
	{action: "drag", app: [2]int{560, 260}, bare: [2]int{130, 70}},
}

// BenchmarkFrames times what the user waits for on the 200 × 10 × 10 journey as the user sees
// it: real input sent through XTest to the real binary under Xvfb (a zoom key, a wheel notch,
// a step of a card drag), from the input sent to the first frame whose pixels changed
// (.ci/frames/probe.c), against a bare Fyne window (.ci/frames/bare) scrolling and dragging
// the same way in the same run. It reports the median step of all framePairs runs of each,
// and the median and range of the pairs' ratios; where no X server, compiler or XTest header is at hand it skips,
// saying which.
func BenchmarkFrames(b *testing.B) {
	for _, tool := range []string{"xvfb-run", "Xvfb", "gcc"} {
		if _, err := exec.LookPath(tool); err != nil {
			b.Skipf("no frames measured: %s is not installed (make bench installs it)", tool)
		}
	}
	dir, bin := buildBinary(b)
	probe := filepath.Join(dir, "probe")
	if out, err := exec.Command("gcc", "-O2", "-o", probe, ".ci/frames/probe.c", "-lX11", "-lXext", "-lXtst").CombinedOutput(); err != nil {
		b.Skipf("no frames measured: the probe does not build (libxtst-dev is needed; make bench installs it): %v\n%s", err, out)
	}
	bare := filepath.Join(dir, "bare")
	if out, err := exec.Command("go", "build", "-o", bare, "./.ci/frames/bare").CombinedOutput(); err != nil {
		b.Fatalf("building the bare window: %v\n%s", err, out)
	}
	store := filepath.Join(dir, "store")
	w, _ := journeytest.Big(200, 10, 10)
	if _, err := transfer.Import(store, w, false, time.Now()); err != nil {
		b.Fatal(err)
	}
	display, xauth := startXvfb(b)
	env := append(os.Environ(), "DISPLAY="+display, "XAUTHORITY="+xauth, "LANG=en_US.UTF-8", "WAYLAND_DISPLAY=")
	app := map[string][]float64{}
	baseline := map[string][]float64{}
	// ratios holds, per action, the ratio of the app's median step to the bare window's in
	// each pair: the two run back to back, so a pair shares the machine's mood.
	ratios := map[string][]float64{}
	for b.Loop() {
		for range framePairs {
			one, other := map[string][]float64{}, map[string][]float64{}
			framesRun(b, env, filepath.Join(dir, "home-app"), "Journeymap", []string{bin, "-store", store}, probe, one, false)
			framesRun(b, env, filepath.Join(dir, "home-bare"), "Bare scroller", []string{bare}, probe, other, true)
			for action, v := range one {
				app[action] = append(app[action], v...)
				if o := other[action]; len(o) > 0 {
					baseline[action] = append(baseline[action], o...)
					ratios[action] = append(ratios[action], median(v)/median(o))
				}
			}
		}
	}
	b.ReportMetric(median(app["zoom"]), "zoom-ms")
	b.ReportMetric(slices.Max(app["zoom"]), "zoom-max-ms")
	for _, action := range []string{"scroll", "drag"} {
		b.ReportMetric(median(app[action]), action+"-ms")
		b.ReportMetric(median(baseline[action]), "bare-"+action+"-ms")
		b.ReportMetric(median(ratios[action]), action+"-ratio-median")
		b.ReportMetric(slices.Min(ratios[action]), action+"-ratio-min")
		b.ReportMetric(slices.Max(ratios[action]), action+"-ratio-max")
	}
	b.Logf("steps, ms (median, min–max): zoom %s; scroll %s, bare %s; drag %s, bare %s; %d pairs of %d steps",
		spread(app["zoom"]), spread(app["scroll"]), spread(baseline["scroll"]), spread(app["drag"]), spread(baseline["drag"]), framePairs, frameSteps)
}

// framesRun starts one window, sends each input to it through the probe, appends the times
// to into by action, and ends the window (SIGTERM, then SIGKILL 5 s later).
func framesRun(b *testing.B, env []string, home, title string, command []string, probe string, into map[string][]float64, isBare bool) {
	b.Helper()
	cmd := exec.Command(command[0], command[1:]...)
	cmd.Env = append(slices.Clone(env), "HOME="+home)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
	}()
	for _, in := range framesInputs {
		at := in.app
		if isBare {
			if in.bare == [2]int{} {
				continue
			}
			at = in.bare
		}
		p := exec.Command(probe, title, in.action, strconv.Itoa(frameSteps), strconv.Itoa(at[0]), strconv.Itoa(at[1]))
		p.Env = env
		out, err := p.Output()
		if err != nil {
			b.Fatalf("probe %s on %s: %v", in.action, title, err)
		}
		s := bufio.NewScanner(strings.NewReader(string(out)))
		for s.Scan() {
			f := strings.Fields(s.Text())
			ms, err := strconv.ParseFloat(f[len(f)-1], 64)
			if err != nil || ms < 0 {
				b.Fatalf("%s on %s: no frame changed after the input (%q)", in.action, title, s.Text())
			}
			into[in.action] = append(into[in.action], ms)
		}
	}
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(v))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// spread says a median with its minimum and maximum: "58 (41–169)".
func spread(v []float64) string {
	if len(v) == 0 {
		return "none"
	}
	return fmt.Sprintf("%.0f (%.0f–%.0f)", median(v), slices.Min(v), slices.Max(v))
}
