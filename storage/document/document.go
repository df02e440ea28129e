// Package document is the only way a workspace changes: it applies an edit, makes the edit
// and its undo history durable in one synced transaction, and only then tells its watchers
// what changed. It has no user interface, so the app and the command line share it.
package document

import (
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"sync"
	"time"

	"journeymap/journey"
	"journeymap/storage"
	"journeymap/storage/transfer"
)

// DefaultLimit is how many undoable edits are kept per journey, and for the workspace's own
// lists: plenty for weeks of work, bounded so the history never outgrows the workspace.
const DefaultLimit = 500

// ChangeKind says how a change came about.
type ChangeKind string

// The ways a workspace changes.
const (
	Did   ChangeKind = "do"
	Undid ChangeKind = "undo"
	Redid ChangeKind = "redo"
	// Replaced is a whole workspace put in place of the one there was (a restored backup):
	// everything may have changed, and the undo history starts anew.
	Replaced ChangeKind = "replace"
	// Received is a change made on another desk of a shared workspace.
	Received ChangeKind = "receive"
)

// Change tells a watcher what changed: which records, by which edit. Watchers re-read what
// they show from the workspace; the change only says where to look.
type Change struct {
	Kind  ChangeKind
	Label string        // the edit's label, e.g. "Move card"; an undo carries the undone edit's
	Refs  []journey.Ref // the records written
}

