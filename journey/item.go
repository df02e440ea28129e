package journey

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"journeymap/journey/merge"
	"reflect"
	"slices"
)

// Item is anything kept in one of a workspace's lists; one generic edit adds, changes, moves
// and deletes all of them.
type Item interface {
	Member | Pulse | Journey | Stage | Lane | Card | Emotion | PainPoint
}

// ListName names a list of items. It is stored with every item edit.
type ListName string

// The lists of a workspace and of each journey.
const (
	ListMembers    ListName = "members"
	ListPulses     ListName = "pulses"
	ListJourneys   ListName = "journeys"
	ListStages     ListName = "stages"
	ListLanes      ListName = "lanes"
	ListCards      ListName = "cards"
	ListEmotions   ListName = "emotions"
	ListPainPoints ListName = "painPoints"
)

// itemList says how one kind of item is kept: where its list is, what identifies an item,
// what makes one valid, what may refer to it, and which stored records hold it.
type itemList[T Item] struct {
	name      ListName
	noun      string
	inJourney bool // the list belongs to a journey rather than to the workspace
	items     func(w *Workspace, j *Journey) *[]T
	id        func(*T) string
	equal     func(a, b *T) bool
	clone     func(T) T
	// check adds to v what is wrong with it, stored at path in place of the item at index
	// replacing (-1 when it is new): its own fields and the references it makes.
	check func(v *validator, w *Workspace, j *Journey, path string, it *T, replacing int)
	// inUse says, as a message, what still refers to the item so that it can't be deleted.
	inUse func(w *Workspace, j *Journey, it *T) string
	// records are the stored records holding the item; added is set when it is new, for a
	// journey whose cards and pain points must then be written too.
	records func(journey string, it *T, added bool) []Ref
	// order is the record holding the list's order, if the store keeps one.
	order func(journey string) (Ref, bool)
	// label names an edit that changes before into after, for the cases the generic words
	// (add, edit, move, delete) say too little.
	label func(before, after *T) string
	// title, if set, is the words a person knows an item by, for saying which one an edit changed.
	title func(*T) string
	// place, if set, is where a new item goes in a list kept in an order of its own.
	place func(items []T, it *T) int
}

func listOf[T Item]() *itemList[T] {
	var l any
	switch any(*new(T)).(type) {
	case Member:
		l = memberList
	case Pulse:
		l = pulseList
	case Journey:
		l = journeyList
	case Stage:
		l = stageList
	case Lane:
		l = laneList
	case Card:
		l = cardList
	case Emotion:
		l = emotionList
	case PainPoint:
		l = painList
	}
	return l.(*itemList[T])
}

// locate finds the journey of a journey's list (nil for a workspace list) and returns the
// JSON path of the list, for messages, as a function: it is only worked out when a message
// needs it.
func (l *itemList[T]) locate(w *Workspace, journey string) (*Journey, func() string, error) {
	if !l.inJourney {
		return nil, func() string { return string(l.name) }, nil
	}
	for i := range w.Journeys {
		if w.Journeys[i].ID == journey {
			return &w.Journeys[i], func() string { return fmt.Sprintf("journeys[%d].%s", i, l.name) }, nil
		}
	}
	return nil, nil, fmt.Errorf("journey %q is gone: %w", clip(journey), ErrConflict)
}

// find returns the index of the item with the id, trying hint first: edits remember where
// their item was, so a lookup in a long list costs nothing when nothing moved it.
func (l *itemList[T]) find(items []T, id string, hint int) int {
	if hint >= 0 && hint < len(items) && l.id(&items[hint]) == id {
		return hint
	}
	for i := range items {
		if l.id(&items[i]) == id {
			return i
		}
	}
	return -1
}

// Index returns where the item with the id is in items, or -1: the one lookup by id for
// every kind of item, so that callers need not say what identifies each.
func Index[T Item](items []T, id string) int {
	return listOf[T]().find(items, id, -1)
}

