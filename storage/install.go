package storage

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/dgraph-io/badger/v4"

	"journeymap/journey"
)

// The directories beside a store that Install works in. A store "s" is built as
// "s.incoming", renamed "s.ready" once read back whole, and swapped in for "s", which is
// renamed "s.replaced" and then removed (or kept aside, when it was damaged).
const (
	suffixIncoming = ".incoming"
	suffixReady    = ".ready"
	suffixReplaced = ".replaced"
)

// Install makes the store at dir hold exactly w with no moment in which it holds less: w is
// validated and written into a new store beside dir (Store.Replace), read back and compared, and only then put in dir's
// place with two renames; Open finishes a swap that a kill cut off between them. old is the
// store open at dir, or nil; it is closed before the swap, which holds the directory's lock
// so that no other Journeymap opens the old store meanwhile. With keepAside, the store that is replaced is kept, untouched,
// as dir-damaged-TIME, and that path returned; otherwise it is removed.
func Install(dir string, w *journey.Workspace, old *Store, keepAside bool, now time.Time) (aside string, err error) {
	closed := false
	closeOld := func() {
		if old != nil && !closed {
			closed = true
			old.Close()
		}
	}
	defer closeOld()
	if err := checkSizes(w); err != nil {
		return "", err
	}
	dir = filepath.Clean(dir)
	incoming, ready, replaced := dir+suffixIncoming, dir+suffixReady, dir+suffixReplaced
	for _, stale := range []string{incoming, ready, replaced} {
		if err := os.RemoveAll(stale); err != nil {
			return "", fmt.Errorf("removing what an earlier import left in %s: %w", stale, err)
		}
	}
	if err := build(incoming, w); err != nil {
		os.RemoveAll(incoming)
		return "", err
	}
	if err := os.Rename(incoming, ready); err != nil {
		os.RemoveAll(incoming)
		return "", fmt.Errorf("installing the new store: %w", err)
	}
	syncDir(filepath.Dir(dir))
	closeOld()
	unlock, err := lockDir(dir)
	if err != nil {
		os.RemoveAll(ready)
		return "", err
	}
	defer unlock()
	aside = replaced
	if keepAside {
		aside = fmt.Sprintf("%s-damaged-%s", dir, now.Format("20060102-150405"))
	}
	if err := os.Rename(dir, aside); err != nil && !errors.Is(err, os.ErrNotExist) {
		os.RemoveAll(ready)
		return "", fmt.Errorf("moving the old store %s aside: %w", dir, err)
	}
	if err := os.Rename(ready, dir); err != nil {
		return "", fmt.Errorf("installing the new store (run Journeymap again to finish): %w", err)
	}
	syncDir(filepath.Dir(dir))
	if keepAside {
		return aside, nil
	}
	os.RemoveAll(replaced)
	return "", nil
}

// checkSizes refuses a workspace with a record over what the store takes, before anything is
// written: the lists of ids in the workspace and journey records grow with the workspace.
func checkSizes(w *journey.Workspace) error {
	check := func(key []byte, v any) error {
		b, err := encode(v)
		if err != nil {
			return err
		}
		return checkRecord(key, b)
	}
	if err := check([]byte(keyWorkspace), newWorkspaceRecord(w)); err != nil {
		return err
	}
	for i := range w.Journeys {
		if err := check(journeyKey(w.Journeys[i].ID), newJourneyRecord(&w.Journeys[i])); err != nil {
			return err
		}
	}
	return nil
}

// build writes w into a new store at path and checks that it reads back as w.
func build(path string, w *journey.Workspace) error {
	s, err := Open(path)
	if err != nil {
		return err
	}
	ops, err := s.replacing(w)
	if err == nil {
		err = s.write(ops)
	}
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	// OpenReadOnly checks every file of the new store, as every open does.
	s, err = OpenReadOnly(path)
	if err != nil {
		return err
	}
	defer s.Close()
	return s.holdsJust(ops)
}

// holdsJust checks that the store's records are, byte for byte, the ones ops put, and no
// others (the store's own meta/ keys aside): what a new store read back from the disk, without
// decoding 20,000 records that the codec's tests already read back.
func (s *Store) holdsJust(ops []op) error {
	var want []op
	for _, o := range ops {
		if o.value != nil {
			want = append(want, o)
		}
	}
	slices.SortFunc(want, func(a, b op) int { return bytes.Compare(a.key, b.key) })
	differ := func(what string, key []byte) error {
		return fmt.Errorf("the new store did not read back as the workspace written to it: %s %q", what, journey.Printable(string(key)))
	}
	return s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.DefaultIteratorOptions)
		defer it.Close()
		i := 0
		for it.Rewind(); it.Valid(); it.Next() {
			key := it.Item().Key()
			if bytes.HasPrefix(key, []byte("meta/")) {
				continue
			}
			if i == len(want) || !bytes.Equal(key, want[i].key) {
				return differ("it holds a record never written,", key)
			}
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return fmt.Errorf("reading the new store back: %w", err)
			}
			if !bytes.Equal(v, want[i].value) {
				return differ("it holds another value for", key)
			}
			i++
		}
		if i < len(want) {
			return differ("it lacks", want[i].key)
		}
		return nil
	})
}

// recoverInstall finishes a swap that a kill cut off between its two renames: when dir is
// gone, a ".ready" store beside it is whole and takes its place, or else the ".replaced" one
// goes back. Leftovers beside a store that is there are removed by the next Install.
func recoverInstall(dir string) error {
	dir = filepath.Clean(dir)
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		return nil
	}
	for _, from := range []string{dir + suffixReady, dir + suffixReplaced} {
		if _, err := os.Stat(from); err != nil {
			continue
		}
		if err := os.Rename(from, dir); err != nil {
			return fmt.Errorf("finishing an import into %s that was cut off: %w", dir, err)
		}
		syncDir(filepath.Dir(dir))
		return nil
	}
	return nil
}

// syncDir makes renames in dir durable; where a directory can't be synced, the rename is
// as durable as the system makes it.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}
