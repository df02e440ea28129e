package main

import (
	"fmt"
	"io"
	"path/filepath"
	"testing"
	"time"

	"journeymap/journey"
	"journeymap/storage/transfer"
)

// BenchmarkCommands runs report and export through run, as the command line does (open the
// store read-only, load it, compute, write), on stores of n members and n pain points over
// ten journeys. The time per item must stay flat from 1k to 100k items: no quadratic path.
func BenchmarkCommands(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		store := filepath.Join(b.TempDir(), "store")
		if _, err := transfer.Import(store, crowd(n), false, time.Now()); err != nil {
			b.Fatal(err)
		}
		out := filepath.Join(b.TempDir(), "out")
		for _, c := range []struct {
			name string
			args []string
		}{
			{"report", []string{"report", "-store", store}},
			{"export-json", []string{"export", "-store", store, "-format", "json", "-o", out + ".json"}},
			{"export-csv", []string{"export", "-store", store, "-format", "csv", "-o", out + ".csv"}},
		} {
			b.Run(fmt.Sprintf("%s/items=%d", c.name, n), func(b *testing.B) {
				for b.Loop() {
					if code := run(c.args, io.Discard, io.Discard); code != 0 {
						b.Fatalf("%v: exit %d", c.args, code)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/item")
			})
		}
	}
}

// crowd is a workspace of n members, each the owner and finder of one of n pain points
// spread over ten journeys.
func crowd(n int) *journey.Workspace {
	w := &journey.Workspace{Name: "Crowd"}
	for k := range 10 {
		w.Journeys = append(w.Journeys, journey.Journey{ID: fmt.Sprintf("j%d", k), Title: fmt.Sprintf("Journey %d", k),
			Stages: []journey.Stage{{ID: "s", Name: "Stage"}},
			Lanes:  []journey.Lane{{ID: "p", Kind: journey.LanePain, Name: "Pain points"}}})
	}
	for i := range n {
		id := fmt.Sprintf("member-%06d", i)
		w.Members = append(w.Members, journey.Member{ID: id, Name: "Member " + id, Department: "support", Capacity: 8})
		j := &w.Journeys[i%10]
		j.PainPoints = append(j.PainPoints, journey.PainPoint{ID: fmt.Sprintf("p%d", i), Stage: "s",
			Title: "Parcel scanned but not delivered for " + id, Owner: id, FoundBy: id, Discovery: journey.Unknown,
			Method: journey.MethodData, Status: journey.StatusOpen, Effort: 2, Severity: 3})
	}
	return w
}
