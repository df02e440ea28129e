package storage

import (
	"errors"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"

	"journeymap/journey"
)

// ErrTooBig means one edit would make a record bigger than the store takes.
var ErrTooBig = errors.New("the change is too big to save")

// HistoryEntry is one edit kept for undo or redo: its place in the order edits were made,
// the journey it is confined to ("" for the workspace), and the edit itself.
type HistoryEntry struct {
	Seq   uint64
	Scope string
	Edit  journey.Edit
}

// HistoryStep is how one step of a document changes the stored undo and redo stacks: the
// entries it pushes and the sequence numbers of those it takes off.
type HistoryStep struct {
	PushUndo, PushRedo []HistoryEntry
	DropUndo, DropRedo []uint64
}

// maxHistoryValue is the largest history entry kept. Badger refuses values near the value-log
// file size; an edit bigger than this (deleting a huge journey) is undoable until the app
// closes, and a barrier in its place tells a restart not to undo past it.
const maxHistoryValue = 8 << 20

// Commit stores the records an edit touched, as they now are in w, together with the history
// step, in one synced transaction: once it returns nil both survive a crash, and if it
// returns an error neither was written.
func (s *Store) Commit(w *journey.Workspace, refs []journey.Ref, h HistoryStep) error {
	if len(refs) > bulkRefs {
		return s.commitBulk(w, refs, h)
	}
	s.alone.RLock()
	var ops []op
	var ix *recordIndex
	if len(refs) > 8 {
		ix = newRecordIndex()
	}
	for _, r := range refs {
		var err error
		if ops, err = recordOps(ops, w, r, ix); err != nil {
			s.alone.RUnlock()
			return err
		}
	}
	history, err := historyOps(h)
	if err != nil {
		s.alone.RUnlock()
		return err
	}
	ops = append(ops, history...)
	err = s.commitOnce(ops)
	s.alone.RUnlock()
	if errors.Is(err, badger.ErrTxnTooBig) {
		return s.commitBulk(w, refs, h)
	}
	return err
}

// commitOnce writes the ops in one synced transaction.
func (s *Store) commitOnce(ops []op) error {
	m, err := s.ready(ops)
	if err != nil {
		return err
	}
	err = s.updateRetrying(func(txn *badger.Txn) error { return applyAll(txn, ops, m) })
	if errors.Is(err, badger.ErrTxnTooBig) {
		return err
	}
	return wrapWrite(err)
}

// historyOps are the writes of a history step.
func historyOps(h HistoryStep) ([]op, error) {
	var ops []op
	for _, e := range h.PushUndo {
		v, err := encodeHistory(e)
		if err != nil {
			return nil, err
		}
		ops = append(ops, op{key: undoKey(e.Seq), value: v})
	}
	for _, e := range h.PushRedo {
		v, err := encodeHistory(e)
		if err != nil {
			return nil, err
		}
		ops = append(ops, op{key: redoKey(e.Seq), value: v})
	}
	for _, seq := range h.DropUndo {
		ops = append(ops, op{key: undoKey(seq)})
	}
	for _, seq := range h.DropRedo {
		ops = append(ops, op{key: redoKey(seq)})
	}
	return ops, nil
}

// recordOps adds the write of one record, as it now is in w, or its delete when w no longer
// holds it; ix, if not nil, finds cards and pain points in w.
func recordOps(ops []op, w *journey.Workspace, r journey.Ref, ix *recordIndex) ([]op, error) {
	put := func(key []byte, v any) ([]op, error) {
		b, err := encode(v)
		return append(ops, op{key: key, value: b}), err
	}
	del := func(key []byte) ([]op, error) { return append(ops, op{key: key}), nil }
	switch r.Kind {
	case journey.RefWorkspace:
		return put([]byte(keyWorkspace), newWorkspaceRecord(w))
	case journey.RefMember:
		if m, ok := w.Member(r.ID); ok {
			return put(memberKey(r.ID), memberRecord{SchemaVersion, m})
		}
		return del(memberKey(r.ID))
	case journey.RefPulse:
		if i := journey.Index(w.Pulses, r.ID); i >= 0 {
			return put(pulseKey(r.ID), pulseRecord{SchemaVersion, w.Pulses[i]})
		}
		return del(pulseKey(r.ID))
	case journey.RefJourney:
		if j := w.Journey(r.ID); j != nil {
			return put(journeyKey(r.ID), newJourneyRecord(j))
		}
		// A journey that is gone takes its cards and pain points with it.
		return append(ops, op{key: journeyKey(r.ID), children: journeyChildren(r.ID)}), nil
	case journey.RefCard:
		if c, ok := ix.card(w, r.Journey, r.ID); ok {
			return put(cardKey(r.Journey, r.ID), cardRecord{SchemaVersion, c})
		}
		return del(cardKey(r.Journey, r.ID))
	case journey.RefPainPoint:
		if p, ok := ix.pain(w, r.Journey, r.ID); ok {
			return put(painKey(r.Journey, r.ID), painRecord{SchemaVersion, p})
		}
		return del(painKey(r.Journey, r.ID))
	}
	return ops, fmt.Errorf("storing a %q record: unknown kind", r.Kind)
}

