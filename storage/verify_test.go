package storage

import (
	"encoding/binary"
	"hash/crc32"
	"testing"
)

// logOf encodes entries as Badger writes them in a log, after its 20-byte header, with zeros
// after them as in a log file not yet full.
func logOf(values ...string) (data []byte, starts []int) {
	data = make([]byte, logHeaderSize)
	for i, v := range values {
		starts = append(starts, len(data))
		e := []byte{0, 0}
		e = binary.AppendUvarint(e, 3)
		e = binary.AppendUvarint(e, uint64(len(v)))
		e = binary.AppendUvarint(e, 0)
		e = append(e, byte('a'+i), 'k', 'y')
		e = append(e, v...)
		e = binary.BigEndian.AppendUint32(e, crc32.Checksum(e, castagnoli))
		data = append(data, e...)
	}
	return append(data, make([]byte, 64)...), starts
}

func TestCheckLogTellsAKilledWriteFromDamage(t *testing.T) {
	values := []string{"first value", "second value", "third value"}
	tests := []struct {
		name    string
		change  func(data []byte, starts []int) []byte
		wal     bool
		damaged bool
	}{
		{"whole", func(d []byte, _ []int) []byte { return d }, true, false},
		{"last entry cut off", func(d []byte, s []int) []byte { clear(d[s[2]+8:]); return d }, true, false},
		{"last entry's end written before its middle", func(d []byte, s []int) []byte { clear(d[s[2]+4 : s[2]+12]); return d }, true, false},
		{"a middle entry flipped", func(d []byte, s []int) []byte { d[s[1]+9] ^= 1; return d }, true, true},
		{"a middle entry's length made longer than the log", func(d []byte, s []int) []byte { d[s[1]+3] = 100; return d }, true, true},
	}
	for _, tt := range tests {
		data, starts := logOf(values...)
		problem := checkLog(tt.change(data, starts), true, tt.wal)
		if (problem != "") != tt.damaged {
			t.Errorf("%s: checkLog = %q, want damaged=%v", tt.name, problem, tt.damaged)
		}
	}
}
