package journey

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// normal makes empty lists nil, so that a list emptied by an edit and then refilled by its
// undo compares equal to one that was never touched.
func normal(w *Workspace) *Workspace {
	c := w.Clone()
	nilIfEmpty(&c.Members)
	nilIfEmpty(&c.Pulses)
	nilIfEmpty(&c.Journeys)
	for i := range c.Journeys {
		j := &c.Journeys[i]
		nilIfEmpty(&j.Stages)
		nilIfEmpty(&j.Lanes)
		nilIfEmpty(&j.Cards)
		nilIfEmpty(&j.Emotions)
		nilIfEmpty(&j.PainPoints)
	}
	return c
}

func nilIfEmpty[T any](s *[]T) {
	if len(*s) == 0 {
		*s = nil
	}
}

func same(a, b *Workspace) bool { return reflect.DeepEqual(normal(a), normal(b)) }

// editOf turns a constructor's two results into one, for the table.
func editOf[E Edit](e E, err error) (Edit, error) { return e, err }

func painPointWith(w *Workspace, id string, change func(*PainPoint)) (Edit, error) {
	p := *w.Journeys[0].painPoint(id)
	change(&p)
	return editOf(Put(w, "j1", p, -1))
}

func TestEveryEditAppliesInvertsAndReapplies(t *testing.T) {
	blank := BlankJourney("New journey")
	tests := []struct {
		name  string
		edit  func(w *Workspace) (Edit, error)
		label string
		check func(w *Workspace) bool // the edit did what it says
	}{
		// Journeys.
		{"add blank journey", func(w *Workspace) (Edit, error) { return editOf(Put(w, "", blank, -1)) }, "Add journey",
			func(w *Workspace) bool { return len(w.Journeys) == 3 && len(w.Journeys[2].Lanes) == 7 }},
		{"add journey as a copy", func(w *Workspace) (Edit, error) { return editOf(Put(w, "", CopyOf(&w.Journeys[0]), 1)) }, "Add journey",
			func(w *Workspace) bool {
				return w.Journeys[1].Title == "Copy of Late parcel" && len(w.Journeys[1].PainPoints) == 3 && w.Journeys[1].ID != "j1"
			}},
		{"rename journey", func(w *Workspace) (Edit, error) {
			info := w.Journeys[0].Info()
			info.Title = "A parcel arrives late"
			return editOf(EditJourneyInfo(w, "j1", info))
		}, "Rename journey", func(w *Workspace) bool { return w.Journeys[0].Title == "A parcel arrives late" }},
		{"edit persona", func(w *Workspace) (Edit, error) {
			info := w.Journeys[0].Info()
			info.Persona = "First-time buyer"
			return editOf(EditJourneyInfo(w, "j1", info))
		}, "Edit persona", func(w *Workspace) bool { return w.Journeys[0].Persona == "First-time buyer" }},
		{"edit vision", func(w *Workspace) (Edit, error) {
			info := w.Journeys[0].Info()
			info.Vision = "Nobody has to ask where their parcel is"
			return editOf(EditJourneyInfo(w, "j1", info))
		}, "Edit vision", func(w *Workspace) bool { return strings.HasPrefix(w.Journeys[0].Vision, "Nobody") }},
		{"delete journey", func(w *Workspace) (Edit, error) { return editOf(Remove[Journey](w, "", "j1")) }, "Delete journey",
			func(w *Workspace) bool { return len(w.Journeys) == 1 && w.Journeys[0].ID == "j2" }},
		{"reorder journeys", func(w *Workspace) (Edit, error) { return editOf(Reorder[Journey](w, "", "j2", 0)) }, "Move journey",
			func(w *Workspace) bool { return w.Journeys[0].ID == "j2" }},
		// Stages.
		{"add stage", func(w *Workspace) (Edit, error) { return editOf(Put(w, "j1", Stage{ID: "s3", Name: "Arrives"}, 1)) }, "Add stage",
			func(w *Workspace) bool { return w.Journeys[0].Stages[1].ID == "s3" }},
		{"rename stage", func(w *Workspace) (Edit, error) { return editOf(Put(w, "j1", Stage{ID: "s1", Name: "Checkout"}, -1)) }, "Rename stage",
			func(w *Workspace) bool { return w.Journeys[0].Stages[0].Name == "Checkout" }},
		{"move stage", func(w *Workspace) (Edit, error) { return editOf(Reorder[Stage](w, "j1", "s1", 1)) }, "Move stage",
			func(w *Workspace) bool { return w.Journeys[0].Stages[1].ID == "s1" }},
		{"delete stage with its cards, pain points and emotion", func(w *Workspace) (Edit, error) { return DeleteStage(w, "j1", "s1") }, "Delete stage",
			func(w *Workspace) bool {
				j := w.Journeys[0]
				return len(j.Stages) == 1 && len(j.Cards) == 0 && len(j.PainPoints) == 2 && len(j.Emotions) == 1
			}},
		// Lanes.
		{"add lane", func(w *Workspace) (Edit, error) {
			return editOf(Put(w, "j1", Lane{ID: "l-ops", Kind: LaneOpportunities, Name: "Ideas"}, -1))
		}, "Add lane", func(w *Workspace) bool { return len(w.Journeys[0].Lanes) == 4 }},
		{"rename lane", func(w *Workspace) (Edit, error) {
			return editOf(Put(w, "j1", Lane{ID: "l-act", Kind: LaneActions, Name: "Does"}, -1))
		}, "Rename lane", func(w *Workspace) bool { return w.Journeys[0].Lanes[0].Name == "Does" }},
		{"change lane kind", func(w *Workspace) (Edit, error) {
			return editOf(Put(w, "j1", Lane{ID: "l-act", Kind: LaneTouchpoints, Name: "Actions"}, -1))
		}, "Change lane kind", func(w *Workspace) bool { return w.Journeys[0].Lanes[0].Kind == LaneTouchpoints }},
		{"move lane", func(w *Workspace) (Edit, error) { return editOf(Reorder[Lane](w, "j1", "l-pain", 0)) }, "Move lane",
			func(w *Workspace) bool { return w.Journeys[0].Lanes[0].ID == "l-pain" }},
		{"hide lane", func(w *Workspace) (Edit, error) {
			return editOf(Put(w, "j1", Lane{ID: "l-emo", Kind: LaneEmotion, Name: "Feeling", Hidden: true}, -1))
		}, "Hide lane", func(w *Workspace) bool { return w.Journeys[0].Lanes[1].Hidden }},
		{"delete lane with its cards", func(w *Workspace) (Edit, error) { return DeleteLane(w, "j1", "l-act") }, "Delete lane",
			func(w *Workspace) bool { return len(w.Journeys[0].Lanes) == 2 && len(w.Journeys[0].Cards) == 0 }},
		{"delete the only pain lane with its pain points", func(w *Workspace) (Edit, error) { return DeleteLane(w, "j1", "l-pain") }, "Delete lane",
			func(w *Workspace) bool { return len(w.Journeys[0].Lanes) == 2 && len(w.Journeys[0].PainPoints) == 0 }},
		// Cards.
		{"add card", func(w *Workspace) (Edit, error) {
			return editOf(Put(w, "j1", Card{ID: "c2", Lane: "l-act", Stage: "s2", Text: "Waits"}, -1))
		}, "Add card", func(w *Workspace) bool { return len(w.Journeys[0].Cards) == 2 }},
		{"add card to an empty journey", func(w *Workspace) (Edit, error) {
			w.Journeys[1].Lanes = append(w.Journeys[1].Lanes, Lane{ID: "l-act", Kind: LaneActions, Name: "Actions"})
			return editOf(Put(w, "j2", Card{ID: "c1", Lane: "l-act", Stage: "s1", Text: "Prints a label"}, -1))
		}, "Add card", func(w *Workspace) bool { return len(w.Journeys[1].Cards) == 1 }},
		{"edit card text", func(w *Workspace) (Edit, error) {
			return editOf(Put(w, "j1", Card{ID: "c1", Lane: "l-act", Stage: "s1", Text: "Pays by card"}, -1))
		}, "Edit card", func(w *Workspace) bool { return w.Journeys[0].Cards[0].Text == "Pays by card" }},
		{"move card to another cell", func(w *Workspace) (Edit, error) {
			return editOf(Put(w, "j1", Card{ID: "c1", Lane: "l-emo", Stage: "s2", Text: "Pays"}, -1))
		}, "Move card", func(w *Workspace) bool { c := w.Journeys[0].Cards[0]; return c.Lane == "l-emo" && c.Stage == "s2" }},
		{"move card to another position", func(w *Workspace) (Edit, error) {
			w.Journeys[0].Cards = append(w.Journeys[0].Cards, Card{ID: "c0", Lane: "l-act", Stage: "s1", Text: "Browses"})
			return editOf(Put(w, "j1", w.Journeys[0].Cards[1], 0))
		}, "Move card", func(w *Workspace) bool { return w.Journeys[0].Cards[0].ID == "c0" }},
		{"tag card with a colour", func(w *Workspace) (Edit, error) {
			return editOf(Put(w, "j1", Card{ID: "c1", Lane: "l-act", Stage: "s1", Text: "Pays", Color: "red"}, -1))
		}, "Tag card", func(w *Workspace) bool { return w.Journeys[0].Cards[0].Color == "red" }},
		{"delete card", func(w *Workspace) (Edit, error) { return editOf(Remove[Card](w, "j1", "c1")) }, "Delete card",
			func(w *Workspace) bool { return len(w.Journeys[0].Cards) == 0 }},
		{"delete several items at once", func(w *Workspace) (Edit, error) {
			return DeleteItems(w, "j1", []string{"c1"}, []string{"p1", "p3"}, []string{"s2"})
		}, "Delete 4 items", func(w *Workspace) bool {
			j := w.Journeys[0]
			return len(j.Cards) == 0 && len(j.PainPoints) == 1 && j.PainPoints[0].ID == "p2" && len(j.Emotions) == 1
		}},
		// Emotion.
		{"change emotion score", func(w *Workspace) (Edit, error) { return editOf(Put(w, "j1", Emotion{Stage: "s2", Score: 1}, -1)) },
			"Set emotion", func(w *Workspace) bool { s, _ := w.Journeys[0].Emotion("s2"); return s == 1 }},
		{"set a new emotion score", func(w *Workspace) (Edit, error) {
			w.Journeys[0].Emotions = w.Journeys[0].Emotions[:1]
			return editOf(Put(w, "j1", Emotion{Stage: "s2", Score: 0}, -1))
		}, "Set emotion", func(w *Workspace) bool { _, ok := w.Journeys[0].Emotion("s2"); return ok }},
		{"clear emotion score", func(w *Workspace) (Edit, error) { return editOf(Remove[Emotion](w, "j1", "s1")) }, "Clear emotion",
			func(w *Workspace) bool { _, ok := w.Journeys[0].Emotion("s1"); return !ok }},
		// Pain points, every field.
		{"add pain point", func(w *Workspace) (Edit, error) {
			return editOf(Put(w, "j1", PainPoint{ID: "p9", Stage: "s1", Title: "Card declined", Discovery: Known, Source: SourceCall,
				Reports: 3, Severity: 2, Effort: 1, Status: StatusOpen}, -1))
		}, "Add pain point", func(w *Workspace) bool { return len(w.Journeys[0].PainPoints) == 4 }},
		{"pain point title and detail", func(w *Workspace) (Edit, error) {
			return painPointWith(w, "p1", func(p *PainPoint) { p.Title, p.Detail = "No tracking link at all", "Seen in 3 of 3 test orders" })
		}, "Edit pain point", func(w *Workspace) bool { return w.Journeys[0].PainPoints[0].Detail != "" }},
		{"pain point stage", func(w *Workspace) (Edit, error) { return painPointWith(w, "p1", func(p *PainPoint) { p.Stage = "s1" }) },
			"Move pain point", func(w *Workspace) bool { return w.Journeys[0].PainPoints[0].Stage == "s1" }},
		{"pain point discovery", func(w *Workspace) (Edit, error) {
			return painPointWith(w, "p2", func(p *PainPoint) { p.Discovery, p.Source, p.Method, p.FoundBy = Unknown, "", MethodData, "cy" })
		}, "Mark pain point unknown", func(w *Workspace) bool { return w.Journeys[0].PainPoints[1].Discovery == Unknown }},
		{"pain point source and reports", func(w *Workspace) (Edit, error) {
			return painPointWith(w, "p2", func(p *PainPoint) { p.Source, p.Reports = SourceSurvey, 40 })
		}, "Edit pain point", func(w *Workspace) bool { return w.Journeys[0].PainPoints[1].Reports == 40 }},
		{"pain point severity and effort", func(w *Workspace) (Edit, error) {
			return painPointWith(w, "p1", func(p *PainPoint) { p.Severity, p.Effort = 5, 8 })
		}, "Edit pain point", func(w *Workspace) bool { return w.Journeys[0].PainPoints[0].Effort == 8 }},
		{"assign pain point", func(w *Workspace) (Edit, error) {
			return painPointWith(w, "p1", func(p *PainPoint) { p.Owner = "ben" })
		},
			"Assign pain point", func(w *Workspace) bool { return w.Journeys[0].PainPoints[0].Owner == "ben" }},
		{"pain point status", func(w *Workspace) (Edit, error) {
			return painPointWith(w, "p1", func(p *PainPoint) { p.Status = StatusDoing })
		},
			"Set status", func(w *Workspace) bool { return w.Journeys[0].PainPoints[0].Status == StatusDoing }},
		{"pain point next action", func(w *Workspace) (Edit, error) {
			return painPointWith(w, "p3", func(p *PainPoint) {
				p.Action = Action{Text: "List every fee on the checkout page", Due: "2027-01-10", DoneWhen: "Fees show before payment"}
			})
		}, "Edit next action", func(w *Workspace) bool { return w.Journeys[0].PainPoints[2].Action.Due == "2027-01-10" }},
		{"pain point severity", func(w *Workspace) (Edit, error) { return painPointWith(w, "p1", func(p *PainPoint) { p.Severity = 1 }) },
			"Set severity", func(w *Workspace) bool { return w.Journeys[0].PainPoints[0].Severity == 1 }},
		{"pain point title", func(w *Workspace) (Edit, error) {
			return painPointWith(w, "p1", func(p *PainPoint) { p.Title = "Where is it" })
		},
			"Rename pain point", func(w *Workspace) bool { return w.Journeys[0].PainPoints[0].Title == "Where is it" }},
		{"delete pain point", func(w *Workspace) (Edit, error) { return editOf(Remove[PainPoint](w, "j1", "p2")) }, "Delete pain point",
			func(w *Workspace) bool { return len(w.Journeys[0].PainPoints) == 2 }},
		// Members.
		{"add member", func(w *Workspace) (Edit, error) {
			return editOf(Put(w, "", Member{ID: "dee", Name: "Dee", Department: "Sales", Capacity: 5}, -1))
		}, "Add member", func(w *Workspace) bool { return len(w.Members) == 4 }},
		{"edit member", func(w *Workspace) (Edit, error) {
			return editOf(Put(w, "", Member{ID: "ben", Name: "Ben Okafor", Department: "Billing", Capacity: 6}, -1))
		}, "Edit member", func(w *Workspace) bool { return w.Members[1].Capacity == 6 }},
		{"remove member: their pain points become unassigned", func(w *Workspace) (Edit, error) { return RemoveMember(w, "ben") },
			"Remove member", func(w *Workspace) bool { return len(w.Members) == 2 && w.Journeys[0].PainPoints[1].Owner == "" }},
		{"move member", func(w *Workspace) (Edit, error) { return editOf(Reorder[Member](w, "", "cy", 0)) }, "Move member",
			func(w *Workspace) bool { return w.Members[0].ID == "cy" }},
		// Pulses and the workspace.
		{"add pulse", func(w *Workspace) (Edit, error) {
			return editOf(Put(w, "", Pulse{ID: NewID("pulse"), Date: "2026-11-20", Risk: 2, Dialogue: 3, Help: 4, Inclusion: 5}, -1))
		}, "Add pulse", func(w *Workspace) bool { return len(w.Pulses) == 2 }},
		{"rename workspace", func(*Workspace) (Edit, error) { return RenameWorkspace{"Test force", "Late parcel task force"}, nil },
			"Rename workspace", func(w *Workspace) bool { return w.Name == "Late parcel task force" }},
		// A compound edit.
		{"batch of two edits", func(w *Workspace) (Edit, error) {
			a, _ := Put(w, "j1", Card{ID: "c2", Lane: "l-act", Stage: "s2", Text: "Waits"}, -1)
			b, _ := painPointWith(w, "p1", func(p *PainPoint) { p.Owner = "cy" })
			return Batch{Name: "Paste", Edits: []Edit{a, b}}, nil
		}, "Paste", func(w *Workspace) bool {
			return len(w.Journeys[0].Cards) == 2 && w.Journeys[0].PainPoints[0].Owner == "cy"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := small()
			e, err := tt.edit(w)
			if err != nil {
				t.Fatalf("making the edit: %v", err)
			}
			before := w.Clone()
			if err := e.Apply(w); err != nil {
				t.Fatalf("apply: %v", err)
			}
			if !tt.check(w) {
				t.Fatalf("apply did not do what the edit says: %+v", w.Journeys)
			}
			if got := e.Label(); got != tt.label {
				t.Errorf("label: got %q, want %q", got, tt.label)
			}
			done := w.Clone()

			stale := done.Clone()
			if err := e.Apply(stale); !errors.Is(err, ErrConflict) && !errors.Is(err, ErrInvalid) {
				t.Errorf("applying the edit a second time: got %v, want it refused", err)
			}
			if !same(stale, done) {
				t.Error("a refused edit changed the workspace")
			}

			if err := e.Invert().Apply(w); err != nil {
				t.Fatalf("invert: %v", err)
			}
			if !same(w, before) {
				t.Fatalf("the inverse did not restore the workspace:\ngot  %+v\nwant %+v", normal(w).Journeys, normal(before).Journeys)
			}

			// What is stored is what is applied again: redo goes through the stored form.
			data, err := MarshalEdit(e)
			if err != nil {
				t.Fatal(err)
			}
			again, err := UnmarshalEdit(data)
			if err != nil {
				t.Fatalf("reading back %s: %v", data, err)
			}
			if err := again.Apply(w); err != nil {
				t.Fatalf("apply again: %v", err)
			}
			if !same(w, done) {
				t.Error("applying again did not give the same workspace as the first time")
			}
		})
	}
}

