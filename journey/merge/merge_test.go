package merge

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestMerge(t *testing.T) {
	const base = `{"id":"p","title":"Refund slow","severity":3,"owner":"m-ana"}`
	tests := []struct {
		name              string
		base, ours, their string // "" is no record
		want              string // "" is no record
		conflicts         []string
	}{
		{"only ours changed", base, `{"id":"p","title":"Refund takes two weeks","severity":3,"owner":"m-ana"}`, base,
			`{"id":"p","owner":"m-ana","severity":3,"title":"Refund takes two weeks"}`, nil},
		{"different fields both stand", base, `{"id":"p","title":"Refund takes two weeks","severity":3,"owner":"m-ana"}`,
			`{"id":"p","title":"Refund slow","severity":5,"owner":"m-ana"}`,
			`{"id":"p","owner":"m-ana","severity":5,"title":"Refund takes two weeks"}`, nil},
		{"the same change on both sides", base, `{"id":"p","title":"X","severity":3,"owner":"m-ana"}`, `{"id":"p","title":"X","severity":3,"owner":"m-ana"}`,
			`{"id":"p","owner":"m-ana","severity":3,"title":"X"}`, nil},
		{"the same field changed both ways", base, `{"id":"p","title":"A","severity":3,"owner":"m-ana"}`, `{"id":"p","title":"B","severity":3,"owner":"m-ana"}`,
			`{"id":"p","owner":"m-ana","severity":3,"title":"B"}`, []string{"title"}},
		{"a field added on one side", base, `{"id":"p","title":"Refund slow","severity":3,"owner":"m-ana","detail":"d"}`, `{"id":"p","title":"Refund slow","severity":2,"owner":"m-ana"}`,
			`{"detail":"d","id":"p","owner":"m-ana","severity":2,"title":"Refund slow"}`, nil},
		{"a field dropped on one side", base, `{"id":"p","title":"Refund slow","severity":3}`, `{"id":"p","title":"Refund slow","severity":2,"owner":"m-ana"}`,
			`{"id":"p","severity":2,"title":"Refund slow"}`, nil},
		{"deleted here, unchanged there", base, "", base, "", nil},
		{"deleted here, changed there: kept as changed", base, "", `{"id":"p","title":"Refund slow","severity":5,"owner":"m-ana"}`,
			`{"id":"p","owner":"m-ana","severity":5,"title":"Refund slow"}`, []string{""}},
		{"changed here, deleted there: kept as changed", base, `{"id":"p","title":"Z","severity":3,"owner":"m-ana"}`, "",
			`{"id":"p","owner":"m-ana","severity":3,"title":"Z"}`, []string{""}},
		{"deleted on both sides", base, "", "", "", nil},
		{"made on both sides", "", `{"id":"p","title":"A","severity":3}`, `{"id":"p","title":"B","severity":3}`,
			`{"id":"p","severity":3,"title":"B"}`, []string{"title"}},
		{"no list and an empty one are alike", `{"emotions":null,"title":"A"}`, `{"emotions":[{"stage":"s1","score":2}],"title":"A"}`, `{"emotions":[],"title":"B"}`,
			`{"emotions":[{"score":2,"stage":"s1"}],"title":"B"}`, nil},
		{"stages renamed one each", `{"stages":[{"id":"s1","name":"Order"},{"id":"s2","name":"Wait"}]}`,
			`{"stages":[{"id":"s1","name":"Buy"},{"id":"s2","name":"Wait"}]}`, `{"stages":[{"id":"s1","name":"Order"},{"id":"s2","name":"Delivery"}]}`,
			`{"stages":[{"id":"s1","name":"Buy"},{"id":"s2","name":"Delivery"}]}`, nil},
		{"a stage added on each side", `{"stages":[{"id":"s1"},{"id":"s2"}]}`,
			`{"stages":[{"id":"s1"},{"id":"a"},{"id":"s2"}]}`, `{"stages":[{"id":"s1"},{"id":"s2"},{"id":"b"}]}`,
			`{"stages":[{"id":"s1"},{"id":"a"},{"id":"s2"},{"id":"b"}]}`, nil},
		{"moved there, renamed here", `{"stages":[{"id":"s1","name":"A"},{"id":"s2","name":"B"}]}`,
			`{"stages":[{"id":"s1","name":"A2"},{"id":"s2","name":"B"}]}`, `{"stages":[{"id":"s2","name":"B"},{"id":"s1","name":"A"}]}`,
			`{"stages":[{"id":"s2","name":"B"},{"id":"s1","name":"A2"}]}`, nil},
		{"moved here, an id added there", `{"cards":["c1","c2","c3"]}`, `{"cards":["c3","c1","c2"]}`, `{"cards":["c1","c2","c3","c4"]}`,
			`{"cards":["c3","c4","c1","c2"]}`, nil}, // c4 after c3, which it followed
		{"an id deleted here, another added there", `{"cards":["c1","c2"]}`, `{"cards":["c2"]}`, `{"cards":["c0","c1","c2"]}`,
			`{"cards":["c0","c2"]}`, nil},
		{"a stage deleted here, renamed there", `{"stages":[{"id":"s1","name":"A"},{"id":"s2","name":"B"}]}`,
			`{"stages":[{"id":"s2","name":"B"}]}`, `{"stages":[{"id":"s1","name":"A1"},{"id":"s2","name":"B"}]}`,
			`{"stages":[{"id":"s1","name":"A1"},{"id":"s2","name":"B"}]}`, []string{"stages[s1]"}},
		{"emotion scores by stage", `{"emotions":[{"stage":"s1","score":1}]}`, `{"emotions":[{"stage":"s1","score":2}]}`,
			`{"emotions":[{"stage":"s1","score":1},{"stage":"s2","score":-2}]}`,
			`{"emotions":[{"score":2,"stage":"s1"},{"score":-2,"stage":"s2"}]}`, nil},
		{"a list of other things is one value", `{"tags":[1,2]}`, `{"tags":[1,2,3]}`, `{"tags":[0,1,2]}`,
			`{"tags":[1,2,3]}`, []string{"tags"}},
	}
	bytesOf := func(s string) []byte {
		if s == "" {
			return nil
		}
		return []byte(s)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, swapped := range []bool{false, true} {
				ours, theirs := tt.ours, tt.their
				if swapped {
					ours, theirs = theirs, ours
				}
				got, conflicts, err := Merge(bytesOf(tt.base), bytesOf(ours), bytesOf(theirs))
				if err != nil {
					t.Fatal(err)
				}
				var paths []string
				for _, c := range conflicts {
					paths = append(paths, c.Path)
				}
				if string(got) != tt.want && !(swapped && orderDiffers(tt.name)) {
					t.Errorf("swapped %v: got %s, want %s", swapped, got, tt.want)
				}
				if len(paths) != len(tt.conflicts) || (len(paths) > 0 && paths[0] != tt.conflicts[0]) {
					t.Errorf("swapped %v: conflicts %q, want %q", swapped, paths, tt.conflicts)
				}
			}
		})
	}
}

