package canvas

import (
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"journeymap/journey"
	"journeymap/storage"
)

// backupsTitle is the title of the File → Backups dialog.
const backupsTitle = "Backups"

// now is the clock backups are stamped and aged with; tests set it.
var now = time.Now

// ShowBackups lists the workspace's backups, newest first, and restores the one picked: the
// workspace as it is is backed up first, so a restore can itself be gone back on from here.
func (mw *MainWindow) ShowBackups() {
	b := &backupsDialog{mw: mw}
	b.build()
	b.dialog.Show()
}

// backupsDialog is the File → Backups dialog while it is open.
type backupsDialog struct {
	mw      *MainWindow
	list    []storage.BackupFile
	rows    *widget.List
	picked  int
	info    *widget.Label
	backUp  *widget.Button
	restore *widget.Button
	dialog  *dialog.CustomDialog
}

func (b *backupsDialog) build() {
	b.picked = -1
	b.info = widget.NewLabel("")
	b.info.Wrapping = fyne.TextWrapWord
	b.rows = widget.NewList(
		func() int { return len(b.list) },
		func() fyne.CanvasObject {
			return widget.NewLabel("Mon 02 Jan 2006 15:04 · 59 minutes ago · 1000.0 KiB")
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(backupRow(b.list[i], now())) })
	b.rows.OnSelected = func(i widget.ListItemID) {
		b.picked = i
		b.refreshButtons()
	}
	b.rows.OnUnselected = func(widget.ListItemID) {
		b.picked = -1
		b.refreshButtons()
	}
	b.backUp = widget.NewButton("Back Up Now", b.backUpNow)
	b.restore = widget.NewButton("Restore…", b.confirmRestore)
	b.restore.Importance = widget.HighImportance
	closeButton := widget.NewButton("Close", func() { b.dialog.Hide() })
	where := widget.NewLabel("Kept beside the workspace's folder, in " + journey.Printable(storage.BackupFolder(b.mw.doc.Dir())) +
		": the 10 newest, and the newest of each day for a month.")
	where.Wrapping = fyne.TextWrapWord
	content := container.NewBorder(where, b.info, nil, nil, b.rows)
	b.dialog = dialog.NewCustomWithoutButtons(backupsTitle, content, b.mw)
	b.dialog.SetButtons([]fyne.CanvasObject{closeButton, b.backUp, b.restore})
	b.dialog.Resize(fyne.NewSize(640, 480))
	b.reload()
}

// reload lists the backups again and says so when there are none.
func (b *backupsDialog) reload() {
	list, err := b.mw.doc.Backups()
	b.list = list
	b.picked = -1
	b.rows.UnselectAll()
	b.rows.Refresh()
	switch {
	case err != nil:
		b.info.SetText("Can't list the backups: " + journey.Printable(err.Error()) + ".")
	case len(list) == 0:
		b.info.SetText("No backups yet. Journeymap writes one when it starts and the workspace changed since the last one, and before every import or restore.")
	case b.mw.doc.StoreReadOnly():
		b.info.SetText("The workspace is open read-only, so no backup can be written or restored now.")
	default:
		b.info.SetText("Pick a backup to restore the workspace as it was then.")
	}
	b.refreshButtons()
}

func (b *backupsDialog) refreshButtons() {
	if b.mw.doc.StoreReadOnly() {
		b.backUp.Disable()
	} else {
		b.backUp.Enable()
	}
	if b.picked >= 0 && b.picked < len(b.list) && !b.mw.doc.StoreReadOnly() {
		b.restore.Enable()
	} else {
		b.restore.Disable()
	}
}

// backUpNow makes sure a backup holds the workspace as it is now.
func (b *backupsDialog) backUpNow() {
	b.mw.Editor.Commit()
	path, written, err := b.mw.doc.BackUp(now()) // rotates the backups when it writes one
	b.reload()
	switch {
	case err != nil:
		b.info.SetText("Not backed up: " + journey.Printable(err.Error()) + ".")
	case written:
		b.info.SetText("Backed up to " + journey.Printable(filepath.Base(path)) + ".")
	default:
		b.info.SetText("The newest backup already holds the workspace as it is: " + journey.Printable(filepath.Base(path)) + ".")
	}
}

// confirmRestore asks before the workspace is replaced by the backup picked.
func (b *backupsDialog) confirmRestore() {
	if b.picked < 0 || b.picked >= len(b.list) {
		return
	}
	picked := b.list[b.picked]
	dialog.ShowConfirm("Restore this backup?",
		fmt.Sprintf("The workspace goes back to how it was on %s.\nThe workspace as it is now is backed up first: to come back to it, restore that backup.",
			picked.Time.Format("Mon 2 Jan 2006 at 15:04")),
		func(ok bool) {
			if ok {
				b.restoreFrom(picked)
			}
		}, b.mw)
}

// restoreFrom restores the backup and says what happened, in the dialog and the status bar.
func (b *backupsDialog) restoreFrom(picked storage.BackupFile) {
	b.mw.Editor.Commit() // what is being typed belongs to the workspace that is backed up
	r, err := b.mw.doc.Restore(picked.Path, now())
	if err != nil {
		b.reload()
		b.info.SetText("Not restored: " + journey.Printable(err.Error()) + ".")
		return
	}
	msg := "Restored the backup of " + picked.Time.Format("2 Jan 15:04") + "."
	if r.Backup != "" {
		msg += " The workspace before it is in the backup " + filepath.Base(r.Backup) + "."
	}
	b.dialog.Hide()
	b.mw.say(journey.Printable(msg))
}

// backupRow describes a backup in the list: when, how long ago, how big.
func backupRow(f storage.BackupFile, at time.Time) string {
	return fmt.Sprintf("%s · %s · %.1f KiB", f.Time.Format("Mon 02 Jan 2006 15:04"), age(at.Sub(f.Time)), float64(f.Size)/1024)
}

// age says how long ago in the largest whole unit.
func age(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return journey.Plural(int(d/time.Minute), "minute") + " ago"
	case d < 48*time.Hour:
		return journey.Plural(int(d/time.Hour), "hour") + " ago"
	default:
		return journey.Plural(int(d/(24*time.Hour)), "day") + " ago"
	}
}
