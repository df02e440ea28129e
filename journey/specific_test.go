package journey

import (
	"reflect"
	"testing"
)

func TestSpecificity(t *testing.T) {
	full := Action{Due: "2026-12-01", DoneWhen: "Link works in a test order"}
	tests := []struct {
		name    string
		text    string
		owner   string
		action  Action
		missing []string
	}{
		{"specific", "Add the carrier tracking link to the dispatch email", "ana", full, nil},
		{"waive fee", "Waive the shipping fee when a parcel arrives late", "ana", full, nil},
		{"hyphenated verb", "Re-send the label by SMS", "ana", full, nil},
		{"vague verb", "Improve the checkout", "ana", full, []string{`a concrete goal instead of "improve"`}},
		{"vague goal word", "Make customers happy", "ana", full, []string{`a concrete goal instead of "happy"`}},
		{"exceed expectations", "Send gifts to exceed expectations", "ana", full, []string{`a concrete goal instead of "exceed expectations"`}},
		{"no verb", "Tracking link in the email", "ana", full, []string{`a verb first (say what to do: "Add…", "Call…")`}},
		{"nothing", "", "", Action{}, []string{"an action", "an owner", "a due date", "a done-when"}},
		{"no owner", "Call the carrier", "", full, []string{"an owner"}},
		{"no due", "Call the carrier", "ana", Action{DoneWhen: "x"}, []string{"a due date"}},
		{"no done-when", "Call the carrier", "ana", Action{Due: "2026-12-01"}, []string{"a done-when"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.action
			a.Text = tt.text
			got := PainPoint{Owner: tt.owner, Action: a}.Specificity()
			if !reflect.DeepEqual(got.Missing, tt.missing) {
				t.Errorf("got %q, want %q", got.Missing, tt.missing)
			}
			if got.Specific() != (tt.missing == nil) {
				t.Errorf("Specific() = %v with missing %q", got.Specific(), got.Missing)
			}
		})
	}
}

func TestAttainable(t *testing.T) {
	w := small() // ana has 8 of 8 points booked; cy 1 of 2
	tests := []struct {
		name string
		p    PainPoint
		want bool
		why  string
	}{
		{"full owner", PainPoint{ID: "new", Owner: "ana", Effort: 1, Status: StatusOpen}, false, "Ana would be at 112 % of capacity"},
		{"same id in another journey is another pain point", PainPoint{ID: "p4", Owner: "cy", Effort: 2, Status: StatusOpen}, false,
			"Cy would be at 150 % of capacity"},
		{"own pain point already counted", w.Journeys[0].PainPoints[2], true, ""},
		{"fits exactly", PainPoint{Owner: "cy", Effort: 1, Status: StatusOpen}, true, ""},
		{"too big", PainPoint{Owner: "cy", Effort: 2, Status: StatusOpen}, false, "Cy would be at 150 % of capacity"},
		{"unowned", PainPoint{Effort: 1, Status: StatusOpen}, false, "no owner"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, why := w.Attainable("j1", tt.p); got != tt.want || why != tt.why {
				t.Errorf("got %v, %q, want %v, %q", got, why, tt.want, tt.why)
			}
		})
	}
}
