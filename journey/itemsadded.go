package journey

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// ItemsAdded adds items to a list at one place, in their order, or, Removed, takes them away
// from there: the new rows of an imported spreadsheet, one edit however many they are. An
// ItemEdit for each would hold a million rows as many edits, each boxed, and be applied with
// a map of every id; this one holds the rows in one slice, and Removed is its inverse.
type ItemsAdded[T Item] struct {
	Journey string
	At      int // the place of the first item
	Items   []T
	Removed bool
}

// Apply implements Edit.
func (e ItemsAdded[T]) Apply(w *Workspace) error {
	l := listOf[T]()
	j, path, err := l.locate(w, e.Journey)
	if err != nil {
		return err
	}
	items := l.items(w, j)
	if e.Removed {
		return e.takeAway(w, j, path, items)
	}
	if e.At < 0 || e.At > len(*items) {
		return fmt.Errorf("%s can't go at place %d of %d: %w", Plural(len(e.Items), l.noun), e.At, len(*items)+1, ErrConflict)
	}
	if i, twice := e.repeated(); twice {
		return usedTwice(path, e.At+i, l.id(&e.Items[i]))
	}
	held := make(map[string]bool, len(*items))
	for i := range *items {
		held[l.id(&(*items)[i])] = true
	}
	for i := range e.Items {
		it := &e.Items[i]
		if held[l.id(it)] {
			return usedTwice(path, e.At+i, l.id(it))
		}
		if err := l.checkAt(w, j, path, e.At+i, it, -1); err != nil {
			return err
		}
	}
	*items = slices.Insert(*items, e.At, e.Items...)
	for i := e.At; i < e.At+len(e.Items); i++ {
		(*items)[i] = l.clone((*items)[i])
	}
	return nil
}

// repeated returns the first item whose id an item before it has too.
func (e ItemsAdded[T]) repeated() (int, bool) {
	l := listOf[T]()
	// Ids sorted by a permutation, not kept in a map: for a million rows the map would cost
	// what a tenth of the rows do.
	order := make([]int32, len(e.Items))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return strings.Compare(l.id(&e.Items[a]), l.id(&e.Items[b])) })
	first := -1
	for k := 1; k < len(order); k++ {
		if l.id(&e.Items[order[k]]) == l.id(&e.Items[order[k-1]]) && (first < 0 || int(order[k]) < first) {
			first = int(order[k])
		}
	}
	return first, first >= 0
}

// takeAway is Apply of the inverse: the items must be where they were put, as they were.
func (e ItemsAdded[T]) takeAway(w *Workspace, j *Journey, path func() string, items *[]T) error {
	l := listOf[T]()
	if e.At < 0 || e.At+len(e.Items) > len(*items) {
		return fmt.Errorf("%s are no longer where they were: %w", Plural(len(e.Items), l.noun), ErrConflict)
	}
	for i := range e.Items {
		it, was := &(*items)[e.At+i], &e.Items[i]
		if l.id(it) != l.id(was) {
			return fmt.Errorf("%s %q is no longer where it was: %w", l.noun, clip(l.id(was)), ErrConflict)
		}
		if !l.equal(it, was) {
			return fmt.Errorf("%s %q was changed meanwhile: %w", l.noun, clip(l.id(was)), ErrConflict)
		}
		if why := l.inUse(w, j, it); why != "" {
			return &ValidationError{Path: fmt.Sprintf("%s[%d]", path(), e.At+i), Msg: why}
		}
	}
	*items = slices.Delete(*items, e.At, e.At+len(e.Items))
	return nil
}

// Invert implements Edit.
func (e ItemsAdded[T]) Invert() Edit {
	e.Removed = !e.Removed
	return e
}

// Touches implements Edit.
func (e ItemsAdded[T]) Touches() []Ref {
	l := listOf[T]()
	var refs []Ref
	for i := range e.Items {
		refs = append(refs, l.records(e.Journey, &e.Items[i], !e.Removed)...)
	}
	if r, ok := l.order(e.Journey); ok && len(e.Items) > 0 && !slices.Contains(refs, r) {
		refs = append(refs, r)
	}
	return refs
}

func (e ItemsAdded[T]) size() int { return len(e.Items) }

// Label implements Edit.
func (e ItemsAdded[T]) Label() string {
	l := listOf[T]()
	if e.Removed {
		return "Delete " + Plural(len(e.Items), l.noun)
	}
	return "Add " + Plural(len(e.Items), l.noun)
}

// parts splits an edit that adds into edits of at most n items each, which applied one after
// the other do what it does: stored whole, a million rows would be one line of hundreds of
// megabytes. One that takes away is kept whole.
func (e ItemsAdded[T]) parts(n int) []Edit {
	if e.Removed || len(e.Items) <= n {
		return []Edit{e}
	}
	var parts []Edit
	for at := 0; at < len(e.Items); at += n {
		parts = append(parts, ItemsAdded[T]{Journey: e.Journey, At: e.At + at, Items: e.Items[at:min(at+n, len(e.Items))]})
	}
	return parts
}

// join returns the edit and next as one, when next adds the items right after its own.
func (e ItemsAdded[T]) join(next Edit) (Edit, bool) {
	n, ok := next.(ItemsAdded[T])
	if !ok || e.Removed || n.Removed || n.Journey != e.Journey || n.At != e.At+len(e.Items) {
		return e, false
	}
	e.Items = append(e.Items, n.Items...)
	return e, true
}

func (e ItemsAdded[T]) wire() (wireEdit, error) {
	w := wireEdit{Type: "items", List: listOf[T]().name, Journey: e.Journey, From: e.At, To: e.At}
	raw, err := json.Marshal(e.Items)
	if e.Removed {
		w.Before = raw
	} else {
		w.After = raw
	}
	return w, err
}

func unwireItems[T Item](w wireEdit) (Edit, error) {
	e := ItemsAdded[T]{Journey: w.Journey, At: w.From}
	raw := w.After
	if len(w.Before) > 0 {
		e.Removed, raw = true, w.Before
	}
	if err := json.Unmarshal(raw, &e.Items); err != nil {
		return nil, fmt.Errorf("reading a stored edit: %w", err)
	}
	return e, nil
}
