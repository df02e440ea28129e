//go:build windows

package storage

import "golang.org/x/sys/windows"

func diskFree(dir string) (uint64, error) {
	p, err := windows.UTF16PtrFromString(dir)
	if err != nil {
		return 0, err
	}
	var free uint64
	if err := windows.GetDiskFreeSpaceEx(p, &free, nil, nil); err != nil {
		return 0, err
	}
	return free, nil
}

// writable reports whether the process may create files in dir. Windows says so only when a
// file is made, which a kill could leave behind in the store's folder: it is left to the
// write itself to say.
func writable(string) error { return nil }
