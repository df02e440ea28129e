package canvas

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2/test"

	"journeymap/journey"
)

// bigJourney is a journey of 40 stages × 7 lanes × 5 items a cell: 1,000 cards, 200 pain
// points and an emotion score per stage.
func bigJourney() (*journey.Workspace, *journey.Journey) {
	w := &journey.Workspace{Name: "Bench", Members: []journey.Member{{ID: "m", Name: "Ana Ruiz", Capacity: 8}}}
	j := journey.Journey{ID: "big", Title: "A long journey", Persona: "Everyone", Vision: "Nothing lost"}
	for s := range 40 {
		j.Stages = append(j.Stages, journey.Stage{ID: fmt.Sprintf("s%d", s), Name: fmt.Sprintf("Stage %d", s+1)})
		j.Emotions = append(j.Emotions, journey.Emotion{Stage: fmt.Sprintf("s%d", s), Score: s%5 - 2})
	}
	for _, kind := range journey.LaneKinds[:7] {
		j.Lanes = append(j.Lanes, journey.Lane{ID: string(kind), Kind: kind, Name: string(kind)})
	}
	for _, lane := range j.Lanes {
		for s := range j.Stages {
			for n := range 5 {
				id := fmt.Sprintf("%s-%d-%d", lane.ID, s, n)
				text := fmt.Sprintf("Card %d of stage %d: the customer does something worth a line or two", n, s)
				switch lane.Kind {
				case journey.LaneEmotion:
				case journey.LanePain:
					j.PainPoints = append(j.PainPoints, journey.PainPoint{ID: id, Stage: j.Stages[s].ID, Title: text,
						Discovery: journey.Unknown, Method: journey.MethodData, FoundBy: "m", Severity: 3, Effort: 2,
						Owner: "m", Status: journey.StatusOpen})
				default:
					j.Cards = append(j.Cards, journey.Card{ID: id, Lane: lane.ID, Stage: j.Stages[s].ID, Text: text})
				}
			}
		}
	}
	w.Journeys = []journey.Journey{j}
	return w, &w.Journeys[0]
}

// newBenchMap returns a laid-out map of the big journey.
func newBenchMap(b *testing.B) (*Map, *journey.Journey) {
	test.NewTempApp(b)
	w, j := bigJourney()
	m := NewMap(w, j)
	r := test.WidgetRenderer(m)
	r.Layout(r.MinSize())
	return m, j
}

// BenchmarkMapBuild builds the whole map of the big journey: layout and every object.
func BenchmarkMapBuild(b *testing.B) {
	test.NewTempApp(b)
	w, j := bigJourney()
	for b.Loop() {
		m := NewMap(w, j)
		r := m.CreateRenderer()
		r.Layout(r.MinSize())
	}
}

// BenchmarkMapRefreshOneCard changes one card's text and redraws it.
func BenchmarkMapRefreshOneCard(b *testing.B) {
	m, j := newBenchMap(b)
	id := j.Cards[len(j.Cards)/2].ID
	texts := []string{"Pays at checkout", "Pays by card"}
	i := 0
	for b.Loop() {
		i++
		j.Cards[len(j.Cards)/2].Text = texts[i%2]
		m.RefreshCard(id)
	}
}

// BenchmarkMapRefreshOneCardGrows changes one card between one and three lines, so every
// refresh lays the whole map out again.
func BenchmarkMapRefreshOneCardGrows(b *testing.B) {
	m, j := newBenchMap(b)
	c := &j.Cards[len(j.Cards)/2]
	texts := []string{"Pays", "Pays at checkout with a card that the bank then declines twice, so calls the hotline"}
	i := 0
	for b.Loop() {
		i++
		c.Text = texts[i%2]
		m.RefreshCard(c.ID)
	}
}

// BenchmarkMapZoom lays the whole big map out again at another zoom.
func BenchmarkMapZoom(b *testing.B) {
	m, _ := newBenchMap(b)
	zooms := []float32{1, 1.25}
	i := 0
	for b.Loop() {
		i++
		m.SetZoom(zooms[i%2])
	}
}
