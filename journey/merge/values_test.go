package merge

import (
	"strings"
	"testing"
)

// TestValuesNameFieldsAsConflictsDo: a conflict's path reads its provisional value off the
// merged record, at every depth and in every kind of list.
func TestValuesNameFieldsAsConflictsDo(t *testing.T) {
	tests := []struct {
		name, base, ours, theirs string
		path, want               string
	}{
		{"a field", `{"title":"A"}`, `{"title":"B"}`, `{"title":"C"}`, "title", `"C"`},
		{"inside an object", `{"action":{"due":"1"}}`, `{"action":{"due":"2"}}`, `{"action":{"due":"3"}}`, "action.due", `"3"`},
		{"an item's field", `{"stages":[{"id":"s1","name":"A"}]}`, `{"stages":[{"id":"s1","name":"B"}]}`, `{"stages":[{"id":"s1","name":"C"}]}`,
			"stages[s1].name", `"C"`},
		{"an emotion's score", `{"emotions":[{"stage":"s1","score":0}]}`, `{"emotions":[{"stage":"s1","score":1}]}`, `{"emotions":[{"stage":"s1","score":-1}]}`,
			"emotions[stage=s1].score", `1`},
		{"an id with a dot", `{"stages":[{"id":"s.1","name":"A"}]}`, `{"stages":[{"id":"s.1","name":"B"}]}`, `{"stages":[{"id":"s.1","name":"C"}]}`,
			"stages[s.1].name", `"C"`},
		{"the whole record", `{"title":"A"}`, `{"title":"B"}`, ``, "", `{"title":"B"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			version := func(s string) []byte {
				if s == "" {
					return nil
				}
				return []byte(s)
			}
			merged, conflicts, err := Merge(version(tt.base), version(tt.ours), version(tt.theirs))
			if err != nil || len(conflicts) != 1 || conflicts[0].Path != tt.path {
				t.Fatalf("merge: %s, %v, %v", merged, conflicts, err)
			}
			vs, err := Values(merged)
			if err != nil {
				t.Fatal(err)
			}
			if got := string(vs[tt.path]); got != tt.want {
				t.Errorf("Values(%s)[%q] = %s, want %s", merged, tt.path, got, tt.want)
			}
		})
	}
	if vs, err := Values(nil); err != nil || vs != nil {
		t.Errorf("Values(nil) = %v, %v", vs, err)
	}
	if _, err := Values([]byte(`[1]`)); err == nil || !strings.Contains(err.Error(), "object") {
		t.Errorf("Values of a list: %v", err)
	}
}
