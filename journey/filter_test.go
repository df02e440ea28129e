package journey

import (
	"slices"
	"testing"
)

// TestFilter narrows the small workspace's first journey by each way and by ways together:
//
//	p1 unknown, ana, open, due 2026-12-01, specific
//	p2 known, ben, done, due 2026-12-01, vague ("Improve refunds")
//	p3 unknown, ana, doing, no action
//	p5 known, unassigned (so not specific), open, due 2026-11-01
//	p6 unknown, unassigned, verified, no action
func TestFilter(t *testing.T) {
	w := small()
	j := &w.Journeys[0]
	j.PainPoints = append(j.PainPoints,
		PainPoint{ID: "p5", Stage: "s1", Title: "A", Discovery: Known, Source: SourceCall, Severity: 1, Effort: 1, Status: StatusOpen,
			Action: Action{Text: "Call the carrier about the missed pickups", Due: "2026-11-01", DoneWhen: "Pickups at 3 pm again"}},
		PainPoint{ID: "p6", Stage: "s1", Title: "B", Discovery: Unknown, Method: MethodIdea, FoundBy: "cy", Severity: 1, Effort: 1,
			Status: StatusVerified, Evidence: Evidence{Note: "Fewer calls", Date: "2026-11-20"}})
	if err := Validate(w); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		only []Show
		me   string
		want []string
	}{
		{nil, "", []string{"p1", "p2", "p3", "p5", "p6"}},
		{[]Show{ShowKnown}, "", []string{"p2", "p5"}},
		{[]Show{ShowUnknown}, "", []string{"p1", "p3", "p6"}},
		{[]Show{ShowUnassigned}, "", []string{"p5"}}, // p6 nobody owns, but its work is over
		{[]Show{ShowMine}, "ana", []string{"p1", "p3"}},
		{[]Show{ShowMine}, "ben", []string{"p2"}},
		{[]Show{ShowMine}, "", nil}, // nobody said who they are
		{[]Show{ShowOverdue}, "", []string{"p5"}},
		{[]Show{ShowNotSpecific}, "", []string{"p3", "p5"}}, // p5 has no owner; p2 is vague, but done
		{[]Show{ShowUnknown, ShowMine}, "ana", []string{"p1", "p3"}},
		{[]Show{ShowKnown, ShowUnassigned, ShowOverdue}, "", []string{"p5"}},
		{[]Show{ShowUnknown, ShowOverdue}, "", nil},
	} {
		f := Filter{Only: c.only, Me: c.me, Today: "2026-11-24"}
		var got []string
		for _, p := range j.PainPoints {
			if f.Holds(p) {
				got = append(got, p.ID)
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q (me %q): %q, want %q", c.only, c.me, got, c.want)
		}
	}
	if got, want := (Filter{Only: []Show{ShowUnknown, ShowMine}, Me: "ana"}).Said(j), "2 of 5 pain points: unknown, mine"; got != want {
		t.Errorf("said %q, want %q", got, want)
	}
	if got := (Filter{}).Said(j); got != "" {
		t.Errorf("no filter said %q", got)
	}
}

// TestFilterToggle: ways come on and off in the menu's order, and known and unknown exclude
// each other.
func TestFilterToggle(t *testing.T) {
	var f Filter
	for _, c := range []struct {
		toggle Show
		want   []Show
	}{
		{ShowOverdue, []Show{ShowOverdue}},
		{ShowKnown, []Show{ShowKnown, ShowOverdue}},
		{ShowUnknown, []Show{ShowUnknown, ShowOverdue}},
		{ShowUnassigned, []Show{ShowUnknown, ShowUnassigned, ShowOverdue}},
		{ShowUnknown, []Show{ShowUnassigned, ShowOverdue}},
		{ShowOverdue, []Show{ShowUnassigned}},
		{ShowUnassigned, nil},
	} {
		f = f.Toggle(c.toggle)
		if !slices.Equal(f.Only, c.want) {
			t.Fatalf("after %q: %q, want %q", c.toggle, f.Only, c.want)
		}
	}
}
