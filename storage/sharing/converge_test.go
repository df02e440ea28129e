package sharing

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"journeymap/journey"
	"journeymap/journey/journeytest"
	"journeymap/storage"
)

// randomEdit is an edit of some kind, on what the workspace holds, chosen by r; nil when the
// kind drawn has nothing to act on.
func randomEdit(r *rand.Rand, w *journey.Workspace, n int) (journey.Edit, error) {
	if len(w.Journeys) == 0 {
		return nil, nil
	}
	j := &w.Journeys[r.IntN(len(w.Journeys))]
	switch {
	case len(j.Stages) == 0:
		// Two desks each deleting a stage can leave none: a stage first, as a person would.
		return journey.Put(w, j.ID, journey.Stage{ID: "s-" + strconv.Itoa(n), Name: "again " + strconv.Itoa(n)}, -1)
	case len(j.Lanes) == 0:
		return journey.Put(w, j.ID, journey.Lane{ID: "l-" + strconv.Itoa(n), Kind: journey.LaneCustom, Name: "again " + strconv.Itoa(n)}, -1)
	}
	tag := strconv.Itoa(n)
	pick := func(l int) int { return r.IntN(max(l, 1)) }
	switch r.IntN(20) {
	case 0, 1: // a new card
		if len(j.Stages) == 0 || len(j.Lanes) == 0 {
			return nil, nil
		}
		return journey.Put(w, j.ID, journey.Card{ID: "c-" + tag, Stage: j.Stages[pick(len(j.Stages))].ID,
			Lane: j.Lanes[pick(len(j.Lanes))].ID, Text: "card " + tag}, -1)
	case 2, 3: // a card's text
		if len(j.Cards) == 0 {
			return nil, nil
		}
		c := j.Cards[pick(len(j.Cards))]
		c.Text = "text " + tag
		return journey.Put(w, j.ID, c, -1)
	case 4: // a card moved to another cell
		if len(j.Cards) == 0 {
			return nil, nil
		}
		c := j.Cards[pick(len(j.Cards))]
		c.Stage, c.Lane = j.Stages[pick(len(j.Stages))].ID, j.Lanes[pick(len(j.Lanes))].ID
		return journey.Put(w, j.ID, c, -1)
	case 5: // a card deleted
		if len(j.Cards) == 0 {
			return nil, nil
		}
		return journey.Remove[journey.Card](w, j.ID, j.Cards[pick(len(j.Cards))].ID)
	case 6: // a stage renamed or moved
		if len(j.Stages) == 0 {
			return nil, nil
		}
		s := j.Stages[pick(len(j.Stages))]
		if r.IntN(2) == 0 {
			return journey.Reorder[journey.Stage](w, j.ID, s.ID, pick(len(j.Stages)))
		}
		s.Name = "stage " + tag
		return journey.Put(w, j.ID, s, -1)
	case 7: // a stage added
		return journey.Put(w, j.ID, journey.Stage{ID: "s-" + tag, Name: "new stage " + tag}, pick(len(j.Stages)))
	case 8: // a stage deleted, with its cards
		if len(j.Stages) < 2 {
			return nil, nil
		}
		return journey.DeleteStage(w, j.ID, j.Stages[pick(len(j.Stages))].ID)
	case 9: // an emotion score
		if len(j.Stages) == 0 {
			return nil, nil
		}
		return journey.Put(w, j.ID, journey.Emotion{Stage: j.Stages[pick(len(j.Stages))].ID, Score: r.IntN(5) - 2}, -1)
	case 10: // a pain point's severity, or a new one
		if len(j.PainPoints) == 0 || r.IntN(3) == 0 {
			return journey.Put(w, j.ID, journey.NewPainPoint(j.Stages[pick(len(j.Stages))].ID, "pain "+tag, today), -1)
		}
		p := j.PainPoints[pick(len(j.PainPoints))]
		p.Severity = 1 + r.IntN(5)
		return journey.Put(w, j.ID, p, -1)
	case 11: // a member's capacity
		m := w.Members[pick(len(w.Members))]
		m.Capacity = 1 + r.IntN(8)
		return journey.Put(w, "", m, -1)
	case 12: // the workspace's name
		return journey.RenameWorkspace{Before: w.Name, After: "Workspace " + tag}, nil
	case 13: // the journey's title
		info := journey.JourneyInfo{Title: "Journey " + tag, Persona: j.Persona, Vision: j.Vision}
		return journey.EditJourneyInfo(w, j.ID, info)
	case 14: // a pain point given to a member
		if len(j.PainPoints) == 0 || len(w.Members) == 0 {
			return nil, nil
		}
		p := j.PainPoints[pick(len(j.PainPoints))]
		p.Owner = w.Members[pick(len(w.Members))].ID
		return journey.Put(w, j.ID, p, -1)
	case 15: // a member removed, or one added
		if len(w.Members) > 2 && r.IntN(2) == 0 {
			return journey.RemoveMember(w, w.Members[pick(len(w.Members))].ID)
		}
		return journey.Put(w, "", journey.Member{ID: "m-" + tag, Name: "Member " + tag, Department: "Web", Capacity: 4}, -1)
	case 16: // a lane added, or one deleted with its cards
		if len(j.Lanes) > 3 && r.IntN(2) == 0 {
			l := j.Lanes[pick(len(j.Lanes))]
			if l.Kind == journey.LanePain || l.Kind == journey.LaneEmotion {
				return nil, nil
			}
			return journey.DeleteLane(w, j.ID, l.ID)
		}
		return journey.Put(w, j.ID, journey.Lane{ID: "l-" + tag, Kind: journey.LaneCustom, Name: "lane " + tag}, -1)
	case 17: // a card moved in its cell's order
		if len(j.Cards) < 2 {
			return nil, nil
		}
		return journey.Reorder[journey.Card](w, j.ID, j.Cards[pick(len(j.Cards))].ID, pick(len(j.Cards)))
	case 18: // a pulse
		return journey.Put(w, "", journey.Pulse{ID: "pulse-" + tag, Date: "2026-12-02", Risk: 1 + r.IntN(5), Dialogue: 3, Help: 3, Inclusion: 3}, -1)
	case 19: // a journey added, or one deleted
		if len(w.Journeys) > 2 && r.IntN(2) == 0 {
			return journey.Remove[journey.Journey](w, "", w.Journeys[pick(len(w.Journeys))].ID)
		}
		return journey.Put(w, "", journey.Journey{ID: "j-" + tag, Title: "Journey " + tag,
			Stages: []journey.Stage{{ID: "s-" + tag, Name: "Start"}}, Lanes: []journey.Lane{{ID: "l-" + tag, Kind: journey.LanePain, Name: "Pain points"}}}, -1)
	}
	return nil, nil
}

