package storage_test

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"journeymap/journey"
	"journeymap/storage"
	"journeymap/storage/document"
)

// bigWorkspace is 50 journeys of 8 stages × 5 lanes × 10 cards (20,000 cards) and 100 pain
// points each (5,000), with ten members.
func bigWorkspace() *journey.Workspace {
	w := &journey.Workspace{Name: "Big force"}
	for m := range 10 {
		w.Members = append(w.Members, journey.Member{ID: fmt.Sprintf("m%d", m), Name: fmt.Sprintf("Member %d", m), Capacity: 40})
	}
	for n := range 50 {
		j := journey.Journey{ID: fmt.Sprintf("j%02d", n), Title: fmt.Sprintf("Journey %d", n)}
		for s := range 8 {
			j.Stages = append(j.Stages, journey.Stage{ID: fmt.Sprintf("s%d", s), Name: fmt.Sprintf("Stage %d", s)})
		}
		for _, k := range journey.LaneKinds[:5] {
			j.Lanes = append(j.Lanes, journey.Lane{ID: string(k), Kind: k, Name: string(k)})
		}
		for i := range 400 {
			j.Cards = append(j.Cards, journey.Card{ID: fmt.Sprintf("c%03d", i), Lane: string(journey.LaneKinds[i%3]),
				Stage: fmt.Sprintf("s%d", i%8), Text: fmt.Sprintf("Card %d: the customer does something worth a line or two", i)})
		}
		for i := range 100 {
			j.PainPoints = append(j.PainPoints, journey.PainPoint{ID: fmt.Sprintf("p%03d", i), Stage: fmt.Sprintf("s%d", i%8),
				Title: "Something hurts", Discovery: journey.Unknown, Method: journey.MethodData, FoundBy: "m1",
				Severity: 3, Effort: 2, Owner: fmt.Sprintf("m%d", i%10), Status: journey.StatusOpen})
		}
		w.Journeys = append(w.Journeys, j)
	}
	return w
}

// BenchmarkCardEdit is one card's text changed and made durable through the document (the
// edit made, applied, the card and its undo entry committed, the history kept to its limit),
// against a bare synced Badger transaction writing the same records on the same store; it
// reports both and their ratio.
func BenchmarkCardEdit(b *testing.B) {
	s, err := storage.Open(filepath.Join(b.TempDir(), "store"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := s.Replace(bigWorkspace()); err != nil {
		b.Fatal(err)
	}
	d, err := document.New(s)
	if err != nil {
		b.Fatal(err)
	}
	texts := []string{"Pays at checkout", "Pays by card at checkout"}
	j := "j25"
	edit := func(i int) {
		c := d.Workspace().Journey(j).Cards[200]
		c.Text = texts[i%2]
		e, err := journey.Put(d.Workspace(), j, c, -1)
		if err != nil {
			b.Fatal(err)
		}
		if err := d.Do(e); err != nil {
			b.Fatal(err)
		}
	}
	// Past the history's limit, so that each edit also drops its oldest undo entry, as it
	// does in a long session.
	for i := range document.DefaultLimit + 1 {
		edit(i)
	}
	undo, _, err := s.History()
	if err != nil {
		b.Fatal(err)
	}
	card, entry := value(b, s, storage.CardKey(j, "c200")), value(b, s, storage.UndoKey(undo[len(undo)-1].Seq))
	// Keys as long as the history's, beside it, so that the document's history is left alone.
	key := func(n int) []byte { return fmt.Appendf(nil, "hist/b/%016x", n) }
	bare := func(n int) {
		err := s.DB().Update(func(txn *badger.Txn) error {
			if err := txn.Set(storage.CardKey(j, "c200"), card); err != nil {
				return err
			}
			if err := txn.Set(key(n), entry); err != nil {
				return err
			}
			return txn.Delete(key(n - document.DefaultLimit))
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	// The two alternate, so that both meet the same state of Badger's background work.
	var docTime, bareTime time.Duration
	i := 0
	for b.Loop() {
		i++
		t0 := time.Now()
		edit(i)
		t1 := time.Now()
		bare(i)
		docTime, bareTime = docTime+t1.Sub(t0), bareTime+time.Since(t1)
	}
	b.ReportMetric(float64(docTime.Nanoseconds())/float64(i), "document-ns/edit")
	b.ReportMetric(float64(bareTime.Nanoseconds())/float64(i), "bare-ns/edit")
	b.ReportMetric(float64(docTime)/float64(bareTime), "ratio")
}

func value(b *testing.B, s *storage.Store, key []byte) []byte {
	var v []byte
	if err := s.DB().View(func(txn *badger.Txn) error {
		item, err := txn.Get(key)
		if err != nil {
			return err
		}
		v, err = item.ValueCopy(nil)
		return err
	}); err != nil {
		b.Fatalf("%s: %v", key, err)
	}
	return v
}
