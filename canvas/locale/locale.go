// Package locale keeps Fyne from logging "Error parsing user locale C" in a shell whose locale
// names no language (LANG=C.UTF-8, the default of many servers and containers): Fyne's
// translations read the locale while the program is still initialising its packages, before
// main could do anything, and print three lines to standard error that read as a crash.
//
// Its init tells such a process, by LANGUAGE=en, that its language is English, which is what
// the C locale means. It must run before Fyne's, and Go initialises packages that are ready
// in the order of their import paths: that is why this is a module of its own, whose path
// sorts before fyne.io, with no imports but the standard library's.
package locale

import (
	"os"
	"strings"
)

func init() {
	if os.Getenv("LANGUAGE") == "" && namesNoLanguage(current()) {
		os.Setenv("LANGUAGE", "en")
	}
}

// current is the locale messages are in, by the precedence gettext gives the variables.
func current() string {
	for _, env := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(env); v != "" {
			return v
		}
	}
	return ""
}

// namesNoLanguage reports whether a locale such as "C.UTF-8" or "POSIX" names no language.
// Plain "C" and "POSIX" Fyne takes as they are; their variants it can't parse.
func namesNoLanguage(locale string) bool {
	name, _, _ := strings.Cut(locale, ".")
	name, _, _ = strings.Cut(name, "@")
	return (name == "C" || name == "POSIX") && locale != name
}
