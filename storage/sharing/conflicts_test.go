package sharing

import (
	"context"
	"slices"
	"strings"
	"testing"

	"journeymap/journey"
	"journeymap/storage"
)

// conflictOn is the conflict the desk holds on the field of the card, and its values' words.
func conflictOn(t *testing.T, d *desk, card, field string) (storage.RecordConflict, []string) {
	t.Helper()
	_, cs, err := d.store.ShareState()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Record.ID == card && c.Field == field {
			var words []string
			for _, v := range c.Values {
				words = append(words, string(v.Value)+" by "+v.By)
			}
			slices.Sort(words)
			return c, words
		}
	}
	return storage.RecordConflict{}, nil
}

// TestEveryValueInConflictStandsUntilAPersonSettlesIt: three desks write one card's text
// before any sees another's; a fourth change, a delete made by a desk that saw only the
// provisional text, doesn't take away the values in conflict; a change of another field
// leaves the conflict standing; writing the text settles it, on every desk.
func TestEveryValueInConflictStandsUntilAPersonSettlesIt(t *testing.T) {
	desks := sharedDesks(t, 2)
	ana, ben, chen := desks[0], desks[1], desks[2]
	j := ana.workspace().Journeys[0]
	c := j.Cards[0]
	setCard := func(f func(*journey.Card)) func(w *journey.Workspace) (journey.Edit, error) {
		return func(w *journey.Workspace) (journey.Edit, error) {
			cs := w.Journey(j.ID).Cards
			card := cs[journey.Index(cs, c.ID)]
			f(&card)
			return journey.Put(w, j.ID, card, -1)
		}
	}
	syncAll := func() {
		for range 2 {
			for _, d := range desks {
				d.sync()
			}
		}
	}

	// Ana's words sort last: they are the provisional text, so that Ben, who saw them
	// before Chen's came, deletes a card whose every field is as he saw it.
	ana.edit(setCard(func(c *journey.Card) { c.Text = "Zebra crossing, by Ana" }))
	ana.sync()
	ben.sync()
	chen.edit(setCard(func(c *journey.Card) { c.Text = "Apple pay, by Chen" }))
	chen.sync()
	ben.edit(func(w *journey.Workspace) (journey.Edit, error) { return journey.Remove[journey.Card](w, j.ID, c.ID) })
	syncAll()
	sameEverywhere(t, desks)
	want := []string{`"Apple pay, by Chen" by m-chen`, `"Zebra crossing, by Ana" by m-ana`}
	for i, d := range desks {
		if journey.Index(d.workspace().Journey(j.ID).Cards, c.ID) < 0 {
			t.Fatalf("desk %d: the card in conflict is gone, deleted by a desk that never saw Chen's words", i)
		}
		if _, words := conflictOn(t, d, c.ID, "text"); !slices.Equal(words, want) {
			t.Errorf("desk %d holds the text's conflict as %q; want %q", i, words, want)
		}
		if _, words := conflictOn(t, d, c.ID, ""); len(words) != 2 || !strings.Contains(strings.Join(words, " "), "null by m-ben") {
			t.Errorf("desk %d holds Ben's delete as %q; want it in conflict with the card kept", i, words)
		}
	}

	ben.edit(setCard(func(c *journey.Card) { c.Text = "Ben's" }))
	chen.edit(setCard(func(c *journey.Card) { c.Text = "Chen's" }))
	syncAll()
	sameEverywhere(t, desks)
	for i, d := range desks {
		_, words := conflictOn(t, d, c.ID, "text")
		if len(words) != 2 || !strings.Contains(strings.Join(words, " "), "Ben's") || !strings.Contains(strings.Join(words, " "), "Chen's") {
			t.Errorf("desk %d: after Ben and Chen each wrote the text anew the conflict holds %q", i, words)
		}
	}

	lane := j.Lanes[1].ID
	ana.edit(setCard(func(c *journey.Card) { c.Lane = lane }))
	syncAll()
	for i, d := range desks {
		if _, words := conflictOn(t, d, c.ID, "text"); len(words) != 2 {
			t.Errorf("desk %d: moving the card settled the conflict over its text (%q)", i, words)
		}
	}

	ben.edit(setCard(func(c *journey.Card) { c.Text = "Agreed words" }))
	syncAll()
	sameEverywhere(t, desks)
	for i, d := range desks {
		if _, words := conflictOn(t, d, c.ID, "text"); words != nil {
			t.Errorf("desk %d: the text Ben wrote left the conflict %q", i, words)
		}
		cs := d.workspace().Journey(j.ID).Cards
		if got := cs[journey.Index(cs, c.ID)]; got.Text != "Agreed words" || got.Lane != lane {
			t.Errorf("desk %d: the card is %+v; want Ben's text in Ana's lane", i, got)
		}
	}
}

