package storage

import (
	"bytes"
	"testing"
)

func TestKeys(t *testing.T) {
	tests := []struct {
		name      string
		got, want []byte
	}{
		{"member", memberKey("m-ana"), []byte("m/m-ana")},
		{"pulse by id", pulseKey("pu-3f"), []byte("pulse/pu-3f")},
		{"undo entry", undoKey(0x2a), []byte("hist/u/000000000000002a")},
		{"redo entry", redoKey(1), []byte("hist/r/0000000000000001")},
		{"journey", journeyKey("j-late"), []byte("j/j-late")},
		{"card", cardKey("j-late", "c-1"), []byte("j/j-late/card/c-1")},
		{"pain point", painKey("j-late", "p-1"), []byte("j/j-late/pain/p-1")},
		{"slash in id is escaped", cardKey("a/card/b", "c"), []byte("j/a%2Fcard%2Fb/card/c")},
		{"children prefix ends in a slash", journeyChildren("a"), []byte("j/a/")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !bytes.Equal(tt.got, tt.want) {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
	if bytes.HasPrefix(cardKey("ab", "x"), journeyChildren("a")) {
		t.Error("journey a's prefix matches journey ab's records")
	}
	if bytes.Compare(undoKey(9), undoKey(10)) >= 0 || bytes.Compare(undoKey(0xff), undoKey(0x100)) >= 0 {
		t.Error("history keys do not sort by sequence")
	}
}
