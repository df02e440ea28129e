package journey

import (
	"errors"
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(w *Workspace)
		want   string // "" for valid; else the whole message
	}{
		{"valid", func(w *Workspace) {}, ""},
		{"no members, no journeys", func(w *Workspace) { w.Members, w.Journeys = nil, nil }, ""},
		{"empty name", func(w *Workspace) { w.Name = "" }, "name: must be 1..200 characters, got 0"},
		{"long title", func(w *Workspace) { w.Journeys[0].Title = strings.Repeat("é", 201) },
			"journeys[0].title: must be 1..200 characters, got 201"},
		{"200 runes is fine", func(w *Workspace) { w.Journeys[0].Title = strings.Repeat("é", 200) }, ""},
		{"bytes that are no text", func(w *Workspace) { w.Journeys[0].Persona = "Caf\xe9" },
			`journeys[0].persona: is not UTF-8 text: "Caf\xe9"`},
		{"duplicate member", func(w *Workspace) { w.Members[2].ID = "ana" }, `members[2].id: "ana" is used twice`},
		{"empty id", func(w *Workspace) { w.Journeys[1].ID = "" }, "journeys[1].id: must not be empty"},
		{"long id", func(w *Workspace) { w.Journeys[0].Cards[0].ID = strings.Repeat("x", 65) },
			"journeys[0].cards[0].id: must be at most 64 bytes, got 65"},
		{"capacity 0", func(w *Workspace) { w.Members[1].Capacity = 0 }, "members[1].capacity: must be more than 0, got 0"},
		{"pulse score", func(w *Workspace) { w.Pulses[0].Help = 6 }, "pulses[0].help: must be 1..5, got 6"},
		{"pulse date", func(w *Workspace) { w.Pulses[0].Date = "2026-13-01" }, `pulses[0].date: must be a date YYYY-MM-DD, got "2026-13-01"`},
		{"bad lane kind", func(w *Workspace) { w.Journeys[0].Lanes[0].Kind = "feelings" },
			`journeys[0].lanes[0].kind: must be one of [actions touchpoints thoughts emotion pain opportunities backstage custom], got "feelings"`},
		{"dangling card lane", func(w *Workspace) { w.Journeys[0].Cards[0].Lane = "nope" },
			`journeys[0].cards[0].lane: names no lane: "nope"`},
		{"emotion out of range", func(w *Workspace) { w.Journeys[0].Emotions[1].Score = -3 },
			"journeys[0].emotions[1].score: must be -2..2, got -3"},
		{"two emotions one stage", func(w *Workspace) { w.Journeys[0].Emotions[1].Stage = "s1" },
			`journeys[0].emotions[1].stage: stage "s1" has a score already`},
		{"severity", func(w *Workspace) { w.Journeys[0].PainPoints[2].Severity = 9 },
			"journeys[0].painPoints[2].severity: must be 1..5, got 9"},
		{"effort not fibonacci", func(w *Workspace) { w.Journeys[0].PainPoints[0].Effort = 4 },
			"journeys[0].painPoints[0].effort: must be one of [1 2 3 5 8], got 4"},
		{"unknown without finder", func(w *Workspace) { w.Journeys[0].PainPoints[0].FoundBy = "" },
			"journeys[0].painPoints[0].foundBy: must name the member who found an unknown pain point"},
		{"finder is no member", func(w *Workspace) { w.Journeys[0].PainPoints[0].FoundBy = "zed" },
			`journeys[0].painPoints[0].foundBy: names no member: "zed"`},
		{"known with method", func(w *Workspace) { w.Journeys[0].PainPoints[1].Method = MethodData },
			`journeys[0].painPoints[1].method: must be "" for a known pain point, got "data"`},
		{"known without source", func(w *Workspace) { w.Journeys[0].PainPoints[1].Source = "" },
			`journeys[0].painPoints[1].source: must be one of [complaint survey review social call other], got ""`},
		{"unknown keeps credit when reported", func(w *Workspace) { w.Journeys[0].PainPoints[0].Reports = 40 }, ""},
		{"negative reports", func(w *Workspace) { w.Journeys[0].PainPoints[1].Reports = -1 },
			"journeys[0].painPoints[1].reports: must be 0 or more, got -1"},
		{"unassigned is fine", func(w *Workspace) { w.Journeys[0].PainPoints[0].Owner = "" }, ""},
		{"owner is no member", func(w *Workspace) { w.Journeys[1].PainPoints[0].Owner = "x" },
			`journeys[1].painPoints[0].owner: names no member: "x"`},
		{"bad status", func(w *Workspace) { w.Journeys[1].PainPoints[0].Status = "closed" },
			`journeys[1].painPoints[0].status: must be one of [open doing done verified], got "closed"`},
		{"bad due", func(w *Workspace) { w.Journeys[1].PainPoints[0].Action.Due = "soon" },
			`journeys[1].painPoints[0].action.due: must be a date YYYY-MM-DD, got "soon"`},
		{"found on a date", func(w *Workspace) { w.Journeys[1].PainPoints[0].FoundOn = "2026-11-03" }, ""},
		{"found on no date", func(w *Workspace) { w.Journeys[1].PainPoints[0].FoundOn = "2026-13-03" },
			`journeys[1].painPoints[0].foundOn: must be a date YYYY-MM-DD, got "2026-13-03"`},
		{"no pain lane", func(w *Workspace) { w.Journeys[1].Lanes[0].Kind = LaneActions },
			`journeys[1].lanes: has pain points but no lane of kind "pain" to put them in`},
		{"long text", func(w *Workspace) { w.Journeys[0].Cards[0].Text = strings.Repeat("a", 4001) },
			"journeys[0].cards[0].text: must be at most 4000 characters, got 4001"},
		{"hostile value is clipped", func(w *Workspace) { w.Journeys[0].Cards[0].Stage = strings.Repeat("z", 10<<20) },
			`journeys[0].cards[0].stage: names no stage: "` + strings.Repeat("z", 40) + `…"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := small()
			tt.change(w)
			err := Validate(w)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("got %v, want valid", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("got valid, want %q", tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("got %q, want %q", err.Error(), tt.want)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("errors.Is(err, ErrInvalid) is false")
			}
		})
	}
}
