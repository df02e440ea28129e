package sharing

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"journeymap/journey"
	"journeymap/journey/interchange"
	"journeymap/storage"
)

// fact is one value of a workspace: the path to a field, items named by their ids as the
// merge names them ("journeys[j1].cards[c-4].text"), and its JSON.
type fact struct{ Path, Value string }

// facts is a workspace as its values, by path. Orders are not values: concurrent moves
// converge to one order, and nothing typed is in an order.
type facts map[string]string

// factsOf is the values of w.
func factsOf(w *journey.Workspace) (facts, error) {
	b, err := interchange.Marshal(w)
	if err != nil {
		return nil, err
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, err
	}
	out := facts{}
	flatten(out, "", v)
	return out, nil
}

// flatten puts the leaves of v, at path, into out; items of a list go by their id (or
// stage, for an emotion score), a list of anything else is one value.
func flatten(out facts, path string, v any) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			flatten(out, joinPath(path, k), x)
		}
		return
	case []any:
		if len(v) == 0 {
			return // no value: the items added to it are
		}
		if slices.IndexFunc(v, func(x any) bool { return itemID(x) == "" }) < 0 {
			for _, x := range v {
				flatten(out, fmt.Sprintf("%s[%s]", path, itemID(x)), x)
			}
			return
		}
	}
	b, _ := json.Marshal(v)
	out[path] = string(b)
}

func itemID(v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		return ""
	}
	if id, ok := m["id"].(string); ok {
		return id
	}
	if s, ok := m["stage"].(string); ok {
		return "stage=" + s
	}
	b, _ := json.Marshal(m) // an unnamed pulse is what it says
	return string(b)
}

func joinPath(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

// recordPath is where a record's fields are in the workspace's facts.
func recordPath(r journey.Ref) string {
	switch r.Kind {
	case journey.RefMember:
		return "members[" + r.ID + "]"
	case journey.RefPulse:
		return "pulses[" + r.ID + "]"
	case journey.RefJourney:
		return "journeys[" + r.ID + "]"
	case journey.RefCard:
		return "journeys[" + r.Journey + "].cards[" + r.ID + "]"
	case journey.RefPainPoint:
		return "journeys[" + r.Journey + "].painPoints[" + r.ID + "]"
	}
	return ""
}

// conflictFacts is every value that stands in a conflict, with the path of the field it is
// in conflict at ("" for a whole record).
func conflictFacts(cs []storage.RecordConflict) (values facts, at map[fact]string) {
	values, at = facts{}, map[fact]string{}
	for _, c := range cs {
		field := joinPath(recordPath(c.Record), c.Field)
		for _, cv := range c.Values {
			var v any
			if err := json.Unmarshal(cv.Value, &v); err != nil || v == nil {
				continue
			}
			one := facts{}
			flatten(one, field, v)
			for p, x := range one {
				values[p+"\x00"+x] = x
				at[fact{p, x}] = field
			}
		}
	}
	return values, at
}

// ledger keeps what a convergence test's desks did: every value an edit acknowledged as saved
// wrote, and every value a person replaced knowingly (it was on their desk, in the field or
// in the field's conflict, when they changed the field). Once the desks converge, every value
// written and not replaced knowingly must be in the workspace or stand in a conflict.
type ledger struct {
	wrote    map[fact]string // by the edit that wrote it, said
	replaced map[fact]bool
}

func newLedger() *ledger { return &ledger{wrote: map[fact]string{}, replaced: map[fact]bool{}} }

// change is what an edit changed on a desk: the values it replaced, from the desk's workspace
// before and the conflicts the desk held, and the values it wrote.
func change(before, after facts, conflicts []storage.RecordConflict) (replaced, wrote []fact) {
	var changed []string
	for p, v := range before {
		if a, ok := after[p]; !ok || a != v {
			replaced = append(replaced, fact{p, v})
			changed = append(changed, p)
		}
	}
	for p, v := range after {
		if b, ok := before[p]; !ok || b != v {
			wrote = append(wrote, fact{p, v})
			changed = append(changed, p)
		}
	}
	// A conflict settles where the person changed its field: its values were before them.
	_, at := conflictFacts(conflicts)
	for f, field := range at {
		if slices.ContainsFunc(changed, func(p string) bool { return within(p, field) }) {
			replaced = append(replaced, f)
		}
	}
	return replaced, wrote
}

// within reports whether path is field or a field inside it.
func within(path, field string) bool {
	return path == field || strings.HasPrefix(path, field+".") || strings.HasPrefix(path, field+"[")
}

// intend records what an edit is about to replace: before it is saved, so that a kill that
// cuts off its acknowledgement does not make what it replaced look lost.
func (l *ledger) intend(replaced []fact) {
	for _, f := range replaced {
		l.replaced[f] = true
	}
}

// acknowledge records what a saved edit wrote.
func (l *ledger) acknowledge(said string, wrote []fact) {
	for _, f := range wrote {
		l.wrote[f] = said
	}
}

// lost is every value written, not replaced knowingly, that is neither in the converged
// workspace nor in one of its conflicts.
func (l *ledger) lost(final facts, conflicts []storage.RecordConflict) []string {
	held, _ := conflictFacts(conflicts)
	var out []string
	for f, said := range l.wrote {
		if l.replaced[f] || final[f.Path] == f.Value || held[f.Path+"\x00"+f.Value] != "" {
			continue
		}
		now, ok := final[f.Path]
		if !ok {
			now = "(none)"
		}
		out = append(out, fmt.Sprintf("%s = %s (%s) is %s", f.Path, f.Value, said, now))
	}
	sort.Strings(out)
	return out
}

// mustFacts is factsOf for a test that holds a valid workspace.
func mustFacts(w *journey.Workspace) facts {
	f, err := factsOf(w)
	if err != nil {
		panic(err)
	}
	return f
}
