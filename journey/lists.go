package journey

import (
	"fmt"
	"slices"
	"strings"
)

// The lists, one description each. Checks search short lists (stages, lanes, members) rather
// than building sets, so that one edit costs the same however large the workspace is.

var memberList = &itemList[Member]{
	name: ListMembers, noun: "member",
	title: func(m *Member) string { return m.Name },
	items: func(w *Workspace, _ *Journey) *[]Member { return &w.Members },
	id:    func(m *Member) string { return m.ID },
	equal: func(a, b *Member) bool { return *a == *b },
	clone: func(m Member) Member { return m },
	check: func(v *validator, _ *Workspace, _ *Journey, p string, m *Member, _ int) {
		v.id(p+".id", m.ID)
		v.member(p, m)
	},
	inUse: func(w *Workspace, _ *Journey, m *Member) string {
		owns, found := 0, 0
		for _, j := range w.Journeys {
			for _, p := range j.PainPoints {
				if p.Owner == m.ID {
					owns++
				}
				if p.FoundBy == m.ID {
					found++
				}
			}
		}
		var parts []string
		if owns > 0 {
			parts = append(parts, "owns "+count(owns, "pain point"))
		}
		if found > 0 {
			parts = append(parts, "is credited with finding "+count(found, "pain point"))
		}
		if len(parts) == 0 {
			return ""
		}
		return fmt.Sprintf("%s still %s", clip(m.Name), strings.Join(parts, " and "))
	},
	records: func(_ string, m *Member, _ bool) []Ref { return []Ref{{Kind: RefMember, ID: m.ID}} },
	order:   func(string) (Ref, bool) { return Ref{Kind: RefWorkspace}, true },
}

var pulseList = &itemList[Pulse]{
	name: ListPulses, noun: "pulse",
	items: func(w *Workspace, _ *Journey) *[]Pulse { return &w.Pulses },
	id:    func(p *Pulse) string { return p.ID },
	equal: func(a, b *Pulse) bool { return *a == *b },
	clone: func(p Pulse) Pulse { return p },
	check: func(v *validator, _ *Workspace, _ *Journey, p string, pu *Pulse, _ int) { v.pulse(p, pu, false) },
	inUse: func(*Workspace, *Journey, *Pulse) string { return "" },
	records: func(_ string, p *Pulse, _ bool) []Ref {
		return []Ref{{Kind: RefPulse, ID: p.ID}}
	},
	// Pulses are kept in the order of their random ids, which tells nothing of who answered
	// first; the store keeps no order of its own.
	order: func(string) (Ref, bool) { return Ref{}, false },
	place: func(items []Pulse, p *Pulse) int {
		i, _ := slices.BinarySearchFunc(items, p.ID, func(a Pulse, id string) int { return strings.Compare(a.ID, id) })
		return i
	},
}

var journeyList = &itemList[Journey]{
	name: ListJourneys, noun: "journey",
	title: func(j *Journey) string { return j.Title },
	items: func(w *Workspace, _ *Journey) *[]Journey { return &w.Journeys },
	id:    func(j *Journey) string { return j.ID },
	equal: func(a, b *Journey) bool {
		return a.ID == b.ID && a.Info() == b.Info() && slices.Equal(a.Stages, b.Stages) &&
			slices.Equal(a.Lanes, b.Lanes) && slices.Equal(a.Cards, b.Cards) &&
			slices.Equal(a.Emotions, b.Emotions) && slices.Equal(a.PainPoints, b.PainPoints)
	},
	clone: func(j Journey) Journey { return j.clone() },
	check: func(v *validator, w *Workspace, _ *Journey, p string, j *Journey, _ int) {
		v.id(p+".id", j.ID)
		v.journey(p, j, w.hasMember)
	},
	inUse: func(*Workspace, *Journey, *Journey) string { return "" },
	records: func(_ string, j *Journey, added bool) []Ref {
		refs := []Ref{{Kind: RefJourney, ID: j.ID}}
		if added {
			for _, c := range j.Cards {
				refs = append(refs, Ref{Kind: RefCard, Journey: j.ID, ID: c.ID})
			}
			for _, p := range j.PainPoints {
				refs = append(refs, Ref{Kind: RefPainPoint, Journey: j.ID, ID: p.ID})
			}
		}
		return refs
	},
	order: func(string) (Ref, bool) { return Ref{Kind: RefWorkspace}, true },
}

