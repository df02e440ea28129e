//go:build unix

package storage

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"journeymap/assets"
	"journeymap/journey"
	"journeymap/journey/interchange"
	"journeymap/journey/journeytest"
)

// bulkWorkspaces are what runBulkCommitter commits in turn: the sample (A) and the sample
// with 30,000 cards more (B), each change far too big for one Badger transaction.
func bulkWorkspaces() (a, b *journey.Workspace, refs []journey.Ref) {
	a, err := interchange.Parse(assets.SampleWorkspace)
	if err != nil {
		panic(err)
	}
	a.Pulses = nil // Replace names them; the commits would then write others
	b = a.Clone()
	refs = bulkCards(b, 30000)
	a.Name, b.Name = "A", "B"
	return a, b, append(refs, journey.Ref{Kind: journey.RefWorkspace})
}

// runBulkCommitter commits B, A, B, … over the store, each with its undo entry as the app's
// document does, and prints "ack N" after the N-th commit returns: the workspace's name
// says which commit wrote it, "B 1", "A 2", and so on.
func runBulkCommitter(dir string) int {
	s, err := Open(dir)
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	a, b, refs := bulkWorkspaces()
	w, err := s.Load()
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	var kind string
	var n int
	if _, err := fmt.Sscanf(w.Name, "%s %d", &kind, &n); err != nil {
		fmt.Println("error", err)
		return 1
	}
	for n++; ; n++ {
		next := b
		if n%2 == 0 {
			next = a
		}
		next.Name = fmt.Sprintf("%s %d", next.Name[:1], n)
		entry := HistoryEntry{Seq: uint64(n), Edit: journey.RenameWorkspace{Before: w.Name, After: next.Name}}
		if err := s.Commit(next, refs, HistoryStep{PushUndo: []HistoryEntry{entry}}); err != nil {
			fmt.Println("error", err)
			return 1
		}
		fmt.Println("ack", n)
		w = next.Clone()
	}
}

// TestSIGKILLDuringABigCommitLeavesOldOrNewWhole kills commits too big for one transaction
// at random moments: the store, opened again, holds one of the two workspaces whole, with
// the undo entry of each commit that it holds, and no journal left.
func TestSIGKILLDuringABigCommitLeavesOldOrNewWhole(t *testing.T) {
	kills := max(3, kills(t)/3) // each takes a second: a child's start, its journal, a load of 30,000 cards
	a, b, _ := bulkWorkspaces()
	a.Name = "A 0"
	dir := filepath.Join(t.TempDir(), "store")
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Replace(a); err != nil {
		t.Fatal(err)
	}
	s.Close()
	acked, cut := 0, 0
	for k := range kills {
		cmd, lines := child(t, "bulk committer", dir)
		done := killWithin(cmd, 1500*time.Millisecond)
		for lines.Scan() {
			line := lines.Text()
			if strings.HasPrefix(line, "error") {
				t.Fatalf("committer: %s", line)
			}
			fmt.Sscanf(line, "ack %d", &acked)
		}
		<-done
		cmd.Wait()
		s, err := Open(dir)
		if err != nil {
			t.Fatalf("kill %d: reopening: %v", k+1, err)
		}
		w, err := s.Load()
		if err != nil {
			t.Fatalf("kill %d: loading: %v", k+1, err)
		}
		var kind string
		var n int
		fmt.Sscanf(w.Name, "%s %d", &kind, &n)
		// The commit acknowledged last, or the next, which the kill let reach its end.
		if n != acked && n != acked+1 {
			t.Fatalf("kill %d: the store holds commit %d, and commit %d was acknowledged", k+1, n, acked)
		}
		if n == acked+1 {
			cut++
		}
		acked = n
		want := a
		if n%2 == 1 {
			want = b
		}
		want = want.Clone()
		want.Name = w.Name
		if !bytes.Equal(journeytest.File(t, w), journeytest.File(t, want)) {
			t.Fatalf("kill %d: the store holds %q, but not whole", k+1, w.Name)
		}
		undo, _, err := s.History()
		if err != nil {
			t.Fatalf("kill %d: history: %v", k+1, err)
		}
		if n > 0 && (len(undo) == 0 || undo[len(undo)-1].Edit.(journey.RenameWorkspace).After != w.Name) {
			t.Fatalf("kill %d: the store holds %q, and its last undo entry does not lead to it", k+1, w.Name)
		}
		if n := keysUnder(t, s, "meta/bulk"); n != 0 {
			t.Fatalf("kill %d: %d keys of the journal are left", k+1, n)
		}
		s.Close()
	}
	if acked < kills/2 {
		t.Errorf("%d commits over %d kills: the kills fall too early to test much", acked, kills)
	}
	t.Logf("killed the committer %d times over %d commits of 30,000 cards each; each time the store held one whole, %d times the one the kill cut off from its acknowledgement", kills, acked, cut)
}
