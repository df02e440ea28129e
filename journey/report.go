package journey

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// Report holds the figures `journeymap report` prints: per member, per journey and for the
// task force. Numbers are unrounded; members and journeys are in stored order.
type Report struct {
	Fairness float64         `json:"fairness"`
	Members  []MemberReport  `json:"members"`
	Journeys []JourneyReport `json:"journeys"`
}

// MemberReport is one member's line of a report.
type MemberReport struct {
	ID    string  `json:"id"`
	Name  string  `json:"name"`
	Load  float64 `json:"load"`
	Open  int     `json:"open"`  // pain points owned with status open or doing
	Found int     `json:"found"` // unknown pain points this member dug up
}

// JourneyReport is one journey's line of a report.
type JourneyReport struct {
	ID            string  `json:"id"`
	Title         string  `json:"title"`
	PainPoints    int     `json:"painPoints"`
	Unknown       int     `json:"unknown"`
	DiscoveryRate float64 `json:"discoveryRate"`
	Specific      int     `json:"specific"`   // pain points whose next action is specific, any status
	Unassigned    int     `json:"unassigned"` // open or doing pain points with no owner
}

// NewReport works out the report of a workspace.
func NewReport(w *Workspace) Report {
	r := Report{
		Members:  make([]MemberReport, 0, len(w.Members)),
		Journeys: make([]JourneyReport, 0, len(w.Journeys)),
	}
	tallies := w.Tallies()
	loads := make([]float64, 0, len(w.Members))
	for _, m := range w.Members {
		t := tallies[m.ID]
		loads = append(loads, t.Load(m))
		r.Members = append(r.Members, MemberReport{
			ID: m.ID, Name: m.Name, Load: t.Load(m), Open: t.Open, Found: t.Found,
		})
	}
	r.Fairness = Jain(loads)
	for i := range w.Journeys {
		j := &w.Journeys[i]
		specific := countIf(j.PainPoints, func(p PainPoint) bool { return p.Specificity().Specific() })
		d := j.Discovered()
		r.Journeys = append(r.Journeys, JourneyReport{
			ID: j.ID, Title: j.Title, PainPoints: d.All(), Unknown: d.Unknown,
			DiscoveryRate: d.Rate(), Specific: specific, Unassigned: j.UnassignedCount(),
		})
	}
	return r
}

// reading reads the report's fairness in words, from the loads it holds, with names fit for a
// terminal.
func (r Report) reading() FairnessReading {
	names, loads := make([]string, len(r.Members)), make([]float64, len(r.Members))
	for i, m := range r.Members {
		names[i], loads[i] = Printable(m.Name), m.Load
	}
	return ReadFairness(names, loads)
}

// WriteText prints the report as aligned tables for a terminal.
func (r Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Fairness\t%.2f\t%s (1 = work shared evenly)\n\n", r.Fairness, r.reading().Said())
	fmt.Fprintln(tw, "MEMBER\tLOAD\tOPEN\tFOUND (unknown)")
	for _, m := range r.Members {
		fmt.Fprintf(tw, "%s\t%.0f%%\t%d\t%d\n", Printable(m.Name), m.Load*100, m.Open, m.Found)
	}
	fmt.Fprintln(tw, "\nJOURNEY\tPAIN POINTS\tUNKNOWN\tDISCOVERY RATE\tSPECIFIC ACTIONS\tUNASSIGNED")
	for _, j := range r.Journeys {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.0f%%\t%d\t%d\n", Printable(j.Title), j.PainPoints, j.Unknown, j.DiscoveryRate*100, j.Specific, j.Unassigned)
	}
	return tw.Flush()
}
