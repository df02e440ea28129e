package scene

import "math"

// What an editor asks of the scene: cells, their items in order, and where a new card goes.

// FirstCell is the first visible lane at the first stage, the cell selected when a journey
// opens; ok is false when the map has no stage or no visible lane.
func (s *Scene) FirstCell() (stage, lane string, ok bool) {
	if s.empty || len(s.cols) == 0 || len(s.rows) == 0 {
		return "", "", false
	}
	return s.cols[0].ID, s.rows[0].Lane.ID, true
}

// HasCell reports whether the stage and lane are both on the map.
func (s *Scene) HasCell(stage, lane string) bool {
	_, okc := s.colOf[stage]
	_, okr := s.rowOf[lane]
	return okc && okr
}

// Neighbour is the cell dx stages across and dy visible lanes down from a cell, held to the
// map's edges.
func (s *Scene) Neighbour(stage, lane string, dx, dy int) (string, string) {
	c, okc := s.colOf[stage]
	r, okr := s.rowOf[lane]
	if !okc || !okr {
		return stage, lane
	}
	c = min(max(c+dx, 0), len(s.cols)-1)
	r = min(max(r+dy, 0), len(s.rows)-1)
	return s.cols[c].ID, s.rows[r].Lane.ID
}

// LaneKind is the kind of a visible lane.
func (s *Scene) LaneKind(lane string) (kind string, ok bool) {
	r, ok := s.rowOf[lane]
	if !ok {
		return "", false
	}
	return string(s.rows[r].Lane.Kind), true
}

// IsPainLane reports whether pain points are drawn in the lane.
func (s *Scene) IsPainLane(lane string) bool {
	r, ok := s.rowOf[lane]
	return ok && r == s.painRow
}

// CellBounds is where a cell is on the map at 100 %.
func (s *Scene) CellBounds(stage, lane string) (Rect, bool) {
	c, okc := s.colOf[stage]
	r, okr := s.rowOf[lane]
	if !okc || !okr {
		return Rect{}, false
	}
	return Rect{s.cols[c].X, s.rows[r].Y, ColumnWidth, s.rows[r].H}, true
}

// CellOf names the cell an item is drawn in.
func (s *Scene) CellOf(k Key) (stage, lane string, ok bool) {
	it, ok := s.items[k]
	if !ok {
		return "", "", false
	}
	return s.cols[it.col].ID, s.rows[it.row].Lane.ID, true
}

// ItemsIn lists the items of a cell from top to bottom.
func (s *Scene) ItemsIn(stage, lane string) []Key {
	c, okc := s.colOf[stage]
	r, okr := s.rowOf[lane]
	if !okc || !okr {
		return nil
	}
	return s.rows[r].cells[c].items
}

// Order lists every item in reading order: lane by lane, stage by stage, top to bottom in a
// cell — the order Tab goes through them.
func (s *Scene) Order() []Key {
	var keys []Key
	for r := range s.rows {
		for c := range s.rows[r].cells {
			keys = append(keys, s.rows[r].cells[c].items...)
		}
	}
	return keys
}

// Slot is where a new item goes in a cell: below the items it holds, as tall as a card of
// lines lines.
func (s *Scene) Slot(stage, lane string, lines int) (Rect, bool) {
	c, okc := s.colOf[stage]
	r, okr := s.rowOf[lane]
	if !okc || !okr {
		return Rect{}, false
	}
	cl := s.rows[r].cells[c]
	var y float32 = cellPad
	switch {
	case len(cl.items) > 0:
		y = cl.height - cellPad + cardGap
	case r == s.emoRow:
		y = EmotionHeight
	}
	return Rect{s.cols[c].X + cellPad, s.rows[r].Y + y, ColumnWidth - 2*cellPad, float32(max(lines, 1))*lineHeight + 2*cardPad}, true
}

// StageAt names the stage whose header is under a point.
func (s *Scene) StageAt(p Point) (string, bool) {
	if s.empty || p.X < LabelWidth || p.Y < HeaderHeight || p.Y >= HeaderHeight+StageHeight {
		return "", false
	}
	c := int((p.X - LabelWidth) / ColumnWidth)
	if c >= len(s.cols) {
		return "", false
	}
	return s.cols[c].ID, true
}

