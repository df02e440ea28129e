package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"journeymap/assets"
	mapcanvas "journeymap/canvas"
	"journeymap/journey"
	"journeymap/journey/interchange"
	"journeymap/storage"
	"journeymap/storage/document"
)

// icon is the app's icon, for its windows.
var icon = fyne.NewStaticResource("Icon.png", assets.IconPNG)

// openApp opens the store and runs the window. A store that can't be opened is explained in
// a window as well as on standard error.
func openApp(dir string) error {
	if runtime.GOOS == "linux" || runtime.GOOS == "freebsd" || runtime.GOOS == "openbsd" {
		if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
			return errors.New("no display to open the window on (DISPLAY is not set); the import, export and report commands work without one")
		}
	}
	dir, err := storeDir(dir)
	if err != nil {
		return err
	}
	sample := isSample(dir)
	opts := document.Options{ReadOnlyFallback: true}
	if sample {
		if opts.Seed, err = sampleWorkspace(); err != nil {
			return err
		}
	}
	doc, err := document.Open(dir, opts)
	if err != nil {
		return showProblem(dir, err)
	}
	defer doc.Close()
	var noBackup startupProblem
	doc.BackUpInBackground(time.Now(), func(err error) {
		fmt.Fprintf(os.Stderr, "journeymap: no backup on start-up: %s\n", oneLine(err))
		noBackup.happened(oneLine(err))
	})
	// The sample's window keeps its preferences apart: two processes rewriting one
	// preferences file at exit would each lose the other's.
	id := appID
	if sample {
		id += ".sample"
	}
	app.SetMetadata(appMetadata(id))
	a := app.NewWithID(id)
	a.SetIcon(icon)
	mw, err := mapcanvas.FirstWindow(func() *mapcanvas.MainWindow { return mapcanvas.NewMainWindow(a, doc) })
	if err != nil {
		return fmt.Errorf("%w; the import, export and report commands work without one", err)
	}
	if sample {
		mw.ShowSample()
	}
	mw.OnOpenSample = func() error { return openSample(dir) }
	noBackup.tell(mw.SayNoBackup)
	if why := doc.WhyReadOnly(); why != "" {
		mw.SetReadOnly(why)
	} else {
		mw.FollowShared()
	}
	mw.ShowAndRun()
	return nil
}

// showProblem says in a window, and then on standard error, why the store in dir won't open,
// offering to restore a backup of a damaged one and start again on it.
func showProblem(dir string, err error) error {
	// Fyne rewrites an app's preferences file at exit, and a Journeymap already running would
	// read it half-written; the window that only explains the problem keeps out of that file
	// under an ID of its own.
	a := app.NewWithID(appID + ".problem")
	a.SetIcon(icon)
	advice, restored := document.Advise(dir, err), ""
	remedy := mapcanvas.RestoreRemedy(dir, advice, startAgain, func(done string) { restored = done })
	problem, werr := mapcanvas.FirstWindow(func() fyne.Window {
		return mapcanvas.NewErrorWindow(a, oneLine(err), advice.Says, remedy)
	})
	if werr != nil { // standard error is all that is left to say it on
		return document.WithAdvice(dir, err)
	}
	problem.ShowAndRun()
	if restored != "" { // the problem is solved: said, but not an exit status
		fmt.Fprintf(os.Stderr, "journeymap: %s\njourneymap: %s\n", oneLine(err), restored)
		return nil
	}
	return document.WithAdvice(dir, err)
}

// startAgain starts Journeymap again with the arguments it was given, as a new process: a
// Fyne app runs once in a process, and this one has shown its problem window.
func startAgain() {
	exe, err := os.Executable()
	if err == nil {
		cmd := exec.Command(exe, os.Args[1:]...)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
		err = cmd.Start()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "journeymap: can't start again: %s\n", oneLine(err))
	}
}

// isSample reports whether dir is the sample's own store.
func isSample(dir string) bool {
	sd, err := storage.SampleDir()
	return err == nil && storage.SameDir(sd, dir)
}

func sampleWorkspace() (*journey.Workspace, error) {
	w, err := interchange.Parse(assets.SampleWorkspace)
	if err != nil {
		return nil, fmt.Errorf("the built-in sample workspace: %w", err)
	}
	return w, nil
}

// openSample starts Journeymap on the sample's store, in a process and window of its own,
// after filling the store with the sample the first time; what was changed in it since is
// kept. That the store is open already, in another window, is said here, in the window that
// asked.
func openSample(current string) error {
	dir, err := storage.SampleDir()
	if err != nil {
		return err
	}
	if storage.SameDir(dir, current) {
		return errors.New("this window already shows the sample")
	}
	sample, err := sampleWorkspace()
	if err != nil {
		return err
	}
	doc, err := document.Open(dir, document.Options{Seed: sample})
	if errors.Is(err, storage.ErrInUse) {
		return errors.New("it is already open in another window")
	}
	if err != nil {
		return err
	}
	doc.Close()
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(exe, "-store", dir)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reaped when it ends, whenever that is
	return nil
}

// startupProblem is a problem found beside the window's start (the start-up backup, written
// while the window is built), told to the window once there is one, whichever comes first.
type startupProblem struct {
	mu  sync.Mutex
	why string
	say func(string)
}

func (p *startupProblem) happened(why string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.say != nil {
		p.say(why)
		return
	}
	p.why = why
}

func (p *startupProblem) tell(say func(string)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.say = say
	if p.why != "" {
		say(p.why)
	}
}

// appMetadata is what a packaged build has from FyneApp.toml, for a build by go build too.
// Its migration fyneDo says that every goroutine touches widgets through fyne.Do: without
// it Fyne checks, on every refresh of every canvas object, that it runs on the main
// goroutine, by reading the goroutine's id out of a printed stack trace: a fifth of the app's
// own CPU in a zoom step on a big map (the frame itself waits on GL, and is no faster).
func appMetadata(id string) fyne.AppMetadata {
	fields := fyneAppFields()
	build, _ := strconv.Atoi(fields["Build"])
	return fyne.AppMetadata{ID: id, Name: fields["Name"], Version: fields["Version"], Build: build,
		Migrations: map[string]bool{"fyneDo": fields["fyneDo"] == "true"}}
}
