package canvas

import (
	"fmt"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"journeymap/canvas/export"
	"journeymap/canvas/form"
	"journeymap/canvas/mapview"
	"journeymap/canvas/scene"
	"journeymap/canvas/screentest"
	"journeymap/journey"
	"journeymap/journey/journeytest"
)

func TestJourneys(t *testing.T) {
	ed := openEditing(t)
	n := len(ed.doc.Workspace().Journeys)
	ed.mw.NewJourney()
	w := ed.doc.Workspace()
	if len(w.Journeys) != n+1 || ed.mw.Map.JourneyID() != w.Journeys[1].ID || len(w.Journeys[1].Lanes) != 7 {
		t.Fatalf("New Journey: %d journeys, showing %q", len(w.Journeys), ed.mw.Map.JourneyID())
	}
	// The details dialog is open on the new journey: fill it in as a person would.
	dlg := ed.mw.Canvas().Overlays().Top()
	if dlg == nil {
		t.Fatal("New Journey asked nothing")
	}
	entries := entriesIn(dlg)
	if len(entries) != 3 {
		t.Fatalf("the journey dialog has %d fields, want title, persona and vision", len(entries))
	}
	// The id the command line's -journey takes is shown, and copied with a click.
	newID := ed.mw.Map.JourneyID()
	if !strings.Contains(labelsIn(dlg), newID) {
		t.Errorf("the journey dialog does not show the id %q", newID)
	}
	test.Tap(screentest.Button(t, dlg, "Copy"))
	if got := ed.a.Clipboard().Content(); got != newID {
		t.Errorf("Copy put %q on the clipboard, want %q", got, newID)
	}
	// Typed as a person types: the title over "New journey", Tab from the persona to the vision.
	test.Type(entries[0], "Returning a parcel")
	if entries[0].Text != "Returning a parcel" {
		t.Errorf("typing a new journey's title gave %q", entries[0].Text)
	}
	var texts []*form.Text
	walk(dlg, func(o fyne.CanvasObject) {
		if f, ok := o.(*form.Text); ok {
			texts = append(texts, f)
		}
	})
	if len(texts) != 2 {
		t.Fatalf("the dialog has %d multi-line fields, want the persona and the vision", len(texts))
	}
	c := ed.mw.Canvas()
	c.Focus(texts[0])
	test.Type(texts[0], "Ben, 40, ordered the wrong size")
	pressTab(c)
	if texts[0].Text != "Ben, 40, ordered the wrong size" || c.Focused() != texts[1] {
		t.Errorf("Tab in the persona typed into it (%q) or did not go on to the vision", texts[0].Text)
	}
	entries[2].SetText("Every return is as easy as the order was")
	entries[0].SetText(strings.Repeat("x", journey.MaxNameRunes+1))
	if err := entries[0].Validate(); err == nil || !strings.Contains(err.Error(), "1 too many") {
		t.Errorf("a title 201 characters long: %v", err)
	}
	entries[0].SetText("Returning a parcel")
	test.Tap(screentest.Button(t, dlg, "Save"))
	j := ed.journey()
	if j.Title != "Returning a parcel" || j.Vision != "Every return is as easy as the order was" {
		t.Fatalf("after Save: %+v", j.Info())
	}
	sel := ed.mw.Editor.Selection()
	if sel.Stage != j.Stages[0].ID || sel.Lane != j.Lanes[0].ID {
		t.Errorf("the new journey opens with %q × %q selected", sel.Lane, sel.Stage)
	}

	ed.mw.DuplicateJourney()
	if w := ed.doc.Workspace(); len(w.Journeys) != n+2 || ed.journey().Title != "Copy of Returning a parcel" {
		t.Fatalf("Duplicate: showing %q", ed.journey().Title)
	}
	copied := ed.mw.Map.JourneyID()
	ed.mw.MoveJourney(-1)
	if ed.doc.Workspace().Journeys[1].ID != copied {
		t.Error("Move Journey Up did not move it")
	}
	ed.mw.Editor.Confirm = func(title, message string, ok func()) {
		if !strings.Contains(title, "Copy of Returning a parcel") {
			t.Errorf("asked %q", title)
		}
		ok()
	}
	ed.mw.DeleteJourney()
	if ed.doc.Workspace().Journey(copied) != nil || ed.mw.Map.JourneyID() == copied {
		t.Fatal("Delete Journey did not delete it")
	}
	ed.shortcut(&fyne.ShortcutUndo{})
	if ed.doc.Workspace().Journey(copied) == nil || ed.mw.Map.JourneyID() != copied {
		t.Error("undo did not bring the deleted journey back, on show")
	}
	want := journeytest.File(t, ed.doc.Workspace())
	ed.restart()
	if string(journeytest.File(t, ed.doc.Workspace())) != string(want) {
		t.Error("the journeys after a restart differ")
	}
}

