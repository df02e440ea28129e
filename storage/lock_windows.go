package storage

import (
	"errors"
	"io"
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// lockDir is not needed on Windows: a directory with a file open in it can't be renamed, so
// Install's rename fails instead while another Journeymap has the store open.
func lockDir(dir string) (unlock func(), err error) { return func() {}, nil }

// held tells whether another process holds the store open for writing, as a running
// Journeymap does: Badger then holds its LOCK file open with no sharing, and deleted when
// closed, so it is there only while held and can't be opened.
func held(dir string) bool {
	h, err := openShared(filepath.Join(dir, "LOCK"))
	if err != nil {
		return errors.Is(err, windows.ERROR_SHARING_VIOLATION)
	}
	windows.CloseHandle(h)
	return false
}

// readShared reads a whole file that a running Journeymap may remove meanwhile.
func readShared(path string) ([]byte, error) {
	h, err := openShared(path)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	f := os.NewFile(uintptr(h), path)
	defer f.Close()
	return io.ReadAll(f)
}

// openShared opens a file for reading while letting others read, write and remove it. Go opens
// files on Windows without FILE_SHARE_DELETE, and Badger's removal of a log it has moved into
// a table would then fail in the app for as long as the file is open here.
func openShared(path string) (windows.Handle, error) {
	name, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return windows.InvalidHandle, err
	}
	return windows.CreateFile(name, windows.GENERIC_READ,
		windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE|windows.FILE_SHARE_DELETE, nil,
		windows.OPEN_EXISTING, windows.FILE_ATTRIBUTE_NORMAL, 0)
}
