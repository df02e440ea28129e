package document

import (
	"errors"
	"testing"

	"journeymap/journey"
)

// TestAttempt: an edit made is done and nothing is said; one refused in the making or in the
// doing is not done and why is said in a sentence; no edit and no error is nothing to do.
func TestAttempt(t *testing.T) {
	refused := &journey.ValidationError{Path: "title", Msg: "a title can't be empty"}
	tests := []struct {
		name      string
		edit      journey.Edit
		made, did error
		want      bool
		said      string
	}{
		{"done", journey.RenameWorkspace{After: "A"}, nil, nil, true, ""},
		{"not made", nil, refused, nil, false, "Not changed: a title can't be empty."},
		{"not done", journey.RenameWorkspace{After: "A"}, nil, errors.New("the store is read-only"), false, "Not changed: the store is read-only."},
		{"nothing to do", nil, nil, nil, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var said string
			done := 0
			do := func(journey.Edit) error { done++; return tt.did }
			got := Attempt(func(s string) { said = s }, do)(tt.edit, tt.made)
			if got != tt.want || said != tt.said {
				t.Errorf("got %v saying %q, want %v saying %q", got, said, tt.want, tt.said)
			}
			if wantDone := tt.made == nil && tt.edit != nil; (done == 1) != wantDone {
				t.Errorf("the edit was done %d times; want it done %v", done, wantDone)
			}
		})
	}
}
