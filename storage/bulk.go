package storage

import (
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"

	"journeymap/journey"
)

// A commit too big for one Badger transaction (an import of a big spreadsheet, its undo) is
// written in several, and must still be all or nothing. Before it writes anything it keeps,
// in a journal, what each key it will write holds; then it writes, and its last transaction
// takes the journal's mark away with the history step. A store found with the mark (a kill,
// a full disk, a failed write) is put back from the journal before anything reads it.
const (
	// keyBulk holds a bulkMark while a journal stands: the commit may have written part.
	keyBulk = "meta/bulk"
	// prefixBulkWas holds the journal, in parts of a few hundred kilobytes.
	prefixBulkWas = "meta/bulk-was/"
)

func bulkPartKey(n int) []byte { return fmt.Appendf(nil, "%s%08d", prefixBulkWas, n) }

// bulkMark says how many parts the journal has.
type bulkMark struct {
	Schema int `json:"schema"`
	Parts  int `json:"parts"`
}

// bulkPart is a part of the journal: keys and what each held.
type bulkPart struct {
	Schema int        `json:"schema"`
	Keys   []bulkWasK `json:"keys"`
}

type bulkWasK struct {
	Key   []byte `json:"k"`
	Value []byte `json:"v,omitempty"` // nil: the key was not there
}

// bulkRefs is how many records a commit writes before it goes the bulk way at once rather
// than try one transaction first; bulkChunk is how many it encodes at a time.
const (
	bulkRefs  = 2000
	bulkChunk = 1000
	// bulkPartBytes is about how big a part of the journal is.
	bulkPartBytes = 512 << 10
)

// commitBulk is Commit for an edit too big for one transaction. It holds the store alone
// throughout: the sender must not send half of it, which a kill would then take back here.
func (s *Store) commitBulk(w *journey.Workspace, refs []journey.Ref, h HistoryStep) error {
	s.alone.Lock()
	defer s.alone.Unlock()
	if err := s.checkWrite(nil); err != nil {
		return err
	}
	m, err := s.marksFor(time.Now())
	if err != nil {
		return err
	}
	history, err := historyOps(h)
	if err != nil {
		return err
	}
	if err := s.writeJournal(s.keysWritten(w, refs, m != nil, history)); err != nil {
		return err
	}
	err = s.writeBulk(w, refs, history, m)
	if err == nil {
		s.dropJournal()
		return nil
	}
	if rerr := s.rollBack(); rerr != nil {
		// Left with the mark, the store must take no other write: a later open puts back
		// what the journal holds, over whatever such a write would have made.
		s.broken.Store(&rerr)
		return fmt.Errorf("%w; and putting the store back failed: %v (it is put back when it is next opened)", err, rerr)
	}
	return err
}

// keysWritten calls fn with every key the commit may write, one at a time: the records, the
// children of a journey deleted, in a shared store what marks each record to be sent and its
// conflicts, and the history's. Listed whole, the keys of a million records would take what
// a sixth of the records do.
func (s *Store) keysWritten(w *journey.Workspace, refs []journey.Ref, shared bool, history []op) func(fn func([]byte) error) error {
	return func(fn func([]byte) error) error {
		add := func(k []byte) error {
			if err := fn(k); err != nil || !shared {
				return err
			}
			if err := fn(outboxKey(k)); err != nil {
				return err
			}
			return fn(conflictKey(k))
		}
		for _, r := range refs {
			k, err := recordKey(r)
			if err != nil {
				return err
			}
			if err := add(k); err != nil {
				return err
			}
			if r.Kind != journey.RefJourney || w.Journey(r.ID) != nil {
				continue
			}
			var children [][]byte
			_ = s.db.View(func(txn *badger.Txn) error {
				children = keysIn(txn, journeyChildren(r.ID))
				return nil
			})
			for _, c := range children {
				if err := add(c); err != nil {
					return err
				}
			}
		}
		for _, o := range history {
			if err := fn(o.key); err != nil {
				return err
			}
		}
		return nil
	}
}