func deletePrefix(txn *badger.Txn, prefix []byte) error {
	for _, k := range keysIn(txn, prefix) {
		if err := txn.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

func encodeHistory(e HistoryEntry) ([]byte, error) {
	edit, err := journey.MarshalEditWithin(e.Edit, maxHistoryValue)
	if errors.Is(err, journey.ErrEditTooBig) {
		return encode(historyRecord{Schema: SchemaVersion, Seq: e.Seq, Scope: e.Scope, Barrier: true})
	}
	if err != nil {
		return nil, fmt.Errorf("encoding an edit for the undo history: %w", err)
	}
	// The record around the edit is written by hand: encoding it as a json.RawMessage field
	// would scan the edit's bytes again, for every keystroke's commit.
	head, err := encode(historyRecord{Schema: SchemaVersion, Seq: e.Seq, Scope: e.Scope})
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(head)+len(edit)+10)
	out = append(out, head[:len(head)-1]...)
	out = append(out, `,"edit":`...)
	out = append(out, edit...)
	return append(out, '}'), nil
}

// History reads the stored undo and redo stacks, each with the entry to take next last.
// Entries at and below a barrier are left out: they can't be undone without the edit the
// barrier stands for.
func (s *Store) History() (undo, redo []HistoryEntry, err error) {
	err = s.db.View(func(txn *badger.Txn) error {
		var err error
		if undo, err = readHistory(txn, []byte(prefixUndo), false); err != nil {
			return err
		}
		if redo, err = readHistory(txn, []byte(prefixRedo), true); err != nil {
			return err
		}
		// The redo stack's next entry is the one undone last: the lowest sequence number.
		slices.Reverse(redo)
		return nil
	})
	return undo, redo, err
}

// readHistory returns the entries under prefix in the order they were made. Undo entries
// count from the newest barrier up; redo entries, which are taken lowest first, stop at the
// oldest.
func readHistory(txn *badger.Txn, prefix []byte, redo bool) ([]HistoryEntry, error) {
	var out []HistoryEntry
	blocked := false
	err := scan(txn, prefix, func(key, v []byte) error {
		if blocked {
			return nil
		}
		var r historyRecord
		if err := decodeRecord(key, v, &r); err != nil {
			return err
		}
		if r.Barrier {
			if redo {
				blocked = true
			} else {
				out = nil
			}
			return nil
		}
		e, err := journey.UnmarshalEdit(r.Edit)
		if err != nil {
			return fmt.Errorf("record %q: %w", key, err)
		}
		out = append(out, HistoryEntry{Seq: r.Seq, Scope: r.Scope, Edit: e})
		return nil
	})
	return out, err
}

// conflictRetries is how many times a transaction is run again when another changed what it
// read: on a shared store the sync engine writes the conflicts and outbox a commit reads.
const conflictRetries = 8

// updateRetrying runs f in a read-write transaction, again when Badger finds at commit that
// another transaction changed what f read meanwhile (badger.ErrConflict, "Please retry"): f
// starts from the store as it then is, so an edit is not refused for the sync engine's work.
func (s *Store) updateRetrying(f func(txn *badger.Txn) error) error {
	for try := 0; ; try++ {
		err := s.db.Update(f)
		if !errors.Is(err, badger.ErrConflict) || try == conflictRetries {
			return err
		}
	}
}
