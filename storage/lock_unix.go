//go:build unix

package storage

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// lockDir takes the lock Badger takes on a store directory (an exclusive flock on the
// directory itself), so that no Journeymap opens the store while Install renames it: Badger
// names the files it creates by path, and a store renamed under it would have them land in
// the store that took its place.
func lockDir(dir string) (unlock func(), err error) {
	f, err := os.Open(dir)
	if os.IsNotExist(err) {
		return func() {}, nil
	}
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("%w: %s (close the other Journeymap first)", ErrInUse, dir)
	}
	return func() { f.Close() }, nil
}

// held tells whether another process holds the store open for writing, as a running
// Journeymap does: Badger then holds an exclusive flock on the directory, so even the shared
// one it takes to open read-only is refused.
func held(dir string) bool {
	f, err := os.Open(dir)
	if err != nil {
		return false
	}
	defer f.Close()
	if err := unix.Flock(int(f.Fd()), unix.LOCK_SH|unix.LOCK_NB); err != nil {
		return errors.Is(err, unix.EWOULDBLOCK)
	}
	unix.Flock(int(f.Fd()), unix.LOCK_UN)
	return false
}

// readShared reads a whole file.
func readShared(path string) ([]byte, error) { return os.ReadFile(path) }
