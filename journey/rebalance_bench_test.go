package journey

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// bigTaskForce is 20 members and 300 open or doing pain points, owned unevenly.
func bigTaskForce(seed uint64) *Workspace {
	rng := rand.New(rand.NewPCG(seed, 3))
	return taskForce(func() int { return 20 + rng.IntN(40) }, func(int) int {
		if owner := rng.IntN(20); rng.IntN(3) != 0 {
			return owner
		}
		return rng.IntN(4) // a few members carry more
	}, func() int { return Efforts[rng.IntN(len(Efforts))] })
}

// nearlyFairTaskForce is 20 members and 300 open pain points shared round the table, but for
// a few more on the first member: many sets of moves come close to the best, the hardest case
// for a search that rules sets out by how far they fall short.
func nearlyFairTaskForce(seed uint64) *Workspace {
	rng := rand.New(rand.NewPCG(seed, 9))
	return taskForce(func() int { return 40 + rng.IntN(40) }, func(i int) int {
		if i < 5 {
			return 0
		}
		return i % 20
	}, func() int { return Efforts[rng.IntN(4)] })
}

// taskForce is 20 members of the capacities given and 300 open pain points, the i-th owned by
// member owner(i), of the efforts given.
func taskForce(capacity func() int, owner func(i int) int, effort func() int) *Workspace {
	w := &Workspace{}
	for i := range 20 {
		w.Members = append(w.Members, Member{ID: fmt.Sprint("m", i), Name: fmt.Sprint("M", i), Capacity: capacity()})
	}
	j := Journey{ID: "j"}
	for i := range 300 {
		o := owner(i)
		j.PainPoints = append(j.PainPoints, PainPoint{ID: fmt.Sprint("p", i), Effort: effort(),
			Owner: w.Members[o].ID, Status: StatusOpen})
	}
	w.Journeys = []Journey{j}
	return w
}

// BenchmarkRebalance proposes rebalances for 20 members and 300 pain points, with the one
// second budget the app and the command line give it. "nearly-fair" reaches its target only
// in three moves: "fewest" is 1 when the search went through every set of up to three within
// the budget. "uneven" can't reach its target in three, so the search must rule out every set
// of three before greedy goes on (and then "fewest" is 0 by definition); the time per op says
// whether that fits in the budget with room to spare.
func BenchmarkRebalance(b *testing.B) {
	for _, c := range []struct {
		name   string
		w      *Workspace
		target float64
	}{
		{"uneven", bigTaskForce(1), DefaultTarget},
		{"nearly-fair", nearlyFairTaskForce(1), 0.977},
	} {
		b.Run(c.name, func(b *testing.B) {
			var p Proposal
			for b.Loop() {
				p = c.w.Rebalance(c.target, time.Second)
			}
			b.ReportMetric(float64(len(p.Moves)), "moves")
			b.ReportMetric(p.After-p.Before, "fairness-gain")
			b.ReportMetric(map[bool]float64{true: 1}[p.Fewest], "fewest")
		})
	}
}
