package journey

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"unicode/utf8"
)

// NewID returns a fresh random id with the prefix, e.g. "c-5f0e3a9b12d4": random rather than
// counted, so that ids made on two copies of a workspace don't collide when one is pasted
// into the other, and a pulse's id says nothing of when it was given.
func NewID(prefix string) string {
	b := make([]byte, 6)
	rand.Read(b)
	return prefix + "-" + hex.EncodeToString(b)
}

// StandardLanes are the lanes a new journey starts with, one of each kind but custom.
var StandardLanes = []Lane{
	{Kind: LaneActions, Name: "Customer actions"},
	{Kind: LaneTouchpoints, Name: "Touchpoints"},
	{Kind: LaneThoughts, Name: "Thoughts"},
	{Kind: LaneEmotion, Name: "Feeling"},
	{Kind: LanePain, Name: "Pain points"},
	{Kind: LaneOpportunities, Name: "Opportunities"},
	{Kind: LaneBackstage, Name: "Backstage"},
}

// BlankJourney returns a new journey with the standard lanes and one stage to start typing in.
func BlankJourney(title string) Journey {
	j := Journey{ID: NewID("j"), Title: title, Stages: []Stage{{ID: NewID("s"), Name: "Stage 1"}}}
	for _, l := range StandardLanes {
		l.ID = NewID("l")
		j.Lanes = append(j.Lanes, l)
	}
	return j
}

// CopyOf returns a copy of the journey under a new id, titled "Copy of …". Cards, stages and
// the rest keep their ids, which only need to be unique within their journey.
func CopyOf(j *Journey) Journey {
	c := j.clone()
	c.ID = NewID("j")
	c.Title = "Copy of " + j.Title
	if utf8.RuneCountInString(c.Title) > MaxNameRunes {
		c.Title = string([]rune(c.Title)[:MaxNameRunes-1]) + "…"
	}
	return c
}

// DeleteStage returns the edit that deletes a stage with its cards, pain points and emotion
// score, undone as one.
func DeleteStage(w *Workspace, journey, stage string) (Edit, error) {
	j := w.Journey(journey)
	if j == nil {
		return nil, fmt.Errorf("journey %q is gone: %w", clip(journey), ErrConflict)
	}
	var edits []Edit
	edits = appendRemovals(edits, journey, j.Cards, func(c Card) bool { return c.Stage == stage })
	edits = appendRemovals(edits, journey, j.PainPoints, func(p PainPoint) bool { return p.Stage == stage })
	edits = appendRemovals(edits, journey, j.Emotions, func(e Emotion) bool { return e.Stage == stage })
	e, err := Remove[Stage](w, journey, stage)
	if err != nil {
		return nil, err
	}
	return Batch{Name: "Delete stage", Edits: append(edits, e)}, nil
}

// DeleteLane returns the edit that deletes a lane with its cards, undone as one. Deleting the
// journey's only pain lane deletes its pain points too, which have nowhere else to be.
func DeleteLane(w *Workspace, journey, lane string) (Edit, error) {
	j := w.Journey(journey)
	if j == nil {
		return nil, fmt.Errorf("journey %q is gone: %w", clip(journey), ErrConflict)
	}
	e, err := Remove[Lane](w, journey, lane)
	if err != nil {
		return nil, err
	}
	edits := appendRemovals(nil, journey, j.Cards, func(c Card) bool { return c.Lane == lane })
	if e.Before.Kind == LanePain && countIf(j.Lanes, func(l Lane) bool { return l.Kind == LanePain }) == 1 {
		edits = appendRemovals(edits, journey, j.PainPoints, func(PainPoint) bool { return true })
	}
	return Batch{Name: "Delete lane", Edits: append(edits, e)}, nil
}

// DeleteItems returns the edit that deletes the named cards, pain points and emotion scores
// (named by their stage) of a journey together: the one removal when one is named, else a
// batch with each list's removals last first, so that an undo puts every one back in place.
func DeleteItems(w *Workspace, journey string, cards, pains, emotions []string) (Edit, error) {
	j := w.Journey(journey)
	if j == nil {
		return nil, fmt.Errorf("journey %q is gone: %w", clip(journey), ErrConflict)
	}
	set := func(ids []string) map[string]bool {
		m := make(map[string]bool, len(ids))
		for _, id := range ids {
			m[id] = true
		}
		return m
	}
	c, p, e := set(cards), set(pains), set(emotions)
	edits := appendRemovals(nil, journey, j.Cards, func(x Card) bool { return c[x.ID] })
	edits = appendRemovals(edits, journey, j.PainPoints, func(x PainPoint) bool { return p[x.ID] })
	edits = appendRemovals(edits, journey, j.Emotions, func(x Emotion) bool { return e[x.Stage] })
	switch {
	case len(edits) != len(c)+len(p)+len(e):
		return nil, fmt.Errorf("some of the items to delete are gone: %w", ErrConflict)
	case len(edits) == 1:
		return edits[0], nil
	}
	return Batch{Name: fmt.Sprintf("Delete %d items", len(edits)), Edits: edits}, nil
}

// appendRemovals adds the removal of every item that matches, last first: each removal then
// leaves the places of those still to go as they were, and the undo puts them back in order.
func appendRemovals[T Item](edits []Edit, journey string, items []T, match func(T) bool) []Edit {
	l := listOf[T]()
	for i := len(items) - 1; i >= 0; i-- {
		if match(items[i]) {
			before := l.clone(items[i])
			edits = append(edits, ItemEdit[T]{Journey: journey, Before: &before, From: i, To: -1})
		}
	}
	return edits
}

// RemoveMember returns the edit that removes a member from the task force: the pain points
// they own become unassigned, and they are no longer named as the finder of known ones. A
// member credited with finding unknown pain points is not removed: that credit is what makes
// digging safe, and the file format has no finder who is not a member.
func RemoveMember(w *Workspace, id string) (Edit, error) {
	m, ok := w.Member(id)
	if !ok {
		return nil, fmt.Errorf("member %q is gone: %w", clip(id), ErrConflict)
	}
	var edits []Edit
	found := 0
	for _, j := range w.Journeys {
		for i, p := range j.PainPoints {
			if p.Discovery == Unknown && p.FoundBy == id {
				found++
				continue
			}
			if p.Owner != id && p.FoundBy != id {
				continue
			}
			after := p
			if after.Owner == id {
				after.Owner = ""
			}
			if after.FoundBy == id {
				after.FoundBy = ""
			}
			before := p
			edits = append(edits, ItemEdit[PainPoint]{Journey: j.ID, Before: &before, After: &after, From: i, To: i})
		}
	}
	if found > 0 {
		return nil, &ValidationError{Path: fmt.Sprintf("members[%d]", Index(w.Members, id)),
			Msg: fmt.Sprintf("%s found %s nobody had reported, and keeps the credit: a member who dug up pain points stays in the task force", clip(m.Name), count(found, "unknown pain point"))}
	}
	e, err := Remove[Member](w, "", id)
	if err != nil {
		return nil, err
	}
	return Batch{Name: "Remove member", Edits: append(edits, e)}, nil
}
