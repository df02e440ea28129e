package storage

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"journeymap/journey"
	"journeymap/journey/interchange"
)

// Backups are workspace files named STORE-backup-YYYYMMDD-HHMMSSZ-N.journeymap.json in the
// directory that holds the store directory: never inside it, where a damaged store could take
// them with it. The time is UTC, and N counts the store's backups: they are ordered by N,
// which never goes back, where a clock set back, a time zone west or a DST fall-back would
// have put the one just written behind the others (and rotation would have removed it).
// Names of older Journeymaps (STORE-backup-YYYYMMDD-HHMMSS[-N].journeymap.json, in local
// time) are renamed to these, in their order, before a backup is next written. A backup is
// written under a temporary name and renamed, so a backup under its own name is always whole.
const (
	backupInfix  = "-backup-"
	backupSuffix = ".journeymap.json"
	backupTime   = "20060102-150405"
)

// Rotation: the newest keepRecent backups are kept, and beyond them the newest of each day
// for keepDays days.
const (
	keepRecent = 10
	keepDays   = 31
)

// BackupFile is one backup of a store.
type BackupFile struct {
	Path string
	Time time.Time // when it was written, in local time
	Size int64
	// Seq is its place among the store's backups, the newest highest; 0 for a name of an
	// older Journeymap not renamed yet.
	Seq uint64
	// inSecond orders an older Journeymap's backups taken in one second: "-2" after none.
	inSecond int
}

// backupPlace returns the directory backups of the store at dir go to and their name prefix.
// The path is made absolute first, so "-store ." puts them beside the store too.
func backupPlace(dir string) (parent, prefix string, err error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", "", fmt.Errorf("finding where backups of %s go: %w", dir, err)
	}
	return filepath.Dir(abs), filepath.Base(abs) + backupInfix, nil
}

// BackupFolder is the directory the backups of the store at dir go to: the one that holds it.
func BackupFolder(dir string) string {
	parent, _, err := backupPlace(dir)
	if err != nil {
		return filepath.Dir(dir)
	}
	return parent
}

// Backup writes w as a workspace file beside the store and returns its path.
func (s *Store) Backup(w *journey.Workspace, now time.Time) (string, error) {
	data, err := interchange.Marshal(w)
	if err != nil {
		return "", err
	}
	return writeBackup(s.dir, data, now)
}

// BackupIfChanged makes sure a backup holds w: the newest one when it already does, or a new
// one, after which the backups are rotated. It returns the backup's path and whether it is new.
func (s *Store) BackupIfChanged(w *journey.Workspace, now time.Time) (path string, written bool, err error) {
	data, err := interchange.Marshal(w)
	if err != nil {
		return "", false, err
	}
	list, err := Backups(s.dir)
	if err != nil {
		return "", false, err
	}
	if len(list) > 0 {
		if old, err := os.ReadFile(list[0].Path); err == nil && bytes.Equal(old, data) {
			return list[0].Path, false, nil
		}
	}
	if path, err = writeBackup(s.dir, data, now); err != nil {
		return "", false, err
	}
	return path, true, RotateBackups(s.dir, now)
}

func writeBackup(dir string, data []byte, now time.Time) (string, error) {
	parent, prefix, err := backupPlace(dir)
	if err != nil {
		return "", err
	}
	if err := checkFree(parent, uint64(len(data))+minFreeBytes); err != nil {
		return "", fmt.Errorf("writing a backup: %w", err)
	}
	list, err := renameOldBackups(dir)
	if err != nil {
		return "", err
	}
	seq := uint64(1)
	if len(list) > 0 {
		seq = list[0].Seq + 1
	}
	stamp := now.UTC().Format(backupTime) + "Z"
	tmp, err := os.CreateTemp(parent, "."+prefix+stamp+"-*.partial")
	if err != nil {
		return "", fmt.Errorf("writing a backup: %w", err)
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("writing a backup to %s: %w", parent, err)
	}
	for ; ; seq++ {
		path := filepath.Join(parent, backupName(prefix, stamp, seq))
		// A link, unlike a rename, never replaces a backup there already.
		err := os.Link(tmp.Name(), path)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			// Where links are not to be had, a rename onto a name checked free.
			if _, serr := os.Lstat(path); serr == nil {
				continue
			}
			err = os.Rename(tmp.Name(), path)
		}
		os.Remove(tmp.Name())
		if err != nil {
			return "", fmt.Errorf("writing a backup to %s: %w", path, err)
		}
		syncDir(parent)
		return path, nil
	}
}

