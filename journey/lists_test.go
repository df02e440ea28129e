package journey

import "testing"

func TestListedAndPlural(t *testing.T) {
	for _, tt := range []struct {
		items []string
		want  string
	}{
		{nil, ""},
		{[]string{"light"}, "light"},
		{[]string{"light", "dark"}, "light or dark"},
		{[]string{"light", "dark", "presenter"}, "light, dark or presenter"},
	} {
		if got := Listed(tt.items, "or"); got != tt.want {
			t.Errorf("Listed(%q) = %q, want %q", tt.items, got, tt.want)
		}
	}
	for n, want := range map[int]string{0: "0 cards", 1: "1 card", 2: "2 cards"} {
		if got := Plural(n, "card"); got != want {
			t.Errorf("Plural(%d) = %q, want %q", n, got, want)
		}
	}
}