// writeJournal keeps what each key holds now, then marks the journal as standing.
func (s *Store) writeJournal(keys func(fn func([]byte) error) error) error {
	parts := 0
	var part bulkPart
	size := 0
	flush := func() error {
		if len(part.Keys) == 0 {
			return nil
		}
		part.Schema = SchemaVersion
		v, err := encode(part)
		if err != nil {
			return err
		}
		key := bulkPartKey(parts)
		if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(key, v) }); err != nil {
			return wrapWrite(err)
		}
		parts++
		part.Keys, size = nil, 0
		return nil
	}
	txn := s.db.NewTransaction(false)
	defer func() { txn.Discard() }()
	read := 0
	err := keys(func(k []byte) error {
		// A read transaction sees the store as it was when it began: begun afresh now and
		// then, it holds no old versions for Badger to keep.
		if read++; read%50_000 == 0 {
			txn.Discard()
			txn = s.db.NewTransaction(false)
		}
		was, err := valueOf(txn, k)
		if err != nil {
			return err
		}
		part.Keys = append(part.Keys, bulkWasK{Key: k, Value: was})
		if size += len(k) + len(was) + 16; size >= bulkPartBytes {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := flush(); err != nil {
		return err
	}
	mark, err := encode(bulkMark{Schema: SchemaVersion, Parts: parts})
	if err != nil {
		return err
	}
	return wrapWrite(s.db.Update(func(txn *badger.Txn) error { return txn.Set([]byte(keyBulk), mark) }))
}

// writeBulk writes the records as w holds them, a chunk at a time, in as many transactions as
// they take; the last one holds the history step and takes the journal's mark away.
func (s *Store) writeBulk(w *journey.Workspace, refs []journey.Ref, history []op, m *marks) error {
	ix := newRecordIndex()
	parts := s.inParts(m)
	defer parts.discard()
	var ops []op
	for start := 0; start < len(refs); start += bulkChunk {
		ops = ops[:0]
		for _, r := range refs[start:min(start+bulkChunk, len(refs))] {
			var err error
			if ops, err = recordOps(ops, w, r, ix); err != nil {
				return err
			}
		}
		if err := s.checkWrite(ops); err != nil {
			return err
		}
		if err := s.checkShareable(ops); err != nil {
			return err
		}
		for _, o := range ops {
			if err := parts.put(o); err != nil {
				return err
			}
		}
	}
	for _, o := range append(history, op{key: []byte(keyBulk)}) {
		if err := parts.put(o); err != nil {
			return err
		}
	}
	// The mark's delete must be in the last transaction, with what it ends.
	return parts.commit()
}

// rollBack puts back what the journal holds, if a journal stands, and then removes it. Cut
// off at any point, it can be run again.
func (s *Store) rollBack() error {
	var mark bulkMark
	var found bool
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		found, err = get(txn, []byte(keyBulk), &mark)
		return err
	})
	if err != nil {
		return err
	}
	if !found {
		s.dropJournal()
		return nil
	}
	wb := s.db.NewWriteBatch()
	defer wb.Cancel()
	for n := range mark.Parts {
		var part bulkPart
		var ok bool
		if err := s.db.View(func(txn *badger.Txn) error {
			var err error
			ok, err = get(txn, bulkPartKey(n), &part)
			return err
		}); err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("%w: part %d of the journal of a big edit cut off is missing", ErrDamaged, n)
		}
		for _, k := range part.Keys {
			if k.Value == nil {
				err = wb.Delete(k.Key)
			} else {
				err = wb.Set(k.Key, k.Value)
			}
			if err != nil {
				return wrapWrite(err)
			}
		}
	}
	if err := wb.Flush(); err != nil {
		return wrapWrite(err)
	}
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Delete([]byte(keyBulk)) }); err != nil {
		return wrapWrite(err)
	}
	s.dropJournal()
	return nil
}

