package interchange

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"journeymap/assets"
	"journeymap/journey"
)

const minimal = `{"format": "journeymap", "version": 1, "name": "T",
  "members": [{"id": "m1", "name": "Ana", "department": "Support", "capacity": 8}],
  "journeys": [{"id": "j1", "title": "J", "stages": [{"id": "s1", "name": "S"}],
    "lanes": [{"id": "l1", "kind": "pain", "name": "Pain"}],
    "painPoints": [{"id": "p1", "stage": "s1", "title": "P", "discovery": "unknown", "method": "data",
      "foundBy": "m1", "severity": 3, "effort": 2, "owner": "", "status": "open"}]}]}`

func TestRoundTripIsByteIdentical(t *testing.T) {
	for name, data := range map[string][]byte{"sample": assets.SampleWorkspace, "minimal": []byte(minimal)} {
		t.Run(name, func(t *testing.T) {
			w, err := Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			first, err := Marshal(w)
			if err != nil {
				t.Fatal(err)
			}
			w2, err := Parse(first)
			if err != nil {
				t.Fatalf("reading what we wrote: %v", err)
			}
			second, _ := Marshal(w2)
			if !bytes.Equal(first, second) {
				t.Errorf("export → import → export changed the bytes:\n%s\n---\n%s", first, second)
			}
		})
	}
}

func TestSampleIsCanonical(t *testing.T) {
	w, err := Parse(assets.SampleWorkspace)
	if err != nil {
		t.Fatalf("the sample workspace is invalid: %v", err)
	}
	out, _ := Marshal(w)
	if !bytes.Equal(out, assets.SampleWorkspace) {
		t.Error("assets/sample.journeymap.json is not in the form export writes; re-export it")
	}
	pains, unknown := 0, 0
	for _, j := range w.Journeys {
		pains += len(j.PainPoints)
		unknown += j.Discovered().Unknown
	}
	if len(w.Journeys) != 2 || len(w.Members) != 5 || pains < 12 || unknown == 0 || unknown == pains {
		t.Errorf("the sample should have 2 journeys, 5 members, 12+ pain points of both kinds; got %d, %d, %d (%d unknown)",
			len(w.Journeys), len(w.Members), pains, unknown)
	}
}

