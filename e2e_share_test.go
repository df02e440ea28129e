//go:build unix

package main

import (
	"bytes"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"journeymap/journey"
)

// natsProcess runs Debian's nats-server (what a task force may run for itself) as a process of
// its own with JetStream, on a port of loopback, keeping its streams in dir; stop kills it with
// SIGKILL, as a crash or a pulled plug would.
type natsProcess struct {
	t    *testing.T
	port int
	dir  string
	cmd  *exec.Cmd
}

func startNATS(t *testing.T, dir string, port int) *natsProcess {
	t.Helper()
	bin, err := exec.LookPath("nats-server")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("nats-server is not installed; make test installs it")
		}
		t.Skip("nats-server is not installed (make test installs it)")
	}
	if port == 0 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port = l.Addr().(*net.TCPAddr).Port
		l.Close()
	}
	n := &natsProcess{t: t, port: port, dir: dir, cmd: exec.Command(bin, "-js", "-a", "127.0.0.1", "-p", strconv.Itoa(port), "-sd", dir)}
	if err := n.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(n.kill)
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if c, err := net.Dial("tcp", n.addr()); err == nil {
			c.Close()
			return n
		}
		if time.Now().After(deadline) {
			t.Fatal("nats-server did not answer within 10 s")
		}
	}
}

func (n *natsProcess) addr() string { return "127.0.0.1:" + strconv.Itoa(n.port) }
func (n *natsProcess) url() string  { return "nats://" + n.addr() }

func (n *natsProcess) kill() {
	if n.cmd.ProcessState == nil {
		n.cmd.Process.Signal(syscall.SIGKILL)
		n.cmd.Wait()
	}
}

// TestEndToEndTwoDesksShareAWorkspace shares the sample from one store through Debian's
// nats-server, joins a second store to it, and opens the real app on each, side by side under
// one X server: a card typed in the first window reaches the second; with the server killed
// (SIGKILL), a card is typed in each, both keep working, and once it is started again both
// stores converge to the same workspace, both cards in it. JOURNEYMAP_SHARE_SCREENSHOT=prefix
// keeps the screenshots of both windows.
func TestEndToEndTwoDesksShareAWorkspace(t *testing.T) {
	dir, bin, env, x := e2eSetup(t)
	ns := startNATS(t, filepath.Join(dir, "nats"), 0)
	ana, ben := filepath.Join(dir, "ana"), filepath.Join(dir, "ben")
	cli := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v: %s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	importSample(t, bin, ana, env)
	cli("share", "-store", ana, "-server", ns.url(), "-bucket", "returns")
	cli("join", "-store", ben, "-server", ns.url(), "-bucket", "returns")

	// Each desk its own home, as two people's desktops: their preferences apart.
	open := func(store, home string, x0 int) string {
		t.Helper()
		before, _ := x("xdotool", "search", "--name", "^Journeymap$")
		app := exec.Command(bin, "-store", store)
		app.Env = append(env, "HOME="+filepath.Join(dir, home))
		if err := app.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { app.Process.Kill(); app.Wait() })
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
			out, _ := x("xdotool", "search", "--name", "^Journeymap$")
			for _, id := range strings.Fields(out) {
				if !strings.Contains(before, id) {
					x("xdotool", "windowsize", id, "955", "1040")
					x("xdotool", "windowmove", id, strconv.Itoa(x0), "0")
					return id
				}
			}
		}
		t.Fatal("no new Journeymap window within 30 s")
		return ""
	}
	anaWin := open(ana, "ana-home", 0)
	benWin := open(ben, "ben-home", 962)
	time.Sleep(time.Second) // the map drawn, the size taken

	typeCard := func(win, text string) {
		t.Helper()
		x("xdotool", "windowfocus", "--sync", win)
		x("xdotool", "mousemove", "--window", win, "600", "500", "click", "1")
		x("xdotool", "key", "Escape")
		for _, keys := range [][]string{{"key", "ctrl+n"}, {"type", "--delay", "20", text}, {"key", "Return"}} {
			if _, err := x(append([]string{"xdotool"}, keys...)...); err != nil {
				t.Fatal(err)
			}
		}
	}
	shot := func(name string) {
		prefix := os.Getenv("JOURNEYMAP_SHARE_SCREENSHOT")
		if prefix == "" {
			prefix = filepath.Join(dir, "share")
		}
		x("import", "-window", "root", prefix+"-"+name+".png")
	}

	const first = "Typed at Ana's desk"
	typeCard(anaWin, first)
	storeHolds(t, ana, "Ana's card in her store", func(w *journey.Workspace) bool { return hasCard(w, first) })
	sent := time.Now()
	storeHolds(t, ben, "Ana's card in Ben's store", func(w *journey.Workspace) bool { return hasCard(w, first) })
	t.Logf("Ana's card was in Ben's store %v after it was in hers (read through a copy of the store)", time.Since(sent).Round(time.Millisecond))
	time.Sleep(300 * time.Millisecond)
	shot("1-arrived")

	ns.kill()
	const offA, offB = "Ana while the server is down", "Ben while the server is down"
	typeCard(anaWin, offA)
	typeCard(benWin, offB)
	storeHolds(t, ana, "Ana's offline card in her store", func(w *journey.Workspace) bool { return hasCard(w, offA) })
	storeHolds(t, ben, "Ben's offline card in his store", func(w *journey.Workspace) bool { return hasCard(w, offB) })
	shot("2-offline")

	startNATS(t, ns.dir, ns.port)
	both := func(w *journey.Workspace) bool { return hasCard(w, offA) && hasCard(w, offB) && hasCard(w, first) }
	storeHolds(t, ana, "both offline cards in Ana's store", both)
	storeHolds(t, ben, "both offline cards in Ben's store", both)
	time.Sleep(500 * time.Millisecond)
	shot("3-converged")

	for _, win := range []string{anaWin, benWin} {
		x("xdotool", "windowfocus", "--sync", win)
		x("xdotool", "key", "--clearmodifiers", "ctrl+q")
	}
	time.Sleep(time.Second)
	exportOf := func(store string) []byte {
		out := filepath.Join(dir, filepath.Base(store)+".json")
		cli("export", "-store", store, "-format", "json", "-o", out)
		b, _ := os.ReadFile(out)
		return b
	}
	if a, b := exportOf(ana), exportOf(ben); !bytes.Equal(a, b) {
		t.Error("after the server came back the two desks export different workspaces")
	}
}
