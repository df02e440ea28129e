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
		{"a due that is no date", "Call the carrier", "ana", Action{Due: "19/12/2026", DoneWhen: "x"}, []string{`a due date written YYYY-MM-DD ("19/12/2026" is not one)`}},
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

// TestActionsAsTaskForcesWriteThem: real next actions, the vague goal each names (in its own
// words) if any, and whether it starts with a verb.
func TestActionsAsTaskForcesWriteThem(t *testing.T) {
	tests := []struct {
		text  string
		verb  bool
		vague string
	}{
		{"Send the satisfaction survey to everyone whose parcel was late", true, ""},
		{"Engage a second courier for the Christmas peak", true, ""},
		{"Refund the delivery fee on orders that exceed 30 days", true, ""},
		{"Reimburse the return postage for damaged items", true, ""},
		{"Highlight the delivery date on the order page", true, ""},
		{"Phone every customer whose parcel is three days late", true, ""},
		{"Ring the courier's depot when a parcel is two days late", true, ""},
		{"Thank customers who report a bug with a 5 € voucher", true, ""},
		{"Add the carrier tracking link to the dispatch email", true, ""},
		{"Waive the shipping fee when a parcel arrives late", true, ""},
		{"Call the carrier every Monday about lost parcels", true, ""},
		{"Re-send the label by SMS", true, ""},
		{"Publish the hotline's opening hours on the contact page", true, ""},
		{"Train the chat team on the new returns policy", true, ""},
		{"Email a prepaid return label within one hour", true, ""},
		{"Translate the delivery FAQ into Turkish", true, ""},
		{"Book a weekly review with the courier's account manager", true, ""},
		{"Cap hold time at 5 minutes with a call-back offer", true, ""},
		{"Pre-fill the order number in the chat", true, ""},
		{"Remove the second address form from checkout", true, ""},
		{"Show the courier's phone number on the tracking page", true, ""},
		{"Offer a 10 € voucher when delivery is more than two days late", true, ""},
		{"Rewrite the dispatch email in plain language", true, ""},
		{"Shadow two support calls a week", true, ""},
		{"Survey 50 returning customers about the gift receipt", true, ""},
		{"Reroute parcels for the north through the second hub", true, ""},
		{"Reschedule missed deliveries online, without a call", true, ""},
		{"Notify customers by SMS when the parcel leaves the warehouse", true, ""},
		{"Audit the refund queue every Friday", true, ""},
		{"Triage chat tickets by order status", true, ""},
		{"Give agents the right to refund up to 20 €", true, ""},
		{"Hire a temporary agent for December", true, ""},
		{"Use the carrier's live ETA in the tracking email", true, ""},
		{"Personalise the delay email with the new date", true, ""},
		{"“Replace the captcha on the returns form”", true, ""},
		{"Improve the checkout", true, "improve"},
		{"Delight the customer", true, "delight"},
		{"Exceed customer expectations at delivery", true, "exceed customer expectations"},
		{"Send gifts to exceed our customers' expectations", true, "exceed our customers expectations"},
		{"Make customers happy", true, "happy"},
		{"Increase customer satisfaction with deliveries", true, "customer satisfaction"},
		{"Streamline the returns process", true, "streamline"},
		{"Provide a better experience", true, "better"},
		{"Optimize the FAQ page", true, "optimize"},
		{"Look into the courier delays", true, "look into"},
		{"Engage customers on social media", true, "engage customers"},
		{"Work on improving the returns page", true, "work on"},
		{"Tracking link in the email", false, ""},
		{"Maybe a chat bot", false, ""},
		{"A seamless handover to the courier", false, "seamless"},
		{"Customer satisfaction", false, "customer satisfaction"},
	}
	for _, tt := range tests {
		if got := startsWithVerb(tt.text); got != tt.verb {
			t.Errorf("%q: starts with a verb = %v, want %v", tt.text, got, tt.verb)
		}
		if got := VagueWord(tt.text); got != tt.vague {
			t.Errorf("%q: vague goal %q, want %q", tt.text, got, tt.vague)
		}
	}
	if len(tests) < 40 {
		t.Errorf("%d actions; the table is meant to hold at least 40", len(tests))
	}
}
