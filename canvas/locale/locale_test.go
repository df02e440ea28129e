package locale

import "testing"

func TestNamesNoLanguage(t *testing.T) {
	for locale, want := range map[string]bool{
		"C.UTF-8": true, "C.utf8": true, "POSIX.UTF-8": true, "C@euro": true,
		"C": false, "POSIX": false, "": false, "en_US.UTF-8": false, "de_DE@euro": false, "Custom": false,
	} {
		if got := namesNoLanguage(locale); got != want {
			t.Errorf("namesNoLanguage(%q) = %v, want %v", locale, got, want)
		}
	}
}
