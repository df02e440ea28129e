package journey

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
)

// oneByOne is what Batch.Apply must do, written the plain way: each edit by its own Apply, and
// on a failure the workspace as it was.
func oneByOne(w *Workspace, edits []Edit) (*Workspace, error) {
	work := w.Clone()
	for _, e := range edits {
		if err := e.Apply(work); err != nil {
			return w, err
		}
	}
	return work, nil
}

// randomBatch makes edits of the kinds an import, a paste and an undo make (adds at the end,
// changes in place, deletes from the end) mixed with those that move items or insert them
// elsewhere, of two lists and two journeys, and now and then one that fails: a duplicate id,
// a severity out of range, a delete of an item that is gone.
func randomBatch(rng *rand.Rand, w *Workspace) []Edit {
	work := w.Clone()
	var edits []Edit
	next := 0
	failing := rng.IntN(2) == 0
	for range 20 + rng.IntN(80) {
		jid := "j1"
		if rng.IntN(5) == 0 {
			jid = "j2"
		}
		j := work.Journey(jid)
		var e Edit
		var err error
		switch k := rng.IntN(20); {
		case k < 8: // a new pain point at the end
			next++
			e, err = editOf(Put(work, jid, PainPoint{ID: fmt.Sprintf("n%d", next), Stage: "s1", Title: fmt.Sprintf("New %d", next),
				Discovery: Known, Source: SourceComplaint, Severity: 1 + next%5, Effort: 1 + next%5, Status: StatusOpen}, -1))
		case k < 11 && len(j.PainPoints) > 0: // a change in place
			p := j.PainPoints[rng.IntN(len(j.PainPoints))]
			p.Title += " (again)"
			e, err = editOf(Put(work, jid, p, -1))
		case k < 13 && len(j.PainPoints) > 0: // a delete: mostly the last
			i := len(j.PainPoints) - 1
			if rng.IntN(3) == 0 {
				i = rng.IntN(len(j.PainPoints))
			}
			e, err = editOf(Remove[PainPoint](work, jid, j.PainPoints[i].ID))
		case k < 14 && len(j.PainPoints) > 1: // a move
			p := j.PainPoints[rng.IntN(len(j.PainPoints))]
			e, err = editOf(Put(work, jid, p, rng.IntN(len(j.PainPoints))))
		case k < 15: // a card inserted at the front
			next++
			e, err = editOf(Put(work, "j1", Card{ID: fmt.Sprintf("c%d", next), Lane: "l-act", Stage: "s2", Text: "Card"}, 0))
		case k < 16: // a change of another kind between
			e = JourneyInfoEdit{Journey: "j1", Before: work.Journey("j1").Info(), After: JourneyInfo{Title: fmt.Sprintf("Late %d", next)}}
		case k == 16 && len(j.PainPoints) > 0: // fails: the id is used already
			twice := j.PainPoints[rng.IntN(len(j.PainPoints))]
			e = ItemEdit[PainPoint]{Journey: jid, After: &twice, From: -1, To: len(j.PainPoints)}
		case k == 17 && len(j.PainPoints) > 0: // fails: severity out of range
			p := j.PainPoints[len(j.PainPoints)-1]
			p.Severity = 9
			e, err = editOf(Put(work, jid, p, -1))
		case k == 18: // fails: gone
			gone := PainPoint{ID: "gone", Stage: "s1"}
			e = ItemEdit[PainPoint]{Journey: jid, Before: &gone, From: len(j.PainPoints) - 1, To: -1}
		default:
			continue
		}
		if err != nil {
			panic(err)
		}
		// Half the batches are good throughout; the others fail at one edit.
		if e.Apply(work) != nil {
			if !failing {
				continue
			}
			failing = false
		}
		edits = append(edits, e)
	}
	return edits
}

func TestABatchAppliesAsItsEditsOneByOne(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	failed := 0
	for n := range 400 {
		w := small()
		edits := randomBatch(rng, w)
		want, wantErr := oneByOne(w, edits)
		got := w.Clone()
		err := Batch{Name: "Import", Edits: edits}.Apply(got)
		if (err == nil) != (wantErr == nil) {
			t.Fatalf("batch %d: error %v, one by one %v", n, err, wantErr)
		}
		if err != nil {
			failed++
			if wantErr.Error() != err.Error() {
				t.Errorf("batch %d: error %q, one by one %q", n, err, wantErr)
			}
		}
		if !same(got, want) {
			t.Fatalf("batch %d of %d edits: the workspace differs from the edits applied one by one", n, len(edits))
		}
		if err != nil {
			continue
		}
		// And its inverse takes it back to where it began.
		if err := (Batch{Edits: edits}).Invert().Apply(got); err != nil {
			t.Fatalf("batch %d: undo: %v", n, err)
		}
		if !same(got, w) {
			t.Fatalf("batch %d: undone, the workspace is not as it was", n)
		}
	}
	if failed < 100 || failed > 300 {
		t.Fatalf("%d of 400 batches failed: the test no longer tries both", failed)
	}
}

func TestPutAllStoresEachItemOnceInItsOrder(t *testing.T) {
	w := small()
	p1 := w.Journeys[0].PainPoints[0]
	renamed := p1
	renamed.Title = "Tracking link missing"
	again := renamed
	again.Severity = 5
	newOne := PainPoint{ID: "n1", Stage: "s1", Title: "New", Discovery: Known, Source: SourceComplaint, Severity: 2, Effort: 1, Status: StatusOpen}
	newAgain := newOne
	newAgain.Title = "New, said better"
	b, err := PutAll(w, "j1", "Import", []PainPoint{p1, renamed, newOne, again, newAgain})
	if err != nil {
		t.Fatal(err)
	}
	// p1 as it is gives no edit; each later row sees what the row before it put.
	if len(b.Edits) != 4 {
		t.Fatalf("%d edits, want 4: %#v", len(b.Edits), b.Edits)
	}
	if e := b.Edits[2].(ItemEdit[PainPoint]); e.Before.Title != "Tracking link missing" || e.After.Severity != 5 || e.From != 0 || e.To != 0 {
		t.Errorf("the second change of p1 is %+v", e)
	}
	if e := b.Edits[3].(ItemEdit[PainPoint]); e.Before.Title != "New" || e.From != 3 || e.To != 3 {
		t.Errorf("the change of the new pain point is %+v", e)
	}
	if err := b.Apply(w); err != nil {
		t.Fatal(err)
	}
	ps := w.Journeys[0].PainPoints
	if len(ps) != 4 || ps[0].Title != "Tracking link missing" || ps[0].Severity != 5 || ps[3].Title != "New, said better" {
		t.Fatalf("pain points after the import: %+v", ps)
	}
	if _, err := PutAll(w, "gone", "Import", []PainPoint{newOne}); !errors.Is(err, ErrConflict) {
		t.Fatalf("a journey that is gone gives %v", err)
	}
}

// BenchmarkPutAllAndApply is an import of n new pain points: made into one edit and applied.
// Linear, n of 100,000 costs about ten times n of 10,000.
func BenchmarkPutAllAndApply(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				w := small()
				rows := make([]PainPoint, n)
				for i := range rows {
					rows[i] = PainPoint{ID: fmt.Sprintf("n%d", i), Stage: "s1", Title: "New", Discovery: Known,
						Source: SourceComplaint, Severity: 2, Effort: 1, Status: StatusOpen}
				}
				e, err := PutAll(w, "j1", "Import", rows)
				if err != nil {
					b.Fatal(err)
				}
				if err := e.Apply(w); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
