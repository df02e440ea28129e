package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"journeymap/journey"
	"journeymap/journey/merge"
	"maps"
	"slices"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// Incoming is a value of the bucket: a record another desk (or this one) sent.
type Incoming struct {
	Key     string
	Value   []byte // the Envelope; nil for a delete
	Rev     uint64
	Deleted bool
	// OutOfTurn is a value fetched by itself, to merge a record with, ahead of the revisions
	// before it: it is taken, but the last revision taken in turn stays where it was, or
	// those revisions would be skipped after a restart.
	OutOfTurn bool
	// Pending is how many revisions the bucket held after this one when it came: none, for
	// the last of a batch, says the store has caught up.
	Pending uint64
}

// Received is what taking values from the bucket did.
type Received struct {
	Refs     []journey.Ref // the records that changed here
	SetAside []string      // keys whose value could not be taken, each with why
}

// Receive takes values from the bucket into the store, in one transaction. A record with no
// change waiting here becomes the bucket's; one changed here too is merged field by field
// against the version last agreed on, and what both changed differently is kept as a
// conflict; the merged record waits to be sent unless it is the bucket's. A value that does
// not decode, is of a newer Journeymap or names another record than its key is set aside and
// named, leaving the store as it was; values already taken are skipped.
func (s *Store) Receive(in []Incoming) (Received, error) {
	var got Received
	sh := s.share.Load()
	if sh == nil {
		return got, errors.New("the store follows no shared workspace")
	}
	s.alone.RLock()
	defer s.alone.RUnlock()
	err := s.update(func(txn *badger.Txn) error {
		got = Received{}
		var lr lastRecord
		if _, err := get(txn, []byte(keyShareLast), &lr); err != nil {
			return err
		}
		touched, members := map[string]bool{}, false
		for _, e := range in {
			if !e.OutOfTurn {
				lr.Rev = max(lr.Rev, e.Rev)
			}
			r, changed, err := s.receiveOne(txn, sh, e)
			if err != nil {
				var aside *setAside
				if !errors.As(err, &aside) {
					return err
				}
				got.SetAside = append(got.SetAside, fmt.Sprintf("%s: %s", e.Key, aside.why))
				v, _ := encode(setAsideRecord{Schema: 1, Rev: e.Rev, Why: aside.why})
				if err := txn.Set(setAsideKey(e.Key), v); err != nil {
					return err
				}
				continue
			}
			if changed {
				got.Refs = append(got.Refs, r)
				touched[r.JourneyID()] = true
				members = members || r.Kind == journey.RefMember
			}
		}
		if err := s.repairWhenCaughtUp(txn, sh, in, touched, members, &got); err != nil {
			return err
		}
		lr.Schema = 1
		v, err := encode(lr)
		if err != nil {
			return err
		}
		return txn.Set([]byte(keyShareLast), v)
	})
	return got, err
}

// repairWhenCaughtUp repairs what the changes taken in since the store last caught up with
// the bucket point at, once in brings it up to the bucket's newest revision; until then it
// keeps what they touched. Before, a record can point at one still on its way (a card come
// before its new stage), and one another desk is deleting can still point at what it deleted.
func (s *Store) repairWhenCaughtUp(txn *badger.Txn, sh *Share, in []Incoming, touched map[string]bool, members bool, got *Received) error {
	var un unrepaired
	if _, err := get(txn, []byte(keyUnrepaired), &un); err != nil {
		return err
	}
	for _, id := range un.Journeys {
		touched[id] = true
	}
	members = members || un.Members
	if len(in) == 0 || in[len(in)-1].OutOfTurn || in[len(in)-1].Pending > 0 {
		v, err := encode(unrepaired{Schema: 1, Journeys: slices.Sorted(maps.Keys(touched)), Members: members})
		if err != nil {
			return err
		}
		return txn.Set([]byte(keyUnrepaired), v)
	}
	if err := txn.Delete([]byte(keyUnrepaired)); err != nil {
		return err
	}
	fixed, err := s.repair(txn, sh, touched, members)
	for _, r := range fixed {
		if !slices.Contains(got.Refs, r) {
			got.Refs = append(got.Refs, r)
		}
	}
	return err
}

// unrepaired is what changes taken in touched since the store last caught up.
type unrepaired struct {
	Schema   int      `json:"schema"`
	Journeys []string `json:"journeys,omitempty"`
	Members  bool     `json:"members,omitempty"`
}

type lastRecord struct {
	Schema int    `json:"schema"`
	Rev    uint64 `json:"rev"`
}

type setAsideRecord struct {
	Schema int    `json:"schema"`
	Rev    uint64 `json:"rev"`
	Why    string `json:"why"`
}

type setAside struct{ why string }

func (e *setAside) Error() string { return e.why }

