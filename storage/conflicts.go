package storage

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"

	"github.com/dgraph-io/badger/v4"

	"journeymap/journey/merge"
)

// A record's conflicts are sets of values, field by field, that desks change as they change
// the record: a person's edit of a field settles its conflict (they chose), a merge adds the
// values both sides gave a field. Two versions of a record merge their sets as they merge
// the record, against the set both last agreed on: a value one side dropped was settled
// there, a value one side added stands. So a value in conflict on one desk is not lost to a
// change another desk made without seeing it.

// conflictsOf is the conflicts kept with the record at key.
func conflictsOf(txn *badger.Txn, key []byte) ([]Conflict, error) {
	var cs conflictsRecord
	_, err := get(txn, conflictKey(key), &cs)
	return cs.Conflicts, err
}

// setConflicts keeps the record's conflicts, or forgets them when there are none.
func setConflicts(txn *badger.Txn, key []byte, cs []Conflict) error {
	if len(cs) == 0 {
		return txn.Delete(conflictKey(key))
	}
	v, err := encode(conflictsRecord{Schema: 1, Conflicts: cs})
	if err != nil {
		return err
	}
	return txn.Set(conflictKey(key), v)
}

// settle keeps, of the record's conflicts, those whose field a change from was to now left
// as it was: a person changed the others, and so chose their value. A conflict over the
// whole record (deleted on one desk, kept on another) is settled by any change, and every
// conflict by a delete.
func settle(cs []Conflict, was, now []byte) ([]Conflict, error) {
	if len(cs) == 0 || now == nil {
		return nil, nil
	}
	before, err := merge.Values(was)
	if err != nil {
		return nil, nil // a record that can't be read has no field to keep a conflict of
	}
	after, err := merge.Values(now)
	if err != nil {
		return nil, err
	}
	var kept []Conflict
	for _, c := range cs {
		if c.Field != "" && sameField(before[c.Field], after[c.Field]) {
			kept = append(kept, c)
		}
	}
	return kept, nil
}

// sameField reports whether a field reads the same in two versions: no list, a null one and
// an empty one are all none, as the merge reads them.
func sameField(a, b json.RawMessage) bool {
	none := func(v json.RawMessage) bool { return len(v) == 0 || string(v) == "null" || string(v) == "[]" }
	return bytes.Equal(a, b) || none(a) && none(b)
}

// mergeConflicts is the conflicts of a record merged from two versions: the two sides' sets
// of values merged field by field against the set last agreed on, with the conflicts the
// merge itself found. A field's conflict needs two values: the value the merged record
// holds, when it is not among them, is added as the side's that gave it (current); a field
// left with one value is settled.
func mergeConflicts(base, ours, theirs, found []Conflict, merged []byte, current func(field string, value json.RawMessage) ConflictValue) ([]Conflict, error) {
	if merged == nil {
		return nil, nil
	}
	now, err := merge.Values(merged)
	if err != nil {
		return nil, err
	}
	b, o, t := byField(base), byField(ours), byField(theirs)
	fields := map[string]bool{}
	for _, m := range []map[string][]ConflictValue{o, t} {
		for f := range m {
			fields[f] = true
		}
	}
	for _, c := range found {
		fields[c.Field] = true
	}
	var out []Conflict
	for _, f := range slices.Sorted(maps.Keys(fields)) {
		var vs []ConflictValue
		add := func(v ConflictValue) {
			if !slices.ContainsFunc(vs, func(x ConflictValue) bool { return sameValue(x, v) }) {
				vs = append(vs, v)
			}
		}
		for _, v := range o[f] {
			if has(t[f], v) || !has(b[f], v) {
				add(v)
			}
		}
		for _, v := range t[f] {
			if !has(b[f], v) {
				add(v)
			}
		}
		for _, c := range found {
			if c.Field == f {
				for _, v := range c.Values {
					add(v)
				}
			}
		}
		if len(vs) == 0 {
			continue
		}
		if cur, ok := now[f]; ok && f != "" && !slices.ContainsFunc(vs, func(x ConflictValue) bool { return sameJSON(x.Value, cur) }) {
			add(current(f, cur))
		}
		if distinct(vs) < 2 {
			continue
		}
		out = append(out, Conflict{Field: f, Values: vs})
	}
	return out, nil
}

// unseen is the fields where side holds a value in conflict that base doesn't: one the other
// side has not seen.
func unseen(base, side []Conflict) []string {
	b := byField(base)
	var out []string
	for _, c := range side {
		if slices.ContainsFunc(c.Values, func(v ConflictValue) bool { return !has(b[c.Field], v) }) && !slices.Contains(out, c.Field) {
			out = append(out, c.Field)
		}
	}
	return out
}

// whose is v as the side's conflicts at the field name it, with who gave it: a provisional
// value is not the work of the desk that merely holds it.
func whose(cs []Conflict, field string, v ConflictValue) ConflictValue {
	for _, c := range cs {
		if c.Field != field {
			continue
		}
		for _, x := range c.Values {
			if sameJSON(x.Value, v.Value) {
				return x
			}
		}
	}
	return v
}

func byField(cs []Conflict) map[string][]ConflictValue {
	m := map[string][]ConflictValue{}
	for _, c := range cs {
		m[c.Field] = append(m[c.Field], c.Values...)
	}
	return m
}

func has(vs []ConflictValue, v ConflictValue) bool {
	return slices.ContainsFunc(vs, func(x ConflictValue) bool { return sameValue(x, v) })
}

// sameValue reports whether two values in conflict are one: the same value from the same
// person.
func sameValue(a, b ConflictValue) bool { return a.By == b.By && sameJSON(a.Value, b.Value) }

func sameJSON(a, b json.RawMessage) bool {
	if bytes.Equal(a, b) {
		return true
	}
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	ra, _ := json.Marshal(x)
	rb, _ := json.Marshal(y)
	return bytes.Equal(ra, rb)
}

// distinct is how many different values vs holds, whoever gave them.
func distinct(vs []ConflictValue) int {
	var seen []json.RawMessage
	for _, v := range vs {
		if !slices.ContainsFunc(seen, func(x json.RawMessage) bool { return sameJSON(x, v.Value) }) {
			seen = append(seen, v.Value)
		}
	}
	return len(seen)
}

// sameConflicts reports whether two lists hold the same conflicts, in any order.
func sameConflicts(a, b []Conflict) bool {
	if len(a) != len(b) {
		return false
	}
	ab, bb := byField(a), byField(b)
	for f, vs := range ab {
		if len(vs) != len(bb[f]) {
			return false
		}
		for _, v := range vs {
			if !has(bb[f], v) {
				return false
			}
		}
	}
	return true
}
