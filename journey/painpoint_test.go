package journey

import (
	"testing"
	"time"
)

func TestNewPainPoint(t *testing.T) {
	p := NewPainPoint("s1", "Refund takes two weeks", time.Date(2026, 12, 2, 23, 30, 0, 0, time.UTC))
	want := PainPoint{ID: p.ID, Stage: "s1", Title: "Refund takes two weeks", Discovery: Known, Source: SourceOther,
		Severity: 3, Effort: 2, Status: StatusOpen, FoundOn: "2026-12-02"}
	if p != want || p.ID == "" {
		t.Errorf("got %+v, want %+v", p, want)
	}
	w := small()
	if err := validateIn(w, p); err != nil {
		t.Errorf("a new pain point is not valid: %v", err)
	}
}

// validateIn checks p as a pain point of w's first journey.
func validateIn(w *Workspace, p PainPoint) error {
	p.Stage = w.Journeys[0].Stages[0].ID
	_, err := Put(w, w.Journeys[0].ID, p, -1)
	return err
}

func TestPastedInto(t *testing.T) {
	here := small() // members ana, ben, cy
	tests := []struct {
		name string
		p    PainPoint
		want func(p PainPoint) PainPoint
	}{
		{"members who are here stay", PainPoint{Discovery: Unknown, Method: MethodData, FoundBy: "ana", Owner: "ben"},
			func(p PainPoint) PainPoint { return p }},
		{"an owner who isn't here leaves it unowned", PainPoint{Discovery: Known, Source: SourceCall, Owner: "zed"},
			func(p PainPoint) PainPoint { p.Owner = ""; return p }},
		{"a finder who isn't here: known, of some other source", PainPoint{Discovery: Unknown, Method: MethodShadowing, FoundBy: "zed", Owner: "cy"},
			func(p PainPoint) PainPoint {
				p.Discovery, p.Method, p.Source, p.FoundBy = Known, "", SourceOther, ""
				return p
			}},
		{"a known one's finder who isn't here is dropped", PainPoint{Discovery: Known, Source: SourceReview, FoundBy: "zed"},
			func(p PainPoint) PainPoint { p.FoundBy = ""; return p }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.p.ID, tt.p.Stage, tt.p.Title, tt.p.Severity, tt.p.Effort, tt.p.Status = "p-old", "elsewhere", "Copied", 4, 3, StatusDoing
			got := tt.p.PastedInto(here, "s2")
			want := tt.want(tt.p)
			want.ID, want.Stage = got.ID, "s2"
			if got != want || got.ID == "p-old" || got.ID == "" {
				t.Errorf("got %+v, want %+v with a new id", got, want)
			}
			if err := validateIn(here, got); err != nil {
				t.Errorf("the pasted pain point is not valid here: %v", err)
			}
		})
	}
	c := Card{ID: "c-old", Stage: "x", Lane: "y", Text: "Waits", Color: "green"}.PastedInto("s2", "l-act")
	if c.ID == "c-old" || c.Stage != "s2" || c.Lane != "l-act" || c.Text != "Waits" || c.Color != "green" {
		t.Errorf("pasted card: %+v", c)
	}
}

func TestDiscovered(t *testing.T) {
	known := PainPoint{Discovery: Known, Source: SourceComplaint, Reports: 12}
	unknown := PainPoint{Discovery: Unknown, Method: MethodData, FoundBy: "ana"}
	tests := []struct {
		name   string
		p      PainPoint
		to     Discovery
		finder string
		want   PainPoint
	}{
		{"known to unknown: the method to pick, the finder this desktop's", known, Unknown, "ben",
			PainPoint{Discovery: Unknown, Reports: 12, FoundBy: "ben"}},
		{"known to unknown on a desktop that knows no one", known, Unknown, "", PainPoint{Discovery: Unknown, Reports: 12}},
		{"unknown to known: the source to pick, the finder keeps the credit", unknown, Known, "ben",
			PainPoint{Discovery: Known, FoundBy: "ana"}},
		{"back to unknown: the finder named before stays", PainPoint{Discovery: Known, Source: SourceCall, FoundBy: "ana"}, Unknown, "ben",
			PainPoint{Discovery: Unknown, FoundBy: "ana"}},
		{"the same kind: nothing changes", unknown, Unknown, "ben", unknown},
	}
	for _, tt := range tests {
		if got := tt.p.Discovered(tt.to, tt.finder); got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
	}
}
