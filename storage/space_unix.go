//go:build unix

package storage

import "golang.org/x/sys/unix"

func diskFree(dir string) (uint64, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return 0, err
	}
	return uint64(st.Bavail) * uint64(st.Bsize), nil
}

// writable reports whether the process may create files in dir, without creating one: a
// file left by a kill in between would make the folder no store's.
func writable(dir string) error { return unix.Access(dir, unix.W_OK) }
