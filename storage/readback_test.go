package storage

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"journeymap/journey/journeytest"
)

// TestANewStoreIsReadBackByteForByte: Install's check of a new store finds a record changed,
// lost or added on its way to the disk, and passes the store as written.
func TestANewStoreIsReadBackByteForByte(t *testing.T) {
	for _, c := range []struct {
		name, want string
		damage     func(txn *badger.Txn) error
	}{
		{"as written", "", nil},
		{"a value changed", "another value for", func(txn *badger.Txn) error {
			return txn.Set(cardKey("j-late-parcel", "lp-c01"), []byte(`{"schema":1,"id":"lp-c01","text":"Changed"}`))
		}},
		{"a record lost", "lacks", func(txn *badger.Txn) error { return txn.Delete([]byte(keyWorkspace)) }},
		{"a record added", "never written", func(txn *badger.Txn) error {
			return txn.Set(cardKey("j-late-parcel", "c-stray"), []byte(`{"schema":1}`))
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, err := Open(filepath.Join(t.TempDir(), "store"))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			ops, err := s.replacing(journeytest.Sample(t))
			if err != nil {
				t.Fatal(err)
			}
			if err := s.write(ops); err != nil {
				t.Fatal(err)
			}
			if c.damage != nil {
				if err := s.db.Update(c.damage); err != nil {
					t.Fatal(err)
				}
			}
			err = s.holdsJust(ops)
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("the store as written did not pass: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Fatalf("got %v, want an error saying %q", err, c.want)
			}
		})
	}
}