// ItemEdit adds (Before nil), changes, moves or deletes (After nil) one item of a list: a
// card, pain point, member, stage, lane, journey, pulse or emotion score. From is where Before
// is in the list; To is where After is once the edit is applied. The edit owns its items:
// the constructors copy what they are given.
type ItemEdit[T Item] struct {
	Journey       string // the journey whose list it is; "" for the workspace's own lists
	Before, After *T
	From, To      int
}

// Put returns the edit that stores item in its list. A new item (by id) goes in at index at,
// or at the end when at is out of range; an existing one is changed in place, or moved so
// that it ends up at index at when at >= 0. For workspace lists journey is "".
func Put[T Item](w *Workspace, journey string, item T, at int) (ItemEdit[T], error) {
	l := listOf[T]()
	j, _, err := l.locate(w, journey)
	if err != nil {
		return ItemEdit[T]{}, err
	}
	items := *l.items(w, j)
	after := l.clone(item)
	e := ItemEdit[T]{Journey: journey, After: &after, From: -1, To: at}
	if i := l.find(items, l.id(&item), -1); i >= 0 {
		before := l.clone(items[i])
		e.Before, e.From = &before, i
		if at < 0 || at >= len(items) {
			e.To = i
		}
	} else if l.place != nil {
		e.To = l.place(items, &after)
	} else if at < 0 || at > len(items) {
		e.To = len(items)
	}
	return e, nil
}

// PutAll returns one edit, labelled label, that stores each of the items in its list as Put
// does, one after the other: new ones go at the end in their order. Items stored already as
// they are give no edit; when none changes, the batch has no edits. Many new items (minRun
// or more, none given twice) are one ItemsAdded edit, after the changes. PutAll takes items:
// the edits hold them, so that a spreadsheet of a million rows is not copied once more.
// It costs a look-up per item, not a scan of the list.
func PutAll[T Item](w *Workspace, journey, label string, items []T) (Batch, error) {
	l := listOf[T]()
	j, _, err := l.locate(w, journey)
	if err != nil {
		return Batch{}, err
	}
	if l.place != nil {
		return putEach(w, journey, label, items)
	}
	list := *l.items(w, j)
	at := make(map[string]int, len(list)+len(items))
	for i := range list {
		at[l.id(&list[i])] = i
	}
	// What this batch stores at a place, for an item given twice: changed, of the list as it
	// was, and added after it.
	changed := map[int]*T{}
	var added []*T
	addedTwice := false
	b := Batch{Name: label, Edits: make([]Edit, 0, len(items))}
	for k := range items {
		items[k] = l.clone(items[k])
		after := &items[k]
		id := l.id(after)
		i, ok := at[id]
		if !ok {
			i = len(list) + len(added)
			at[id] = i
			added = append(added, after)
			b.Edits = append(b.Edits, ItemEdit[T]{Journey: journey, After: after, From: -1, To: i})
			continue
		}
		var before *T
		if i >= len(list) {
			before = added[i-len(list)]
		} else if before, ok = changed[i]; !ok {
			before = &list[i]
		}
		if reflect.DeepEqual(*before, *after) {
			continue
		}
		was := l.clone(*before)
		if i >= len(list) {
			added[i-len(list)] = after
			addedTwice = true
		} else {
			changed[i] = after
		}
		b.Edits = append(b.Edits, ItemEdit[T]{Journey: journey, Before: &was, After: after, From: i, To: i})
	}
	if len(added) < minRun || addedTwice {
		return b, nil
	}
	// Many new items: one edit adds them all, after the changes, in the order given.
	run := items
	if len(added) < len(items) {
		run = make([]T, len(added))
		for k, it := range added {
			run[k] = *it
		}
	}
	b.Edits = slices.DeleteFunc(b.Edits, func(e Edit) bool { ie, ok := e.(ItemEdit[T]); return ok && ie.Before == nil })
	b.Edits = append(b.Edits, ItemsAdded[T]{Journey: journey, At: len(list), Items: run})
	return b, nil
}

