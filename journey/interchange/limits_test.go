//go:build unix

package interchange

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"journeymap/assets"
)

// TestABigWorkspaceIsWrittenCompactAndReadsBack: an import of a compact file used to come back
// as an indented backup over the size limit that could not be imported again.
func TestABigWorkspaceIsWrittenCompactAndReadsBack(t *testing.T) {
	w, err := Parse(assets.SampleWorkspace)
	if err != nil {
		t.Fatal(err)
	}
	indented, err := Marshal(w)
	if err != nil {
		t.Fatal(err)
	}
	defer func(old int) { indentUpTo = old }(indentUpTo)
	indentUpTo = len(indented) - 1
	compact, err := Marshal(w)
	if err != nil {
		t.Fatal(err)
	}
	if len(compact) >= len(indented)*3/4 || bytes.Contains(compact, []byte("\n  ")) {
		t.Fatalf("over the threshold the file is %d bytes of %d, want it compact", len(compact), len(indented))
	}
	back, err := Parse(compact)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := Marshal(back); !bytes.Equal(again, compact) {
		t.Error("the compact file does not read back as the workspace")
	}
}

func TestOnlyRegularFilesAreRead(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	done := make(chan error, 1)
	go func() { _, err := ReadFile(fifo); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "named pipe") || !strings.Contains(err.Error(), fifo) {
			t.Errorf("got %v, want the FIFO refused by name", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("reading a FIFO waits for a writer")
	}
	if _, err := ReadFile(dir); err == nil || !strings.Contains(err.Error(), "a folder") {
		t.Errorf("a folder: %v", err)
	}
	os.Remove(fifo)
}
