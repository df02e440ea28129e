package form

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestLimit(t *testing.T) {
	tests := []struct {
		text     string
		required bool
		want     string
	}{
		{"", false, ""},
		{"  ", true, "A name can't be empty"},
		{"Ana", true, ""},
		{"ééééé", false, ""}, // runes, not bytes
		{"éééééé", false, "A name holds at most 5 characters: 1 too many"},
	}
	for _, tt := range tests {
		err := Limit("A name", 5, tt.required)(tt.text)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("%q (required %v): got %q, want %q", tt.text, tt.required, got, tt.want)
		}
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 4000: "4,000", 1234567: "1,234,567"} {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d): got %q, want %q", n, got, want)
		}
	}
}

// TestEscapeCancels: Esc in a field or a text cancels its dialog and types nothing; other keys
// type as ever, and Tab leaves a text rather than being typed into it.
func TestEscapeCancels(t *testing.T) {
	test.NewTempApp(t)
	f, text := NewField(), NewText(3)
	cancelled := 0
	EscapeCancels(func() { cancelled++ }, f, text)
	test.Type(f, "ab")
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	text.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if cancelled != 2 || f.Text != "ab" {
		t.Errorf("Esc cancelled %d times (want 2), the field holds %q", cancelled, f.Text)
	}
	if text.AcceptsTab() {
		t.Error("a text takes Tab: it could not be left by the keyboard")
	}
}
