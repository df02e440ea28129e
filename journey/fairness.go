package journey

import (
	"cmp"
	"fmt"
	"slices"
)

// LoadPoints is the effort of a member's open and doing pain points across all journeys.
func (w *Workspace) LoadPoints(member string) int {
	sum := 0
	for _, j := range w.Journeys {
		for _, p := range j.PainPoints {
			if p.Owner == member && p.Active() {
				sum += p.Effort
			}
		}
	}
	return sum
}

// Load is a member's load points divided by their capacity: 1 means fully booked.
// A member with no capacity (which validation forbids) has load 0 rather than infinity.
func (w *Workspace) Load(m Member) float64 {
	if m.Capacity <= 0 {
		return 0
	}
	return float64(w.LoadPoints(m.ID)) / float64(m.Capacity)
}

// Loads returns every member's load, in member order.
func (w *Workspace) Loads() []float64 {
	tallies := w.Tallies()
	loads := make([]float64, len(w.Members))
	for i, m := range w.Members {
		loads[i] = tallies[m.ID].Load(m)
	}
	return loads
}

// Tally is what the pain points hold for one member.
type Tally struct {
	Points int // effort of the open and doing pain points they own
	Open   int // how many those are
	Found  int // unknown pain points they found: their digging credit
}

// Load is the tally's points divided by the member's capacity, as Workspace.Load.
func (t Tally) Load(m Member) float64 {
	if m.Capacity <= 0 {
		return 0
	}
	return float64(t.Points) / float64(m.Capacity)
}

// Tallies counts every member's tally in one pass over the pain points, by member id: asking
// each member in turn would cost members × pain points.
func (w *Workspace) Tallies() map[string]Tally {
	tallies := make(map[string]Tally, len(w.Members))
	for _, j := range w.Journeys {
		for _, p := range j.PainPoints {
			if p.Owner != "" && p.Active() {
				t := tallies[p.Owner]
				t.Points += p.Effort
				t.Open++
				tallies[p.Owner] = t
			}
			if p.Discovery == Unknown && p.FoundBy != "" {
				t := tallies[p.FoundBy]
				t.Found++
				tallies[p.FoundBy] = t
			}
		}
	}
	return tallies
}

// Fairness is Jain's index over the members' loads: (Σx)² ÷ (n·Σx²). 1 means the work is
// spread evenly; 1/n means one person carries all of it. With no members or no load it is 1.
func (w *Workspace) Fairness() float64 {
	return Jain(w.Loads())
}

// Jain is Jain's fairness index of the values; 1 for none or all zero.
func Jain(xs []float64) float64 {
	var sum, sq float64
	for _, x := range xs {
		sum += x
		sq += x * x
	}
	return jain(float64(len(xs)), sum, sq)
}

// DiggingCredit is how many unknown pain points the member found, across all journeys.
func (w *Workspace) DiggingCredit(member string) int {
	n := 0
	for _, j := range w.Journeys {
		for _, p := range j.PainPoints {
			if p.Discovery == Unknown && p.FoundBy == member {
				n++
			}
		}
	}
	return n
}

// OpenCount is how many open or doing pain points the member owns.
func (w *Workspace) OpenCount(member string) int {
	n := 0
	for _, j := range w.Journeys {
		for _, p := range j.PainPoints {
			if p.Owner == member && p.Active() {
				n++
			}
		}
	}
	return n
}

// UnassignedCount is how many of the journey's open or doing pain points nobody owns.
func (j *Journey) UnassignedCount() int {
	return countIf(j.PainPoints, func(p PainPoint) bool { return p.Owner == "" && p.Active() })
}

// pointsBesides is the member's load points without the stored pain point of that journey and
// id, so that asking about a pain point already on someone's plate does not count it twice.
func (w *Workspace) pointsBesides(member, journey, painPoint string) int {
	points := w.LoadPoints(member)
	if j := w.Journey(journey); j != nil {
		if p := j.painPoint(painPoint); p != nil && p.Owner == member && p.Active() {
			points -= p.Effort
		}
	}
	return points
}

// Suggestion is the fair owner for a pain point, with why.
type Suggestion struct {
	Member    Member
	LoadAfter float64 // the member's load once they own it
	Reason    string  // e.g. "lowest load after this: 40 %"
}

// Suggest returns the member who should own the pain point of the journey (stored or new) so
// that the work stays fair: among the members whose load after taking it stays within their
// capacity (if none, among all), the one whose load after is lowest; ties go to a member who
// did not find it, then by name, then id. It returns false when the workspace has no members.
func (w *Workspace) Suggest(journey string, p PainPoint) (Suggestion, bool) {
	if len(w.Members) == 0 {
		return Suggestion{}, false
	}
	type option struct {
		m        Member
		points   int // after taking it
		capacity int
		finder   bool
	}
	opts := make([]option, len(w.Members))
	for i, m := range w.Members {
		opts[i] = option{m, w.pointsBesides(m.ID, journey, p.ID) + p.Effort, max(m.Capacity, 1), p.FoundBy != "" && p.FoundBy == m.ID}
	}
	// a/b against c/d, as a·d against c·b: capacities are positive.
	byLoad := func(a, b option) int { return cmp.Compare(a.points*b.capacity, b.points*a.capacity) }
	fits := slices.ContainsFunc(opts, func(o option) bool { return o.points <= o.capacity })
	if fits {
		opts = slices.DeleteFunc(opts, func(o option) bool { return o.points > o.capacity })
	}
	best := slices.MinFunc(opts, func(a, b option) int {
		if c := byLoad(a, b); c != 0 {
			return c
		}
		if a.finder != b.finder {
			if b.finder {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(a.m.Name, b.m.Name), cmp.Compare(a.m.ID, b.m.ID))
	})
	after := float64(best.points) / float64(best.capacity)
	reason := fmt.Sprintf("lowest load after this: %.0f %%", after*100)
	if !fits {
		reason = fmt.Sprintf("no one stays within capacity; lowest load after this: %.0f %%", after*100)
	}
	for _, o := range opts {
		if o.finder && o.m.ID != best.m.ID && byLoad(o, best) == 0 {
			reason += fmt.Sprintf("; %s, who found it, would be at the same load", o.m.Name)
		}
	}
	return Suggestion{Member: best.m, LoadAfter: after, Reason: reason}, true
}

func (j *Journey) painPoint(id string) *PainPoint {
	for i := range j.PainPoints {
		if j.PainPoints[i].ID == id {
			return &j.PainPoints[i]
		}
	}
	return nil
}

// FairnessSaid reads the fairness index in plain words: "even", or "uneven: Ana carries 45 %
// of the work" naming who carries the largest share of the load points, or "no work assigned".
func (w *Workspace) FairnessSaid() string {
	tallies := w.Tallies()
	total, most := 0, Member{}
	loads := make([]float64, len(w.Members))
	for i, m := range w.Members {
		t := tallies[m.ID]
		loads[i] = t.Load(m)
		total += t.Points
		if most.ID == "" || t.Points > tallies[most.ID].Points {
			most = m
		}
	}
	switch f := Jain(loads); {
	case total == 0:
		return "no work assigned yet"
	case f >= DefaultTarget:
		return "even"
	default:
		return fmt.Sprintf("uneven: %s carries %.0f %% of the work", most.Name, 100*float64(tallies[most.ID].Points)/float64(total))
	}
}
