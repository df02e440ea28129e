package storage

import (
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
