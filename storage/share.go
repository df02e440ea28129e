package storage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/dgraph-io/badger/v4"

	"journeymap/journey"
)

// Share says how a store follows a shared workspace: the server, the bucket, where to find
// the credentials (never the credentials themselves: a password lives in its file or the OS's
// credential store, never in the store, a backup or an export) and the member who edits at
// this desk, whom what it sends names.
type Share struct {
	Schema       int    `json:"schema"`
	Server       string `json:"server"`
	Bucket       string `json:"bucket"`
	Creds        string `json:"creds,omitempty"`        // a NATS credentials file
	User         string `json:"user,omitempty"`         // with PasswordFile, instead of Creds
	PasswordFile string `json:"passwordFile,omitempty"` // a file holding the password
	TLSCA        string `json:"tlsCA,omitempty"`        // a CA file for a server with its own certificate
	Member       string `json:"member,omitempty"`
	// MaxValue is the largest value the server takes (its max_payload), learnt when sharing:
	// a record bigger than that is refused at the edit, never half-sent.
	MaxValue int `json:"maxValue,omitempty"`
	// ViewOnly is set for a login the server lets read the workspace but not change it: every
	// edit is refused, rather than queued for a send that can never succeed.
	ViewOnly bool `json:"viewOnly,omitempty"`
	// BucketMade is when the bucket was made, as the server says: a bucket of that name made
	// at another time (a server started again on an empty disk) has lost what was sent to it.
	BucketMade time.Time `json:"bucketMade,omitzero"`
}

// UpdateSharing rewrites how the store follows its shared workspace, queueing nothing.
func (s *Store) UpdateSharing(sh Share) error {
	sh.Schema = 1
	v, err := encode(sh)
	if err != nil {
		return err
	}
	if err := s.update(func(txn *badger.Txn) error { return txn.Set([]byte(keyShare), v) }); err != nil {
		return err
	}
	s.share.Store(&sh)
	return nil
}

// ErrViewOnly is returned for an edit of a shared workspace this desk may only look at.
var ErrViewOnly = errors.New("this desk's login can read the shared workspace but not change it")

// ErrTooBigToShare is returned for an edit that makes a record bigger than the shared
// workspace's server takes.
var ErrTooBigToShare = errors.New("too big for the shared workspace's server")

// Sharing is how the store follows a shared workspace; ok is false for a store of its own.
func (s *Store) Sharing() (sh Share, ok bool, err error) {
	err = s.db.View(func(txn *badger.Txn) error {
		ok, err = get(txn, []byte(keyShare), &sh)
		return err
	})
	return sh, ok, err
}

// StartSharing makes the store follow a shared workspace: from now on every record changed
// is queued to be sent in the transaction that changes it, and every record it holds now is
// queued at once. A big workspace is queued over several transactions, the share itself set
// last: cut off half way, the store follows nothing yet, and sharing again queues it all.
func (s *Store) StartSharing(sh Share) error {
	sh.Schema = 1
	v, err := encode(sh)
	if err != nil {
		return err
	}
	if err := s.queueAll(nil); err != nil {
		return err
	}
	if err := s.update(func(txn *badger.Txn) error { return txn.Set([]byte(keyShare), v) }); err != nil {
		return err
	}
	s.share.Store(&sh)
	return nil
}

// queueAll queues every record the store holds to be sent, over as many transactions as it
// takes; also, when not nil, is done in each for each record too.
func (s *Store) queueAll(also func(txn *badger.Txn, key []byte) error) error {
	var keys [][]byte
	if err := s.db.View(func(txn *badger.Txn) error {
		for _, p := range []string{keyWorkspace, prefixMember, prefixPulse, prefixJourney} {
			for _, k := range keysIn(txn, []byte(p)) {
				if _, ok := refOf(k); ok {
					keys = append(keys, k)
				}
			}
		}
		return nil
	}); err != nil {
		return err
	}
	mark, err := s.newMark(time.Now(), false)
	if err != nil {
		return err
	}
	for chunk := range slices.Chunk(keys, 2000) {
		if err := s.update(func(txn *badger.Txn) error {
			for _, k := range chunk {
				// A change waiting keeps its own mark.
				if cur, err := valueOf(txn, outboxKey(k)); err != nil {
					return err
				} else if cur == nil {
					if err := txn.Set(outboxKey(k), mark); err != nil {
						return err
					}
				}
				if also != nil {
					if err := also(txn, k); err != nil {
						return err
					}
				}
			}
			return nil
		}); err != nil {
			return err
		}
	}
	return nil
}

