package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"journeymap/journey"
	"journeymap/journey/interchange"
	"journeymap/storage"
	"journeymap/storage/document"
)

// cli runs one command line in-process and returns its exit status and output.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestImportThenReportMatchesHandWorkedFigures(t *testing.T) {
	store := filepath.Join(t.TempDir(), "x")
	if code, out, errOut := cli(t, "-store", store, "import", "testdata/small.journeymap.json"); code != 0 {
		t.Fatalf("import: exit %d: %s%s", code, out, errOut)
	}
	code, out, errOut := cli(t, "report", "-store", store, "-json")
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, errOut)
	}
	type member struct {
		ID, Name    string
		Load        float64
		Open, Found int
	}
	type journeyFigures struct {
		ID, Title                     string
		PainPoints, Unknown, Specific int
		DiscoveryRate                 float64
	}
	var got struct {
		Fairness float64
		Members  []member
		Journeys []journeyFigures
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("report -json is not one JSON object: %v\n%s", err, out)
	}
	// By hand: ana owns p1 (3, open) and p3 (5, doing) of capacity 8 → 1; ben's p2 is done → 0;
	// cy owns p4 (1, open) of capacity 2 → 0.5. Jain: (1+0+0.5)² / (3·(1+0+0.25)) = 2.25/3.75.
	if math.Abs(got.Fairness-0.6) > 1e-12 {
		t.Errorf("fairness: got %v, want 0.6", got.Fairness)
	}
	wantMembers := []member{{"ana", "Ana", 1, 2, 1}, {"ben", "Ben", 0, 0, 0}, {"cy", "Cy", 0.5, 1, 1}}
	if !reflect.DeepEqual(got.Members, wantMembers) {
		t.Errorf("members: got %+v, want %+v", got.Members, wantMembers)
	}
	// j1: 3 pain points, 2 unknown; only p1's action is specific (p2 is vague, p3 has none).
	wantJourneys := []journeyFigures{{"j1", "Late parcel", 3, 2, 1, 2.0 / 3}, {"j2", "Returns", 1, 0, 1, 0}}
	if !reflect.DeepEqual(got.Journeys, wantJourneys) {
		t.Errorf("journeys: got %+v, want %+v", got.Journeys, wantJourneys)
	}
	for _, key := range []string{`"fairness":`, `"members":`, `"journeys":`, `"load":`, `"open":`, `"found":`,
		`"painPoints":`, `"unknown":`, `"discoveryRate":`, `"specific":`} {
		if !strings.Contains(out, key) {
			t.Errorf("report -json lacks the key %s", key)
		}
	}
}

func TestImportRefusesNonEmptyStoreUnlessReplace(t *testing.T) {
	dir, store := smallStore(t)
	code, _, errOut := cli(t, "import", "-store", store, "testdata/small.journeymap.json")
	if code != 1 || !strings.Contains(errOut, "already holds a workspace; add -replace") {
		t.Errorf("second import: exit %d, %q; want 1 and a hint at -replace", code, errOut)
	}
	code, out, errOut := cli(t, "import", "-store", store, "testdata/small.journeymap.json", "-replace")
	if code != 0 {
		t.Fatalf("import -replace: exit %d: %s", code, errOut)
	}
	path := strings.TrimSpace(strings.TrimPrefix(strings.Split(out, "\n")[0], "backup of the previous workspace: "))
	if filepath.Dir(path) != dir {
		t.Fatalf("backup at %q, want it beside the store in %s (output %q)", path, dir, out)
	}
	backup, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, exported, _ := cli(t, "export", "-store", store, "-format", "json", "-o", "-")
	if !bytes.Equal(backup, []byte(exported)) {
		t.Error("the backup is not the workspace that was replaced")
	}
}

