package document

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"journeymap/journey"
	"journeymap/journey/interchange"
	"journeymap/journey/journeytest"
)

func writeCSV(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "pains.csv")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportPainPointsIsOneUndoableEdit(t *testing.T) {
	d, dir := openSample(t)
	j := d.Workspace().Journeys[0]
	before := journeytest.File(t, d.Workspace())
	first := j.PainPoints[0]
	path := writeCSV(t, "id,title,stage,discovery,source,severity,effort\n"+
		first.ID+",Renamed from a spreadsheet,,,,,\n"+
		",A new one,"+j.Stages[0].Name+",known,survey,2,1\n")
	// A blank cell clears its column, so blank required cells are refused, and the good row
	// with them: nothing changes.
	if _, err := d.ImportPainPoints(path, j.ID); !errors.Is(err, interchange.ErrCSV) || !strings.Contains(err.Error(), "line 2:") {
		t.Fatalf("blank required cells: %v; want ErrCSV naming line 2", err)
	}
	if !bytes.Equal(journeytest.File(t, d.Workspace()), before) {
		t.Fatal("a refused import changed the workspace")
	}

	// A new id without the columns a new pain point needs: refused too.
	path = writeCSV(t, "id,title\n"+first.ID+",Renamed from a spreadsheet\n"+
		first.ID+"x,Another\n")
	if _, err := d.ImportPainPoints(path, j.ID); err == nil {
		t.Fatal("a new pain point without stage, discovery, severity and effort was imported")
	}
	path = writeCSV(t, "id,title,stage,discovery,source,severity,effort,owner\n"+
		first.ID+","+first.Title+" (renamed)"+","+j.Stages[0].Name+",known,survey,2,1,unassigned\n"+
		",A new one,"+j.Stages[0].Name+",known,survey,2,1,\n")
	r, err := d.ImportPainPoints(path, j.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Added != 1 || r.Changed != 1 || r.Same != 0 || !strings.Contains(r.Summary(), "1 pain point added, 1 changed in") {
		t.Errorf("said %+v: %q", r, r.Summary())
	}
	got := d.Workspace().Journeys[0]
	if len(got.PainPoints) != len(j.PainPoints)+1 || got.PainPoints[0].Title != first.Title+" (renamed)" ||
		got.PainPoints[len(got.PainPoints)-1].Title != "A new one" {
		t.Fatalf("the journey's pain points after the import: %+v", got.PainPoints)
	}
	if label, ok := d.CanUndo(); !ok || label != "Import pain points" {
		t.Errorf("Undo offers %q", label)
	}
	// After a restart, one Undo takes the whole import back.
	d2 := reopen(t, d, dir)
	if _, err := d2.Undo(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(journeytest.File(t, d2.Workspace()), before) {
		t.Error("one Undo after a restart does not take the whole import back")
	}
}

func TestImportPainPointsNamesTheJourneys(t *testing.T) {
	d, _ := openSample(t)
	_, err := d.ImportPainPoints(writeCSV(t, "title\nx\n"), "nosuch")
	if err == nil || !strings.Contains(err.Error(), d.Workspace().Journeys[0].ID+" ("+d.Workspace().Journeys[0].Title+")") {
		t.Errorf("got %v; want the journeys listed", err)
	}
	d.ReadOnly = true
	if _, err := d.ImportPainPoints(writeCSV(t, "title\nx\n"), d.Workspace().Journeys[0].ID); !errors.Is(err, ErrReadOnly) {
		t.Errorf("while presenting: %v", err)
	}
}

// TestABigImportIsUndoneAndRedoneFromItsPackedEntry imports more rows than packAbove: the
// undo entry holds the import packed, not its rows, and Undo and Redo still take it back and
// put it again whole.
func TestABigImportIsUndoneAndRedoneFromItsPackedEntry(t *testing.T) {
	d, _ := openSample(t)
	j := d.Workspace().Journeys[0]
	before := journeytest.File(t, d.Workspace())
	var csv strings.Builder
	csv.WriteString("title,stage,discovery,source,severity,effort\n")
	for i := range packAbove + 2000 {
		fmt.Fprintf(&csv, "Row %d,%s,known,survey,%d,1\n", i, j.Stages[i%len(j.Stages)].Name, 1+i%5)
	}
	r, err := d.ImportPainPoints(writeCSV(t, csv.String()), j.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Added != packAbove+2000 || r.Changed != 0 {
		t.Fatalf("said %q", r.Summary())
	}
	if _, ok := d.undo[len(d.undo)-1].Edit.(journey.Packed); !ok {
		t.Fatalf("the undo entry is a %T, not packed", d.undo[len(d.undo)-1].Edit)
	}
	after := journeytest.File(t, d.Workspace())
	if _, err := d.Undo(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(journeytest.File(t, d.Workspace()), before) {
		t.Fatal("Undo did not take the whole import back")
	}
	if _, err := d.Redo(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(journeytest.File(t, d.Workspace()), after) {
		t.Fatal("Redo did not put the whole import again")
	}
	if got := len(d.Workspace().Journeys[0].PainPoints); got != len(j.PainPoints)+packAbove+2000 {
		t.Fatalf("%d pain points after the redo", got)
	}
}
