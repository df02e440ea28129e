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

// FairnessSaid reads the fairness index in plain words, overload beside evenness, as
// FairnessReading.Said says it.
func (w *Workspace) FairnessSaid() string { return w.ReadFairness().Said() }

// FairnessReading is what a CX lead needs to read the fairness index right: how evenly the
// work is spread, and beside it whether there is more of it than the members have time for.
// An even spread of too much work is still too much work.
type FairnessReading struct {
	Index   float64
	Members int // members in the task force
	Over    int // members above 100 % of their capacity
	// Most and Least are the members with the highest and the lowest load, and their loads.
	Most, Least         string
	MostLoad, LeastLoad float64
}

// ReadFairness reads the workspace's fairness: Jain's index over the members' loads, and
// who is over capacity.
func (w *Workspace) ReadFairness() FairnessReading {
	names := make([]string, len(w.Members))
	for i, m := range w.Members {
		names[i] = m.Name
	}
	return ReadFairness(names, w.Loads())
}

// ReadFairness reads members' loads (in their order, with their names): ties for the most
// and the least loaded go to the first member.
func ReadFairness(names []string, loads []float64) FairnessReading {
	r := FairnessReading{Index: Jain(loads), Members: len(loads)}
	for i, x := range loads {
		if x > 1+overEpsilon {
			r.Over++
		}
		if i == 0 || x > r.MostLoad {
			r.Most, r.MostLoad = names[i], x
		}
		if i == 0 || x < r.LeastLoad {
			r.Least, r.LeastLoad = names[i], x
		}
	}
	return r
}

// overEpsilon keeps a load of exactly 100 %, summed from fractions, within capacity.
const overEpsilon = 1e-9

// Even reports whether the work is spread evenly enough: at least the default target.
func (r FairnessReading) Even() bool { return r.Index >= DefaultTarget }

// Said is the reading in words, lower case, to follow "Fairness 0.96: ": "even, but 4 of 5
// members are over capacity: the task force has more work than time", "uneven: Ben is at
// 167 % of capacity, Chen Li at 20 %", "even: every member is within capacity".
func (r FairnessReading) Said() string {
	switch {
	case r.Members == 0:
		return "no members yet: add the task force to share the work"
	case r.MostLoad == 0:
		return "no work assigned yet"
	case r.Even() && r.Over == 0:
		return "even: every member is within capacity"
	case r.Even():
		return "even, but " + r.overSaid() + ": the task force has more work than time"
	}
	s := fmt.Sprintf("uneven: %s is at %.0f %% of capacity, %s at %.0f %%", r.Most, 100*r.MostLoad, r.Least, 100*r.LeastLoad)
	if r.Over > 0 {
		s += "; " + r.overSaid()
	}
	return s
}

// Short is the reading for a status bar: "even, 4 of 5 over capacity", "uneven", "even".
func (r FairnessReading) Short() string {
	switch {
	case r.Members == 0:
		return "no members yet"
	case r.MostLoad == 0:
		return "no work assigned yet"
	}
	s := "uneven"
	if r.Even() {
		s = "even"
	}
	if r.Over > 0 {
		s += fmt.Sprintf(", %d of %d over capacity", r.Over, r.Members)
	}
	return s
}

// overSaid says how many members are over capacity: "4 of 5 members are", "all 3 members
// are", "the only member is", "1 of 5 members is".
func (r FairnessReading) overSaid() string {
	switch {
	case r.Members == 1:
		return "the only member is over capacity"
	case r.Over == r.Members:
		return fmt.Sprintf("all %d members are over capacity", r.Members)
	case r.Over == 1:
		return fmt.Sprintf("1 of %d members is over capacity", r.Members)
	}
	return fmt.Sprintf("%d of %d members are over capacity", r.Over, r.Members)
}
