package main

import (
	"encoding/csv"
	"encoding/json"
	"journeymap/storage/sharing/natstest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nats-io/nats-server/v2/server"
)

// natsServer starts a NATS server for a test; users maps names to passwords (none: anyone
// may connect).
func natsServer(t *testing.T, users map[string]string) *server.Server {
	t.Helper()
	var us []*server.User
	for name, pw := range users {
		us = append(us, &server.User{Username: name, Password: pw})
	}
	return natstest.Start(t, us...)
}

// TestShareJoinSync: one desk shares its workspace, another joins it; a spreadsheet imported on
// the second reaches the first by sync; both export the same workspace file; sync -json says
// where the store stands, with nothing waiting; unshare keeps the workspace.
func TestShareJoinSync(t *testing.T) {
	ns := natsServer(t, nil)
	tmp := t.TempDir()
	ana, ben := filepath.Join(tmp, "ana"), filepath.Join(tmp, "ben")
	mustCLI := func(args ...string) string {
		t.Helper()
		code, out, errOut := cli(t, args...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s%s", strings.Join(args, " "), code, out, errOut)
		}
		return out
	}
	mustCLI("-store", ana, "import", "testdata/small.journeymap.json")
	out := mustCLI("share", "-store", ana, "-server", ns.ClientURL())
	if !strings.Contains(out, "journeymap join -server "+ns.ClientURL()+" -bucket ") {
		t.Fatalf("share says %q; want the line the others join with", out)
	}
	bucket := strings.TrimSpace(out[strings.LastIndex(out, "-bucket ")+len("-bucket "):])
	mustCLI("join", "-store", ben, "-server", ns.ClientURL(), "-bucket", bucket)

	if code, _, errOut := cli(t, "join", "-store", ana, "-server", ns.ClientURL(), "-bucket", bucket); code != 1 || !strings.Contains(errOut, "follows \""+bucket+"\"") {
		t.Errorf("joining from a store that follows the bucket: exit %d, %q", code, errOut)
	}
	own := filepath.Join(tmp, "own")
	mustCLI("-store", own, "import", "testdata/small.journeymap.json")
	if code, _, errOut := cli(t, "join", "-store", own, "-server", ns.ClientURL(), "-bucket", bucket); code != 1 || !strings.Contains(errOut, "holds a workspace: join from a new store") {
		t.Errorf("joining from a store with a workspace: exit %d, %q", code, errOut)
	}
	gone := filepath.Join(tmp, "made-for-a-failed-join")
	if code, _, _ := cli(t, "join", "-store", gone, "-server", ns.ClientURL(), "-bucket", "nothing"); code != 1 {
		t.Errorf("joining a bucket that isn't there: exit %d", code)
	}
	if _, err := os.Stat(gone); !os.IsNotExist(err) {
		t.Errorf("a failed join left the store it made: %v", err)
	}
	if code, _, errOut := cli(t, "share", "-store", ben, "-server", ns.ClientURL(), "-bucket", "other"); code != 1 || !strings.Contains(errOut, "already follows") {
		t.Errorf("sharing a store that follows a shared workspace: exit %d, %q", code, errOut)
	}
	other := filepath.Join(tmp, "other")
	mustCLI("-store", other, "import", "testdata/small.journeymap.json")
	if code, _, errOut := cli(t, "share", "-store", other, "-server", ns.ClientURL(), "-bucket", bucket); code != 1 || !strings.Contains(errOut, "already holds a workspace") {
		t.Errorf("sharing into a bucket in use: exit %d, %q", code, errOut)
	}

	// A spreadsheet's row with no id is a new pain point: the last row, its id cut off.
	painsIn := func(dir string) int {
		t.Helper()
		path := filepath.Join(tmp, filepath.Base(dir)+".json")
		mustCLI("-store", dir, "export", "-format", "json", "-o", path)
		var file struct {
			Journeys []struct {
				ID         string
				PainPoints []any
			}
		}
		b, _ := os.ReadFile(path)
		if err := json.Unmarshal(b, &file); err != nil || len(file.Journeys) == 0 {
			t.Fatalf("%s's export: %v", dir, err)
		}
		return len(file.Journeys[0].PainPoints)
	}
	before := painsIn(ana)
	var file struct{ Journeys []struct{ ID string } }
	b, _ := os.ReadFile(filepath.Join(tmp, "ana.json"))
	json.Unmarshal(b, &file)
	jid := file.Journeys[0].ID
	csvFile := filepath.Join(tmp, "pains.csv")
	mustCLI("-store", ben, "export", "-format", "csv", "-journey", jid, "-o", csvFile)
	f, _ := os.Open(csvFile)
	records, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(records) < 2 {
		t.Fatalf("the exported CSV: %d rows, %v", len(records), err)
	}
	row := records[len(records)-1]
	for i, col := range records[0] {
		switch strings.TrimPrefix(col, "\ufeff") {
		case "id":
			row[i] = ""
		case "title":
			row[i] = "Found on Ben's desk"
		}
	}
	f, _ = os.Create(csvFile)
	csv.NewWriter(f).WriteAll([][]string{records[0], row})
	f.Close()
	mustCLI("-store", ben, "import", "-format", "csv", "-journey", jid, csvFile)
	mustCLI("sync", "-store", ben)
	mustCLI("sync", "-store", ana)
	if got := painsIn(ana); got != before+1 {
		t.Fatalf("after Ben's import and both syncs Ana's journey has %d pain points, want %d", got, before+1)
	}
	painsIn(ben)
	a, _ := os.ReadFile(filepath.Join(tmp, "ana.json"))
	b, _ = os.ReadFile(filepath.Join(tmp, "ben.json"))
	if string(a) != string(b) {
		t.Fatal("after syncing both desks export different workspaces")
	}

	var st struct {
		Server, Bucket string
		Revision       uint64
		Waiting        int
		Conflicts      []any
		LastContact    string
	}
	if err := json.Unmarshal([]byte(mustCLI("sync", "-store", ana, "-json")), &st); err != nil {
		t.Fatal(err)
	}
	if st.Server != ns.ClientURL() || st.Bucket != bucket || st.Revision == 0 || st.Waiting != 0 || st.Conflicts == nil || st.LastContact == "" {
		t.Errorf("sync -json: %+v", st)
	}
	ns.Shutdown()
	code, out, errOut := cli(t, "sync", "-store", ana, "-json")
	var offline struct {
		Bucket      string
		Waiting     int
		LastContact string
	}
	if code != 1 || json.Unmarshal([]byte(out), &offline) != nil || offline.Bucket != bucket || offline.LastContact != "" ||
		!strings.Contains(errOut, "working offline") {
		t.Errorf("sync -json with the server gone: exit %d, %q, %q; want the JSON, no contact, and a line saying it works offline", code, out, errOut)
	}
	// A change made offline would never reach the others: unshare says so, and goes only when
	// told to keep it here.
	mustCLI("-store", ana, "import", "-format", "csv", "-journey", jid, csvFile)
	painsIn(ana)
	a, _ = os.ReadFile(filepath.Join(tmp, "ana.json"))
	if code, _, errOut := cli(t, "unshare", "-store", ana); code != 1 || !strings.Contains(errOut, "never reached the task force") {
		t.Errorf("unshare with a change unsent: exit %d, %q; want it refused, saying so", code, errOut)
	}
	mustCLI("unshare", "-store", ana, "-keep-unsent")
	if code, _, errOut := cli(t, "sync", "-store", ana); code != 1 || !strings.Contains(errOut, "follows no shared workspace") {
		t.Errorf("sync after unshare: exit %d, %q", code, errOut)
	}
	painsIn(ana)
	if after, _ := os.ReadFile(filepath.Join(tmp, "ana.json")); string(after) != string(a) {
		t.Error("unshare changed the workspace")
	}
}

