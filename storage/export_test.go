package storage

import "github.com/dgraph-io/badger/v4"

// What the external benchmarks need to write the same records as a commit, bare.

func (s *Store) DB() *badger.DB { return s.db }

func CardKey(journey, id string) []byte { return cardKey(journey, id) }

func UndoKey(seq uint64) []byte { return undoKey(seq) }
