//go:build unix

package storage

import (
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
