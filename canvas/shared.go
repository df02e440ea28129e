package canvas

import (
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"

	"journeymap/journey"
	"journeymap/storage"
	"journeymap/storage/document"
	"journeymap/storage/sharing"
)

// errClosing is what taking changes in says once the window is closing.
var errClosing = errors.New("the window is closing")

// FollowShared keeps the window's workspace in step with the shared workspace its store
// follows, if it does, until the window closes: another desk's changes come in through the
// document and are drawn as this desk's are, changes made here are sent as they are saved,
// and the status bar says first where the desk stands (synced, sending, offline since when,
// conflicts).
func (mw *MainWindow) FollowShared() {
	s := mw.doc.Store()
	if _, ok, err := s.Sharing(); err != nil || !ok {
		return
	}
	closing := make(chan struct{})
	// The document is the UI goroutine's; what comes in is handed to it there, and given
	// up on when the window closes, so that closing never waits on a frame that won't come.
	receive := func(in []storage.Incoming) (storage.Received, error) {
		type result struct {
			got storage.Received
			err error
		}
		done := make(chan result, 1)
		fyne.Do(func() {
			got, err := mw.doc.Receive(in)
			done <- result{got, err}
		})
		select {
		case r := <-done:
			return r.got, r.err
		case <-closing:
			return storage.Received{}, errClosing
		}
	}
	live := sharing.Start(s, receive, func(st sharing.State) {
		fyne.Do(func() {
			mw.sharingSaid = sharingSaid(st, time.Now())
			mw.refreshStatus()
		})
	})
	stop := mw.doc.Watch(func(c document.Change) {
		if c.Kind != document.Received {
			live.Kick()
		}
	})
	mw.stopSharing = func() {
		close(closing)
		stop()
		live.Stop()
	}
}

// sharingSaid is where a desk stands with its shared workspace, in a few words.
func sharingSaid(st sharing.State, now time.Time) string {
	var said string
	switch {
	case !st.Online:
		since := st.Since.Local().Format("15:04")
		if st.Since.Local().YearDay() != now.Local().YearDay() {
			since = st.Since.Local().Format("2 Jan 15:04")
		}
		said = "Offline since " + since
		if st.Waiting > 0 {
			said += fmt.Sprintf(" (%s kept)", journey.Plural(st.Waiting, "change"))
		}
	case st.Waiting > 0:
		said = "Sending " + journey.Plural(st.Waiting, "change")
	default:
		said = "Synced"
	}
	if st.Conflicts > 0 {
		said += " · " + journey.Plural(st.Conflicts, "conflict")
	}
	if st.SetAside > 0 {
		said += fmt.Sprintf(" · %s set aside (journeymap sync names %s)", journey.Plural(st.SetAside, "bad value"), map[bool]string{true: "it", false: "them"}[st.SetAside == 1])
	}
	if st.ViewOnly {
		said = "View only: " + said
	}
	return said
}