func TestHostileImportsLeaveTheStoreAsItWas(t *testing.T) {
	dir, store := smallStore(t)
	_, before, _ := cli(t, "export", "-store", store, "-format", "json", "-o", "-")
	small, _ := os.ReadFile("testdata/small.journeymap.json")
	hostile := map[string]struct{ file, want string }{
		"bad JSON":           {`{"format": "journeymap", "version": 1, `, "not valid JSON at the end of the file (line 1)"},
		"wrong types":        {strings.Replace(string(small), `"capacity": 8`, `"capacity": "eight"`, 1), "members[0].capacity: must be a whole number, got string"},
		"dangling reference": {strings.Replace(string(small), `"owner": "cy"`, `"owner": "zed"`, 1), `journeys[1].painPoints[0].owner: names no member: "zed"`},
		"10 MB title":        {strings.Replace(string(small), `"title": "Returns"`, `"title": "`+strings.Repeat("R", 10<<20)+`"`, 1), "journeys[1].title: must be 1..200 characters, got 10485760"},
		"version 99":         {strings.Replace(string(small), `"version": 1`, `"version": 99`, 1), "version: the file is format version 99"},
	}
	for name, h := range hostile {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".json")
			if err := os.WriteFile(path, []byte(h.file), 0o600); err != nil {
				t.Fatal(err)
			}
			code, _, errOut := cli(t, "import", "-replace", "-store", store, path)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			if !strings.Contains(errOut, h.want) || strings.Count(errOut, "\n") != 1 {
				t.Errorf("got %q, want one line containing %q", errOut, h.want)
			}
			if _, after, _ := cli(t, "export", "-store", store, "-format", "json", "-o", "-"); after != before {
				t.Error("the store changed")
			}
		})
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "*backup*"))
	if len(matches) != 0 {
		t.Errorf("a refused import wrote backups: %v", matches)
	}
}

// smallStore imports testdata/small.journeymap.json into a new store, and returns the
// directory it is in and the store.
func smallStore(t *testing.T) (dir, store string) {
	t.Helper()
	dir = t.TempDir()
	store = filepath.Join(dir, "x")
	if code, _, errOut := cli(t, "import", "-store", store, "testdata/small.journeymap.json"); code != 0 {
		t.Fatal(errOut)
	}
	return dir, store
}

func TestExport(t *testing.T) {
	dir, store := smallStore(t)
	out := filepath.Join(dir, "out.json")
	if code, _, errOut := cli(t, "export", "-store", store, "-format", "json", "-o", out); code != 0 {
		t.Fatal(errOut)
	}
	again := filepath.Join(dir, "again")
	if code, _, errOut := cli(t, "import", "-store", again, out); code != 0 {
		t.Fatal(errOut)
	}
	out2 := filepath.Join(dir, "out2.json")
	cli(t, "export", "-store", again, "-format", "json", "-o", out2)
	a, _ := os.ReadFile(out)
	b, _ := os.ReadFile(out2)
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Error("export → import → export changed the bytes")
	}
	code, csv, _ := cli(t, "export", "-store", store, "-format", "csv", "-journey", "j2", "-o", "-")
	wantCSV := "\uFEFFjourney,stage,title,discovery,source_or_method,found_by,severity,effort,owner,status,action,due,done_when,detail,reports,found_on,evidence,evidence_date,evidence_reports,id,journey_id,stage_id,found_by_id,owner_id\r\n" +
		"Returns,Ask,Label printer needed,known,review,,5,1,Cy,open,Offer QR-code returns at the post office,2027-01-15,QR code in the returns email,,0,,,,,p4,j2,s1,,cy\r\n"
	if code != 0 || csv != wantCSV {
		t.Errorf("csv: exit %d\ngot  %q\nwant %q", code, csv, wantCSV)
	}
	for _, format := range []string{"png", "csv"} {
		code, _, errOut := cli(t, "export", "-store", store, "-format", format, "-journey", "nosuch", "-o", filepath.Join(dir, "x"))
		if want := `no journey with the id "nosuch" in ` + store + "; the journeys are: j1 ("; code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("%s of no such journey: exit %d %q; want %q", format, code, errOut, want)
		}
	}
}

func TestImportWarnsOfUnknownFields(t *testing.T) {
	data, err := os.ReadFile("testdata/small.journeymap.json")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "typo.journeymap.json")
	typo := strings.Replace(string(data), `"severity"`, `"severty": 2, "severity"`, 1)
	if err := os.WriteFile(file, []byte("\uFEFF"+typo), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cli(t, "import", "-store", filepath.Join(t.TempDir(), "s"), file)
	want := "journeymap: warning: ignored unknown field journeys[0].painPoints[0].severty — did you mean severity?\n"
	if code != 0 || errOut != want || !strings.HasPrefix(out, "imported") {
		t.Errorf("exit %d, stdout %q, stderr %q; want the import and on stderr %q", code, out, errOut, want)
	}
}