// halfWritten reports whether a journal stands: a read-only open must then read a private
// copy, put back there.
func (s *Store) halfWritten() bool {
	return s.db.View(func(txn *badger.Txn) error {
		_, err := txn.Get([]byte(keyBulk))
		return err
	}) == nil
}

// dropJournal removes the journal's parts once no mark stands for them. What it leaves, on
// a failure, is removed at the next open.
func (s *Store) dropJournal() {
	var keys [][]byte
	_ = s.db.View(func(txn *badger.Txn) error {
		keys = keysIn(txn, []byte(prefixBulkWas))
		return nil
	})
	if len(keys) == 0 {
		return
	}
	wb := s.db.NewWriteBatch()
	defer wb.Cancel()
	for _, k := range keys {
		if wb.Delete(k) != nil {
			return
		}
	}
	_ = wb.Flush()
}

// recordIndex finds a journey's cards and pain points by id at one look-up each, for a commit
// of many records. A nil one looks through the list, which costs less for a record or two.
type recordIndex struct {
	cards    map[string]*itemIndex
	pains    map[string]*itemIndex
	journeys map[string]*journey.Journey
}

// itemIndex finds the items of one journey's list by id: first at the place after the one
// found last, as an import's records come in the list's order; else by a look through the
// list, for the first few, and then by a map of the list. The map of a million pain points
// would be a tenth of their memory.
type itemIndex struct {
	next   int
	missed int
	at     map[string]int
}

// scansBeforeMap is how many items an itemIndex finds by a look through the list before it
// makes the map.
const scansBeforeMap = 8

func newRecordIndex() *recordIndex {
	return &recordIndex{cards: map[string]*itemIndex{}, pains: map[string]*itemIndex{}, journeys: map[string]*journey.Journey{}}
}

func (ix *recordIndex) journey(w *journey.Workspace, id string) *journey.Journey {
	if ix == nil {
		return w.Journey(id)
	}
	j, ok := ix.journeys[id]
	if !ok {
		j = w.Journey(id)
		ix.journeys[id] = j
	}
	return j
}

func (ix *recordIndex) card(w *journey.Workspace, journeyID, id string) (journey.Card, bool) {
	j := ix.journey(w, journeyID)
	if j == nil {
		return journey.Card{}, false
	}
	var lists map[string]*itemIndex
	if ix != nil {
		lists = ix.cards
	}
	return lookUp(lists, journeyID, j.Cards, id, func(c *journey.Card) string { return c.ID })
}

func (ix *recordIndex) pain(w *journey.Workspace, journeyID, id string) (journey.PainPoint, bool) {
	j := ix.journey(w, journeyID)
	if j == nil {
		return journey.PainPoint{}, false
	}
	var lists map[string]*itemIndex
	if ix != nil {
		lists = ix.pains
	}
	return lookUp(lists, journeyID, j.PainPoints, id, func(p *journey.PainPoint) string { return p.ID })
}

// lookUp finds the item with the id in items, the journey's: by the index of its list in
// lists, made on first use, or when lists is nil by a look through them.
func lookUp[T journey.Item](lists map[string]*itemIndex, journeyID string, items []T, id string, idOf func(*T) string) (T, bool) {
	var zero T
	if lists == nil {
		if i := journey.Index(items, id); i >= 0 {
			return items[i], true
		}
		return zero, false
	}
	x := lists[journeyID]
	if x == nil {
		x = &itemIndex{}
		lists[journeyID] = x
	}
	i, ok := x.next, x.next < len(items) && idOf(&items[x.next]) == id
	if !ok && x.at == nil && x.missed < scansBeforeMap {
		x.missed++
		i = journey.Index(items, id)
		ok = i >= 0
	}
	if !ok {
		if x.at == nil {
			x.at = make(map[string]int, len(items))
			for i := range items {
				x.at[idOf(&items[i])] = i
			}
		}
		i, ok = x.at[id]
	}
	if !ok {
		return zero, false
	}
	x.next = i + 1
	return items[i], true
}
