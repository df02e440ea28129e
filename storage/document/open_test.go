package document

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"journeymap/journey"
	"journeymap/journey/journeytest"
	"journeymap/storage"
)

// TestOpenTakesOptions: a new store is made and its workspace named, not as an edit; Existing
// refuses a store that isn't there and names nothing; a seed fills only a new or empty store.
func TestOpenTakesOptions(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	if _, err := Open(dir, Options{Existing: true}); err == nil {
		t.Fatalf("Existing on no store: %v, want it refused", err)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("Existing made a store")
	}
	d, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Workspace().Name; got != journey.DefaultWorkspaceName || d.WhyReadOnly() != "" {
		t.Errorf("a new store's workspace is named %q (read-only: %q), want %q", got, d.WhyReadOnly(), journey.DefaultWorkspaceName)
	}
	if _, ok := d.CanUndo(); ok {
		t.Error("naming a new workspace is an edit to undo")
	}
	d.Close()

	sample := journeytest.Sample(t)
	seeded := filepath.Join(t.TempDir(), "sample")
	d, err = Open(seeded, Options{Seed: sample})
	if err != nil {
		t.Fatal(err)
	}
	if w := d.Workspace(); w.Name != sample.Name || len(w.Journeys) != len(sample.Journeys) {
		t.Fatalf("a seeded store holds %q with %d journeys, want the seed", w.Name, len(w.Journeys))
	}
	if err := d.Do(journey.RenameWorkspace{Before: sample.Name, After: "Played with"}); err != nil {
		t.Fatal(err)
	}
	d.Close()
	d, err = Open(seeded, Options{Seed: sample})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if got := d.Workspace().Name; got != "Played with" {
		t.Errorf("seeded again, the store holds %q: what was changed in it is lost", got)
	}
	if _, err := Open(seeded, Options{}); !errors.Is(err, storage.ErrInUse) {
		t.Errorf("a store open in this process: %v, want ErrInUse", err)
	}
}

// TestAdvise: what to do about each way a store won't open, for the window and the command
// line; a damaged store's advice names its newest backup, and the command that restores it.
func TestAdvise(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	for _, tt := range []struct {
		err     error
		says    string
		command string
	}{
		{storage.ErrInUse, "already open on this workspace", ""},
		{storage.ErrNewerSchema, "Update Journeymap", ""},
		{storage.ErrIncomplete, "journeymap import -replace FILE", ""},
		{storage.ErrNotStore, "an empty or new folder", ""},
		{storage.ErrDiskFull, "Free some disk space", ""},
		{errors.New("something else"), "Nothing was changed", ""},
		{storage.ErrDamaged, "journeymap restore FILE", "there is no backup beside it: import a workspace file with: journeymap import -store " + dir + " -replace FILE"},
	} {
		a := Advise(dir, tt.err)
		if !strings.Contains(a.Says, tt.says) || a.Command != tt.command && !strings.HasSuffix(a.Command, tt.command) || a.Newest != nil {
			t.Errorf("%v: says %q, command %q; want %q and %q", tt.err, a.Says, a.Command, tt.says, tt.command)
		}
		if got := WithAdvice(dir, tt.err); (tt.command == "") != (got == tt.err) || !errors.Is(got, tt.err) {
			t.Errorf("%v with advice: %v", tt.err, got)
		}
	}
	s, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	when := time.Date(2026, 11, 24, 9, 0, 0, 0, time.Local)
	path, err := s.Backup(journeytest.Sample(t), when)
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	a := Advise(dir, storage.ErrDamaged)
	if a.Newest == nil || a.Newest.Path != path || !strings.Contains(a.Says, "Tue 24 Nov 2026 at 09:00") ||
		a.Command != "nothing was changed. The newest backup is "+path+" (2026-11-24 09:00): restore it with: journeymap restore -store "+dir+" "+path {
		t.Errorf("damaged, with a backup: %+v", a)
	}
	if WithAdvice(dir, nil) != nil {
		t.Error("no error was given advice")
	}
}