func TestFindAndShortcutSheet(t *testing.T) {
	ed := openEditing(t)
	ed.ctrl(fyne.KeyF)
	if !ed.mw.find.bar.Visible() || ed.mw.Canvas().Focused() != ed.mw.find {
		t.Fatal("Ctrl+F did not open the find bar with the keyboard in it")
	}
	test.Type(ed.mw.find, "parcel")
	j := ed.journey()
	want := 0
	for _, c := range j.Cards {
		if strings.Contains(strings.ToLower(c.Text), "parcel") {
			want++
		}
	}
	for _, p := range j.PainPoints {
		if painHolds(p, "parcel") {
			want++
		}
	}
	if want == 0 || len(ed.mw.find.matches) != want || ed.mw.find.count.Text != fmt.Sprintf("%d found", want) {
		t.Fatalf("find %q: %d matches (%q), want %d", "parcel", len(ed.mw.find.matches), ed.mw.find.count.Text, want)
	}
	// What doesn't match is dimmed.
	s := ed.mw.Map.Scene()
	for _, c := range j.Cards {
		fill := s.Shapes(scene.Key{Kind: scene.KindCard, ID: c.ID}, nil)[0].Fill
		full := s.Palette().CardFill[journey.LaneKind(mustKind(s, c.Lane))]
		if strings.Contains(strings.ToLower(c.Text), "parcel") != (fill == full) {
			t.Errorf("card %q: drawn in full %v", c.Text, fill == full)
		}
	}
	ed.mw.find.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := ed.mw.Editor.Selection().Items; len(got) != 1 || got[0] != ed.mw.find.matches[0] {
		t.Errorf("Enter picked %v, want the first match", got)
	}
	ed.mw.find.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if ed.mw.find.bar.Visible() || ed.mw.Map.Scene().Options().Match != nil {
		t.Error("Escape did not close the find bar and show all")
	}

	ed.key(fyne.KeyF1)
	sheet := ed.mw.Canvas().Overlays().Top()
	if sheet == nil {
		t.Fatal("F1 showed nothing")
	}
	var labels []string
	walk(sheet, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			labels = append(labels, l.Text)
		}
	})
	for _, want := range []string{"Ctrl+Z", "Ctrl+Shift+Z, Ctrl+Y", "Ctrl+F", "Tab, Shift+Tab"} {
		if !slices.Contains(labels, want) {
			t.Errorf("the shortcut sheet does not list %q", want)
		}
	}
}

func TestJourneyDraggedInTheList(t *testing.T) {
	ed := openEditing(t)
	w := ed.doc.Workspace()
	first, second := w.Journeys[0].ID, w.Journeys[1].ID
	var row *journeyRow
	walk(ed.mw.list, func(o fyne.CanvasObject) {
		if r, ok := o.(*journeyRow); ok && r.index == 0 && row == nil {
			row = r
		}
	})
	if row == nil {
		t.Fatal("the list shows no journey rows")
	}
	row.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DY: row.Size().Height * 1.2}})
	row.DragEnd()
	if w.Journeys[0].ID != second || w.Journeys[1].ID != first || ed.mw.Map.JourneyID() != first {
		t.Errorf("after dragging the first journey down a row: %s, %s (showing %s)", w.Journeys[0].ID, w.Journeys[1].ID, ed.mw.Map.JourneyID())
	}
	if ed.mw.undo.Label != "Undo Move journey" {
		t.Errorf("Edit menu: %q", ed.mw.undo.Label)
	}
}

