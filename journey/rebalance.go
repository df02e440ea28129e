package journey

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"
)

// Move is one proposed change of owner for an active pain point.
type Move struct {
	PainPoint string `json:"painPoint"`
	Journey   string `json:"journey"`
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
	// is not reached, when no proposal of up to ExactMoves moves is fairer). The command
	// line's JSON keeps to the documented keys; its text says this.
	Fewest bool   `json:"-"`
	Moves  []Move `json:"moves"`
}

// DefaultTarget is the fairness a rebalance aims at unless told otherwise.
const DefaultTarget = 0.9

// RebalanceBudget is how long the app and the command line let a rebalance search: long
// enough for every set of up to three moves on a large task force, short enough to wait for.
const RebalanceBudget = time.Second

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

// rebalancer holds a task force's loads as it tries moves on them. Loads are points ÷
// capacity; s1 and s2 are their sum and sum of squares, kept as moves are tried, so judging a
// move costs the same for 20 members as for 2.
type rebalancer struct {
	w        *Workspace
	n        float64
	caps     []float64
	per      []float64 // 1 ÷ capacity: multiplying is cheaper than dividing, a billion times
	points   []float64 // whole numbers, so trying and taking back a move leaves them exact
	s1, s2   float64
	groups   []itemGroup // owned active pain points by owner and effort, most promising first
	perGroup int         // receivers of each group: every member but its owner
	kinds    []moveKind  // group by group: group g's are kinds[g*perGroup:(g+1)*perGroup]
	efforts  []float64   // the efforts any group has
	owns     [][]bool    // per member and effort index, whether they own such a pain point
	rises    []float64   // per effort index, the most one move of it can add to s1
	smallest float64     // the smallest capacity
	lasts    []reach     // per effort index, what a last move may do after one more (boundLast)
	grows    []float64   // per effort index, the least a last move grows s2 by (searchLast)
	steps    []moveKind
	used     []int // per group, how many of its pain points steps moves
	best     state
	deadline time.Time
	tries    int
	complete bool // the exact search went through every choice
}

// itemGroup is the owned active pain points of one owner and one effort: moving any of them
// has the same effect, so the search tries each group once, not each pain point.
type itemGroup struct {
	from   int
	effort float64
	size   int         // the effort's index in rebalancer.efforts
	items  [][2]string // journey id, pain point id, in stored order
}

type moveKind struct{ group, to int }

// reach bounds what one move may do to the sums: the most it drops s2 by through its giver,
// and the least it grows s2 by through its receiver.
type reach struct{ drop, grow float64 }

// state is a set of moves (kinds, in search order) and the fairness they reach.
type state struct {
	steps    []moveKind
	fairness float64
}

func newRebalancer(w *Workspace, deadline time.Time) *rebalancer {
	r := &rebalancer{w: w, n: float64(len(w.Members)), deadline: deadline, complete: true}
	index := make(map[string]int, len(w.Members))
	for i, m := range w.Members {
		index[m.ID] = i
		r.caps = append(r.caps, float64(max(m.Capacity, 1)))
		r.per = append(r.per, 1/float64(max(m.Capacity, 1)))
		r.points = append(r.points, 0)
	}
	at := map[[2]int]int{}
	for _, j := range w.Journeys {
		for _, p := range j.PainPoints {
			from, ok := index[p.Owner]
			if !ok || !p.Active() {
				continue
			}
			r.points[from] += float64(p.Effort)
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
	for i := range r.points {
		x := r.load(i)
		r.s1 += x
		r.s2 += x * x
	}
	for _, g := range r.groups {
		if !slices.Contains(r.efforts, g.effort) {
			r.efforts = append(r.efforts, g.effort)
		}
	}
	r.smallest = slices.Min(r.caps)
	r.owns = make([][]bool, len(w.Members))
	for i := range r.owns {
		r.owns[i] = make([]bool, len(r.efforts))
	}
	r.rises = make([]float64, len(r.efforts))
	for i := range r.rises {
		r.rises[i] = math.Inf(-1)
	}
	for g := range r.groups {
		grp := &r.groups[g]
		grp.size = slices.Index(r.efforts, grp.effort)
		r.owns[grp.from][grp.size] = true
		r.rises[grp.size] = max(r.rises[grp.size], grp.effort/r.smallest-grp.effort/r.caps[grp.from])
	}
	r.lasts = make([]reach, len(r.efforts))
	r.grows = make([]float64, len(r.efforts))

	// Trying the groups whose best single move helps most first finds a fair set early, and
	// the fairer the best set so far, the more of the rest the bounds rule out.
	gain := make([]float64, len(r.groups))
	for g := range r.groups {
		gain[g] = -1
		for to := range w.Members {
			if f, ok := r.lastMove(g, to, -1); ok && to != r.groups[g].from {
				gain[g] = max(gain[g], f)
			}
		}
	}
	order := make([]int, len(r.groups))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(gain[b], gain[a]) })
	groups := make([]itemGroup, len(order))
	for i, g := range order {
		groups[i] = r.groups[g]
	}
	r.groups = groups
	r.perGroup = len(w.Members) - 1
	for g, grp := range r.groups {
		for to := range w.Members {
			if to != grp.from {
				r.kinds = append(r.kinds, moveKind{g, to})
			}
		}
	}
	r.used = make([]int, len(r.groups))
	return r
}