// journeyRecord is where a journey keeps its stages, lanes, emotions and the order of its
// cards and pain points.
func journeyRecord(journey string) (Ref, bool) { return Ref{Kind: RefJourney, ID: journey}, true }

func inJourneyRecord[T any](journey string, _ *T, _ bool) []Ref {
	return []Ref{{Kind: RefJourney, ID: journey}}
}

var stageList = &itemList[Stage]{
	name: ListStages, noun: "stage", inJourney: true,
	title: func(s *Stage) string { return s.Name },
	items: func(_ *Workspace, j *Journey) *[]Stage { return &j.Stages },
	id:    func(s *Stage) string { return s.ID },
	equal: func(a, b *Stage) bool { return *a == *b },
	clone: func(s Stage) Stage { return s },
	check: func(v *validator, _ *Workspace, _ *Journey, p string, s *Stage, _ int) {
		v.id(p+".id", s.ID)
		v.stage(p, s)
	},
	inUse: func(_ *Workspace, j *Journey, s *Stage) string {
		cards := countIf(j.Cards, func(c Card) bool { return c.Stage == s.ID })
		pains := countIf(j.PainPoints, func(p PainPoint) bool { return p.Stage == s.ID })
		scored := countIf(j.Emotions, func(e Emotion) bool { return e.Stage == s.ID })
		if cards+pains+scored == 0 {
			return ""
		}
		return fmt.Sprintf("stage %q still holds %s, %s and %s", clip(s.Name), count(cards, "card"), count(pains, "pain point"), count(scored, "emotion score"))
	},
	records: inJourneyRecord[Stage],
	order:   journeyRecord,
	label: func(b, a *Stage) string {
		if b != nil && a != nil && b.Name != a.Name {
			return "Rename stage"
		}
		return ""
	},
}

var laneList = &itemList[Lane]{
	name: ListLanes, noun: "lane", inJourney: true,
	title: func(l *Lane) string { return l.Name },
	items: func(_ *Workspace, j *Journey) *[]Lane { return &j.Lanes },
	id:    func(l *Lane) string { return l.ID },
	equal: func(a, b *Lane) bool { return *a == *b },
	clone: func(l Lane) Lane { return l },
	check: func(v *validator, _ *Workspace, j *Journey, p string, l *Lane, replacing int) {
		v.id(p+".id", l.ID)
		v.lane(p, l)
		if l.Kind == LanePain || len(j.PainPoints) == 0 {
			return
		}
		for i, other := range j.Lanes {
			if i != replacing && other.Kind == LanePain {
				return
			}
		}
		v.fail(p+".kind", "must stay \"pain\": this is the only pain lane and it holds %s", count(len(j.PainPoints), "pain point"))
	},
	inUse: func(_ *Workspace, j *Journey, l *Lane) string {
		cards := countIf(j.Cards, func(c Card) bool { return c.Lane == l.ID })
		pains := 0
		if l.Kind == LanePain && countIf(j.Lanes, func(o Lane) bool { return o.Kind == LanePain }) == 1 {
			pains = len(j.PainPoints)
		}
		if cards+pains == 0 {
			return ""
		}
		return fmt.Sprintf("lane %q still holds %s and %s", clip(l.Name), count(cards, "card"), count(pains, "pain point"))
	},
	records: inJourneyRecord[Lane],
	order:   journeyRecord,
	label: func(b, a *Lane) string {
		switch {
		case b == nil || a == nil:
			return ""
		case !b.Hidden && a.Hidden:
			return "Hide lane"
		case b.Hidden && !a.Hidden:
			return "Show lane"
		case b.Kind != a.Kind:
			return "Change lane kind"
		case b.Name != a.Name:
			return "Rename lane"
		}
		return ""
	},
}