func TestTouchesAndScope(t *testing.T) {
	w := small()
	addCard, _ := Put(w, "j1", Card{ID: "c2", Lane: "l-act", Stage: "s2", Text: "Waits"}, -1)
	editCard, _ := Put(w, "j1", Card{ID: "c1", Lane: "l-act", Stage: "s1", Text: "Pays by card"}, -1)
	addJourney, _ := Put(w, "", CopyOf(&w.Journeys[0]), -1)
	removeBen, _ := RemoveMember(w, "ben")
	tests := []struct {
		name  string
		edit  Edit
		want  []Ref
		scope string
	}{
		{"a new card and its journey's order", addCard, []Ref{{RefCard, "j1", "c2"}, {RefJourney, "", "j1"}}, "j1"},
		{"a changed card alone", editCard, []Ref{{RefCard, "j1", "c1"}}, "j1"},
		{"an emotion lives in the journey record", must(Put(w, "j1", Emotion{Stage: "s1", Score: 2}, -1)), []Ref{{RefJourney, "", "j1"}}, "j1"},
		{"a member and the workspace's order", must(Put(w, "", Member{ID: "dee", Name: "Dee", Capacity: 1}, -1)),
			[]Ref{{RefMember, "", "dee"}, {RefWorkspace, "", ""}}, ""},
		{"a pulse alone: no order is kept", must(Put(w, "", Pulse{ID: "pu", Date: "2026-11-20", Risk: 1, Dialogue: 1, Help: 1, Inclusion: 1}, -1)),
			[]Ref{{RefPulse, "", "pu"}}, ""},
		{"removing a member reaches their pain points", removeBen,
			[]Ref{{RefPainPoint, "j1", "p2"}, {RefMember, "", "ben"}, {RefWorkspace, "", ""}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.edit.Touches(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("touches: got %v, want %v", got, tt.want)
			}
			if got := Scope(tt.edit); got != tt.scope {
				t.Errorf("scope: got %q, want %q", got, tt.scope)
			}
		})
	}
	// A new journey brings all of its records with it.
	refs := addJourney.Touches()
	if n := len(refs); n != 1+len(w.Journeys[0].Cards)+len(w.Journeys[0].PainPoints)+1 {
		t.Errorf("a copied journey touches %d records: %v", n, refs)
	}
}

