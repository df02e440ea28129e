package storage

import (
	"testing"

	"github.com/dgraph-io/badger/v4"
)

// What the external benchmarks need to write the same records as a commit, bare.

func (s *Store) DB() *badger.DB { return s.db }

func CardKey(journey, id string) []byte { return cardKey(journey, id) }

func UndoKey(seq uint64) []byte { return undoKey(seq) }

// Value is what the store holds at key, for the tests; a key it lacks fails the test.
func (s *Store) Value(tb testing.TB, key []byte) []byte {
	tb.Helper()
	var v []byte
	if err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(key)
		if err == nil {
			v, err = item.ValueCopy(nil)
		}
		return err
	}); err != nil {
		tb.Fatalf("%s: %v", key, err)
	}
	return v
}
