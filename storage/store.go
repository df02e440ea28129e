package storage

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"

	"journeymap/journey"
)

// Errors a caller can tell apart with errors.Is.
var (
	// ErrInUse means another Journeymap has the store open.
	ErrInUse = errors.New("store is in use by another Journeymap")
	// ErrNewerSchema means a newer Journeymap wrote the store.
	ErrNewerSchema = errors.New("store was written by a newer Journeymap")
	// ErrDamaged means a file of the store or a record in it can't be read back whole.
	ErrDamaged = errors.New("store is damaged")
	// ErrIncomplete means an import of an older Journeymap was cut off before it finished.
	ErrIncomplete = errors.New("the last import into this store did not finish; import the file again with -replace")
	// ErrHalfWritten means a commit too big for one transaction failed part way and could
	// not be taken back yet; the next open takes it back.
	ErrHalfWritten = errors.New("a big edit was cut off while it was being saved; close Journeymap and open the store again to take it back")
	// ErrNotStore means the directory holds other files and no store.
	ErrNotStore = errors.New("directory holds other files and is no Journeymap store")
	// ErrNoStore means there is no store where one was to be read.
	ErrNoStore = errors.New("no Journeymap store")
	// ErrDiskFull means too little disk is left to write safely.
	ErrDiskFull = errors.New("too little free disk space to save safely")
	// ErrStoreGone means the store's folder was deleted, moved or replaced while it was open.
	ErrStoreGone = errors.New("the store's folder was deleted or moved while Journeymap ran, and nothing more can be kept in it; export the workspace to a file to keep what is open")
	// ErrNotWritable means the store's directory or disk can't be written to.
	ErrNotWritable = errors.New("store can't be written to")
	// ErrReadOnly is returned by every write to a store opened read-only.
	ErrReadOnly = errors.New("store is open read-only")
)

// Store is an open workspace store. Its methods are safe for concurrent use.
type Store struct {
	db       *badger.DB
	dir      string
	readOnly bool
	// copyDir, when not "", is a private copy of the store that a read-only open reads
	// instead, because Badger must replay the store's logs to read it; Close removes it.
	copyDir string
	closed  bool
	// place is the folder as it was when Badger opened it: one deleted, moved or put in
	// its place while the store is open is no longer where the store's edits can be kept.
	place os.FileInfo
	// share is how the store follows a shared workspace, nil for a store of its own.
	share atomic.Pointer[Share]
	// outSeq numbers the outbox's marks.
	outSeq atomic.Uint64
	// alone is held by a commit too big for one transaction, and shared by what else must
	// not see it half written: the sender, and other commits.
	alone sync.RWMutex
	// broken, once set, is why the store takes no more writes: a big commit that failed
	// could not be taken back, and the next open must do it before anything else is written.
	broken atomic.Pointer[error]
}

// Open opens the store in dir for reading and writing, creating the directory and an empty
// store if needed. It first finishes a replace that a kill cut off (see Install) and checks
// every file, so a damaged store is reported (ErrDamaged) before Badger could cut off or
// delete what it can't read.
func Open(dir string) (*Store, error) {
	if err := recoverInstall(dir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("creating store directory %s: %w", dir, notWritable(err))
	}
	if err := checkStoreDir(dir); err != nil {
		return nil, err
	}
	if err := checkFiles(dir); err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	if err := removeEmptyLogs(dir); err != nil {
		return nil, err
	}
	// Badger maps fresh log files of up to 64 MiB on open; writing into them on a full disk
	// kills the process with SIGBUS, so a store on a full disk opens only for reading.
	if err := checkFree(dir, minFreeBytes); err != nil {
		return nil, err
	}
	return openBadger(dir, dir)
}

