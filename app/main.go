package app

import (
	"fmt"
	"os"
	"runtime/debug"
	"time"

	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/model"
)

// AppID is the application's ID, as in FyneApp.toml.
const AppID = "io.threatboard.app"

// gcPercent is the app's GOGC. Most of what the app keeps is the fonts'
// tables, which Fyne parses once per text style and holds (about 30 of the
// 40 MB live with the 1,000-element model open), and the default of 100
// lets the heap grow by as much again before a collection. Half that
// headroom is plenty for the garbage of an edit (well under 1 MB on that
// model) and saves about 20 MB of the process's peak; see
// docs/PERFORMANCE.md. A GOGC set in the environment wins.
const gcPercent = 50

// Main runs the desktop app on the model file named by args, or on the
// built-in example when there is none, and returns the exit code.
func Main(args []string) int {
	start := time.Now()
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(gcPercent)
	}
	stopProfiles, err := profiles()
	defer stopProfiles()
	if err != nil {
		fmt.Fprintln(os.Stderr, "threatboard:", err)
		return 1
	}
	m, path, err := initialModel(args)
	if err != nil {
		fmt.Fprintln(os.Stderr, "threatboard:", err)
		return 1
	}
	set, setErr := loadSettings(settingsPath(), legacyPreferencesPath())
	fy := newFyneApp(icon)
	a := New(fy, m, path, Options{settings: set})
	if setErr != nil {
		fmt.Fprintln(os.Stderr, "threatboard:", setErr)
		a.ask.Error(setErr)
	}
	if hold, ok := os.LookupEnv(firstFrameEnv); ok {
		d, err := time.ParseDuration(hold)
		if err != nil {
			fmt.Fprintf(os.Stderr, "threatboard: %s: %v\n", firstFrameEnv, err)
			return 1
		}
		a.firstFrame = newFirstFrame(start, d, os.Stderr, func() {
			stopProfiles() // while the window still holds what it holds
			fy.Quit()
		})
		a.win.SetContent(a.firstFrame.wrap(a.win.Content()))
	}
	if path != "" {
		addRecent(set, path)
	}
	a.OfferRecovery()
	fy.Lifecycle().SetOnStarted(a.fitCurrent) // the window has its size now
	a.win.ShowAndRun()
	// The window is gone: let the recovery writer finish (the removal of the
	// copy after a clean quit) before the process ends.
	a.autosave.wait()
	return 0
}

func initialModel(args []string) (*model.Model, string, error) {
	switch len(args) {
	case 0:
		m, err := model.Decode(assets.Example())
		if err != nil {
			return nil, "", fmt.Errorf("built-in example: %w", err)
		}
		return m, "", nil
	case 1:
		m, err := model.Load(args[0])
		if err != nil {
			return nil, "", err
		}
		return m, args[0], nil
	}
	return nil, "", fmt.Errorf("usage: threatboard [FILE]")
}