// StopSharing makes the store its own again: the workspace stays whole, what was not sent
// stays unsent, and nothing of the sharing is kept.
func (s *Store) StopSharing() error {
	err := s.update(func(txn *badger.Txn) error { return deletePrefix(txn, []byte(prefixShare)) })
	if err == nil {
		s.share.Store(nil)
	}
	return err
}

// loadShare reads how the store follows a shared workspace, if it does.
func (s *Store) loadShare() error {
	sh, ok, err := s.Sharing()
	if err != nil || !ok {
		return err
	}
	s.share.Store(&sh)
	return nil
}

func (s *Store) update(f func(txn *badger.Txn) error) error {
	if s.readOnly {
		return fmt.Errorf("%w: %s", ErrReadOnly, s.dir)
	}
	return wrapWrite(s.updateRetrying(f))
}

// outboxMark is what marks a record changed here and not sent: when, and a number that a
// later change of the same record replaces, so that a send only clears the change it sent.
type outboxMark struct {
	Schema int       `json:"schema"`
	Seq    uint64    `json:"seq"`
	At     time.Time `json:"at"`
	// After, for a pulse, is when it may be sent: a random part of a day later, so that the
	// server's own time of arrival does not tell who answered last.
	After time.Time `json:"after,omitzero"`
}

func (s *Store) newMark(now time.Time, pulse bool) ([]byte, error) {
	m := outboxMark{Schema: 1, Seq: s.outSeq.Add(1), At: now.UTC().Truncate(time.Second)}
	if pulse {
		m.At = time.Time{}
		m.After = now.Add(time.Duration(rand.Int64N(int64(24 * time.Hour))))
	}
	return encode(m)
}

// marks is the outbox marks the ops of one write get, when the store is shared: nil when not.
// A pulse's is made only for a write that holds one.
type marks struct {
	s      *Store
	now    time.Time
	record []byte
	pulse  []byte
}

func (s *Store) marksFor(now time.Time) (*marks, error) {
	if s.share.Load() == nil {
		return nil, nil
	}
	r, err := s.newMark(now, false)
	return &marks{s: s, now: now, record: r}, err
}

// mark queues the record at key, about to become value (nil: deleted), to be sent.
func (m *marks) mark(txn *badger.Txn, key, value []byte) error {
	if m == nil || !bytes.HasPrefix(key, []byte(prefixPulse)) && !isRecordKey(key) {
		return nil
	}
	// A person's change of a field in conflict settles it: they chose what it holds now.
	cs, err := conflictsOf(txn, key)
	if err != nil {
		return err
	}
	if len(cs) > 0 {
		was, err := valueOf(txn, key)
		if err != nil {
			return err
		}
		kept, err := settle(cs, was, value)
		if err != nil {
			return err
		}
		if err := setConflicts(txn, key, kept); err != nil {
			return err
		}
	}
	if bytes.HasPrefix(key, []byte(prefixPulse)) {
		if m.pulse == nil {
			p, err := m.s.newMark(m.now, true)
			if err != nil {
				return err
			}
			m.pulse = p
		}
		return txn.Set(outboxKey(key), m.pulse)
	}
	return txn.Set(outboxKey(key), m.record)
}

// isRecordKey reports whether key holds a record of the workspace: cheaper than refOf, for
// every op of every edit.
func isRecordKey(key []byte) bool {
	switch {
	case string(key) == keyWorkspace:
		return true
	case bytes.HasPrefix(key, []byte(prefixMember)), bytes.HasPrefix(key, []byte(prefixJourney)):
		_, ok := refOf(key)
		return ok
	}
	return false
}

// checkShareable refuses every edit of a workspace this desk may only look at, and a record
// bigger than the shared workspace's server takes.
func (s *Store) checkShareable(ops []op) error {
	sh := s.share.Load()
	if sh != nil && sh.ViewOnly && slices.ContainsFunc(ops, func(o op) bool { _, ok := refOf(o.key); return ok }) {
		return fmt.Errorf("%w: ask whoever runs the server for a login that may write", ErrViewOnly)
	}
	if sh == nil || sh.MaxValue <= 0 {
		return nil
	}
	for _, o := range ops {
		if r, ok := refOf(o.key); ok && len(o.value)+envelopeRoom > sh.MaxValue {
			return fmt.Errorf("the %s would be %d KiB, and the shared workspace's server takes at most %d KiB: %w",
				describe(r), (len(o.value)+envelopeRoom)>>10, sh.MaxValue>>10, ErrTooBigToShare)
		}
	}
	return nil
}

