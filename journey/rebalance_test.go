package journey

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"
)

func TestRebalance(t *testing.T) {
	t.Run("all on one person", func(t *testing.T) {
		w := &Workspace{Members: []Member{{ID: "a", Name: "A", Capacity: 4}, {ID: "b", Name: "B", Capacity: 4}}}
		w.Journeys = []Journey{{ID: "j", PainPoints: []PainPoint{
			{ID: "p1", Effort: 2, Owner: "a", Status: StatusOpen},
			{ID: "p2", Effort: 2, Owner: "a", Status: StatusDoing},
			{ID: "p3", Effort: 8, Owner: "a", Status: StatusDone},
		}}}
		p := w.Rebalance(DefaultTarget, time.Second)
		want := []Move{{Journey: "j", PainPoint: "p1", From: "a", To: "b"}}
		if !reflect.DeepEqual(p.Moves, want) || !p.Reached || !p.Fewest || !near(p.After, 1) || !near(p.Before, 0.5) {
			t.Fatalf("got %+v, want %v reaching 1 from 0.5", p, want)
		}
		if w.Journeys[0].PainPoints[0].Owner != "a" {
			t.Error("rebalance changed the workspace; it must only propose")
		}
	})
	t.Run("already fair", func(t *testing.T) {
		w := small()
		for i := range w.Journeys[0].PainPoints {
			w.Journeys[0].PainPoints[i].Status = StatusDone
		}
		w.Journeys[1].PainPoints[0].Status = StatusDone
		if p := w.Rebalance(DefaultTarget, time.Second); len(p.Moves) != 0 || !p.Reached {
			t.Errorf("no load: got %+v, want no moves", p)
		}
	})
	t.Run("no receiver above capacity", func(t *testing.T) {
		// a: 8 of 4; b: 0 of 1, who can take no pain point of effort 2 without going over.
		w := &Workspace{Members: []Member{{ID: "a", Name: "A", Capacity: 4}, {ID: "b", Name: "B", Capacity: 1}}}
		w.Journeys = []Journey{{ID: "j", PainPoints: []PainPoint{
			{ID: "p1", Effort: 2, Owner: "a", Status: StatusOpen},
			{ID: "p2", Effort: 2, Owner: "a", Status: StatusOpen},
			{ID: "p3", Effort: 2, Owner: "a", Status: StatusOpen},
			{ID: "p4", Effort: 2, Owner: "a", Status: StatusOpen},
		}}}
		if p := w.Rebalance(DefaultTarget, time.Second); len(p.Moves) != 0 || p.Reached || p.After != p.Before {
			t.Errorf("got %+v; want no moves, the target not reached, fairness as it was", p)
		}
	})
}

// TestRebalanceIsTheFewestMoves checks Rebalance against trying every way of moving up to three
// pain points, on random small task forces: the same fewest number of moves when the target
// can be reached in three, and the same fairness with them; never lower fairness; never a
// receiver above capacity.
func TestRebalanceIsTheFewestMoves(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	reached := 0
	for c := range 2500 {
		w := randomTaskForce(rng)
		target := []float64{0.8, 0.9, 0.95, 1}[rng.IntN(4)]
		p := w.Rebalance(target, 10*time.Second)
		fewest, fairest := exhaustive(w, target)
		name := fmt.Sprintf("case %d (target %.2f)", c, target)
		if p.After < p.Before-1e-12 {
			t.Fatalf("%s: fairness lowered from %v to %v", name, p.Before, p.After)
		}
		applied := w.Clone()
		for _, m := range p.Moves {
			applied.Journey(m.Journey).painPoint(m.PainPoint).Owner = m.To
		}
		if got := applied.Fairness(); !near(got, p.After) {
			t.Fatalf("%s: the moves give %v, the proposal says %v", name, got, p.After)
		}
		for _, m := range p.Moves {
			if r, _ := applied.Member(m.To); applied.LoadPoints(r.ID) > r.Capacity {
				t.Fatalf("%s: %s ends above capacity: %+v", name, r.ID, p)
			}
		}
		switch {
		case p.Before >= target-1e-12:
			if len(p.Moves) != 0 {
				t.Fatalf("%s: already fair, got moves %v", name, p.Moves)
			}
		case fewest >= 0:
			reached++
			if !p.Reached || !p.Fewest || len(p.Moves) != fewest || !near(p.After, fairest) {
				t.Fatalf("%s: got %d moves to %v (reached %v, fewest %v); want %d to %v", name, len(p.Moves), p.After, p.Reached, p.Fewest, fewest, fairest)
			}
		default:
			if len(p.Moves) <= ExactMoves && p.Reached {
				t.Fatalf("%s: reached the target in %d moves where trying every way found none", name, len(p.Moves))
			}
			if p.After < fairest-1e-9 && fairest > p.Before {
				t.Fatalf("%s: proposal reaches %v; %v was possible in three moves", name, p.After, fairest)
			}
		}
	}
	if reached < 200 {
		t.Errorf("only %d of the cases could reach their target in three moves; the test says little", reached)
	}
}