// TestDesksConverge: three desks make random edits of every kind, each syncing now and then
// and sometimes not for a long while (a desk offline), one sometimes closed and opened again
// (a restart); once all sync until nothing waits, all three hold the same workspace, byte for
// byte, and valid. JOURNEYMAP_CONVERGE_EDITS sets how many edits (1,000 by default; 200 with
// -short), JOURNEYMAP_CONVERGE_SEED the seed.
func TestDesksConverge(t *testing.T) {
	edits := 1000
	if testing.Short() {
		edits = 200
	}
	if n, err := strconv.Atoi(os.Getenv("JOURNEYMAP_CONVERGE_EDITS")); err == nil {
		edits = n
	}
	desks := sharedDesks(t, 2)
	seed := uint64(2012)
	if n, err := strconv.ParseUint(os.Getenv("JOURNEYMAP_CONVERGE_SEED"), 10, 64); err == nil {
		seed = n
	}
	r := rand.New(rand.NewPCG(seed, 12))
	offline := make([]int, len(desks)) // edits to go before the desk syncs again
	book := newLedger()
	made := 0
	for n := 0; n < edits; n++ {
		d := desks[r.IntN(len(desks))]
		i := indexOf(desks, d)
		w := d.workspace()
		e, err := randomEdit(r, w, n)
		if err == nil && e != nil {
			before := mustFacts(w)
			_, conflicts, cerr := d.store.ShareState()
			if cerr != nil {
				t.Fatal(cerr)
			}
			if err = e.Apply(w); err == nil {
				replaced, wrote := change(before, mustFacts(w), conflicts)
				book.intend(replaced)
				if err = d.store.Commit(w, e.Touches(), storage.HistoryStep{}); err == nil {
					book.acknowledge(fmt.Sprintf("edit %d on desk %d: %s", n, i, journey.Said(e)), wrote)
					made++
				}
			}
		}
		if err != nil && !isRefusal(err) {
			t.Fatalf("edit %d on desk %d (%s): %v", n, i, journey.Said(e), err)
		}
		switch {
		case offline[i] > 0:
			offline[i]--
		case r.IntN(50) == 0:
			offline[i] = 20 + r.IntN(60)
		case r.IntN(4) == 0:
			d.sync()
		case r.IntN(200) == 0:
			d.restart()
		}
	}
	// Pulses wait part of a day before they go: the drain is a day later.
	for _, d := range desks {
		d.e.Now = func() time.Time { return time.Now().Add(25 * time.Hour) }
	}
	for range 3 {
		for _, d := range desks {
			d.sync()
		}
	}
	want := journeytest.File(t, desks[0].workspace())
	for i, d := range desks[1:] {
		if got := journeytest.File(t, d.workspace()); !bytes.Equal(got, want) {
			t.Fatalf("after %d edits and a full sync desk %d holds another workspace than desk 0:\n%s", made, i+1, diffLines(want, got))
		}
		if waiting, _, _ := d.store.ShareState(); waiting != 0 {
			t.Errorf("desk %d: %d changes still wait", i+1, waiting)
		}
	}
	if err := journey.Validate(desks[0].workspace()); err != nil {
		t.Errorf("the converged workspace is not valid: %v", err)
	}
	for i, d := range desks {
		_, conflicts, err := d.store.ShareState()
		if err != nil {
			t.Fatal(err)
		}
		if lost := book.lost(mustFacts(d.workspace()), conflicts); len(lost) > 0 {
			t.Errorf("desk %d: %d values saved by an edit are neither in the workspace nor in a conflict:\n%s",
				i, len(lost), strings.Join(lost[:min(len(lost), 20)], "\n"))
		}
	}
	t.Logf("%d edits made on three desks converged", made)
}

