package panels

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"journeymap/journey"
)

// TestDiscoveryPanel opens the discovery view in place of the task force panel,
// checks its figures against the journey's, and follows an edit and another journey.
func TestDiscoveryPanel(t *testing.T) {
	k := openDesk(t)
	d := k.disc
	d.Now = func() time.Time { return time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC) }
	k.tf.Toggle()
	d.Toggle()
	if !d.Visible() || k.tf.Visible() {
		t.Fatalf("shown: discovery %v, task force still %v", d.Visible(), k.tf.Visible())
	}
	w := k.doc.Workspace()
	j := k.journey()
	v := w.Discovery(j.ID, d.Now(), discoveryWeeks)
	if !strings.HasPrefix(d.rate.Text, fmt.Sprintf("Discovery rate %.0f %%: %d of %d pain points", 100*j.Discovered().Rate(), j.Discovered().Unknown, len(j.PainPoints))) {
		t.Errorf("rate: %q", d.rate.Text)
	}
	if len(d.stages.Objects) != len(j.Stages) || len(d.diggers.Objects) != 2*len(w.Members) {
		t.Errorf("%d stage rows for %d stages, %d credit cells for %d members", len(d.stages.Objects), len(j.Stages), len(d.diggers.Objects), len(w.Members))
	}
	if len(d.chart.weeks) != discoveryWeeks || d.weeks.Text != v.WeeksSaid() || v.FoundInWeeks() == 0 {
		t.Errorf("chart of %d weeks saying %q; want %d weeks, with the sample's finds, saying %q", len(d.chart.weeks), d.weeks.Text, discoveryWeeks, v.WeeksSaid())
	}

	// An unknown pain point found today: one more this week.
	before := d.chart.weeks[discoveryWeeks-1].Found
	p := journey.PainPoint{ID: "p-new", Stage: j.Stages[0].ID, Title: "Found today", Discovery: journey.Unknown,
		Method: journey.MethodShadowing, FoundBy: w.Members[0].ID, FoundOn: "2026-11-24", Severity: 2, Effort: 1, Status: journey.StatusOpen}
	k.do(journey.Put(w, j.ID, p, -1))
	if got := d.chart.weeks[discoveryWeeks-1].Found; got != before+1 {
		t.Errorf("this week's bar: %d after finding one, was %d", got, before)
	}

	// Another journey: the panel follows the map.
	k.show(1)
	if other := k.doc.Workspace().Journeys[1]; d.heading.Text != fmt.Sprintf("Discovery in %q", other.Title) {
		t.Errorf("after showing %q: %q", other.Title, d.heading.Text)
	}
	d.Toggle()
	if d.Visible() {
		t.Error("toggled again, the panel is still shown")
	}
}
