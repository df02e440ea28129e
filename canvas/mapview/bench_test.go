package mapview

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"journeymap/journey"
	"journeymap/journey/journeytest"
)

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
func benchWindow(b testing.TB, w *journey.Workspace, id string) *Map {
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
				w, j := journeytest.Big(bm.stages, bm.lanes, bm.per)
				b.StartTimer()
				benchWindow(b, w, j.ID)
			}
		})
		w, j := journeytest.Big(bm.stages, bm.lanes, bm.per)
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
