package journey

import (
	"errors"
	"fmt"
	"slices"
)

// Edit is one user edit of a workspace. The editor only creates edits; applying them through a
// History gives undo and redo, and Touches tells the store which records to write in one
// transaction.
type Edit interface {
	// Apply changes the workspace, or leaves it as it was and returns why not.
	Apply(w *Workspace) error
	// Invert returns the edit that undoes this one.
	Invert() Edit
	// Touches lists the records the edit changes.
	Touches() []Ref
	// Label names the edit for menus: "Undo " + Label().
	Label() string
}

// RefKind names a kind of stored record.
type RefKind string

// The kinds of record an edit can touch.
const (
	RefWorkspace RefKind = "workspace" // name and the order of members and journeys
	RefMember    RefKind = "member"
	RefJourney   RefKind = "journey" // a journey's own fields, stages, lanes, emotions and orders
	RefCard      RefKind = "card"
	RefPainPoint RefKind = "painPoint"
)

// Ref names one stored record; Journey is empty for workspace-level records.
type Ref struct {
	Kind    RefKind
	Journey string
	ID      string
}

// ErrConflict is returned when an edit no longer fits the workspace, e.g. it changes a card
// that is gone.
var ErrConflict = errors.New("edit does not fit the workspace")

// CardEdit adds (Before nil), changes, or deletes (After nil) one card of a journey.
// Index is where an added card goes in the journey's card list; -1 appends.
type CardEdit struct {
	Journey       string
	Before, After *Card
	Index         int
}

// NewCardEdit returns the edit that makes the card with after's id look like after (adding it
// if new), or deletes the card with the given id when after is nil.
func NewCardEdit(w *Workspace, journey string, id string, after *Card) (CardEdit, error) {
	j := w.Journey(journey)
	if j == nil {
		return CardEdit{}, fmt.Errorf("journey %q: %w", journey, ErrConflict)
	}
	i := slices.IndexFunc(j.Cards, func(c Card) bool { return c.ID == id })
	e := CardEdit{Journey: journey, After: after, Index: i}
	if i >= 0 {
		before := j.Cards[i]
		e.Before = &before
	}
	return e, nil
}

// Apply implements Edit.
func (e CardEdit) Apply(w *Workspace) error {
	return applyValidated(w, e.Journey, func(j *Journey) error {
		var err error
		j.Cards, err = replaceItem(j.Cards, func(c Card) string { return c.ID }, e.Before, e.After, e.Index)
		return err
	})
}

// Invert implements Edit.
func (e CardEdit) Invert() Edit { return CardEdit{e.Journey, e.After, e.Before, e.Index} }

// Touches implements Edit.
func (e CardEdit) Touches() []Ref {
	return itemTouches(RefCard, e.Journey, e.Before, e.After, func(c *Card) string { return c.ID })
}

// Label implements Edit.
func (e CardEdit) Label() string { return itemLabel("card", e.Before, e.After) }

// PainPointEdit adds (Before nil), changes, or deletes (After nil) one pain point of a journey.
type PainPointEdit struct {
	Journey       string
	Before, After *PainPoint
	Index         int
}

// NewPainPointEdit returns the edit that makes the pain point with id look like after (adding
// it if new), or deletes it when after is nil.
func NewPainPointEdit(w *Workspace, journey string, id string, after *PainPoint) (PainPointEdit, error) {
	j := w.Journey(journey)
	if j == nil {
		return PainPointEdit{}, fmt.Errorf("journey %q: %w", journey, ErrConflict)
	}
	i := slices.IndexFunc(j.PainPoints, func(p PainPoint) bool { return p.ID == id })
	e := PainPointEdit{Journey: journey, After: after, Index: i}
	if i >= 0 {
		before := j.PainPoints[i]
		e.Before = &before
	}
	return e, nil
}

