package interchange

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
)

// maxUnknown is how many unknown fields UnknownFields names; a file written for something
// else would otherwise bury the reader in them.
const maxUnknown = 20

// UnknownFields lists, for a workspace file that parses, the fields Journeymap does not read,
// by their path, each with the field meant when one is close: "ignored unknown field
// journeys[0].painPoints[3].severty — did you mean severity?".
func UnknownFields(data []byte) []string {
	data = bytes.TrimPrefix(data, []byte(utf8BOM))
	var notes []string
	unknownIn("", json.RawMessage(data), reflect.TypeFor[fileOut](), &notes)
	if len(notes) > maxUnknown {
		notes = append(notes[:maxUnknown], fmt.Sprintf("and %d more unknown fields", len(notes)-maxUnknown))
	}
	return notes
}

func unknownIn(path string, raw json.RawMessage, t reflect.Type, notes *[]string) {
	switch t.Kind() {
	case reflect.Slice:
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) != nil {
			return
		}
		for i, item := range items {
			unknownIn(fmt.Sprintf("%s[%d]", path, i), item, t.Elem(), notes)
		}
	case reflect.Struct:
		var fields map[string]json.RawMessage
		if json.Unmarshal(raw, &fields) != nil {
			return
		}
		known := map[string]reflect.Type{}
		for f := range t.Fields() {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name != "" && name != "-" {
				known[name] = f.Type
			}
		}
		var former []string
		if f, ok := reflect.Zero(reflect.PointerTo(t)).Interface().(interface{ FormerFields() []string }); ok {
			former = f.FormerFields()
		}
		for _, k := range sortedKeys(fields) {
			at := strings.TrimPrefix(path+"."+k, ".")
			ft, ok := known[k]
			if !ok && slices.Contains(former, k) {
				continue // read under its former name
			}
			if !ok {
				note := "ignored unknown field " + clip(at)
				if meant := closest(k, known); meant != "" {
					note += " — did you mean " + meant + "?"
				}
				*notes = append(*notes, note)
				continue
			}
			unknownIn(at, fields[k], ft, notes)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// closest returns the known name a typo most likely meant: the same but for case, or at most
// two letters added, left out, changed or swapped; "" when none is that close.
func closest(name string, known map[string]reflect.Type) string {
	best, bestDist := "", 3
	for _, k := range sortedKeys(known) {
		d := editDistance(strings.ToLower(name), strings.ToLower(k))
		if d < bestDist {
			best, bestDist = k, d
		}
	}
	if bestDist > 1 && len(name) < 5 {
		return "" // two edits of a short word reach too many others
	}
	return best
}

// editDistance is the optimal string alignment distance: insertions, deletions,
// substitutions and swaps of neighbours each count one.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