// LaneAt names the visible lane whose label is under a point, left of the stages.
func (s *Scene) LaneAt(p Point) (string, bool) {
	if s.empty || p.X < 0 || p.X >= LabelWidth {
		return "", false
	}
	r0, r1 := s.rowRange(p.Y, p.Y+0.001)
	if r0 >= r1 {
		return "", false
	}
	return s.rows[r0].Lane.ID, true
}

// StageHeader is where a stage's header is, for editing its name in place.
func (s *Scene) StageHeader(stage string) (Rect, bool) {
	c, ok := s.colOf[stage]
	if !ok {
		return Rect{}, false
	}
	return Rect{s.cols[c].X + 4, HeaderHeight + 6, ColumnWidth - 8, StageHeight - 12}, true
}

// LaneLabel is where a lane's label is, for editing its name in place.
func (s *Scene) LaneLabel(lane string) (Rect, bool) {
	r, ok := s.rowOf[lane]
	if !ok {
		return Rect{}, false
	}
	return Rect{8, s.rows[r].Y + 6, LabelWidth - 16, 44}, true
}

// Lanes is every lane drawn, top to bottom, with its band across the map.
func (s *Scene) Lanes() []LaneBand {
	out := make([]LaneBand, len(s.rows))
	for i, r := range s.rows {
		out[i] = LaneBand{ID: r.Lane.ID, Kind: string(r.Lane.Kind), Rect: Rect{0, r.Y, s.width, r.H}}
	}
	return out
}

// LaneBand is one lane as drawn: its id, kind and the band it takes across the map.
type LaneBand struct {
	ID, Kind string
	Rect
}

// EmotionAt names the stage whose emotion marker is under a point.
func (s *Scene) EmotionAt(p Point) (string, bool) {
	if s.emoRow < 0 {
		return "", false
	}
	const reach = 18 // a little more than the marker's radius, for a pointer's aim
	for c := range s.cols {
		if q, _, ok := s.emotionPoint(c); ok && abs(q.X-p.X) <= reach && abs(q.Y-p.Y) <= reach {
			return s.cols[c].ID, true
		}
	}
	return "", false
}

// EmotionScoreAt is the score a point at height y in the emotion lane stands for, snapped to
// -2..+2; ok is false when no emotion lane is shown.
func (s *Scene) EmotionScoreAt(y float32) (int, bool) {
	if s.emoRow < 0 {
		return 0, false
	}
	mid := s.rows[s.emoRow].Y + EmotionHeight/2
	const reach = EmotionHeight/2 - 24
	score := int(math.Round(float64((mid - y) / reach * 2)))
	return min(max(score, -2), 2), true
}

// EmotionMarker is where the marker of a score at a stage is drawn.
func (s *Scene) EmotionMarker(stage string, score int) (Rect, bool) {
	c, ok := s.colOf[stage]
	if !ok || s.emoRow < 0 {
		return Rect{}, false
	}
	mid := s.rows[s.emoRow].Y + EmotionHeight/2
	const reach, face = EmotionHeight/2 - 24, 30
	x, y := s.cols[c].X+ColumnWidth/2, mid-float32(score)/2*reach
	return Rect{x - face/2, y - face/2, face, face}, true
}

// IsEmotionLane reports whether the emotion curve is drawn in the lane.
func (s *Scene) IsEmotionLane(lane string) bool {
	r, ok := s.rowOf[lane]
	return ok && r == s.emoRow
}

// StageIndexAt is the stage column under x, held to the map's stages.
func (s *Scene) StageIndexAt(x float32) int {
	return min(max(int((x-LabelWidth)/ColumnWidth), 0), max(len(s.cols)-1, 0))
}

// LaneAtY names the visible lane at height y, held to the map's lanes.
func (s *Scene) LaneAtY(y float32) (string, bool) {
	if len(s.rows) == 0 {
		return "", false
	}
	r0, _ := s.rowRange(y, y+0.001)
	return s.rows[min(r0, len(s.rows)-1)].Lane.ID, true
}

func abs(x float32) float32 { return max(x, -x) }

// EmotionScore is a stage's score as the scene draws it, and whether it has one.
func (s *Scene) EmotionScore(stage string) (int, bool) {
	c, ok := s.colOf[stage]
	if !ok || s.emoRow < 0 {
		return 0, false
	}
	_, score, has := s.emotionPoint(c)
	return score, has
}