func (r *rebalancer) load(i int) float64 { return r.points[i] * r.per[i] }

// jain is Jain's index of n values from their sum s1 and sum of squares s2; 1 when every
// value is 0 (or there are none).
func jain(n, s1, s2 float64) float64 {
	if s2 <= 0 {
		return 1
	}
	return s1 * s1 / (n * s2)
}

// fairness is Jain's index of the loads, summed afresh rather than from s1 and s2.
func (r *rebalancer) fairness() float64 {
	var s1, s2 float64
	for i := range r.points {
		x := r.load(i)
		s1 += x
		s2 += x * x
	}
	return jain(r.n, s1, s2)
}

// change is what moving effort e to (e > 0) or from (e < 0) member i adds to s1 and s2.
func (r *rebalancer) change(i int, e float64) (d1, d2 float64) {
	x, y := r.load(i), (r.points[i]+e)*r.per[i]
	return y - x, y*y - x*x
}

// after is s1 and s2 once a pain point of group g has moved to member to.
func (r *rebalancer) after(g itemGroup, to int) (s1, s2 float64) {
	a1, a2 := r.change(g.from, -g.effort)
	t1, t2 := r.change(to, g.effort)
	return r.s1 + a1 + t1, r.s2 + a2 + t2
}

// take applies a move to the loads; give it back with undo and the sums take returned.
func (r *rebalancer) take(k moveKind) (s1, s2 float64) {
	s1, s2 = r.s1, r.s2
	g := r.groups[k.group]
	r.s1, r.s2 = r.after(g, k.to)
	r.points[g.from] -= g.effort
	r.points[k.to] += g.effort
	r.steps = append(r.steps, k)
	r.used[k.group]++
	return s1, s2
}

func (r *rebalancer) undo(s1, s2 float64) {
	k := r.steps[len(r.steps)-1]
	r.steps = r.steps[:len(r.steps)-1]
	r.used[k.group]--
	g := r.groups[k.group]
	r.points[g.from] += g.effort
	r.points[k.to] -= g.effort
	r.s1, r.s2 = s1, s2
}

// lastMove is the fairness after moving one pain point of group g to member to on top of
// steps, and whether every receiver then fits: over is the one receiver of steps above
// capacity now (-1 for none), whom only giving this pain point away can bring back.
func (r *rebalancer) lastMove(g, to, over int) (float64, bool) {
	grp := r.groups[g]
	if r.points[to]+grp.effort > r.caps[to] || (over >= 0 && (over != grp.from || r.points[over]-grp.effort > r.caps[over])) {
		return 0, false
	}
	s1, s2 := r.after(grp, to)
	return jain(r.n, s1, s2), true
}

// drop is the most giving away a pain point of effort e takes off s2 through member i's load
// (less when they hold fewer points than that).
func (r *rebalancer) drop(i int, e float64) float64 {
	_, d2 := r.change(i, -min(e, r.points[i]))
	return -d2
}

// grow is the least receiving a pain point of effort e adds to s2 through member i's load,
// infinite when it would put them above capacity.
func (r *rebalancer) grow(i int, e float64) float64 {
	if r.points[i]+e > r.caps[i] {
		return math.Inf(1)
	}
	_, d2 := r.change(i, e)
	return d2
}

// The search is bounded: a set of moves is only tried when it could beat the best found so
// far. Loads enter fairness only through s1 and s2; a move adds at most rises[e] to s1, takes
// off s2 at most what its giver's load loses, and adds at least what its receiver's gains.
// Over several moves, a member who both gives and receives makes the last bound unsound, so
// receivers count only for the last move, whose giver and receiver are told apart.

// ceiling is the most fairness can reach with two more moves from here: each has a giver, so
// the best pair of givers (or one giver twice) bounds them all.
func (r *rebalancer) ceiling() float64 {
	best := 0.0
	var gives [][2]float64 // rise, drop
	for i := range r.points {
		for e, ok := range r.owns[i] {
			if ok {
				gives = append(gives, [2]float64{r.rises[e], r.drop(i, r.efforts[e])})
			}
		}
	}
	for i, a := range gives {
		for _, b := range gives[i:] {
			best = max(best, r.bound(r.s1+a[0]+b[0], r.s2-a[1]-b[1]))
		}
	}
	return best
}

