package journey

import (
	"errors"
	"fmt"
	"strings"
)

// Edit is one change of a workspace, held as values so that it can be applied, undone, redone
// and stored. Editors only create edits; a document applies them, makes them durable and
// keeps them for undo. Every Edit is one of this package's types, so every edit can be stored.
type Edit interface {
	// Apply changes the workspace, or leaves it exactly as it was and returns why not: a
	// *ValidationError when the result would break a rule, ErrConflict when the edit no longer
	// fits (what it changes is gone or was changed meanwhile).
	Apply(w *Workspace) error
	// Invert returns the edit that undoes this one.
	Invert() Edit
	// Touches lists the stored records the edit changes.
	Touches() []Ref
	// Label names the edit for menus: "Undo " + Label().
	Label() string

	wire() (wireEdit, error)
}

// Said is an edit in words for a message, which names what a menu item can leave out: its
// label and, when it changed one item, that item ("Rename stage “Wait for the courier”").
func Said(e Edit) string {
	if s, ok := e.(interface{ subject() string }); ok {
		if name := strings.TrimSpace(s.subject()); name != "" {
			return e.Label() + " “" + clip(strings.Join(strings.Fields(name), " ")) + "”"
		}
	}
	return e.Label()
}

// RefKind names a kind of stored record.
type RefKind string

// The kinds of record an edit can touch.
const (
	RefWorkspace RefKind = "workspace" // the name and the order of members and journeys
	RefMember    RefKind = "member"
	RefPulse     RefKind = "pulse"
	RefJourney   RefKind = "journey" // a journey's own fields, stages, lanes, emotions and orders
	RefCard      RefKind = "card"
	RefPainPoint RefKind = "painPoint"
)

// Ref names one stored record. Journey is set for cards and pain points; a journey's own
// record has its id in ID.
type Ref struct {
	Kind    RefKind
	Journey string
	ID      string
}

// JourneyID is the journey the record belongs to, "" for workspace-level records.
func (r Ref) JourneyID() string {
	if r.Kind == RefJourney {
		return r.ID
	}
	return r.Journey
}

// ErrConflict is returned when an edit no longer fits the workspace, e.g. it changes a card
// that is gone or was changed since the edit was made.
var ErrConflict = errors.New("edit does not fit the workspace")

// Scope is the journey an edit changes nothing outside of, or "" when it reaches beyond one
// journey (members, the journey list, or several journeys at once).
func Scope(e Edit) string { return ScopeOf(e.Touches()) }

// ScopeOf is Scope for an edit's records already listed.
func ScopeOf(refs []Ref) string {
	scope, first := "", true
	for _, r := range refs {
		id := r.JourneyID()
		if id == "" {
			return ""
		}
		if first {
			scope, first = id, false
		} else if id != scope {
			return ""
		}
	}
	return scope
}

// JourneyInfoEdit changes a journey's title, persona or shared vision.
type JourneyInfoEdit struct {
	Journey       string
	Before, After JourneyInfo
}

// EditJourneyInfo returns the edit that gives the journey the info.
func EditJourneyInfo(w *Workspace, journey string, info JourneyInfo) (JourneyInfoEdit, error) {
	j := w.Journey(journey)
	if j == nil {
		return JourneyInfoEdit{}, fmt.Errorf("journey %q is gone: %w", clip(journey), ErrConflict)
	}
	return JourneyInfoEdit{Journey: journey, Before: j.Info(), After: info}, nil
}

// Apply implements Edit.
func (e JourneyInfoEdit) Apply(w *Workspace) error {
	i := Index(w.Journeys, e.Journey)
	if i < 0 {
		return fmt.Errorf("journey %q is gone: %w", clip(e.Journey), ErrConflict)
	}
	j := &w.Journeys[i]
	if j.Info() != e.Before {
		return fmt.Errorf("journey %q changed meanwhile: %w", clip(e.Journey), ErrConflict)
	}
	v := &validator{}
	v.journeyInfo(fmt.Sprintf("journeys[%d]", i), e.After)
	if err := v.result(); err != nil {
		return err
	}
	j.Title, j.Persona, j.Vision = e.After.Title, e.After.Persona, e.After.Vision
	return nil
}

// Invert implements Edit.
func (e JourneyInfoEdit) Invert() Edit { return JourneyInfoEdit{e.Journey, e.After, e.Before} }

// Touches implements Edit.
func (e JourneyInfoEdit) Touches() []Ref { return []Ref{{Kind: RefJourney, ID: e.Journey}} }

// Label implements Edit.
func (e JourneyInfoEdit) Label() string {
	b, a := e.Before, e.After
	switch {
	case b.Title != a.Title && b.Persona == a.Persona && b.Vision == a.Vision:
		return "Rename journey"
	case b.Title == a.Title && b.Persona != a.Persona && b.Vision == a.Vision:
		return "Edit persona"
	case b.Title == a.Title && b.Persona == a.Persona && b.Vision != a.Vision:
		return "Edit vision"
	}
	return "Edit journey"
}

