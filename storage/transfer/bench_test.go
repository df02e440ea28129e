package transfer

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"journeymap/journey"
	"journeymap/journey/journeytest"
)

// BenchmarkImport imports a workspace of 50 journeys and 20,000 cards and pain points into a
// new store, as journeymap import does (checked, written, read back and compared, swapped in),
// against a bare Badger, its defaults with synced writes, writing the same records into a new
// directory in one batch; it reports both and their ratio. The two alternate, so that both
// meet the same state of the machine's disk; the ratio's median and spread are of pairs.
func BenchmarkImport(b *testing.B) {
	w := fiftyJourneys()
	first := filepath.Join(b.TempDir(), "store")
	if _, err := Import(first, w, false, time.Now()); err != nil {
		b.Fatal(err)
	}
	records := storeRecords(b, first)
	b.ResetTimer()
	var ratios []float64
	var imported, bare time.Duration
	for range max(b.N, 8) { // at least 8 pairs for the median and the spread
		dir := b.TempDir()
		t0 := time.Now()
		if _, err := Import(filepath.Join(dir, "store"), w, false, time.Now()); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		bareBatch(b, filepath.Join(dir, "bare"), records)
		t2 := time.Now()
		imported, bare = imported+t1.Sub(t0), bare+t2.Sub(t1)
		ratios = append(ratios, float64(t1.Sub(t0))/float64(t2.Sub(t1)))
	}
	slices.Sort(ratios)
	n := float64(len(ratios))
	b.ReportMetric(float64(len(records)), "records")
	b.ReportMetric(imported.Seconds()*1e3/n, "import-ms")
	b.ReportMetric(bare.Seconds()*1e3/n, "bare-ms")
	b.ReportMetric(ratios[len(ratios)/2], "ratio-median")
	b.ReportMetric(ratios[0], "ratio-min")
	b.ReportMetric(ratios[len(ratios)-1], "ratio-max")
}

// fiftyJourneys is 50 journeys of 10 stages and 9 lanes with 5 items in each cell but the
// emotion lane's: 400 cards and pain points a journey, 20,000 in all.
func fiftyJourneys() *journey.Workspace {
	w := &journey.Workspace{Name: "Fifty journeys"}
	for k := range 50 {
		big, j := journeytest.Big(10, 9, 5)
		w.Members = big.Members
		j.ID = fmt.Sprintf("j%02d", k)
		j.Title = fmt.Sprintf("Journey %d", k+1)
		w.Journeys = append(w.Journeys, *j)
	}
	return w
}

type record struct{ key, value []byte }

// storeRecords are every key and value a store holds.
func storeRecords(b *testing.B, dir string) []record {
	db, err := badger.Open(badger.DefaultOptions(dir).WithReadOnly(true).WithLoggingLevel(badger.ERROR))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var all []record
	err = db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.DefaultIteratorOptions)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			all = append(all, record{it.Item().KeyCopy(nil), v})
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return all
}

// bareBatch writes records into a new Badger at dir in one batch, synced, and closes it.
func bareBatch(b *testing.B, dir string, records []record) {
	db, err := badger.Open(badger.DefaultOptions(dir).WithSyncWrites(true).WithLoggingLevel(badger.ERROR))
	if err != nil {
		b.Fatal(err)
	}
	wb := db.NewWriteBatch()
	for _, r := range records {
		if err := wb.Set(r.key, r.value); err != nil {
			b.Fatal(err)
		}
	}
	if err := wb.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
}
