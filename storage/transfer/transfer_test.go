package transfer

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"journeymap/journey"
	"journeymap/journey/interchange"
	"journeymap/journey/journeytest"
	"journeymap/storage"
)

// load reads the workspace in the store at dir, read-only.
func load(t *testing.T, dir string) *journey.Workspace {
	t.Helper()
	s, err := storage.OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	w, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestImportBacksUpWhatItReplaces(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	now := time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)
	first, err := Import(dir, journeytest.Sample(t), false, now)
	if err != nil || first.Backup != "" || first.NoBackup != "" {
		t.Fatalf("into a new store: %+v, %v; want no backup", first, err)
	}
	if got := first.Summary(); !strings.HasPrefix(got, `imported "Northwind Home CX task force": 5 members, 2 journeys, 13 pain points into `) {
		t.Errorf("summary: %q", got)
	}
	before, _ := interchange.Marshal(load(t, dir))

	other := &journey.Workspace{Name: "Other"}
	if _, err := Import(dir, other, false, now); !errors.Is(err, ErrNotEmpty) || !strings.Contains(err.Error(), "add -replace") {
		t.Fatalf("a second import without replace: %v, want it refused with advice", err)
	}
	r, err := Import(dir, other, true, now)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(r.Backup) != filepath.Dir(dir) {
		t.Errorf("backup at %s, want beside the store", r.Backup)
	}
	backup, err := os.ReadFile(r.Backup)
	if err != nil || !bytes.Equal(backup, before) {
		t.Errorf("the backup is not the replaced workspace: %v", err)
	}
	if w := load(t, dir); w.Name != "Other" {
		t.Errorf("after replace the store holds %q", w.Name)
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 2 {
		t.Errorf("beside the store after a replace: %v, want the store and one backup", entries)
	}
	back, err := Restore(dir, r.Backup, now.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := back.Summary(), `restored "Northwind Home CX task force" from `+r.Backup+": 5 members"; !strings.HasPrefix(got, want) {
		t.Errorf("after a restore the summary says %q, want it to start %q", got, want)
	}
}

func TestImportRefusesInvalidAndWritesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	if _, err := Import(dir, journeytest.Sample(t), false, time.Now()); err != nil {
		t.Fatal(err)
	}
	bad := journeytest.Sample(t)
	bad.Journeys[0].PainPoints[0].Severity = 9
	if _, err := Import(dir, bad, true, time.Now()); !errors.Is(err, journey.ErrInvalid) {
		t.Fatalf("got %v, want a validation error", err)
	}
	if w := load(t, dir); w.Journeys[0].PainPoints[0].Severity == 9 {
		t.Error("an invalid workspace reached the store")
	}
}

func TestExport(t *testing.T) {
	w := journeytest.Sample(t)
	var csv bytes.Buffer
	if err := Export(&csv, w, CSV, w.Journeys[1].ID); err != nil {
		t.Fatal(err)
	}
	if rows := strings.Count(csv.String(), "\r\n"); rows != 1+len(w.Journeys[1].PainPoints) {
		t.Errorf("csv of one journey has %d rows, want the header and its %d pain points", rows, len(w.Journeys[1].PainPoints))
	}
	var all bytes.Buffer
	if err := Export(&all, w, JSON, w.Journeys[1].ID); err != nil {
		t.Fatal(err)
	}
	if back, err := interchange.Parse(all.Bytes()); err != nil || len(back.Journeys) != 2 {
		t.Errorf("a JSON export is not the whole workspace file: %v", err)
	}
	if err := Export(io.Discard, w, CSV, "nosuch"); err == nil || !strings.Contains(err.Error(), `"nosuch"`) {
		t.Errorf("an unknown journey: %v", err)
	}
}

func TestWriteFileLeavesNoHalfFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(path, []byte("the good file"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := WriteFile(path, func(w io.Writer) error {
		io.WriteString(w, "half of a new")
		return errors.New("disk went away")
	})
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("got %v, want the failure naming the file", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "the good file" {
		t.Errorf("a failed export left %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("a failed export left a temporary file: %d entries", len(entries))
	}
}

func TestWriteFileKeepsModesLinksAndDevices(t *testing.T) {
	dir := t.TempDir()
	hello := func(w io.Writer) error { _, err := io.WriteString(w, "hello"); return err }

	// An existing file keeps its permissions.
	kept := filepath.Join(dir, "kept.csv")
	os.WriteFile(kept, []byte("old"), 0o640)
	if err := WriteFile(kept, hello); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(kept); fi.Mode().Perm() != 0o640 {
		t.Errorf("an existing file's mode became %v, want 0640", fi.Mode().Perm())
	}
	// A new file gets what the umask leaves of 0666, not 0600.
	fresh := filepath.Join(dir, "new.csv")
	if err := WriteFile(fresh, hello); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(fresh); fi.Mode().Perm()&0o044 == 0 && umaskAllowsRead() {
		t.Errorf("a new file's mode is %v: others can't read it though the umask allows", fi.Mode().Perm())
	}
	// A link is written through, and stays a link.
	link := filepath.Join(dir, "link.csv")
	os.Symlink(kept, link)
	os.WriteFile(kept, []byte("old"), 0o640)
	if err := WriteFile(link, hello); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	if got, _ := os.ReadFile(kept); string(got) != "hello" {
		t.Errorf("the file the link names holds %q", got)
	}
	// A device is written to, not replaced.
	if err := WriteFile(os.DevNull, hello); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(os.DevNull); fi.Mode().IsRegular() {
		t.Fatal("/dev/null was replaced by a file")
	}
	// An error names the path given, not a temporary file.
	missing := filepath.Join(dir, "no-such-folder", "map.png")
	err := WriteFile(missing, hello)
	if err == nil || !strings.Contains(err.Error(), missing) || strings.Contains(err.Error(), ".journeymap-") {
		t.Errorf("got %v, want the error to name %s alone", err, missing)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 3 {
		t.Errorf("temporary files were left behind: %d entries", len(entries))
	}
}
