package canvas

import (
	"fmt"
	"slices"
	"strings"

	"journeymap/canvas/scene"
	"journeymap/journey"
	"journeymap/storage/document"
)

// What a drag on the map does, decided by what it started on: a card or pain point goes to
// another cell or place in its cell, an emotion score snaps to -2..+2, a stage or lane takes
// another place. The map shows where it would land; the drop is one undoable edit.

type dragKind uint8

const (
	dragNone dragKind = iota
	dragItem
	dragEmotion
	dragStage
	dragLane
)

type dragState struct {
	kind dragKind
	item scene.Key
	id   string // the stage or lane dragged, or the stage of the emotion score
	// group is set when the item dragged is one of several picked: they all move.
	group bool
	said  string // what the drag of an emotion score said last, so it is said once a score
}

func (e *Editor) startDrag(from scene.Point) {
	e.close()
	e.narrow = nil
	s := e.m.Scene()
	if stage, ok := s.EmotionAt(from); ok {
		e.drag = dragState{kind: dragEmotion, id: stage}
	} else if stage, lane, ok := s.CellAt(from); ok && s.IsEmotionLane(lane) {
		// Anywhere in a stage's emotion cell: a blank journey's curve is drawn by dragging
		// too, with no point there yet to take hold of.
		e.drag = dragState{kind: dragEmotion, id: stage}
	} else if k, ok := s.ItemAt(from); ok {
		e.drag = dragState{kind: dragItem, item: k}
		// One of several picked takes the others along; any other is picked alone.
		if e.drag.group = len(e.sel.Items) > 1 && slices.Contains(e.sel.Items, k); !e.drag.group {
			stage, lane, _ := s.CellOf(k)
			e.selectCell(stage, lane, []scene.Key{k})
		}
	} else if id, ok := s.StageAt(from); ok {
		e.drag = dragState{kind: dragStage, id: id}
	} else if id, ok := s.LaneAt(from); ok {
		e.drag = dragState{kind: dragLane, id: id}
	}
}

// Dragged shows where what is dragged would go (mapview.Input).
func (e *Editor) Dragged(from, to scene.Point) {
	if e.drag.kind == dragNone {
		e.startDrag(from)
	}
	ghost, target, ok := e.dropPlace(from, to)
	e.m.ShowDrop(ghost, target, ok)
	if e.drag.kind == dragEmotion {
		// The ghost shows where the point goes; the words say what it will be.
		score, _ := e.m.Scene().EmotionScoreAt(to.Y)
		name := e.drag.id
		if st, found := find(e.workspace().Journey(e.journeyID()).Stages, e.drag.id); found {
			name = st.Name
		}
		if said := fmt.Sprintf("Feeling at “%s”: %s. Let go to set it.", name, scene.ScoreText(score)); said != e.drag.said {
			e.drag.said = said
			e.OnMessage(said)
		}
	}
}

// dropPlace is where the thing dragged would be drawn and the place it would land in.
func (e *Editor) dropPlace(from, to scene.Point) (ghost, target scene.Rect, ok bool) {
	s := e.m.Scene()
	dx, dy := to.X-from.X, to.Y-from.Y
	switch e.drag.kind {
	case dragItem:
		b, found := s.Bounds(e.drag.item)
		stage, lane, inCell := e.dropCell(to)
		if !found || !inCell {
			return scene.Rect{}, scene.Rect{}, false
		}
		target, _ = s.CellBounds(stage, lane)
		return scene.Rect{X: b.X + dx, Y: b.Y + dy, W: b.W, H: b.H}, target, true
	case dragEmotion:
		score, _ := s.EmotionScoreAt(to.Y)
		ghost, _ = s.EmotionMarker(e.drag.id, score)
		target, _ = s.CellBounds(e.drag.id, e.emotionLane())
		return ghost, target, true
	case dragStage:
		col := s.StageIndexAt(to.X)
		stages := e.workspace().Journey(e.journeyID()).Stages
		h, _ := s.StageHeader(e.drag.id)
		t, _ := s.StageHeader(stages[col].ID)
		return scene.Rect{X: h.X + dx, Y: h.Y, W: h.W, H: h.H}, t, true
	case dragLane:
		l, _ := s.LaneLabel(e.drag.id)
		lane, found := s.LaneAtY(to.Y)
		t, _ := s.LaneLabel(lane)
		return scene.Rect{X: l.X, Y: l.Y + dy, W: l.W, H: l.H}, t, found
	}
	return scene.Rect{}, scene.Rect{}, false
}

// dropCell is the cell an item dragged to a point lands in: the cell under it, or for a pain
// point the pain lane at the stage under it.
func (e *Editor) dropCell(to scene.Point) (stage, lane string, ok bool) {
	s := e.m.Scene()
	if e.drag.item.Kind == scene.KindPain {
		_, painLane, _ := s.CellOf(e.drag.item)
		stages := e.workspace().Journey(e.journeyID()).Stages
		return stages[s.StageIndexAt(to.X)].ID, painLane, true
	}
	return s.CellAt(to)
}

func (e *Editor) emotionLane() string {
	for _, l := range e.workspace().Journey(e.journeyID()).Lanes {
		if e.m.Scene().IsEmotionLane(l.ID) {
			return l.ID
		}
	}
	return ""
}

