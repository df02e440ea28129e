package journey

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func pulseOn(date string, scores ...int) Pulse {
	return Pulse{ID: NewID("u"), Date: date, Risk: scores[0], Dialogue: scores[1], Help: scores[2], Inclusion: scores[3]}
}

// TestPulseSummaryThreshold: no average, overall or per month, over fewer than three answers,
// and the summary says why.
func TestPulseSummaryThreshold(t *testing.T) {
	nov := []Pulse{pulseOn("2026-11-02", 4, 3, 5, 4), pulseOn("2026-11-09", 2, 3, 4, 4), pulseOn("2026-11-20", 3, 3, 3, 1)}
	oct := []Pulse{pulseOn("2026-10-01", 1, 1, 1, 1), pulseOn("2026-10-05", 5, 5, 5, 5)}
	tests := []struct {
		name    string
		pulses  []Pulse
		shown   bool
		avg     [4]float64
		weakest PulseDomain
		said    []string // lines the summary must hold
		unsaid  []string // and must not
	}{
		{"none", nil, false, [4]float64{}, "", []string{"no answers so far", "Averages show from 3"}, []string{"Weakest"}},
		{"one", nov[:1], false, [4]float64{}, "", []string{"1 answer so far"}, []string{"of 5"}},
		{"two", nov[:2], false, [4]float64{}, "", []string{"2 answers so far"}, []string{"of 5"}},
		{"three", nov, true, [4]float64{3, 3, 4, 3}, DomainRisk, []string{"3 answers in all", "Risk & failure: 3.0 of 5",
			"Willingness to help: 4.0 of 5", "2026-11 (3 answers)", "Weakest: Risk & failure. Try this: "}, nil},
		{"a month of two stays hidden", append(append([]Pulse{}, oct...), nov...), true, [4]float64{3, 3, 3.6, 3}, DomainRisk,
			[]string{"5 answers in all", "2026-11 (3 answers)", "1 month with fewer than 3 answers not shown apart"}, []string{"2026-10"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := SummarisePulses(tt.pulses)
			if s.Shown != tt.shown || s.Averages != tt.avg || s.Weakest != tt.weakest {
				t.Errorf("shown %v, averages %v, weakest %q; want %v, %v, %q", s.Shown, s.Averages, s.Weakest, tt.shown, tt.avg, tt.weakest)
			}
			said := strings.Join(s.Said(), "\n")
			for _, w := range tt.said {
				if !strings.Contains(said, w) {
					t.Errorf("the summary does not say %q:\n%s", w, said)
				}
			}
			for _, w := range tt.unsaid {
				if strings.Contains(said, w) {
					t.Errorf("the summary says %q, which it must not:\n%s", w, said)
				}
			}
			for _, p := range s.Periods {
				if p.Entries < MinPulseEntries && (p.Shown || p.Averages != [4]float64{}) {
					t.Errorf("month %s of %d answers has averages", p.Month, p.Entries)
				}
			}
		})
	}
}

// TestPulseIsAnonymous: an entry holds the date only, no member, and pulses are kept in an
// order that tells nothing of who answered first.
func TestPulseIsAnonymous(t *testing.T) {
	for f := range reflect.TypeFor[Pulse]().Fields() {
		if n := strings.ToLower(f.Name); strings.Contains(n, "member") || strings.Contains(n, "by") || strings.Contains(n, "time") {
			t.Errorf("Pulse has a field %s that could say who answered or when exactly", f.Name)
		}
	}
	p := NewPulse(time.Date(2026, 11, 24, 17, 3, 59, 0, time.UTC), [4]int{4, 3, 5, 2})
	if p.Date != "2026-11-24" || p.Risk != 4 || p.Dialogue != 3 || p.Help != 5 || p.Inclusion != 2 || p.ID == "" {
		t.Errorf("got %+v", p)
	}
	// Entries added one after another end up stored in an order unrelated to when.
	w := small()
	w.Pulses = nil
	firstInPlace := 0
	for i := range 200 {
		e, err := Put(w, "", NewPulse(time.Now(), [4]int{3, 3, 3, 3}), -1)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.Apply(w); err != nil {
			t.Fatal(err)
		}
		if i > 0 && e.To == len(w.Pulses)-1 {
			firstInPlace++
		}
	}
	if firstInPlace > 100 {
		t.Errorf("%d of 199 new answers went last: the order tells who answered when", firstInPlace)
	}
	if !slicesSortedByID(w.Pulses) {
		t.Error("pulses are not kept in the order of their random ids")
	}
}

func slicesSortedByID(p []Pulse) bool {
	for i := 1; i < len(p); i++ {
		if p[i-1].ID > p[i].ID {
			return false
		}
	}
	return true
}

// TestNamePulses: pulses without an id are named by what they say, alike on every desk; two
// alike are told apart; a pulse with an id keeps it.
func TestNamePulses(t *testing.T) {
	given := func() []Pulse {
		return []Pulse{{Date: "2026-11-02", Risk: 3, Dialogue: 4, Help: 5, Inclusion: 4}, {ID: "pulse-kept", Date: "2026-11-02"},
			{Date: "2026-11-02", Risk: 3, Dialogue: 4, Help: 5, Inclusion: 4}, {Date: "2026-10-05", Risk: 2, Dialogue: 4, Help: 4, Inclusion: 4}}
	}
	a, b := given(), given()
	NamePulses(a)
	NamePulses(b)
	seen := map[string]bool{}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].ID == "" || seen[a[i].ID] {
			t.Errorf("pulse %d: named %q and %q; want one name, the same twice, no two alike", i, a[i].ID, b[i].ID)
		}
		seen[a[i].ID] = true
	}
	if a[1].ID != "pulse-kept" {
		t.Errorf("a pulse's own id became %q", a[1].ID)
	}
}