func (s *Store) receiveOne(txn *badger.Txn, sh *Share, e Incoming) (journey.Ref, bool, error) {
	r, err := ParseWireKey(e.Key)
	if err != nil {
		return r, false, &setAside{"the key names no record of a workspace"}
	}
	key, err := recordKey(r)
	if err != nil {
		return r, false, err
	}
	var sn seen
	if _, err := get(txn, seenKey(key), &sn); err != nil {
		return r, false, err
	}
	if e.Rev <= sn.Rev {
		return r, false, nil // taken already, or sent from here
	}
	var env Envelope
	var theirs []byte
	if !e.Deleted {
		if err := json.Unmarshal(e.Value, &env); err != nil {
			return r, false, &setAside{"the value is not a record of a workspace: " + err.Error()}
		}
		if theirs = nullToNil(env.Record); theirs != nil {
			if err := checkReceived(key, r, theirs); err != nil {
				return r, false, &setAside{err.Error()}
			}
		}
	}
	ours, err := valueOf(txn, key)
	if err != nil {
		return r, false, err
	}
	markV, err := valueOf(txn, outboxKey(key))
	if err != nil {
		return r, false, err
	}
	local, err := conflictsOf(txn, key)
	if err != nil {
		return r, false, err
	}
	now, at := theirs, ""
	var found []merge.Conflict
	if markV != nil {
		var m outboxMark
		if err := decodeRecord(outboxKey(key), markV, &m); err != nil {
			return r, false, err
		}
		if !m.At.IsZero() {
			at = m.At.Format(time.RFC3339)
		}
		// A value a side holds in conflict, unseen by the other, is a change of its field:
		// a delete or change the other made without seeing it doesn't take it away.
		now, found, err = merge.MergeHolding(nullToNil(sn.Base), ours, theirs, unseen(sn.Conflicts, local), unseen(sn.Conflicts, env.Conflicts))
		if err != nil {
			return r, false, &setAside{"the value can't be merged with this desk's: " + err.Error()}
		}
	}
	var made []Conflict
	for _, c := range found {
		made = append(made, Conflict{Field: c.Path, Values: []ConflictValue{
			whose(local, c.Path, ConflictValue{Value: c.Ours, By: sh.Member, At: at}),
			whose(env.Conflicts, c.Path, ConflictValue{Value: c.Theirs, By: env.By, At: env.At})}})
	}
	theirValues, err := merge.Values(theirs)
	if err != nil {
		return r, false, &setAside{"the value is not a record of a workspace: " + err.Error()}
	}
	conflicts, err := mergeConflicts(sn.Conflicts, local, env.Conflicts, made, now, func(f string, v json.RawMessage) ConflictValue {
		if sameJSON(theirValues[f], v) {
			return ConflictValue{Value: v, By: env.By, At: env.At}
		}
		return ConflictValue{Value: v, By: sh.Member, At: at}
	})
	if err != nil {
		return r, false, err
	}
	// The record waits to be sent while this desk holds what the bucket doesn't: a change,
	// or a value in conflict the other desks must be shown.
	asBucket := (bytes.Equal(now, theirs) || now == nil && theirs == nil) && sameConflicts(conflicts, env.Conflicts)
	switch {
	case markV != nil && asBucket:
		if err := txn.Delete(outboxKey(key)); err != nil {
			return r, false, err
		}
	case markV == nil && !asBucket:
		v, err := s.newMark(time.Now(), false)
		if err != nil {
			return r, false, err
		}
		if err := txn.Set(outboxKey(key), v); err != nil {
			return r, false, err
		}
	}
	if err := txn.Delete(setAsideKey(e.Key)); err != nil { // a good value replaces a bad one
		return r, false, err
	}
	if err := setSeen(txn, key, e.Rev, theirs, env.By, env.Conflicts); err != nil {
		return r, false, err
	}
	if err := setConflicts(txn, key, conflicts); err != nil {
		return r, false, err
	}
	if bytes.Equal(now, ours) {
		return r, false, nil
	}
	if now == nil {
		return r, true, txn.Delete(key)
	}
	return r, true, txn.Set(key, now)
}

// checkReceived refuses a record that does not decode as the record its key names, is of a
// newer Journeymap, or names another id than its key.
func checkReceived(key []byte, r journey.Ref, v []byte) error {
	var id string
	var err error
	switch r.Kind {
	case journey.RefWorkspace:
		id, err = decodedID(key, v, func(*workspaceRecord) string { return r.ID })
	case journey.RefMember:
		id, err = decodedID(key, v, func(m *memberRecord) string { return m.ID })
	case journey.RefPulse:
		id, err = decodedID(key, v, func(p *pulseRecord) string { return p.ID })
	case journey.RefJourney:
		id, err = decodedID(key, v, func(j *journeyRecord) string { return j.ID })
	case journey.RefCard:
		id, err = decodedID(key, v, func(c *cardRecord) string { return c.ID })
	case journey.RefPainPoint:
		id, err = decodedID(key, v, func(p *painRecord) string { return p.ID })
	}
	if err != nil {
		return err
	}
	if id != r.ID {
		return fmt.Errorf("the record's id %q is not its key's %q", id, r.ID)
	}
	return nil
}

