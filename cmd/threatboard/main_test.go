package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// initOnly makes the test binary stop once every package is initialised,
// which is when Fyne reads the locale.
const initOnly = "THREATBOARD_TEST_INIT_ONLY"

func TestMain(m *testing.M) {
	if os.Getenv(initOnly) != "" {
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// Under LANG=C.UTF-8 Fyne logged "Error parsing user locale C" on every start.
func TestNoLocaleErrorUnderC(t *testing.T) {
	for _, lang := range []string{"C.UTF-8", "C.utf8", "C"} {
		t.Run(lang, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = []string{initOnly + "=1", "LANG=" + lang, "HOME=" + t.TempDir()}
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			if strings.Contains(string(out), "user locale") {
				t.Errorf("LANG=%s: the app logged %q", lang, out)
			}
		})
	}
}
