package storage

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// migrations[v] turns a store of schema v into one of schema v+1 inside a transaction. Each
// one is frozen: it reads and writes the record shapes of its own two versions, never today's
// types, so that later changes to the types can't change what an old migration does.
var migrations = map[int]func(txn *badger.Txn) error{
	1: migrate1to2,
}

// migrate runs every migration from schema `from` up to SchemaVersion and records the result.
func migrate(txn *badger.Txn, from int) error {
	if from == SchemaVersion {
		return nil
	}
	for v := from; v < SchemaVersion; v++ {
		m := migrations[v]
		if m == nil {
			return fmt.Errorf("no migration from schema %d", v)
		}
		if err := m(txn); err != nil {
			return err
		}
	}
	return setSchema(txn, SchemaVersion)
}

func setSchema(txn *badger.Txn, v int) error {
	b, err := encode(schemaRecord{v})
	if err != nil {
		return err
	}
	return txn.Set([]byte(keySchema), b)
}

// migrate1to2 re-keys pulses: schema 1 kept them under "pulse/" and an 8-digit sequence
// number, which told in what order people answered; schema 2 gives each a random id, stored
// in the record and in the key.
func migrate1to2(txn *badger.Txn) error {
	prefix := []byte("pulse/")
	var keys [][]byte
	var values [][]byte
	if err := scan(txn, prefix, func(key, v []byte) error {
		keys = append(keys, key)
		values = append(values, append([]byte(nil), v...))
		return nil
	}); err != nil {
		return err
	}
	for i, key := range keys {
		var rec map[string]json.RawMessage
		if err := json.Unmarshal(values[i], &rec); err != nil {
			return fmt.Errorf("record %q is damaged: %w", key, err)
		}
		id := "pulse-" + randomHex(6)
		rec["id"], _ = json.Marshal(id)
		rec["schema"] = json.RawMessage("2")
		b, err := json.Marshal(rec)
		if err != nil {
			return err
		}
		if err := txn.Delete(key); err != nil {
			return err
		}
		if err := txn.Set([]byte("pulse/"+id), b); err != nil {
			return err
		}
	}
	return nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
