package journey

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func newPains(n int, prefix string) []PainPoint {
	ps := make([]PainPoint, n)
	for i := range ps {
		ps[i] = PainPoint{ID: fmt.Sprintf("%s%d", prefix, i), Stage: "s1", Title: fmt.Sprintf("Row %d", i), Discovery: Known,
			Source: SourceComplaint, Severity: 2, Effort: 1, Status: StatusOpen}
	}
	return ps
}

func TestItemsAdded(t *testing.T) {
	tests := []struct {
		name     string
		edit     func(w *Workspace) ItemsAdded[PainPoint]
		wantErr  string // in the error; "" for none
		conflict bool
	}{
		{"at the end", func(w *Workspace) ItemsAdded[PainPoint] {
			return ItemsAdded[PainPoint]{Journey: "j1", At: len(w.Journeys[0].PainPoints), Items: newPains(20, "n")}
		}, "", false},
		{"at the start", func(w *Workspace) ItemsAdded[PainPoint] {
			return ItemsAdded[PainPoint]{Journey: "j1", At: 0, Items: newPains(20, "n")}
		}, "", false},
		{"past the end", func(w *Workspace) ItemsAdded[PainPoint] {
			return ItemsAdded[PainPoint]{Journey: "j1", At: len(w.Journeys[0].PainPoints) + 1, Items: newPains(2, "n")}
		}, "can't go at place", true},
		{"an id twice among them, named at its second place", func(w *Workspace) ItemsAdded[PainPoint] {
			ps := newPains(20, "n")
			ps[17].ID = "n3"
			return ItemsAdded[PainPoint]{Journey: "j1", At: len(w.Journeys[0].PainPoints), Items: ps}
		}, fmt.Sprintf(`journeys[0].painPoints[%d].id: "n3" is used twice`, len(small().Journeys[0].PainPoints)+17), false},
		{"an id the list has", func(w *Workspace) ItemsAdded[PainPoint] {
			ps := newPains(3, "n")
			ps[1].ID = w.Journeys[0].PainPoints[0].ID
			return ItemsAdded[PainPoint]{Journey: "j1", At: len(w.Journeys[0].PainPoints), Items: ps}
		}, "is used twice", false},
		{"one that breaks a rule", func(w *Workspace) ItemsAdded[PainPoint] {
			ps := newPains(3, "n")
			ps[2].Severity = 9
			return ItemsAdded[PainPoint]{Journey: "j1", At: len(w.Journeys[0].PainPoints), Items: ps}
		}, fmt.Sprintf("journeys[0].painPoints[%d].severity", len(small().Journeys[0].PainPoints)+2), false},
		{"a journey that is gone", func(w *Workspace) ItemsAdded[PainPoint] {
			return ItemsAdded[PainPoint]{Journey: "gone", Items: newPains(1, "n")}
		}, "is gone", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := small()
			was := w.Clone()
			e := tt.edit(w)
			err := e.Apply(w)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || errors.Is(err, ErrConflict) != tt.conflict {
					t.Fatalf("got %v; want an error with %q (a conflict: %v)", err, tt.wantErr, tt.conflict)
				}
				if !reflect.DeepEqual(w, was) {
					t.Fatal("a refused edit changed the workspace")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := w.Journeys[0].PainPoints
			if len(got) != len(was.Journeys[0].PainPoints)+len(e.Items) || !reflect.DeepEqual(got[e.At:e.At+len(e.Items)], e.Items) {
				t.Fatalf("the list after: %+v", got)
			}
			if err := Validate(w); err != nil {
				t.Fatal(err)
			}
			// The list holds its own copy: changing the edit's items changes nothing there.
			e.Items[0].Title = "changed after"
			if got[e.At].Title == "changed after" {
				t.Fatal("the list shares the edit's items")
			}
			e.Items[0].Title = "Row 0"
			if err := e.Invert().Apply(w); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(w, was) {
				t.Fatal("the inverse does not put the list back")
			}
		})
	}
}

func TestItemsAddedTakenBackOnlyAsTheyWere(t *testing.T) {
	w := small()
	at := len(w.Journeys[0].PainPoints)
	e := ItemsAdded[PainPoint]{Journey: "j1", At: at, Items: newPains(20, "n")}
	if err := e.Apply(w); err != nil {
		t.Fatal(err)
	}
	w.Journeys[0].PainPoints[at+5].Title = "Changed on another desk"
	if err := e.Invert().Apply(w); !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), `"n5" was changed meanwhile`) {
		t.Fatalf("taking back a changed one: %v", err)
	}
	w.Journeys[0].PainPoints = w.Journeys[0].PainPoints[:at+10]
	if err := e.Invert().Apply(w); !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "no longer where they were") {
		t.Fatalf("taking back ones deleted since: %v", err)
	}
}

