//go:build unix

package sharing

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"journeymap/journey"
	"journeymap/journey/journeytest"
	"journeymap/storage"
	"journeymap/storage/document"
)

// benchDoc is a document on a new store holding ws.
func benchDoc(b *testing.B, ws *journey.Workspace) *document.Document {
	b.Helper()
	s, err := storage.Open(filepath.Join(b.TempDir(), "store"))
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Replace(ws); err != nil {
		b.Fatal(err)
	}
	d, err := document.New(s)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { d.Close() })
	return d
}

// lockedReceive hands what comes in to the document under mu, as the app hands it to its UI
// goroutine: the document is used by one goroutine at a time.
func lockedReceive(mu *sync.Mutex, d *document.Document) Receiver {
	return func(in []storage.Incoming) (storage.Received, error) {
		mu.Lock()
		defer mu.Unlock()
		return d.Receive(in)
	}
}

// BenchmarkSharedEdit is one card's text changed through the document on a store of its own
// and on a shared one whose Live sends it meanwhile, in turn, on the big task force's workspace;
// it reports the median of each, their ratio, and how long the change took from being made
// durable on the shared desk to a second desk's document telling its watchers (p50, p99), on
// loopback.
func BenchmarkSharedEdit(b *testing.B) {
	ns := benchServer(b)
	ctx := context.Background()
	own := benchDoc(b, journeytest.Force())
	shared := benchDoc(b, journeytest.Force())
	if err := Share(ctx, shared.Store(), storage.Share{Server: ns, Bucket: "bench", Member: "m1"}); err != nil {
		b.Fatal(err)
	}
	e, err := Connect(ctx, shared.Store(), nil)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := e.SyncOnce(ctx); err != nil {
		b.Fatal(err)
	}
	e.Close()
	other, err := storage.Open(filepath.Join(b.TempDir(), "other"))
	if err != nil {
		b.Fatal(err)
	}
	if err := Join(ctx, other, storage.Share{Server: ns, Bucket: "bench", Member: "m2"}); err != nil {
		b.Fatal(err)
	}
	if e, err = Connect(ctx, other, nil); err != nil {
		b.Fatal(err)
	}
	if _, err := e.SyncOnce(ctx); err != nil {
		b.Fatal(err)
	}
	e.Close()
	otherDoc, err := document.New(other)
	if err != nil {
		b.Fatal(err)
	}
	defer otherDoc.Close()

	var mu, otherMu sync.Mutex
	arrived := make(chan time.Time, 1)
	otherDoc.Watch(func(c document.Change) {
		if c.Kind == document.Received && c.Touches(journey.RefCard, "j25", "c200") {
			select {
			case arrived <- time.Now():
			default:
			}
		}
	})
	liveShared := Start(shared.Store(), lockedReceive(&mu, shared), nil)
	defer liveShared.Stop()
	liveOther := Start(other, lockedReceive(&otherMu, otherDoc), nil)
	defer liveOther.Stop()
	stop := shared.Watch(func(c document.Change) { liveShared.Kick() })
	defer stop()

	texts := []string{"Pays at checkout", "Pays by card at checkout"}
	edit := func(d *document.Document, lock *sync.Mutex, i int) {
		lock.Lock()
		defer lock.Unlock()
		c := d.Workspace().Journey("j25").Cards[200]
		c.Text = fmt.Sprintf("%s %d", texts[i%2], i)
		e, err := journey.Put(d.Workspace(), "j25", c, -1)
		if err == nil {
			err = d.Do(e)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	var ownMu sync.Mutex
	var owns, shareds, lags []time.Duration
	i := 0
	for b.Loop() {
		i++
		// In turn first and second, so that what the last round left running in the
		// background (the other desk taking the change in) weighs on both alike.
		var t2 time.Time
		if i%2 == 0 {
			t0 := time.Now()
			edit(own, &ownMu, i)
			t1 := time.Now()
			edit(shared, &mu, i)
			t2 = time.Now()
			owns, shareds = append(owns, t1.Sub(t0)), append(shareds, t2.Sub(t1))
		} else {
			t0 := time.Now()
			edit(shared, &mu, i)
			t2 = time.Now()
			edit(own, &ownMu, i)
			owns, shareds = append(owns, time.Since(t2)), append(shareds, t2.Sub(t0))
		}
		select {
		case at := <-arrived:
			lags = append(lags, at.Sub(t2))
		case <-time.After(10 * time.Second):
			b.Fatal("the change did not reach the other desk within 10 s")
		}
	}
	// Medians: a round now and then meets Badger's compaction or the collector, which say
	// nothing of what sharing costs.
	own50, shared50 := median(owns), median(shareds)
	b.ReportMetric(float64(own50.Nanoseconds()), "own-ns/edit")
	b.ReportMetric(float64(shared50.Nanoseconds()), "shared-ns/edit")
	b.ReportMetric(float64(shared50)/float64(own50), "ratio")
	slices.Sort(lags)
	b.ReportMetric(float64(lags[len(lags)/2].Microseconds())/1e3, "p50-ms/arrival")
	b.ReportMetric(float64(lags[len(lags)*99/100].Microseconds())/1e3, "p99-ms/arrival")
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// BenchmarkShareAndJoin shares the big task force's workspace (50 journeys, 20,000 cards, 5,000
// pain points) and joins a second store to it, reporting the seconds each took and the
// process's peak RSS.
func BenchmarkShareAndJoin(b *testing.B) {
	ns := benchServer(b)
	ctx := context.Background()
	n := 0
	var shareTime, joinTime time.Duration
	for b.Loop() {
		n++
		bucket := fmt.Sprintf("force%d", n)
		s, err := storage.Open(filepath.Join(b.TempDir(), "share"))
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Replace(journeytest.Force()); err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		if err := Share(ctx, s, storage.Share{Server: ns, Bucket: bucket}); err != nil {
			b.Fatal(err)
		}
		syncAll(b, s)
		t1 := time.Now()
		j, err := storage.Open(filepath.Join(b.TempDir(), "join"))
		if err != nil {
			b.Fatal(err)
		}
		if err := Join(ctx, j, storage.Share{Server: ns, Bucket: bucket}); err != nil {
			b.Fatal(err)
		}
		syncAll(b, j)
		t2 := time.Now()
		shareTime, joinTime = shareTime+t1.Sub(t0), joinTime+t2.Sub(t1)
		w, err := j.Load()
		if err != nil || len(w.Journeys) != 50 {
			b.Fatalf("the joined store: %v", err)
		}
		s.Close()
		j.Close()
	}
	b.ReportMetric(shareTime.Seconds()/float64(n), "share-s")
	b.ReportMetric(joinTime.Seconds()/float64(n), "join-s")
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	b.ReportMetric(float64(ru.Maxrss)/1024, "peak-rss-MiB")
}

func syncAll(b *testing.B, s *storage.Store) {
	b.Helper()
	e, err := Connect(context.Background(), s, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	for {
		if _, err := e.SyncOnce(context.Background()); err != nil {
			b.Fatal(err)
		}
		if waiting, _, _ := s.ShareState(); waiting == 0 {
			return
		}
	}
}
