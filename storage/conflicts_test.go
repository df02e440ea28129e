package storage

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"journeymap/journey"
)

// cv is a value in conflict, written as JSON, by someone.
func cv(value, by string) ConflictValue { return ConflictValue{Value: json.RawMessage(value), By: by} }

// said is conflicts as "field: value by who, …", sorted, for comparing.
func said(cs []Conflict) []string {
	var out []string
	for _, c := range cs {
		for _, v := range c.Values {
			out = append(out, fmt.Sprintf("%s: %s by %s", c.Field, v.Value, v.By))
		}
	}
	slices.Sort(out)
	return out
}

func TestSettleKeepsTheConflictsOfFieldsLeftAsTheyWere(t *testing.T) {
	text := Conflict{Field: "text", Values: []ConflictValue{cv(`"a"`, "m-ana"), cv(`"b"`, "m-ben")}}
	deleted := Conflict{Values: []ConflictValue{cv(`null`, "m-ana"), cv(`{"text":"b"}`, "m-ben")}}
	was := []byte(`{"id":"c","text":"b","lane":"l1"}`)
	tests := []struct {
		name string
		now  string // "" is a delete
		want []string
	}{
		{"another field changed", `{"id":"c","text":"b","lane":"l2"}`, []string{`text: "a" by m-ana`, `text: "b" by m-ben`}},
		{"the field written", `{"id":"c","text":"c","lane":"l1"}`, nil},
		{"the record deleted", ``, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var now []byte
			if tt.now != "" {
				now = []byte(tt.now)
			}
			got, err := settle([]Conflict{text, deleted}, was, now)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(said(got), tt.want) {
				t.Errorf("kept %q; want %q (a conflict over the whole record goes with any change)", said(got), tt.want)
			}
		})
	}
}

func TestConflictsMergeAsSetsOfValues(t *testing.T) {
	ab := Conflict{Field: "text", Values: []ConflictValue{cv(`"a"`, "m-ana"), cv(`"b"`, "m-ben")}}
	ac := Conflict{Field: "text", Values: []ConflictValue{cv(`"a"`, "m-ana"), cv(`"c"`, "m-chen")}}
	ownerXY := Conflict{Field: "owner", Values: []ConflictValue{cv(`"x"`, "m-ana"), cv(`"y"`, "m-ben")}}
	current := func(field string, v json.RawMessage) ConflictValue { return ConflictValue{Value: v, By: "m-dana"} }
	tests := []struct {
		name               string
		base, ours, theirs []Conflict
		found              []Conflict
		merged             string
		want               []string
	}{
		{"each side's new values all stand", nil, []Conflict{ab}, []Conflict{ac}, nil, `{"text":"c"}`,
			[]string{`text: "a" by m-ana`, `text: "b" by m-ben`, `text: "c" by m-chen`}},
		{"a conflict the other side settled goes", []Conflict{ownerXY}, []Conflict{ownerXY}, nil, nil, `{"owner":"z"}`, nil},
		{"one settled there, one new here", []Conflict{ownerXY}, []Conflict{ownerXY, ab}, nil, nil, `{"owner":"z","text":"b"}`,
			[]string{`text: "a" by m-ana`, `text: "b" by m-ben`}},
		{"a value left alone is joined by the record's", nil, []Conflict{{Field: "text", Values: []ConflictValue{cv(`"a"`, "m-ana")}}}, nil, nil, `{"text":"d"}`,
			[]string{`text: "a" by m-ana`, `text: "d" by m-dana`}},
		{"one value and the record's the same: settled", nil, []Conflict{{Field: "text", Values: []ConflictValue{cv(`"a"`, "m-ana")}}}, nil, nil, `{"text":"a"}`, nil},
		{"the merge's own", nil, nil, nil, []Conflict{ab}, `{"text":"b"}`, []string{`text: "a" by m-ana`, `text: "b" by m-ben`}},
		{"a record deleted has none", nil, []Conflict{ab}, nil, nil, ``, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var merged []byte
			if tt.merged != "" {
				merged = []byte(tt.merged)
			}
			got, err := mergeConflicts(tt.base, tt.ours, tt.theirs, tt.found, merged, current)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(said(got), tt.want) {
				t.Errorf("got %q; want %q", said(got), tt.want)
			}
			if again, _ := mergeConflicts(tt.base, tt.theirs, tt.ours, tt.found, merged, current); !sameConflicts(again, got) {
				t.Errorf("merged the other way round: %q", said(again))
			}
		})
	}
}

// TestRepairWaitsUntilCaughtUp: a card that comes before the journey record holding its new
// stage (each record comes by itself) restores nothing while more is on its way: once the
// journey comes the stage stands with its own name, nothing in conflict, nothing to send.
func TestRepairWaitsUntilCaughtUp(t *testing.T) {
	s, w := sharedTest(t)
	j := w.Journeys[0]
	card := journey.Card{ID: "c-new", Stage: "s-new", Lane: j.Lanes[0].ID, Text: "Typed on Ben's desk"}
	cardKey, _ := WireKey(journey.Ref{Kind: journey.RefCard, Journey: j.ID, ID: card.ID})
	first := remote(t, cardKey, 1000, "m-ben", card)
	first.Pending = 1
	if _, err := s.Receive([]Incoming{first}); err != nil {
		t.Fatal(err)
	}
	if waiting, conflicts, _ := s.ShareState(); waiting != 0 || len(conflicts) != 0 {
		t.Fatalf("a card whose stage is on its way: %d changes wait, %d conflicts; want nothing restored", waiting, len(conflicts))
	}

	theirs := j
	theirs.Stages = append(slices.Clone(j.Stages), journey.Stage{ID: "s-new", Name: "Parcel on its way"})
	theirs.Cards = append(slices.Clone(j.Cards), card)
	rec, err := encode(newJourneyRecord(&theirs))
	if err != nil {
		t.Fatal(err)
	}
	v, _ := json.Marshal(Envelope{Record: rec, By: "m-ben", At: "2026-12-02T10:00:00Z"})
	journeyKey, _ := WireKey(journey.Ref{Kind: journey.RefJourney, ID: j.ID})
	if _, err := s.Receive([]Incoming{{Key: journeyKey, Value: v, Rev: 1001}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	gj := got.Journey(j.ID)
	if i := journey.Index(gj.Stages, "s-new"); i < 0 || gj.Stages[i].Name != "Parcel on its way" || journey.Index(gj.Cards, card.ID) < 0 {
		t.Errorf("after the journey came: stages %+v; want Ben's stage by its name, holding his card", gj.Stages)
	}
	if waiting, conflicts, _ := s.ShareState(); waiting != 0 || len(conflicts) != 0 {
		t.Errorf("after the journey came %d changes wait and %d conflicts stand; want none", waiting, len(conflicts))
	}
}
