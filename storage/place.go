package storage

import (
	"fmt"
	"os"
	"path/filepath"
)

// DefaultDir is the per-user store, <user config dir>/journeymap/store, so that the backups
// written beside it land in <user config dir>/journeymap.
func DefaultDir() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the per-user data directory (use -store DIR): %w", err)
	}
	return filepath.Join(dir, "journeymap", "store"), nil
}

// SampleDir is where the sample workspace lives: beside the default store and never in it,
// since its made-up team must not be counted as anyone's own.
func SampleDir() (string, error) {
	dir, err := DefaultDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(dir), "sample"), nil
}

// SameDir reports whether two paths name one directory.
func SameDir(a, b string) bool {
	ia, erra := os.Stat(a)
	ib, errb := os.Stat(b)
	if erra != nil || errb != nil {
		return filepath.Clean(a) == filepath.Clean(b)
	}
	return os.SameFile(ia, ib)
}