// randomTaskForce makes 2 to 5 members and up to 9 owned pain points of random efforts.
func randomTaskForce(rng *rand.Rand) *Workspace {
	w := &Workspace{}
	for i := range 2 + rng.IntN(4) {
		w.Members = append(w.Members, Member{ID: fmt.Sprint("m", i), Name: fmt.Sprint("M", i), Capacity: 1 + rng.IntN(10)})
	}
	j := Journey{ID: "j"}
	statuses := []Status{StatusOpen, StatusDoing, StatusDone}
	for i := range rng.IntN(10) {
		j.PainPoints = append(j.PainPoints, PainPoint{ID: fmt.Sprint("p", i), Effort: Efforts[rng.IntN(len(Efforts))],
			Owner: w.Members[rng.IntN(len(w.Members))].ID, Status: statuses[rng.IntN(len(statuses))]})
	}
	w.Journeys = []Journey{j}
	return w
}

// exhaustive tries every way of giving up to three pain points new owners, and returns the
// fewest moves that reach target (-1 if none does) and the highest fairness with that many
// moves, or with up to three when none does.
func exhaustive(w *Workspace, target float64) (fewest int, fairest float64) {
	var movable []*PainPoint
	for i := range w.Journeys[0].PainPoints {
		if p := &w.Journeys[0].PainPoints[i]; p.Active() {
			movable = append(movable, p)
		}
	}
	best := make([]float64, ExactMoves+1)
	for i := range best {
		best[i] = -1
	}
	var moved []*PainPoint
	var try func(from int)
	try = func(from int) {
		fits := true
		for _, p := range moved {
			m, _ := w.Member(p.Owner)
			fits = fits && w.LoadPoints(m.ID) <= m.Capacity
		}
		if f := w.Fairness(); fits && f > best[len(moved)] {
			best[len(moved)] = f
		}
		if len(moved) == ExactMoves {
			return
		}
		for i := from; i < len(movable); i++ {
			p := movable[i]
			owner := p.Owner
			for _, m := range w.Members {
				if m.ID == owner {
					continue
				}
				p.Owner = m.ID
				moved = append(moved, p)
				try(i + 1)
				moved = moved[:len(moved)-1]
			}
			p.Owner = owner
		}
	}
	try(0)
	for k := 1; k <= ExactMoves; k++ {
		if best[k] >= target-1e-12 {
			return k, best[k]
		}
	}
	fairest = best[0]
	for _, f := range best {
		fairest = max(fairest, f)
	}
	return -1, fairest
}

