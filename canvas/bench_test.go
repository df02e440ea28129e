package canvas

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"journeymap/journey"
)

// bigJourney is a journey of the stages × 7 lanes × per items a cell (cards, pain points in
// the pain lane, none in the emotion lane) and an emotion score per stage.
func bigJourney(stages, per int) (*journey.Workspace, *journey.Journey) {
	return bigJourneyLanes(stages, 7, per)
}

func bigJourneyLanes(stages, lanes, per int) (*journey.Workspace, *journey.Journey) {
	w := &journey.Workspace{Name: "Bench", Members: []journey.Member{{ID: "m", Name: "Ana Ruiz", Capacity: 8}}}
	j := journey.Journey{ID: "big", Title: "A long journey", Persona: "Everyone", Vision: "Nothing lost"}
	for s := range stages {
		j.Stages = append(j.Stages, journey.Stage{ID: fmt.Sprintf("s%d", s), Name: fmt.Sprintf("Stage %d", s+1)})
		j.Emotions = append(j.Emotions, journey.Emotion{Stage: fmt.Sprintf("s%d", s), Score: s%5 - 2})
	}
	for l := range lanes {
		kind := journey.LaneKinds[l%7]
		j.Lanes = append(j.Lanes, journey.Lane{ID: fmt.Sprintf("l%d", l), Kind: kind, Name: string(kind)})
	}
	for _, lane := range j.Lanes {
		for s := range j.Stages {
			for n := range per {
				id := fmt.Sprintf("%s-%d-%d", lane.ID, s, n)
				// Every text differs, as on a real map, so that nothing is measured only once.
				text := fmt.Sprintf("Card %d of stage %d in %s: the customer does something worth a line or two", n, s, lane.ID)
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

// The maps measured: the 40 × 7 × 5 one the README has always quoted, and one of 200 stages ×
// 10 lanes × 10 items a cell (16,000 cards, 2,000 pain points). `make bench` prints each big
// figure with its ratio to the small one.
var benchMaps = []struct {
	name               string
	stages, lanes, per int
}{
	{"40x7x5", 40, 7, 5},
	{"200x10x10", 200, 10, 10},
}

// benchWindow shows a map in its scroller, as the app does, in a 1440×900 window.
func benchWindow(b *testing.B, w *journey.Workspace, id string) *Map {
	m := NewMap(w, id)
	win := test.NewTempWindow(b, NewMapScroll(m))
	win.Resize(fyne.NewSize(1440, 900))
	return m
}

// BenchmarkMap measures the map through the path the app takes: the map in its scroller in a
// window, changes told through Update, zoom and scroll through the scroller.
func BenchmarkMap(b *testing.B) {
	test.NewTempApp(b)
	for _, bm := range benchMaps {
		b.Run(bm.name+"/build", func(b *testing.B) {
			// Each build measures every text afresh: a new map has no line breaks remembered.
			for b.Loop() {
				b.StopTimer()
				w, j := bigJourneyLanes(bm.stages, bm.lanes, bm.per)
				b.StartTimer()
				benchWindow(b, w, j.ID)
			}
		})
		w, j := bigJourneyLanes(bm.stages, bm.lanes, bm.per)
		m := benchWindow(b, w, j.ID)
		m.scroll.ScrollToOffset(fyne.NewPos(0, 0))
		do := func(e journey.Edit, err error) {
			if err == nil {
				err = e.Apply(w)
			}
			if err != nil {
				b.Fatal(err)
			}
			m.Update(e.Touches())
		}
		b.Run(bm.name+"/text", func(b *testing.B) {
			texts := []string{"Pays at checkout", "Pays by card at checkout"}
			i := 0
			for b.Loop() {
				i++
				c := w.Journeys[0].Cards[3]
				c.Text = texts[i%2]
				do(journey.Put(w, j.ID, c, -1))
			}
		})
		b.Run(bm.name+"/move", func(b *testing.B) {
			i := 0
			for b.Loop() {
				i++
				c := w.Journeys[0].Cards[3]
				c.Stage = w.Journeys[0].Stages[i%2].ID
				do(journey.Put(w, j.ID, c, -1))
			}
		})
		b.Run(bm.name+"/zoom", func(b *testing.B) {
			zooms := []float32{1, 1.25}
			i := 0
			for b.Loop() {
				i++
				m.SetZoom(zooms[i%2])
			}
		})
		m.SetZoom(1)
		b.Run(bm.name+"/scroll", func(b *testing.B) {
			ev := &fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -40)}
			i := 0
			for b.Loop() {
				i++
				// Down a notch at a time through the map, then back up.
				if i%100 == 0 {
					ev.Scrolled.DY = -ev.Scrolled.DY
				}
				m.scrolled(ev, 0)
			}
		})
	}
}
