package canvas

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"journeymap/canvas/screentest"
	"journeymap/journey"
	"journeymap/journey/interchange"
	"journeymap/journey/journeytest"
	"journeymap/storage"
	"journeymap/storage/document"
)

// clockAt makes the backups dialog's clock read t until the test ends.
func clockAt(t *testing.T, at *time.Time) {
	now = func() time.Time { return *at }
	t.Cleanup(func() { now = time.Now })
}

// backupsOpen opens File → Backups and returns the dialog's content and its list.
func backupsOpen(t *testing.T, mw *MainWindow) (fyne.CanvasObject, *widget.List) {
	t.Helper()
	mw.ShowBackups()
	top := mw.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("File → Backups showed nothing")
	}
	var list *widget.List
	walk(top, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.List); ok {
			list = l
		}
	})
	if list == nil {
		t.Fatal("the dialog lists no backups")
	}
	return top, list
}

func labelsIn(o fyne.CanvasObject) string {
	var b strings.Builder
	walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	})
	return b.String()
}

func TestBackupsAreMadeAndRestoredFromTheWindow(t *testing.T) {
	ed := openEditing(t)
	at := time.Date(2026, 11, 24, 9, 0, 0, 0, time.Local)
	clockAt(t, &at)
	menuItem(t, ed.mw.mainMenu.Items[0], "Backups…")

	dlg, list := backupsOpen(t, ed.mw)
	if !strings.Contains(labelsIn(dlg), "No backups yet") || !screentest.Button(t, dlg, "Restore…").Disabled() {
		t.Errorf("with no backups the dialog says %q", labelsIn(dlg))
	}
	test.Tap(screentest.Button(t, dlg, "Back Up Now"))
	if list.Length() != 1 || !strings.Contains(labelsIn(dlg), "Backed up to store-backup-"+at.UTC().Format("20060102-150405")+"Z-000001") {
		t.Fatalf("after Back Up Now: %d backups, dialog says %q", list.Length(), labelsIn(dlg))
	}
	test.Tap(screentest.Button(t, dlg, "Back Up Now"))
	if list.Length() != 1 || !strings.Contains(labelsIn(dlg), "already holds the workspace") {
		t.Errorf("a second Back Up Now with nothing changed: %d backups, %q", list.Length(), labelsIn(dlg))
	}
	screentest.Button(t, dlg, "Close").OnTapped()

	// An edit after the backup, then that backup restored: the edit is gone from the map.
	if err := ed.doc.Do(addCardEdit(t, ed, "Written after the backup")); err != nil {
		t.Fatal(err)
	}
	if !screentest.HasText(ed.mw.Map, "Written after the backup") {
		t.Fatal("the new card is not on the map")
	}
	at = at.Add(90 * time.Minute)
	dlg, list = backupsOpen(t, ed.mw)
	if !strings.Contains(labelsIn(dlg), "Tue 24 Nov 2026 09:00 · 1 hour ago") {
		t.Errorf("the backup is listed as %q", labelsIn(dlg))
	}
	list.Select(0)
	restore := screentest.Button(t, dlg, "Restore…")
	if restore.Disabled() {
		t.Fatal("Restore… is disabled with a backup picked")
	}
	test.Tap(restore)
	confirm := ed.mw.Canvas().Overlays().Top()
	if !strings.Contains(labelsIn(confirm), "how it was on Tue 24 Nov 2026 at 09:00") {
		t.Fatalf("the confirmation says %q", labelsIn(confirm))
	}
	test.Tap(screentest.Button(t, confirm, "Yes"))

	if _, ok := ed.card("Written after the backup"); ok || screentest.HasText(ed.mw.Map, "Written after the backup") {
		t.Error("the card added after the backup is still there after restoring it")
	}
	if ed.mw.Canvas().Overlays().Top() != nil {
		t.Error("the dialog stays open after a restore")
	}
	if !strings.HasPrefix(ed.mw.message.Text, "Restored the backup of 24 Nov 09:00. The workspace before it is in the backup store-backup-"+at.UTC().Format("20060102-150405")+"Z-000002") {
		t.Errorf("status bar: %q", ed.mw.message.Text)
	}
	if !ed.mw.undo.Disabled {
		t.Errorf("Undo offers %q into the restored workspace", ed.mw.undo.Label)
	}
	// The way back: the backup written before the restore holds the card.
	list2, err := storage.Backups(ed.dir)
	if err != nil || len(list2) != 2 {
		t.Fatalf("backups after the restore: %v, %v", list2, err)
	}
	if w, err := interchange.ReadFile(list2[0].Path); err != nil || !strings.Contains(string(journeytest.File(t, w)), "Written after the backup") {
		t.Errorf("the backup written before the restore lacks the card (%v)", err)
	}
	// The app goes on: an edit lands in the restored store and outlives a restart.
	if err := ed.doc.Do(addCardEdit(t, ed, "Written after the restore")); err != nil {
		t.Fatal(err)
	}
	ed.restart()
	if _, ok := ed.card("Written after the restore"); !ok {
		t.Error("the edit made after the restore is lost at restart")
	}
	if _, ok := ed.card("Written after the backup"); ok {
		t.Error("the restore is undone at restart")
	}
}

