package interchange_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"journeymap/journey/interchange"
	"journeymap/journey/journeytest"
)

var updateFormat = flag.Bool("update-format", false, "write the workspace file's shape as testdata/format/vN.txt for a new Version")

// TestFileFieldsAreFrozen: the workspace file's fields, named one by one in
// testdata/format/vN.txt for each format version N. A field of the file renamed, added or
// dropped (in the domain types, whose JSON tags the file uses) fails here until Version is
// raised and the reader taught the version before; then freeze the new shape with
// go test ./journey/interchange -run TestFileFieldsAreFrozen -update-format.
func TestFileFieldsAreFrozen(t *testing.T) {
	path := filepath.Join("testdata", "format", fmt.Sprintf("v%d.txt", interchange.Version))
	if *updateFormat {
		if _, err := os.Stat(path); err == nil {
			t.Fatalf("%s is frozen: files of version %d are out in the world; raise Version instead", path, interchange.Version)
		}
		if err := os.WriteFile(path, []byte(journeytest.JSONShape(interchange.FileShape())), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	frozen, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no frozen shape for version %d: %v", interchange.Version, err)
	}
	if got := journeytest.JSONShape(interchange.FileShape()); got != string(frozen) {
		t.Errorf("the workspace file's fields are not those of version %d in %s: raise Version, read the version before too, "+
			"and freeze the new shape with -update-format.\ngot:\n%s", interchange.Version, path, got)
	}
}