func TestExportPNGFromTheWindow(t *testing.T) {
	ed := openEditing(t)
	dir := t.TempDir()
	ed.mw.ExportPNG()
	dlg := ed.mw.Canvas().Overlays().Top()
	if dlg == nil {
		t.Fatal("File → Export PNG asked nothing")
	}
	var selects []*widget.Select
	walk(dlg, func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok {
			selects = append(selects, s)
		}
	})
	if len(selects) != 2 || len(selects[0].Options) != len(exportSizes) {
		t.Fatalf("the dialog offers %d choices", len(selects))
	}
	// The width field, greyed out, says the width of the size chosen: 4K's, then the poster's.
	if w := entriesIn(dlg)[0]; w.Text != "3840" || !w.Disabled() {
		t.Errorf("with 4K chosen the width field says %q (disabled %v)", w.Text, w.Disabled())
	}
	selects[0].SetSelectedIndex(3)
	if w := entriesIn(dlg)[0]; w.Text != "14043" {
		t.Errorf("with the A0 poster chosen the width field says %q", w.Text)
	}
	selects[0].SetSelectedIndex(0) // the screen size
	selects[1].SetSelected("presenter")
	entries := entriesIn(dlg)
	entries[1].SetText(dir) // the folder
	entries[2].SetText("late parcel.png")
	test.Tap(screentest.Button(t, dlg, "Export"))
	ed.mw.exporting.Wait()
	path := filepath.Join(dir, "late parcel.png")
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("nothing was exported: %v (status %q)", err, ed.mw.message.Text)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil || img.Bounds().Dx() != 1920 {
		t.Fatalf("the export: %v, %v", err, img)
	}
	if bg := scene.PaletteNamed("presenter").Background; color.NRGBAModel.Convert(img.At(1, 1)) != bg {
		t.Error("the export is not in the presenter theme")
	}
	if !strings.Contains(ed.mw.message.Text, "Exported 1920 pixels wide to "+path) {
		t.Errorf("status bar: %q", ed.mw.message.Text)
	}
	// A folder that isn't there: the status says so, naming the file.
	ed.mw.exportTo(filepath.Join(dir, "nowhere", "x.png"), exportOptions(1920))
	ed.mw.exporting.Wait()
	if !strings.Contains(ed.mw.message.Text, "Not exported") || !strings.Contains(ed.mw.message.Text, filepath.Join(dir, "nowhere", "x.png")) {
		t.Errorf("status bar after a failed export: %q", ed.mw.message.Text)
	}
}

// TestQuitWaitsForTheExport: Quit while a poster is being written says so and returns, the
// window still answering; the app quits, its size remembered, once the file is whole.
func TestQuitWaitsForTheExport(t *testing.T) {
	ed := openEditing(t)
	ed.mw.Resize(fyne.NewSize(1440, 900))
	path := filepath.Join(t.TempDir(), "poster.png")
	ed.mw.exportTo(path, exportOptions(export.MaxSide))
	ed.mw.Quit()
	if !ed.mw.quitting || !strings.HasPrefix(ed.mw.message.Text, "Quitting once the export is written") ||
		len(ed.mw.memory.now.Size) != 0 {
		t.Fatalf("Quit during an export: quitting %v, the window says %q", ed.mw.quitting, ed.mw.message.Text)
	}
	ed.mw.exporting.Wait()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the export was not finished before quitting: %v", err)
	}
	if got := ed.mw.memory.now.Size; len(got) != 2 {
		t.Errorf("after the export the app did not quit: the window's size is not remembered (%v)", got)
	}
}

func exportOptions(width int) export.Options {
	return export.Options{Width: width, DPI: 96, Palette: "light"}
}

