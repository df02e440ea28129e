package journey

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestNewReport(t *testing.T) {
	got := NewReport(small())
	want := Report{
		Fairness: 2.25 / 3.75,
		Members: []MemberReport{
			{ID: "ana", Name: "Ana", Load: 1, Open: 2, Found: 1},
			{ID: "ben", Name: "Ben", Load: 0, Open: 0, Found: 0},
			{ID: "cy", Name: "Cy", Load: 0.5, Open: 1, Found: 1},
		},
		Journeys: []JourneyReport{
			{ID: "j1", Title: "Late parcel", PainPoints: 3, Unknown: 2, DiscoveryRate: 2.0 / 3, Specific: 1},
			{ID: "j2", Title: "Returns", PainPoints: 1, Unknown: 0, DiscoveryRate: 0, Specific: 1},
		},
	}
	if !near(got.Fairness, want.Fairness) {
		t.Errorf("fairness: got %v, want %v", got.Fairness, want.Fairness)
	}
	got.Fairness = want.Fairness
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	w := small()
	j := &w.Journeys[1]
	for _, status := range []Status{StatusOpen, StatusDoing, StatusDone, StatusVerified} {
		j.PainPoints = append(j.PainPoints, PainPoint{ID: "u-" + string(status), Stage: j.Stages[0].ID, Title: "Nobody's",
			Discovery: Known, Source: SourceOther, Severity: 2, Effort: 1, Status: status})
	}
	if n := NewReport(w).Journeys[1].Unassigned; n != 2 {
		t.Errorf("unassigned: got %d, want the 2 open or doing pain points with no owner", n)
	}
	var b strings.Builder
	if err := got.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Fairness  0.60  uneven: Ana is at 100 % of capacity, Ben at 0 % (1 = work shared evenly)", "Ana", "100%", "Late parcel", "67%"} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("text report lacks %q:\n%s", s, b.String())
		}
	}
}

func TestPrintableEscapesWhatATerminalWouldObey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Ana Ruiz", "Ana Ruiz"},
		{"Zoë 🙂 Ünal", "Zoë 🙂 Ünal"},
		{"\x1b[2J\x1b]0;pwned\x07Ana", `\x1b[2J\x1b]0;pwned\x07Ana`},
		{"line\nbreak\ttab\r", `line\x0abreak\x09tab\x0d`},
		{"abc\u202edcba", `abc\u202edcba`},
		{"c1\u009bcontrol", `c1\x9bcontrol`},
	}
	for _, tt := range tests {
		if got := Printable(tt.in); got != tt.want {
			t.Errorf("Printable(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	w := &Workspace{Name: "x", Members: []Member{{ID: "m", Name: "\x1b[31mRed", Capacity: 8}}}
	var out strings.Builder
	if err := NewReport(w).WriteText(&out); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "\x1b") || !strings.Contains(out.String(), `\x1b[31mRed`) {
		t.Errorf("the report prints a name raw:\n%q", out.String())
	}
}

// BenchmarkReport builds the report of n members and n pain points: the time per item must
// stay flat from 1k to 100k (it was members × pain points).
func BenchmarkReport(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		w := &Workspace{Name: "big"}
		j := Journey{ID: "j", Stages: []Stage{{ID: "s"}}}
		for i := range n {
			id := fmt.Sprintf("m%d", i)
			w.Members = append(w.Members, Member{ID: id, Name: id, Capacity: 8})
			j.PainPoints = append(j.PainPoints, PainPoint{ID: fmt.Sprintf("p%d", i), Stage: "s", Owner: id, FoundBy: id,
				Discovery: Unknown, Status: StatusOpen, Effort: 2, Severity: 3})
		}
		w.Journeys = []Journey{j}
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			for b.Loop() {
				NewReport(w)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/item")
		})
	}
}