// openBadger opens Badger on the files at path for writing, for the store at dir (the same,
// or a private copy of it), and brings its schema up to this build's.
func openBadger(dir, path string) (*Store, error) {
	db, err := badger.Open(badgerOptions(path))
	if err != nil {
		return nil, openError(dir, err)
	}
	s := &Store{db: db, dir: dir}
	s.place, _ = os.Stat(path)
	s.outSeq.Store(uint64(time.Now().UnixNano()))
	if err := s.checkSchema(); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.rollBack(); err != nil {
		db.Close()
		return nil, fmt.Errorf("opening store %s: taking back a big edit that was cut off: %w", dir, err)
	}
	if err := s.loadShare(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// OpenExisting opens the store in dir as Open does, but refuses with ErrNoStore where there
// is none rather than create one: for changes that need what a store holds.
func OpenExisting(dir string) (*Store, error) {
	if err := existing(dir); err != nil {
		return nil, err
	}
	return Open(dir)
}

// existing returns ErrNoStore unless dir holds a store, or the start of one a kill cut off.
func existing(dir string) error {
	if _, err := os.Stat(filepath.Join(dir, "MANIFEST")); err != nil {
		if _, derr := os.Stat(dir); derr != nil {
			return fmt.Errorf("%w at %s", ErrNoStore, dir)
		}
		if _, lerr := os.Stat(filepath.Join(dir, "LOCK")); lerr != nil {
			return fmt.Errorf("%w at %s", ErrNoStore, dir)
		}
	}
	return nil
}

// removeEmptyLogs removes log files of no bytes at all. Badger creates a log and then sizes it;
// a kill between the two leaves an empty file that holds nothing, and that Badger refuses to
// open ("Create a new file") for ever after.
func removeEmptyLogs(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("reading store directory: %w", err)
	}
	for _, e := range entries {
		if !isLog(e.Name()) {
			continue
		}
		if fi, err := e.Info(); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return fmt.Errorf("opening store %s: %w", dir, notWritable(err))
			}
		}
	}
	return nil
}

// openError names what keeps Badger from opening a store in words a person can act on.
func openError(dir string, err error) error {
	if cantWrite(err) {
		return fmt.Errorf("%w: %s", ErrNotWritable, dir)
	}
	// Badger wraps the lock error with %+v, so errors.Is can't see EAGAIN or Windows' sharing
	// violation: match the words it uses on every OS (on Windows also for a lock file it may
	// not create, which cantWrite has told).
	if strings.Contains(err.Error(), "Another process is using this Badger database") {
		return fmt.Errorf("%w: %s (close the other Journeymap first)", ErrInUse, dir)
	}
	return fmt.Errorf("opening store %s: %w", dir, err)
}

// notWritable marks an error of a disk or folder that can't be written as ErrNotWritable.
func notWritable(err error) error {
	if cantWrite(err) {
		return fmt.Errorf("%w (%s)", ErrNotWritable, errText(err))
	}
	return err
}

// cantWrite tells a refusal to write: a read-only disk or a missing permission. Badger wraps
// without %w, so its words, which are the system's, are matched too.
func cantWrite(err error) bool {
	msg := err.Error()
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) ||
		strings.Contains(msg, syscall.EROFS.Error()) || strings.Contains(msg, syscall.EACCES.Error())
}

// badgerOptions sizes Badger for a desktop app: its defaults reserve hundreds of megabytes for
// server workloads. Every edit is synced so that an acknowledged edit survives a crash, and
// every block and value read is checked against its checksum, so damage is found, not served.
func badgerOptions(dir string) badger.Options {
	return badger.DefaultOptions(dir).
		WithSyncWrites(true).
		WithMemTableSize(memTableSize).
		WithNumMemtables(2).
		WithValueLogFileSize(16 << 20).
		WithBlockCacheSize(16 << 20).
		WithIndexCacheSize(4 << 20).
		WithNumCompactors(2).
		WithChecksumVerificationMode(options.OnBlockRead).
		WithVerifyValueChecksum(true).
		WithLoggingLevel(badger.ERROR)
}

// badgerFile tells the names of the files Badger keeps in a store directory.
func badgerFile(name string) bool {
	switch name {
	case "LOCK", "MANIFEST", "MANIFEST-REWRITE", "KEYREGISTRY", "KEYREGISTRY-REWRITE", "DISCARD":
		return true
	}
	return strings.HasSuffix(name, ".sst") || isLog(name)
}

// isLog tells Badger's log files: write-ahead (.mem) and value log (.vlog).
func isLog(name string) bool {
	return strings.HasSuffix(name, ".mem") || strings.HasSuffix(name, ".vlog")
}

// checkStoreDir refuses a directory that holds files but no store, so that a mistyped
// -store never scatters Badger's files among someone's documents. A directory of Badger's
// files alone is a store, also one whose first open was cut off before it wrote a MANIFEST.
func checkStoreDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("reading store directory: %w", err)
	}
	for _, e := range entries {
		if !badgerFile(e.Name()) {
			return fmt.Errorf("%s: %w; choose an empty or new directory", dir, ErrNotStore)
		}
	}
	return nil
}

