package storage

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"journeymap/journey"
)

// Errors a caller can tell apart with errors.Is.
var (
	// ErrInUse means another Journeymap has the store open.
	ErrInUse = errors.New("store is in use by another Journeymap")
	// ErrNewerSchema means a newer Journeymap wrote the store.
	ErrNewerSchema = errors.New("store was written by a newer Journeymap")
	// ErrDamaged means a record can't be read back.
	ErrDamaged = errors.New("store is damaged")
	// ErrIncomplete means a large import was cut off before it finished.
	ErrIncomplete = errors.New("the last import into this store did not finish; import the file again with -replace")
	// ErrNotStore means the directory holds other files and no store.
	ErrNotStore = errors.New("directory holds other files and is no Journeymap store")
	// ErrDiskFull means too little disk is left to write safely.
	ErrDiskFull = errors.New("too little free disk space to save safely")
)

// Store is an open workspace store. Its methods are safe for concurrent use.
type Store struct {
	db  *badger.DB
	dir string
}

// Open opens the store in dir, creating the directory and an empty store if needed.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("creating store directory: %w", err)
	}
	if err := checkStoreDir(dir); err != nil {
		return nil, err
	}
	db, err := badger.Open(options(dir))
	if err != nil {
		// Badger wraps the lock error with %+v, so errors.Is can't see EAGAIN: match its words.
		if strings.Contains(err.Error(), "Cannot acquire directory lock") {
			return nil, fmt.Errorf("%w: %s (close the other Journeymap first)", ErrInUse, dir)
		}
		return nil, fmt.Errorf("opening store %s: %w", dir, err)
	}
	s := &Store{db: db, dir: dir}
	if err := s.checkSchema(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// options sizes Badger for a desktop app: its defaults reserve hundreds of megabytes for
// server workloads. Every edit is synced so that an acknowledged edit survives a crash.
func options(dir string) badger.Options {
	return badger.DefaultOptions(dir).
		WithSyncWrites(true).
		WithMemTableSize(16 << 20).
		WithNumMemtables(2).
		WithValueLogFileSize(16 << 20).
		WithBlockCacheSize(16 << 20).
		WithIndexCacheSize(4 << 20).
		WithNumCompactors(2).
		WithLoggingLevel(badger.ERROR)
}

// checkStoreDir refuses a directory that holds files but no store, so that a mistyped
// -store never scatters Badger's files among someone's documents.
func checkStoreDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("reading store directory: %w", err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, "MANIFEST")); err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w; choose an empty or new directory", dir, ErrNotStore)
}

// checkSchema marks a new store with this build's schema, refuses a newer one by name, and
// migrates an older one, all in one transaction: a store is either wholly migrated or not.
func (s *Store) checkSchema() error {
	return s.db.Update(func(txn *badger.Txn) error {
		item, err := txn.Get([]byte(keySchema))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return setSchema(txn, SchemaVersion)
		}
		if err != nil {
			return fmt.Errorf("reading the store's schema: %w", err)
		}
		var rec schemaRecord
		if err := item.Value(func(v []byte) error { return decodeRecord(item.Key(), v, &rec) }); err != nil {
			return fmt.Errorf("%s: %w", s.dir, err)
		}
		if err := migrate(txn, rec.Schema); err != nil {
			return fmt.Errorf("%s: upgrading the store from schema %d: %w", s.dir, rec.Schema, err)
		}
		return nil
	})
}

// Dir is the directory the store lives in.
func (s *Store) Dir() string { return s.dir }

// Close flushes and closes the store, releasing its lock.
func (s *Store) Close() error { return s.db.Close() }

// Empty reports whether the store holds no workspace yet.
func (s *Store) Empty() (bool, error) {
	empty := true
	err := s.db.View(func(txn *badger.Txn) error {
		_, err := txn.Get([]byte(keyWorkspace))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		empty = false
		return err
	})
	return empty, err
}