// TestCSVBothWays exports a journey's pain points, changes the file as a spreadsheet would,
// and imports it back into the journey: the change lands, a row without id is added, and the
// report counts it.
func TestCSVBothWays(t *testing.T) {
	dir, store := smallStore(t)
	file := filepath.Join(dir, "returns.csv")
	if code, _, errOut := cli(t, "export", "-store", store, "-format", "csv", "-journey", "j2", "-o", file); code != 0 {
		t.Fatal(errOut)
	}
	data, _ := os.ReadFile(file)
	edited := strings.NewReplacer("Label printer needed,known,review,,5,", "Label printer needed,known,review,,4,",
		",QR code in the returns email,,0,", ",QR code in the returns email,,7,").Replace(string(data)) +
		"Returns,Ask,Refund takes two weeks,known,complaint,,3,2,unassigned,open,,,,,12,,,,,,,,,\r\n"
	if err := os.WriteFile(file, []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cli(t, "import", "-store", store, "-format", "csv", "-journey", "j2", file)
	if code != 0 || out != "1 pain point added, 1 changed in \"Returns\"\n" {
		t.Fatalf("import: exit %d, %q %q", code, out, errOut)
	}
	code, out, _ = cli(t, "report", "-store", store, "-json")
	if code != 0 || !strings.Contains(out, `"id":"j2","title":"Returns","painPoints":2`) {
		t.Errorf("the report after the import: %s", out)
	}
	// Imported again as it is now: nothing to change.
	cli(t, "export", "-store", store, "-format", "csv", "-journey", "j2", "-o", file)
	if code, out, _ := cli(t, "import", "-store", store, "-format", "csv", "-journey", "j2", file); code != 0 || !strings.Contains(out, "0 pain points added, 2 as they were") {
		t.Errorf("importing the export again: exit %d, %q", code, out)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-journey", "nosuch", file}, 1, "no journey with the id \"nosuch\"; the journeys are: j1 ("},
		{[]string{file}, 2, "needs -journey ID; the journeys are: j1 ("},
		{[]string{"-journey", "j1", file}, 1, "lines 2 and 3 are of other journeys (j2)"},
		{[]string{"-journey", "j2", "-replace", file}, 2, "-replace is for a workspace file"},
	} {
		code, _, errOut := cli(t, append([]string{"import", "-store", store, "-format", "csv"}, c.args...)...)
		if code != c.code || !strings.Contains(errOut, c.want) {
			t.Errorf("import -format csv %q: exit %d %q; want %d saying %q", c.args, code, errOut, c.code, c.want)
		}
	}
	missing := filepath.Join(dir, "missing")
	if code, _, errOut := cli(t, "import", "-store", missing, "-format", "csv", "-journey", "j2", file); code != 1 || !strings.Contains(errOut, "no Journeymap store at "+missing) {
		t.Errorf("into no store: exit %d %q", code, errOut)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Error("a CSV import created a store")
	}
}

func TestVersionComesFromFyneAppToml(t *testing.T) {
	toml, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	code, out, _ := cli(t, "version")
	m := regexp.MustCompile(`(?s)Version = "([^"]+)".*Build = (\d+)`).FindSubmatch(toml)
	if code != 0 || m == nil || out != "journeymap "+string(m[1])+" (build "+string(m[2])+")\n" {
		t.Errorf("version: exit %d %q; FyneApp.toml says %s", code, out, m)
	}
}

func TestHelpOnEveryCommand(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"--help"}, {"help"}, {"help", "report"},
		{"import", "-h"}, {"import", "--help"}, {"export", "-h"}, {"report", "--help"}, {"backups", "-h"},
		{"restore", "-h"}, {"suggest", "-h"}, {"rebalance", "-h"}, {"report", "-store", "/nowhere", "-h"}} {
		code, out, errOut := cli(t, args...)
		want := "usage:"
		if len(args) > 1 && args[0] != "help" {
			want = "usage: journeymap " + args[0]
		}
		if code != 0 || errOut != "" || !strings.HasPrefix(out, want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 0 and %q on stdout", args, code, out, errOut, want)
		}
		if len(args) == 2 && args[0] != "help" && !strings.Contains(out, "-store") {
			t.Errorf("%q does not list the flags: %q", args, out)
		}
	}
}