func must[E Edit](e E, err error) Edit {
	if err != nil {
		panic(err)
	}
	return e
}

func TestRefusedEditsChangeNothing(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(w *Workspace) (Edit, error)
		wantErr error
		msg     string // part of the message a person sees
	}{
		{"card text over the limit", func(w *Workspace) (Edit, error) {
			return editOf(Put(w, "j1", Card{ID: "c1", Lane: "l-act", Stage: "s1", Text: strings.Repeat("x", 4001)}, -1))
		}, ErrInvalid, "journeys[0].cards[0].text: must be at most 4000 characters, got 4001"},
		{"card in a lane that does not exist", func(w *Workspace) (Edit, error) {
			return editOf(Put(w, "j1", Card{ID: "c9", Lane: "nowhere", Stage: "s1"}, -1))
		}, ErrInvalid, `journeys[0].cards[1].lane: names no lane: "nowhere"`},
		{"card with an unknown colour", func(w *Workspace) (Edit, error) {
			return editOf(Put(w, "j1", Card{ID: "c1", Lane: "l-act", Stage: "s1", Color: "pink"}, -1))
		}, ErrInvalid, "color"},
		{"a second card with the same id", func(w *Workspace) (Edit, error) {
			e, err := Put(w, "j1", Card{ID: "c2", Lane: "l-act", Stage: "s1"}, -1)
			e.After.ID = "c1"
			return e, err
		}, ErrInvalid, `"c1" is used twice`},
		{"stage title too long", func(w *Workspace) (Edit, error) {
			return editOf(Put(w, "j1", Stage{ID: "s1", Name: strings.Repeat("é", 201)}, -1))
		}, ErrInvalid, "must be 1..200 characters, got 201"},
		{"empty journey title", func(w *Workspace) (Edit, error) { return editOf(EditJourneyInfo(w, "j1", JourneyInfo{})) },
			ErrInvalid, "journeys[0].title"},
		{"deleting a stage that still holds things, without the cascade", func(w *Workspace) (Edit, error) {
			return editOf(Remove[Stage](w, "j1", "s2"))
		}, ErrInvalid, `stage "Wait" still holds no cards, 2 pain points and 1 emotion score`},
		{"the only pain lane can't become another kind", func(w *Workspace) (Edit, error) {
			return editOf(Put(w, "j1", Lane{ID: "l-pain", Kind: LaneActions, Name: "Pain points"}, -1))
		}, ErrInvalid, `must stay "pain"`},
		{"a member who owns work can't just go", func(w *Workspace) (Edit, error) { return editOf(Remove[Member](w, "", "ana")) },
			ErrInvalid, "Ana still owns 2 pain points and is credited with finding 1 pain point"},
		{"a member who dug up unknown pain points keeps the credit", func(w *Workspace) (Edit, error) { return RemoveMember(w, "cy") },
			ErrInvalid, "Cy found 1 unknown pain point"},
		{"an owner who is not a member", func(w *Workspace) (Edit, error) {
			return painPointWith(w, "p1", func(p *PainPoint) { p.Owner = "zed" })
		}, ErrInvalid, `journeys[0].painPoints[0].owner: names no member: "zed"`},
		{"an unknown pain point needs its finder", func(w *Workspace) (Edit, error) {
			return painPointWith(w, "p1", func(p *PainPoint) { p.FoundBy = "" })
		}, ErrInvalid, "foundBy: must name the member"},
		{"an edit of a journey that is gone", func(w *Workspace) (Edit, error) {
			e, err := Put(w, "j1", Card{ID: "c1", Lane: "l-act", Stage: "s1", Text: "x"}, -1)
			e.Journey = "gone"
			return e, err
		}, ErrConflict, `journey "gone" is gone`},
		{"a batch whose second part fails takes back the first", func(w *Workspace) (Edit, error) {
			a, _ := Put(w, "j1", Card{ID: "c2", Lane: "l-act", Stage: "s2", Text: "Waits"}, -1)
			b, _ := Put(w, "j1", Card{ID: "c3", Lane: "nowhere", Stage: "s2"}, -1)
			return Batch{Name: "Paste", Edits: []Edit{a, b}}, nil
		}, ErrInvalid, "names no lane"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := small()
			before := w.Clone()
			e, err := tt.edit(w)
			if err == nil {
				err = e.Apply(w)
			}
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("got %v, want %v", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("message %q does not say %q", err, tt.msg)
			}
			if !same(w, before) {
				t.Error("a refused edit changed the workspace")
			}
		})
	}
}