func TestSmallScreensAndTheSidebar(t *testing.T) {
	ed := openEditing(t)
	for _, size := range []fyne.Size{{Width: 1024, Height: 768}, {Width: 1280, Height: 720}} {
		ed.mw.Resize(size)
		var legendAt fyne.Position
		walk(ed.mw.Content(), func(o fyne.CanvasObject) {
			if l, ok := o.(*legend); ok {
				legendAt = fyne.CurrentApp().Driver().AbsolutePositionForObject(l)
			}
		})
		st := ed.mw.status
		end := fyne.CurrentApp().Driver().AbsolutePositionForObject(st).X + st.Size().Width
		if legendAt.X < end || legendAt.X+newLegend().MinSize().Width > size.Width+1 {
			t.Errorf("at %v the figures end at %v and the legend starts at %v", size, end, legendAt.X)
		}
	}
	ed.ctrl(fyne.KeyB)
	if ed.mw.sidebar.Visible() {
		t.Fatal("Ctrl+B did not hide the journey list")
	}
	ed.restart()
	if ed.mw.sidebar.Visible() {
		t.Error("the hidden journey list came back after a restart")
	}
	ed.mw.ToggleSidebar()
	if !ed.mw.sidebar.Visible() {
		t.Error("the journey list did not come back")
	}
	// A message stands in for the figures, which come back afterwards.
	ed.mw.say("Undone: Add card.")
	if !ed.mw.message.Visible() || ed.mw.status.Visible() {
		t.Error("a message does not show in the status bar")
	}
}

// TestAPanelOnASmallScreen: at 1024×768 the journey list steps aside while a panel is open,
// so that the map keeps room to work in, and comes back when the panel goes; at 1440×900 it
// stays. Ctrl+B's choice is not changed by it. The list's rows end in an ellipsis where they
// are cut.
func TestAPanelOnASmallScreen(t *testing.T) {
	ed := openEditing(t)
	mapWidth := func() float32 {
		d, ok := screentest.DrawnAs(ed.mw.Content(), ed.mw.viewport)
		if !ok {
			t.Fatal("the map is not on screen")
		}
		return d.Size.Width
	}
	for _, tt := range []struct {
		size  fyne.Size
		aside bool
	}{{fyne.NewSize(1024, 768), true}, {fyne.NewSize(1440, 900), false}} {
		ed.mw.Resize(tt.size)
		ed.ctrl(fyne.KeyT)
		if !ed.mw.TaskForce.Visible() {
			t.Fatal("Ctrl+T showed no panel")
		}
		if ed.mw.sidebar.Visible() == tt.aside || mapWidth() < 560 {
			t.Errorf("at %v with a panel: journey list shown %v, the map %.0f px wide", tt.size, ed.mw.sidebar.Visible(), mapWidth())
		}
		ed.ctrl(fyne.KeyT)
		if !ed.mw.sidebar.Visible() || ed.mw.memory.now.SidebarHidden {
			t.Errorf("at %v the journey list is not back when the panel goes", tt.size)
		}
	}
	ed.mw.Resize(fyne.NewSize(1024, 768))
	list, _ := screentest.DrawnAs(ed.mw.Content(), ed.mw.list)
	cut := 0
	for _, d := range screentest.TextsDrawn(ed.mw.list) {
		text := d.Object.(*canvas.Text).Text
		if d.Pos.X+d.Object.(*canvas.Text).MinSize().Width > list.Size.Width+0.5 {
			t.Errorf("the journey list (%.0f px wide) draws %q past its edge", list.Size.Width, text)
		}
		if strings.HasSuffix(text, "…") {
			cut++
		}
	}
	if cut == 0 {
		t.Error("at 1024×768 no row of the journey list is shortened with an ellipsis: the sample's rows don't fit")
	}
}

