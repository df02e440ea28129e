package storage

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"journeymap/journey"
	"journeymap/journey/interchange"
)

// Backups are workspace files named STORE-backup-YYYYMMDD-HHMMSS[-N].journeymap.json in the
// directory that holds the store directory: never inside it, where a damaged store could take
// them with it. They are written under a temporary name and renamed, so a backup under its
// own name is always whole.
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
	Time time.Time
	Size int64
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
	base := prefix + now.Format(backupTime)
	tmp, err := os.CreateTemp(parent, "."+base+"-*.partial")
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
	for n := 1; ; n++ {
		path := filepath.Join(parent, base+backupSuffix)
		if n > 1 {
			path = filepath.Join(parent, fmt.Sprintf("%s-%d%s", base, n, backupSuffix))
		}
		// A link, unlike a rename, never replaces a backup taken in the same second.
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
		stamp, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.Type().IsRegular() {
			continue
		}
		if stamp, ok = strings.CutSuffix(stamp, backupSuffix); !ok || len(stamp) < len(backupTime) {
			continue
		}
		t, err := time.ParseInLocation(backupTime, stamp[:len(backupTime)], time.Local)
		if err != nil {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue
		}
		list = append(list, BackupFile{Path: filepath.Join(parent, e.Name()), Time: t, Size: fi.Size()})
	}
	slices.SortFunc(list, func(a, b BackupFile) int {
		if c := b.Time.Compare(a.Time); c != 0 {
			return c
		}
		return strings.Compare(b.Path, a.Path)
	})
	return list, nil
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
