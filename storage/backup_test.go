package storage

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"journeymap/journey/journeytest"
)

func TestBackupsRotateAndSkipUnchanged(t *testing.T) {
	s := openTest(t)
	w := journeytest.Sample(t)
	start := time.Date(2026, 9, 1, 12, 0, 0, 0, time.Local)
	var now time.Time
	// Four changed backups a day for 60 days.
	for day := range 60 {
		for n := range 4 {
			now = start.AddDate(0, 0, day).Add(time.Duration(n) * time.Hour)
			w.Name = now.String()
			path, written, err := s.BackupIfChanged(w, now)
			if err != nil || !written || path == "" {
				t.Fatalf("day %d: %q %v %v", day, path, written, err)
			}
		}
	}
	list, err := Backups(s.Dir())
	if err != nil {
		t.Fatal(err)
	}
	if path, written, err := s.BackupIfChanged(w, now.Add(time.Minute)); err != nil || written || path != list[0].Path {
		t.Errorf("an unchanged workspace was backed up again: %q %v %v, want the newest, %s", path, written, err, list[0].Path)
	}
	// The newest 10 (the last two and a half days), then one a day back to a month ago.
	days := map[string]int{}
	for i, b := range list {
		day := b.Time.Format("0102")
		days[day]++
		if i >= 10 && days[day] > 1 {
			t.Errorf("two backups of %s beyond the newest 10", day)
		}
		if b.Time.Before(now.AddDate(0, 0, -31)) {
			t.Errorf("a backup of %v is over a month old", b.Time)
		}
	}
	for d := range 31 {
		if days[now.AddDate(0, 0, -d).Format("0102")] == 0 {
			t.Errorf("no backup kept of %d days ago", d)
		}
	}
	if days[now.Format("0102")] != 4 || days[now.AddDate(0, 0, -1).Format("0102")] != 4 || len(list) > 10+31 {
		t.Errorf("kept %d backups (%v), want the newest 10 and one a day for a month", len(list), days)
	}
	if !list[0].Time.Equal(now.Truncate(time.Second)) {
		t.Errorf("the newest backup listed first is of %v, want %v", list[0].Time, now)
	}
}

func TestBackupOfDotStoreGoesBesideIt(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "store")
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	t.Chdir(dir)
	dot := &Store{db: s.db, dir: "."}
	path, err := dot.Backup(journeytest.Sample(t), fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(path) != parent || !strings.HasPrefix(filepath.Base(path), "store-backup-") {
		t.Errorf("a backup of -store . went to %s, want beside the store in %s", path, parent)
	}
	// A backup cut off by a kill is under a temporary name, never listed or restored.
	os.WriteFile(filepath.Join(parent, ".store-backup-20261124-093000-123.partial"), []byte(`{"form`), 0o600)
	list, _ := Backups(".")
	if len(list) != 1 || list[0].Path != path {
		t.Errorf("listed %v, want only %s", list, path)
	}
}