// Load reads the whole workspace; an empty store gives an empty workspace.
func (s *Store) Load() (*journey.Workspace, error) {
	w := &journey.Workspace{}
	err := s.db.View(func(txn *badger.Txn) error {
		if _, err := txn.Get([]byte(keyIncomplete)); err == nil {
			return fmt.Errorf("%s: %w", s.dir, ErrIncomplete)
		}
		var ws workspaceRecord
		if found, err := get(txn, []byte(keyWorkspace), &ws); err != nil || !found {
			return err
		}
		w.Name = ws.Name
		for _, id := range ws.Members {
			var m memberRecord
			if found, err := get(txn, memberKey(id), &m); err != nil {
				return err
			} else if found {
				w.Members = append(w.Members, m.Member)
			}
		}
		if err := scan(txn, []byte(prefixPulse), func(key, v []byte) error {
			var p pulseRecord
			err := decodeRecord(key, v, &p)
			w.Pulses = append(w.Pulses, p.Pulse)
			return err
		}); err != nil {
			return err
		}
		journey.SortPulses(w.Pulses)
		for _, id := range ws.Journeys {
			j, found, err := loadJourney(txn, id)
			if err != nil {
				return err
			}
			if found {
				w.Journeys = append(w.Journeys, j)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return w, nil
}

func loadJourney(txn *badger.Txn, id string) (journey.Journey, bool, error) {
	var r journeyRecord
	found, err := get(txn, journeyKey(id), &r)
	if err != nil || !found {
		return journey.Journey{}, found, err
	}
	j := journey.Journey{ID: r.ID, Title: r.Title, Persona: r.Persona, Vision: r.Vision,
		Stages: r.Stages, Lanes: r.Lanes, Emotions: r.Emotions}
	cards, err := scanByID(txn, cardPrefix(id), func(c cardRecord) (string, journey.Card) { return c.ID, c.Card })
	if err != nil {
		return j, true, err
	}
	j.Cards = ordered(r.Cards, cards)
	pains, err := scanByID(txn, painPrefix(id), func(p painRecord) (string, journey.PainPoint) { return p.ID, p.PainPoint })
	if err != nil {
		return j, true, err
	}
	j.PainPoints = ordered(r.PainPoints, pains)
	return j, true, nil
}

// scanByID decodes every record under prefix and returns what item takes out of each, by id.
func scanByID[R, T any](txn *badger.Txn, prefix []byte, item func(R) (string, T)) (map[string]T, error) {
	out := map[string]T{}
	err := scan(txn, prefix, func(key, v []byte) error {
		var r R
		if err := decodeRecord(key, v, &r); err != nil {
			return err
		}
		id, it := item(r)
		out[id] = it
		return nil
	})
	return out, err
}

// ordered returns the items in the recorded order, then any the order list lacks by id,
// so that nothing stored is ever hidden by a stale order list.
func ordered[T any](order []string, items map[string]T) []T {
	out := make([]T, 0, len(items))
	for _, id := range order {
		if it, ok := items[id]; ok {
			out = append(out, it)
			delete(items, id)
		}
	}
	rest := make([]string, 0, len(items))
	for id := range items {
		rest = append(rest, id)
	}
	slices.Sort(rest)
	for _, id := range rest {
		out = append(out, items[id])
	}
	return out
}

func get(txn *badger.Txn, key []byte, v any) (bool, error) {
	item, err := txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("reading %q: %w", key, err)
	}
	return true, item.Value(func(val []byte) error { return decodeRecord(key, val, v) })
}

func scan(txn *badger.Txn, prefix []byte, each func(key, value []byte) error) error {
	it := txn.NewIterator(badger.DefaultIteratorOptions)
	defer it.Close()
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		item := it.Item()
		key := item.KeyCopy(nil)
		if err := item.Value(func(v []byte) error { return each(key, v) }); err != nil {
			return err
		}
	}
	return nil
}

// op is one key to set (value non-nil) or delete.
type op struct {
	key, value []byte
}

// Replace makes the store hold exactly w, after validating it whole: a workspace that fails
// leaves the store untouched. Pulses without an id are given one, in w too, and w's pulses
// are put in id order, as Load returns them. The undo history of the old workspace goes with it.
func (s *Store) Replace(w *journey.Workspace) error {
	if err := journey.Validate(w); err != nil {
		return err
	}
	keys, err := s.keysWithPrefix(nil)
	if err != nil {
		return err
	}
	var ops []op
	for _, k := range keys {
		if !bytes.HasPrefix(k, []byte("meta/")) {
			ops = append(ops, op{key: k})
		}
	}
	put := func(key []byte, v any) error {
		b, err := encode(v)
		ops = append(ops, op{key, b})
		return err
	}
	for _, m := range w.Members {
		if err := put(memberKey(m.ID), memberRecord{SchemaVersion, m}); err != nil {
			return err
		}
	}
	for i := range w.Pulses {
		p := &w.Pulses[i]
		if p.ID == "" {
			p.ID = journey.NewID("pulse")
		}
		if err := put(pulseKey(p.ID), pulseRecord{SchemaVersion, *p}); err != nil {
			return err
		}
	}
	journey.SortPulses(w.Pulses)
	for i := range w.Journeys {
		j := &w.Journeys[i]
		if err := put(journeyKey(j.ID), newJourneyRecord(j)); err != nil {
			return err
		}
		for _, c := range j.Cards {
			if err := put(cardKey(j.ID, c.ID), cardRecord{SchemaVersion, c}); err != nil {
				return err
			}
		}
		for _, p := range j.PainPoints {
			if err := put(painKey(j.ID, p.ID), painRecord{SchemaVersion, p}); err != nil {
				return err
			}
		}
	}
	if err := put([]byte(keyWorkspace), newWorkspaceRecord(w)); err != nil {
		return err
	}
	return s.write(ops)
}

func (s *Store) keysWithPrefix(prefix []byte) ([][]byte, error) {
	var keys [][]byte
	err := s.db.View(func(txn *badger.Txn) error {
		keys = keysIn(txn, prefix)
		return nil
	})
	return keys, err
}

// keysIn lists the keys under prefix as the transaction sees them, without reading values.
func keysIn(txn *badger.Txn, prefix []byte) [][]byte {
	opts := badger.DefaultIteratorOptions
	opts.PrefetchValues = false
	opts.Prefix = prefix
	it := txn.NewIterator(opts)
	defer it.Close()
	var keys [][]byte
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		keys = append(keys, it.Item().KeyCopy(nil))
	}
	return keys
}

// freeBytes reports the free disk space under a directory; tests replace it to act out a
// full disk.
var freeBytes = diskFree

// minFreeBytes is the space a write needs left over: Badger can leave a store that won't open
// when it runs out of disk mid-write, so we refuse well before that.
const minFreeBytes = 64 << 20

// checkSpace refuses a write when too little disk is left to make it safely.
func (s *Store) checkSpace() error {
	if free, err := freeBytes(s.dir); err == nil && free < minFreeBytes {
		return fmt.Errorf("%w: %d MiB left on the disk of %s", ErrDiskFull, free>>20, s.dir)
	}
	return nil
}

// write applies the ops in one transaction. A set too large for one (a big import) is written
// in several, with a marker that makes Load refuse the store until a later write completes.
func (s *Store) write(ops []op) error {
	if err := s.checkSpace(); err != nil {
		return err
	}
	err := s.db.Update(func(txn *badger.Txn) error {
		for _, o := range ops {
			if err := apply(txn, o); err != nil {
				return err
			}
		}
		return txn.Delete([]byte(keyIncomplete))
	})
	if !errors.Is(err, badger.ErrTxnTooBig) {
		return wrapWrite(err)
	}
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set([]byte(keyIncomplete), []byte(`{"schema":1}`)) }); err != nil {
		return wrapWrite(err)
	}
	txn := s.db.NewTransaction(true)
	defer func() { txn.Discard() }()
	for _, o := range ops {
		err := apply(txn, o)
		if errors.Is(err, badger.ErrTxnTooBig) {
			if err = txn.Commit(); err != nil {
				return wrapWrite(err)
			}
			txn = s.db.NewTransaction(true)
			err = apply(txn, o)
		}
		if err != nil {
			return wrapWrite(err)
		}
	}
	if err := txn.Commit(); err != nil {
		return wrapWrite(err)
	}
	return wrapWrite(s.db.Update(func(txn *badger.Txn) error { return txn.Delete([]byte(keyIncomplete)) }))
}

func apply(txn *badger.Txn, o op) error {
	if o.value == nil {
		return txn.Delete(o.key)
	}
	return txn.Set(o.key, o.value)
}

func wrapWrite(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("saving to the store: %w", err)
}