// putEach is PutAll for a list kept in an order of its own, where each new item's place
// depends on those put before it.
func putEach[T Item](w *Workspace, journey, label string, items []T) (Batch, error) {
	work := w.Clone()
	b := Batch{Name: label}
	for _, it := range items {
		e, err := Put(work, journey, it, -1)
		if err != nil {
			return Batch{}, err
		}
		if e.Before != nil && reflect.DeepEqual(*e.Before, *e.After) {
			continue
		}
		if err := e.Apply(work); err != nil {
			return Batch{}, err
		}
		b.Edits = append(b.Edits, e)
	}
	return b, nil
}

// Remove returns the edit that deletes the item with the id from its list.
func Remove[T Item](w *Workspace, journey, id string) (ItemEdit[T], error) {
	l := listOf[T]()
	j, _, err := l.locate(w, journey)
	if err != nil {
		return ItemEdit[T]{}, err
	}
	items := *l.items(w, j)
	i := l.find(items, id, -1)
	if i < 0 {
		return ItemEdit[T]{}, fmt.Errorf("%s %q is gone: %w", l.noun, clip(id), ErrConflict)
	}
	before := l.clone(items[i])
	return ItemEdit[T]{Journey: journey, Before: &before, From: i, To: -1}, nil
}

// Apply implements Edit.
func (e ItemEdit[T]) Apply(w *Workspace) error {
	l := listOf[T]()
	j, path, err := l.locate(w, e.Journey)
	if err != nil {
		return err
	}
	items := l.items(w, j)
	return e.applyTo(w, j, path, items, func(id string, hint int) int { return l.find(*items, id, hint) })
}

// applyTo applies the edit to items, the list of journey j (nil for a workspace list) at
// path, finding an item's place by its id with find.
func (e ItemEdit[T]) applyTo(w *Workspace, j *Journey, path func() string, items *[]T, find func(id string, hint int) int) error {
	l := listOf[T]()
	at := -1
	switch {
	case e.Before != nil:
		id := l.id(e.Before)
		if at = find(id, e.From); at < 0 {
			return fmt.Errorf("%s %q is gone: %w", l.noun, clip(id), ErrConflict)
		}
		// A move or a delete must find its item where it was, or its undo would put it back
		// somewhere else.
		if at != e.From && (e.After == nil || e.From != e.To) {
			return fmt.Errorf("%s %q is no longer where it was: %w", l.noun, clip(id), ErrConflict)
		}
		if !l.equal(&(*items)[at], e.Before) {
			// Changed meanwhile (on another desk, say): the edit still stands on the fields it
			// changes, if nobody changed those since.
			merged, ok := mergedItem(e.Before, e.After, &(*items)[at])
			if !ok {
				return fmt.Errorf("%s %q was changed meanwhile: %w", l.noun, clip(id), ErrConflict)
			}
			e.After = merged
		}
		if e.After != nil && l.id(e.After) != id {
			return fmt.Errorf("an edit can't change the id of %s %q: %w", l.noun, clip(id), ErrConflict)
		}
	case e.After != nil:
		if id := l.id(e.After); find(id, -1) >= 0 {
			return usedTwice(path, len(*items), id)
		}
	default:
		return fmt.Errorf("an edit with nothing before or after: %w", ErrConflict)
	}
	if e.After == nil {
		if why := l.inUse(w, j, e.Before); why != "" {
			return &ValidationError{Path: fmt.Sprintf("%s[%d]", path(), at), Msg: why}
		}
		*items = slices.Delete(*items, at, at+1)
		return nil
	}
	// The place must be in the list as it is: put elsewhere, the item would not be where the
	// edit's inverse looks for it, and the undo would be refused (Put always names a place
	// in range; a stored edit replayed on a list grown shorter may not).
	to, most := e.To, len(*items)
	if at >= 0 {
		most--
	}
	if to < 0 || to > most {
		return fmt.Errorf("%s %q can't go at place %d of %d: %w", l.noun, clip(l.id(e.After)), to, most+1, ErrConflict)
	}
	if err := l.checkAt(w, j, path, to, e.After, at); err != nil {
		return err
	}
	item := l.clone(*e.After)
	switch {
	case at < 0:
		*items = slices.Insert(*items, to, item)
	case at == to:
		(*items)[at] = item
	default:
		*items = slices.Insert(slices.Delete(*items, at, at+1), to, item)
	}
	return nil
}