// DragEnded drops what was dragged, as one undoable edit (mapview.Input).
func (e *Editor) DragEnded(from, to scene.Point) {
	defer func() { e.drag = dragState{} }()
	e.m.ShowDrop(scene.Rect{}, scene.Rect{}, false)
	s, w, jid := e.m.Scene(), e.workspace(), e.journeyID()
	j := w.Journey(jid)
	if j == nil {
		return
	}
	switch e.drag.kind {
	case dragItem:
		stage, lane, ok := e.dropCell(to)
		switch {
		case ok && e.drag.group:
			e.dropGroup(j, stage, lane)
		case ok:
			e.dropItem(j, stage, lane, to.Y)
		}
	case dragEmotion:
		score, _ := s.EmotionScoreAt(to.Y)
		if now, ok := j.Emotion(e.drag.id); !ok || now != score {
			if e.try(journey.Put(w, jid, journey.Emotion{Stage: e.drag.id, Score: score}, -1)) && e.drag.said != "" {
				e.OnMessage(strings.TrimSuffix(e.drag.said, " Let go to set it."))
			}
		}
	case dragStage:
		to := s.StageIndexAt(to.X)
		if i := journey.Index(j.Stages, e.drag.id); i != to {
			e.try(journey.Reorder[journey.Stage](w, jid, e.drag.id, to))
		}
	case dragLane:
		target, ok := s.LaneAtY(to.Y)
		at := journey.Index(j.Lanes, target)
		if i := journey.Index(j.Lanes, e.drag.id); ok && i != at {
			e.try(journey.Reorder[journey.Lane](w, jid, e.drag.id, at))
		}
	}
}

// dropItem moves the dragged card or pain point into the cell, before the first item there
// whose middle is below y, or after them all.
func (e *Editor) dropItem(j *journey.Journey, stage, lane string, y float32) {
	s, w, jid, k := e.m.Scene(), e.workspace(), e.journeyID(), e.drag.item
	var others []scene.Key
	for _, o := range s.ItemsIn(stage, lane) {
		if o.Kind == k.Kind && o != k {
			others = append(others, o)
		}
	}
	pos := 0
	for _, o := range others {
		if b, _ := s.Bounds(o); b.Y+b.H/2 < y {
			pos++
		}
	}
	var edit journey.Edit
	var err error
	if k.Kind == scene.KindCard {
		c, ok := find(j.Cards, k.ID)
		if !ok {
			return
		}
		at := insertAt(j.Cards, func(c journey.Card) string { return c.ID }, k.ID, others, pos)
		if c.Stage == stage && c.Lane == lane && (at < 0 || journey.Index(j.Cards, k.ID) == at) {
			return
		}
		c.Stage, c.Lane = stage, lane
		edit, err = journey.Put(w, jid, c, at)
	} else {
		p, ok := find(j.PainPoints, k.ID)
		if !ok {
			return
		}
		at := insertAt(j.PainPoints, func(p journey.PainPoint) string { return p.ID }, k.ID, others, pos)
		if p.Stage == stage && (at < 0 || journey.Index(j.PainPoints, k.ID) == at) {
			return
		}
		p.Stage = stage
		edit, err = journey.Put(w, jid, p, at)
	}
	if e.try(edit, err) {
		e.selectCell(stage, lane, []scene.Key{k})
	}
}

// dropGroup moves every picked card into the cell, and every picked pain point to its stage
// in the pain lane, as one edit; each keeps its place among the others.
func (e *Editor) dropGroup(j *journey.Journey, stage, lane string) {
	w, jid := e.workspace(), e.journeyID()
	var cards []journey.Card
	var pains []journey.PainPoint
	for _, k := range e.sel.Items {
		switch k.Kind {
		case scene.KindCard:
			if c, ok := find(j.Cards, k.ID); ok {
				c.Stage, c.Lane = stage, lane
				cards = append(cards, c)
			}
		case scene.KindPain:
			if p, ok := find(j.PainPoints, k.ID); ok {
				p.Stage = stage
				pains = append(pains, p)
			}
		}
	}
	moved, err := journey.PutAll(w, jid, "", cards)
	if err != nil {
		e.OnMessage(document.Refusal(err))
		return
	}
	movedPains, err := journey.PutAll(w, jid, "", pains)
	if err != nil {
		e.OnMessage(document.Refusal(err))
		return
	}
	var what []string
	if len(cards) > 0 {
		what = append(what, journey.Plural(len(cards), "card"))
	}
	if len(pains) > 0 {
		what = append(what, journey.Plural(len(pains), "pain point"))
	}
	edit := journey.Batch{Name: "Move " + strings.Join(what, " and "), Edits: append(moved.Edits, movedPains.Edits...)}
	if len(edit.Edits) > 0 && e.try(edit, nil) {
		e.selectCell(stage, lane, e.sel.Items)
	}
}

// insertAt is the index in the list, once the item moved is taken out of it, at which it
// goes before others[pos], or after the last of others; -1 keeps its place when the cell it
// goes to holds none of its kind.
func insertAt[T any](list []T, id func(T) string, moved string, others []scene.Key, pos int) int {
	index := func(want string) int {
		n := 0
		for _, it := range list {
			switch id(it) {
			case moved:
				continue
			case want:
				return n
			}
			n++
		}
		return -1
	}
	switch {
	case len(others) == 0:
		return -1
	case pos < len(others):
		return index(others[pos].ID)
	}
	return index(others[len(others)-1].ID) + 1
}
