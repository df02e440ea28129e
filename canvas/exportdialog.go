package canvas

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"journeymap/canvas/export"
	"journeymap/canvas/form"
	"journeymap/canvas/mapview"
	"journeymap/canvas/scene"
	"journeymap/storage/transfer"
)

// exportSize is a size File → Export PNG offers: a width and the resolution written with it.
type exportSize struct {
	label string
	width int
	dpi   int
}

// exportSizes: a screen, 4K, and posters landscape (A1 is 841 mm wide, A0 1189 mm).
var exportSizes = []exportSize{
	{"Screen: 1920 pixels", 1920, 96},
	{"4K: 3840 pixels", 3840, 144},
	{"Poster A1 at 150 dpi: 4967 pixels", 4967, 150},
	{"Poster A0 at 300 dpi: 14043 pixels", 14043, 300},
	{"Custom width", 0, 300},
}

// ExportPNG asks how big, in which theme and where, and draws the journey on show into a PNG.
func (mw *MainWindow) ExportPNG() {
	j := mw.doc.Workspace().Journey(mw.Map.JourneyID())
	if j == nil {
		mw.say("No journey to export: add one first.")
		return
	}
	var labels []string
	for _, s := range exportSizes {
		labels = append(labels, s.label)
	}
	custom := form.NewField()
	custom.SetText("7680")
	custom.Disable()
	size := widget.NewSelect(labels, func(choice string) {
		for _, s := range exportSizes {
			switch {
			case s.label != choice:
			case s.width == 0:
				custom.Enable()
			default: // the width the size stands for, to start a custom one from
				custom.SetText(strconv.Itoa(s.width))
				custom.Disable()
			}
		}
	})
	size.SetSelectedIndex(1)
	themes := widget.NewSelect(scene.PaletteNames, nil)
	themes.SetSelected(mapview.ThemePalette())
	folder := form.NewField()
	folder.SetText(defaultExportFolder())
	name := form.NewField()
	name.SetText(fileName(j.Title) + ".png")
	choose := widget.NewButton("Choose…", func() {
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				folder.SetText(u.Path())
			}
		}, mw)
		d.Show()
	})
	items := []*widget.FormItem{
		widget.NewFormItem("Size", size),
		widget.NewFormItem("Width in pixels", custom),
		widget.NewFormItem("Theme", themes),
		widget.NewFormItem("Folder", container.NewBorder(nil, nil, nil, choose, folder)),
		widget.NewFormItem("File name", name),
	}
	d := dialog.NewForm("Export PNG", "Export", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		s := exportSizes[size.SelectedIndex()]
		if s.width == 0 {
			w, err := strconv.Atoi(strings.TrimSpace(custom.Text))
			if err != nil || w < 1 || w > export.MaxSide {
				mw.say(fmt.Sprintf("Not exported: the width must be a number of pixels from 1 to %d.", export.MaxSide))
				return
			}
			s.width = w
		}
		path := filepath.Join(folder.Text, strings.TrimSpace(name.Text))
		mw.exportTo(path, export.Options{Width: s.width, DPI: s.dpi, Palette: themes.Selected})
	}, mw)
	form.EscapeCancels(d.Hide, custom, folder, name)
	form.EnterSubmits(d, &custom.Entry, &folder.Entry, &name.Entry)
	d.SetOnClosed(mw.keysToMap)
	d.Resize(fyne.NewSize(560, 380))
	d.Show()
	mw.Canvas().Focus(name) // Enter exports, as in the other dialogs
}