// Apply implements Edit.
func (e PainPointEdit) Apply(w *Workspace) error {
	return applyValidated(w, e.Journey, func(j *Journey) error {
		var err error
		j.PainPoints, err = replaceItem(j.PainPoints, func(p PainPoint) string { return p.ID }, e.Before, e.After, e.Index)
		return err
	})
}

// Invert implements Edit.
func (e PainPointEdit) Invert() Edit { return PainPointEdit{e.Journey, e.After, e.Before, e.Index} }

// Touches implements Edit.
func (e PainPointEdit) Touches() []Ref {
	return itemTouches(RefPainPoint, e.Journey, e.Before, e.After, func(p *PainPoint) string { return p.ID })
}

// Label implements Edit.
func (e PainPointEdit) Label() string { return itemLabel("pain point", e.Before, e.After) }

// EmotionEdit sets (After non-nil) or clears the emotion score of one stage. Index is the
// score's place in the journey's list, so that undoing a clear puts it back where it was.
type EmotionEdit struct {
	Journey, Stage string
	Before, After  *int
	Index          int
}

// NewEmotionEdit returns the edit that sets the stage's score, or clears it when score is nil.
func NewEmotionEdit(w *Workspace, journey, stage string, score *int) (EmotionEdit, error) {
	j := w.Journey(journey)
	if j == nil {
		return EmotionEdit{}, fmt.Errorf("journey %q: %w", journey, ErrConflict)
	}
	i := slices.IndexFunc(j.Emotions, func(m Emotion) bool { return m.Stage == stage })
	e := EmotionEdit{Journey: journey, Stage: stage, After: score, Index: i}
	if i >= 0 {
		before := j.Emotions[i].Score
		e.Before = &before
	}
	return e, nil
}

// Apply implements Edit.
func (e EmotionEdit) Apply(w *Workspace) error {
	return applyValidated(w, e.Journey, func(j *Journey) error {
		i := slices.IndexFunc(j.Emotions, func(m Emotion) bool { return m.Stage == e.Stage })
		if (i >= 0) != (e.Before != nil) || (i >= 0 && j.Emotions[i].Score != *e.Before) {
			return fmt.Errorf("emotion at stage %q changed meanwhile: %w", e.Stage, ErrConflict)
		}
		switch {
		case e.After == nil && i >= 0:
			j.Emotions = slices.Delete(j.Emotions, i, i+1)
		case e.After != nil && i >= 0:
			j.Emotions[i].Score = *e.After
		case e.After != nil:
			at := e.Index
			if at < 0 || at > len(j.Emotions) {
				at = len(j.Emotions)
			}
			j.Emotions = slices.Insert(j.Emotions, at, Emotion{Stage: e.Stage, Score: *e.After})
		}
		return nil
	})
}

// Invert implements Edit.
func (e EmotionEdit) Invert() Edit {
	return EmotionEdit{e.Journey, e.Stage, e.After, e.Before, e.Index}
}

// Touches implements Edit.
func (e EmotionEdit) Touches() []Ref { return []Ref{{Kind: RefJourney, ID: e.Journey}} }

// Label implements Edit.
func (e EmotionEdit) Label() string { return "Set emotion" }

// applyValidated runs change on a copy of the journey and keeps the result only if the
// workspace is still valid, so a bad edit can never reach the store.
func applyValidated(w *Workspace, journey string, change func(*Journey) error) error {
	j := w.Journey(journey)
	if j == nil {
		return fmt.Errorf("journey %q is gone: %w", journey, ErrConflict)
	}
	orig := *j
	work := j.clone()
	if err := change(&work); err != nil {
		return err
	}
	*j = work
	if err := Validate(w); err != nil {
		*j = orig
		return err
	}
	return nil
}

func (j *Journey) clone() Journey {
	c := *j
	c.Stages = slices.Clone(j.Stages)
	c.Lanes = slices.Clone(j.Lanes)
	c.Cards = slices.Clone(j.Cards)
	c.Emotions = slices.Clone(j.Emotions)
	c.PainPoints = slices.Clone(j.PainPoints)
	return c
}

