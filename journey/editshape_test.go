package journey_test

import (
	"os"
	"path/filepath"
	"testing"

	"journeymap/journey"
	"journeymap/journey/journeytest"
)

// TestStoredEditFieldsAreFrozen: an edit is stored in the undo history in the form
// MarshalEdit writes (its items in the domain types' JSON, frozen with the store's records).
// A field of that form renamed, added or dropped changes what a store on disk means: the
// store's schema version must be raised with a migration, and testdata/edit-shape.txt made
// anew with it.
func TestStoredEditFieldsAreFrozen(t *testing.T) {
	frozen, err := os.ReadFile(filepath.Join("testdata", "edit-shape.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if got := journeytest.JSONShape(journey.StoredEdit()); got != string(frozen) {
		t.Errorf("the stored edit's fields changed: raise storage.SchemaVersion with a migration, then write testdata/edit-shape.txt anew.\ngot:\n%s", got)
	}
}
