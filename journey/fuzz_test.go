package journey

import (
	"testing"
)

// FuzzUnmarshalEdit reads stored edits from arbitrary bytes, as a damaged store would hand
// them over: reading never panics, and an edit that reads and applies is undone exactly by
// its inverse.
func FuzzUnmarshalEdit(f *testing.F) {
	w := small()
	for _, e := range []Edit{
		must(Put(w, "j1", Card{ID: "c2", Lane: "l-act", Stage: "s2", Text: "Waits"}, -1)),
		must(Remove[Card](w, "j1", "c1")),
		must(Reorder[Stage](w, "j1", "s1", 1)),
		must(EditJourneyInfo(w, "j1", JourneyInfo{Title: "T"})),
		must(DeleteStage(w, "j1", "s2")),
		RenameWorkspace{"Test force", "Other"},
		must(Put(w, "", Member{ID: "dee", Name: "Dee", Capacity: 2}, 0)),
	} {
		data, err := MarshalEdit(e)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := UnmarshalEdit(data)
		if err != nil {
			return
		}
		w := small()
		if e.Apply(w) != nil {
			if !same(w, small()) {
				t.Fatalf("a refused edit changed the workspace: %s", data)
			}
			return
		}
		if err := e.Invert().Apply(w); err != nil {
			t.Fatalf("the inverse of an applied edit was refused: %v\n%s", err, data)
		}
		if !same(w, small()) {
			t.Fatalf("the inverse did not restore the workspace: %s", data)
		}
		e.Touches()
		e.Label()
	})
}
