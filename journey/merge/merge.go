package merge

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Conflict is one field that both sides changed, to different values, since they last
// agreed. Path names it from the record's top ("title", "stages[s-2].name"; "" for the whole
// record, when one side deleted it and the other changed it). A side's value is null when
// that side deleted what the other changed.
type Conflict struct {
	Path   string          `json:"path"`
	Ours   json.RawMessage `json:"ours"`
	Theirs json.RawMessage `json:"theirs"`
}

// Merge merges ours and theirs, two versions of one record that both come from base: JSON
// objects, or nil for a record that does not exist (base nil: both sides made it; a side nil:
// that side deleted it). It returns the merged record (nil: deleted) and the conflicts, each
// field in conflict holding its provisional value: of the two, the one whose JSON sorts last,
// so that the same two versions merge to the same record whichever side is ours. A record
// deleted on one side and changed on the other is kept as changed, the delete a conflict:
// nothing typed is lost to a delete nobody saw it against.
func Merge(base, ours, theirs []byte) ([]byte, []Conflict, error) {
	return MergeHolding(base, ours, theirs, nil, nil)
}

// MergeHolding is Merge for versions that each may hold, in a conflict, a value of a field
// the other side has not seen: oursHeld and theirsHeld are those fields' paths. A field so
// held counts as changed on that side though its provisional value is the one agreed on, so
// that the other side's change or delete of it (or of the item or record it is in), made
// without seeing the value, is a conflict rather than the end of it.
func MergeHolding(base, ours, theirs []byte, oursHeld, theirsHeld []string) ([]byte, []Conflict, error) {
	b, err := decode(base)
	if err != nil {
		return nil, nil, fmt.Errorf("the agreed version: %w", err)
	}
	o, err := decode(ours)
	if err != nil {
		return nil, nil, fmt.Errorf("this side's version: %w", err)
	}
	t, err := decode(theirs)
	if err != nil {
		return nil, nil, fmt.Errorf("the other side's version: %w", err)
	}
	if base == nil {
		b = map[string]any{} // both made it: every field is an addition
		if ours == nil || theirs == nil {
			b = absent
		}
	}
	m := &merger{ours: oursHeld, theirs: theirsHeld}
	out := m.value("", b, o, t)
	if out == absent {
		return nil, m.conflicts, nil
	}
	merged, err := json.Marshal(out)
	return merged, m.conflicts, err
}

// absent stands for a value that is not there: a field a version lacks, an item not in its
// list, a record deleted.
var absent = &struct{ absent bool }{true}

func decode(b []byte) (any, error) {
	if b == nil {
		return absent, nil
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, fmt.Errorf("more follows the record: %.40s", b[d.InputOffset():])
	}
	if _, ok := v.(map[string]any); !ok {
		return nil, fmt.Errorf("a record is a JSON object, not %s", bytes.TrimSpace(b))
	}
	return v, nil
}

type merger struct {
	conflicts    []Conflict
	ours, theirs []string // the fields each side holds a value of unseen by the other
}

// holds reports whether one of the fields is at path or inside it.
func holds(fields []string, path string) bool {
	for _, f := range fields {
		if path == "" || f == path || strings.HasPrefix(f, path+".") || strings.HasPrefix(f, path+"[") {
			return true
		}
	}
	return false
}

// value merges one value of the record, at path.
func (m *merger) value(path string, b, o, t any) any {
	b, o, t = emptyLists(b, o, t)
	switch {
	case equal(o, t):
		return o
	case equal(o, b) && !holds(m.ours, path):
		return t
	case equal(t, b) && !holds(m.theirs, path):
		return o
	}
	if om, ok := o.(map[string]any); ok {
		if tm, ok := t.(map[string]any); ok {
			bm, _ := b.(map[string]any)
			return m.object(path, bm, om, tm)
		}
	}
	if oa, ok := o.([]any); ok {
		if ta, ok := t.([]any); ok {
			ba, _ := b.([]any)
			if merged, ok := m.list(path, ba, oa, ta); ok {
				return merged
			}
		}
	}
	return m.conflict(path, o, t)
}

// conflict records that both sides changed the value at path, and returns its provisional
// value. A value deleted on one side loses to one changed on the other.
func (m *merger) conflict(path string, o, t any) any {
	m.conflicts = append(m.conflicts, Conflict{Path: path, Ours: raw(o), Theirs: raw(t)})
	switch {
	case o == absent:
		return t
	case t == absent:
		return o
	case bytes.Compare(raw(o), raw(t)) >= 0:
		return o
	}
	return t
}

func (m *merger) object(path string, b, o, t map[string]any) any {
	out := map[string]any{}
	for _, k := range keys(b, o, t) {
		if v := m.value(join(path, k), field(b, k), field(o, k), field(t, k)); v != absent {
			out[k] = v
		}
	}
	return out
}

