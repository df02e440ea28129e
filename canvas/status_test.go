package canvas

import (
	"strings"
	"testing"

	"journeymap/journey"
	"journeymap/journey/journeytest"
)

// TestOnePainPointIsOne: counts of one say "1 pain point", in the status bar and the filter's
// line alike.
func TestOnePainPointIsOne(t *testing.T) {
	w := &journey.Workspace{Members: []journey.Member{{ID: "a", Name: "Ana", Capacity: 4}}, Journeys: []journey.Journey{{ID: "j",
		PainPoints: []journey.PainPoint{{ID: "p", Discovery: journey.Unknown, FoundBy: "a", Effort: 1, Owner: "a", Status: journey.StatusOpen}}}}}
	if got := statusText(w, &w.Journeys[0]); !strings.HasPrefix(got, "1 pain point (0 known, 1 unknown)") {
		t.Errorf("status bar: %q", got)
	}
	f := journey.Filter{Only: []journey.Show{journey.ShowUnknown}}
	if got := f.Said(&w.Journeys[0]); got != "1 of 1 pain point: unknown" {
		t.Errorf("filter: %q", got)
	}
}

// TestTheStatusBarSaysOverload: the status bar says overload beside evenness, never "even"
// alone while members are over capacity.
func TestTheStatusBarSaysOverload(t *testing.T) {
	tests := []struct {
		efforts []int // each member's one open pain point, capacity 4 each
		want    string
	}{
		{[]int{5, 5, 5, 3}, "fairness 0.96: even, 3 of 4 over capacity"},
		{[]int{3, 1, 1, 1}, "fairness 0.75: uneven"},
		{[]int{3, 3, 3, 2}, "fairness 0.98: even"},
	}
	for _, tt := range tests {
		w := journeytest.Loaded(tt.efforts...)
		if got := statusText(w, &w.Journeys[0]); !strings.HasSuffix(got, tt.want) {
			t.Errorf("efforts %v: the status bar says %q, want it to end %q", tt.efforts, got, tt.want)
		}
	}
}
