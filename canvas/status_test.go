package canvas

import (
	"strings"
	"testing"
	"time"

	"journeymap/journey"
	"journeymap/journey/journeytest"
	"journeymap/storage/sharing"
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

// TestTheStatusBarSaysWhereTheDeskStands: the words for each state of a shared workspace.
func TestTheStatusBarSaysWhereTheDeskStands(t *testing.T) {
	now := time.Date(2026, 12, 2, 15, 0, 0, 0, time.Local)
	since := time.Date(2026, 12, 2, 10, 42, 0, 0, time.Local)
	tests := []struct {
		st   sharing.State
		want string
	}{
		{sharing.State{Online: true}, "Synced"},
		{sharing.State{Online: true, Waiting: 3}, "Sending 3 changes"},
		{sharing.State{Since: since, Waiting: 3}, "Offline since 10:42 (3 changes kept)"},
		{sharing.State{Since: since.AddDate(0, 0, -2)}, "Offline since 30 Nov 10:42"},
		{sharing.State{Online: true, Conflicts: 2}, "Synced · 2 conflicts"},
		{sharing.State{Online: true, SetAside: 1}, "Synced · 1 bad value set aside (journeymap sync names it)"},
		{sharing.State{Online: true, ViewOnly: true}, "View only: Synced"},
	}
	for _, tt := range tests {
		if got := sharingSaid(tt.st, now); got != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.st, got, tt.want)
		}
	}
}
