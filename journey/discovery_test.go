package journey

import (
	"reflect"
	"testing"
	"time"
)

// TestDiscovery: known and unknown per journey, per stage and for the task force; each
// member's credit in the journey and in all; and unknown pain points per week, every one
// counted somewhere.
func TestDiscovery(t *testing.T) {
	w := small()
	j := &w.Journeys[0]
	j.PainPoints[0].FoundOn = "2026-11-16" // p1 unknown by ana: a Monday, the first day of its week
	j.PainPoints[1].FoundOn = "2026-11-17" // p2 known: in no week
	j.PainPoints[2].FoundOn = "2026-11-29" // p3 unknown by cy: a Sunday, the last day of its week
	more := []PainPoint{
		{ID: "p5", Stage: "s1", Title: "A", Discovery: Unknown, Method: MethodData, FoundBy: "cy", FoundOn: "2026-11-18", Severity: 1, Effort: 1, Status: StatusOpen},
		{ID: "p6", Stage: "s1", Title: "B", Discovery: Unknown, Method: MethodData, FoundBy: "cy", FoundOn: "2026-11-08", Severity: 1, Effort: 1, Status: StatusOpen},
		{ID: "p7", Stage: "s1", Title: "C", Discovery: Unknown, Method: MethodData, FoundBy: "ben", FoundOn: "2026-12-07", Severity: 1, Effort: 1, Status: StatusOpen},
		{ID: "p8", Stage: "s2", Title: "D", Discovery: Unknown, Method: MethodIdea, FoundBy: "ana", Severity: 1, Effort: 1, Status: StatusOpen},
	}
	j.PainPoints = append(j.PainPoints, more...)
	w.Journeys[1].PainPoints = append(w.Journeys[1].PainPoints, PainPoint{ID: "p9", Stage: "s1", Title: "E",
		Discovery: Unknown, Method: MethodShadowing, FoundBy: "ben", FoundOn: "2026-11-30", Severity: 1, Effort: 1, Status: StatusOpen})
	if err := Validate(w); err != nil {
		t.Fatal(err)
	}

	// Thursday 3 December 2026, late in the evening: the weeks of 16, 23 and 30 November.
	today := time.Date(2026, 12, 3, 23, 30, 0, 0, time.FixedZone("UTC+5", 5*3600))
	v := w.Discovery("j1", today, 3)
	if v == nil {
		t.Fatal("no view of j1")
	}
	if want := (Discovered{Known: 1, Unknown: 6}); v.Journey != want || v.Journey.All() != 7 {
		t.Errorf("journey: %+v, want %+v", v.Journey, want)
	}
	if rate := v.Journey.Rate(); rate != 6.0/7 || rate != j.Discovered().Rate() {
		t.Errorf("discovery rate %v, want 6/7 as the journey's %v", rate, j.Discovered().Rate())
	}
	if want := (Discovered{Known: 2, Unknown: 7}); v.TaskForce != want {
		t.Errorf("task force: %+v, want %+v", v.TaskForce, want)
	}
	stages := []StageDiscovered{{j.Stages[0], Discovered{Unknown: 4}}, {j.Stages[1], Discovered{Known: 1, Unknown: 2}}}
	if !reflect.DeepEqual(v.Stages, stages) {
		t.Errorf("stages: %+v, want %+v", v.Stages, stages)
	}
	diggers := []Digger{{w.Members[2], 3, 3}, {w.Members[0], 2, 2}, {w.Members[1], 1, 2}}
	if !reflect.DeepEqual(v.Diggers, diggers) {
		t.Errorf("diggers: %+v, want %+v", v.Diggers, diggers)
	}
	day := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }
	weeks := []WeekFound{{day(16), 2}, {day(23), 1}, {day(30), 0}}
	if !reflect.DeepEqual(v.Weeks, weeks) {
		t.Errorf("weeks: %+v, want %+v", v.Weeks, weeks)
	}
	if v.Earlier != 1 || v.Later != 1 || v.Undated != 1 {
		t.Errorf("apart: %d earlier, %d later, %d undated; want 1 each", v.Earlier, v.Later, v.Undated)
	}
	if n := v.FoundInWeeks() + v.Earlier + v.Later + v.Undated; n != v.Journey.Unknown {
		t.Errorf("%d unknown pain points counted, of %d", n, v.Journey.Unknown)
	}
	want := "3 unknown pain points found in the last 3 weeks; most in the week of 16 Nov (2); " +
		"1 earlier, 1 dated after this week, 1 with no found date."
	if got := v.WeeksSaid(); got != want {
		t.Errorf("said %q,\nwant %q", got, want)
	}
}

func TestDiscoveryEdges(t *testing.T) {
	sunday := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name  string
		edit  func(*Workspace)
		id    string
		weeks int
		check func(*testing.T, *DiscoveryView)
	}{
		{"no such journey", nil, "nosuch", 4, func(t *testing.T, v *DiscoveryView) {
			if v != nil {
				t.Errorf("a view of no journey: %+v", v)
			}
		}},
		{"no pain points", func(w *Workspace) { w.Journeys[0].PainPoints = nil }, "j1", 4, func(t *testing.T, v *DiscoveryView) {
			if v.Journey.All() != 0 || v.Journey.Rate() != 0 {
				t.Errorf("journey %+v, rate %v; want none, 0", v.Journey, v.Journey.Rate())
			}
			if got, want := v.WeeksSaid(), "No unknown pain points found in the last 4 weeks."; got != want {
				t.Errorf("said %q, want %q", got, want)
			}
		}},
		{"a Sunday is the last day of its week", func(w *Workspace) { w.Journeys[0].PainPoints[0].FoundOn = "2026-11-29" }, "j1", 2,
			func(t *testing.T, v *DiscoveryView) {
				if v.Weeks[1].Start != time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC) || v.Weeks[1].Found != 1 {
					t.Errorf("weeks %+v: want the one found on Sunday in the week of Monday 23 Nov", v.Weeks)
				}
			}},
		{"weeks alike: none named the busiest", func(w *Workspace) {
			w.Journeys[0].PainPoints[0].FoundOn, w.Journeys[0].PainPoints[2].FoundOn = "2026-11-20", "2026-11-27"
		}, "j1", 2, func(t *testing.T, v *DiscoveryView) {
			if got, want := v.WeeksSaid(), "2 unknown pain points found in the last 2 weeks."; got != want {
				t.Errorf("said %q, want %q", got, want)
			}
		}},
		{"a finder who is no member is credited to nobody", func(w *Workspace) { w.Members = w.Members[:2] }, "j1", 1,
			func(t *testing.T, v *DiscoveryView) {
				if len(v.Diggers) != 2 {
					t.Errorf("diggers %+v, want the 2 members", v.Diggers)
				}
			}},
		{"no weeks asked for", nil, "j1", 0, func(t *testing.T, v *DiscoveryView) {
			if len(v.Weeks) != 0 || v.WeeksSaid() != "" || v.Undated != 2 {
				t.Errorf("weeks %+v, said %q, undated %d", v.Weeks, v.WeeksSaid(), v.Undated)
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := small()
			if c.edit != nil {
				c.edit(w)
			}
			c.check(t, w.Discovery(c.id, sunday, c.weeks))
		})
	}
}
