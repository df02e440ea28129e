package canvas

import (
	"strings"

	"fyne.io/fyne/v2"

	"journeymap/journey"
)

// Sizes of the map at 100 % zoom, in Fyne units. Zoom multiplies them all; the layout itself is
// computed once at 100 % so that zooming only moves and resizes objects.
const (
	labelWidth    = 168
	columnWidth   = 236
	headerHeight  = 112
	stageHeight   = 48
	cellPad       = 8
	cardGap       = 8
	cardPad       = 8
	textSize      = 13
	lineHeight    = 18
	minLaneHeight = 64
	emotionHeight = 152
	markerSize    = 26
	painTopRow    = markerSize + 6
	painBottomRow = 24
)

// measurer returns the width of one line of text at 100 % zoom.
type measurer func(text string, size float32, style fyne.TextStyle) float32

// measureText measures with Fyne's font metrics.
func measureText(text string, size float32, style fyne.TextStyle) float32 {
	return fyne.MeasureText(text, size, style).Width
}

// wrapper breaks a card's text (or, bold, a pain point's title) into the lines that fit a card.
type wrapper func(text string, bold bool) []string

// itemTextWidth is the width text is wrapped to inside a card, at 100 %. It keeps a tenth in
// reserve: line breaks are found once at 100 %, and small type at low zoom runs relatively wider.
const itemTextWidth = (columnWidth - 2*cellPad - 2*cardPad) * 0.9

// maxWrapMemo bounds the remembered texts: a few big maps' worth.
const maxWrapMemo = 20000

// newWrapper wraps with the measurer, remembering every text it wrapped: a relayout after one
// edit then costs a lookup per item, not a measurement.
func newWrapper(measure measurer) wrapper {
	type key struct {
		text string
		bold bool
	}
	memo := map[key][]string{}
	return func(text string, bold bool) []string {
		k := key{text, bold}
		if lines, ok := memo[k]; ok {
			return lines
		}
		lines := wrap(text, itemTextWidth, textSize, fyne.TextStyle{Bold: bold}, measure)
		if len(memo) >= maxWrapMemo {
			clear(memo) // typing leaves a trail of texts behind; start afresh rather than grow
		}
		memo[k] = lines
		return lines
	}
}

// cardHeight and painHeight are the heights of items with that many lines of text.
func cardHeight(lines int) float32 { return float32(lines)*lineHeight + 2*cardPad }

func painHeight(lines int) float32 {
	return painTopRow + float32(lines)*lineHeight + painBottomRow + 2*cardPad
}

// box is an item's place on the map at 100 % zoom, with its text already broken into lines.
type box struct {
	X, Y, W, H float32
	Lines      []string
}

// laneRow is a visible lane's place on the map.
type laneRow struct {
	Lane journey.Lane
	Y, H float32
}

// mapLayout is where everything of a journey goes at 100 % zoom.
type mapLayout struct {
	Columns    []float32 // left edge of each stage column
	Lanes      []laneRow // visible lanes in stored order
	Cards      map[string]box
	PainPoints map[string]box
	Size       fyne.Size
}

// computeLayout places a journey's stages, visible lanes, cards and pain points. A cell is as
// tall as its tallest neighbour in the lane needs, so every row lines up across the map.
func computeLayout(j *journey.Journey, wrapText wrapper) mapLayout {
	l := mapLayout{Cards: map[string]box{}, PainPoints: map[string]box{}}
	col := map[string]int{}
	for i, s := range j.Stages {
		col[s.ID] = i
		l.Columns = append(l.Columns, labelWidth+float32(i)*columnWidth)
	}
	painLane, _ := j.PainLane()
	y := float32(headerHeight + stageHeight)
	const inner = columnWidth - 2*cellPad
	for _, lane := range j.Lanes {
		if lane.Hidden {
			continue
		}
		// Stack each stage's items in this lane; the row takes the tallest stack. In the emotion
		// lane cards go below the band the curve is drawn in.
		stack := make([]float32, len(j.Stages))
		if lane.Kind == journey.LaneEmotion {
			for i := range stack {
				stack[i] = emotionHeight - cellPad
			}
		}
		place := func(stage string, h float32) (float32, float32, bool) {
			c, ok := col[stage]
			if !ok {
				return 0, 0, false
			}
			top := stack[c]
			stack[c] += h + cardGap
			return l.Columns[c] + cellPad, y + cellPad + top, true
		}
		for _, c := range j.Cards {
			if c.Lane != lane.ID {
				continue
			}
			lines := wrapText(c.Text, false)
			h := cardHeight(len(lines))
			if x, cy, ok := place(c.Stage, h); ok {
				l.Cards[c.ID] = box{x, cy, inner, h, lines}
			}
		}
		if lane.ID == painLane.ID {
			for _, p := range j.PainPoints {
				lines := wrapText(p.Title, true)
				h := painHeight(len(lines))
				if x, py, ok := place(p.Stage, h); ok {
					l.PainPoints[p.ID] = box{x, py, inner, h, lines}
				}
			}
		}
		h := float32(minLaneHeight)
		if lane.Kind == journey.LaneEmotion {
			h = emotionHeight
		}
		for _, s := range stack {
			h = max(h, s-cardGap+2*cellPad)
		}
		l.Lanes = append(l.Lanes, laneRow{lane, y, h})
		y += h
	}
	l.Size = fyne.NewSize(labelWidth+float32(len(j.Stages))*columnWidth, y)
	return l
}

// cellAt names the stage and visible lane under a position given at 100 % zoom; ok is false
// outside the grid (the header, the lane labels, past the last row).
func (l *mapLayout) cellAt(j *journey.Journey, pos fyne.Position) (stage, lane string, ok bool) {
	if pos.X < labelWidth || len(l.Columns) == 0 {
		return "", "", false
	}
	c := int((pos.X - labelWidth) / columnWidth)
	if c >= len(j.Stages) {
		return "", "", false
	}
	for _, r := range l.Lanes {
		if pos.Y >= r.Y && pos.Y < r.Y+r.H {
			return j.Stages[c].ID, r.Lane.ID, true
		}
	}
	return "", "", false
}

// wrap breaks text into lines no wider than width, at spaces where it can and inside a word
// only when the word alone is too wide. Explicit line breaks are kept.
func wrap(text string, width, size float32, style fyne.TextStyle, measure measurer) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			candidate := word
			if line != "" {
				candidate = line + " " + word
			}
			if measure(candidate, size, style) <= width {
				line = candidate
				continue
			}
			if line != "" {
				lines = append(lines, line)
			}
			line = ""
			for measure(word, size, style) > width {
				cut := fitRunes(word, width, size, style, measure)
				lines = append(lines, word[:cut])
				word = word[cut:]
			}
			line = word
		}
		lines = append(lines, line)
	}
	return lines
}

// fitRunes returns how many bytes of word fit in width, at least one rune's worth.
func fitRunes(word string, width, size float32, style fyne.TextStyle, measure measurer) int {
	fit := 0
	for i, r := range word {
		end := i + len(string(r))
		if fit > 0 && measure(word[:end], size, style) > width {
			break
		}
		fit = end
	}
	return fit
}