// TestAJourneyOrMemberChangedAgainstADeleteIsListed: a journey one desk deleted while another
// renamed it, and a member one desk removed while another changed their capacity, are kept
// and listed again on every desk: the change stands, the delete is a conflict.
func TestAJourneyOrMemberChangedAgainstADeleteIsListed(t *testing.T) {
	desks := sharedDesks(t, 1)
	ana, ben := desks[0], desks[1]
	j := ana.workspace().Journeys[1]
	m := journey.Member{ID: "m-zoe", Name: "Zoe Park", Department: "Sales", Capacity: 3}
	ana.edit(func(w *journey.Workspace) (journey.Edit, error) { return journey.Put(w, "", m, -1) })
	ana.sync()
	ben.sync()
	ana.edit(func(w *journey.Workspace) (journey.Edit, error) { return journey.Remove[journey.Journey](w, "", j.ID) })
	ana.edit(func(w *journey.Workspace) (journey.Edit, error) { return journey.RemoveMember(w, m.ID) })
	ben.edit(func(w *journey.Workspace) (journey.Edit, error) {
		return journey.EditJourneyInfo(w, j.ID, journey.JourneyInfo{Title: "Renamed on Ben's desk", Persona: j.Persona, Vision: j.Vision})
	})
	ben.edit(func(w *journey.Workspace) (journey.Edit, error) {
		m := m
		m.Capacity++
		return journey.Put(w, "", m, -1)
	})
	for range 2 {
		ana.sync()
		ben.sync()
	}
	sameEverywhere(t, desks)
	for i, d := range desks {
		w := d.workspace()
		if got := w.Journey(j.ID); got == nil || got.Title != "Renamed on Ben's desk" {
			t.Errorf("desk %d: the journey renamed against a delete is %v", i, got)
		}
		if got, ok := w.Member(m.ID); !ok || got.Capacity != m.Capacity+1 {
			t.Errorf("desk %d: the member changed against a removal is %+v (%v)", i, got, ok)
		}
		if err := journey.Validate(w); err != nil {
			t.Errorf("desk %d: %v", i, err)
		}
	}
}

// TestWhatIsBroughtBackKeepsItsName: a stage one desk deleted while another added a card to
// it, and a member one desk removed while another gave them a pain point, come back as they
// were, names and all, on every desk.
func TestWhatIsBroughtBackKeepsItsName(t *testing.T) {
	desks := sharedDesks(t, 1)
	ana, ben := desks[0], desks[1]
	j := ana.workspace().Journeys[0]
	st := j.Stages[1]
	zoe := journey.Member{ID: "m-zoe", Name: "Zoe Park", Department: "Sales", Capacity: 3}
	ana.edit(func(w *journey.Workspace) (journey.Edit, error) { return journey.Put(w, "", zoe, -1) })
	ana.sync()
	ben.sync()

	ana.edit(func(w *journey.Workspace) (journey.Edit, error) { return journey.DeleteStage(w, j.ID, st.ID) })
	ana.edit(func(w *journey.Workspace) (journey.Edit, error) { return journey.RemoveMember(w, zoe.ID) })
	ben.edit(func(w *journey.Workspace) (journey.Edit, error) {
		return journey.Put(w, j.ID, journey.Card{ID: "c-ben", Stage: st.ID, Lane: j.Lanes[0].ID, Text: "Typed on Ben's desk"}, -1)
	})
	ben.edit(func(w *journey.Workspace) (journey.Edit, error) {
		p := w.Journey(j.ID).PainPoints[0]
		p.Owner = zoe.ID
		return journey.Put(w, j.ID, p, -1)
	})
	for range 2 {
		ana.sync()
		ben.sync()
	}
	sameEverywhere(t, desks)
	for i, d := range desks {
		w := d.workspace()
		gj := w.Journey(j.ID)
		if k := journey.Index(gj.Stages, st.ID); k < 0 || gj.Stages[k].Name != st.Name {
			t.Errorf("desk %d: the stage brought back for Ben's card is %+v; want %q", i, gj.Stages, st.Name)
		}
		if m, ok := w.Member(zoe.ID); !ok || m != zoe {
			t.Errorf("desk %d: the member brought back for Ben's pain point is %+v; want %+v", i, m, zoe)
		}
	}
}

// TestAMergeOnSendSkipsNoRevision: a record someone changed meanwhile is fetched by itself to
// merge it, ahead of revisions of other records not taken yet; those still come, after a
// restart too.
func TestAMergeOnSendSkipsNoRevision(t *testing.T) {
	desks := sharedDesks(t, 1)
	ana, ben := desks[0], desks[1]
	j := ana.workspace().Journeys[0]
	x, y := j.Cards[0], j.Cards[1]
	text := func(c journey.Card, s string) func(w *journey.Workspace) (journey.Edit, error) {
		return func(w *journey.Workspace) (journey.Edit, error) {
			c.Text = s
			return journey.Put(w, j.ID, c, -1)
		}
	}
	ben.edit(text(x, "Ben's words for X"))
	if _, err := ben.e.catchUp(context.Background()); err != nil {
		t.Fatal(err)
	}
	ana.edit(text(y, "Ana's words for Y")) // sent first: the older revision
	ana.sync()
	ana.edit(func(w *journey.Workspace) (journey.Edit, error) {
		c := w.Journey(j.ID).Cards[0]
		c.Color = "red"
		return journey.Put(w, j.ID, c, -1)
	})
	ana.sync()
	if err := ben.e.send(context.Background()); err != nil { // X met Ana's change: fetched, merged
		t.Fatal(err)
	}
	ben.restart()
	ben.sync()
	ana.sync()
	sameEverywhere(t, desks)
	cs := ben.workspace().Journey(j.ID).Cards
	if got := cs[journey.Index(cs, y.ID)].Text; got != "Ana's words for Y" {
		t.Errorf("Ben's desk reads card Y as %q: the revision before the one merged was skipped", got)
	}
}
