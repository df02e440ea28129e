package journey

import (
	"slices"
	"time"
)

// Move is one proposed change of owner for an active pain point.
type Move struct {
	Journey   string `json:"journey"`
	PainPoint string `json:"painPoint"`
	From      string `json:"from"`
	To        string `json:"to"`
}

// Proposal is what Rebalance proposes: moves, and the fairness before and after them.
type Proposal struct {
	Target  float64 `json:"target"`
	Before  float64 `json:"before"`
	After   float64 `json:"after"`
	Reached bool    `json:"reached"` // After is at least Target
	// Fewest is true when no proposal with fewer moves reaches the target (or, when the target
	// is not reached, when no proposal of up to ExactMoves moves is fairer).
	Fewest bool   `json:"fewest"`
	Moves  []Move `json:"moves"`
}

// DefaultTarget is the fairness a rebalance aims at unless told otherwise.
const DefaultTarget = 0.9

// ExactMoves is how many moves Rebalance searches through exhaustively; past that it adds the
// best single move at a time.
const ExactMoves = 3

// maxRebalanceMoves bounds a proposal so it stays something a team can discuss in one sitting.
const maxRebalanceMoves = 20

// Rebalance proposes moves of assigned open or doing pain points to other members so that the
// task force's fairness reaches target, no member who receives one ending above their
// capacity: the fewest moves that reach it, and among those the fairest. Up to ExactMoves
// moves it searches every choice, within budget; when that runs out, or more moves are
// needed, it adds the best single move at a time and says the result may not be the fewest.
// When the target can't be reached it proposes the fairest it found, and never a proposal
// that lowers fairness. It changes nothing: the caller applies the moves the user accepts.
func (w *Workspace) Rebalance(target float64, budget time.Duration) Proposal {
	r := newRebalancer(w, time.Now().Add(budget))
	p := Proposal{Target: target, Before: r.fairness(), Fewest: true}
	p.After = p.Before
	if p.Before >= target-fairnessSlack || len(w.Members) < 2 {
		p.Reached = p.Before >= target-fairnessSlack
		return p
	}
	best := r.exact(target)
	if best.fairness < target-fairnessSlack {
		p.Fewest = r.complete
		// greedy adds only moves that raise fairness: more moves, a fairer proposal.
		if more := r.greedy(best, target); len(more.steps) > len(best.steps) {
			best, p.Fewest = more, false
		}
	}
	if best.fairness <= p.Before+fairnessSlack {
		return p // nothing found is fairer than now
	}
	p.Reached = best.fairness >= target-fairnessSlack
	p.After, p.Moves = best.fairness, r.moves(best.steps)
	return p
}

// fairnessSlack absorbs rounding in sums of loads.
const fairnessSlack = 1e-12

// rebalancer holds a task force's loads as it tries moves on them.
type rebalancer struct {
	w        *Workspace
	caps     []float64
	points   []float64
	groups   []itemGroup // owned active pain points by owner and effort
	kinds    []moveKind  // every (group, receiver) pair
	deadline time.Time
	tries    int
	complete bool // the exact search went through every choice
}

// itemGroup is the owned active pain points of one owner and one effort: moving any of them
// has the same effect, so the search tries each group once, not each pain point.
type itemGroup struct {
	from   int
	effort float64
	items  [][2]string // journey id, pain point id, in stored order
}

type moveKind struct{ group, to int }

// state is a set of moves (kinds, in search order) and the fairness they reach.
type state struct {
	steps    []moveKind
	fairness float64
}

func newRebalancer(w *Workspace, deadline time.Time) *rebalancer {
	r := &rebalancer{w: w, deadline: deadline, complete: true}
	index := make(map[string]int, len(w.Members))
	for i, m := range w.Members {
		index[m.ID] = i
		r.caps = append(r.caps, float64(max(m.Capacity, 1)))
		r.points = append(r.points, float64(w.LoadPoints(m.ID)))
	}
	at := map[[2]int]int{}
	for _, j := range w.Journeys {
		for _, p := range j.PainPoints {
			from, ok := index[p.Owner]
			if !ok || !p.Active() {
				continue
			}
			key := [2]int{from, p.Effort}
			g, ok := at[key]
			if !ok {
				g = len(r.groups)
				at[key] = g
				r.groups = append(r.groups, itemGroup{from: from, effort: float64(p.Effort)})
			}
			r.groups[g].items = append(r.groups[g].items, [2]string{j.ID, p.ID})
		}
	}
	for g, grp := range r.groups {
		for to := range w.Members {
			if to != grp.from {
				r.kinds = append(r.kinds, moveKind{g, to})
			}
		}
	}
	return r
}