func TestExitStatuses(t *testing.T) {
	store := filepath.Join(t.TempDir(), "x")
	empty := filepath.Join(t.TempDir(), "empty")
	if s, err := storage.Open(empty); err != nil {
		t.Fatal(err)
	} else {
		s.Close()
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown command", []string{"frob"}, 2, `unknown command "frob"`},
		{"unknown flag", []string{"report", "-store", store, "-yaml"}, 2, "flag provided but not defined: -yaml"},
		{"import without file", []string{"import", "-store", store}, 2, "import takes one FILE, got 0"},
		{"missing file", []string{"import", "-store", store, "/nonexistent.json"}, 1, "/nonexistent.json"},
		{"export without -o", []string{"export", "-store", store, "-format", "json"}, 2, "export needs -o FILE"},
		{"bad format", []string{"export", "-store", store, "-format", "pdf", "-o", "x"}, 2, `-format must be png, json or csv, got "pdf"`},
		{"width too large", []string{"export", "-store", store, "-format", "png", "-width", "20000", "-o", "x"}, 2, "-width must be 1..16384"},
		{"no store export", []string{"export", "-store", store, "-format", "json", "-o", "-"}, 1, "no Journeymap store at " + store},
		{"no store report", []string{"report", "-store", store, "-json"}, 1, "no Journeymap store at " + store},
		{"empty store export", []string{"export", "-store", empty, "-format", "json", "-o", "-"}, 1, "is empty: nothing to export"},
		{"empty store report", []string{"report", "-store", empty, "-json"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := cli(t, tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Errorf("got exit %d %q, want %d containing %q", code, errOut, tt.code, tt.want)
			}
		})
	}
	if _, err := os.Stat(store); !os.IsNotExist(err) {
		t.Errorf("reading a store that is not there created %s", store)
	}
}

