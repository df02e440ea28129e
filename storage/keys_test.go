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
		{"pulse sorts", pulseKey(12), []byte("pulse/00000012")},
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
	if bytes.Compare(pulseKey(9), pulseKey(10)) >= 0 {
		t.Error("pulse keys do not sort by sequence")
	}
}