func TestEditsOwnTheirValues(t *testing.T) {
	w := small()
	c := Card{ID: "c2", Lane: "l-act", Stage: "s2", Text: "Waits"}
	e, _ := Put(w, "j1", c, -1)
	c.Text = "changed by the form afterwards"
	if e.After.Text != "Waits" {
		t.Error("the edit follows changes to the caller's value")
	}
	del, _ := Remove[Journey](w, "", "j1")
	w.Journeys[0].Cards[0].Text = "changed in the workspace"
	if del.Before.Cards[0].Text != "Pays" {
		t.Error("a journey kept by a delete shares its cards with the workspace")
	}
}

func TestUnmarshalEditRefusesNonsense(t *testing.T) {
	for _, data := range []string{`{`, `{"type":"teleport"}`, `{"type":"item","list":"gizmos"}`,
		`{"type":"batch","edits":[{"type":"nope"}]}`, `{"type":"item","list":"cards","after":[1]}`} {
		if _, err := UnmarshalEdit([]byte(data)); err == nil {
			t.Errorf("%s: read without an error", data)
		}
	}
}

func TestBlankJourneyAndCopy(t *testing.T) {
	j := BlankJourney("Returns")
	w := small()
	if err := must(Put(w, "", j, -1)).Apply(w); err != nil {
		t.Fatalf("a blank journey is not valid: %v", err)
	}
	kinds := []LaneKind{}
	for _, l := range j.Lanes {
		kinds = append(kinds, l.Kind)
	}
	if !slices.Equal(kinds, LaneKinds[:7]) {
		t.Errorf("lanes: got %v, want the seven standard kinds", kinds)
	}
	long := w.Journeys[0]
	long.Title = strings.Repeat("t", MaxNameRunes)
	if c := CopyOf(&long); len([]rune(c.Title)) != MaxNameRunes || c.ID == long.ID {
		t.Errorf("copy of a journey with a 200-character title: %d characters, id %q", len([]rune(c.Title)), c.ID)
	}
}