func indexOf(desks []*desk, d *desk) int {
	for i := range desks {
		if desks[i] == d {
			return i
		}
	}
	return -1
}

// isRefusal reports whether err is a rule of the domain refusing the edit drawn (a name
// taken, an item gone): the desk's user would be told and go on.
func isRefusal(err error) bool {
	var v *journey.ValidationError
	return errorsAs(err, &v) || errorsIs(err, journey.ErrConflict)
}

// diffLines is the first lines where a and b differ, for a failure's message.
func diffLines(a, b []byte) string {
	al, bl := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := 0; i < len(al) && i < len(bl); i++ {
		if !bytes.Equal(al[i], bl[i]) {
			return fmt.Sprintf("line %d:\n  %s\n  %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("one is %d lines, the other %d", len(al), len(bl))
}

// today is the date the random pain points are found on.
var today = time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)

var (
	errorsAs = errors.As
	errorsIs = errors.Is
)

// TestNothingTypedIsLostToADelete: a card added on one desk to a journey another desk deleted
// meanwhile brings the journey back on both, holding the card.
func TestNothingTypedIsLostToADelete(t *testing.T) {
	desks := sharedDesks(t, 1)
	ana, ben := desks[0], desks[1]
	j := ana.workspace().Journeys[1]
	ana.edit(func(w *journey.Workspace) (journey.Edit, error) { return journey.Remove[journey.Journey](w, "", j.ID) })
	ben.edit(func(w *journey.Workspace) (journey.Edit, error) {
		return journey.Put(w, j.ID, journey.Card{ID: "c-late", Stage: j.Stages[0].ID, Lane: j.Lanes[0].ID, Text: "Typed as it went"}, -1)
	})
	ana.sync()
	ben.sync()
	ana.sync()
	ben.sync()
	sameEverywhere(t, desks)
	back := ana.workspace().Journey(j.ID)
	if back == nil || journey.Index(back.Cards, "c-late") < 0 {
		t.Fatalf("the card typed into a journey deleted meanwhile is lost: journey back %v", back != nil)
	}
	if err := journey.Validate(ana.workspace()); err != nil {
		t.Errorf("the workspace after the restore is not valid: %v", err)
	}
	if _, conflicts, _ := ana.store.ShareState(); len(conflicts) == 0 {
		t.Error("the restored journey is not kept as a conflict")
	}
}