// DefaultWorkspaceName is the name a new workspace is given.
const DefaultWorkspaceName = "Our CX task force"

// RenameWorkspace changes the workspace's name.
type RenameWorkspace struct {
	Before, After string
}

// Apply implements Edit.
func (e RenameWorkspace) Apply(w *Workspace) error {
	if w.Name != e.Before {
		return fmt.Errorf("the workspace was renamed meanwhile: %w", ErrConflict)
	}
	v := &validator{}
	v.name("name", e.After)
	if err := v.result(); err != nil {
		return err
	}
	w.Name = e.After
	return nil
}

// Invert implements Edit.
func (e RenameWorkspace) Invert() Edit { return RenameWorkspace{e.After, e.Before} }

// Touches implements Edit.
func (e RenameWorkspace) Touches() []Ref { return []Ref{{Kind: RefWorkspace}} }

// Label implements Edit.
func (e RenameWorkspace) Label() string { return "Rename workspace" }

// Batch applies several edits as one: all of them or none, undone as one. Rebalancing, a paste
// and the cascades of a delete are batches.
type Batch struct {
	Name  string // the label, e.g. "Delete stage"
	Edits []Edit
}

// Apply implements Edit. When one edit fails, those before it are taken back, so the
// workspace is left as it was. A long run of edits of one list (an import, a paste of
// thousands) costs a look-up per edit, not a scan of the list per edit.
func (b Batch) Apply(w *Workspace) error {
	for i := 0; i < len(b.Edits); {
		n, err := 0, error(nil)
		if r, ok := b.Edits[i].(runApplier); ok && len(b.Edits)-i >= minRun {
			n, err = r.applyRun(w, b.Edits[i:])
		}
		if n == 0 && err == nil {
			if err = b.Edits[i].Apply(w); err == nil {
				n = 1
			}
		}
		if err != nil {
			done := Batch{Edits: b.Edits[:i+n]}
			if uerr := done.Invert().Apply(w); uerr != nil {
				return fmt.Errorf("%w (and taking back the part done failed: %v)", err, uerr)
			}
			return err
		}
		i += n
	}
	return nil
}

// runApplier is an edit that can apply the run of edits it starts faster together than one
// by one. applyRun returns how many of edits it applied; on an error, those before the one
// that failed.
type runApplier interface {
	applyRun(w *Workspace, edits []Edit) (int, error)
}

// Invert implements Edit: the inverses in reverse order.
func (b Batch) Invert() Edit {
	inv := make([]Edit, len(b.Edits))
	for i, e := range b.Edits {
		inv[len(b.Edits)-1-i] = e.Invert()
	}
	return Batch{Name: b.Name, Edits: inv}
}

// Touches implements Edit: every record any of the edits touches, once.
func (b Batch) Touches() []Ref {
	var refs []Ref
	seen := map[Ref]bool{}
	for _, e := range b.Edits {
		for _, r := range e.Touches() {
			if !seen[r] {
				seen[r] = true
				refs = append(refs, r)
			}
		}
	}
	return refs
}

// Label implements Edit.
func (b Batch) Label() string { return b.Name }

// Size is how many items the batch's edits put, change or take away: an edit of many items
// (ItemsAdded) counts each.
func (b Batch) Size() int {
	n := 0
	for _, e := range b.Edits {
		if m, ok := e.(interface{ size() int }); ok {
			n += m.size()
		} else {
			n++
		}
	}
	return n
}

// RecordSaid names a record as a person knows it: the card by its text, the pain point by its
// title, the journey by its title, the member by their name.
func RecordSaid(w *Workspace, r Ref) string {
	j := w.Journey(r.JourneyID())
	switch r.Kind {
	case RefWorkspace:
		return "the workspace"
	case RefMember:
		if m, ok := w.Member(r.ID); ok {
			return "member " + m.Name
		}
	case RefJourney:
		if j != nil {
			return fmt.Sprintf("journey “%s”", j.Title)
		}
	case RefCard:
		if j != nil {
			if i := Index(j.Cards, r.ID); i >= 0 {
				return fmt.Sprintf("card “%s”", Clipped(j.Cards[i].Text))
			}
		}
	case RefPainPoint:
		if j != nil {
			if i := Index(j.PainPoints, r.ID); i >= 0 {
				return fmt.Sprintf("pain point “%s”", Clipped(j.PainPoints[i].Title))
			}
		}
	}
	return fmt.Sprintf("%s %q", r.Kind, r.ID)
}

// Clipped is a long text cut to 60 characters, for a sentence that names it.
func Clipped(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return s
}
