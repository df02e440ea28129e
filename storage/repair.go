package storage

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/dgraph-io/badger/v4"

	"journeymap/journey"
)

// Two desks can each make a change that is whole by itself and, together, leave a record
// pointing at one that is gone: a card added in a stage another desk deleted, an emotion
// score set for it, a pain point given to a member another desk removed. Merging record by
// record can't see that, so after taking the bucket's changes in, a shared store restores
// what is pointed at, as it was last agreed on (or with a name saying it was restored): the
// change wins over the delete nobody saw it against, as within a record, and the restore is
// kept as a conflict, for a person to settle. The restored record is sent like any change,
// and a desk restoring the same thing merges with it.

// restored is what repair put back: a stage, lane or member, by the record it went into.
type restored struct {
	ref   journey.Ref
	field string
	value any
}

// repair restores, in txn, what the journeys touched (all of them when members are) point at
// and is gone, queueing each record it changes to be sent; it returns those records.
func (s *Store) repair(txn *badger.Txn, sh *Share, touched map[string]bool, members bool) ([]journey.Ref, error) {
	var ws workspaceRecord
	if found, err := get(txn, []byte(keyWorkspace), &ws); err != nil || !found {
		return nil, err
	}
	var fixes []restored
	memberIDs := map[string]bool{}
	for _, id := range ws.Members {
		var m memberRecord
		if found, err := get(txn, memberKey(id), &m); err != nil {
			return nil, err
		} else if found {
			memberIDs[id] = true
		}
	}
	for _, id := range unlisted(txn, prefixMember, ws.Members) {
		memberIDs[id] = true
	}
	wsChanged := false
	// A journey another desk deleted while this one added to it comes back: its cards and
	// pain points are not lost with it.
	// In order, so that journeys restored together are listed alike on every desk.
	for _, jid := range slices.Sorted(maps.Keys(touched)) {
		if jid == "" {
			continue
		}
		if _, err := txn.Get(journeyKey(jid)); err == nil || !errors.Is(err, badger.ErrKeyNotFound) {
			if err != nil {
				return nil, err
			}
			continue
		}
		if len(keysIn(txn, journeyChildren(jid))) == 0 {
			continue
		}
		rec := journeyRecord{Schema: SchemaVersion, ID: jid, Title: "Restored journey"}
		var sn seen
		if _, err := get(txn, seenKey(journeyKey(jid)), &sn); err != nil {
			return nil, err
		}
		if cur, err := valueOf(txn, journeyKey(jid)); err != nil {
			return nil, err
		} else if cur != nil {
			_ = json.Unmarshal(cur, &rec)
		} else if base := sn.agreed(); base != nil {
			_ = json.Unmarshal(base, &rec)
		}
		if rec.ID != jid {
			rec = journeyRecord{Schema: SchemaVersion, ID: jid, Title: "Restored journey"}
		}
		rec.Schema = SchemaVersion
		v, err := encode(rec)
		if err != nil {
			return nil, err
		}
		if err := setMarked(txn, s, journeyKey(jid), v); err != nil {
			return nil, err
		}
		if !slices.Contains(ws.Journeys, jid) {
			ws.Journeys = append(ws.Journeys, jid)
			wsChanged = true
		}
		touched[jid] = true
		fixes = append(fixes, restored{journey.Ref{Kind: journey.RefJourney, ID: jid}, "", map[string]string{"id": jid, "title": rec.Title}})
	}
	// Those a list lacks are shown too (see load), and checked alike.
	for _, jid := range append(slices.Clip(ws.Journeys), unlisted(txn, prefixJourney, ws.Journeys)...) {
		if !members && !touched[jid] {
			continue
		}
		var rec journeyRecord
		if found, err := get(txn, journeyKey(jid), &rec); err != nil || !found {
			if err != nil {
				return nil, err
			}
			continue
		}
		j, _, err := loadJourney(txn, jid, true)
		if err != nil {
			return nil, err
		}
		var base journeyRecord
		var sn seen
		if _, err := get(txn, seenKey(journeyKey(jid)), &sn); err != nil {
			return nil, err
		}
		if b := sn.agreed(); b != nil {
			_ = json.Unmarshal(b, &base) // a base that doesn't decode names nothing
		}
		gone := goneItems{}
		if sn.Gone != nil {
			gone = *sn.Gone
		}
		changed := false
		needStage := func(id string) {
			if id == "" || slices.ContainsFunc(rec.Stages, func(s journey.Stage) bool { return s.ID == id }) {
				return
			}
			st := journey.Stage{ID: id, Name: "Restored stage"}
			if i := slices.IndexFunc(base.Stages, func(s journey.Stage) bool { return s.ID == id }); i >= 0 {
				st = base.Stages[i]
			} else if i := slices.IndexFunc(gone.Stages, func(s journey.Stage) bool { return s.ID == id }); i >= 0 {
				st = gone.Stages[i]
			}
			rec.Stages = append(rec.Stages, st)
			fixes = append(fixes, restored{journey.Ref{Kind: journey.RefJourney, ID: jid}, fmt.Sprintf("stages[%s]", id), st})
			changed = true
		}
		needLane := func(id string) {
			if id == "" || slices.ContainsFunc(rec.Lanes, func(l journey.Lane) bool { return l.ID == id }) {
				return
			}
			l := journey.Lane{ID: id, Kind: journey.LaneCustom, Name: "Restored lane"}
			if i := slices.IndexFunc(base.Lanes, func(b journey.Lane) bool { return b.ID == id }); i >= 0 {
				l = base.Lanes[i]
			} else if i := slices.IndexFunc(gone.Lanes, func(b journey.Lane) bool { return b.ID == id }); i >= 0 {
				l = gone.Lanes[i]
			}
			rec.Lanes = append(rec.Lanes, l)
			fixes = append(fixes, restored{journey.Ref{Kind: journey.RefJourney, ID: jid}, fmt.Sprintf("lanes[%s]", id), l})
			changed = true
		}
		for _, c := range j.Cards {
			needStage(c.Stage)
			needLane(c.Lane)
		}
		for _, p := range j.PainPoints {
			needStage(p.Stage)
			for _, m := range []string{p.Owner, p.FoundBy} {
				if m == "" || memberIDs[m] {
					continue
				}
				got, err := s.restoreMember(txn, m)
				if err != nil {
					return nil, err
				}
				memberIDs[m] = true
				if !slices.Contains(ws.Members, m) {
					ws.Members = append(ws.Members, m)
					wsChanged = true
				}
				fixes = append(fixes, restored{journey.Ref{Kind: journey.RefMember, ID: m}, "", got})
			}
		}
		for _, e := range rec.Emotions {
			needStage(e.Stage)
		}
		// Pain points are drawn in the journey's pain lane: one that lost it gets it back.
		isPain := func(l journey.Lane) bool { return l.Kind == journey.LanePain }
		if len(j.PainPoints) > 0 && !slices.ContainsFunc(rec.Lanes, isPain) {
			l := journey.Lane{ID: "restored-pain", Kind: journey.LanePain, Name: "Pain points"}
			if i := slices.IndexFunc(base.Lanes, isPain); i >= 0 {
				l = base.Lanes[i]
			}
			needLane(l.ID)
			if i := slices.IndexFunc(rec.Lanes, func(x journey.Lane) bool { return x.ID == l.ID }); i >= 0 {
				rec.Lanes[i] = l
			}
		}
		if changed {
			v, err := encode(rec)
			if err != nil {
				return nil, err
			}
			if err := setMarked(txn, s, journeyKey(jid), v); err != nil {
				return nil, err
			}
		}
	}
	if wsChanged {
		v, err := encode(ws)
		if err != nil {
			return nil, err
		}
		if err := setMarked(txn, s, []byte(keyWorkspace), v); err != nil {
			return nil, err
		}
		fixes = append(fixes, restored{ref: journey.Ref{Kind: journey.RefWorkspace}})
	}
	var refs []journey.Ref
	for _, f := range fixes {
		if !slices.Contains(refs, f.ref) {
			refs = append(refs, f.ref)
		}
		if f.value == nil {
			continue
		}
		if err := addConflict(txn, f.ref, f.field, f.value, sh.Member); err != nil {
			return nil, err
		}
	}
	return refs, nil
}