// orderDiffers names the cases whose merged order depends on which side merges: where both
// sides added beside the same item, or one moved, the side that merges puts its own additions
// in; the server's compare-and-set makes one side merge, so every desk sees that one result.
func orderDiffers(name string) bool {
	return name == "a stage added on each side"
}

// TestAConflictKeepsBothValues: a conflict holds each side's value, a deleted side's as null.
func TestAConflictKeepsBothValues(t *testing.T) {
	_, conflicts, err := Merge([]byte(`{"title":"A"}`), []byte(`{"title":"B"}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []Conflict{{Path: "", Ours: json.RawMessage(`{"title":"B"}`), Theirs: json.RawMessage(`null`)}}
	if len(conflicts) != 1 || string(conflicts[0].Ours) != string(want[0].Ours) || string(conflicts[0].Theirs) != "null" {
		t.Errorf("got %+v, want %+v", conflicts, want)
	}
}

// TestMergeRefusesWhatIsNoRecord: a version that is not a JSON object is refused, naming it.
func TestMergeRefusesWhatIsNoRecord(t *testing.T) {
	for _, bad := range []string{`[1]`, `"x"`, `{`, ``} {
		if _, _, err := Merge([]byte(`{}`), []byte(bad), []byte(`{}`)); err == nil {
			t.Errorf("%q merged", bad)
		}
	}
}

// TestAHeldValueIsAChange: a field a side holds a value of, in a conflict the other side has
// not seen, counts as changed there even when its provisional value is the agreed one: the
// other side's change is a conflict, and its delete of the field, the item or the record
// doesn't win.
func TestAHeldValueIsAChange(t *testing.T) {
	const base = `{"id":"j","stages":[{"id":"s1","name":"Agreed"}],"title":"T"}`
	tests := []struct {
		name                 string
		ours, theirs         string // "" is no record
		oursHeld, theirsHeld []string
		want                 string
		conflicts            []string
	}{
		{"not held: their change stands", base, `{"id":"j","stages":[{"id":"s1","name":"Theirs"}],"title":"T"}`, nil, nil,
			`{"id":"j","stages":[{"id":"s1","name":"Theirs"}],"title":"T"}`, nil},
		{"held: their change is a conflict", base, `{"id":"j","stages":[{"id":"s1","name":"Theirs"}],"title":"T"}`, []string{"stages[s1].name"}, nil,
			`{"id":"j","stages":[{"id":"s1","name":"Theirs"}],"title":"T"}`, []string{"stages[s1].name"}},
		{"held: the item they deleted stays", base, `{"id":"j","stages":[],"title":"T"}`, []string{"stages[s1].name"}, nil,
			`{"id":"j","stages":[{"id":"s1","name":"Agreed"}],"title":"T"}`, []string{"stages[s1]"}},
		{"held there: the record deleted here stays", "", base, nil, []string{"title"},
			`{"id":"j","stages":[{"id":"s1","name":"Agreed"}],"title":"T"}`, []string{""}},
		{"a held field leaves the others as they merge", `{"id":"j","stages":[{"id":"s1","name":"Agreed"}],"title":"Ours"}`, base, []string{"stages[s1].name"}, nil,
			`{"id":"j","stages":[{"id":"s1","name":"Agreed"}],"title":"Ours"}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			version := func(s string) []byte {
				if s == "" {
					return nil
				}
				return []byte(s)
			}
			got, conflicts, err := MergeHolding([]byte(base), version(tt.ours), version(tt.theirs), tt.oursHeld, tt.theirsHeld)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("merged %s, want %s", got, tt.want)
			}
			var paths []string
			for _, c := range conflicts {
				paths = append(paths, c.Path)
			}
			if strings.Join(paths, ",") != strings.Join(tt.conflicts, ",") {
				t.Errorf("conflicts at %q, want %q", paths, tt.conflicts)
			}
		})
	}
}
