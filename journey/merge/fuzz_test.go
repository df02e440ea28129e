package merge

import (
	"encoding/json"
	"testing"
)

// FuzzMerge: whatever three versions a network brings, Merge returns an error or a record
// that is a JSON object (or none), never panics; merging a version with itself changes nothing.
func FuzzMerge(f *testing.F) {
	f.Add([]byte(`{"a":1}`), []byte(`{"a":2}`), []byte(`{"a":3}`))
	f.Add([]byte(`{"stages":[{"id":"s1"},{"id":"s2"}]}`), []byte(`{"stages":[{"id":"s2"}]}`), []byte(`{"stages":[{"id":"s1","name":"x"}]}`))
	f.Add([]byte(`{"cards":["a","b"]}`), []byte(`{"cards":["b","a"]}`), []byte(`{"cards":["a","b","c"]}`))
	f.Fuzz(func(t *testing.T, base, ours, theirs []byte) {
		merged, conflicts, err := Merge(base, ours, theirs)
		if err != nil {
			return
		}
		if merged != nil {
			var v map[string]any
			if err := json.Unmarshal(merged, &v); err != nil {
				t.Fatalf("merged %s is no object: %v", merged, err)
			}
		}
		vs, err := Values(merged)
		if err != nil {
			t.Fatalf("the merged record's values: %v", err)
		}
		for _, c := range conflicts {
			if _, ok := vs[c.Path]; !ok && merged != nil {
				t.Fatalf("conflict %q names no value of %s", c.Path, merged)
			}
		}
		same, conflicts, err := Merge(ours, ours, ours)
		if err != nil || len(conflicts) > 0 {
			t.Fatalf("ours with itself: %v, %v", conflicts, err)
		}
		var a, b any
		json.Unmarshal(same, &a)
		json.Unmarshal(ours, &b)
		if ra, _ := json.Marshal(a); string(ra) != func() string { rb, _ := json.Marshal(b); return string(rb) }() {
			t.Fatalf("ours with itself: got %s from %s", same, ours)
		}
	})
}
