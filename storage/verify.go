package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
	"github.com/dgraph-io/badger/v4/table"
	"github.com/dgraph-io/ristretto/v2/z"
)

// Damage names one damaged file of a store and what is wrong with it.
type Damage struct {
	File    string
	Problem string
}

func (d *Damage) Error() string { return d.File + ": " + d.Problem }

// checkFiles reads every Badger file in dir, changing none, and returns ErrDamaged (wrapping
// a *Damage) at the first one that is not whole. Badger, opened for writing, "repairs" what it
// can't read by cutting it off or deleting it, and panics in goroutines of its own on some
// damaged tables; checking first means damage is reported before Badger touches anything.
// A log cut short at its very end is not damage: a kill mid-write leaves exactly that, and
// nothing in the cut-off part was ever acknowledged.
func checkFiles(dir string) error {
	tables, err := checkManifest(dir)
	if err != nil {
		return err
	}
	for _, id := range tables {
		if err := checkTable(dir, id); err != nil {
			return err
		}
	}
	if err := checkUnlisted(dir, tables); err != nil {
		return err
	}
	for _, ext := range []string{".mem", ".vlog"} {
		names, err := logFiles(dir, ext)
		if err != nil {
			return err
		}
		for i, name := range names {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				return damaged(name, "can't be read: "+errText(err))
			}
			// Only the newest log is being written to; older ones were closed whole.
			if problem := checkLog(data, i == len(names)-1, ext == ".mem"); problem != "" {
				return damaged(name, problem)
			}
		}
	}
	return nil
}

func damaged(file, problem string) error {
	return fmt.Errorf("%w: %w", ErrDamaged, &Damage{File: file, Problem: problem})
}

func errText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return err.Error()
}

// checkManifest reads the MANIFEST, which lists the tables, and returns their ids. Every
// listed table must be there; a table that is not listed is left over from a compaction cut
// off by a kill, and Badger drops it without loss.
func checkManifest(dir string) ([]uint64, error) {
	f, err := os.Open(filepath.Join(dir, "MANIFEST"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, damaged("MANIFEST", "can't be read: "+errText(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, damaged("MANIFEST", "can't be read: "+errText(err))
	}
	m, end, err := badger.ReplayManifestFile(f, 0, badger.DefaultOptions(dir))
	if err != nil {
		return nil, damaged("MANIFEST", "the list of tables is unreadable ("+err.Error()+")")
	}
	// Badger writes each change with one write call, which a kill can't split: a short last
	// change means the file was cut, and Badger would forget the tables it lists.
	if end != fi.Size() {
		return nil, damaged("MANIFEST", fmt.Sprintf("cut short: %d of its %d bytes are readable", end, fi.Size()))
	}
	ids := make([]uint64, 0, len(m.Tables))
	for id := range m.Tables {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids, nil
}

// checkUnlisted refuses tables the MANIFEST does not list, unless a kill explains them: a
// flush cut off before it was recorded (its log is still there), or a compaction cut off
// (its tables are numbered after every listed one, which still hold the data). Anything
// else is a MANIFEST that lost its records, and Badger would delete the tables.
func checkUnlisted(dir string, listed []uint64) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("reading store directory: %w", err)
	}
	logs := false
	var unlisted []uint64
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".mem") {
			logs = true
		}
		if id, ok := table.ParseFileID(e.Name()); ok && strings.HasSuffix(e.Name(), ".sst") && !slices.Contains(listed, id) {
			unlisted = append(unlisted, id)
		}
	}
	if len(unlisted) == 0 || logs {
		return nil
	}
	for _, id := range unlisted {
		if len(listed) == 0 || id < listed[len(listed)-1] {
			return damaged("MANIFEST", fmt.Sprintf("does not list the table %s, which holds data", table.IDToFilename(id)))
		}
	}
	return nil
}

// checkTable opens one table read-only with every block's checksum verified. Badger's table
// code panics on some damaged files; here that happens in our goroutine and is contained.
func checkTable(dir string, id uint64) (err error) {
	name := table.IDToFilename(id)
	path := filepath.Join(dir, name)
	fi, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return damaged(name, "is missing, though the MANIFEST lists it")
		}
		return damaged(name, "can't be read: "+errText(err))
	}
	if fi.Size() == 0 {
		return damaged(name, "is empty")
	}
	mf, err := z.OpenMmapFile(path, os.O_RDONLY, 0)
	if err != nil {
		return damaged(name, "can't be read: "+errText(err))
	}
	defer func() {
		if r := recover(); r != nil {
			err = damaged(name, fmt.Sprintf("its index is unreadable (%v)", r))
		}
		mf.Close(-1)
	}()
	opts := table.Options{ChkMode: options.OnTableRead, BlockSize: 4 << 10, Compression: options.Snappy}
	if _, err := table.OpenTable(mf, opts); err != nil {
		return damaged(name, "a checksum does not match ("+firstLine(err)+")")
	}
	return nil
}

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