var cardList = &itemList[Card]{
	name: ListCards, noun: "card", inJourney: true,
	title: func(c *Card) string { return c.Text },
	items: func(_ *Workspace, j *Journey) *[]Card { return &j.Cards },
	id:    func(c *Card) string { return c.ID },
	equal: func(a, b *Card) bool { return *a == *b },
	clone: func(c Card) Card { return c },
	check: func(v *validator, _ *Workspace, j *Journey, p string, c *Card, _ int) {
		v.id(p+".id", c.ID)
		v.card(p, c, j.hasLane, j.hasStage)
	},
	inUse:   func(*Workspace, *Journey, *Card) string { return "" },
	records: func(journey string, c *Card, _ bool) []Ref { return []Ref{{Kind: RefCard, Journey: journey, ID: c.ID}} },
	order:   journeyRecord,
	label: func(b, a *Card) string {
		switch {
		case b == nil || a == nil:
			return ""
		case b.Lane != a.Lane || b.Stage != a.Stage:
			return "Move card"
		case b.Text == a.Text && b.Color != a.Color:
			return "Tag card"
		case b.Text != a.Text:
			return "Edit card"
		}
		return ""
	},
}

var emotionList = &itemList[Emotion]{
	name: ListEmotions, noun: "emotion score", inJourney: true,
	items: func(_ *Workspace, j *Journey) *[]Emotion { return &j.Emotions },
	id:    func(e *Emotion) string { return e.Stage },
	equal: func(a, b *Emotion) bool { return *a == *b },
	clone: func(e Emotion) Emotion { return e },
	check: func(v *validator, _ *Workspace, j *Journey, p string, e *Emotion, _ int) {
		v.emotion(p, e, j.hasStage)
	},
	inUse:   func(*Workspace, *Journey, *Emotion) string { return "" },
	records: inJourneyRecord[Emotion],
	order:   journeyRecord,
	label: func(b, a *Emotion) string {
		if a == nil {
			return "Clear emotion"
		}
		return "Set emotion"
	},
}

var painList = &itemList[PainPoint]{
	name: ListPainPoints, noun: "pain point", inJourney: true,
	title: func(p *PainPoint) string { return p.Title },
	items: func(_ *Workspace, j *Journey) *[]PainPoint { return &j.PainPoints },
	id:    func(p *PainPoint) string { return p.ID },
	equal: func(a, b *PainPoint) bool { return *a == *b },
	clone: func(p PainPoint) PainPoint { return p },
	check: func(v *validator, w *Workspace, j *Journey, p string, pp *PainPoint, at int) {
		v.id(p+".id", pp.ID)
		if _, ok := j.PainLane(); !ok {
			v.fail(p, "the journey has no lane of kind \"pain\" to put it in")
		}
		v.painPoint(p, pp, j.hasStage, w.hasMember)
		v.becomingVerified(p, pp, at >= 0 && j.PainPoints[at].Status == StatusVerified)
	},
	inUse: func(*Workspace, *Journey, *PainPoint) string { return "" },
	records: func(journey string, p *PainPoint, _ bool) []Ref {
		return []Ref{{Kind: RefPainPoint, Journey: journey, ID: p.ID}}
	},
	order: journeyRecord,
	label: func(b, a *PainPoint) string {
		switch {
		case b == nil || a == nil:
			return ""
		case b.Stage != a.Stage:
			return "Move pain point"
		case b.Owner != a.Owner && a.Owner == "":
			return "Unassign pain point"
		case b.Owner != a.Owner:
			return "Assign pain point"
		case b.Status != a.Status:
			return "Set status"
		}
		// Otherwise named by what it changed, when that is one thing.
		only := func(set func(c *PainPoint)) bool {
			c := *b
			set(&c)
			return c == *a
		}
		switch {
		case b.Discovery != a.Discovery && only(func(c *PainPoint) {
			c.Discovery, c.Source, c.Reports, c.Method, c.FoundBy = a.Discovery, a.Source, a.Reports, a.Method, a.FoundBy
		}):
			return "Mark pain point " + string(a.Discovery)
		case only(func(c *PainPoint) { c.Title = a.Title }):
			return "Rename pain point"
		case only(func(c *PainPoint) { c.Severity = a.Severity }):
			return "Set severity"
		case only(func(c *PainPoint) { c.Effort = a.Effort }):
			return "Set effort"
		case only(func(c *PainPoint) { c.Action.Due = a.Action.Due }):
			return "Set due date"
		case only(func(c *PainPoint) { c.Action.DoneWhen = a.Action.DoneWhen }):
			return "Edit done-when"
		case only(func(c *PainPoint) { c.Action = a.Action }):
			return "Edit next action"
		case only(func(c *PainPoint) { c.Evidence = a.Evidence }):
			return "Edit evidence"
		}
		return ""
	},
}

