package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"journeymap/journey"
	"journeymap/journey/journeytest"
)

// sharedTest is a store holding the sample that follows a shared workspace, with nothing
// waiting to be sent: as a desk is once it has sent everything.
func sharedTest(t *testing.T) (*Store, *journey.Workspace) {
	t.Helper()
	s := openTest(t)
	w := journeytest.Sample(t)
	if err := s.Replace(w); err != nil {
		t.Fatal(err)
	}
	if err := s.StartSharing(Share{Server: "nats://127.0.0.1:4222", Bucket: "returns", Member: "m-ana"}); err != nil {
		t.Fatal(err)
	}
	sendAll(t, s, time.Now())
	return s, w
}

// sendAll sends whatever waits, as if each put made the next revision of the bucket, and
// returns what was sent by key.
func sendAll(t *testing.T, s *Store, now time.Time) map[string]Outgoing {
	t.Helper()
	sent := map[string]Outgoing{}
	for {
		out, more, err := s.Outgoing(now, 50)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range out {
			rev := o.Rev + 1
			if err := s.Sent(o, rev); err != nil {
				t.Fatal(err)
			}
			sent[o.Key] = o
		}
		if !more {
			return sent
		}
	}
}

func commit(t *testing.T, s *Store, w *journey.Workspace, e journey.Edit) {
	t.Helper()
	if err := e.Apply(w); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(w, e.Touches(), HistoryStep{}); err != nil {
		t.Fatal(err)
	}
}

// TestAnEditIsQueuedWithIt: sharing queues every record the store holds; an edit then queues
// the records it wrote in its own transaction, a journey's delete its cards and pain points
// too; a store of its own queues nothing.
func TestAnEditIsQueuedWithIt(t *testing.T) {
	own := openTest(t)
	w := journeytest.Sample(t)
	if err := own.Replace(w); err != nil {
		t.Fatal(err)
	}
	commit(t, own, w, must(journey.RenameWorkspace{Before: w.Name, After: "Own"}, nil))
	if out, _, _ := own.Outgoing(time.Now(), 10); len(out) != 0 {
		t.Errorf("a store of its own queued %d records", len(out))
	}

	s, w := sharedTest(t)
	j := w.Journeys[0]
	c := j.Cards[0]
	c.Text = "Typed on this desk"
	commit(t, s, w, must(journey.Put(w, j.ID, c, -1)))
	sent := sendAll(t, s, time.Now())
	card, _ := WireKey(journey.Ref{Kind: journey.RefCard, Journey: j.ID, ID: c.ID})
	if len(sent) != 1 || sent[card].Value == nil {
		t.Fatalf("an edit of one card sent %d records; want its own", len(sent))
	}
	var env Envelope
	if err := json.Unmarshal(sent[card].Value, &env); err != nil || env.By != "m-ana" || !strings.Contains(string(env.Record), "Typed on this desk") {
		t.Errorf("sent %s (%v); want the card, by the desk's member", sent[card].Value, err)
	}
	if sent[card].Rev == 0 {
		t.Error("the card was sent as new, though the bucket has it")
	}

	n := len(w.Journeys[1].Cards) + len(w.Journeys[1].PainPoints)
	commit(t, s, w, must(journey.Remove[journey.Journey](w, "", w.Journeys[1].ID)))
	sent = sendAll(t, s, time.Now())
	deletes := 0
	for _, o := range sent {
		if o.Value == nil {
			deletes++
		}
	}
	if deletes != n+1 {
		t.Errorf("deleting a journey of %d cards and pain points sent %d deletes; want them and the journey's", n, deletes)
	}

	if err := s.StopSharing(); err != nil {
		t.Fatal(err)
	}
	commit(t, s, w, must(journey.RenameWorkspace{Before: w.Name, After: "Unshared"}, nil))
	if out, _, _ := s.Outgoing(time.Now(), 10); len(out) != 0 {
		t.Errorf("after unsharing %d records are queued", len(out))
	}
}

// TestSentClearsOnlyWhatWasSent: a record changed again while its last change was on the
// way stays queued, with the new change.
func TestSentClearsOnlyWhatWasSent(t *testing.T) {
	s, w := sharedTest(t)
	j := w.Journeys[0]
	c := j.Cards[0]
	c.Text = "first"
	commit(t, s, w, must(journey.Put(w, j.ID, c, -1)))
	out, _, err := s.Outgoing(time.Now(), 10)
	if err != nil || len(out) != 1 {
		t.Fatalf("%d queued, %v", len(out), err)
	}
	c.Text = "second"
	commit(t, s, w, must(journey.Put(w, j.ID, c, -1)))
	if err := s.Sent(out[0], out[0].Rev+1); err != nil {
		t.Fatal(err)
	}
	again, _, _ := s.Outgoing(time.Now(), 10)
	if len(again) != 1 || !strings.Contains(string(again[0].Value), "second") || again[0].Rev != out[0].Rev+1 {
		t.Fatalf("after the first change was sent: %d queued; want the second, on the revision sent", len(again))
	}
}

