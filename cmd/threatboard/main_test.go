package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/threatboard/threatboard/app"
	"github.com/threatboard/threatboard/assets"
)

// initOnly makes the test binary stop once every package is initialised,
// which is when Fyne reads the locale.
const initOnly = "THREATBOARD_TEST_INIT_ONLY"

// runApp makes the test binary run the app on its arguments instead.
const runApp = "THREATBOARD_TEST_RUN_APP"

func TestMain(m *testing.M) {
	if os.Getenv(initOnly) != "" {
		os.Exit(0)
	}
	if os.Getenv(runApp) != "" {
		os.Exit(app.Main(flagArgs()))
	}
	os.Exit(m.Run())
}

// flagArgs are the arguments after "--", those meant for the app.
func flagArgs() []string {
	if i := slices.Index(os.Args, "--"); i >= 0 {
		return os.Args[i+1:]
	}
	return nil
}

// The app keeps what it remembers in its own settings file, and Fyne's
// preferences file is never written: Fyne rewrote it in place while the app
// stopped, and its watcher read it empty ("Preferences load error: EOF" on
// about one quit in four). Runs the whole app in a window a few times.
func TestQuitWritesNoFynePreferences(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("needs an X display (make test runs the tests under Xvfb)")
	}
	home := t.TempDir()
	config := filepath.Join(home, "config")
	model := filepath.Join(home, "feed.threatboard.json")
	if err := os.WriteFile(model, assets.Example(), 0o600); err != nil {
		t.Fatal(err)
	}
	runs := 3
	if testing.Short() {
		runs = 1
	}
	for i := range runs {
		cmd := exec.Command(os.Args[0], "-test.run=^$", "--", model)
		cmd.Env = append(os.Environ(), runApp+"=1", "HOME="+home, "XDG_CONFIG_HOME="+config,
			"XDG_CACHE_HOME="+filepath.Join(home, "cache"), "THREATBOARD_FIRST_FRAME=0s")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("run %d: %v: %s", i, err, out)
		}
		for _, line := range strings.Split(string(out), "\n") {
			if strings.Contains(line, "Preferences") || strings.Contains(line, "Fyne error") {
				t.Errorf("run %d logged %q", i, line)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(config, "fyne", app.AppID, "preferences.json")); !os.IsNotExist(err) {
		t.Errorf("Fyne's preferences file was written (%v)", err)
	}
	data, err := os.ReadFile(filepath.Join(config, "threatboard", "settings.json"))
	if err != nil {
		t.Fatal(err)
	}
	var got struct{ RecentFiles []string }
	if err := json.Unmarshal(data, &got); err != nil || !slices.Equal(got.RecentFiles, []string{model}) {
		t.Errorf("settings %s (%v), want the model opened as the recent file", data, err)
	}
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