// decodedID decodes a record of type R and returns its id: read once the decode is done (in
// "err, id = decode(&r), r.ID" Go may read the id first).
func decodedID[R any](key, v []byte, id func(*R) string) (string, error) {
	var rec R
	if err := decodeRecord(key, v, &rec); err != nil {
		return "", err
	}
	return id(&rec), nil
}

// LastRevision is the bucket's last revision taken into the store: where to go on from.
func (s *Store) LastRevision() (uint64, error) {
	var lr lastRecord
	err := s.db.View(func(txn *badger.Txn) error {
		_, err := get(txn, []byte(keyShareLast), &lr)
		return err
	})
	return lr.Rev, err
}

// RecordConflict is a field in conflict, with the record it is in.
type RecordConflict struct {
	Record journey.Ref
	Conflict
}

// ShareState is how many changes wait to be sent (pulse answers held back until their time
// aside), and the fields in conflict, record by record.
func (s *Store) ShareState() (waiting int, conflicts []RecordConflict, err error) {
	now := time.Now()
	err = s.db.View(func(txn *badger.Txn) error {
		// Pulse answers held back until their time are not waiting: they go when due.
		if err := scan(txn, []byte(prefixOutbox), func(k, v []byte) error {
			var m outboxMark
			if err := decodeRecord(k, v, &m); err != nil {
				return err
			}
			if m.After.IsZero() || !now.Before(m.After) {
				waiting++
			}
			return nil
		}); err != nil {
			return err
		}
		return scan(txn, []byte(prefixConflict), func(k, v []byte) error {
			var cs conflictsRecord
			if err := decodeRecord(k, v, &cs); err != nil {
				return err
			}
			r, _ := refOf(k[len(prefixConflict):])
			for _, c := range cs.Conflicts {
				conflicts = append(conflicts, RecordConflict{Record: r, Conflict: c})
			}
			return nil
		})
	})
	return waiting, conflicts, err
}

// ChangedBy is who, on another desk, made the version of the first of the records that this
// store took last from the bucket, when that is said: for telling whose change an undo met.
func (s *Store) ChangedBy(refs []journey.Ref) (string, error) {
	me := s.member()
	var by string
	err := s.db.View(func(txn *badger.Txn) error {
		for _, r := range refs {
			key, err := recordKey(r)
			if err != nil {
				return err
			}
			var sn seen
			if _, err := get(txn, seenKey(key), &sn); err != nil {
				return err
			}
			if sn.By != "" && sn.By != me {
				by = sn.By
				return nil
			}
		}
		return nil
	})
	return by, err
}

// SetAside lists the bucket's values this store could not take, each as its key and why: a
// newer Journeymap's record, a value that doesn't decode, a key naming another record.
func (s *Store) SetAside() ([]string, error) {
	var out []string
	err := s.db.View(func(txn *badger.Txn) error {
		return scan(txn, []byte(prefixSetAside), func(k, v []byte) error {
			var r setAsideRecord
			if err := decodeRecord(k, v, &r); err != nil {
				return err
			}
			out = append(out, fmt.Sprintf("%s (revision %d): %s", k[len(prefixSetAside):], r.Rev, r.Why))
			return nil
		})
	})
	return out, err
}

// Resync starts the store over with a bucket that lost what this store took from it (a server
// started again on an empty disk, a bucket made anew): nothing taken is known to be there any
// more, so every record this store holds is queued to be sent again, and everything the bucket
// holds is taken in from its first revision, merged with this store's as concurrent changes
// are. Nothing made here is lost: unsent changes stay queued, and what was sent goes again.
func (s *Store) Resync() error {
	// The revision is forgotten, the version agreed on kept: what comes in is merged
	// against it.
	if err := s.queueAll(func(txn *badger.Txn, k []byte) error {
		var sn seen
		if _, err := get(txn, seenKey(k), &sn); err != nil {
			return err
		}
		return setSeen(txn, k, 0, nullToNil(sn.Base), sn.By, sn.Conflicts)
	}); err != nil {
		return err
	}
	return s.update(func(txn *badger.Txn) error { return txn.Delete([]byte(keyShareLast)) })
}

// nullToNil is a stored record's JSON, nil for none (absent or null: deleted).
func nullToNil(b json.RawMessage) []byte {
	if len(b) == 0 || string(b) == "null" {
		return nil
	}
	return b
}
