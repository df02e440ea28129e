//go:build unix

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