// schemaCurrent reports whether the store has this build's schema; a newer one is refused.
func (s *Store) schemaCurrent() (bool, error) {
	var rec schemaRecord
	err := s.db.View(func(txn *badger.Txn) error {
		_, err := get(txn, []byte(keySchema), &rec)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("%s: %w", s.dir, err)
	}
	if rec.Schema > SchemaVersion {
		return false, fmt.Errorf("%s: %w (schema %d; this Journeymap reads up to %d)", s.dir, ErrNewerSchema, rec.Schema, SchemaVersion)
	}
	return rec.Schema == SchemaVersion, nil
}

// checkSchema marks a new store with this build's schema, refuses a newer one by name, and
// migrates an older one, all in one transaction: a store is either wholly migrated or not.
func (s *Store) checkSchema() error {
	return s.db.Update(func(txn *badger.Txn) error {
		item, err := txn.Get([]byte(keySchema))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return setSchema(txn, SchemaVersion)
		}
		if err != nil {
			return fmt.Errorf("reading the store's schema: %w", err)
		}
		var rec schemaRecord
		if err := item.Value(func(v []byte) error { return decodeRecord(item.Key(), v, &rec) }); err != nil {
			return fmt.Errorf("%s: %w", s.dir, err)
		}
		if err := migrate(txn, rec.Schema); err != nil {
			return fmt.Errorf("%s: upgrading the store from schema %d: %w", s.dir, rec.Schema, err)
		}
		return nil
	})
}

// Dir is the directory the store lives in.
func (s *Store) Dir() string { return s.dir }

// ReadOnly reports whether the store was opened only for reading.
func (s *Store) ReadOnly() bool { return s.readOnly }

// Close flushes and closes the store, releasing its lock. Closing it again does nothing.
func (s *Store) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	if s.copyDir != "" {
		defer os.RemoveAll(s.copyDir)
	}
	// Closing flushes what Badger holds in memory into a table: on a disk too full for it
	// the write into a mapped file kills the process (SIGBUS), and in a folder that can't be
	// written Badger retries it for ever. Every acknowledged edit is in the store's log
	// already, synced, and is read back from it at the next open: such a store is left as it
	// is, and the process may end.
	if !s.readOnly {
		if err := s.canFlush(); err != nil {
			return fmt.Errorf("the store was not closed, and its edits are read back from its log at the next start: %w", err)
		}
	}
	done := make(chan error, 1)
	go func() { done <- s.db.Close() }()
	select {
	case err := <-done:
		return err
	case <-time.After(closeWait):
		return fmt.Errorf("closing the store at %s took over %s, and was left: its edits are read back from its log at the next start", s.dir, closeWait)
	}
}

// closeWait is the longest a close may take: quitting never hangs on a disk that has gone bad.
const closeWait = 10 * time.Second

// canFlush says why the store's folder can't take the flush a close writes, if it can't.
func (s *Store) canFlush() error {
	if err := s.checkPlace(); err != nil {
		return err // a flush would write tables into whatever folder now has the store's name
	}
	if err := checkFree(s.dir, flushRoom); err != nil {
		return err
	}
	if err := writable(s.dir); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrNotWritable, s.dir, err)
	}
	return nil
}

// flushRoom is the room a close's flush may need: the memtables' size, and a margin.
const flushRoom = 2*memTableSize + 16<<20

// memTableSize is the size of each of Badger's two memtables.
const memTableSize = 16 << 20

// Empty reports whether the store holds nothing a person made: no member, pulse or journey.
// A workspace's name alone is not kept from an import (a new store is given one), while a
// store an older Journeymap left half-imported is never empty, and so never seeded over.
func (s *Store) Empty() (bool, error) {
	empty := true
	err := s.db.View(func(txn *badger.Txn) error {
		if _, err := txn.Get([]byte(keyIncomplete)); err == nil {
			empty = false
			return nil
		} else if !errors.Is(err, badger.ErrKeyNotFound) {
			return err
		}
		opts := badger.DefaultIteratorOptions
		opts.PrefetchValues = false
		it := txn.NewIterator(opts)
		defer it.Close()
		for _, p := range []string{prefixMember, prefixPulse, prefixJourney} {
			if it.Seek([]byte(p)); it.ValidForPrefix([]byte(p)) {
				empty = false
				return nil
			}
		}
		return nil
	})
	return empty, err
}

// op is one key to set (value non-nil) or delete.
type op struct {
	key, value []byte
	// children, for a delete, is the prefix of the records that go with the one deleted: a
	// journey's cards and pain points.
	children []byte
}

