package canvas

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	if !hasText(ed.mw.Map, "Courier rings once") {
		t.Error("the imported pain point is not on the map")
	}
	if msg := ed.mw.message.Text; !strings.Contains(msg, "Imported: 1 pain point added in") || !strings.Contains(msg, `Not read: the columns ["Notes"]`) {
		t.Errorf("status bar: %q", msg)
	}
	if ed.mw.undo.Label != "Undo Import pain points" {
		t.Errorf("the Edit menu offers %q", ed.mw.undo.Label)
	}
	ed.mw.Editor.Undo()
	if hasText(ed.mw.Map, "Courier rings once") {
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
