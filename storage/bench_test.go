package storage_test

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"journeymap/journey"
	"journeymap/journey/journeytest"
	"journeymap/storage"
	"journeymap/storage/document"
)

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
	if err := s.Replace(journeytest.Force()); err != nil {
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
	card, entry := s.Value(b, storage.CardKey(j, "c200")), s.Value(b, storage.UndoKey(undo[len(undo)-1].Seq))
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
