package main

import (
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"journeymap/journey"
	"journeymap/journey/interchange"
	"journeymap/journey/journeytest"
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

// BenchmarkCSVImport imports spreadsheets of 10k, 100k and 1M pain points into the sample's
// journey through the real binary, as a person does from a terminal, and reports each
// import's time and the peak resident memory of its process: time per row must stay flat. An
// import the binary refuses is reported as refused, with what it said, not as a figure.
func BenchmarkCSVImport(b *testing.B) {
	_, bin := buildBinary(b)
	sample := journeytest.Sample(b)
	for _, n := range []int{10000, 100000, 1000000} {
		file := filepath.Join(b.TempDir(), "pain points.csv")
		if err := writePainPointsCSV(file, sample, n); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			var peak int64
			var refused string
			for b.Loop() {
				b.StopTimer()
				store := filepath.Join(b.TempDir(), "store")
				if _, err := transfer.Import(store, journeytest.Sample(b), false, time.Now()); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				cmd := exec.Command(bin, "import", "-store", store, "-format", "csv", "-journey", sample.Journeys[0].ID, file)
				out, err := cmd.CombinedOutput()
				if err != nil {
					refused = strings.TrimSpace(string(out))
				}
				if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
					peak = max(peak, ru.Maxrss)
				}
			}
			if refused != "" {
				b.Logf("refused: %s", refused)
				b.ReportMetric(1, "refused")
			}
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/import")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/row")
			b.ReportMetric(float64(peak)/1024, "peak-rss-MiB")
		})
	}
}

// writePainPointsCSV writes a spreadsheet of n new pain points over the journey's stages, in
// the columns File → Export Pain Points writes.
func writePainPointsCSV(path string, sample *journey.Workspace, n int) error {
	j := sample.Journeys[0]
	w := &journey.Workspace{Name: sample.Name, Members: sample.Members, Journeys: []journey.Journey{{
		ID: j.ID, Title: j.Title, Stages: j.Stages, Lanes: j.Lanes}}}
	pains := make([]journey.PainPoint, n)
	for i := range pains {
		m := sample.Members[i%len(sample.Members)]
		pains[i] = journey.PainPoint{ID: fmt.Sprintf("bulk-%07d", i), Stage: j.Stages[i%len(j.Stages)].ID,
			Title: fmt.Sprintf("Parcel %d scanned at the depot but not delivered", i), Discovery: journey.Unknown,
			Method: journey.MethodData, FoundBy: m.ID, Owner: m.ID, Status: journey.StatusOpen, Severity: 1 + i%5, Effort: 1 + i%3}
	}
	w.Journeys[0].PainPoints = pains
	return transfer.WriteFile(path, func(dst io.Writer) error { return interchange.WriteCSV(dst, w) })
}