// replaceItem turns before into after within list: an add inserts at index (appends when
// index is out of range), a delete removes, a change replaces in place. It refuses when the
// list no longer holds before, so an undo can't overwrite someone's later change.
func replaceItem[T comparable](list []T, id func(T) string, before, after *T, index int) ([]T, error) {
	var want string
	switch {
	case before != nil:
		want = id(*before)
	case after != nil:
		want = id(*after)
	default:
		return list, nil
	}
	i := slices.IndexFunc(list, func(x T) bool { return id(x) == want })
	switch {
	case before == nil && i >= 0:
		return list, fmt.Errorf("%q exists already: %w", want, ErrConflict)
	case before != nil && (i < 0 || list[i] != *before):
		return list, fmt.Errorf("%q changed meanwhile: %w", want, ErrConflict)
	case before == nil:
		if index < 0 || index > len(list) {
			index = len(list)
		}
		return slices.Insert(list, index, *after), nil
	case after == nil:
		return slices.Delete(list, i, i+1), nil
	case id(*after) != want:
		return list, fmt.Errorf("an edit can't change the id %q: %w", want, ErrConflict)
	default:
		list[i] = *after
		return list, nil
	}
}

// itemTouches names the item's record, and the journey's too when the item list's order changes.
func itemTouches[T any](kind RefKind, journey string, before, after *T, id func(*T) string) []Ref {
	item := before
	if item == nil {
		item = after
	}
	if item == nil {
		return nil
	}
	refs := []Ref{{Kind: kind, Journey: journey, ID: id(item)}}
	if before == nil || after == nil {
		refs = append(refs, Ref{Kind: RefJourney, ID: journey})
	}
	return refs
}

func itemLabel[T any](noun string, before, after *T) string {
	switch {
	case before == nil:
		return "Add " + noun
	case after == nil:
		return "Delete " + noun
	default:
		return "Edit " + noun
	}
}

// History applies edits and keeps what is needed to undo and redo them.
type History struct {
	undo, redo []Edit
	// Limit bounds the undo stack; 0 means 500, plenty for a session without growing forever.
	Limit int
}

// Do applies the edit and makes it the one Undo takes back.
func (h *History) Do(w *Workspace, e Edit) error {
	if err := e.Apply(w); err != nil {
		return err
	}
	limit := h.Limit
	if limit == 0 {
		limit = 500
	}
	h.undo = append(h.undo, e)
	if len(h.undo) > limit {
		h.undo = slices.Delete(h.undo, 0, len(h.undo)-limit)
	}
	h.redo = h.redo[:0]
	return nil
}

// Undo takes back the last edit and returns the edit it applied to do so (its Touches name
// the records to store), or nil when there is nothing to undo.
func (h *History) Undo(w *Workspace) (Edit, error) {
	if len(h.undo) == 0 {
		return nil, nil
	}
	last := h.undo[len(h.undo)-1]
	inv := last.Invert()
	if err := inv.Apply(w); err != nil {
		return nil, err
	}
	h.undo = h.undo[:len(h.undo)-1]
	h.redo = append(h.redo, last)
	return inv, nil
}

// Redo applies again the last edit undone, and returns it; nil when there is nothing to redo.
func (h *History) Redo(w *Workspace) (Edit, error) {
	if len(h.redo) == 0 {
		return nil, nil
	}
	last := h.redo[len(h.redo)-1]
	if err := last.Apply(w); err != nil {
		return nil, err
	}
	h.redo = h.redo[:len(h.redo)-1]
	h.undo = append(h.undo, last)
	return last, nil
}

// CanUndo names the edit Undo would take back, and whether there is one.
func (h *History) CanUndo() (string, bool) { return peekLabel(h.undo) }

// CanRedo names the edit Redo would apply again, and whether there is one.
func (h *History) CanRedo() (string, bool) { return peekLabel(h.redo) }

func peekLabel(stack []Edit) (string, bool) {
	if len(stack) == 0 {
		return "", false
	}
	return stack[len(stack)-1].Label(), true
}