// exportTo draws the journey on show into path, away from the UI goroutine. The window stays
// responsive, and an export that takes more than half a second shows its progress.
func (mw *MainWindow) exportTo(path string, opts export.Options) {
	w, id := mw.doc.Workspace().Clone(), mw.Map.JourneyID()
	bar := widget.NewProgressBar()
	progress := dialog.NewCustomWithoutButtons("Exporting "+filepath.Base(path), bar, mw)
	// Both the timer's show and the end's hide run on the UI goroutine, in whatever order
	// they come: an export that ended first is not shown at all.
	shown, ended := false, false
	show := time.AfterFunc(500*time.Millisecond, func() {
		mw.loop.Do(func() {
			if !ended {
				shown = true
				progress.Show()
			}
		})
	})
	opts.Progress = func(done, total int) {
		mw.loop.Do(func() { bar.SetValue(float64(done) / float64(total)) })
	}
	mw.exporting.Add(1)
	mw.exports++
	go func() {
		defer mw.exporting.Done()
		err := transfer.WriteFile(path, func(dst io.Writer) error { return export.PNG(dst, w, id, opts) })
		show.Stop()
		mw.loop.Do(func() {
			ended = true
			mw.exports--
			if shown {
				progress.Hide()
			}
			if mw.exports == 0 && mw.quitting {
				mw.Quit()
				return
			}
			if err != nil {
				mw.say("Not exported: " + err.Error() + ".")
				return
			}
			mw.say(fmt.Sprintf("Exported %d pixels wide to %s.", opts.Width, path))
		})
	}()
}

// ExportWorkspaceFile asks where, and writes the whole workspace as a workspace file (JSON),
// to hand over, keep or import elsewhere, as `journeymap export -format json` does.
func (mw *MainWindow) ExportWorkspaceFile() {
	w := mw.doc.Workspace()
	name := fileName(w.Name)
	if w.Name == "" {
		name = "workspace"
	}
	mw.exportFile("Export Workspace File", name+".journeymap.json", transfer.JSON, "")
}

// ExportPainPointsCSV asks where, and writes the pain points of the journey on show as CSV for
// a spreadsheet (the columns File → Import Pain Points… reads back).
func (mw *MainWindow) ExportPainPointsCSV() {
	j := mw.doc.Workspace().Journey(mw.Map.JourneyID())
	if j == nil {
		mw.say("No journey on show: add one first.")
		return
	}
	mw.exportFile("Export Pain Points (CSV)", fileName(j.Title)+" pain points.csv", transfer.CSV, j.ID)
}

// exportFile asks for the folder and the file name, then writes the export there whole or not
// at all, and says where it went.
func (mw *MainWindow) exportFile(title, suggested string, format transfer.Format, journeyID string) {
	folder := form.NewField()
	folder.SetText(defaultDocumentFolder())
	name := form.NewField()
	name.SetText(suggested)
	choose := widget.NewButton("Choose…", func() {
		dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				folder.SetText(u.Path())
			}
		}, mw).Show()
	})
	items := []*widget.FormItem{
		widget.NewFormItem("Folder", container.NewBorder(nil, nil, nil, choose, folder)),
		widget.NewFormItem("File name", name),
	}
	d := dialog.NewForm(title, "Export", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		path := filepath.Join(folder.Text, strings.TrimSpace(name.Text))
		w := mw.doc.Workspace()
		err := transfer.WriteFile(path, func(dst io.Writer) error { return transfer.Export(dst, w, format, journeyID) })
		if err != nil {
			mw.say("Not exported: " + err.Error() + ".")
			return
		}
		mw.say("Exported to " + path + ".")
	}, mw)
	form.EscapeCancels(d.Hide, folder, name)
	form.EnterSubmits(d, &folder.Entry, &name.Entry)
	d.SetOnClosed(mw.keysToMap)
	d.Resize(fyne.NewSize(560, 260))
	d.Show()
	mw.Canvas().Focus(name) // Enter exports, as in the other dialogs
}

// defaultDocumentFolder is the user's Documents folder, else their home, else here.
func defaultDocumentFolder() string {
	return folderIn("Documents")
}

// defaultExportFolder is the user's Pictures folder, else their home, else here.
func defaultExportFolder() string { return folderIn("Pictures") }

// folderIn is the named folder in the user's home when there is one, else the home, else here.
func folderIn(name string) string {
	home, err := os.UserHomeDir()
	if err != nil {
		return "."
	}
	if fi, err := os.Stat(filepath.Join(home, name)); err == nil && fi.IsDir() {
		return filepath.Join(home, name)
	}
	return home
}

// fileName makes a journey's title fit for a file name.
func fileName(title string) string {
	clean := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '-'
		}
		return r
	}, title)
	if clean = strings.TrimSpace(clean); clean == "" {
		return "journey"
	}
	return clean
}