func TestExportPNG(t *testing.T) {
	dir, store := smallStore(t)
	out := filepath.Join(dir, "map.png")
	if code, _, errOut := cli(t, "export", "-store", store, "-format", "png", "-width", "1200", "-dpi", "150", "-theme", "presenter", "-o", out); code != 0 {
		t.Fatalf("export -format png: %s", errOut)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil || cfg.Width != 1200 {
		t.Errorf("the PNG: %v, %d wide; want 1200", err, cfg.Width)
	}
	if code, _, errOut := cli(t, "export", "-store", store, "-format", "png", "-journey", "nosuch", "-o", out); code != 1 || !strings.Contains(errOut, `"nosuch"`) {
		t.Errorf("an unknown journey: exit %d, %q", code, errOut)
	}
}

// TestCommandsWhileTheAppHoldsTheStore holds the store open as the running app does, with an
// edit that is only in Badger's log: report and export answer, with that edit; the commands
// that write say to close the app or use its menu, and change nothing.
// openStoreDocument opens the store as the app does.
func openStoreDocument(t *testing.T, store string) *document.Document {
	t.Helper()
	s, err := storage.Open(store)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := document.New(s)
	if err != nil {
		s.Close()
		t.Fatal(err)
	}
	return doc
}

func TestCommandsWhileTheAppHoldsTheStore(t *testing.T) {
	dir, store := smallStore(t)
	doc := openStoreDocument(t, store)
	defer doc.Close()
	w := doc.Workspace()
	j := w.Journeys[0]
	const text = "Asks twice for the parcel number"
	e, err := journey.Put(w, j.ID, journey.Card{ID: "held", Lane: j.Lanes[0].ID, Stage: j.Stages[0].ID, Text: text}, -1)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Do(e); err != nil {
		t.Fatal(err)
	}

	if code, out, errOut := cli(t, "report", "-store", store); code != 0 || !strings.Contains(out, "Fairness") {
		t.Errorf("report while the app holds the store: exit %d, %q, %q", code, out, errOut)
	}
	code, out, errOut := cli(t, "export", "-store", store, "-format", "json", "-o", "-")
	if code != 0 || !strings.Contains(out, text) {
		t.Errorf("export while the app holds the store: exit %d, %s; want the card edited in the app", code, errOut)
	}
	csv := filepath.Join(dir, "pain.csv")
	if code, _, errOut := cli(t, "export", "-store", store, "-format", "csv", "-journey", j.ID, "-o", csv); code != 0 {
		t.Fatalf("export csv while the app holds the store: %s", errOut)
	}
	for _, args := range [][]string{
		{"import", "-store", store, "-replace", "testdata/small.journeymap.json"},
		{"import", "-store", store, "-format", "csv", "-journey", j.ID, csv},
	} {
		code, _, errOut := cli(t, args...)
		if code != 1 || !strings.Contains(errOut, "store is in use") || !strings.Contains(errOut, "close the other Journeymap first); or, to keep it open, ") || strings.Count(errOut, "first") != 1 {
			t.Errorf("%v while the app holds the store: exit %d, %q; want 1 and to close the app or use its menu", args, code, errOut)
		}
	}
	if got := doc.Workspace().Journeys[0].Cards; got[len(got)-1].Text != text {
		t.Error("the app's workspace changed")
	}
}

// TestSuggest works the fair owner out by hand on testdata/small: Ana carries 8 of 8 points,
// Ben 0 of 4, Cy 1 of 2.
func TestSuggest(t *testing.T) {
	_, store := smallStore(t)
	tests := []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"-effort", "2", "-json"}, 0, `{"member":"ben","loadAfter":0.5,"reason":"lowest load after this: 50 %"}` + "\n"},
		// Ana 16/8 and Ben 8/4 tie at 200 %, above capacity like Cy's 9/2; Ana found it.
		{[]string{"-effort", "8", "-finder", "ana"}, 0,
			"Ben (ben): no one stays within capacity; lowest load after this: 200 %; Ana, who found it, would be at the same load\n"},
		{[]string{"-effort", "8"}, 0, "Ana (ana): no one stays within capacity; lowest load after this: 200 %\n"},
		{[]string{"-effort", "4"}, 2, ""},
		{[]string{"-effort", "1", "-finder", "nobody"}, 1, ""},
	}
	for _, tt := range tests {
		code, out, errOut := cli(t, append([]string{"suggest", "-store", store}, tt.args...)...)
		if code != tt.code || out != tt.out {
			t.Errorf("suggest %v: exit %d, %q, %q; want %d, %q", tt.args, code, out, errOut, tt.code, tt.out)
		}
		if code == 1 && !strings.Contains(errOut, "the members are: ana (Ana), ben (Ben), cy (Cy)") {
			t.Errorf("suggest %v: %q; want the members listed", tt.args, errOut)
		}
	}
}