// Replace makes the store hold exactly w, after validating it whole: a workspace that fails
// leaves the store untouched. Pulses without an id are named by what they say
// (journey.NamePulses), in w too, and w's pulses are put in id order, as Load returns them.
// The undo history of the old workspace goes with it.
func (s *Store) Replace(w *journey.Workspace) error {
	ops, err := s.replacing(w)
	if err != nil {
		return err
	}
	return s.write(ops)
}

// replacing is what Replace writes: deletes of every record the store holds, then the
// records of w.
func (s *Store) replacing(w *journey.Workspace) ([]op, error) {
	if err := journey.Validate(w); err != nil {
		return nil, err
	}
	keys, err := s.keysWithPrefix(nil)
	if err != nil {
		return nil, err
	}
	var ops []op
	for _, k := range keys {
		if !bytes.HasPrefix(k, []byte("meta/")) {
			ops = append(ops, op{key: k})
		}
	}
	put := func(key []byte, v any) error {
		b, err := encode(v)
		ops = append(ops, op{key: key, value: b})
		return err
	}
	for _, m := range w.Members {
		if err := put(memberKey(m.ID), memberRecord{SchemaVersion, m}); err != nil {
			return nil, err
		}
	}
	journey.NamePulses(w.Pulses)
	for i := range w.Pulses {
		p := &w.Pulses[i]
		if err := put(pulseKey(p.ID), pulseRecord{SchemaVersion, *p}); err != nil {
			return nil, err
		}
	}
	journey.SortPulses(w.Pulses)
	for i := range w.Journeys {
		j := &w.Journeys[i]
		if err := put(journeyKey(j.ID), newJourneyRecord(j)); err != nil {
			return nil, err
		}
		for _, c := range j.Cards {
			if err := put(cardKey(j.ID, c.ID), cardRecord{SchemaVersion, c}); err != nil {
				return nil, err
			}
		}
		for _, p := range j.PainPoints {
			if err := put(painKey(j.ID, p.ID), painRecord{SchemaVersion, p}); err != nil {
				return nil, err
			}
		}
	}
	if err := put([]byte(keyWorkspace), newWorkspaceRecord(w)); err != nil {
		return nil, err
	}
	return ops, nil
}

func (s *Store) keysWithPrefix(prefix []byte) ([][]byte, error) {
	var keys [][]byte
	err := s.db.View(func(txn *badger.Txn) error {
		keys = keysIn(txn, prefix)
		return nil
	})
	return keys, err
}

// keysIn lists the keys under prefix as the transaction sees them, without reading values.
func keysIn(txn *badger.Txn, prefix []byte) [][]byte {
	opts := badger.DefaultIteratorOptions
	opts.PrefetchValues = false
	opts.Prefix = prefix
	it := txn.NewIterator(opts)
	defer it.Close()
	var keys [][]byte
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		keys = append(keys, it.Item().KeyCopy(nil))
	}
	return keys
}

// freeBytes reports the free disk space under a directory; tests replace it to act out a
// full disk.
var freeBytes = diskFree

// minFreeBytes is the space a store needs left over: Badger maps fresh log files of up to
// 2×16 MiB each (write-ahead and value log) and writes tables beside them, and a write into
// a mapped file that finds the disk full kills the process (SIGBUS).
const minFreeBytes = 96 << 20

// maxValue is the largest record the store takes: Badger refuses values as big as a value-log
// file, and a record that fails half-way through an import is worse than one refused first.
const maxValue = 15 << 20

// checkPlace refuses a write to a store whose folder was deleted, moved or replaced while it
// was open: Badger would go on writing into files no one will find under the store's name,
// and the edit, drawn as saved, would be lost.
func (s *Store) checkPlace() error {
	if s.place == nil {
		return nil
	}
	now, err := os.Stat(s.dir)
	if err == nil && os.SameFile(now, s.place) {
		return nil
	}
	return fmt.Errorf("%w: %s", ErrStoreGone, s.dir)
}

// checkWrite refuses a write before it starts when the store is read-only, a record is over
// maxValue, or the disk lacks room for it: Badger writes the data up to three times (log,
// value log, table) on top of what it needs anyway.
func (s *Store) checkWrite(ops []op) error {
	if s.readOnly {
		return fmt.Errorf("%w: %s", ErrReadOnly, s.dir)
	}
	if err := s.broken.Load(); err != nil {
		return fmt.Errorf("%w: close Journeymap and open it again: %w", ErrNotWritable, *err)
	}
	if err := s.checkPlace(); err != nil {
		return err
	}
	var size uint64
	for _, o := range ops {
		if err := checkRecord(o.key, o.value); err != nil {
			return err
		}
		size += uint64(len(o.key) + len(o.value))
	}
	return checkFree(s.dir, minFreeBytes+3*size)
}

