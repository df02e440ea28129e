package interchange

import (
	"bytes"
	"encoding/csv"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"journeymap/assets"
	"journeymap/journey"
)

// csvWorkspace is a small workspace for the CSV tests: two members, one of them named twice.
const csvWorkspace = `{"format": "journeymap", "version": 1, "name": "T",
  "members": [{"id": "m1", "name": "Ana Ruiz", "capacity": 8}, {"id": "m2", "name": "Tom", "capacity": 8},
    {"id": "m3", "name": "Tom", "capacity": 8}],
  "journeys": [{"id": "j1", "title": "Late parcel", "stages": [{"id": "s1", "name": "Order"}, {"id": "s2", "name": "Wait"}],
    "lanes": [{"id": "l1", "kind": "pain", "name": "Pain"}],
    "painPoints": [{"id": "p1", "stage": "s1", "title": "No tracking", "detail": "Mail has no link", "discovery": "unknown",
      "method": "data", "foundBy": "m1", "severity": 3, "effort": 2, "owner": "", "status": "open"}]},
    {"id": "j2", "title": "Return", "stages": [{"id": "s1", "name": "Pack"}], "lanes": [{"id": "l1", "kind": "pain", "name": "Pain"}]}]}`

func parseCSVWorkspace(t testing.TB) *journey.Workspace {
	t.Helper()
	w, err := Parse([]byte(csvWorkspace))
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestWriteCSV(t *testing.T) {
	w := parseCSVWorkspace(t)
	p := &w.Journeys[0].PainPoints[0]
	p.Title = `=HYPERLINK("x"), "quoted"`
	p.Action = journey.Action{Text: "Call, then write", Due: "2026-12-01", DoneWhen: "line one\nline two"}
	p.FoundOn = "2026-11-03"
	var b bytes.Buffer
	if err := WriteCSV(&b, w); err != nil {
		t.Fatal(err)
	}
	// The columns the workspace file's description names come first, in its order: a sheet
	// made to that description lines up with an export.
	described := "journey,stage,title,discovery,source_or_method,found_by,severity,effort,owner,status,action,due,done_when,"
	if !strings.HasPrefix(b.String(), "\uFEFF"+described) {
		t.Errorf("the header does not open with the described columns: %q", strings.SplitN(b.String(), "\n", 2)[0])
	}
	if !strings.HasPrefix(b.String(), "\uFEFF"+strings.Join(CSVHeader, ",")+"\r\n") {
		t.Errorf("the CSV does not open with the byte order mark and the header: %q", strings.SplitN(b.String(), "\n", 2)[0])
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b.Bytes(), []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse back: %v", err)
	}
	want := []string{"Late parcel", "Order", `'=HYPERLINK("x"), "quoted"`, "unknown", "data", "Ana Ruiz",
		"3", "2", "unassigned", "open", "Call, then write", "2026-12-01", "line one\nline two",
		"Mail has no link", "0", "2026-11-03", "", "", "", "p1", "j1", "s1", "m1", ""}
	if len(rows) != 2 || !reflect.DeepEqual(rows[1], want) {
		t.Errorf("got %q,\nwant %q", rows, want)
	}
}

func TestDefuseRoundTrips(t *testing.T) {
	for _, c := range []struct{ text, cell string }{
		{"=SUM(A1)", "'=SUM(A1)"}, {"+1", "'+1"}, {"-2 days", "'-2 days"}, {"@me", "'@me"}, {"\tx", "'\tx"},
		{"'=x", "''=x"}, {"''", "'''"}, {"'", "'"}, {"'abc", "'abc"}, {"plain", "plain"}, {"", ""},
	} {
		if got := defuse(c.text); got != c.cell {
			t.Errorf("defuse(%q) = %q, want %q", c.text, got, c.cell)
		}
		if got := undefuse(c.cell); got != c.text {
			t.Errorf("undefuse(%q) = %q, want %q", c.cell, got, c.text)
		}
	}
}

// TestCSVRoundTrip exports each journey of the sample, and imports it back: into the journey
// as it is, nothing changes; into the journey with its pain points gone, they come back.
func TestCSVRoundTrip(t *testing.T) {
	w, err := Parse(assets.SampleWorkspace)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range w.Journeys {
		t.Run(j.ID, func(t *testing.T) {
			only := *w
			only.Journeys = []journey.Journey{j}
			var b bytes.Buffer
			if err := WriteCSV(&b, &only); err != nil {
				t.Fatal(err)
			}
			imp, err := ReadCSV(bytes.NewReader(b.Bytes()), w, j.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(imp.PainPoints, j.PainPoints) || imp.New != 0 || len(imp.Ignored) != 0 {
				t.Errorf("read back %d pain points (%d new, columns not read %q), not the journey's %d as they are",
					len(imp.PainPoints), imp.New, imp.Ignored, len(j.PainPoints))
			}
			if b, err := journey.PutAll(w, j.ID, "Import", imp.PainPoints); len(b.Edits) != 0 || err != nil {
				t.Errorf("importing what is there gives edits %v (%v)", b.Edits, err)
			}

			emptied := w.Clone()
			emptied.Journey(j.ID).PainPoints = nil
			imp, err = ReadCSV(bytes.NewReader(b.Bytes()), emptied, j.ID)
			if err != nil {
				t.Fatal(err)
			}
			e, err := journey.PutAll(emptied, j.ID, "Import", imp.PainPoints)
			if err != nil {
				t.Fatal(err)
			}
			if err := e.Apply(emptied); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(emptied.Journey(j.ID).PainPoints, j.PainPoints) {
				t.Error("the pain points deleted since the export do not come back as they were")
			}
		})
	}
}

func TestReadCSV(t *testing.T) {
	const bom = "\uFEFF"
	cases := []struct {
		name, csv string
		want      []journey.PainPoint // checked without ids of new ones
		ignored   []string
		err       string
	}{
		{name: "a hand-made spreadsheet by names, with a byte order mark and CRLF",
			csv: bom + "Title,Stage,Discovery,Source,Found by,Severity,Effort,Owner,Due date\r\n" +
				"Parcel left at the wrong door,wait,known,complaint,,4,3,ana ruiz,2026-12-01\r\n" +
				"\"Driver calls, nobody answers\",Order,Unknown,Walkthrough,Ana Ruiz,2,1,Unassigned,\r\n",
			want: []journey.PainPoint{
				{Stage: "s2", Title: "Parcel left at the wrong door", Discovery: journey.Known, Source: journey.SourceComplaint,
					Severity: 4, Effort: 3, Owner: "m1", Status: journey.StatusOpen, Action: journey.Action{Due: "2026-12-01"}},
				{Stage: "s1", Title: "Driver calls, nobody answers", Discovery: journey.Unknown, Method: journey.MethodWalkthrough,
					FoundBy: "m1", Severity: 2, Effort: 1, Status: journey.StatusOpen},
			}},
		{name: "an existing pain point updated by id keeps the columns left out",
			csv: "id,severity,status,owner_id\np1,5,doing,m2\n",
			want: []journey.PainPoint{{ID: "p1", Stage: "s1", Title: "No tracking", Detail: "Mail has no link", Discovery: journey.Unknown,
				Method: journey.MethodData, FoundBy: "m1", Severity: 5, Effort: 2, Owner: "m2", Status: journey.StatusDoing}}},
		{name: "a defused formula comes back as text; blank rows and unknown columns are passed over",
			csv: "title,stage,discovery,source_or_method,severity,effort,notes\n'=SUM(A1),Order,known,survey,1,1,x\n,,,,,,\n",
			want: []journey.PainPoint{{Stage: "s1", Title: "=SUM(A1)", Discovery: journey.Known, Source: journey.SourceSurvey,
				Severity: 1, Effort: 1, Status: journey.StatusOpen}},
			ignored: []string{"notes"}},
		{name: "the date it was found, under another common name",
			csv: "title,stage,discovery,method,found_by,severity,effort,date found\nA,Order,unknown,data,m1,1,1, 2026-11-03 \n",
			want: []journey.PainPoint{{Stage: "s1", Title: "A", Discovery: journey.Unknown, Method: journey.MethodData, FoundBy: "m1",
				FoundOn: "2026-11-03", Severity: 1, Effort: 1, Status: journey.StatusOpen}}},
		{name: "a found date not in the form the file asks for", csv: "title,stage,discovery,source,severity,effort,found_on\nA,Order,known,survey,1,1,3/11/2026\n",
			err: `line 2: found_on: must be a date YYYY-MM-DD, got "3/11/2026"`},
		{name: "a word for a number", csv: "title,stage,discovery,source,severity,effort\nA,Order,known,survey,high,1\n",
			err: `line 2: severity: "high" is not a whole number`},
		{name: "a severity out of range", csv: "title,stage,discovery,source,severity,effort\nA,Order,known,survey,9,1\n",
			err: "line 2: severity: must be 1..5, got 9"},
		{name: "a stage that is not there", csv: "title,stage,discovery,source,severity,effort\nA,Nowhere,known,survey,1,1\n",
			err: `line 2: stage: no stage is named "Nowhere"`},
		{name: "a name two members share", csv: "title,stage,discovery,source,severity,effort,owner\nA,Order,known,survey,1,1,Tom\n",
			err: `line 2: owner: "Tom" names 2 members (ids m2, m3): give the id in a column owner_id`},
		{name: "an unknown pain point without its finder", csv: "title,stage,discovery,method,severity,effort\nA,Order,unknown,data,1,1\n",
			err: "line 2: found_by: must name the member who found an unknown pain point"},
		{name: "a row of another journey", csv: "journey_id,id,severity\nj2,p9,1\n",
			err: `line 2 is of other journeys (j2), not of "Late parcel" (j1): import a CSV of one journey`},
		{name: "rows of other journeys, said once", csv: "journey_id,id,severity\nj2,p9,1\nj3,p8,1\nj2,p7,1\nj2,p6,1\n",
			err: `4 lines, 2 to 5, are of other journeys (j2, j3)`},
		{name: "one pain point on two lines", csv: "id,severity\np1,1\np1,2\n",
			err: `line 3: the pain point "p1" is on line 2 too`},
		{name: "all or nothing, every wrong row named",
			csv: "title,stage,discovery,source,severity,effort\nGood,Order,known,survey,1,1\nBad,Order,known,survey,0,1\nWorse,Order,known,rumour,1,1\n",
			err: `line 3: severity: must be 1..5, got 0; line 4: source_or_method: must be one of`},
		{name: "old-Mac line ends, a CR alone, one inside a quoted cell",
			csv: "title,stage,discovery,source,severity,effort,detail\rParcel late,Order,known,survey,2,1,\"Two\rlines\"\rNo tracking link,wait,known,complaint,3,2,\r",
			want: []journey.PainPoint{
				{Stage: "s1", Title: "Parcel late", Detail: "Two\nlines", Discovery: journey.Known, Source: journey.SourceSurvey, Severity: 2, Effort: 1, Status: journey.StatusOpen},
				{Stage: "s2", Title: "No tracking link", Discovery: journey.Known, Source: journey.SourceComplaint, Severity: 3, Effort: 2, Status: journey.StatusOpen},
			}},
		{name: "a quote left open", csv: "title,stage\n\"Open,Order\n", err: "a quote \" is not closed"},
		{name: "Windows-1252 text", csv: "title,stage\nCaf\xe9,Order\n", err: `line 2 is not UTF-8 text; save the spreadsheet as "CSV UTF-8"`},
		{name: "no header", csv: "", err: "the file is empty"},
		{name: "a header and no rows", csv: "title,stage,discovery\n\n", err: "the file holds no row of a pain point"},
		{name: "no title column", csv: "name,stage\nA,Order\n", err: `names no column "title"`},
		{name: "a column twice", csv: "title,Title\nA,B\n", err: `the column "title" is there twice`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := parseCSVWorkspace(t)
			imp, err := ReadCSV(strings.NewReader(c.csv), w, "j1")
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) || !errors.Is(err, ErrCSV) || imp != nil {
					t.Fatalf("got %v, %v; want ErrCSV saying %q", imp, err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(imp.Ignored, c.ignored) {
				t.Errorf("columns not read: %q, want %q", imp.Ignored, c.ignored)
			}
			got := imp.PainPoints
			for i := range got {
				if c.want[i].ID == "" {
					if !strings.HasPrefix(got[i].ID, "p-") {
						t.Errorf("new pain point %d has the id %q", i, got[i].ID)
					}
					got[i].ID = ""
				}
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got  %+v\nwant %+v", got, c.want)
			}
		})
	}
}

// FuzzCSVRoundTrip writes a pain point with the fuzzer's texts and numbers as CSV and reads
// it back: every pain point that is valid comes back as it was, its line ends as "\n".
func FuzzCSVRoundTrip(f *testing.F) {
	f.Add("=SUM(A1)", "line one\r\nline two", "'=x", "Call, then \"write\"", "2026-12-01", 3, 2, 0, true)
	f.Add(" lead", "\ttab", "@me", "-2", "", 1, 8, 5, false)
	f.Add("Tom", "unassigned", "'", "''", "", 5, 1, 1, true)
	f.Fuzz(func(t *testing.T, title, detail, action, doneWhen, due string, severity, effort, reports int, known bool) {
		w := parseCSVWorkspace(t)
		p := journey.PainPoint{ID: "p2", Stage: "s2", Title: title, Detail: detail, Discovery: journey.Unknown,
			Method: journey.MethodShadowing, FoundBy: "m3", Reports: reports, Severity: severity, Effort: effort,
			Owner: "m2", Status: journey.StatusDoing, Action: journey.Action{Text: action, Due: due, DoneWhen: doneWhen}}
		if known {
			p.Discovery, p.Method, p.Source, p.FoundBy, p.Owner = journey.Known, "", journey.SourceReview, "", ""
		}
		j := &w.Journeys[0]
		j.PainPoints = append(j.PainPoints, p)
		if journey.Validate(w) != nil {
			return
		}
		var b bytes.Buffer
		if err := WriteCSV(&b, w); err != nil {
			t.Fatal(err)
		}
		imp, err := ReadCSV(bytes.NewReader(b.Bytes()), w, "j1")
		if err != nil {
			t.Fatalf("what WriteCSV wrote does not read back: %v\n%q", err, b.String())
		}
		want := slicesOfLF(j.PainPoints)
		if !reflect.DeepEqual(imp.PainPoints, want) {
			t.Errorf("read back %+v\nwant      %+v", imp.PainPoints, want)
		}
	})
}

// slicesOfLF returns the pain points with their texts' line ends as a CSV reader gives them.
func slicesOfLF(ps []journey.PainPoint) []journey.PainPoint {
	lf := strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace
	out := make([]journey.PainPoint, len(ps))
	for i, p := range ps {
		p.Title, p.Detail, p.Action.Text, p.Action.DoneWhen = lf(p.Title), lf(p.Detail), lf(p.Action.Text), lf(p.Action.DoneWhen)
		out[i] = p
	}
	return out
}

// FuzzReadCSV reads any bytes as a CSV of pain points: it never panics, and what it returns
// passes the checks a stored pain point must.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("title,stage,discovery,source,severity,effort\nA,Order,known,survey,1,1\n"))
	f.Add([]byte("id,severity,status,owner_id\np1,5,doing,m2\n"))
	f.Add([]byte("\uFEFFjourney,stage,title\r\n\"x\"\"y\",Wait,\"a\r\nb\"\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		w := parseCSVWorkspace(t)
		imp, err := ReadCSV(bytes.NewReader(data), w, "j1")
		if err != nil {
			if imp != nil {
				t.Fatal("got both pain points and an error")
			}
			return
		}
		b, err := journey.PutAll(w, "j1", "Import", imp.PainPoints)
		if err != nil {
			t.Fatalf("the pain points read do not go into the journey: %v", err)
		}
		if err := b.Apply(w); err != nil {
			t.Fatal(err)
		}
		if err := journey.Validate(w); err != nil {
			t.Fatalf("the workspace with the pain points read is invalid: %v", err)
		}
	})
}
