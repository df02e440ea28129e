package journey

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestJain(t *testing.T) {
	tests := []struct {
		name string
		xs   []float64
		want float64
	}{
		{"no members", nil, 1},
		{"zero load", []float64{0, 0, 0}, 1},
		{"even", []float64{0.5, 0.5, 0.5, 0.5}, 1},
		{"all on one of four", []float64{1, 0, 0, 0}, 0.25},
		{"two of four", []float64{1, 1, 0, 0}, 0.5},
		{"uneven", []float64{1, 0, 0.5}, 2.25 / 3.75},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Jain(tt.xs); !near(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestLoadAndFigures(t *testing.T) {
	w := small()
	wantLoads := []float64{1, 0, 0.5}
	if got := w.Loads(); !reflect.DeepEqual(got, wantLoads) {
		t.Errorf("loads: got %v, want %v", got, wantLoads)
	}
	if got, want := w.Fairness(), 2.25/3.75; !near(got, want) {
		t.Errorf("fairness: got %v, want %v", got, want)
	}
	tallies := w.Tallies()
	for id, want := range map[string]Tally{"ana": {Points: 8, Open: 2, Found: 1}, "ben": {}, "cy": {Points: 1, Open: 1, Found: 1}} {
		if got := tallies[id]; got != want {
			t.Errorf("tally of %s: got %+v, want %+v", id, got, want)
		}
	}
	if got := w.Journeys[0].Discovered().Rate(); !near(got, 2.0/3) {
		t.Errorf("discovery rate: got %v, want 2/3", got)
	}
	if got := (&Journey{}).Discovered().Rate(); got != 0 {
		t.Errorf("discovery rate of no pain points: got %v, want 0", got)
	}
}

func TestSuggest(t *testing.T) {
	tests := []struct {
		name    string
		members []Member
		p       PainPoint
		want    string
		reason  string
	}{
		{"lowest load after", nil, PainPoint{Effort: 2, Status: StatusOpen}, "ben", "lowest load after this: 50 %"}, // ben 2/4, cy 1.5, ana 1.25
		{"no one within capacity", nil, PainPoint{Effort: 8, Status: StatusOpen}, "ana",
			"no one stays within capacity; lowest load after this: 200 %"}, // ben 8/4, cy 9/2, ana 16/8 (a tie broken by name)
		{"tie goes away from the finder", []Member{
			{ID: "a", Name: "A", Capacity: 4}, {ID: "b", Name: "B", Capacity: 4},
		}, PainPoint{Effort: 1, FoundBy: "a", Status: StatusOpen}, "b",
			"lowest load after this: 25 %; A, who found it, would be at the same load"},
		{"tie without finder goes by name", []Member{
			{ID: "z", Name: "Zoe", Capacity: 4}, {ID: "y", Name: "Yann", Capacity: 4},
		}, PainPoint{Effort: 1, Status: StatusOpen}, "y", "lowest load after this: 25 %"},
		{"tie by name, then id", []Member{
			{ID: "n2", Name: "Noa", Capacity: 4}, {ID: "n1", Name: "Noa", Capacity: 4},
		}, PainPoint{Effort: 1, Status: StatusOpen}, "n1", "lowest load after this: 25 %"},
		{"finder still gets it when clearly lowest", []Member{
			{ID: "a", Name: "A", Capacity: 10}, {ID: "b", Name: "B", Capacity: 1},
		}, PainPoint{Effort: 1, FoundBy: "a", Status: StatusOpen}, "a", "lowest load after this: 10 %"},
		{"within capacity first", []Member{
			{ID: "a", Name: "A", Capacity: 2}, {ID: "b", Name: "B", Capacity: 20},
		}, PainPoint{Effort: 3, Status: StatusOpen}, "b", "lowest load after this: 15 %"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := small()
			if tt.members != nil {
				w.Members = tt.members
			}
			got, ok := w.Suggest("j1", tt.p)
			if !ok || got.Member.ID != tt.want || !strings.HasPrefix(got.Reason, tt.reason) {
				t.Errorf("got %q, %q (%v), want %q, %q…", got.Member.ID, got.Reason, ok, tt.want, tt.reason)
			}
		})
	}
	if _, ok := (&Workspace{}).Suggest("j1", PainPoint{Effort: 1}); ok {
		t.Error("no members: got a suggestion, want none")
	}
}

func TestSuggestDoesNotCountOwnedTwice(t *testing.T) {
	w := small()
	p := w.Journeys[1].PainPoints[0] // cy's, open, effort 1: cy after = 0.5 either way
	w.Members[1].Capacity = 1        // ben after taking it: 1/1 = 1
	if got, _ := w.Suggest("j2", p); got.Member.ID != "cy" {
		t.Errorf("got %q, want cy", got.Member.ID)
	}
}

func TestFairnessSaid(t *testing.T) {
	names := []string{"Ana", "Ben", "Chen Li", "Dana", "Elif"}
	tests := []struct {
		name  string
		loads []float64
		said  string
		short string
	}{
		{"even and overloaded", []float64{1.17, 1.25, 1.0, 1.5, 1.67},
			"even, but 4 of 5 members are over capacity: the task force has more work than time", "even, 4 of 5 over capacity"},
		{"even and all overloaded", []float64{1.2, 1.3, 1.25},
			"even, but all 3 members are over capacity: the task force has more work than time", "even, 3 of 3 over capacity"},
		{"uneven within capacity", []float64{0.89, 0, 0.5},
			"uneven: Ana is at 89 % of capacity, Ben at 0 %", "uneven"},
		{"uneven and one overloaded", []float64{0.2, 1.67, 0.27, 0.3, 0.25},
			"uneven: Ben is at 167 % of capacity, Ana at 20 %; 1 of 5 members is over capacity", "uneven, 1 of 5 over capacity"},
		{"even within capacity", []float64{0.625, 0.75, 0.5},
			"even: every member is within capacity", "even"},
		{"exactly full is within capacity", []float64{1, 1},
			"even: every member is within capacity", "even"},
		{"one member over", []float64{1.5},
			"even, but the only member is over capacity: the task force has more work than time", "even, 1 of 1 over capacity"},
		{"no work", []float64{0, 0, 0}, "no work assigned yet", "no work assigned yet"},
		{"no members", nil, "no members yet: add the task force to share the work", "no members yet"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ReadFairness(names[:len(tt.loads)], tt.loads)
			if got := r.Said(); got != tt.said {
				t.Errorf("said: got %q, want %q", got, tt.said)
			}
			if got := r.Short(); got != tt.short {
				t.Errorf("short: got %q, want %q", got, tt.short)
			}
		})
	}
	w := small() // ana 8 points of 8, ben 0 of 4, cy 1 of 2: 0.6
	if got, want := w.FairnessSaid(), "uneven: Ana is at 100 % of capacity, Ben at 0 %"; got != want {
		t.Errorf("the workspace: got %q, want %q", got, want)
	}
}