func TestByteOrderMarkAndUnknownFields(t *testing.T) {
	file := "\uFEFF" + strings.Replace(strings.Replace(minimal, `"severity": 3`, `"severty": 3, "severity": 3`, 1),
		`"name": "T",`, `"name": "T", "colour": "red", "Members": [],`, 1)
	if _, err := Parse([]byte(file)); err != nil {
		t.Fatalf("a file with a byte order mark, as Notepad saves it: %v", err)
	}
	got := UnknownFields([]byte(file))
	want := []string{
		"ignored unknown field Members — did you mean members?",
		"ignored unknown field colour",
		"ignored unknown field journeys[0].painPoints[0].severty — did you mean severity?",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if got := UnknownFields(assets.SampleWorkspace); len(got) != 0 {
		t.Errorf("the sample has unknown fields: %q", got)
	}
	// Evidence as earlier builds wrote it is read, so not called ignored; a typo beside it is.
	earlier := bytes.Replace(assets.SampleWorkspace, []byte(`"note":`), []byte(`"observed": "x", "nots": "y", "note":`), 1)
	want = []string{"ignored unknown field journeys[1].painPoints[3].evidence.nots — did you mean note?"}
	if got := UnknownFields(earlier); !slices.Equal(got, want) {
		t.Errorf("evidence with observed: got %q, want %q", got, want)
	}
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{{"severty", "severity", 1}, {"sevreity", "severity", 1}, {"sevetiry", "severity", 2}, {"effrot", "effort", 1}, {"", "abc", 3}, {"same", "same", 0}, {"kitten", "sitting", 3}} {
		if got := editDistance(c.a, c.b); got != c.d {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
}

func TestHostileFiles(t *testing.T) {
	huge := strings.Repeat("x", 10<<20)
	tests := []struct {
		name, file, want string
	}{
		{"empty", " \n", "the file is empty"},
		{"cut short", `{"format": "journeymap"`, "not valid JSON at the end of the file (line 1): the file ends too early: a closing } or ] or \" is missing"},
		{"bad JSON", "{\n  \"format\": \"journeymap\",\n  \"version\": 1,,\n}", "not valid JSON at line 3, column 16: expected a field name in double quotes (is there a comma too many?)"},
		{"text not closed", "{\n  \"format\": \"journeymap,\n  \"version\": 1\n}", "not valid JSON at line 2: a text is not closed: its ending \" is missing"},
		{"comma missing", "{\n  \"format\": \"journeymap\"\n  \"version\": 1\n}", "not valid JSON at line 3, column 3: expected a comma or } after the field (is a comma missing?)"},
		{"not an object", `[1, 2]`, "not a workspace file: it must hold one JSON object"},
		{"trailing data", minimal + `{}`, "not valid JSON at line 6, column 86: there is more after the workspace's closing }"},
		{"no format", `{"version": 1}`, "format: missing: this is not a Journeymap workspace file"},
		{"other format", `{"format": "trello", "version": 1}`, `format: must be "journeymap", got "trello"`},
		{"version 99", strings.Replace(minimal, `"version": 1`, `"version": 99`, 1),
			"version: the file is format version 99, newer than this Journeymap reads (up to 1): update Journeymap to open it"},
		{"version 0", strings.Replace(minimal, `"version": 1`, `"version": 0`, 1), "version: must be 1, got 0"},
		{"version text", strings.Replace(minimal, `"version": 1`, `"version": "1"`, 1), `version: must be a whole number, got "1"`},
		{"members not a list", strings.Replace(minimal, `"members": [`, `"members": {"a": [`, 1)[:0] + `{"format":"journeymap","version":1,"members":{}}`,
			"members: must be a list, got object"},
		{"wrong type deep", strings.Replace(minimal, `"severity": 3`, `"severity": "high"`, 1),
			"journeys[0].painPoints[0].severity: must be a whole number, got string"},
		{"fraction", strings.Replace(minimal, `"capacity": 8`, `"capacity": 7.5`, 1),
			"members[0].capacity: must be a whole number, got number 7.5"},
		{"dangling reference", strings.Replace(minimal, `"foundBy": "m1"`, `"foundBy": "m9"`, 1),
			`journeys[0].painPoints[0].foundBy: names no member: "m9"`},
		{"10 MB title", strings.Replace(minimal, `"title": "J"`, `"title": "`+huge+`"`, 1),
			"journeys[0].title: must be 1..200 characters, got 10485760"},
		{"bad enum", strings.Replace(minimal, `"status": "open"`, `"status": "OPEN"`, 1),
			`journeys[0].painPoints[0].status: must be one of [open doing done verified], got "OPEN"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := Parse([]byte(tt.file))
			if err == nil {
				t.Fatalf("got a workspace %+v, want an error", w)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got %q, want it to start with %q", err.Error(), tt.want)
			}
			if strings.Contains(err.Error(), "\n") || len(err.Error()) > 300 {
				t.Errorf("the message should be one short line, got %d bytes", len(err.Error()))
			}
		})
	}
}

func TestUnknownFieldsIgnored(t *testing.T) {
	file := strings.Replace(minimal, `"name": "T"`, `"name": "T", "colour": "teal", "extra": {"x": [1]}`, 1)
	if _, err := Parse([]byte(file)); err != nil {
		t.Fatal(err)
	}
}

func TestTooLargeIsRefusedBeforeParsing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.journeymap.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse file: over the limit on disk without costing the test 64 MiB of writes.
	if err := f.Truncate(MaxFileBytes + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, err := ReadFile(path); !errors.Is(err, ErrTooLarge) {
		t.Errorf("got %v, want ErrTooLarge", err)
	}
	if _, err := Read(bytes.NewReader(make([]byte, MaxFileBytes+1))); !errors.Is(err, ErrTooLarge) {
		t.Errorf("from a stream: got %v, want ErrTooLarge", err)
	}
}

// FuzzParse is seeded with small files only: the fuzzer minimises every new finding, and
// minimising the 21 KB sample takes it tens of seconds of whole parses.
func FuzzParse(f *testing.F) {
	f.Add([]byte(minimal))
	f.Add([]byte(strings.Replace(minimal, `"painPoints"`, `"cards": [{"id": "c1", "lane": "l1", "stage": "s1", "text": "x"}],
    "emotions": [{"stage": "s1", "score": -2}], "painPoints"`, 1)))
	f.Add([]byte(`{"format":"journeymap","version":1,"name":"x","journeys":[{"id":"a","title":"t","painPoints":[{}]}]}`))
	f.Add([]byte(`{"format":"journeymap","version":2}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		w, err := Parse(data)
		if err != nil {
			if w != nil {
				t.Fatal("got both a workspace and an error")
			}
			return
		}
		if err := journey.Validate(w); err != nil {
			t.Fatalf("Parse accepted an invalid workspace: %v", err)
		}
		first, err := Marshal(w)
		if err != nil {
			t.Fatal(err)
		}
		w2, err := Parse(first)
		if err != nil {
			t.Fatalf("what we wrote does not read back: %v", err)
		}
		if second, _ := Marshal(w2); !bytes.Equal(first, second) {
			t.Fatal("export → import → export changed the bytes")
		}
	})
}
