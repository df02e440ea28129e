package canvas

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

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
	_, ok, err := s.Sharing()
	if err != nil || !ok {
		return
	}
	mw.nameSharer()
	closing := make(chan struct{})
	// The document is the UI goroutine's; what comes in is handed to it there, and given
	// up on when the window closes, so that closing never waits on a frame that won't come.
	receive := func(in []storage.Incoming) (storage.Received, error) {
		type result struct {
			got storage.Received
			err error
		}
		done := make(chan result, 1)
		mw.loop.Do(func() {
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
		mw.loop.Do(func() {
			mw.sharingSaid = sharingSaid(st, time.Now())
			mw.refreshStatus()
			if mw.sharingShown != nil {
				mw.sharingShown()
			}
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
		them := "them"
		if st.SetAside == 1 {
			them = "it"
		}
		said += fmt.Sprintf(" · %s set aside (journeymap sync names %s)", journey.Plural(st.SetAside, "bad value"), them)
	}
	if st.ViewOnly {
		said = "View only: " + said
	}
	return said
}

// nameSharer makes what this desk sends name its member, when the desk has said who uses it
// (Who Am I…, as the filter's "mine"), so that the others see whose change it was: from the
// next change on, without a restart.
func (mw *MainWindow) nameSharer() {
	s := mw.doc.Store()
	sh, ok, err := s.Sharing()
	if err != nil || !ok {
		return
	}
	if m, known := mw.me(); known && sh.Member != m.ID {
		sh.Member = m.ID
		if err := s.UpdateSharing(sh); err != nil {
			mw.say("Can't note who uses this desk for the shared workspace: " + err.Error() + ".")
		}
	}
}

// ShowSharing shows where the desk stands with its shared workspace: the server and bucket,
// the state the status bar says in short, every field in conflict with each value, who made
// it and when, and the values of the bucket set aside; or, for a workspace of its own, how
// to share it.
func (mw *MainWindow) ShowSharing() {
	lines := mw.sharingDialogLines()
	body := container.NewVBox()
	for _, l := range lines {
		label := widget.NewLabel(l)
		label.Wrapping = fyne.TextWrapWord
		body.Add(label)
	}
	scroll := container.NewVScroll(body)
	scroll.SetMinSize(fyne.NewSize(620, 360))
	d := dialog.NewCustom("Shared Workspace", "Close", scroll, mw)
	// It follows the desk while open: the state, and conflicts come and go.
	mw.sharingShown = func() {
		body.RemoveAll()
		for _, l := range mw.sharingDialogLines() {
			label := widget.NewLabel(l)
			label.Wrapping = fyne.TextWrapWord
			body.Add(label)
		}
	}
	d.SetOnClosed(func() { mw.sheet, mw.sharingShown = nil, nil; mw.keysToMap() })
	mw.sheet = d // no field takes keys: Esc closes it
	d.Show()
}

// sharingDialogLines is what ShowSharing says.
func (mw *MainWindow) sharingDialogLines() []string {
	sh, shared, err := mw.doc.Store().Sharing()
	switch {
	case err != nil:
		return []string{"Can't read how this workspace is shared: " + err.Error() + "."}
	case !shared:
		return []string{"This workspace is this desk's alone.",
			"To share it with the task force, quit and run: journeymap share -store " + mw.doc.Dir() + " -server URL (the README's \"Sharing a workspace\" says how)."}
	}
	return mw.sharingLines(sh)
}

// sharingLines says a shared workspace's state, conflict by conflict, in sentences.
func (mw *MainWindow) sharingLines(sh storage.Share) []string {
	w := mw.doc.Workspace()
	who := func(id string) string {
		if id == "" {
			return "someone"
		}
		if m, ok := w.Member(id); ok {
			return m.Name
		}
		return id
	}
	me := "no member named for this desk: say who you are in View → Filter Pain Points → Who Am I…, and your changes carry your name"
	if sh.Member != "" {
		me = "as " + who(sh.Member)
	}
	lines := []string{fmt.Sprintf("Shared as %q on %s, %s.", sh.Bucket, sh.Server, me)}
	if mw.sharingSaid != "" {
		lines = append(lines, mw.sharingSaid+".")
	}
	_, conflicts, err := mw.doc.Store().ShareState()
	if err != nil {
		return append(lines, "Can't read the conflicts: "+err.Error()+".")
	}
	if len(conflicts) == 0 {
		lines = append(lines, "No conflicts.")
	}
	for _, c := range conflicts {
		var vals []string
		for _, v := range c.Values {
			at := ""
			if t, err := time.Parse(time.RFC3339, v.At); err == nil {
				at = ", " + t.Local().Format("2 Jan 15:04")
			}
			vals = append(vals, fmt.Sprintf("%s (%s%s)", valueSaid(v.Value), who(v.By), at))
		}
		field := c.Field
		if field == "" {
			field = "the whole record"
		}
		lines = append(lines, fmt.Sprintf("Conflict in %s, %s: %s. Every desk shows the same one until someone writes that field anew.",
			journey.RecordSaid(w, c.Record), field, strings.Join(vals, " or ")))
	}
	if aside, err := mw.doc.Store().SetAside(); err == nil {
		for _, a := range aside {
			lines = append(lines, "Set aside, not taken in: "+a+".")
		}
	}
	return lines
}

// valueSaid is a conflict's value as a person reads it: a text as it is, a deleted one so.
func valueSaid(v json.RawMessage) string {
	var s string
	switch {
	case len(v) == 0 || string(v) == "null":
		return "deleted"
	case json.Unmarshal(v, &s) == nil:
		return "“" + journey.Clipped(s) + "”"
	}
	return journey.Clipped(string(v))
}