// checkAt checks the item, going at place to of the list at path and replacing the one at
// replacing (-1 when it is new): with paths relative to the item, completed only when there
// is a problem.
func (l *itemList[T]) checkAt(w *Workspace, j *Journey, path func() string, to int, it *T, replacing int) error {
	v := &validator{}
	l.check(v, w, j, "", it, replacing)
	if v.err != nil {
		v.err.Path = fmt.Sprintf("%s[%d]", path(), to) + v.err.Path
		return v.err
	}
	return nil
}

// usedTwice is the error for an item whose id another item of the list at path has, at place at.
func usedTwice(path func() string, at int, id string) error {
	return &ValidationError{Path: fmt.Sprintf("%s[%d].id", path(), at), Msg: fmt.Sprintf("%q is used twice", clip(id))}
}

// minRun is the shortest run of edits of one list that Batch applies with one index of the
// list: shorter ones cost less by a scan of the list each.
const minRun = 16

// applyRun implements runApplier: the edits from the first on that are ItemEdit[T] of the
// list e is of, and that change an item in place or add or delete one at the list's end, are
// applied with one index of the list by id, built once. It returns how many it applied.
func (e ItemEdit[T]) applyRun(w *Workspace, edits []Edit) (int, error) {
	l := listOf[T]()
	j, path, err := l.locate(w, e.Journey)
	if err != nil {
		return 0, err
	}
	items := l.items(w, j)
	index := make(map[string]int, len(*items))
	for i := range *items {
		index[l.id(&(*items)[i])] = i
	}
	find := func(id string, _ int) int {
		if i, ok := index[id]; ok {
			return i
		}
		return -1
	}
	adds := 0
	for _, x := range edits {
		ie, ok := x.(ItemEdit[T])
		if !ok || ie.Journey != e.Journey {
			break
		}
		if ie.Before == nil {
			adds++
		}
	}
	*items = slices.Grow(*items, adds)
	for n, x := range edits {
		ie, ok := x.(ItemEdit[T])
		if !ok || ie.Journey != e.Journey {
			return n, nil
		}
		// Only edits that leave every other item where it is keep the index true.
		switch last := len(*items) - 1; {
		case ie.Before == nil && ie.After != nil:
			if ie.To != last+1 {
				return n, nil
			}
		case ie.Before != nil && ie.After == nil:
			if find(l.id(ie.Before), 0) != last || ie.From != last {
				return n, nil
			}
		case ie.Before != nil:
			if at := find(l.id(ie.Before), 0); at < 0 || at != ie.To || ie.From != ie.To {
				return n, nil
			}
		}
		if err := ie.applyTo(w, j, path, items, find); err != nil {
			return n, err
		}
		switch {
		case ie.Before == nil:
			index[l.id(ie.After)] = len(*items) - 1
		case ie.After == nil:
			delete(index, l.id(ie.Before))
		}
	}
	return len(edits), nil
}

// Invert implements Edit.
func (e ItemEdit[T]) Invert() Edit {
	return ItemEdit[T]{Journey: e.Journey, Before: e.After, After: e.Before, From: e.To, To: e.From}
}

// Touches implements Edit.
func (e ItemEdit[T]) Touches() []Ref {
	l := listOf[T]()
	item := e.After
	if item == nil {
		item = e.Before
	}
	if item == nil {
		return nil
	}
	refs := l.records(e.Journey, item, e.Before == nil)
	if e.Before == nil || e.After == nil || e.From != e.To {
		if r, ok := l.order(e.Journey); ok && !slices.Contains(refs, r) {
			refs = append(refs, r)
		}
	}
	return refs
}

