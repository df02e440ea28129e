package journey

// small returns a valid workspace worked through by hand in the tests:
//
//	ana (cap 8): p1 effort 3 open, p3 effort 5 doing  → load 1.0
//	ben (cap 4): p2 effort 2 done (not counted)        → load 0
//	cy  (cap 2): p4 effort 1 open                      → load 0.5
func small() *Workspace {
	return &Workspace{
		Name: "Test force",
		Members: []Member{
			{ID: "ana", Name: "Ana", Department: "Support", Capacity: 8},
			{ID: "ben", Name: "Ben", Department: "Billing", Capacity: 4},
			{ID: "cy", Name: "Cy", Department: "Web", Capacity: 2},
		},
		Pulses: []Pulse{{Date: "2026-11-02", Risk: 4, Dialogue: 3, Help: 5, Inclusion: 4}},
		Journeys: []Journey{{
			ID: "j1", Title: "Late parcel", Persona: "Shopper", Vision: "Everyone knows where their order is",
			Stages: []Stage{{ID: "s1", Name: "Order"}, {ID: "s2", Name: "Wait"}},
			Lanes: []Lane{
				{ID: "l-act", Kind: LaneActions, Name: "Actions"},
				{ID: "l-emo", Kind: LaneEmotion, Name: "Feeling"},
				{ID: "l-pain", Kind: LanePain, Name: "Pain points"},
			},
			Cards:    []Card{{ID: "c1", Lane: "l-act", Stage: "s1", Text: "Pays"}},
			Emotions: []Emotion{{Stage: "s1", Score: 1}, {Stage: "s2", Score: -2}},
			PainPoints: []PainPoint{
				{ID: "p1", Stage: "s2", Title: "No tracking link", Discovery: Unknown, Method: MethodWalkthrough,
					FoundBy: "ana", Severity: 4, Effort: 3, Owner: "ana", Status: StatusOpen,
					Action: Action{Text: "Add the tracking link to the dispatch email", Due: "2026-12-01", DoneWhen: "Test email has a link"}},
				{ID: "p2", Stage: "s2", Title: "Refund slow", Discovery: Known, Source: SourceComplaint, Reports: 12,
					Severity: 3, Effort: 2, Owner: "ben", Status: StatusDone,
					Action: Action{Text: "Improve refunds", Due: "2026-12-01", DoneWhen: "Faster"}},
				{ID: "p3", Stage: "s1", Title: "Fees unclear", Discovery: Unknown, Method: MethodData, FoundBy: "cy",
					Severity: 2, Effort: 5, Owner: "ana", Status: StatusDoing},
			},
		}, {
			ID: "j2", Title: "Returns", Stages: []Stage{{ID: "s1", Name: "Ask"}},
			Lanes: []Lane{{ID: "l-pain", Kind: LanePain, Name: "Pain"}},
			PainPoints: []PainPoint{
				{ID: "p4", Stage: "s1", Title: "Label printer needed", Discovery: Known, Source: SourceReview,
					Severity: 5, Effort: 1, Owner: "cy", Status: StatusOpen,
					Action: Action{Text: "Offer QR-code returns at the post office", Due: "2027-01-15", DoneWhen: "QR code in the returns email"}},
			},
		}},
	}
}
