package journey

import (
	"errors"
	"reflect"
	"testing"
)

func TestEditsUndoRedo(t *testing.T) {
	score := 2
	tests := []struct {
		name    string
		edit    func(w *Workspace) (Edit, error)
		touches []Ref
	}{
		{"add card", func(w *Workspace) (Edit, error) {
			return NewCardEdit(w, "j1", "c2", &Card{ID: "c2", Lane: "l-act", Stage: "s2", Text: "Waits"})
		}, []Ref{{RefCard, "j1", "c2"}, {RefJourney, "", "j1"}}},
		{"change card", func(w *Workspace) (Edit, error) {
			return NewCardEdit(w, "j1", "c1", &Card{ID: "c1", Lane: "l-act", Stage: "s2", Text: "Pays later"})
		}, []Ref{{RefCard, "j1", "c1"}}},
		{"delete card", func(w *Workspace) (Edit, error) { return NewCardEdit(w, "j1", "c1", nil) },
			[]Ref{{RefCard, "j1", "c1"}, {RefJourney, "", "j1"}}},
		{"reassign pain point", func(w *Workspace) (Edit, error) {
			p := w.Journeys[0].PainPoints[0]
			p.Owner = "ben"
			return NewPainPointEdit(w, "j1", p.ID, &p)
		}, []Ref{{RefPainPoint, "j1", "p1"}}},
		{"delete pain point", func(w *Workspace) (Edit, error) { return NewPainPointEdit(w, "j1", "p2", nil) },
			[]Ref{{RefPainPoint, "j1", "p2"}, {RefJourney, "", "j1"}}},
		{"set emotion", func(w *Workspace) (Edit, error) { return NewEmotionEdit(w, "j1", "s2", &score) },
			[]Ref{{RefJourney, "", "j1"}}},
		{"clear emotion", func(w *Workspace) (Edit, error) { return NewEmotionEdit(w, "j1", "s1", nil) },
			[]Ref{{RefJourney, "", "j1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := small()
			e, err := tt.edit(w)
			if err != nil {
				t.Fatal(err)
			}
			if got := e.Touches(); !reflect.DeepEqual(got, tt.touches) {
				t.Errorf("touches: got %v, want %v", got, tt.touches)
			}
			var h History
			if err := h.Do(w, e); err != nil {
				t.Fatalf("do: %v", err)
			}
			done := clone(w)
			if reflect.DeepEqual(done, small()) {
				t.Fatal("the edit changed nothing")
			}
			if _, err := h.Undo(w); err != nil {
				t.Fatalf("undo: %v", err)
			}
			if !reflect.DeepEqual(w, small()) {
				t.Errorf("undo did not restore the workspace:\ngot  %+v\nwant %+v", w.Journeys[0], small().Journeys[0])
			}
			if _, ok := h.CanUndo(); ok {
				t.Error("after undo of the only edit, CanUndo is true")
			}
			if label, ok := h.CanRedo(); !ok || label != e.Label() {
				t.Errorf("CanRedo: got %q %v, want %q", label, ok, e.Label())
			}
			if _, err := h.Redo(w); err != nil {
				t.Fatalf("redo: %v", err)
			}
			if !reflect.DeepEqual(w, done) {
				t.Error("redo did not apply the edit again")
			}
		})
	}
}

func clone(w *Workspace) *Workspace {
	c := *w
	c.Members = append([]Member(nil), w.Members...)
	c.Journeys = make([]Journey, len(w.Journeys))
	for i := range w.Journeys {
		c.Journeys[i] = w.Journeys[i].clone()
	}
	return &c
}

func TestEditRefusals(t *testing.T) {
	w := small()
	before := clone(w)
	bad, _ := NewCardEdit(w, "j1", "c9", &Card{ID: "c9", Lane: "nowhere", Stage: "s1"})
	if err := bad.Apply(w); !errors.Is(err, ErrInvalid) {
		t.Errorf("card in a missing lane: got %v, want a validation error", err)
	}
	stale, _ := NewCardEdit(w, "j1", "c1", &Card{ID: "c1", Lane: "l-act", Stage: "s1", Text: "A"})
	w.Journeys[0].Cards[0].Text = "changed by someone else"
	if err := stale.Apply(w); !errors.Is(err, ErrConflict) {
		t.Errorf("stale edit: got %v, want ErrConflict", err)
	}
	w.Journeys[0].Cards[0].Text = "Pays"
	if _, err := NewCardEdit(w, "nope", "c1", nil); !errors.Is(err, ErrConflict) {
		t.Errorf("missing journey: got %v, want ErrConflict", err)
	}
	if !reflect.DeepEqual(w, before) {
		t.Error("a refused edit changed the workspace")
	}
	var h History
	if e, err := h.Undo(w); e != nil || err != nil {
		t.Errorf("undo with no history: got %v, %v; want nothing", e, err)
	}
}

func TestHistoryLimitAndRedoCleared(t *testing.T) {
	w := small()
	h := History{Limit: 3}
	for i := range 5 {
		score := i%5 - 2
		e, _ := NewEmotionEdit(w, "j1", "s1", &score)
		if err := h.Do(w, e); err != nil {
			t.Fatal(err)
		}
	}
	undone := 0
	for {
		e, err := h.Undo(w)
		if err != nil {
			t.Fatal(err)
		}
		if e == nil {
			break
		}
		undone++
	}
	if undone != 3 {
		t.Errorf("undid %d edits, want the limit of 3", undone)
	}
	score := 0
	e, _ := NewEmotionEdit(w, "j1", "s2", &score)
	_ = h.Do(w, e)
	if _, ok := h.CanRedo(); ok {
		t.Error("a new edit must clear the redo stack")
	}
}
