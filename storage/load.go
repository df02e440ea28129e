package storage

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/dgraph-io/badger/v4"

	"journeymap/journey"
)

// Load reads the whole workspace; an empty store gives an empty workspace.
func (s *Store) Load() (*journey.Workspace, error) {
	return s.load(func(string) bool { return true })
}

// LoadSome reads the workspace's own records (its name, members, pulses and the order of its
// journeys) and, whole, only the journeys read says to read: the others stand in it with their
// id alone. It is what a few records changed by another desk need read again.
func (s *Store) LoadSome(read func(journeyID string) bool) (*journey.Workspace, error) {
	return s.load(read)
}

func (s *Store) load(read func(string) bool) (*journey.Workspace, error) {
	w := &journey.Workspace{}
	err := s.db.View(func(txn *badger.Txn) error {
		if _, err := txn.Get([]byte(keyIncomplete)); err == nil {
			return fmt.Errorf("%s: %w", s.dir, ErrIncomplete)
		}
		if _, err := txn.Get([]byte(keyBulk)); err == nil {
			return fmt.Errorf("%s: %w", s.dir, ErrHalfWritten)
		}
		var ws workspaceRecord
		if found, err := get(txn, []byte(keyWorkspace), &ws); err != nil || !found {
			return err
		}
		w.Name = ws.Name
		// A shared store takes each record from the bucket by itself, so a list may name a
		// record still on its way: it is left out until it comes. And a list is only the order
		// of what is there: a member or journey one desk removed while another changed it is
		// kept (as a conflict) though the removal took it off the list, so what the list
		// lacks is shown after what it holds.
		shared := s.share.Load() != nil
		members, journeys := ws.Members, ws.Journeys
		if shared {
			members = append(slices.Clip(members), unlisted(txn, prefixMember, members)...)
			journeys = append(slices.Clip(journeys), unlisted(txn, prefixJourney, journeys)...)
		}
		for _, id := range members {
			var m memberRecord
			if found, err := get(txn, memberKey(id), &m); err != nil {
				return err
			} else if !found && shared {
				continue
			} else if !found {
				return fmt.Errorf("%s: %w", s.dir, listedButGone("member "+strconv.Quote(id)))
			}
			w.Members = append(w.Members, m.Member)
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
		for _, id := range journeys {
			if !read(id) {
				w.Journeys = append(w.Journeys, journey.Journey{ID: id})
				continue
			}
			j, found, err := loadJourney(txn, id, shared)
			if err != nil {
				return fmt.Errorf("%s: %w", s.dir, err)
			}
			if !found && shared {
				continue
			}
			if !found {
				return fmt.Errorf("%s: %w", s.dir, listedButGone("journey "+strconv.Quote(id)))
			}
			w.Journeys = append(w.Journeys, j)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return w, nil
}

// unlisted is the ids of the records under prefix (members, or journeys, whose cards and
// pain points are passed over) that list lacks, in the order of their keys.
func unlisted(txn *badger.Txn, prefix string, list []string) []string {
	opts := badger.DefaultIteratorOptions
	opts.PrefetchValues = false
	opts.Prefix = []byte(prefix)
	it := txn.NewIterator(opts)
	defer it.Close()
	listed := map[string]bool{}
	for _, id := range list {
		listed[id] = true
	}
	var out []string
	for it.Seek([]byte(prefix)); it.ValidForPrefix([]byte(prefix)); {
		key := it.Item().Key()
		if i := bytes.IndexByte(key[len(prefix):], '/'); i >= 0 {
			// A journey's child: on past the rest of them.
			it.Seek(append(slices.Clone(key[:len(prefix)+i+1]), 0xff))
			continue
		}
		if r, ok := refOf(key); ok && !listed[r.ID] {
			out = append(out, r.ID)
		}
		it.Next()
	}
	return out
}

// listedButGone refuses a store that lists a record it does not hold: serving the rest would
// show a workspace with parts silently gone.
func listedButGone(what string) error {
	return fmt.Errorf("%w: the %s is listed but its record is gone", ErrDamaged, what)
}

// loadJourney reads a journey; shared leaves out cards and pain points listed and not come.
func loadJourney(txn *badger.Txn, id string, shared bool) (journey.Journey, bool, error) {
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
	var gone string
	if j.Cards, gone = ordered(r.Cards, cards, shared); gone != "" {
		return j, true, listedButGone(fmt.Sprintf("card %q of journey %q", gone, id))
	}
	pains, err := scanByID(txn, painPrefix(id), func(p painRecord) (string, journey.PainPoint) { return p.ID, p.PainPoint })
	if err != nil {
		return j, true, err
	}
	if j.PainPoints, gone = ordered(r.PainPoints, pains, shared); gone != "" {
		return j, true, listedButGone(fmt.Sprintf("pain point %q of journey %q", gone, id))
	}
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
// so that nothing stored is ever hidden by a stale order list. An id listed with no item is
// returned as gone (its record was lost), or skipped when skipGone.
func ordered[T any](order []string, items map[string]T, skipGone bool) (out []T, gone string) {
	out = make([]T, 0, len(items))
	for _, id := range order {
		it, ok := items[id]
		if !ok && skipGone {
			continue
		}
		if !ok {
			return nil, id
		}
		out = append(out, it)
		delete(items, id)
	}
	rest := make([]string, 0, len(items))
	for id := range items {
		rest = append(rest, id)
	}
	slices.Sort(rest)
	for _, id := range rest {
		out = append(out, items[id])
	}
	return out, ""
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