// TestZoomIsRemembered: the zoom in use when the app quits is the zoom it starts with, shown as
// such; a hostile value in the preferences is not taken.
func TestZoomIsRemembered(t *testing.T) {
	ed := openEditing(t)
	ed.mw.Map.SetZoom(1.5)
	ed.mw.remember()
	ed.restart()
	if z := ed.mw.Map.Zoom(); z != 1.5 || ed.mw.zoomLabel.Text != "150 %" {
		t.Errorf("after a restart the zoom is %v, shown as %q; want 1.5, \"150 %%\"", z, ed.mw.zoomLabel.Text)
	}
	for _, bad := range []string{"-3", "1e300", "0", `"big"`, "null"} {
		if err := os.WriteFile(ed.mw.memory.path, []byte(`{"schema": 1, "map.zoom": `+bad+`}`), 0o600); err != nil {
			t.Fatal(err)
		}
		ed.restart()
		if z := ed.mw.Map.Zoom(); z != z || z < mapview.MinZoom || z > mapview.MaxZoom {
			t.Errorf("a remembered zoom of %s: the map is at %v", bad, z)
		}
	}
}

// TestCancelledNewJourneyGoes: cancelling the dialog a new journey opens with takes the
// journey back, and the map shows the journey shown before, not an empty map.
func TestCancelledNewJourneyGoes(t *testing.T) {
	ed := openEditing(t)
	before := ed.mw.Map.JourneyID()
	n := len(ed.doc.Workspace().Journeys)
	ed.mw.NewJourney()
	ed.mw.journeyForm.Hide() // Cancel
	if got := len(ed.doc.Workspace().Journeys); got != n {
		t.Errorf("after Cancel there are %d journeys, want %d", got, n)
	}
	if ed.mw.Map.JourneyID() == "" || ed.doc.Workspace().Journey(ed.mw.Map.JourneyID()) == nil {
		t.Errorf("after Cancel the map shows %q, not one of the journeys (before: %q)", ed.mw.Map.JourneyID(), before)
	}
	// As if it had never been: nothing to redo, now or after a restart, and nothing said.
	if label, ok := ed.doc.CanRedo(); ok || strings.Contains(ed.mw.message.Text, "Undone") {
		t.Errorf("after Cancel, Redo would bring back %q; the window says %q", label, ed.mw.message.Text)
	}
	ed.restart()
	if label, ok := ed.doc.CanRedo(); ok {
		t.Errorf("after Cancel and a restart, Redo would bring back %q", label)
	}
}

// TestEscapeCancelsADialog: Esc in a dialog's field cancels the dialog, as in any desktop
// dialog, and leaves nothing behind: a new journey's dialog takes its journey back.
func TestEscapeCancelsADialog(t *testing.T) {
	ed := openEditing(t)
	n := len(ed.doc.Workspace().Journeys)
	ed.mw.NewJourney()
	var title *form.Field
	walk(ed.mw.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if f, ok := o.(*form.Field); ok && title == nil {
			title = f
		}
	})
	if title == nil {
		t.Fatal("the journey dialog has no title field")
	}
	title.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if ed.mw.Canvas().Overlays().Top() != nil || len(ed.doc.Workspace().Journeys) != n {
		t.Errorf("Esc in the new journey's title: a dialog still open %v, %d journeys (want %d)",
			ed.mw.Canvas().Overlays().Top() != nil, len(ed.doc.Workspace().Journeys), n)
	}
	ed.mw.AddMember()
	members := len(ed.doc.Workspace().Members)
	test.Type(ed.mw.Canvas().Focused(), "Nobody")
	ed.mw.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if ed.mw.Canvas().Overlays().Top() != nil || len(ed.doc.Workspace().Members) != members {
		t.Error("Esc in the member dialog did not cancel it")
	}
}