func TestBackupsOfAReadOnlyStoreCanBeListedOnly(t *testing.T) {
	ed := openEditing(t)
	at := time.Date(2026, 11, 24, 9, 0, 0, 0, time.Local)
	clockAt(t, &at)
	if _, _, err := ed.doc.BackUp(at); err != nil {
		t.Fatal(err)
	}
	ed.mw.Close()
	ed.doc.Close()
	s, err := storage.OpenReadOnly(ed.dir)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := document.New(s)
	if err != nil {
		t.Fatal(err)
	}
	ed.doc = doc
	ed.mw = NewMainWindow(ed.a, doc)

	dlg, list := backupsOpen(t, ed.mw)
	list.Select(0)
	if !screentest.Button(t, dlg, "Restore…").Disabled() || !screentest.Button(t, dlg, "Back Up Now").Disabled() {
		t.Error("a read-only store offers to back up or restore")
	}
	if !strings.Contains(labelsIn(dlg), "09:00") {
		t.Errorf("the backup is not listed: %q", labelsIn(dlg))
	}
}

// addCardEdit is an edit that adds a card with the text to the journey on show.
func addCardEdit(t *testing.T, ed *editing, text string) journey.Edit {
	t.Helper()
	j := ed.journey()
	e, err := journey.Put(ed.doc.Workspace(), j.ID, journey.Card{ID: "c-" + strings.ReplaceAll(text, " ", "-"),
		Lane: j.Lanes[0].ID, Stage: j.Stages[0].ID, Text: text}, -1)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestBackupAge(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{20 * time.Second, "just now"},
		{time.Minute, "1 minute ago"},
		{59 * time.Minute, "59 minutes ago"},
		{time.Hour, "1 hour ago"},
		{47 * time.Hour, "47 hours ago"},
		{48 * time.Hour, "2 days ago"},
		{31 * 24 * time.Hour, "31 days ago"},
	} {
		if got := age(c.d); got != c.want {
			t.Errorf("age(%v) = %q, want %q", c.d, got, c.want)
		}
	}
}

// TestAFailedStartUpBackupIsSaidInTheWindow: the backup written on start-up, beside the
// window's start, failing is said in the status bar with why, not only on standard error.
func TestAFailedStartUpBackupIsSaidInTheWindow(t *testing.T) {
	ed := openEditing(t)
	ed.mw.SayNoBackup("writing a backup: the disk holding /home/ana/.config/journeymap is full")
	if !ed.mw.message.Visible() || ed.mw.status.Visible() {
		t.Fatal("the status bar does not show the message in place of the figures")
	}
	if want := "No backup was made on start-up: writing a backup: the disk holding /home/ana/.config/journeymap is full."; !strings.HasPrefix(ed.mw.message.Text, want) {
		t.Errorf("the status bar says %q, want it to start %q", ed.mw.message.Text, want)
	}
}