// Journeys lists the journeys whose records changed, in the order first touched.
func (c Change) Journeys() []string {
	var ids []string
	for _, r := range c.Refs {
		if id := r.JourneyID(); id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// Workspace reports whether the workspace's own records changed: its name, members, pulses
// or the list of journeys.
func (c Change) Workspace() bool {
	return c.Kind == Replaced || slices.ContainsFunc(c.Refs, func(r journey.Ref) bool { return r.JourneyID() == "" })
}

// Touches reports whether the change wrote the record.
func (c Change) Touches(kind journey.RefKind, journeyID, id string) bool {
	return slices.Contains(c.Refs, journey.Ref{Kind: kind, Journey: journeyID, ID: id})
}

// ErrReadOnly is returned by every change while the document is read-only.
var ErrReadOnly = errors.New("the map is being presented and can't be changed: press Esc to edit it")

// Document holds a workspace open in a store with its undo history. It is not safe for use
// by several goroutines at once: the app calls it from its UI goroutine only.
type Document struct {
	// Limit bounds the undo history per journey (and for the workspace); 0 means DefaultLimit.
	Limit int
	// ReadOnly refuses every change, undo and redo, with ErrReadOnly: presenter mode sets it, so
	// that no key pressed in front of a room can change the map.
	ReadOnly bool
	// OnLost, if set, is told once, with why, that the store's folder was deleted, moved or
	// replaced: no edit can be kept any more, and the workspace in memory is the only copy
	// left of all that was saved, for the user to save as a file.
	OnLost func(error)

	store      *storage.Store
	ws         *journey.Workspace
	undo, redo []storage.HistoryEntry
	next       uint64
	watchers   []*watcher
	background sync.WaitGroup // backups written from the store while the app goes on
	// whyReadOnly is why Open fell back to opening the store read-only.
	whyReadOnly string
	lost        bool
}

type watcher struct{ fn func(Change) }

// New makes the document of a store already open: its workspace and the undo history kept
// with it.
func New(s *storage.Store) (*Document, error) {
	d := &Document{}
	if err := d.take(s); err != nil {
		return nil, err
	}
	return d, nil
}

// take makes the document hold what the store holds: its workspace, put in place of the one
// there was (the map and the panels hold that one and read it again), and its undo history.
// The document keeps the store also when it can't be read, so that it is closed in the end.
func (d *Document) take(s *storage.Store) error {
	d.store = s
	w, err := s.Load()
	if err != nil {
		return err
	}
	undo, redo, err := s.History()
	if err != nil {
		return fmt.Errorf("reading the undo history: %w", err)
	}
	if d.ws == nil {
		d.ws = w
	} else {
		*d.ws = *w
	}
	d.undo, d.redo = undo, redo
	d.next = max(d.next, 1)
	for _, e := range slices.Concat(undo, redo) {
		d.next = max(d.next, e.Seq+1)
	}
	return nil
}

// Workspace is the workspace as it now is. It is for reading: every change goes through Do.
func (d *Document) Workspace() *journey.Workspace { return d.ws }

// Watch calls fn after every change made durable, until the returned stop is called.
func (d *Document) Watch(fn func(Change)) (stop func()) {
	w := &watcher{fn}
	d.watchers = append(d.watchers, w)
	return func() { d.watchers = slices.DeleteFunc(d.watchers, func(x *watcher) bool { return x == w }) }
}

func (d *Document) tell(c Change) {
	for _, w := range slices.Clone(d.watchers) {
		w.fn(c)
	}
}

// Do applies the edit, stores the records it touched and its undo entry in one synced
// transaction, and then tells the watchers. An edit that doesn't apply, or whose commit
// fails, leaves the workspace, the history and the store as they were, and the error says why.
func (d *Document) Do(e journey.Edit) error {
	// What it touches is listed before the edit is applied: for an import of a million rows,
	// while the journey's list is not yet grown by them.
	refs := e.Touches()
	packed, err := pack(e, len(refs))
	if err != nil {
		return err
	}
	if err := d.apply(e); err != nil {
		return err
	}
	if packed != nil {
		// The rows are free now, and would be counted live until the collector's next cycle:
		// it runs before the commit makes its garbage over them.
		e = packed
		runtime.GC()
	}
	entry := storage.HistoryEntry{Seq: d.next, Scope: journey.ScopeOf(refs), Edit: e}
	step := storage.HistoryStep{PushUndo: []storage.HistoryEntry{entry}}
	for _, r := range d.redo {
		step.DropRedo = append(step.DropRedo, r.Seq)
	}
	oldest := d.overLimit(entry.Scope)
	if oldest >= 0 {
		step.DropUndo = []uint64{d.undo[oldest].Seq}
	}
	if err := d.commit(e, refs, step); err != nil {
		return err
	}
	if oldest >= 0 {
		d.undo = slices.Delete(d.undo, oldest, oldest+1)
	}
	d.undo = append(d.undo, entry)
	d.redo = nil
	d.next++
	d.tell(Change{Kind: Did, Label: e.Label(), Refs: refs})
	return nil
}

// packAbove is how many records a batch touches before its undo entry is kept packed: more
// than hands make, as few as an import of a spreadsheet has.
const packAbove = 10_000

// pack returns a big batch packed, for its undo entry (journey.Packed), or nil. Held as
// values, the entry would keep a second copy of every row an import added, beside the
// journey's own; the caller must not hold the batch either, for that memory to be freed.
func pack(e journey.Edit, touches int) (journey.Edit, error) {
	b, ok := e.(journey.Batch)
	if !ok || touches <= packAbove {
		return nil, nil
	}
	return journey.Pack(b)
}

// heavyGCPercent is the collector's pace while the document does much at once over a big
// workspace: an import, which holds a file, its rows and the journey grown by them; the undo
// of one; a close, which lets Badger finish its compactions. It runs when the heap has grown
// by a fifth over what was live, not by all of it as by default: two gigabytes for a million
// rows.
const heavyGCPercent = 20

// heavyMemoryLimit is the soft limit on the Go heap during such work: Badger's table builders
// come and go in bursts of a few hundred megabytes while a million rows are written, and at a
// fifth over what is live such a burst still took the process over a gigabyte (1.13 GiB; 0.95
// with the limit). Near the limit the collector runs more often, never with more than half the
// CPU, so work that needs more runs slower rather than failing.
const heavyMemoryLimit = 850 << 20

// heavyBurst is the room over what is live that heavy work always gets, whatever the limit:
// a workspace that already holds more than the limit is not held to it, to collect without end.
const heavyBurst = 256 << 20

// heavy sets the collector's pace and soft limit for such work, unless the user set them
// tighter, and returns what puts them back.
func heavy() (restore func()) {
	percent := debug.SetGCPercent(heavyGCPercent)
	if percent < heavyGCPercent {
		debug.SetGCPercent(percent)
	}
	limit := debug.SetMemoryLimit(-1)
	debug.SetMemoryLimit(heavyLimit(limit, liveHeap()))
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}

// heavyLimit is the soft memory limit for heavy work, given the one set and what is live.
func heavyLimit(set, live int64) int64 {
	return min(set, max(heavyMemoryLimit, live+heavyBurst))
}

// liveHeap is what the heap held at the end of the last collection, read without stopping
// the program as runtime.ReadMemStats would.
func liveHeap() int64 {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(sample[0].Value.Uint64())
}

// Keep applies an edit and makes it durable like Do, but enters it in no history: Undo and
// Redo pass it by, on screen and in the store. It is for what the next person at the keyboard
// must not take back or replay, as an anonymous pulse answer given in turn on one laptop.
func (d *Document) Keep(e journey.Edit) error {
	if err := d.apply(e); err != nil {
		return err
	}
	refs := e.Touches()
	if err := d.commit(e, refs, storage.HistoryStep{}); err != nil {
		return err
	}
	d.tell(Change{Kind: Did, Refs: refs})
	return nil
}

// apply applies an edit to the workspace in memory, where the document may be changed.
func (d *Document) apply(e journey.Edit) error {
	if e == nil {
		return errors.New("no edit to make")
	}
	if d.ReadOnly {
		return ErrReadOnly
	}
	return e.Apply(d.ws)
}

// overLimit returns the index of the oldest undo entry of the scope when one more would pass
// the limit, or -1.
func (d *Document) overLimit(scope string) int {
	limit := d.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	n, oldest := 0, -1
	for i, e := range d.undo {
		if e.Scope == scope {
			if oldest < 0 {
				oldest = i
			}
			n++
		}
	}
	if n < limit {
		return -1
	}
	return oldest
}

// commit makes the applied edit durable with the history step, or takes it back in memory.
func (d *Document) commit(applied journey.Edit, refs []journey.Ref, step storage.HistoryStep) error {
	err := d.store.Commit(d.ws, refs, step)
	if err == nil {
		return nil
	}
	if uerr := applied.Invert().Apply(d.ws); uerr != nil {
		// The edit applied a moment ago, so its inverse fits; if it somehow doesn't, memory
		// is put back to what the store holds rather than left ahead of it.
		if w, lerr := d.store.Load(); lerr == nil {
			*d.ws = *w
		}
	}
	if errors.Is(err, storage.ErrStoreGone) && !d.lost && d.OnLost != nil {
		d.lost = true
		d.OnLost(err)
	}
	return fmt.Errorf("%s was not saved: %w", applied.Label(), err)
}

// Undo takes back the last edit made, wherever it was, and says which, as journey.Said does
// ("" when there was nothing to undo). An edit that no longer fits is dropped from the history and reported.
func (d *Document) Undo() (string, error) { return d.replay(Undid, true) }

// Retract takes back the last edit made as if it had never been: undone, and not left to
// redo. It is for an edit whose dialog was cancelled, as a new journey's before it was named.
func (d *Document) Retract() error {
	_, err := d.replay(Undid, false)
	return err
}

// Redo applies again the edit undone last, and says which ("" when there was none).
func (d *Document) Redo() (string, error) { return d.replay(Redid, true) }

// replay moves the top entry of one history stack to the other (or, unless keep, drops it):
// an undo applies its edit's inverse, a redo the edit itself. An entry whose edit no longer
// fits is dropped from its stack, in memory and in the store.
func (d *Document) replay(kind ChangeKind, keep bool) (string, error) {
	if d.ReadOnly {
		return "", ErrReadOnly
	}
	from, to := &d.undo, &d.redo
	if kind == Redid {
		from, to = &d.redo, &d.undo
	}
	if len(*from) == 0 {
		return "", nil
	}
	top := (*from)[len(*from)-1]
	said, edit := journey.Said(top.Edit), top.Edit
	seq, entry := []uint64{top.Seq}, []storage.HistoryEntry{top}
	drop := storage.HistoryStep{DropUndo: seq}
	step := storage.HistoryStep{DropUndo: seq, PushRedo: entry}
	if kind == Undid {
		edit = edit.Invert()
	} else {
		drop = storage.HistoryStep{DropRedo: seq}
		step = storage.HistoryStep{DropRedo: seq, PushUndo: entry}
	}
	if !keep {
		step = drop
	}
	// A packed entry is read back once, for all that the replay asks of it.
	if _, ok := edit.(journey.Packed); ok {
		defer heavy()()
	}
	edit, err := journey.Unpacked(edit)
	if err != nil {
		return said, fmt.Errorf("can't %s %s: %w", kind, said, err)
	}
	if err := edit.Apply(d.ws); err != nil {
		*from = (*from)[:len(*from)-1]
		if cerr := d.store.Commit(d.ws, nil, drop); cerr != nil {
			err = errors.Join(err, cerr)
		}
		if errors.Is(err, journey.ErrConflict) {
			who := d.changedBy(edit, err)
			if who == "" {
				who = "someone"
			}
			return said, &refused{fmt.Sprintf("can't %s %s: %s changed it since", kind, said, who), err}
		}
		return said, fmt.Errorf("can't %s %s: %w", kind, said, err)
	}
	refs := edit.Touches()
	if err := d.commit(edit, refs, step); err != nil {
		return said, err
	}
	*from = (*from)[:len(*from)-1]
	if keep {
		*to = append(*to, top)
	}
	d.tell(Change{Kind: kind, Label: top.Edit.Label(), Refs: refs})
	return said, nil
}

// CanUndo names the edit Undo would take back, and whether there is one.
func (d *Document) CanUndo() (string, bool) { return peek(d.undo) }

// CanRedo names the edit Redo would apply again, and whether there is one.
func (d *Document) CanRedo() (string, bool) { return peek(d.redo) }

func peek(stack []storage.HistoryEntry) (string, bool) {
	if len(stack) == 0 {
		return "", false
	}
	return stack[len(stack)-1].Edit.Label(), true
}

// Dir is the directory of the document's store.
func (d *Document) Dir() string { return d.store.Dir() }

// StoreReadOnly reports whether the store was opened only for reading (a full or read-only
// disk): nothing can be saved, backed up into it or restored.
func (d *Document) StoreReadOnly() bool { return d.store.ReadOnly() }

// Store is the store the document keeps its workspace in, for what works beside the document
// on the store itself: sending a shared workspace's outbox.
func (d *Document) Store() *storage.Store { return d.store }

// BackUpInBackground writes a backup when the store changed since the newest one, in a
// goroutine, so that the window is not kept waiting. It reads the store, not the document,
// so edits made meanwhile are not raced; failed is called, from that goroutine, with what
// went wrong. Restore and Close wait for it.
func (d *Document) BackUpInBackground(now time.Time, failed func(error)) {
	if d.store.ReadOnly() {
		return
	}
	s := d.store
	d.background.Go(func() {
		w, err := s.Load()
		if err == nil {
			_, _, err = s.BackupIfChanged(w, now)
		}
		if err != nil && failed != nil {
			failed(err)
		}
	})
}

// Close waits for the backup BackUpInBackground started, then closes the store.
func (d *Document) Close() error {
	defer heavy()()
	d.background.Wait()
	return d.store.Close()
}

// BackUp makes sure a backup holds the workspace as it now is, and returns its path and
// whether it had to be written.
func (d *Document) BackUp(now time.Time) (path string, written bool, err error) {
	return d.store.BackupIfChanged(d.ws, now)
}

// Backups lists the backups of the document's store, newest first.
func (d *Document) Backups() ([]storage.BackupFile, error) { return storage.Backups(d.store.Dir()) }

// Restore replaces the workspace with the one in the workspace file at path, a backup, as
// the restore command does: the workspace there was is backed up first and the store is
// rebuilt whole and swapped in, so a failure or a kill leaves one workspace or the other.
// It is not an edit: the undo history is the restored store's, and the backup it names in
// Imported.Backup is the way back. The watchers are told with a Replaced change.
func (d *Document) Restore(path string, now time.Time) (transfer.Imported, error) {
	if d.ReadOnly {
		return transfer.Imported{}, ErrReadOnly
	}
	d.background.Wait() // a backup still reading the store would find it closed
	s, r, err := transfer.RestoreOpen(d.store, path, now)
	if s == nil {
		return r, fmt.Errorf("%w; start Journeymap again", err)
	}
	if err != nil {
		d.store = s
		return r, err
	}
	if err := d.take(s); err != nil {
		return r, fmt.Errorf("reading the restored store: %w", err)
	}
	d.tell(Change{Kind: Replaced, Label: "Restore backup"})
	return r, nil
}

// Receive takes values of a shared workspace's bucket into the store (storage.Store.Receive)
// and, when records changed, reads the workspace again and tells the watchers (Received), so
// that what shows the workspace follows another desk's changes as it does this one's. The
// undo history is this desk's own and stays as it is.
func (d *Document) Receive(in []storage.Incoming) (storage.Received, error) {
	got, err := d.store.Receive(in)
	if err != nil || len(got.Refs) == 0 {
		return got, err
	}
	// Only the journeys whose records came are read again: a big workspace read whole for
	// each card another desk types would cost the desk a frame, and its memory churn more.
	changed := map[string]bool{}
	for _, r := range got.Refs {
		if id := r.JourneyID(); id != "" {
			changed[id] = true
		}
	}
	held := map[string]*journey.Journey{}
	for i := range d.ws.Journeys {
		held[d.ws.Journeys[i].ID] = &d.ws.Journeys[i]
	}
	w, err := d.store.LoadSome(func(id string) bool { return changed[id] || held[id] == nil })
	if err != nil {
		return got, fmt.Errorf("reading the workspace after another desk's changes: %w", err)
	}
	for i, j := range w.Journeys {
		if !changed[j.ID] && held[j.ID] != nil {
			w.Journeys[i] = *held[j.ID]
		}
	}
	*d.ws = *w
	d.tell(Change{Kind: Received, Refs: got.Refs})
	return got, nil
}

// changedBy names the member of another desk whose change an undo or redo met, when the store
// knows who made it.
func (d *Document) changedBy(edit journey.Edit, err error) string {
	if !errors.Is(err, journey.ErrConflict) {
		return ""
	}
	return d.ChangedBy(edit.Touches())
}

// ChangedBy names the member of another desk who made the version of the records that this
// desk took last, when the store knows: "" when it doesn't, or when it was this desk.
func (d *Document) ChangedBy(refs []journey.Ref) string {
	id, err := d.store.ChangedBy(refs)
	if err != nil || id == "" {
		return ""
	}
	if m, ok := d.ws.Member(id); ok {
		return m.Name
	}
	return id
}

// refused is an undo or redo that met a change made since: said in words, the conflict
// below it for errors.Is.
type refused struct {
	said string
	err  error
}

func (r *refused) Error() string { return r.said }
func (r *refused) Unwrap() error { return r.err }
