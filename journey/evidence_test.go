package journey

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// TestVerifiedNeedsEvidence: a pain point becomes verified only with customer evidence that
// the fix worked; files from before evidence was kept, with verified pain points without it,
// still load and stay editable.
func TestVerifiedNeedsEvidence(t *testing.T) {
	good := Evidence{Note: "Refund calls fell from 41 to 26 a week", Date: "2026-11-20", Reports: Some(0)}
	legacy := small()
	legacy.Journeys[0].PainPoints[1].Status = StatusVerified // "Refund slow", done → verified, no evidence
	if err := Validate(legacy); err != nil {
		t.Fatalf("a file with a verified pain point and no evidence must still load: %v", err)
	}
	tests := []struct {
		name   string
		w      *Workspace
		change func(p *PainPoint)
		want   string // "" for accepted
	}{
		{"done to verified without evidence", small(), func(p *PainPoint) { p.Status = StatusVerified },
			"status: verified needs customer evidence that the fix worked"},
		{"done to verified with evidence", small(), func(p *PainPoint) { p.Status, p.Evidence = StatusVerified, good }, ""},
		{"evidence without a date", small(), func(p *PainPoint) {
			p.Status, p.Evidence = StatusVerified, Evidence{Note: "Fewer calls"}
		}, "evidence.date: must be a date"},
		{"evidence with a bad date", small(), func(p *PainPoint) {
			p.Status, p.Evidence = StatusVerified, Evidence{Note: "Fewer calls", Date: "20/11/2026"}
		}, "evidence.date: must be a date"},
		{"evidence without what was observed", small(), func(p *PainPoint) {
			p.Status, p.Evidence = StatusVerified, Evidence{Date: "2026-11-20"}
		}, "evidence.note: must say what customers showed"},
		{"evidence with negative reports", small(), func(p *PainPoint) {
			p.Status, p.Evidence = StatusVerified, Evidence{Note: "Fewer calls", Date: "2026-11-20", Reports: Some(-1)}
		}, "evidence.reports: must be 0 or more, got -1"},
		{"a legacy verified one edited otherwise", legacy, func(p *PainPoint) { p.Title = "Refunds slow" }, ""},
		{"a legacy verified one reopened and verified again", legacy, func(p *PainPoint) { p.Status = StatusOpen }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := *tt.w.Journeys[0].painPoint("p2")
			tt.change(&p)
			e, err := Put(tt.w, "j1", p, -1)
			if err == nil {
				err = e.Apply(tt.w)
			}
			var ve *ValidationError
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.want != "" && (!errors.As(err, &ve) || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("got %v, want a validation error containing %q", err, tt.want)
			}
		})
	}
	reopened := legacy.Journeys[0].painPoint("p2")
	if reopened.Status != StatusOpen {
		t.Fatalf("the legacy pain point was not reopened: %s", reopened.Status)
	}
	again := *reopened
	again.Status = StatusVerified
	if e, _ := Put(legacy, "j1", again, -1); e.Apply(legacy) == nil {
		t.Error("verified again without evidence, once reopened, was accepted")
	}
}

// TestEvidenceInJSON: a report count of 0 is kept as 0, one not taken stays left out, and a
// pain point with no evidence has no evidence field.
func TestEvidenceInJSON(t *testing.T) {
	for _, c := range []struct {
		e    Evidence
		json string
	}{
		{Evidence{}, `{}`},
		{Evidence{Note: "x", Date: "2026-11-20"}, `{"evidence":{"note":"x","date":"2026-11-20"}}`},
		{Evidence{Note: "x", Date: "2026-11-20", Reports: Some(0)}, `{"evidence":{"note":"x","date":"2026-11-20","reports":0}}`},
	} {
		b, err := json.Marshal(struct {
			Evidence Evidence `json:"evidence,omitzero"`
		}{c.e})
		if err != nil || string(b) != c.json {
			t.Errorf("%+v: got %s (%v), want %s", c.e, b, err, c.json)
		}
		var back struct {
			Evidence Evidence `json:"evidence"`
		}
		if err := json.Unmarshal(b, &back); err != nil || back.Evidence != c.e {
			t.Errorf("%s read back as %+v (%v)", b, back.Evidence, err)
		}
	}
}

// TestEvidenceAsEarlierBuildsWroteIt: evidence written with "observed", as builds before the
// format named the field "note" wrote it, keeps what it says; "note" wins where both are.
func TestEvidenceAsEarlierBuildsWroteIt(t *testing.T) {
	for in, want := range map[string]Evidence{
		`{"observed":"Fewer calls","date":"2026-11-20","reports":3}`:  {Note: "Fewer calls", Date: "2026-11-20", Reports: Some(3)},
		`{"note":"Fewer calls","observed":"old","date":"2026-11-20"}`: {Note: "Fewer calls", Date: "2026-11-20"},
		`{}`: {},
	} {
		var e Evidence
		if err := json.Unmarshal([]byte(in), &e); err != nil || e != want {
			t.Errorf("%s read as %+v (%v), want %+v", in, e, err, want)
		}
	}
	var e Evidence
	if err := json.Unmarshal([]byte(`{"note": 5}`), &e); err == nil {
		t.Errorf("a number for the note read without error: %+v", e)
	}
}

// TestReadOptional: a count as typed, nothing being no count.
func TestReadOptional(t *testing.T) {
	for in, want := range map[string]Optional{"": {}, "  ": {}, "0": Some(0), " 12 ": Some(12), "-3": Some(-3)} {
		if got, err := ReadOptional(in); err != nil || got != want {
			t.Errorf("%q: %+v, %v; want %+v", in, got, err, want)
		}
	}
	if _, err := ReadOptional("six"); err == nil || err.Error() != `"six" is not a whole number` {
		t.Errorf("six: %v", err)
	}
}
