package storage

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// OpenReadOnly opens the store in dir for reading only: no file of it is created, changed or
// removed, so it works on a read-only disk, a full one, and a damaged store is never made
// worse. A store that was not closed (the app is killed, or still writes to it) has logs
// Badger must replay to read: those are read from a private copy. So is a store that a running
// Journeymap holds, which is how report and export answer while the app is open, and every
// store on Windows, where Badger can't open one read-only.
func OpenReadOnly(dir string) (*Store, error) {
	if err := existing(dir); err != nil {
		return nil, err
	}
	live := held(dir)
	if live || runtime.GOOS == "windows" {
		return openCopy(dir, live)
	}
	mems, err := logFiles(dir, ".mem")
	if err != nil {
		return nil, err
	}
	if len(mems) > 0 {
		return openCopy(dir, false)
	}
	if err := checkFiles(dir); err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	db, err := badger.Open(badgerOptions(dir).WithReadOnly(true))
	if err != nil {
		return nil, openError(dir, err)
	}
	s := &Store{db: db, dir: dir, readOnly: true}
	current, err := s.schemaCurrent()
	if err == nil && current && !s.halfWritten() {
		return s, nil
	}
	db.Close()
	if err != nil {
		return nil, err
	}
	return openCopy(dir, false)
}

// openCopy opens a private copy of the store so that Badger can replay its logs and an older
// schema can be migrated without touching the store itself. The copy is checked as Open
// checks a store, and a damaged one is named by the store's path. A live store is one that a
// running Journeymap writes to (see copyStoreFiles).
func openCopy(dir string, live bool) (*Store, error) {
	tmp, err := os.MkdirTemp("", "journeymap-read-")
	if err != nil {
		return nil, fmt.Errorf("reading store %s: making a private copy: %w", dir, err)
	}
	s, err := func() (*Store, error) {
		if err := copyStoreFiles(dir, tmp, live); err != nil {
			return nil, fmt.Errorf("reading store %s: making a private copy: %w", dir, err)
		}
		if err := checkFiles(tmp); err != nil {
			return nil, fmt.Errorf("%s: %w", dir, err)
		}
		s, err := openBadger(dir, tmp)
		if err != nil {
			return nil, err
		}
		s.readOnly, s.copyDir = true, tmp
		return s, nil
	}()
	if err != nil {
		os.RemoveAll(tmp)
	}
	return s, err
}

// copyTries is how many times copyStoreFiles copies a store that keeps changing under it
// before it gives up. A Journeymap changes the files of its store only when Badger moves
// data from a log into a table, a few times a minute at the most, but then in a burst of a
// compaction's tables: the tries wait longer and longer (copyPause more each, 4 s in all).
const copyTries = 20

const copyPause = 20 * time.Millisecond

// errStoreChanging is returned when a running Journeymap changed the store's files during
// every try to copy it.
var errStoreChanging = errors.New("the running Journeymap kept changing the store's files; try again")

// copyStoreFiles copies Badger's files, leaving out the lock, and the zeros Badger reserves at
// the end of its logs, into the empty directory to. A running Journeymap may be writing to
// the store meanwhile, so the copy must be one Badger could have left at some moment, as a
// crash would: tables are never changed once written and logs are only appended to, and
// Badger writes a table before the MANIFEST lists it, and removes one, or a log it has moved
// into tables, only after. So the MANIFEST is copied first, the logs last, the values' log
// after the write-ahead logs that point into it; and when the set of files changed meanwhile,
// or a file went away before it was read, the copy is made again. In a live store the newest
// logs are being appended to as they are read, so their copies end at the last whole entry:
// whatever was written before the copy began lies before it.
func copyStoreFiles(from, to string, live bool) error {
	var err error
	for try := 0; try < copyTries; try++ {
		var before, after []string
		if before, err = storeFiles(from); err != nil {
			return err
		}
		err = copyInOrder(from, to, before, live)
		if after, _ = storeFiles(from); err == nil && slices.Equal(before, after) {
			return nil
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if err := emptyDir(to); err != nil {
			return err
		}
		time.Sleep(time.Duration(try+1) * copyPause)
	}
	if err == nil {
		err = errStoreChanging
	}
	return err
}

// storeFiles lists the files of a store to copy, in the order to copy them in.
func storeFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.Name() != "LOCK" && e.Type().IsRegular() {
			names = append(names, e.Name())
		}
	}
	rank := func(name string) int {
		switch {
		case name == "MANIFEST":
			return 0
		case strings.HasSuffix(name, ".mem"):
			return 2
		case strings.HasSuffix(name, ".vlog"):
			return 3
		}
		return 1
	}
	slices.SortStableFunc(names, func(a, b string) int { return rank(a) - rank(b) })
	return names, nil
}

func copyInOrder(from, to string, names []string, live bool) error {
	newest := newestLogs(names)
	for _, name := range names {
		data, err := readShared(filepath.Join(from, name))
		if err != nil {
			return err
		}
		if isLog(name) {
			if len(data) == 0 {
				continue // see removeEmptyLogs
			}
			data = data[:copiedLength(data, live && newest[name])]
			if len(data) < logHeaderSize {
				data = append(data, make([]byte, logHeaderSize-len(data))...)
			}
		}
		if err := os.WriteFile(filepath.Join(to, name), data, 0o600); err != nil {
			return err
		}
	}
	return nil
}

// copiedLength is how much of a log's bytes a copy keeps: not the zeros Badger reserves after
// its last write, but never into a whole entry, whose checksum ends in a zero byte once in
// 256; and of a log being appended to as it is read, its whole entries only.
func copiedLength(data []byte, appending bool) int {
	whole := wholeEntries(data)
	if appending {
		return whole
	}
	return max(whole, len(bytes.TrimRight(data, "\x00")))
}

func emptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
			return err
		}
	}
	return nil
}

// newestLogs tells the newest write-ahead log and the newest value log among a store's files.
func newestLogs(names []string) map[string]bool {
	newest := map[string]bool{}
	for _, ext := range []string{".mem", ".vlog"} {
		if logs := logsOf(names, ext); len(logs) > 0 {
			newest[logs[len(logs)-1]] = true
		}
	}
	return newest
}
