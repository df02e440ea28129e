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
	w := &Workspace{}
	for i := range 20 {
		w.Members = append(w.Members, Member{ID: fmt.Sprint("m", i), Name: fmt.Sprint("M", i), Capacity: 20 + rng.IntN(40)})
	}
	j := Journey{ID: "j"}
	for i := range 300 {
		owner := rng.IntN(20)
		if rng.IntN(3) == 0 {
			owner = rng.IntN(4) // a few members carry more
		}
		j.PainPoints = append(j.PainPoints, PainPoint{ID: fmt.Sprint("p", i), Effort: Efforts[rng.IntN(len(Efforts))],
			Owner: w.Members[owner].ID, Status: StatusOpen})
	}
	w.Journeys = []Journey{j}
	return w
}

// BenchmarkRebalance proposes a rebalance for 20 members and 300 pain points, with the one
// second budget the app and the command line give it. The metrics say how far it got: when
// "fewest" is 0, the exact search of up to three moves ran out of time.
func BenchmarkRebalance(b *testing.B) {
	w := bigTaskForce(1)
	var p Proposal
	for b.Loop() {
		p = w.Rebalance(DefaultTarget, time.Second)
	}
	b.ReportMetric(float64(len(p.Moves)), "moves")
	b.ReportMetric(p.After-p.Before, "fairness-gain")
	b.ReportMetric(map[bool]float64{true: 1}[p.Fewest], "fewest")
}
