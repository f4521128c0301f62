// Package clocale keeps Fyne from logging "Error parsing user locale C" at
// start-up under the C locale with a charset, such as LANG=C.UTF-8 (the
// default of many containers and CI machines).
//
// Fyne reads the locale while its packages initialise, before main runs,
// and takes "C.UTF-8" for a language called "C". GNU gettext ignores
// LANGUAGE under the C locale, so setting it to English changes nothing
// but Fyne's reading. This package imports only the standard library, so
// Go initialises it before Fyne's lang package (which waits on
// golang.org/x/text, sorted after it); the main package imports it for
// that effect alone, and the test of the main package checks that it works.
package clocale

import (
	"os"
	"strings"
)

func init() { Fix(os.Getenv, os.Setenv) }

// Fix sets LANGUAGE to "en" when the locale that applies to messages is
// C or POSIX with a charset or modifier and LANGUAGE is not set.
func Fix(getenv func(string) string, setenv func(string, string) error) {
	if getenv("LANGUAGE") != "" {
		return
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		lang, _, _ := strings.Cut(v, ".")
		lang, _, _ = strings.Cut(lang, "@")
		if v != lang && (lang == "C" || lang == "POSIX") {
			_ = setenv("LANGUAGE", "en") // nothing to do when it fails: Fyne logs its line
		}
		return
	}
}