// TestNamesFromTheTimeAreValidOnWindows: backups and a damaged store moved aside are named
// from the time, and Windows refuses a name with a colon or any of <>"/\|?* in it.
func TestNamesFromTheTimeAreValidOnWindows(t *testing.T) {
	s := openTest(t)
	w := journeytest.Sample(t)
	now := time.Date(2026, 11, 24, 23, 59, 58, 0, time.Local)
	backup, err := s.Backup(w, now)
	if err != nil {
		t.Fatal(err)
	}
	aside, err := Install(s.Dir(), w, s, true, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{backup, aside} {
		if name := filepath.Base(path); strings.ContainsAny(name, `<>:"/\|?*`) || strings.HasSuffix(name, ".") {
			t.Errorf("%q can't be a file name on Windows", name)
		}
	}
}

// TestTheBackupJustWrittenIsKeptWhateverTheClock: backups go in the order they were written,
// never by the clock: after moving west a time zone, a DST fall-back or a clock set back a
// day, the backup just written is the newest listed and rotation keeps it, with a full set
// of older ones written before.
func TestTheBackupJustWrittenIsKeptWhateverTheClock(t *testing.T) {
	lisbon := time.FixedZone("WET", 0)
	azores := time.FixedZone("AZOT", -1*60*60)
	start := time.Date(2026, 10, 25, 9, 0, 0, 0, lisbon)
	tests := []struct {
		name string
		then time.Time // when the last backup is written, by the clock
	}{
		{"a time zone west", start.Add(12 * time.Hour).In(azores).Add(-2 * time.Hour)},
		{"a DST fall-back", start.Add(12*time.Hour - 30*time.Minute)},
		{"a clock set back a day", start.AddDate(0, 0, -1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTest(t)
			w := journeytest.Sample(t)
			for n := range 40 { // enough that rotation removes some
				w.Name = fmt.Sprintf("version %d", n)
				if _, _, err := s.BackupIfChanged(w, start.Add(time.Duration(n)*20*time.Minute)); err != nil {
					t.Fatal(err)
				}
			}
			w.Name = "the last"
			path, written, err := s.BackupIfChanged(w, tt.then)
			if err != nil || !written {
				t.Fatalf("%v %v", written, err)
			}
			if _, err := os.Stat(path); err != nil {
				t.Fatalf("the backup just written is gone: %v", err)
			}
			list, err := Backups(s.Dir())
			if err != nil {
				t.Fatal(err)
			}
			if list[0].Path != path {
				t.Errorf("the newest backup listed is %s, want the one just written, %s", filepath.Base(list[0].Path), filepath.Base(path))
			}
			if len(list) < keepRecent {
				t.Errorf("%d backups kept, want at least %d", len(list), keepRecent)
			}
		})
	}
}

// TestAnOlderJourneymapsBackupsAreRenamedInOrder: backups named by local time, as Journeymap
// named them before, keep their order under the new names, before the next one written.
func TestAnOlderJourneymapsBackupsAreRenamedInOrder(t *testing.T) {
	s := openTest(t)
	parent := filepath.Dir(s.Dir())
	w := journeytest.Sample(t)
	data := journeytest.File(t, w)
	old := []string{"store-backup-20261124-093000.journeymap.json", "store-backup-20261124-093000-2.journeymap.json", "store-backup-20261125-080000.journeymap.json"}
	for _, name := range old {
		if err := os.WriteFile(filepath.Join(parent, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	list, err := Backups(s.Dir())
	if err != nil || len(list) != 3 || filepath.Base(list[0].Path) != old[2] || filepath.Base(list[2].Path) != old[0] {
		t.Fatalf("the older names are listed as %v (%v); want newest first", list, err)
	}
	w.Name = "after the upgrade"
	path, err := s.Backup(w, time.Date(2026, 11, 20, 8, 0, 0, 0, time.Local)) // a clock a few days behind
	if err != nil {
		t.Fatal(err)
	}
	list, _ = Backups(s.Dir())
	var names []string
	for _, b := range list {
		names = append(names, filepath.Base(b.Path))
	}
	want := []string{filepath.Base(path), "store-backup-" + time.Date(2026, 11, 25, 8, 0, 0, 0, time.Local).UTC().Format(backupTime) + "Z-000003.journeymap.json",
		"store-backup-" + time.Date(2026, 11, 24, 9, 30, 0, 0, time.Local).UTC().Format(backupTime) + "Z-000002.journeymap.json",
		"store-backup-" + time.Date(2026, 11, 24, 9, 30, 0, 0, time.Local).UTC().Format(backupTime) + "Z-000001.journeymap.json"}
	if strings.Join(names, " ") != strings.Join(want, " ") || !strings.HasSuffix(want[0], "-000004.journeymap.json") {
		t.Errorf("backups after the upgrade:\n%s\nwant\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}
}