// TestRebalance works the proposal out by hand on testdata/small: loads 8/8, 0/4 and 1/2 give
// fairness 0.6; moving Ana's 3-point pain point to Ben gives 5/8, 3/4, 1/2 and 0.974, and no
// other single move reaches 0.9 (her 5-point one fits no one; Cy's to Ben lowers it).
func TestRebalance(t *testing.T) {
	_, store := smallStore(t)
	report := func() string {
		_, out, _ := cli(t, "report", "-store", store, "-json")
		return out
	}
	before := report()
	want := `{"target":0.9,"before":0.6,"after":0.974025974025974,"reached":true,"moves":[{"painPoint":"p1","journey":"j1","from":"ana","to":"ben"}]}` + "\n"
	if code, out, errOut := cli(t, "rebalance", "-store", store, "-json"); code != 0 || out != want {
		t.Errorf("rebalance -json: exit %d, %q, %q; want %q", code, out, errOut, want)
	}
	code, out, _ := cli(t, "rebalance", "-store", store)
	if code != 0 || !strings.Contains(out, `"No tracking link" (Late parcel) from Ana to Ben`) || !strings.Contains(out, "the fewest") || !strings.Contains(out, "Nothing changed") {
		t.Errorf("rebalance: exit %d, %q", code, out)
	}
	if report() != before {
		t.Fatal("rebalance without -apply changed the store")
	}
	for _, target := range []string{"0", "1.2", "x"} {
		if code, _, errOut := cli(t, "rebalance", "-store", store, "-target", target); code != 2 {
			t.Errorf("-target %s: exit %d, %q; want 2", target, code, errOut)
		}
	}
	if code, out, errOut := cli(t, "rebalance", "-store", store, "-target", "0.99", "-json"); code != 0 || !strings.Contains(out, `"reached":false`) {
		t.Errorf("an unreachable target: exit %d, %q, %q; want it said", code, out, errOut)
	}

	if code, out, errOut := cli(t, "rebalance", "-store", store, "-apply"); code != 0 || !strings.Contains(out, "Made") {
		t.Fatalf("rebalance -apply: exit %d, %q, %q", code, out, errOut)
	}
	var r journey.Report
	if err := json.Unmarshal([]byte(report()), &r); err != nil || r.Members[1].Load != 0.75 || r.Fairness != 0.974025974025974 {
		t.Errorf("after -apply: %+v, %v; want Ben at 75 %% and fairness 0.974", r, err)
	}
	if code, out, _ := cli(t, "rebalance", "-store", store, "-apply"); code != 0 || !strings.Contains(out, "nothing to move") {
		t.Errorf("a second -apply: exit %d, %q; want nothing to move", code, out)
	}
	doc := openStoreDocument(t, store)
	label, err := doc.Undo()
	doc.Close()
	if err != nil || label != "Rebalance: 1 move" || report() != before {
		t.Errorf("undo in the app: %q, %v; want the rebalance undone as one edit and the store as before", label, err)
	}
}