// restoreMember puts a member a pain point names back, as last agreed on, or with a name
// saying so when this desk never saw them.
func (s *Store) restoreMember(txn *badger.Txn, id string) (journey.Member, error) {
	m := journey.Member{ID: id, Name: "Restored member " + id, Capacity: 1}
	var sn seen
	if _, err := get(txn, seenKey(memberKey(id)), &sn); err != nil {
		return m, err
	}
	var rec memberRecord
	if b := sn.agreed(); b != nil && json.Unmarshal(b, &rec) == nil && rec.ID == id {
		m = rec.Member
	}
	v, err := encode(memberRecord{SchemaVersion, m})
	if err != nil {
		return m, err
	}
	return m, setMarked(txn, s, memberKey(id), v)
}

// setMarked sets a record and queues it to be sent.
func setMarked(txn *badger.Txn, s *Store, key, v []byte) error {
	m, err := s.marksFor(time.Now())
	if err != nil {
		return err
	}
	if err := m.mark(txn, key, v); err != nil {
		return err
	}
	return txn.Set(key, v)
}

// addConflict keeps a restore as a conflict of the record it went into: deleted by someone,
// kept by this desk's restore.
func addConflict(txn *badger.Txn, r journey.Ref, field string, value any, by string) error {
	key, err := recordKey(r)
	if err != nil {
		return err
	}
	var cs conflictsRecord
	if _, err := get(txn, conflictKey(key), &cs); err != nil {
		return err
	}
	kept, err := json.Marshal(value)
	if err != nil {
		return err
	}
	cs.Schema = 1
	cs.Conflicts = append(cs.Conflicts, Conflict{Field: field, Values: []ConflictValue{
		{Value: json.RawMessage("null")},
		{Value: kept, By: by, At: time.Now().UTC().Format(time.RFC3339)},
	}})
	v, err := encode(cs)
	if err != nil {
		return err
	}
	return txn.Set(conflictKey(key), v)
}