func TestAStoreMovedAwayOffersToSaveTheWorkspace(t *testing.T) {
	ed := openEditing(t)
	ed.ctrl(fyne.KeyN)
	test.Type(ed.text(), "Saved before the move")
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if ed.mw.Canvas().Overlays().Top() != nil {
		t.Fatal("a dialog is open before the store went")
	}
	if err := os.Rename(ed.dir, ed.dir+".moved"); err != nil {
		t.Fatal(err)
	}
	ed.ctrl(fyne.KeyN)
	test.Type(ed.text(), "Typed after the move")
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})

	dlg := ed.mw.Canvas().Overlays().Top()
	if dlg == nil {
		t.Fatal("a store moved away was not said in a dialog")
	}
	if said := labelsIn(dlg); !strings.Contains(said, ed.dir+", was deleted, moved or replaced") || !strings.Contains(said, "journeymap import FILE") {
		t.Errorf("the dialog says %q", said)
	}
	// The dialog is whole in the window, its text wrapped inside it, its buttons below it.
	win := ed.mw.Canvas().Size()
	save := screentest.Button(t, dlg, "Save as a Workspace File…")
	var text screentest.Drawn
	for _, d := range screentest.OnScreen(dlg) {
		if l, ok := d.Object.(*widget.Label); ok && strings.Contains(l.Text, "journeymap import") {
			text = d
		}
	}
	button, _ := screentest.DrawnAs(dlg, save)
	if text.Size.Width > win.Width || text.Pos.X < 0 || text.Size.Height < 3*theme.TextSize() ||
		button.Pos.Y < text.Pos.Y+text.Size.Height || button.Pos.Y+button.Size.Height > win.Height {
		t.Errorf("the text is drawn %v and the button %v in a window of %v", text, button, win)
	}
	// Saving it writes what the map held: every card saved, and none that was not.
	test.Tap(save)
	form := ed.mw.Canvas().Overlays().Top()
	folder := t.TempDir()
	entries := entriesIn(form)
	entries[0].SetText(folder)
	entries[1].SetText("kept.journeymap.json")
	test.Tap(screentest.Button(t, form, "Export"))
	ed.mw.exporting.Wait()
	b, err := os.ReadFile(filepath.Join(folder, "kept.journeymap.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "Saved before the move") || strings.Contains(string(b), "Typed after the move") {
		t.Error("the file saved is not the workspace as it was saved")
	}
	// Another edit refused says so in the status bar, without a second dialog on the first.
	ed.ctrl(fyne.KeyN)
	test.Type(ed.text(), "And another")
	ed.text().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if ed.mw.Canvas().Overlays().Top() != nil {
		t.Error("a second refused edit opened the dialog again")
	}
	if !strings.Contains(ed.mw.message.Text, "was not saved") {
		t.Errorf("status bar: %q", ed.mw.message.Text)
	}
}

func TestTheSidebarSaysAJourneysPainPointsInFullOrWithoutTheTotal(t *testing.T) {
	ed := openEditing(t)
	w := ed.doc.Workspace()
	j := &w.Journeys[0]
	rows := journeytest.Imported(j, 20000)
	b, err := journey.PutAll(w, j.ID, "Import", rows)
	if err != nil {
		t.Fatal(err)
	}
	if err := ed.doc.Do(b); err != nil {
		t.Fatal(err)
	}
	ed.mw.list.Refresh()
	d0, d1 := w.Journeys[0].Discovered(), w.Journeys[1].Discovered()
	want := []string{
		fmt.Sprintf("%s known, %s unknown", grouped(d0.Known), grouped(d0.Unknown)),
		fmt.Sprintf("%d pain points: %d known, %d unknown", d1.All(), d1.Known, d1.Unknown),
	}
	var rowsSeen int
	walk(ed.mw.list, func(o fyne.CanvasObject) {
		r, ok := o.(*journeyRow)
		if !ok || r.index > 1 {
			return
		}
		rowsSeen++
		if r.pains.Text != want[r.index] {
			t.Errorf("row %d says %q, want %q", r.index, r.pains.Text, want[r.index])
		}
		room := r.pains.Size().Width - 2*theme.InnerPadding()
		if got := fyne.MeasureText(r.pains.Text, theme.TextSize(), r.pains.TextStyle).Width; got > room {
			t.Errorf("row %d's %q is %.0f wide in a label with room for %.0f: it is cut off", r.index, r.pains.Text, got, room)
		}
	})
	if rowsSeen != 2 {
		t.Fatalf("saw %d journey rows, want 2", rowsSeen)
	}
	if got, want := statusText(w, &w.Journeys[0]), grouped(d0.All())+" pain points ("+grouped(d0.Known)+" known, "; !strings.HasPrefix(got, want) {
		t.Errorf("the status bar says %q, want it to start %q", got, want)
	}
	if got := grouped(1234567); got != "1,234,567" {
		t.Errorf("grouped(1234567) = %q", got)
	}
}
