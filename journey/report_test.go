package journey

import (
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
	var b strings.Builder
	if err := got.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Fairness  0.60", "Ana", "100%", "Late parcel", "67%"} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("text report lacks %q:\n%s", s, b.String())
		}
	}
}