// bound is Jain's index of sums that may be out of reach of any loads: s1 below 0 is as 0,
// s2 at or below 0 allows anything.
func (r *rebalancer) bound(s1, s2 float64) float64 {
	if s2 <= 0 {
		return 1
	}
	return jain(r.n, max(s1, 0), s2)
}

// search tries every set of left more moves of kinds from index from on (so each set once),
// keeping the fairest that fits in r.best. It returns false when the budget ran out.
func (r *rebalancer) search(from, left int) bool {
	if left == 1 {
		return r.searchLast(from)
	}
	if left == 2 {
		if r.ceiling() <= r.best.fairness+fairnessSlack {
			return true
		}
		r.boundLast()
	}
	for i := from; i < len(r.kinds); i++ {
		k := r.kinds[i]
		if r.used[k.group] == len(r.groups[k.group].items) {
			i = (k.group+1)*r.perGroup - 1 // the rest of this group's kinds move the same pain points
			continue
		}
		if left == 2 && r.ruledOut(k) {
			continue
		}
		s1, s2 := r.take(k)
		ok := r.search(i, left-1)
		r.undo(s1, s2)
		if !ok {
			return false
		}
	}
	return true
}

// boundLast fills r.lasts: for each effort, the most any member who owns such a pain point
// can drop s2 by giving one away, and the least any member it fits grows s2 by receiving it.
func (r *rebalancer) boundLast() {
	for e, effort := range r.efforts {
		l := reach{grow: math.Inf(1)}
		for i := range r.points {
			if r.owns[i][e] {
				l.drop = max(l.drop, r.drop(i, effort))
			}
			l.grow = min(l.grow, r.grow(i, effort))
		}
		r.lasts[e] = l
	}
}

// ruledOut tells whether move k and then any last move can't beat the best so far. Of the
// bounds boundLast found, only the giver's and the receiver's of k change with it: the
// receiver may now drop more, the giver grow less. It leaves in r.grows what searchLast
// needs after k.
func (r *rebalancer) ruledOut(k moveKind) bool {
	g := r.groups[k.group]
	s1, s2 := r.after(g, k.to)
	// Only the loads move, not the steps: this runs for every pair of moves the search tries.
	r.points[g.from] -= g.effort
	r.points[k.to] += g.effort
	defer func() {
		r.points[g.from] += g.effort
		r.points[k.to] -= g.effort
	}()
	out := true
	for e, effort := range r.efforts {
		l := r.lasts[e]
		if r.owns[k.to][e] {
			l.drop = max(l.drop, r.drop(k.to, effort))
		}
		l.grow = min(l.grow, r.grow(g.from, effort))
		r.grows[e] = l.grow
		if !math.IsInf(l.grow, 1) && r.bound(s1+r.rises[e], s2-l.drop+l.grow) > r.best.fairness+fairnessSlack {
			out = false
		}
	}
	return out
}

// searchLast tries every last move from kind index from on. A group is skipped when even the
// receiver that grows s2 least (of those it fits; r.grows, set by exact or ruledOut) could not
// make it beat the best so far.
func (r *rebalancer) searchLast(from int) bool {
	over := -1
	for _, k := range r.steps {
		if r.points[k.to] > r.caps[k.to] && k.to != over {
			if over >= 0 {
				return true // two receivers over capacity: one more move can't bring both back
			}
			over = k.to
		}
	}
	for g := from / max(r.perGroup, 1); g < len(r.groups); g++ {
		grp := r.groups[g]
		grow := r.grows[grp.size]
		if r.used[g] == len(grp.items) || math.IsInf(grow, 1) {
			continue
		}
		a1, a2 := r.change(grp.from, -grp.effort)
		if r.bound(r.s1+a1+grp.effort/r.smallest, r.s2+a2+grow) <= r.best.fairness+fairnessSlack {
			continue
		}
		for i := max(from, g*r.perGroup); i < (g+1)*r.perGroup; i++ {
			k := r.kinds[i]
			f, ok := r.lastMove(g, k.to, over)
			if ok && f > r.best.fairness+fairnessSlack {
				s1, s2 := r.take(k)
				r.best = state{slices.Clone(r.steps), r.fairness()}
				r.undo(s1, s2)
			}
		}
		r.tries++
		if r.tries%4096 == 0 && time.Now().After(r.deadline) {
			return false
		}
	}
	return true
}

