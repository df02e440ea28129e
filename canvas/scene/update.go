package scene

import (
	"slices"

	"journeymap/journey"
)

// Diff says what an Update changed, so that a view redraws no more than that.
type Diff struct {
	All     bool    // the layout was made anew: everything may have changed
	Changed []Key   // elements whose look or place changed
	Removed []Key   // elements no longer in the scene
	Below   float32 // every element reaching below this y moved (lanes grew or shrank); -1 if none
}

// Update brings the scene up to date with the journey after the records named changed. A
// change of a card or pain point lays out only its cells, and moves what is below when a
// lane's height changed; a change of the journey's stages, lanes, emotions or header lays the
// whole map out again.
func (s *Scene) Update(w *journey.Workspace, j *journey.Journey, refs []journey.Ref) Diff {
	if j == nil || s.empty || j.ID != s.id || s.structureChanged(j) {
		s.rebuild(w, j, s.opts)
		return Diff{All: true, Below: -1}
	}
	if w != s.ws || slices.ContainsFunc(refs, func(r journey.Ref) bool { return r.Kind == journey.RefMember }) {
		s.initialsOf = nil
	}
	s.ws, s.j = w, j
	// Item by item, each is found in the journey's list and its cell laid out again: for an
	// import of thousands, laying out the map once costs far less (20,000 rows took 40 s).
	if many := 0; slices.ContainsFunc(refs, func(r journey.Ref) bool {
		if (r.Kind == journey.RefCard || r.Kind == journey.RefPainPoint) && r.Journey == j.ID {
			many++
		}
		return many > manyItems
	}) {
		s.rebuild(w, j, s.opts)
		return Diff{All: true, Below: -1}
	}
	d := Diff{Below: -1}
	itemRefs, members := 0, false
	reordered := slices.Contains(refs, journey.Ref{Kind: journey.RefJourney, ID: j.ID})
	for _, r := range refs {
		switch {
		case r.Kind == journey.RefCard && r.Journey == j.ID:
			itemRefs++
			s.updateItem(Key{KindCard, r.ID}, reordered, &d)
		case r.Kind == journey.RefPainPoint && r.Journey == j.ID:
			itemRefs++
			s.updateItem(Key{KindPain, r.ID}, reordered, &d)
		case r.Kind == journey.RefMember:
			members = true
		}
	}
	if itemRefs == 0 && reordered {
		// The journey's record changed but not its structure nor any item: the order of
		// items did. That is rare enough to lay everything out again.
		s.rebuild(w, j, s.opts)
		return Diff{All: true, Below: -1}
	}
	if members {
		for _, it := range s.items {
			if it.key.Kind == KindPain {
				if o := s.initials(it.pain.Owner); o != it.owner {
					it.owner = o
					d.Changed = append(d.Changed, it.key)
				}
			}
		}
	}
	d.Changed = unique(d.Changed)
	return d
}

// manyItems is how many cards and pain points a change may touch before the map is laid out
// again whole rather than item by item.
const manyItems = 256

func (s *Scene) structureChanged(j *journey.Journey) bool {
	return s.info != j.Info() || !slices.Equal(s.stages, j.Stages) || !slices.Equal(s.lanes, j.Lanes) ||
		!slices.Equal(s.emotions, j.Emotions)
}

// updateItem takes one card or pain point from the journey as it now is; reordered says the
// journey's order of items may have changed (an add, a delete or a move).
func (s *Scene) updateItem(k Key, reordered bool, d *Diff) {
	old := s.items[k]
	var now *item
	if k.Kind == KindCard {
		if i := journey.Index(s.j.Cards, k.ID); i >= 0 {
			now = s.newCard(s.j.Cards[i])
		}
	} else if i := journey.Index(s.j.PainPoints, k.ID); i >= 0 {
		now = s.newPain(s.j.PainPoints[i])
	}
	switch {
	case old == nil && now == nil:
		return
	case old != nil && now != nil && old.row == now.row && old.col == now.col && old.h == now.h && (!reordered || s.sameOrder(old)):
		now.y = old.y
		*old = *now
		d.Changed = append(d.Changed, k)
		return
	}
	var cells [][2]int
	if old != nil {
		delete(s.items, k)
		cells = append(cells, [2]int{old.row, old.col})
	}
	if now != nil {
		s.items[k] = now
		cells = append(cells, [2]int{now.row, now.col})
		d.Changed = append(d.Changed, k)
	} else {
		d.Removed = append(d.Removed, k)
	}
	first := len(s.rows)
	for _, rc := range cells {
		r, c := rc[0], rc[1]
		s.rows[r].cells[c].items = s.cellOrder(r, c)
		s.stack(r, c)
		for _, other := range s.rows[r].cells[c].items {
			if other != k {
				d.Changed = append(d.Changed, other)
			}
		}
		if s.rowHeight(r) {
			first = min(first, r)
		}
	}
	if first < len(s.rows) {
		s.placeRows(first)
		below := s.rows[first].Y + s.rows[first].H
		if d.Below < 0 || below < d.Below {
			d.Below = below
		}
		d.Changed = append(d.Changed, Key{KindLane, s.rows[first].Lane.ID})
	}
}

// sameOrder reports whether the item is still where the journey's order puts it in its cell,
// which only an add, a delete or a move can change.
func (s *Scene) sameOrder(it *item) bool {
	return slices.Equal(s.rows[it.row].cells[it.col].items, s.cellOrder(it.row, it.col))
}

// cellOrder lists the items of a cell in the journey's order.
func (s *Scene) cellOrder(r, c int) []Key {
	var keys []Key
	lane, stage := s.rows[r].Lane.ID, s.cols[c].ID
	// A cell of the pain lane holds its cards and then its pain points.
	for _, card := range s.j.Cards {
		if card.Lane == lane && card.Stage == stage {
			if _, ok := s.items[Key{KindCard, card.ID}]; ok {
				keys = append(keys, Key{KindCard, card.ID})
			}
		}
	}
	if r == s.painRow {
		for _, p := range s.j.PainPoints {
			if p.Stage == stage {
				if _, ok := s.items[Key{KindPain, p.ID}]; ok {
					keys = append(keys, Key{KindPain, p.ID})
				}
			}
		}
	}
	return keys
}

func unique(keys []Key) []Key {
	seen := make(map[Key]bool, len(keys))
	return slices.DeleteFunc(keys, func(k Key) bool {
		if seen[k] {
			return true
		}
		seen[k] = true
		return false
	})
}
