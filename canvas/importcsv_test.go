package canvas

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"journeymap/canvas/form"
	"journeymap/canvas/screentest"
	"journeymap/storage/transfer"

	"fyne.io/fyne/v2"
)

func TestImportPainPointsFromTheWindow(t *testing.T) {
	ed := openEditing(t)
	menuItem(t, ed.mw.mainMenu.Items[0], "Import Pain Points…")
	j := ed.journey()
	path := filepath.Join(t.TempDir(), "pains.csv")
	write := func(text string) {
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("Title,Stage,Discovery,Source,Severity,Effort,Notes\nCourier rings once,\"" + j.Stages[1].Name + "\",known,complaint,4,3,from calls\n")
	ed.mw.importPainPointsFrom(path, j.ID)
	if !screentest.HasText(ed.mw.Map, "Courier rings once") {
		t.Error("the imported pain point is not on the map")
	}
	if msg := ed.mw.message.Text; !strings.Contains(msg, "Imported: 1 pain point added in") || !strings.Contains(msg, `Not read: the columns ["Notes"]`) {
		t.Errorf("status bar: %q", msg)
	}
	if ed.mw.undo.Label != "Undo Import pain points" {
		t.Errorf("the Edit menu offers %q", ed.mw.undo.Label)
	}
	ed.mw.Editor.Undo()
	if screentest.HasText(ed.mw.Map, "Courier rings once") {
		t.Error("Undo left the imported pain point on the map")
	}

	write("Title,Stage,Discovery,Source,Severity,Effort\nA,Nowhere,known,complaint,4,3\nB,Nowhere,known,complaint,9,3\n")
	ed.mw.importPainPointsFrom(path, j.ID)
	top := ed.mw.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("a refused import showed nothing")
	}
	said := labelsIn(top)
	if !strings.Contains(said, `line 2: stage: no stage is named "Nowhere";`+"\n"+`line 3: stage:`) {
		t.Errorf("the dialog says %q", said)
	}
}

// TestExportFilesFromTheWindow exports the workspace file and the journey's pain points from
// the File menu into a folder typed in its dialog: the files are what the command line writes.
func TestExportFilesFromTheWindow(t *testing.T) {
	ed := openEditing(t)
	for _, tt := range []struct {
		menu   string
		format transfer.Format
		id     string
		ext    string
	}{
		{"Export Workspace File…", transfer.JSON, "", ".journeymap.json"},
		{"Export Pain Points (CSV)…", transfer.CSV, ed.journey().ID, " pain points.csv"},
	} {
		dir := t.TempDir()
		menuItem(t, ed.mw.mainMenu.Items[0], tt.menu).Action()
		dlg := ed.mw.Canvas().Overlays().Top()
		entries := entriesIn(dlg)
		if len(entries) != 2 || !strings.HasSuffix(entries[1].Text, tt.ext) {
			t.Fatalf("%s: the dialog asks %d things, the name %q", tt.menu, len(entries), entries[len(entries)-1].Text)
		}
		entries[0].SetText(dir)
		// The name has the keyboard, and Enter exports, as the dialog's default button does.
		focused, ok := ed.mw.Canvas().Focused().(*form.Field)
		if !ok || &focused.Entry != entries[1] {
			t.Fatalf("%s: the keyboard is with %T, not the file name", tt.menu, ed.mw.Canvas().Focused())
		}
		focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		got, err := os.ReadFile(filepath.Join(dir, entries[1].Text))
		if err != nil {
			t.Fatalf("%s: %v", tt.menu, err)
		}
		var want bytes.Buffer
		if err := transfer.Export(&want, ed.doc.Workspace(), tt.format, tt.id); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s wrote %d bytes unlike the command line's export (%d bytes)", tt.menu, len(got), want.Len())
		}
		if !strings.Contains(ed.mw.message.Text, dir) {
			t.Errorf("%s: the window says %q", tt.menu, ed.mw.message.Text)
		}
	}
}