// exact tries every set of up to ExactMoves moves, fewest first, and returns the fairest set
// of the fewest moves that reaches target, or else the fairest set it tried.
func (r *rebalancer) exact(target float64) state {
	var fairest state
	for depth := 1; depth <= ExactMoves && r.complete; depth++ {
		r.best = state{fairness: -1}
		r.boundLast()
		for e, l := range r.lasts {
			r.grows[e] = l.grow
		}
		r.complete = r.search(0, depth)
		if r.best.fairness >= target-fairnessSlack {
			return r.best
		}
		if r.best.fairness > fairest.fairness {
			fairest = r.best
		}
	}
	return fairest
}

// greedy adds to a set of moves the single move that raises fairness most, while one does and
// the target is not reached.
func (r *rebalancer) greedy(from state, target float64) state {
	s1, s2 := r.s1, r.s2
	for _, k := range from.steps {
		r.take(k)
	}
	cur := state{slices.Clone(from.steps), r.fairness()}
	for len(cur.steps) < maxRebalanceMoves && cur.fairness < target-fairnessSlack {
		best, bestF := -1, cur.fairness+fairnessSlack
		for i, k := range r.kinds {
			// The moves so far fit, and this one adds only to its receiver.
			if r.used[k.group] == len(r.groups[k.group].items) {
				continue
			}
			if f, ok := r.lastMove(k.group, k.to, -1); ok && f > bestF {
				best, bestF = i, f
			}
		}
		if best < 0 {
			break
		}
		r.take(r.kinds[best])
		cur = state{slices.Clone(r.steps), r.fairness()}
	}
	for range r.steps {
		r.undo(s1, s2)
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

// AcceptMoves returns the one edit that makes the moves the user accepted of a proposal, all
// of them or some: each pain point gets its new owner. A move whose pain point is gone, is no
// longer active or has another owner by now is a conflict: the proposal is out of date.
func (w *Workspace) AcceptMoves(moves []Move) (Batch, error) {
	b := Batch{Name: "Rebalance: " + Plural(len(moves), "move")}
	for _, m := range moves {
		j := w.Journey(m.Journey)
		if j == nil {
			return Batch{}, fmt.Errorf("journey %q is gone: %w", clip(m.Journey), ErrConflict)
		}
		p := j.painPoint(m.PainPoint)
		switch {
		case p == nil:
			return Batch{}, fmt.Errorf("pain point %q is gone: %w", clip(m.PainPoint), ErrConflict)
		case p.Owner != m.From || !p.Active():
			return Batch{}, fmt.Errorf("pain point %q changed since the proposal: %w", clip(p.Title), ErrConflict)
		}
		if _, ok := w.Member(m.To); !ok {
			return Batch{}, fmt.Errorf("member %q is gone: %w", clip(m.To), ErrConflict)
		}
		moved := *p
		moved.Owner = m.To
		e, err := Put(w, m.Journey, moved, -1)
		if err != nil {
			return Batch{}, err
		}
		b.Edits = append(b.Edits, e)
	}
	return b, nil
}

// Said is the proposal in one sentence, for the panel and the command line.
func (p Proposal) Said() string {
	moves := Plural(len(p.Moves), "move")
	switch {
	case len(p.Moves) == 0 && p.Reached:
		return fmt.Sprintf("Fairness is %.2f, at or above the target %.2f: nothing to move.", p.Before, p.Target)
	case len(p.Moves) == 0:
		return fmt.Sprintf("Fairness is %.2f, below the target %.2f, and no pain point can go to someone with room for it and make the sharing fairer.", p.Before, p.Target)
	case p.Reached && p.Fewest:
		return fmt.Sprintf("Fairness %.2f → %.2f (target %.2f) with %s, the fewest that reach it.", p.Before, p.After, p.Target, moves)
	case p.Reached:
		return fmt.Sprintf("Fairness %.2f → %.2f (target %.2f) with %s; there may be a way with fewer.", p.Before, p.After, p.Target, moves)
	}
	return fmt.Sprintf("The target %.2f can't be reached by moving whole pain points to members with room for them; the fairest found: %.2f → %.2f with %s.", p.Target, p.Before, p.After, moves)
}

// MoveSaid is a move in words: the pain point's title, its journey, and the members' names.
func (w *Workspace) MoveSaid(m Move) string {
	title, where := m.PainPoint, m.Journey
	if j := w.Journey(m.Journey); j != nil {
		where = j.Title
		if p := j.painPoint(m.PainPoint); p != nil {
			title = p.Title
		}
	}
	name := func(id string) string {
		if mem, ok := w.Member(id); ok {
			return mem.Name
		}
		return id
	}
	return fmt.Sprintf("%q (%s) from %s to %s", title, where, name(m.From), name(m.To))
}