func TestIndexFindsEachKindByItsIdentity(t *testing.T) {
	emotions := []Emotion{{Stage: "s1", Score: 2}, {Stage: "s2", Score: -1}}
	cards := []Card{{ID: "c1"}, {ID: "c2"}, {ID: "c3"}}
	tests := []struct {
		name string
		got  int
		want int
	}{
		{"card in the middle", Index(cards, "c2"), 1},
		{"card at the end", Index(cards, "c3"), 2},
		{"missing card", Index(cards, "c9"), -1},
		{"empty list", Index([]Stage(nil), "s1"), -1},
		{"emotion by its stage", Index(emotions, "s2"), 1},
		{"member", Index([]Member{{ID: "m1"}, {ID: "m2"}}, "m2"), 1},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: Index = %d, want %d", tt.name, tt.got, tt.want)
		}
	}
}

// TestAnEditNamesAPlaceInTheList: an item edit whose place is past the list as it is now (a
// stored edit replayed on a shorter list) is refused and changes nothing, instead of putting
// the item elsewhere, where its undo would not find it.
func TestAnEditNamesAPlaceInTheList(t *testing.T) {
	for _, e := range []ItemEdit[Card]{
		{Journey: "j1", After: &Card{ID: "new", Lane: "l-act", Stage: "s1"}, From: -1, To: 99},
		{Journey: "j1", After: &Card{ID: "new", Lane: "l-act", Stage: "s1"}, From: -1, To: -1},
	} {
		w := small()
		if err := e.Apply(w); !errors.Is(err, ErrConflict) || !same(w, small()) {
			t.Errorf("an add at place %d: %v, workspace unchanged %v", e.To, err, same(w, small()))
		}
	}
	w := small()
	c := w.Journeys[0].Cards[0]
	changed := c
	changed.Text = "Changed"
	e := ItemEdit[Card]{Journey: "j1", Before: &c, After: &changed, From: 0, To: 7}
	if err := e.Apply(w); !errors.Is(err, ErrConflict) || !same(w, small()) {
		t.Errorf("a change moving its card to place 7: %v", err)
	}
}