// checkRecord refuses a record over maxValue. A journey's record keeps the order of its
// cards and pain points, so a journey grows too big by holding too many of them, which the
// message says with its remedy.
func checkRecord(key, value []byte) error {
	if len(value) <= maxValue {
		return nil
	}
	if r, ok := refOf(key); ok && r.Kind == journey.RefJourney {
		return fmt.Errorf("%w: the journey %q would hold more cards and pain points than one journey keeps (its record would be %d MiB, and the store takes up to %d MiB): split them into several journeys", ErrTooBig, r.ID, len(value)>>20, maxValue>>20)
	}
	return fmt.Errorf("%w: the record %q would be %d MiB, and the store takes records up to %d MiB", ErrTooBig, key, len(value)>>20, maxValue>>20)
}

// checkFree refuses, with ErrDiskFull, when the disk of dir has less than need bytes free.
// Where the free space can't be known, nothing is refused.
func checkFree(dir string, need uint64) error {
	if free, err := freeBytes(dir); err == nil && free < need {
		return fmt.Errorf("%w: %d MiB left on the disk of %s, and %d MiB are needed", ErrDiskFull, free>>20, dir, (need+1<<20-1)>>20)
	}
	return nil
}

// write applies the ops in one transaction. A set too large for one (a big import) is written
// in several, with a marker that makes Load refuse the store until a later write completes.
func (s *Store) write(ops []op) error {
	m, err := s.ready(ops)
	if err != nil {
		return err
	}
	err = s.updateRetrying(func(txn *badger.Txn) error {
		if err := applyAll(txn, ops, m); err != nil {
			return err
		}
		return txn.Delete([]byte(keyIncomplete))
	})
	if !errors.Is(err, badger.ErrTxnTooBig) {
		return wrapWrite(err)
	}
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set([]byte(keyIncomplete), []byte(`{"schema":1}`)) }); err != nil {
		return wrapWrite(err)
	}
	parts := s.inParts(m)
	defer parts.discard()
	for _, o := range ops {
		if err := parts.put(o); err != nil {
			return err
		}
	}
	if err := parts.commit(); err != nil {
		return err
	}
	return wrapWrite(s.db.Update(func(txn *badger.Txn) error { return txn.Delete([]byte(keyIncomplete)) }))
}

// ready refuses ops the store must not take (checkWrite, checkShareable) and returns what
// marks the records they change to be sent, if the store is shared.
func (s *Store) ready(ops []op) (*marks, error) {
	if err := s.checkWrite(ops); err != nil {
		return nil, err
	}
	if err := s.checkShareable(ops); err != nil {
		return nil, err
	}
	return s.marksFor(time.Now())
}

// parts applies ops in as many transactions as they take: when one is full it is committed
// and the next begun. What is committed stays so; the caller makes that safe.
type parts struct {
	db  *badger.DB
	txn *badger.Txn
	m   *marks
}

func (s *Store) inParts(m *marks) *parts {
	return &parts{db: s.db, txn: s.db.NewTransaction(true), m: m}
}

func (p *parts) put(o op) error {
	err := apply(p.txn, o, p.m)
	if errors.Is(err, badger.ErrTxnTooBig) {
		if err = p.txn.Commit(); err != nil {
			return wrapWrite(err)
		}
		p.txn = p.db.NewTransaction(true)
		err = apply(p.txn, o, p.m)
	}
	return wrapWrite(err)
}

func (p *parts) commit() error { return wrapWrite(p.txn.Commit()) }

func (p *parts) discard() { p.txn.Discard() }

// applyAll applies the ops in order in txn, queueing each record they change to be sent
// when the store is shared (m not nil).
func applyAll(txn *badger.Txn, ops []op, m *marks) error {
	for _, o := range ops {
		if err := apply(txn, o, m); err != nil {
			return err
		}
	}
	return nil
}

// apply sets or deletes one key. A delete with children deletes them too, listed inside the
// transaction, so that none written meanwhile is left behind.
func apply(txn *badger.Txn, o op, m *marks) error {
	if err := m.mark(txn, o.key, o.value); err != nil {
		return err
	}
	if o.value != nil {
		return txn.Set(o.key, o.value)
	}
	if err := txn.Delete(o.key); err != nil || o.children == nil {
		return err
	}
	for _, k := range keysIn(txn, o.children) {
		if err := m.mark(txn, k, nil); err != nil {
			return err
		}
		if err := txn.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

func wrapWrite(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("saving to the store: %w", err)
}