// logFiles lists the names of the log files with the extension, oldest (lowest number) first.
func logFiles(dir, ext string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("reading store directory: %w", err)
	}
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name()
	}
	return logsOf(names, ext), nil
}

// logsOf picks out of a store's file names those of the log files with the extension, oldest
// (lowest number) first.
func logsOf(names []string, ext string) []string {
	type log struct {
		name string
		fid  int
	}
	var logs []log
	for _, name := range names {
		if id, ok := strings.CutSuffix(name, ext); ok {
			if fid, err := strconv.Atoi(id); err == nil {
				logs = append(logs, log{name, fid})
			}
		}
	}
	slices.SortFunc(logs, func(a, b log) int { return a.fid - b.fid })
	out := make([]string, len(logs))
	for i, l := range logs {
		out[i] = l.name
	}
	return out
}

// Badger's log entries (write-ahead .mem and value log .vlog files): after a 20-byte file
// header, each entry is meta, user meta, uvarint key and value lengths and expiry, the key,
// the value, and a big-endian CRC-32C of all that.
const (
	logHeaderSize = 20
	maxKeySize    = 1 << 16
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// checkLog returns what is wrong with a log file's bytes, or "". Badger stops reading a log at
// the first entry it can't read and cuts the file there, losing every entry after it. That is
// right only for an entry a kill cut off: one that reaches past the last byte ever written
// (the rest of a log file is zeros until written), in the newest log.
func checkLog(data []byte, newest, wal bool) string {
	end := len(bytes.TrimRight(data, "\x00"))
	if end == 0 {
		return ""
	}
	if len(data) < logHeaderSize {
		return fmt.Sprintf("cut short: %d bytes, less than its header", len(data))
	}
	for off := logHeaderSize; off < end; {
		n, ok := logEntry(data[off:])
		switch {
		case ok:
			off += n
			continue
		case newest && wal:
			// A kill's last write: memory copies write their end before their middle, so a
			// cut-off entry may end in written bytes, and its length may be garbage; what
			// tells it from damage is that no whole entry follows it.
			if !validAfter(data[off+1 : end]) {
				return ""
			}
		case n > 0 && off+n > end && newest:
			return ""
		case n > 0 && off+n > len(data):
			return fmt.Sprintf("cut short in the entry at byte %d", off)
		}
		return fmt.Sprintf("the entry at byte %d does not match its checksum", off)
	}
	return ""
}

// wholeEntries returns the length of the header and the whole entries that start a log file's
// bytes. A copy of a log that a running Journeymap appends to may hold an entry it was writing
// as that part was read, and whole entries after it that were written as later parts were.
func wholeEntries(data []byte) int {
	if len(data) < logHeaderSize {
		return len(data)
	}
	off := logHeaderSize
	for off < len(data) {
		n, ok := logEntry(data[off:])
		if !ok {
			break
		}
		off += n
	}
	return off
}

// validAfter reports whether a whole entry with a matching checksum and a key starts anywhere
// in b: an entry of no key and no value (9 bytes) is no sign of written data.
func validAfter(b []byte) bool {
	for p := range b {
		if n, ok := logEntry(b[p:]); ok && n > 9 {
			return true
		}
	}
	return false
}

// logEntry decodes the entry at the start of b: its length as its header gives it (0 when the
// header is garbage), and whether it is whole with a matching checksum.
func logEntry(b []byte) (n int, ok bool) {
	if len(b) < 2 {
		return len(b) + 1, false
	}
	h := 2
	var lens [3]uint64
	for i := range lens {
		v, w := binary.Uvarint(b[h:])
		if w == 0 {
			return len(b) + 1, false
		}
		if w < 0 {
			return 0, false
		}
		lens[i] = v
		h += w
	}
	klen, vlen := lens[0], lens[1]
	if klen > maxKeySize || vlen > 1<<31 {
		return 0, false
	}
	n = h + int(klen) + int(vlen) + crc32.Size
	if n > len(b) {
		return n, false
	}
	sum := crc32.Checksum(b[:n-crc32.Size], castagnoli)
	return n, binary.BigEndian.Uint32(b[n-crc32.Size:n]) == sum
}