// TestAcceptMoves makes part of a proposal one edit, undoes it, and refuses an out-of-date one.
func TestAcceptMoves(t *testing.T) {
	w := small()
	j1 := w.Journey("j1")
	for _, id := range []string{"p4", "p5"} {
		j1.PainPoints = append(j1.PainPoints, PainPoint{ID: id, Stage: "s1", Title: "More " + id, Discovery: Known,
			Source: SourceCall, Severity: 2, Effort: 1, Owner: "ana", Status: StatusOpen})
	}
	p := w.Rebalance(0.99, time.Second)
	if len(p.Moves) < 2 {
		t.Fatalf("want a proposal of at least two moves to accept part of, got %+v", p)
	}
	before := w.Clone()
	b, err := w.AcceptMoves(p.Moves[:1])
	if err != nil {
		t.Fatal(err)
	}
	if b.Label() != "Rebalance: 1 move" || len(b.Edits) != 1 {
		t.Errorf("got %q with %d edits, want one edit labelled \"Rebalance: 1 move\"", b.Label(), len(b.Edits))
	}
	if err := b.Apply(w); err != nil {
		t.Fatal(err)
	}
	m := p.Moves[0]
	if got := w.Journey(m.Journey).painPoint(m.PainPoint).Owner; got != m.To {
		t.Errorf("owner after accepting is %q, want %q", got, m.To)
	}
	if p.Moves[1].PainPoint != m.PainPoint && w.Journey(p.Moves[1].Journey).painPoint(p.Moves[1].PainPoint).Owner != p.Moves[1].From {
		t.Error("a move not accepted was made")
	}
	if err := b.Invert().Apply(w); err != nil || !reflect.DeepEqual(w, before) {
		t.Errorf("undo: err %v; the workspace is not as it was", err)
	}

	for _, c := range []struct {
		name   string
		change func(w *Workspace)
	}{
		{"owner changed", func(w *Workspace) { w.Journey(m.Journey).painPoint(m.PainPoint).Owner = "cy" }},
		{"done meanwhile", func(w *Workspace) { w.Journey(m.Journey).painPoint(m.PainPoint).Status = StatusDone }},
		{"pain point gone", func(w *Workspace) { w.Journey(m.Journey).PainPoints = nil }},
		{"receiver gone", func(w *Workspace) {
			w.Members = slices.DeleteFunc(w.Members, func(x Member) bool { return x.ID == m.To })
		}},
	} {
		stale := w.Clone()
		c.change(stale)
		if _, err := stale.AcceptMoves(p.Moves); !errors.Is(err, ErrConflict) {
			t.Errorf("%s: got %v, want a conflict", c.name, err)
		}
	}
}

func TestProposalSaid(t *testing.T) {
	moves := []Move{{PainPoint: "p1", Journey: "j1", From: "ana", To: "ben"}}
	for _, c := range []struct {
		p    Proposal
		want string
	}{
		{Proposal{Target: 0.9, Before: 0.95, After: 0.95, Reached: true, Fewest: true}, "Fairness is 0.95, at or above the target 0.90: nothing to move."},
		{Proposal{Target: 0.9, Before: 0.5, After: 0.5, Fewest: true}, "Fairness is 0.50, below the target 0.90, and no pain point can go to someone with room for it and make the sharing fairer."},
		{Proposal{Target: 0.9, Before: 0.5, After: 0.92, Reached: true, Fewest: true, Moves: moves}, "Fairness 0.50 → 0.92 (target 0.90) with 1 move, the fewest that reach it."},
		{Proposal{Target: 0.9, Before: 0.5, After: 0.92, Reached: true, Moves: append(moves, moves...)}, "Fairness 0.50 → 0.92 (target 0.90) with 2 moves; there may be a way with fewer."},
		{Proposal{Target: 0.9, Before: 0.5, After: 0.7, Moves: moves}, "The target 0.90 can't be reached by moving whole pain points to members with room for them; the fairest found: 0.50 → 0.70 with 1 move."},
	} {
		if got := c.p.Said(); got != c.want {
			t.Errorf("got  %q\nwant %q", got, c.want)
		}
	}
	if got, want := small().MoveSaid(moves[0]), `"No tracking link" (Late parcel) from Ana to Ben`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