// TestSampleLivesInAStoreOfItsOwn: a new store opens empty, and the sample is filled into the
// sample store the first time only, so that what was changed in it stays, and never into the
// user's store.
func TestSampleLivesInAStoreOfItsOwn(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	mine := filepath.Join(t.TempDir(), "store")
	doc, err := document.Open(mine, document.Options{ReadOnlyFallback: true})
	if err != nil || doc.WhyReadOnly() != "" {
		t.Fatalf("a new store: %v", err)
	}
	if w := doc.Workspace(); len(w.Journeys) != 0 || len(w.Members) != 0 {
		t.Errorf("a new store holds %d journeys and %d members; want an empty workspace", len(w.Journeys), len(w.Members))
	}
	doc.Close()

	dir, err := storage.SampleDir()
	if err != nil {
		t.Fatal(err)
	}
	if storage.SameDir(dir, mine) || isSample(mine) || !isSample(dir) {
		t.Fatalf("the sample store %s is the user's", dir)
	}
	sample, err := sampleWorkspace()
	if err != nil {
		t.Fatal(err)
	}
	open := func() *document.Document {
		t.Helper()
		doc, err := document.Open(dir, document.Options{Seed: sample})
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	doc = open()
	if w := doc.Workspace(); len(w.Journeys) != 2 || len(w.Members) == 0 {
		t.Fatalf("the sample store holds %d journeys, %d members; want the sample's 2 and its team", len(w.Journeys), len(w.Members))
	}
	if err := doc.Do(journey.RenameWorkspace{Before: doc.Workspace().Name, After: "Played with"}); err != nil {
		t.Fatal(err)
	}
	if err := openSample(mine); err == nil || !strings.Contains(err.Error(), "already open") {
		t.Errorf("the sample while it is open elsewhere: %v; want it said to be open already", err)
	}
	doc.Close()
	doc = open()
	if got := doc.Workspace().Name; got != "Played with" {
		t.Errorf("opening the sample again gave %q: what was changed in it is lost", got)
	}
	doc.Close()
	if err := openSample(dir); err == nil {
		t.Error("opening the sample from its own window started another")
	}
}

// TestAWorkspaceBegunInTheAppExports: a new store's workspace is named, so that a journey
// begun in the app exports as a workspace file that imports again, and the store is no
// longer empty to an import that would overwrite it without -replace.
func TestAWorkspaceBegunInTheAppExports(t *testing.T) {
	store := filepath.Join(t.TempDir(), "store")
	doc, err := document.Open(store, document.Options{ReadOnlyFallback: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Workspace().Name; got != journey.DefaultWorkspaceName {
		t.Errorf("a new workspace is named %q, want %q", got, journey.DefaultWorkspaceName)
	}
	if _, ok := doc.CanUndo(); ok {
		t.Error("naming the new workspace is an edit to undo")
	}
	if err := doc.Do(mustJourney(t, doc.Workspace())); err != nil {
		t.Fatal(err)
	}
	doc.Close()
	code, out, errOut := cli(t, "export", "-store", store, "-format", "json", "-o", "-")
	if code != 0 {
		t.Fatalf("export of a workspace begun in the app: exit %d, %s", code, errOut)
	}
	if _, err := interchange.Parse([]byte(out)); err != nil {
		t.Errorf("the export does not import again: %v", err)
	}
	file := filepath.Join(t.TempDir(), "w.json")
	os.WriteFile(file, []byte(out), 0o600)
	if code, _, errOut := cli(t, "import", "-store", store, file); code != 1 || !strings.Contains(errOut, "-replace") {
		t.Errorf("import without -replace over a journey begun in the app: exit %d, %s", code, errOut)
	}
}

func mustJourney(t *testing.T, w *journey.Workspace) journey.Edit {
	t.Helper()
	e, err := journey.Put(w, "", journey.BlankJourney("Returning a kettle"), -1)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestTheREADMEListsTheUsage: the README's command list is the usage the binary prints, from
// the one table both come from.
func TestTheREADMEListsTheUsage(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, _ := strings.Cut(string(readme), "## Command line")
	_, block, _ := strings.Cut(after, "```\n")
	block, _, _ = strings.Cut(block, "```")
	var want strings.Builder
	for _, l := range strings.Split(strings.TrimSuffix(usage(), "\n"), "\n")[1:] {
		want.WriteString(strings.TrimPrefix(l, "  ") + "\n")
	}
	if block != want.String() {
		t.Errorf("the README's command list:\n%s\nwant, as the usage says:\n%s", block, want.String())
	}
}

// TestTheDocsSayTheFileLimitTheCodeHas: the README and the workspace file's page name the
// size over which a workspace file is refused, as interchange refuses it.
func TestTheDocsSayTheFileLimitTheCodeHas(t *testing.T) {
	want := fmt.Sprintf("%d MiB", interchange.MaxFileBytes>>20)
	for _, doc := range []string{"README.md", "docs/workspace-file.md"} {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "over "+want) && !strings.Contains(string(b), "than "+want) {
			t.Errorf("%s does not say that a file over %s is refused", doc, want)
		}
	}
	if !strings.Contains(interchange.ErrTooLarge.Error(), want) {
		t.Errorf("the error says %q, not %s", interchange.ErrTooLarge, want)
	}
}

// TestAStartUpProblemReachesTheWindowWhicheverComesFirst: the start-up backup fails before
// the window is made, or after: either way the window is told, once.
func TestAStartUpProblemReachesTheWindowWhicheverComesFirst(t *testing.T) {
	for _, windowFirst := range []bool{false, true} {
		var p startupProblem
		var told []string
		say := func(why string) { told = append(told, why) }
		if windowFirst {
			p.tell(say)
			p.happened("the disk is full")
		} else {
			p.happened("the disk is full")
			p.tell(say)
		}
		if len(told) != 1 || told[0] != "the disk is full" {
			t.Errorf("window first %v: told %q", windowFirst, told)
		}
	}
}

// TestTheAppSaysItUsesFyneDo keeps the metadata a go build gives Fyne in step with
// FyneApp.toml: without the fyneDo migration Fyne reads a stack trace on every refresh.
func TestTheAppSaysItUsesFyneDo(t *testing.T) {
	m := appMetadata(appID)
	if !m.Migrations["fyneDo"] {
		t.Error("the app's metadata does not declare the fyneDo migration that FyneApp.toml declares")
	}
	if m.Name != "Journeymap" || m.ID != appID || m.Version == "" || m.Build < 1 {
		t.Errorf("metadata %+v, want FyneApp.toml's name, id, version and build", m)
	}
	if want := fmt.Sprintf("%s (build %d)", m.Version, m.Build); version() != want {
		t.Errorf("version() = %q, metadata says %q", version(), want)
	}
}
