package storage

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"journeymap/journey/journeytest"
)

var updateSchema = flag.Bool("update-schema", false, "write the stored records' shape as testdata/schema/vN.txt for a new SchemaVersion")

// storedShape is the name of every field of every record the store writes, record by record.
func storedShape() string {
	var b strings.Builder
	for _, r := range []struct {
		name string
		v    any
	}{
		{"meta/schema", schemaRecord{}}, {"workspace", workspaceRecord{}}, {"member", memberRecord{}},
		{"pulse", pulseRecord{}}, {"journey", journeyRecord{}}, {"card", cardRecord{}},
		{"painPoint", painRecord{}}, {"history", historyRecord{}},
	} {
		for _, line := range strings.Split(strings.TrimSuffix(journeytest.JSONShape(r.v), "\n"), "\n") {
			fmt.Fprintf(&b, "%s: %s\n", r.name, line)
		}
	}
	return b.String()
}

// TestStoredFieldsAreFrozen: the records a store holds are named field by field in
// testdata/schema/vN.txt for each schema version N. A field renamed, added or dropped in a
// stored record, or in the domain type it embeds (a JSON tag is at once the domain's, the
// workspace file's and the store's), changes what a store on disk means: it fails here until
// SchemaVersion is raised with a migration from the version before. Then run
// go test ./storage -run TestStoredFieldsAreFrozen -update-schema to freeze the new shape.
func TestStoredFieldsAreFrozen(t *testing.T) {
	path := filepath.Join("testdata", "schema", fmt.Sprintf("v%d.txt", SchemaVersion))
	if *updateSchema {
		if _, err := os.Stat(path); err == nil {
			t.Fatalf("%s is frozen: a store of schema %d on someone's disk has that shape; raise SchemaVersion instead", path, SchemaVersion)
		}
		if err := os.WriteFile(path, []byte(storedShape()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	frozen, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no frozen shape for schema %d: %v", SchemaVersion, err)
	}
	if got := storedShape(); got != string(frozen) {
		t.Errorf("the stored records' fields are not those of schema %d in %s: raise SchemaVersion, add a migration from %d "+
			"with its test, and freeze the new shape with -update-schema.\ngot:\n%s", SchemaVersion, path, SchemaVersion, got)
	}
	for v := 1; v < SchemaVersion; v++ {
		if migrations[v] == nil {
			t.Errorf("no migration from schema %d", v)
		}
	}
}