func (w *Workspace) hasMember(id string) bool {
	return slices.ContainsFunc(w.Members, func(m Member) bool { return m.ID == id })
}

func (j *Journey) hasStage(id string) bool {
	return slices.ContainsFunc(j.Stages, func(s Stage) bool { return s.ID == id })
}

func (j *Journey) hasLane(id string) bool {
	return slices.ContainsFunc(j.Lanes, func(l Lane) bool { return l.ID == id })
}

func countIf[T any](items []T, f func(T) bool) int {
	n := 0
	for _, it := range items {
		if f(it) {
			n++
		}
	}
	return n
}

// count says "no cards", "1 card" or "3 cards".
func count(n int, noun string) string {
	if n == 0 {
		return "no " + noun + "s"
	}
	return Plural(n, noun)
}

// Plural says "0 cards", "1 card" or "3 cards": a number and a noun that takes an s.
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Listed says items as a sentence lists them, the last joined by the word given: "light,
// dark or presenter".
func Listed(items []string, last string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + last + " " + items[len(items)-1]
}

// clone copies a journey deeply enough that changing the copy's lists leaves the original alone.
func (j *Journey) clone() Journey {
	c := *j
	c.Stages = slices.Clone(j.Stages)
	c.Lanes = slices.Clone(j.Lanes)
	c.Cards = slices.Clone(j.Cards)
	c.Emotions = slices.Clone(j.Emotions)
	c.PainPoints = slices.Clone(j.PainPoints)
	return c
}

// Clone returns a deep copy of the workspace.
func (w *Workspace) Clone() *Workspace {
	c := *w
	c.Members = slices.Clone(w.Members)
	c.Pulses = slices.Clone(w.Pulses)
	c.Journeys = make([]Journey, len(w.Journeys))
	for i := range w.Journeys {
		c.Journeys[i] = w.Journeys[i].clone()
	}
	return &c
}

// JourneysSaid names the workspace's journeys with their ids, "j1 (A parcel arrives late),
// j2 (…)", for a message that asks for one of them.
func JourneysSaid(w *Workspace) string {
	return said(w.Journeys, func(j Journey) (string, string) { return j.ID, j.Title })
}

// MembersSaid names the workspace's members with their ids, "m-ana (Ana Ruiz), …", for a
// message that asks for one of them.
func MembersSaid(w *Workspace) string {
	return said(w.Members, func(m Member) (string, string) { return m.ID, m.Name })
}

func said[T any](items []T, idName func(T) (string, string)) string {
	if len(items) == 0 {
		return "none yet"
	}
	names := make([]string, len(items))
	for i, it := range items {
		id, name := idName(it)
		names[i] = fmt.Sprintf("%s (%s)", id, Printable(name))
	}
	return strings.Join(names, ", ")
}