func backupName(prefix, stamp string, seq uint64) string {
	return fmt.Sprintf("%s%s-%06d%s", prefix, stamp, seq, backupSuffix)
}

// Backups lists the backups of the store at dir, newest first.
func Backups(dir string) ([]BackupFile, error) {
	parent, prefix, err := backupPlace(dir)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		return nil, fmt.Errorf("listing backups in %s: %w", parent, err)
	}
	var list []BackupFile
	for _, e := range entries {
		b, ok := parseBackupName(prefix, e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue
		}
		b.Path, b.Size = filepath.Join(parent, e.Name()), fi.Size()
		list = append(list, b)
	}
	// By number; an older Journeymap's names, unnumbered, before them by their time.
	slices.SortFunc(list, func(a, b BackupFile) int {
		if c := cmp.Compare(b.Seq, a.Seq); c != 0 {
			return c
		}
		if c := b.Time.Compare(a.Time); c != 0 {
			return c
		}
		return cmp.Compare(b.inSecond, a.inSecond)
	})
	return list, nil
}

// parseBackupName reads a backup's time and number off its name.
func parseBackupName(prefix, name string) (BackupFile, bool) {
	stamp, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return BackupFile{}, false
	}
	if stamp, ok = strings.CutSuffix(stamp, backupSuffix); !ok || len(stamp) < len(backupTime) {
		return BackupFile{}, false
	}
	at, rest := stamp[:len(backupTime)], stamp[len(backupTime):]
	if n, ok := strings.CutPrefix(rest, "Z-"); ok {
		t, err := time.ParseInLocation(backupTime, at, time.UTC)
		seq, nerr := strconv.ParseUint(n, 10, 64)
		if err != nil || nerr != nil || seq == 0 {
			return BackupFile{}, false
		}
		return BackupFile{Time: t.Local(), Seq: seq}, true
	}
	b := BackupFile{inSecond: 1}
	if rest != "" {
		n, ok := strings.CutPrefix(rest, "-")
		var err error
		if b.inSecond, err = strconv.Atoi(n); !ok || err != nil || b.inSecond < 2 {
			return BackupFile{}, false
		}
	}
	t, err := time.ParseInLocation(backupTime, at, time.Local)
	b.Time = t
	return b, err == nil
}

// renameOldBackups gives the backups an older Journeymap named by local time their numbers,
// oldest first, after those numbered already, and returns the store's backups, newest first.
func renameOldBackups(dir string) ([]BackupFile, error) {
	list, err := Backups(dir)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(list, func(b BackupFile) bool { return b.Seq == 0 })
	if i < 0 {
		return list, nil
	}
	parent, prefix, err := backupPlace(dir)
	if err != nil {
		return nil, err
	}
	seq := uint64(0)
	if i > 0 {
		seq = list[0].Seq
	}
	old := list[i:]
	for k := len(old) - 1; k >= 0; k-- {
		seq++
		path := filepath.Join(parent, backupName(prefix, old[k].Time.UTC().Format(backupTime)+"Z", seq))
		if err := os.Rename(old[k].Path, path); err != nil {
			return nil, fmt.Errorf("renaming the backup %s: %w", old[k].Path, err)
		}
	}
	syncDir(parent)
	return Backups(dir)
}

// RotateBackups removes the backups of the store at dir that rotation does not keep.
func RotateBackups(dir string, now time.Time) error {
	list, err := Backups(dir)
	if err != nil {
		return err
	}
	for _, b := range list[keptBackups(list, now):] {
		if err := os.Remove(b.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("removing an old backup: %w", err)
		}
	}
	return nil
}

// keptBackups orders list (newest first) so that the backups to keep come first, and returns
// how many they are.
func keptBackups(list []BackupFile, now time.Time) int {
	keep := min(len(list), keepRecent)
	days := map[string]bool{}
	for _, b := range list[:keep] {
		days[b.Time.Format("20060102")] = true
	}
	oldest := now.AddDate(0, 0, -keepDays)
	for i := keep; i < len(list); i++ {
		day := list[i].Time.Format("20060102")
		if days[day] || list[i].Time.Before(oldest) {
			continue
		}
		days[day] = true
		list[keep], list[i] = list[i], list[keep]
		keep++
	}
	return keep
}
