package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"journeymap/journey"
	"journeymap/journey/interchange"
)

// Backup writes w as a workspace file beside the store directory (never inside it, where a
// damaged store could take the backup with it) and returns the file's path.
func (s *Store) Backup(w *journey.Workspace, now time.Time) (string, error) {
	data, err := interchange.Marshal(w)
	if err != nil {
		return "", err
	}
	dir := filepath.Dir(filepath.Clean(s.dir))
	base := filepath.Base(filepath.Clean(s.dir)) + "-backup-" + now.Format("20060102-150405")
	for n := 1; ; n++ {
		path := filepath.Join(dir, base+".journeymap.json")
		if n > 1 {
			path = filepath.Join(dir, fmt.Sprintf("%s-%d.journeymap.json", base, n))
		}
		// O_EXCL: two backups in the same second never overwrite each other.
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("writing a backup: %w", err)
		}
		_, err = f.Write(data)
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
			return "", fmt.Errorf("writing a backup to %s: %w", path, err)
		}
		return path, nil
	}
}
