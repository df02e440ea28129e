package storage

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"journeymap/journey"
	"journeymap/journey/journeytest"
)

// files returns every file of dir with a hash of its bytes, to tell that nothing changed.
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = fmt.Sprintf("%d %x", len(data), sha256.Sum256(data))
	}
	return out
}

// closedStore writes w into a new store and closes it: its records are then in a table (.sst).
func closedStore(t testing.TB, w *journey.Workspace) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "store")
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Replace(w); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// crashedStore writes w and then edits into a store and copies its files while it is still
// open, as a kill leaves them: the edits are then only in the write-ahead log (.mem).
func crashedStore(t testing.TB, w *journey.Workspace) string {
	t.Helper()
	open := closedStore(t, w)
	s, err := Open(open)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	j := &w.Journeys[0]
	for n := range 20 {
		e, err := journey.Put(w, j.ID, journey.Card{ID: fmt.Sprintf("wal-%d", n), Lane: j.Lanes[0].ID, Stage: j.Stages[0].ID, Text: "in the log only"}, -1)
		if err == nil {
			err = e.Apply(w)
		}
		if err == nil {
			err = s.Commit(w, e.Touches(), HistoryStep{})
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(t.TempDir(), "crashed")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(open)
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(open, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// manyMembers is a workspace whose workspace record (the list of member ids) is over Badger's
// value threshold, so that it is kept in the value log (.vlog).
func manyMembers(n int) *journey.Workspace {
	w, _ := journeytest.Big(3, 7, 1)
	for i := range n {
		w.Members = append(w.Members, journey.Member{ID: fmt.Sprintf("member-%06d-with-a-long-id-from-a-directory", i), Name: "Someone", Capacity: 8})
	}
	return w
}

func only(t *testing.T, dir, suffix string) string {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join(dir, "*"+suffix))
	var biggest string
	var size int64 = -1
	for _, m := range matches {
		if fi, err := os.Stat(m); err == nil && fi.Size() > size {
			biggest, size = m, fi.Size()
		}
	}
	if biggest == "" {
		t.Fatalf("no %s file in %s", suffix, dir)
	}
	return biggest
}

func flip(at func(size int) int) func(t *testing.T, path string) {
	return func(t *testing.T, path string) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		data[at(len(bytes.TrimRight(data, "\x00")))] ^= 0x5a
		os.WriteFile(path, data, 0o600)
	}
}

func cut(n int) func(t *testing.T, path string) {
	return func(t *testing.T, path string) {
		fi, _ := os.Stat(path)
		os.Truncate(path, fi.Size()-int64(n))
	}
}

func zero(from func(size int) int, n int) func(t *testing.T, path string) {
	return func(t *testing.T, path string) {
		data, _ := os.ReadFile(path)
		at := from(len(data))
		copy(data[at:min(at+n, len(data))], make([]byte, n))
		os.WriteFile(path, data, 0o600)
	}
}

func appendBytes(t *testing.T, path string) {
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.Write(bytes.Repeat([]byte("junk"), 1000))
	f.Close()
}

func middle(size int) int { return size / 2 }

var fixedNow = time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)

// TestDamageIsReportedAndNothingChanges damages each kind of Badger file for real, as the
// faults found: every open, read-write or read-only, must refuse the store naming the file,
// never panic, and leave every byte of it as it was.
func TestDamageIsReportedAndNothingChanges(t *testing.T) {
	sample := func(t *testing.T) *journey.Workspace { return journeytest.Sample(t) }
	big := func(*testing.T) *journey.Workspace { w, _ := journeytest.Big(40, 7, 5); return w }
	tests := []struct {
		name   string
		store  func(testing.TB, *journey.Workspace) string
		w      func(*testing.T) *journey.Workspace
		file   string
		damage func(*testing.T, string)
	}{
		{"MANIFEST cut by one byte", closedStore, sample, "MANIFEST", cut(1)},
		{"MANIFEST byte flipped", closedStore, sample, "MANIFEST", flip(func(n int) int { return n - 3 })},
		{"table byte flipped", closedStore, big, ".sst", flip(middle)},
		{"table 64 KiB zeroed", closedStore, big, ".sst", zero(func(n int) int { return n / 4 }, 64<<10)},
		{"table truncated", closedStore, big, ".sst", cut(100)},
		{"table with bytes appended", closedStore, big, ".sst", appendBytes},
		{"table removed", closedStore, sample, ".sst", func(t *testing.T, p string) { os.Remove(p) }},
		{"write-ahead log byte flipped", crashedStore, sample, ".mem", flip(func(n int) int { return n / 3 })},
		{"write-ahead log zeroed in the middle", crashedStore, sample, ".mem", zero(func(int) int { return 300 }, 200)},
		{"value log byte flipped", closedStore, func(*testing.T) *journey.Workspace { return manyMembers(30000) }, ".vlog", flip(middle)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.store(t, tt.w(t))
			path := filepath.Join(dir, tt.file)
			if strings.HasPrefix(tt.file, ".") {
				path = only(t, dir, tt.file)
			}
			tt.damage(t, path)
			before := files(t, dir)
			for name, open := range map[string]func(string) (*Store, error){"Open": Open, "OpenReadOnly": OpenReadOnly} {
				s, err := open(dir)
				if err == nil {
					w, lerr := s.Load()
					s.Close()
					if lerr == nil {
						t.Fatalf("%s: the damaged store opened and loaded %d journeys", name, len(w.Journeys))
					}
					err = lerr
				}
				if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), dir) {
					t.Errorf("%s: got %v, want ErrDamaged naming the store", name, err)
				}
				if tt.file != "" && !strings.Contains(err.Error(), filepath.Base(path)) && !strings.Contains(err.Error(), "record") {
					t.Errorf("%s: %v does not name %s", name, err, filepath.Base(path))
				}
			}
			if after := files(t, dir); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("opening changed the damaged store:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}

func TestLoadRefusesListedRecordsThatAreGone(t *testing.T) {
	for _, key := range []string{"member", "card", "pain"} {
		t.Run(key, func(t *testing.T) {
			s := openTest(t)
			w := journeytest.Sample(t)
			if err := s.Replace(w); err != nil {
				t.Fatal(err)
			}
			var k []byte
			switch key {
			case "member":
				k = memberKey(w.Members[2].ID)
			case "card":
				k = cardKey(w.Journeys[0].ID, w.Journeys[0].Cards[3].ID)
			case "pain":
				k = painKey(w.Journeys[1].ID, w.Journeys[1].PainPoints[0].ID)
			}
			if err := s.db.Update(func(txn *badger.Txn) error { return txn.Delete(k) }); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Load(); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "listed but its record is gone") {
				t.Errorf("got %v, want the store refused as damaged", err)
			}
		})
	}
}

// TestAKilledLogIsNotDamage: a log cut off in its last entry is what a kill leaves; the store
// opens with every whole transaction in it.
func TestAKilledLogIsNotDamage(t *testing.T) {
	w := journeytest.Sample(t)
	dir := crashedStore(t, w)
	mem := only(t, dir, ".mem")
	data, _ := os.ReadFile(mem)
	end := len(bytes.TrimRight(data, "\x00"))
	// Half of the last transaction was written when the kill came.
	torn := append(append([]byte(nil), data[:end]...), data[end-60:end-20]...)
	os.WriteFile(mem, append(torn, make([]byte, len(data)-len(torn))...), 0o600)
	for name, open := range map[string]func(string) (*Store, error){"OpenReadOnly": OpenReadOnly, "Open": Open} {
		s, err := open(dir)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := s.Load()
		s.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(got.Journeys[0].Cards) != len(w.Journeys[0].Cards) {
			t.Errorf("%s: %d cards, want the %d acknowledged", name, len(got.Journeys[0].Cards), len(w.Journeys[0].Cards))
		}
	}
}

func TestReadOnlyOpenWritesNothing(t *testing.T) {
	w := journeytest.Sample(t)
	for name, make := range map[string]func(testing.TB, *journey.Workspace) string{"closed": closedStore, "killed": crashedStore} {
		t.Run(name, func(t *testing.T) {
			dir := make(t, w)
			before := files(t, dir)
			s, err := OpenReadOnly(dir)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Load(); err != nil {
				t.Fatal(err)
			}
			if err := s.Commit(w, []journey.Ref{{Kind: journey.RefWorkspace}}, HistoryStep{}); !errors.Is(err, ErrReadOnly) {
				t.Errorf("a write to a read-only store: %v", err)
			}
			s.Close()
			if after := files(t, dir); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("a read-only open changed the store:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
	missing := filepath.Join(t.TempDir(), "typo")
	if _, err := OpenReadOnly(missing); !errors.Is(err, ErrNoStore) || !strings.Contains(err.Error(), missing) {
		t.Errorf("a missing store: %v", err)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Error("a read-only open created the store")
	}
}

func TestAFirstOpenCutOffByAKillStillOpens(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	os.Mkdir(dir, 0o700)
	os.WriteFile(filepath.Join(dir, "LOCK"), []byte("4242\n"), 0o600)
	os.WriteFile(filepath.Join(dir, "MANIFEST-REWRITE"), []byte("Bdgr\x00\x00\x00\x08"), 0o600)
	s, err := Open(dir)
	if err != nil {
		t.Fatalf("got %v, want the store opened", err)
	}
	s.Close()
}

func TestHalfImportedStoreIsNotEmpty(t *testing.T) {
	s := openTest(t)
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set([]byte(keyIncomplete), []byte(`{"schema":1}`)) }); err != nil {
		t.Fatal(err)
	}
	if empty, err := s.Empty(); err != nil || empty {
		t.Errorf("a store an import left half-written is empty=%v (%v): the app would seed the sample into it", empty, err)
	}
}

func TestInstallRefusesWhatTheStoreCantHoldBeforeTouchingIt(t *testing.T) {
	dir := closedStore(t, journeytest.Sample(t))
	before := files(t, dir)
	huge := manyMembers(330000) // ids of 46 bytes: a member list of 16 MiB
	_, err := Install(dir, huge, nil, false, fixedNow)
	if !errors.Is(err, ErrTooBig) || !strings.Contains(err.Error(), "MiB") {
		t.Fatalf("got %v, want the workspace refused as too big", err)
	}
	if strings.Count(err.Error(), "\n") > 0 || len(err.Error()) > 300 {
		t.Errorf("the message is not one short line: %d bytes", len(err.Error()))
	}
	if after := files(t, dir); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Error("a refused install changed the store")
	}
	if left, _ := filepath.Glob(dir + ".*"); len(left) > 0 {
		t.Errorf("a refused install left %v", left)
	}
}

// TestInstallRecoversFromAKillBetweenItsRenames acts out each moment of the swap.
func TestInstallRecoversFromAKillBetweenItsRenames(t *testing.T) {
	old, fresh := journeytest.Sample(t), journeytest.Sample(t)
	fresh.Name = "Fresh"
	tests := []struct {
		name string
		cut  func(dir string)
		want string
	}{
		{"after the new store is ready", func(dir string) {}, old.Name},
		{"after the old one is moved aside", func(dir string) { os.Rename(dir, dir+suffixReplaced) }, fresh.Name},
		{"after the new one is in place", func(dir string) {
			os.Rename(dir, dir+suffixReplaced)
			os.Rename(dir+suffixReady, dir)
		}, fresh.Name},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := closedStore(t, old)
			if err := build(dir+suffixReady, fresh); err != nil {
				t.Fatal(err)
			}
			tt.cut(dir)
			s, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			w, err := s.Load()
			s.Close()
			if err != nil || w.Name != tt.want {
				t.Errorf("after the kill the store holds %q (%v), want %q", w.Name, err, tt.want)
			}
		})
	}
}

// TestALiveLogIsCopiedUpToItsLastWholeEntry: a copy of the newest log that a running
// Journeymap appends to may hold an entry half-written as it was read and whole ones after
// it. Read from a store held by a writer, that is no damage: the copy ends before that
// entry. From a store no one holds, it still is.
func TestALiveLogIsCopiedUpToItsLastWholeEntry(t *testing.T) {
	w := journeytest.Sample(t)
	before := len(w.Journeys[0].Cards)
	dir := crashedStore(t, w)
	flip(func(size int) int { return size / 2 })(t, only(t, dir, ".mem"))
	for _, live := range []bool{false, true} {
		tmp := t.TempDir()
		if err := copyStoreFiles(dir, tmp, live); err != nil {
			t.Fatal(err)
		}
		err := checkFiles(tmp)
		if !live {
			if !errors.Is(err, ErrDamaged) {
				t.Errorf("a store no one holds, with an entry damaged amid its log: got %v, want ErrDamaged", err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("the copy of a live store: %v", err)
		}
		s, err := openBadger(dir, tmp)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Load()
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		if n := len(got.Journeys[0].Cards); n < before || n >= len(w.Journeys[0].Cards) {
			t.Errorf("the copy holds %d cards; want the %d before the log and some of the %d in it before the damage", n, before, len(w.Journeys[0].Cards)-before)
		}
	}
}

// TestACopyKeepsAnEntryEndingInZeros: a private copy leaves out the zeros Badger reserves after
// the last write, but an entry's own checksum ends in a zero byte once in 256; cutting that off
// would lose the last acknowledged write from the copy, live store or not.
func TestACopyKeepsAnEntryEndingInZeros(t *testing.T) {
	entry := func(key string) []byte {
		b := []byte{0, 0}
		b = binary.AppendUvarint(b, uint64(len(key)))
		b = binary.AppendUvarint(b, 1)
		b = binary.AppendUvarint(b, 0)
		b = append(append(b, key...), 'v')
		return binary.BigEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
	}
	var last []byte
	for n := 0; last == nil || last[len(last)-1] != 0; n++ {
		last = entry(fmt.Sprint("key-", n))
	}
	written := append(append(make([]byte, logHeaderSize), entry("first")...), last...)
	from := t.TempDir()
	if err := os.WriteFile(filepath.Join(from, "00001.mem"), append(written, make([]byte, 4096)...), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, live := range []bool{false, true} {
		to := t.TempDir()
		if err := copyInOrder(from, to, []string{"00001.mem"}, live); err != nil {
			t.Fatal(err)
		}
		got, _ := os.ReadFile(filepath.Join(to, "00001.mem"))
		if !bytes.Equal(got, written) {
			t.Errorf("live %v: the copy holds %d bytes, %d of them whole entries; want the %d written, all whole",
				live, len(got), wholeEntries(got), len(written))
		}
	}
}
