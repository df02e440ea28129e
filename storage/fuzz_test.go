package storage

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"journeymap/journey/journeytest"
)

// FuzzOpenDamaged changes or cuts one file of a real store and opens it, read-write and
// read-only: either the store is refused, or it reads back exactly as written. Never a panic,
// never a workspace with parts silently changed or gone.
func FuzzOpenDamaged(f *testing.F) {
	src := closedStore(f, journeytest.Sample(f))
	s, err := OpenReadOnly(src)
	if err != nil {
		f.Fatal(err)
	}
	w, err := s.Load()
	s.Close()
	if err != nil {
		f.Fatal(err)
	}
	want := journeytest.File(f, w)
	f.Add(uint8(0), uint32(100), uint8(0x5a), uint16(0))
	f.Add(uint8(1), uint32(0), uint8(0), uint16(1))
	f.Add(uint8(2), uint32(4000), uint8(1), uint16(0))
	f.Add(uint8(3), uint32(8), uint8(0xff), uint16(300))
	f.Fuzz(func(t *testing.T, file uint8, at uint32, xor uint8, cutBy uint16) {
		dir := filepath.Join(t.TempDir(), "store")
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		entries, _ := os.ReadDir(src)
		names := []string{}
		for _, e := range entries {
			if e.Name() != "LOCK" {
				names = append(names, e.Name())
			}
		}
		slices.Sort(names)
		victim := names[int(file)%len(names)]
		for _, name := range names {
			data, err := os.ReadFile(filepath.Join(src, name))
			if err != nil {
				t.Fatal(err)
			}
			if name == victim && len(data) > 0 {
				data[int(at)%len(data)] ^= xor
				data = data[:max(0, len(data)-int(cutBy))]
			}
			os.WriteFile(filepath.Join(dir, name), data, 0o600)
		}
		for _, open := range []func(string) (*Store, error){OpenReadOnly, Open} {
			s, err := open(dir)
			if err != nil {
				continue
			}
			w, err := s.Load()
			s.Close()
			if err == nil && !bytes.Equal(journeytest.File(t, w), want) {
				t.Fatalf("%s changed (byte %d ^ %#x, cut by %d) and the store read back different", victim, at, xor, cutBy)
			}
		}
	})
}
