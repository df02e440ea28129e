package canvas

import (
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
)

// uiLoop hands what other goroutines have for the window to Fyne's UI goroutine, until the
// window quits. Fyne closes its queue once its loop ends, and a fyne.Do after that panics
// ("send on closed channel"): a timer, an export, a shared desk's change or a SIGTERM coming
// while the app closes its store would end it in a crash.
type uiLoop struct {
	ending atomic.Bool
	// queue, set by a test, takes what Do is given, for the test to run on its own
	// goroutine: Fyne's test driver runs fyne.Do at once on the goroutine that calls it.
	queue chan func()
}

// Do runs f on the UI goroutine, or drops it when the window has quit.
func (l *uiLoop) Do(f func()) {
	if l.ending.Load() {
		return
	}
	if l.queue != nil {
		l.queue <- f
		return
	}
	defer func() {
		// Quit can come between the check and the send: what comes too late is dropped.
		if r := recover(); r != nil && !l.ending.Load() {
			panic(r)
		}
	}()
	fyne.Do(f)
}

func (l *uiLoop) end() { l.ending.Store(true) }

// quitOnSignal quits the window as File → Quit does when the desktop asks the app to end
// (SIGTERM at logout or shutdown, SIGINT in a terminal): the window's size is kept and an
// export under way may finish, for at most termWait. Fyne's own catch of the signals ends
// its loop past Quit, and panics when a signal comes after the loop: it is undone. It is
// set up by a goroutine Fyne starts as its loop starts, which a busy machine may run late:
// it is undone again a while after.
func (mw *MainWindow) quitOnSignal() {
	asked := make(chan os.Signal, 1)
	take := func() {
		signal.Ignore(os.Interrupt, syscall.SIGTERM)
		signal.Notify(asked, os.Interrupt, syscall.SIGTERM)
	}
	take()
	time.AfterFunc(200*time.Millisecond, take)
	time.AfterFunc(time.Second, take)
	time.AfterFunc(5*time.Second, take)
	go func() {
		<-asked
		mw.loop.Do(mw.Quit)
		time.AfterFunc(termWait, func() { mw.loop.Do(mw.quitNow) })
	}()
}

// termWait is how long a quit the desktop asked for waits on an export before it ends the
// app anyway: a session waits a few seconds more before it kills what is left.
const termWait = 5 * time.Second