// subject is the item's title, as it is after the edit (or was, for a delete).
func (e ItemEdit[T]) subject() string {
	l, it := listOf[T](), e.After
	if it == nil {
		it = e.Before
	}
	if l.title == nil || it == nil {
		return ""
	}
	return l.title(it)
}

// Label implements Edit.
func (e ItemEdit[T]) Label() string {
	l := listOf[T]()
	if l.label != nil {
		if s := l.label(e.Before, e.After); s != "" {
			return s
		}
	}
	switch {
	case e.Before == nil:
		return "Add " + l.noun
	case e.After == nil:
		return "Delete " + l.noun
	case e.From != e.To:
		return "Move " + l.noun
	}
	return "Edit " + l.noun
}

// MoveEdit moves one item to another place in its list, changing nothing else: a reordered
// stage, lane, member or journey.
type MoveEdit[T Item] struct {
	Journey  string
	ID       string
	From, To int
}

// Reorder returns the edit that moves the item with the id so that it ends up at index to.
func Reorder[T Item](w *Workspace, journey, id string, to int) (MoveEdit[T], error) {
	l := listOf[T]()
	j, path, err := l.locate(w, journey)
	if err != nil {
		return MoveEdit[T]{}, err
	}
	if _, ok := l.order(journey); !ok {
		return MoveEdit[T]{}, &ValidationError{Path: path(), Msg: "has no order to change"}
	}
	items := *l.items(w, j)
	i := l.find(items, id, -1)
	if i < 0 {
		return MoveEdit[T]{}, fmt.Errorf("%s %q is gone: %w", l.noun, clip(id), ErrConflict)
	}
	return MoveEdit[T]{Journey: journey, ID: id, From: i, To: min(max(to, 0), len(items)-1)}, nil
}

// Apply implements Edit.
func (e MoveEdit[T]) Apply(w *Workspace) error {
	l := listOf[T]()
	j, _, err := l.locate(w, e.Journey)
	if err != nil {
		return err
	}
	items := l.items(w, j)
	if e.From < 0 || e.From >= len(*items) || l.id(&(*items)[e.From]) != e.ID || e.To < 0 || e.To >= len(*items) {
		return fmt.Errorf("%s %q is no longer where it was: %w", l.noun, clip(e.ID), ErrConflict)
	}
	it := (*items)[e.From]
	*items = slices.Insert(slices.Delete(*items, e.From, e.From+1), e.To, it)
	return nil
}

// Invert implements Edit.
func (e MoveEdit[T]) Invert() Edit { return MoveEdit[T]{e.Journey, e.ID, e.To, e.From} }

// Touches implements Edit.
func (e MoveEdit[T]) Touches() []Ref {
	r, _ := listOf[T]().order(e.Journey)
	return []Ref{r}
}

// Label implements Edit.
func (e MoveEdit[T]) Label() string { return "Move " + listOf[T]().noun }

// mergedItem is the item as now, with what the edit from before to after changed: the fields
// it changed, when nothing changed them since; ok is false when something did, when the
// edit deletes an item that was changed since, and when the change is there already.
func mergedItem[T any](before, after, now *T) (*T, bool) {
	if after == nil {
		return nil, false
	}
	b, err1 := json.Marshal(before)
	a, err2 := json.Marshal(after)
	n, err3 := json.Marshal(now)
	if err := errors.Join(err1, err2, err3); err != nil {
		return nil, false
	}
	m, conflicts, err := merge.Merge(b, a, n)
	if err != nil || len(conflicts) > 0 || m == nil {
		return nil, false
	}
	var out T
	if err := json.Unmarshal(m, &out); err != nil {
		return nil, false
	}
	// An edit whose change is there already changes nothing: done twice, it is refused.
	if again, err := json.Marshal(out); err != nil || bytes.Equal(again, n) {
		return nil, false
	}
	return &out, true
}
