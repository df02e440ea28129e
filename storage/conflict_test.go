package storage

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

// TestATransactionThatMetAnotherIsRunAgain: a write whose read key another transaction
// changed before it committed (what the sync engine does to a shared store's conflicts and
// outbox under a commit) is run again and lands, instead of failing "Please retry".
func TestATransactionThatMetAnotherIsRunAgain(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "store"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	key := []byte("outbox/test")
	runs := 0
	err = s.updateRetrying(func(txn *badger.Txn) error {
		runs++
		if _, err := txn.Get(key); err != nil && !errors.Is(err, badger.ErrKeyNotFound) {
			return err
		}
		if runs == 1 { // another transaction changes what this one read, and commits first
			if err := s.db.Update(func(other *badger.Txn) error { return other.Set(key, []byte("theirs")) }); err != nil {
				return err
			}
		}
		return txn.Set([]byte("card"), []byte("mine"))
	})
	if err != nil || runs != 2 {
		t.Fatalf("got %v after %d runs, want the write to land on its second run", err, runs)
	}
	if got := string(s.Value(t, []byte("card"))); got != "mine" {
		t.Errorf("the store holds %q", got)
	}
}
