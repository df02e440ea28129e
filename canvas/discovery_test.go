package canvas

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"journeymap/canvas/scene"
	"journeymap/journey"
)

// filterItem is the filter menu's item that starts with the label.
func (ed *editing) filterItem(label string) *fyne.MenuItem {
	ed.t.Helper()
	for _, it := range ed.mw.filterMenu.ChildMenu.Items {
		if strings.HasPrefix(it.Label, label) {
			return it
		}
	}
	ed.t.Fatalf("no item %q in the filter menu", label)
	return nil
}

// shownInFull lists the pain points of the journey on show that the map does not dim, and
// reports whether it dims any card.
func (ed *editing) shownInFull() (pains []string, cardsDimmed bool) {
	match := ed.mw.Map.Scene().Options().Match
	for _, p := range ed.journey().PainPoints {
		if match == nil || match(scene.Key{Kind: scene.KindPain, ID: p.ID}) {
			pains = append(pains, p.ID)
		}
	}
	for _, c := range ed.journey().Cards {
		if match != nil && !match(scene.Key{Kind: scene.KindCard, ID: c.ID}) {
			cardsDimmed = true
		}
	}
	return pains, cardsDimmed
}

// want lists the ids of the journey's pain points that hold.
func (ed *editing) want(holds func(journey.PainPoint) bool) []string {
	var ids []string
	for _, p := range ed.journey().PainPoints {
		if holds(p) {
			ids = append(ids, p.ID)
		}
	}
	return ids
}

// TestFilterFromTheViewMenu narrows the map's pain points from the View menu: others are
// dimmed, cards never; the bar above the map says how many show; an edit that makes a pain
// point match shows it; "mine" asks who uses this desktop, once; Show all ends it.
func TestFilterFromTheViewMenu(t *testing.T) {
	ed := openEditing(t)
	all := ed.want(func(journey.PainPoint) bool { return true })
	ed.filterItem("Unknown").Action()
	unknown := ed.want(func(p journey.PainPoint) bool { return p.Discovery == journey.Unknown })
	got, dimmed := ed.shownInFull()
	if fmt.Sprint(got) != fmt.Sprint(unknown) || dimmed || len(unknown) == len(all) {
		t.Fatalf("unknown: shown %q (cards dimmed %v), want %q of %q", got, dimmed, unknown, all)
	}
	if !ed.filterItem("Unknown").Checked || ed.filterItem("Known").Checked {
		t.Error("the menu does not check what the filter shows")
	}
	said := fmt.Sprintf("Showing %d of %d pain points: unknown", len(unknown), len(all))
	if !ed.mw.filter.bar.Visible() || ed.mw.filter.said.Text != said {
		t.Errorf("the filter bar: shown %v, %q; want %q", ed.mw.filter.bar.Visible(), ed.mw.filter.said.Text, said)
	}

	// A known pain point becomes unknown: it is shown in full at once.
	w := ed.doc.Workspace()
	var p journey.PainPoint
	for _, q := range ed.journey().PainPoints {
		if q.Discovery == journey.Known {
			p = q
			break
		}
	}
	p.Discovery, p.Source, p.Method, p.FoundBy = journey.Unknown, "", journey.MethodData, w.Members[0].ID
	e, err := journey.Put(w, ed.journey().ID, p, -1)
	if err == nil {
		err = ed.doc.Do(e)
	}
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := ed.shownInFull(); !strings.Contains(fmt.Sprint(got), p.ID) {
		t.Errorf("%s, unknown now, is still dimmed: %q", p.ID, got)
	}

	// Mine: nobody said who uses this desktop, so the app asks, then filters.
	ed.filterItem("Mine").Action()
	if ed.mw.whoAmI == nil || ed.mw.Map.Filter().On(journey.ShowMine) {
		t.Fatal("mine did not ask who uses this desktop first")
	}
	me := w.Members[1]
	ed.mw.whoAmIPick.SetSelected(me.Name)
	ed.mw.whoAmI.Submit()
	if !ed.mw.Map.Filter().On(journey.ShowMine) || ed.mw.memory.now.Me != me.ID {
		t.Fatalf("after saying who: filter %+v, remembered %q", ed.mw.Map.Filter(), ed.mw.memory.now.Me)
	}
	mine := ed.want(func(p journey.PainPoint) bool { return p.Discovery == journey.Unknown && p.Owner == me.ID })
	if got, _ := ed.shownInFull(); fmt.Sprint(got) != fmt.Sprint(mine) {
		t.Errorf("unknown and mine (%s): shown %q, want %q", me.Name, got, mine)
	}
	if label := ed.filterItem("Mine").Label; label != "Mine: "+me.Name+"'s" {
		t.Errorf("the menu says %q", label)
	}

	// Known turns unknown off; Show all shows all and hides the bar.
	ed.filterItem("Known").Action()
	if f := ed.mw.Map.Filter(); f.On(journey.ShowUnknown) || !f.On(journey.ShowKnown) || !f.On(journey.ShowMine) {
		t.Errorf("after known: %q", f.Only)
	}
	ed.filterItem("All Pain Points").Action()
	if got, _ := ed.shownInFull(); fmt.Sprint(got) != fmt.Sprint(all) || ed.mw.filter.bar.Visible() {
		t.Errorf("show all: %q shown, bar shown %v", got, ed.mw.filter.bar.Visible())
	}

	// The next time, "mine" does not ask again.
	ed.mw.whoAmI = nil
	ed.filterItem("Mine").Action()
	if ed.mw.whoAmI != nil || !ed.mw.Map.Filter().On(journey.ShowMine) {
		t.Error("mine asked again who uses this desktop")
	}
}

// TestFilterCountsOverdueAsShown: the bar above the map counts the overdue pain points the map
// shows in full, judged on the same day.
func TestFilterCountsOverdueAsShown(t *testing.T) {
	ed := openEditing(t)
	w := ed.doc.Workspace()
	p := ed.journey().PainPoints[0]
	p.Status, p.Action.Due = journey.StatusOpen, "2000-01-03"
	e, err := journey.Put(w, ed.journey().ID, p, -1)
	if err == nil {
		err = ed.doc.Do(e)
	}
	if err != nil {
		t.Fatal(err)
	}
	ed.filterItem("Overdue").Action()
	got, _ := ed.shownInFull()
	said := fmt.Sprintf("Showing %d of %d pain points: overdue", len(got), len(ed.journey().PainPoints))
	if !strings.Contains(fmt.Sprint(got), p.ID) || ed.mw.filter.said.Text != said {
		t.Errorf("overdue: shown in full %q, the bar says %q; want %s among them and %q", got, ed.mw.filter.said.Text, p.ID, said)
	}
}