// TestSharingSaysWhatWentWrong: a server that can't be reached, refused credentials, a
// password on the command line and a bucket that isn't there each get one line naming it.
func TestSharingSaysWhatWentWrong(t *testing.T) {
	ns := natsServer(t, map[string]string{"ana": "s3cret"})
	plain := natstest.StartWithoutJetStream(t)
	tmp := t.TempDir()
	store := filepath.Join(tmp, "s")
	if code, _, errOut := cli(t, "-store", store, "import", "testdata/small.journeymap.json"); code != 0 {
		t.Fatal(errOut)
	}
	wrong := filepath.Join(tmp, "wrong")
	os.WriteFile(wrong, []byte("nope\n"), 0o600)
	right := filepath.Join(tmp, "right")
	os.WriteFile(right, []byte("s3cret\n"), 0o600)
	tests := []struct {
		args []string
		code int
		says string
	}{
		{[]string{"share", "-store", store, "-server", "nats://127.0.0.1:1"}, 1, "can't reach the server nats://127.0.0.1:1"},
		{[]string{"share", "-store", store, "-server", "nats://127.0.0.2"}, 1, "(no port given, so NATS's 4222 was tried)"},
		{[]string{"share", "-store", store, "-server", strings.Replace(plain.ClientURL(), "nats://", "tls://", 1)}, 1, "does not take TLS: give its address as nats://"},
		{[]string{"share", "-store", store, "-server", ns.ClientURL(), "-user", "ana", "-password-file", wrong}, 1, "refused the credentials for ana"},
		{[]string{"share", "-store", store, "-server", ns.ClientURL(), "-user", "ana"}, 2, "a password is never typed on the command line"},
		{[]string{"join", "-store", filepath.Join(tmp, "new"), "-server", ns.ClientURL(), "-user", "ana", "-password-file", right, "-bucket", "nothing"}, 1, `no shared workspace by that name`},
		{[]string{"share", "-store", store, "-server", ns.ClientURL(), "-bucket", "a.b"}, 2, "letters, digits, - and _ only"},
		{[]string{"share", "-store", store, "-server", "127.0.0.1:42x"}, 1, `is not a server's address (nats://HOST:PORT)`},
		{[]string{"share", "-store", store, "-server", "http://127.0.0.1:4222"}, 2, "starts nats://"},
		{[]string{"share", "-store", store, "-server", plain.ClientURL()}, 1, "runs without JetStream, which a shared workspace needs: start it with -js"},
		{[]string{"join", "-store", filepath.Join(tmp, "new2"), "-server", plain.ClientURL(), "-bucket", "b"}, 1, "runs without JetStream"},
	}
	for _, tt := range tests {
		code, _, errOut := cli(t, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.says) || strings.Count(strings.TrimSpace(errOut), "\n") > 0 && tt.code == 1 {
			t.Errorf("%s: exit %d, %q; want %d saying %q", strings.Join(tt.args, " "), code, errOut, tt.code, tt.says)
		}
	}
}