func TestItemsAddedSaysAndStoresItself(t *testing.T) {
	e := ItemsAdded[PainPoint]{Journey: "j1", At: 3, Items: newPains(3, "n")}
	if e.Label() != "Add 3 pain points" || e.Invert().Label() != "Delete 3 pain points" {
		t.Errorf("labels %q, %q", e.Label(), e.Invert().Label())
	}
	want := []Ref{{RefPainPoint, "j1", "n0"}, {RefPainPoint, "j1", "n1"}, {RefPainPoint, "j1", "n2"}, {RefJourney, "", "j1"}}
	if got := e.Touches(); !reflect.DeepEqual(got, want) {
		t.Errorf("touches %v, want %v", got, want)
	}
	for _, x := range []Edit{e, e.Invert()} {
		raw, err := MarshalEdit(x)
		if err != nil {
			t.Fatal(err)
		}
		back, err := UnmarshalEdit(raw)
		if err != nil || !reflect.DeepEqual(back, x) {
			t.Errorf("read back %+v (%v), want %+v", back, err, x)
		}
	}
}

func TestPutAllAddsManyNewItemsInOneEdit(t *testing.T) {
	w := small()
	at := len(w.Journeys[0].PainPoints)
	renamed := w.Journeys[0].PainPoints[0]
	renamed.Title = "Renamed"
	rows := append([]PainPoint{renamed}, newPains(minRun, "n")...)
	b, err := PutAll(w, "j1", "Import", rows)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Edits) != 2 || b.Size() != minRun+1 {
		t.Fatalf("%d edits of %d items: %#v", len(b.Edits), b.Size(), b.Edits)
	}
	run, ok := b.Edits[1].(ItemsAdded[PainPoint])
	if !ok || run.At != at || !reflect.DeepEqual(run.Items, newPains(minRun, "n")) {
		t.Fatalf("the second edit is %#v", b.Edits[1])
	}
	if err := b.Apply(w); err != nil {
		t.Fatal(err)
	}
	if ps := w.Journeys[0].PainPoints; len(ps) != at+minRun || ps[0].Title != "Renamed" || ps[at].ID != "n0" {
		t.Fatalf("the list after: %+v", ps)
	}
	// One of the new items given twice: each is an edit of its own, in order.
	w = small()
	again := newPains(minRun, "n")
	again[0].Title = "Said again"
	b, err = PutAll(w, "j1", "Import", append(newPains(minRun, "n"), again[0]))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Edits) != minRun+1 {
		t.Fatalf("%d edits, want one each", len(b.Edits))
	}
}

func TestAPackedBatchIsTheBatch(t *testing.T) {
	w := small()
	at := len(w.Journeys[0].PainPoints)
	renamed := w.Journeys[0].PainPoints[0]
	renamed.Title = "Renamed"
	b, err := PutAll(w, "j1", "Import pain points", append([]PainPoint{renamed}, newPains(3*packedPart+5, "n")...))
	if err != nil {
		t.Fatal(err)
	}
	p, err := Pack(b)
	if err != nil {
		t.Fatal(err)
	}
	back, err := p.Unpack()
	if err != nil {
		t.Fatal(err)
	}
	// Stored in parts, the run of new items is read back as one edit.
	if !reflect.DeepEqual(back, b) {
		t.Fatalf("unpacked %d edits, want the batch of %d", len(back.(Batch).Edits), len(b.Edits))
	}
	if p.Label() != "Import pain points" || !reflect.DeepEqual(p.Touches(), b.Touches()) {
		t.Errorf("label %q; touches differ", p.Label())
	}
	was := w.Clone()
	if err := p.Apply(w); err != nil {
		t.Fatal(err)
	}
	if len(w.Journeys[0].PainPoints) != at+3*packedPart+5 || w.Journeys[0].PainPoints[0].Title != "Renamed" {
		t.Fatal("applying the packed batch did not do what the batch does")
	}
	if err := p.Invert().Apply(w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(w, was) {
		t.Fatal("the packed batch's inverse does not take it back")
	}
	// It knows its stored size without being read back: too big to keep, it says so.
	if _, err := MarshalEditWithin(p, 1<<10); !errors.Is(err, ErrEditTooBig) {
		t.Errorf("a packed batch over the limit gives %v", err)
	}
	raw, err := MarshalEditWithin(p, 64<<20)
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := MarshalEdit(b); string(raw) != string(want) {
		t.Error("the packed batch is stored otherwise than the batch")
	}
}