// envelopeRoom is what the envelope around a record may add to it, conflicts aside.
const envelopeRoom = 512

func describe(r journey.Ref) string {
	switch r.Kind {
	case journey.RefPainPoint:
		return "pain point " + fmt.Sprintf("%q", r.ID)
	case journey.RefWorkspace:
		return "workspace's list of members and journeys"
	}
	return fmt.Sprintf("%s %q", r.Kind, r.ID)
}

// seen is the last version of a record that the store and the bucket agreed on.
type seen struct {
	Schema int             `json:"schema"`
	Rev    uint64          `json:"rev"`
	Base   json.RawMessage `json:"base"`         // the record as agreed; null: it was deleted
	By     string          `json:"by,omitempty"` // who made that version, when said
	// Conflicts are the record's conflicts as agreed: what a side's own set is merged against.
	Conflicts []Conflict `json:"conflicts,omitempty"`
	// Was, for a record agreed deleted, is the last version agreed before: what a restore
	// puts back (a member a pain point still names), rather than a blank.
	Was json.RawMessage `json:"was,omitempty"`
	// Gone, for a journey, is the stages and lanes agreed on once and since deleted, as they
	// last were: what a restore puts back when a card still stands in one.
	Gone *goneItems `json:"gone,omitempty"`
}

// goneItems is a journey's stages and lanes agreed on and since deleted, the latest last,
// at most maxGone of each.
type goneItems struct {
	Stages []journey.Stage `json:"stages,omitempty"`
	Lanes  []journey.Lane  `json:"lanes,omitempty"`
}

const maxGone = 200

// gone is what the journey record now drops of those it was, added to what had gone before.
func gone(before *goneItems, was, now []byte) *goneItems {
	var w, n journeyRecord
	if json.Unmarshal(was, &w) != nil || json.Unmarshal(now, &n) != nil {
		return before
	}
	out := goneItems{}
	if before != nil {
		out = *before
	}
	keep := func(id string) bool {
		return !slices.ContainsFunc(n.Stages, func(s journey.Stage) bool { return s.ID == id })
	}
	for _, s := range w.Stages {
		if keep(s.ID) {
			out.Stages = append(slices.DeleteFunc(out.Stages, func(x journey.Stage) bool { return x.ID == s.ID }), s)
		}
	}
	for _, l := range w.Lanes {
		if !slices.ContainsFunc(n.Lanes, func(x journey.Lane) bool { return x.ID == l.ID }) {
			out.Lanes = append(slices.DeleteFunc(out.Lanes, func(x journey.Lane) bool { return x.ID == l.ID }), l)
		}
	}
	out.Stages = out.Stages[max(0, len(out.Stages)-maxGone):]
	out.Lanes = out.Lanes[max(0, len(out.Lanes)-maxGone):]
	if len(out.Stages) == 0 && len(out.Lanes) == 0 {
		return nil
	}
	return &out
}

// agreed is the last version of the record agreed on that was not a delete, nil for none.
func (sn seen) agreed() []byte {
	if b := nullToNil(sn.Base); b != nil {
		return b
	}
	return nullToNil(sn.Was)
}

// Envelope is a record as a shared workspace's bucket holds it: the record as stored, who
// changed it and when (neither for a pulse), and its fields in conflict.
type Envelope struct {
	Record    json.RawMessage `json:"record"` // null for a record deleted with a conflict
	By        string          `json:"by,omitempty"`
	At        string          `json:"at,omitempty"`
	Conflicts []Conflict      `json:"conflicts,omitempty"`
}

// Conflict is a field of a record that two desks changed to different values before either
// saw the other's change: its provisional value stands in the record, the same on every desk,
// until a person settles it.
type Conflict struct {
	Field  string          `json:"field"` // "" for the whole record: a delete against an edit
	Values []ConflictValue `json:"values"`
}

// ConflictValue is one side of a conflict: the value (null: deleted), who made it and when.
type ConflictValue struct {
	Value json.RawMessage `json:"value"`
	By    string          `json:"by,omitempty"`
	At    string          `json:"at,omitempty"`
}

// Outgoing is a record changed here, to send to the bucket.
type Outgoing struct {
	Ref   journey.Ref
	Key   string // its key in the bucket
	Value []byte // the Envelope to put; nil: delete it
	// Rev is the revision of the version last agreed on; 0 when the bucket never had it as
	// far as this store knows, so that it is created.
	Rev uint64

	storeKey, record, mark []byte
	conflicts              []Conflict // sent with the record
}

