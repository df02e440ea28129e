// Package journeytest gives tests workspaces to work on: the sample, big generated maps, and
// the workspace file for telling whether two workspaces are the same; and, on Linux, a small
// real disk to fill.
package journeytest

import (
	"fmt"
	"testing"

	"journeymap/assets"
	"journeymap/journey"
	"journeymap/journey/interchange"
)

// Sample returns a fresh copy of the sample workspace.
func Sample(tb testing.TB) *journey.Workspace {
	tb.Helper()
	w, err := interchange.Parse(assets.SampleWorkspace)
	if err != nil {
		tb.Fatal(err)
	}
	return w
}

// File is the workspace file of w: two workspaces are the same when their files are.
func File(tb testing.TB, w *journey.Workspace) []byte {
	tb.Helper()
	b, err := interchange.Marshal(w)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// Big returns a workspace of one journey, "big", with the stages and lanes (of the kinds in
// turn) and per items in every cell: cards, pain points in the pain lane, none in the emotion
// lane, and an emotion score per stage. Every text differs, as on a real map.
func Big(stages, lanes, per int) (*journey.Workspace, *journey.Journey) {
	w := &journey.Workspace{Name: "Big", Members: []journey.Member{{ID: "m", Name: "Ana Ruiz", Capacity: 8}}}
	j := journey.Journey{ID: "big", Title: "A long journey", Persona: "Everyone", Vision: "Nothing lost"}
	for s := range stages {
		j.Stages = append(j.Stages, journey.Stage{ID: fmt.Sprintf("s%d", s), Name: fmt.Sprintf("Stage %d", s+1)})
		j.Emotions = append(j.Emotions, journey.Emotion{Stage: fmt.Sprintf("s%d", s), Score: s%5 - 2})
	}
	for l := range lanes {
		kind := journey.LaneKinds[l%7]
		j.Lanes = append(j.Lanes, journey.Lane{ID: fmt.Sprintf("l%d", l), Kind: kind, Name: string(kind)})
	}
	for _, lane := range j.Lanes {
		for s := range j.Stages {
			for n := range per {
				id := fmt.Sprintf("%s-%d-%d", lane.ID, s, n)
				text := fmt.Sprintf("Card %d of stage %d in %s: the customer does something worth a line or two", n, s, lane.ID)
				switch lane.Kind {
				case journey.LaneEmotion:
				case journey.LanePain:
					j.PainPoints = append(j.PainPoints, journey.PainPoint{ID: id, Stage: j.Stages[s].ID, Title: text,
						Discovery: journey.Unknown, Method: journey.MethodData, FoundBy: "m", Severity: 3, Effort: 2,
						Owner: "m", Status: journey.StatusOpen})
				default:
					j.Cards = append(j.Cards, journey.Card{ID: id, Lane: lane.ID, Stage: j.Stages[s].ID, Text: text})
				}
			}
		}
	}
	w.Journeys = []journey.Journey{j}
	return w, &w.Journeys[0]
}

// Imported returns n new known pain points spread over the journey's stages in turn, ids
// "imported-0" on, as a spreadsheet import adds them.
func Imported(j *journey.Journey, n int) []journey.PainPoint {
	rows := make([]journey.PainPoint, n)
	for i := range rows {
		rows[i] = journey.PainPoint{ID: fmt.Sprintf("imported-%d", i), Stage: j.Stages[i%len(j.Stages)].ID, Title: "Imported",
			Discovery: journey.Known, Source: journey.SourceComplaint, Severity: 1 + i%5, Effort: 1, Status: journey.StatusOpen}
	}
	return rows
}

// Loaded is a task force of four with capacity 4 each (Ana, Ben, Chen Li, Dana; ids a to d),
// each owning one open pain point of the effort given, in order, in a one-stage journey.
func Loaded(efforts ...int) *journey.Workspace {
	w := &journey.Workspace{Name: "Overload", Journeys: []journey.Journey{{ID: "j", Title: "Returns",
		Stages: []journey.Stage{{ID: "s", Name: "Return"}}, Lanes: []journey.Lane{{ID: "l", Kind: journey.LanePain, Name: "Pain points"}}}}}
	for i, e := range efforts {
		id := string(rune('a' + i))
		w.Members = append(w.Members, journey.Member{ID: id, Name: []string{"Ana", "Ben", "Chen Li", "Dana"}[i], Department: "Support", Capacity: 4})
		w.Journeys[0].PainPoints = append(w.Journeys[0].PainPoints, journey.PainPoint{ID: "p" + id, Stage: "s", Title: "Work " + id,
			Discovery: journey.Known, Source: journey.SourceComplaint, Severity: 3, Effort: e, Owner: id, Status: journey.StatusOpen})
	}
	return w
}

// Force is a big task force's workspace: 50 journeys of 8 stages × 5 lanes × 10 cards
// (20,000 cards) and 100 pain points each (5,000), with ten members.
func Force() *journey.Workspace {
	w := &journey.Workspace{Name: "Big force"}
	for m := range 10 {
		w.Members = append(w.Members, journey.Member{ID: fmt.Sprintf("m%d", m), Name: fmt.Sprintf("Member %d", m), Capacity: 40})
	}
	for n := range 50 {
		j := journey.Journey{ID: fmt.Sprintf("j%02d", n), Title: fmt.Sprintf("Journey %d", n)}
		for s := range 8 {
			j.Stages = append(j.Stages, journey.Stage{ID: fmt.Sprintf("s%d", s), Name: fmt.Sprintf("Stage %d", s)})
		}
		for _, k := range journey.LaneKinds[:5] {
			j.Lanes = append(j.Lanes, journey.Lane{ID: string(k), Kind: k, Name: string(k)})
		}
		for i := range 400 {
			j.Cards = append(j.Cards, journey.Card{ID: fmt.Sprintf("c%03d", i), Lane: string(journey.LaneKinds[i%3]),
				Stage: fmt.Sprintf("s%d", i%8), Text: fmt.Sprintf("Card %d: the customer does something worth a line or two", i)})
		}
		for i := range 100 {
			j.PainPoints = append(j.PainPoints, journey.PainPoint{ID: fmt.Sprintf("p%03d", i), Stage: fmt.Sprintf("s%d", i%8),
				Title: "Something hurts", Discovery: journey.Unknown, Method: journey.MethodData, FoundBy: "m1",
				Severity: 3, Effort: 2, Owner: fmt.Sprintf("m%d", i%10), Status: journey.StatusOpen})
		}
		w.Journeys = append(w.Journeys, j)
	}
	return w
}