func field(m map[string]any, k string) any {
	if v, ok := m[k]; ok {
		return v
	}
	return absent
}

func keys(ms ...map[string]any) []string {
	var out []string
	for _, m := range ms {
		for k := range m {
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	slices.Sort(out)
	return out
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

// list merges a list of items that each say who they are (by "id", or by "stage" for an
// emotion score, of which a stage has one) item by item, and a list of ids as ids; any other
// list is one value (ok false).
func (m *merger) list(path string, b, o, t []any) ([]any, bool) {
	bi, bok := identify(b)
	oi, ook := identify(o)
	ti, tok := identify(t)
	if !bok || !ook || !tok {
		return nil, false
	}
	var kept []string
	byID := map[string]any{}
	for _, id := range union(bi.order, oi.order, ti.order) {
		v := m.value(fmt.Sprintf("%s[%s]", path, id), item(bi, id), item(oi, id), item(ti, id))
		if v != absent {
			kept = append(kept, id)
			byID[id] = v
		}
	}
	order := mergeOrder(bi.order, oi.order, ti.order, kept)
	out := make([]any, len(order))
	for i, id := range order {
		out[i] = byID[id]
	}
	return out, true
}

// identified is a list's items by who they are, and their order.
type identified struct {
	order []string
	items map[string]any
}

func item(l identified, id string) any {
	if v, ok := l.items[id]; ok {
		return v
	}
	return absent
}

// identify says who each item of a list is: a string is itself (a list of ids), an object is
// its "id", or its "stage"; a list holding anything else, or one item twice, has no ids.
func identify(l []any) (identified, bool) {
	out := identified{items: map[string]any{}}
	for _, v := range l {
		var id string
		switch v := v.(type) {
		case string:
			id = "=" + v
		case map[string]any:
			if s, ok := v["id"].(string); ok {
				id = s
			} else if s, ok := v["stage"].(string); ok {
				id = "stage=" + s
			} else {
				return out, false
			}
		default:
			return out, false
		}
		if _, twice := out.items[id]; twice {
			return out, false
		}
		out.order = append(out.order, id)
		out.items[id] = v
	}
	return out, true
}

func union(lists ...[]string) []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range lists {
		for _, id := range l {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	return out
}

// mergeOrder orders the kept ids. The other side's order stands when it moved items, or else
// ours does (what stood still gives way to what was moved); an id one side added goes after
// the item it followed on that side.
func mergeOrder(b, o, t, kept []string) []string {
	isKept := map[string]bool{}
	for _, id := range kept {
		isKept[id] = true
	}
	first, second := o, t
	if moved(b, t) {
		first, second = t, o
	}
	var out []string
	for _, id := range first {
		if isKept[id] {
			out = append(out, id)
		}
	}
	for i, id := range second {
		if !isKept[id] || slices.Contains(out, id) {
			continue
		}
		at := 0
		for j := i - 1; j >= 0; j-- {
			if k := slices.Index(out, second[j]); k >= 0 {
				at = k + 1
				break
			}
		}
		out = slices.Insert(out, at, id)
	}
	for _, id := range kept { // kept by a conflict, in neither side's list
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// moved reports whether the items side shares with base stand in another order.
func moved(base, side []string) bool {
	in := func(l []string) map[string]bool {
		m := map[string]bool{}
		for _, id := range l {
			m[id] = true
		}
		return m
	}
	inBase, inSide := in(base), in(side)
	var b, s []string
	for _, id := range base {
		if inSide[id] {
			b = append(b, id)
		}
	}
	for _, id := range side {
		if inBase[id] {
			s = append(s, id)
		}
	}
	return !slices.Equal(b, s)
}

// emptyLists reads a null where another version holds a list as the empty list, as Go
// writes an empty list: a version that never had an item is not in conflict with one that
// had some and has none now.
func emptyLists(vs ...any) (b, o, t any) {
	list := false
	for _, v := range vs {
		if _, ok := v.([]any); ok {
			list = true
		}
	}
	if list {
		for i, v := range vs {
			if v == nil {
				vs[i] = []any{}
			}
		}
	}
	return vs[0], vs[1], vs[2]
}

func equal(a, b any) bool {
	if a == absent || b == absent {
		return a == b
	}
	return bytes.Equal(raw(a), raw(b))
}

// raw is a value's JSON, with an object's keys sorted, so that equal values encode alike;
// null for absent.
func raw(v any) json.RawMessage {
	if v == absent {
		return json.RawMessage("null")
	}
	b, err := json.Marshal(v)
	if err != nil { // a decoded JSON value always encodes
		return json.RawMessage(strconv.Quote(err.Error()))
	}
	return b
}