// Outgoing is up to max records changed here and not yet sent, and whether more wait.
// Pulses wait until their time (see outboxMark.After).
func (s *Store) Outgoing(now time.Time, max int) (out []Outgoing, more bool, err error) {
	sh := s.share.Load()
	if sh == nil {
		return nil, false, nil
	}
	s.alone.RLock()
	defer s.alone.RUnlock()
	err = s.db.View(func(txn *badger.Txn) error {
		return scan(txn, []byte(prefixOutbox), func(k, v []byte) error {
			if len(out) == max {
				more = true
				return errStop
			}
			var m outboxMark
			if err := decodeRecord(k, v, &m); err != nil {
				return err
			}
			if !m.After.IsZero() && now.Before(m.After) {
				return nil
			}
			key := k[len(prefixOutbox):]
			r, _ := refOf(key)
			o := Outgoing{Ref: r, storeKey: key, mark: bytes.Clone(v)}
			var err error
			if o.Key, err = WireKey(r); err != nil {
				return err
			}
			var sn seen
			if _, err := get(txn, seenKey(key), &sn); err != nil {
				return err
			}
			o.Rev = sn.Rev
			if o.record, err = valueOf(txn, key); err != nil {
				return err
			}
			if o.record == nil {
				out = append(out, o) // a delete
				return nil
			}
			env := Envelope{Record: o.record}
			if r.Kind != journey.RefPulse {
				env.By, env.At = sh.Member, m.At.Format(time.RFC3339)
			}
			if env.Conflicts, err = conflictsOf(txn, key); err != nil {
				return err
			}
			o.conflicts = env.Conflicts
			o.Value, err = json.Marshal(env)
			out = append(out, o)
			return err
		})
	})
	if errors.Is(err, errStop) {
		err = nil
	}
	return out, more, err
}

var errStop = errors.New("stop")

// conflictsRecord keeps a record's fields in conflict.
type conflictsRecord struct {
	Schema    int        `json:"schema"`
	Conflicts []Conflict `json:"conflicts"`
}

// valueOf is the value at key, nil when there is none.
func valueOf(txn *badger.Txn, key []byte) ([]byte, error) {
	item, err := txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %q: %w", key, err)
	}
	return item.ValueCopy(nil)
}

// Sent records that o reached the bucket as revision rev: the version sent is the one agreed
// on, and o's change leaves the outbox, unless the record changed again meanwhile.
func (s *Store) Sent(o Outgoing, rev uint64) error {
	return s.SentAll([]Outgoing{o}, []uint64{rev})
}

// SentAll is Sent for several records at once, in one transaction: revs[i] is out[i]'s.
func (s *Store) SentAll(out []Outgoing, revs []uint64) error {
	me := s.member()
	s.alone.RLock()
	defer s.alone.RUnlock()
	return s.update(func(txn *badger.Txn) error {
		for i, o := range out {
			cur, err := valueOf(txn, outboxKey(o.storeKey))
			if err != nil {
				return err
			}
			if bytes.Equal(cur, o.mark) {
				if err := txn.Delete(outboxKey(o.storeKey)); err != nil {
					return err
				}
			}
			if err := setSeen(txn, o.storeKey, revs[i], o.record, me, o.conflicts); err != nil {
				return err
			}
		}
		return nil
	})
}

// member is who edits at this desk, as the share says.
func (s *Store) member() string {
	if sh := s.share.Load(); sh != nil {
		return sh.Member
	}
	return ""
}

func setSeen(txn *badger.Txn, key []byte, rev uint64, record []byte, by string, conflicts []Conflict) error {
	sn := seen{Schema: 1, Rev: rev, Base: json.RawMessage("null"), By: by, Conflicts: conflicts}
	var was seen
	if _, err := get(txn, seenKey(key), &was); err != nil {
		return err
	}
	if record != nil {
		sn.Base = record
	} else {
		sn.Was = was.agreed()
	}
	if r, ok := refOf(key); ok && r.Kind == journey.RefJourney {
		sn.Gone = was.Gone
		if b, now := was.agreed(), nullToNil(sn.Base); b != nil && now != nil {
			sn.Gone = gone(was.Gone, b, now)
		}
	}
	v, err := encode(sn)
	if err != nil {
		return err
	}
	return txn.Set(seenKey(key), v)
}