// TestAPulseWaitsPartOfADay: a pulse answer is sent no sooner than a random part of a day
// after it was given, with nobody and no time on it.
func TestAPulseWaitsPartOfADay(t *testing.T) {
	s, w := sharedTest(t)
	now := time.Now()
	commit(t, s, w, must(journey.Put(w, "", journey.Pulse{ID: "pulse-x", Date: "2026-12-02", Risk: 3, Dialogue: 3, Help: 3, Inclusion: 3}, -1)))
	if out, _, _ := s.Outgoing(now, 10); len(out) != 0 {
		t.Fatalf("the pulse was ready to send at once")
	}
	if waiting, _, _ := s.ShareState(); waiting != 0 {
		t.Errorf("a pulse held back counts as %d changes waiting; it goes when due, not stuck", waiting)
	}
	out, _, _ := s.Outgoing(now.Add(24*time.Hour), 10)
	if len(out) != 1 {
		t.Fatalf("a day later %d records are ready; want the pulse", len(out))
	}
	var env Envelope
	json.Unmarshal(out[0].Value, &env)
	if env.By != "" || env.At != "" || !strings.HasPrefix(out[0].Key, "pulse.") {
		t.Errorf("the pulse goes as %s under %q; want no member and no time", out[0].Value, out[0].Key)
	}
}

// remote is what another desk's change of the card looks like in the bucket.
func remote(t *testing.T, key string, rev uint64, by string, c journey.Card) Incoming {
	t.Helper()
	rec, err := encode(cardRecord{SchemaVersion, c})
	if err != nil {
		t.Fatal(err)
	}
	v, _ := json.Marshal(Envelope{Record: rec, By: by, At: "2026-12-02T10:00:00Z"})
	return Incoming{Key: key, Value: v, Rev: rev}
}

// TestReceiveMergesFieldByField: another desk's change of a record with nothing waiting here
// becomes the record; with a change waiting here, different fields both stand and the same
// field changed both ways is a conflict naming both values and who made them, the merged
// record waiting to go out. What was taken already is skipped.
func TestReceiveMergesFieldByField(t *testing.T) {
	s, w := sharedTest(t)
	j := w.Journeys[0]
	c := j.Cards[0]
	key, _ := WireKey(journey.Ref{Kind: journey.RefCard, Journey: j.ID, ID: c.ID})
	last, _ := s.LastRevision()
	rev := uint64(100)

	theirs := c
	theirs.Text = "Changed on Ben's desk"
	got, err := s.Receive([]Incoming{remote(t, key, rev, "m-ben", theirs)})
	if err != nil || len(got.Refs) != 1 {
		t.Fatalf("receive: %+v, %v", got, err)
	}
	if l, _ := s.LastRevision(); l != rev || l <= last {
		t.Errorf("the last revision taken is %d, want %d", l, rev)
	}
	cardNow := func() journey.Card {
		ws, err := s.Load()
		if err != nil {
			t.Fatal(err)
		}
		cs := ws.Journey(j.ID).Cards
		return cs[journey.Index(cs, c.ID)]
	}
	if cardNow().Text != theirs.Text {
		t.Fatalf("the card reads %q", cardNow().Text)
	}
	if again, _ := s.Receive([]Incoming{remote(t, key, rev, "m-ben", theirs)}); len(again.Refs) != 0 {
		t.Error("a revision taken already changed the store again")
	}

	// Here the colour, there the lane: both stand.
	ours := cardNow()
	ours.Color = "red"
	commit(t, s, w, must(journey.Put(w, j.ID, ours, -1)))
	theirs.Lane = j.Lanes[1].ID
	rev++
	if _, err := s.Receive([]Incoming{remote(t, key, rev, "m-ben", theirs)}); err != nil {
		t.Fatal(err)
	}
	if got := cardNow(); got.Color != "red" || got.Lane != j.Lanes[1].ID || got.Text != theirs.Text {
		t.Errorf("merged: %+v; want our colour and their lane", got)
	}
	out, _, _ := s.Outgoing(time.Now(), 10)
	if len(out) != 1 || out[0].Rev != rev {
		t.Fatalf("after the merge %d records wait; want the card, on revision %d", len(out), rev)
	}

	// The text, both ways: a conflict.
	ours = cardNow()
	ours.Text = "Ana's words"
	w2, _ := s.Load()
	commit(t, s, w2, must(journey.Put(w2, j.ID, ours, -1)))
	theirs = cardNow()
	theirs.Text = "Ben's words"
	rev++
	if _, err := s.Receive([]Incoming{remote(t, key, rev, "m-ben", theirs)}); err != nil {
		t.Fatal(err)
	}
	out, _, _ = s.Outgoing(time.Now(), 10)
	var env Envelope
	if len(out) != 1 || json.Unmarshal(out[0].Value, &env) != nil || len(env.Conflicts) != 1 {
		t.Fatalf("after both changed the text: %d waiting, conflicts %+v", len(out), env.Conflicts)
	}
	cf := env.Conflicts[0]
	bys := []string{cf.Values[0].By, cf.Values[1].By}
	if cf.Field != "text" || !slices.Equal(bys, []string{"m-ana", "m-ben"}) ||
		!strings.Contains(string(cf.Values[0].Value), "Ana") || !strings.Contains(string(cf.Values[1].Value), "Ben") {
		t.Errorf("conflict %+v; want the text, with Ana's and Ben's words and who wrote them", cf)
	}
	if got := cardNow().Text; got != "Ben's words" {
		t.Errorf("the provisional text is %q; want the one that sorts last, the same on every desk", got)
	}

	// A person writing the text here settles it: no conflict left, none sent.
	settled := cardNow()
	settled.Text = "Agreed words"
	w3, _ := s.Load()
	commit(t, s, w3, must(journey.Put(w3, j.ID, settled, -1)))
	if _, conflicts, _ := s.ShareState(); len(conflicts) != 0 {
		t.Errorf("after the text was written here %d conflicts stand", len(conflicts))
	}
	out, _, _ = s.Outgoing(time.Now(), 10)
	env = Envelope{}
	if len(out) != 1 || json.Unmarshal(out[0].Value, &env) != nil || len(env.Conflicts) != 0 {
		t.Errorf("the settled card goes out with conflicts %+v", env.Conflicts)
	}
}