func (r *rebalancer) fairness() float64 {
	var s1, s2 float64
	for i, p := range r.points {
		x := p / r.caps[i]
		s1 += x
		s2 += x * x
	}
	if s2 == 0 {
		return 1
	}
	return s1 * s1 / (float64(len(r.points)) * s2)
}

func (r *rebalancer) apply(k moveKind, sign float64) {
	g := r.groups[k.group]
	r.points[g.from] -= sign * g.effort
	r.points[k.to] += sign * g.effort
}

// receiversFit tells whether every member who receives a pain point in steps ends within
// their capacity.
func (r *rebalancer) receiversFit(steps []moveKind) bool {
	for _, k := range steps {
		if r.points[k.to] > r.caps[k.to] {
			return false
		}
	}
	return true
}

// exact tries every set of up to ExactMoves moves, fewest first, and returns the fairest set
// of the fewest moves that reaches target, or else the fairest set it tried.
func (r *rebalancer) exact(target float64) state {
	best := state{fairness: -1}
	used := make([]int, len(r.groups))
	var steps []moveKind
	var try func(from, depth int) bool
	try = func(from, depth int) bool {
		if len(steps) == depth {
			if f := r.fairness(); r.receiversFit(steps) && f > best.fairness+fairnessSlack {
				best = state{slices.Clone(steps), f}
			}
			r.tries++
			return r.tries%4096 != 0 || time.Now().Before(r.deadline)
		}
		for i := from; i < len(r.kinds); i++ {
			k := r.kinds[i]
			if used[k.group] == len(r.groups[k.group].items) {
				continue
			}
			used[k.group]++
			steps = append(steps, k)
			r.apply(k, 1)
			ok := try(i, depth)
			r.apply(k, -1)
			steps = steps[:len(steps)-1]
			used[k.group]--
			if !ok {
				return false
			}
		}
		return true
	}
	var fairest state
	for depth := 1; depth <= ExactMoves && r.complete; depth++ {
		best = state{fairness: -1}
		r.complete = try(0, depth)
		if best.fairness >= target-fairnessSlack {
			return best
		}
		if best.fairness > fairest.fairness {
			fairest = best
		}
	}
	return fairest
}

// greedy adds to a set of moves the single move that raises fairness most, while one does and
// the target is not reached.
func (r *rebalancer) greedy(from state, target float64) state {
	used := make([]int, len(r.groups))
	for _, k := range from.steps {
		r.apply(k, 1)
		used[k.group]++
	}
	cur := state{slices.Clone(from.steps), r.fairness()}
	for len(cur.steps) < maxRebalanceMoves && cur.fairness < target-fairnessSlack {
		best, bestF := -1, cur.fairness+fairnessSlack
		for i, k := range r.kinds {
			if used[k.group] == len(r.groups[k.group].items) {
				continue
			}
			r.apply(k, 1)
			// The moves so far fit, and this one adds only to its receiver.
			if f := r.fairness(); f > bestF && r.points[k.to] <= r.caps[k.to] {
				best, bestF = i, f
			}
			r.apply(k, -1)
		}
		if best < 0 {
			break
		}
		k := r.kinds[best]
		r.apply(k, 1)
		used[k.group]++
		cur = state{append(cur.steps, k), bestF}
	}
	for _, k := range cur.steps {
		r.apply(k, -1)
	}
	return cur
}

// moves turns the search's kinds of move into moves of pain points: each group gives its
// pain points in stored order.
func (r *rebalancer) moves(steps []moveKind) []Move {
	next := make([]int, len(r.groups))
	out := make([]Move, 0, len(steps))
	for _, k := range steps {
		g := r.groups[k.group]
		item := g.items[next[k.group]]
		next[k.group]++
		out = append(out, Move{Journey: item[0], PainPoint: item[1], From: r.w.Members[g.from].ID, To: r.w.Members[k.to].ID})
	}
	return out
}