// TestSaidNamesTheItem: the words after "Undone:" name the item an edit changed, by the
// title it has after the edit (before it, for a delete), on one line and clipped; an edit of
// no one named item is said by its label alone.
func TestSaidNamesTheItem(t *testing.T) {
	long := strings.Repeat("Waits for the courier ", 4)
	tests := []struct {
		name string
		edit func(w *Workspace) (Edit, error)
		want string
	}{
		{"rename stage", func(w *Workspace) (Edit, error) {
			return editOf(Put(w, "j1", Stage{ID: "s1", Name: "Checkout"}, -1))
		}, "Rename stage “Checkout”"},
		{"delete pain point", func(w *Workspace) (Edit, error) { return editOf(Remove[PainPoint](w, "j1", "p2")) },
			"Delete pain point “" + small().Journeys[0].PainPoints[1].Title + "”"},
		{"card of many lines, long", func(w *Workspace) (Edit, error) {
			return editOf(Put(w, "j1", Card{ID: "c2", Lane: "l-act", Stage: "s2", Text: "  " + strings.ReplaceAll(long, " for", "\nfor")}, -1))
		}, "Add card “Waits for the courier Waits for the cour…”"},
		{"set severity", func(w *Workspace) (Edit, error) { return painPointWith(w, "p1", func(p *PainPoint) { p.Severity = 1 }) },
			"Set severity “" + small().Journeys[0].PainPoints[0].Title + "”"},
		{"emotion score: no title", func(w *Workspace) (Edit, error) {
			return editOf(Put(w, "j1", Emotion{Stage: "s2", Score: -1}, -1))
		}, "Set emotion"},
		{"rename workspace", func(*Workspace) (Edit, error) { return RenameWorkspace{"Test force", "Late parcel"}, nil }, "Rename workspace"},
		{"batch", func(w *Workspace) (Edit, error) {
			a, _ := Put(w, "j1", Card{ID: "c2", Lane: "l-act", Stage: "s2", Text: "Waits"}, -1)
			return Batch{Name: "Paste", Edits: []Edit{a}}, nil
		}, "Paste"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := tt.edit(small())
			if err != nil {
				t.Fatal(err)
			}
			if got := Said(e); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestAnEditStandsOnTheFieldsItChanges: an edit of an item changed meanwhile (on another desk,
// say) still changes the fields it changes when nothing changed those since, keeping the other
// changes; one whose fields were changed since, a delete of an item changed since, and an edit
// whose change is there already are refused as conflicts.
func TestAnEditStandsOnTheFieldsItChanges(t *testing.T) {
	base := Card{ID: "c", Lane: "l", Stage: "s", Text: "Pays at checkout"}
	tests := []struct {
		name        string
		before, now Card
		after       *Card
		want        Card
		refused     bool
	}{
		{"as it was", base, base, &Card{ID: "c", Lane: "l", Stage: "s", Text: "Pays by card"}, Card{ID: "c", Lane: "l", Stage: "s", Text: "Pays by card"}, false},
		{"another field changed since", base, Card{ID: "c", Lane: "l", Stage: "s", Text: "Pays at checkout", Color: "red"},
			&Card{ID: "c", Lane: "l", Stage: "s", Text: "Pays by card"}, Card{ID: "c", Lane: "l", Stage: "s", Text: "Pays by card", Color: "red"}, false},
		{"the same field changed since", base, Card{ID: "c", Lane: "l", Stage: "s", Text: "Pays in cash"},
			&Card{ID: "c", Lane: "l", Stage: "s", Text: "Pays by card"}, Card{}, true},
		{"deleted after a change since", base, Card{ID: "c", Lane: "l", Stage: "s", Text: "x"}, nil, Card{}, true},
		{"the change is there already", base, Card{ID: "c", Lane: "l", Stage: "s", Text: "Pays by card"},
			&Card{ID: "c", Lane: "l", Stage: "s", Text: "Pays by card"}, Card{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := &Workspace{Journeys: []Journey{{ID: "j", Stages: []Stage{{ID: "s", Name: "S"}}, Lanes: []Lane{{ID: "l", Kind: LaneActions, Name: "L"}},
				Cards: []Card{tt.now}}}}
			before := tt.before
			e := ItemEdit[Card]{Journey: "j", Before: &before, After: tt.after, From: 0, To: 0}
			if tt.after == nil {
				e.To = -1
			}
			err := e.Apply(w)
			if tt.refused {
				if !errors.Is(err, ErrConflict) {
					t.Fatalf("got %v, want it refused as a conflict", err)
				}
				if w.Journeys[0].Cards[0] != tt.now {
					t.Errorf("a refused edit changed the card to %+v", w.Journeys[0].Cards[0])
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := w.Journeys[0].Cards[0]; got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestRecordSaid(t *testing.T) {
	w := &Workspace{Members: []Member{{ID: "m", Name: "Ana Ruiz"}}, Journeys: []Journey{{ID: "j", Title: "Returns",
		Cards:      []Card{{ID: "c", Text: "Pays at checkout"}},
		PainPoints: []PainPoint{{ID: "p", Title: strings.Repeat("long ", 20)}}}}}
	tests := []struct {
		ref  Ref
		want string
	}{
		{Ref{Kind: RefWorkspace}, "the workspace"},
		{Ref{Kind: RefMember, ID: "m"}, "member Ana Ruiz"},
		{Ref{Kind: RefJourney, ID: "j"}, "journey “Returns”"},
		{Ref{Kind: RefCard, Journey: "j", ID: "c"}, "card “Pays at checkout”"},
		{Ref{Kind: RefPainPoint, Journey: "j", ID: "p"}, "pain point “" + strings.Repeat("long ", 20)[:59] + "…”"},
		{Ref{Kind: RefCard, Journey: "j", ID: "gone"}, `card "gone"`},
	}
	for _, tt := range tests {
		if got := RecordSaid(w, tt.ref); got != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.ref, got, tt.want)
		}
	}
}