// TestBadValuesAreSetAside: a value that is no record, of a newer Journeymap, or under a key
// naming another record is set aside and named; the store is unchanged by it and the rest of
// the batch is taken.
func TestBadValuesAreSetAside(t *testing.T) {
	s, w := sharedTest(t)
	j := w.Journeys[0]
	before := loaded(t, s)
	key := func(id string) string {
		k, _ := WireKey(journey.Ref{Kind: journey.RefCard, Journey: j.ID, ID: id})
		return k
	}
	good := j.Cards[1]
	good.Text = "fine"
	newer, _ := json.Marshal(Envelope{Record: json.RawMessage(`{"schema":99,"id":"c-x"}`)})
	got, err := s.Receive([]Incoming{
		{Key: "nothing.of.ours", Value: []byte(`{}`), Rev: 200},
		{Key: key("c-x"), Value: []byte(`not json`), Rev: 201},
		{Key: key("c-x"), Value: newer, Rev: 202},
		remote(t, key("c-other"), 203, "m-ben", j.Cards[0]),
		remote(t, key(good.ID), 204, "m-ben", good),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.SetAside) != 4 || len(got.Refs) != 1 {
		t.Fatalf("set aside %q, changed %v; want four set aside and the good card taken", got.SetAside, got.Refs)
	}
	w2, _ := s.Load()
	w2cards := w2.Journey(j.ID).Cards
	if w2cards[journey.Index(w2cards, good.ID)].Text != "fine" {
		t.Error("the good card was not taken")
	}
	good.Text = j.Cards[1].Text
	back := must(journey.Put(w2, j.ID, good, -1))
	if err := back.Apply(w2); err != nil {
		t.Fatal(err)
	}
	if string(journeytest.File(t, w2)) != string(before) {
		t.Error("the bad values changed the workspace")
	}
}

// TestARecordTooBigToShareIsRefusedAtTheEdit: an edit that makes a record bigger than the
// shared workspace's server takes is refused with a message naming it, and nothing is stored
// or queued.
func TestARecordTooBigToShareIsRefusedAtTheEdit(t *testing.T) {
	s := openTest(t)
	w := journeytest.Sample(t)
	if err := s.Replace(w); err != nil {
		t.Fatal(err)
	}
	if err := s.StartSharing(Share{Server: "nats://x", Bucket: "b", MaxValue: 2 << 10}); err != nil {
		t.Fatal(err)
	}
	sendAll(t, s, time.Now())
	before := loaded(t, s)
	j := w.Journeys[0]
	c := j.Cards[0]
	c.Text = strings.Repeat("long ", 600)
	e := must(journey.Put(w, j.ID, c, -1))
	if err := e.Apply(w); err != nil {
		t.Fatal(err)
	}
	err := s.Commit(w, e.Touches(), HistoryStep{})
	if !errors.Is(err, ErrTooBigToShare) || !strings.Contains(err.Error(), "card") || !strings.Contains(err.Error(), "takes at most 2 KiB") {
		t.Fatalf("a 3 KiB card on a server taking 2 KiB: %v", err)
	}
	if !bytes.Equal(loaded(t, s), before) {
		t.Error("the refused edit changed the store")
	}
	if out, _, _ := s.Outgoing(time.Now(), 10); len(out) != 0 {
		t.Errorf("the refused edit queued %d records", len(out))
	}
}
