package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/model"
)

// What the app remembers between runs lives in a file of its own,
// settings.json in Threatboard's config folder, and not in Fyne's
// preferences. Fyne rewrites its preferences file in place (truncating it,
// then writing it) once more as the app stops, while its own watcher of
// that file, which by then runs outside the UI thread, may read it in the
// gap: "Preferences load error: EOF" on about one quit in four. This file is
// written whole to a temporary file and renamed over the old one, so it is
// never seen half-written, and nothing watches it.
//
// The keys are those the preferences had, so the first run of this version
// takes over what Fyne's file remembered.
type settingValues struct {
	Theme        string    `json:"theme,omitempty"` // "light", "dark" or "" for the system's choice
	SnapToGrid   bool      `json:"snapToGrid,omitempty"`
	RecentFiles  []string  `json:"recentFiles,omitempty"`  // newest first
	WindowLayout []float64 `json:"windowLayout,omitempty"` // width, height, side panel offset
}

// settings holds the values and, unless path is "", keeps the file in step
// with them. They are read and changed on the UI thread only.
type settings struct {
	path   string
	v      settingValues
	failed func(error) // a save that failed; the values stay in memory
}

// maxSettingsSize bounds what is read: the file holds a few short values.
const maxSettingsSize = 1 << 20

// settingsPath is settings.json in Threatboard's config folder.
func settingsPath() string {
	return userDataDir("settings.json")
}

// legacyPreferencesPath is the preferences file Fyne kept for this app.
func legacyPreferencesPath() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "fyne", AppID, "preferences.json")
}

// loadSettings reads the settings at path. A missing file starts from what
// Fyne's preferences file at legacy remembered, if anything, and is written
// with it. A file that cannot be used is renamed aside (its name plus
// ".broken"), so that nothing the user had is overwritten, and the error
// says so: the app then starts from the defaults.
func loadSettings(path, legacy string) (*settings, error) {
	s := &settings{path: path, failed: func(err error) { fmt.Fprintln(os.Stderr, "threatboard:", err) }}
	if path == "" {
		return s, nil
	}
	data, err := model.ReadRegularFile(path, maxSettingsSize)
	if errors.Is(err, fs.ErrNotExist) {
		// A best effort: what cannot be read is left behind.
		if data, err := model.ReadRegularFile(legacy, maxSettingsSize); err == nil {
			if v, err := decodeSettings(data); err == nil && !equalSettings(v, settingValues{}) {
				s.v = v
				return s, s.save() // taken over once: the file is ours from now on
			}
		}
		return s, nil
	}
	if err == nil {
		s.v, err = decodeSettings(data)
	}
	if err != nil {
		err = fmt.Errorf("read %s: %w", path, err)
		if rerr := os.Rename(path, path+".broken"); rerr == nil {
			err = fmt.Errorf("%w; kept as %s.broken, starting from the defaults", err, filepath.Base(path))
		}
		return s, err
	}
	return s, nil
}

// decodeSettings reads a settings file. Keys it does not know are ignored
// (Fyne's preferences file holds some of its own). Values that could not
// have been written are refused, naming their key.
func decodeSettings(data []byte) (settingValues, error) {
	var v settingValues
	if err := json.Unmarshal(data, &v); err != nil {
		return settingValues{}, jsonError(data, err)
	}
	if n := len(v.RecentFiles); n > maxRecent {
		return settingValues{}, fmt.Errorf("recentFiles: %d files, at most %d are kept", n, maxRecent)
	}
	if slices.Contains(v.RecentFiles, "") {
		return settingValues{}, errors.New("recentFiles: an empty file name")
	}
	if l := v.WindowLayout; l != nil {
		if len(l) != 3 {
			return settingValues{}, fmt.Errorf("windowLayout: %d numbers, want width, height and side panel offset", len(l))
		}
		for _, x := range l {
			if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 || x > 1e6 {
				return settingValues{}, fmt.Errorf("windowLayout: %v is not a size", x)
			}
		}
	}
	if !slices.ContainsFunc(themeNames, func(t themeName) bool { return t.name == v.Theme }) {
		return settingValues{}, fmt.Errorf("theme: %q is none of light, dark or the system's", v.Theme)
	}
	return v, nil
}

// jsonError says where in data a JSON error is, as the line and column of
// the byte the decoder stopped at (the offsets count the bytes read).
func jsonError(data []byte, err error) error {
	var offset int64
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		offset = syntax.Offset
	case errors.As(err, &typ):
		offset = typ.Offset
		what := jsonWords[typ.Value]
		if typ.Field != "" {
			what = typ.Field + ": " + what
		}
		err = fmt.Errorf("%s, where %s belongs", what, jsonWords[kindJSON[typ.Type.Kind()]])
	default:
		return err
	}
	offset = min(max(offset-1, 0), int64(len(data)))
	before := data[:offset]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(offset) - bytes.LastIndexByte(before, '\n')
	return fmt.Errorf("line %d, column %d: %w", line, col, err)
}

// jsonWords name the JSON values for the user; kindJSON is the JSON value
// for each kind of Go value settingValues holds.
var (
	jsonWords = map[string]string{
		"string": "a text", "bool": "true or false", "array": "a list", "number": "a number", "object": "an object",
	}
	kindJSON = map[reflect.Kind]string{
		reflect.String: "string", reflect.Bool: "bool", reflect.Slice: "array", reflect.Float64: "number", reflect.Struct: "object",
	}
)

// update changes the values and, when they changed, saves them. A failed
// save is reported; the values stay as changed for this run.
func (s *settings) update(change func(*settingValues)) {
	before := s.v
	before.RecentFiles = slices.Clone(s.v.RecentFiles)
	before.WindowLayout = slices.Clone(s.v.WindowLayout)
	change(&s.v)
	if s.path == "" || equalSettings(before, s.v) {
		return
	}
	if err := s.save(); err != nil && s.failed != nil {
		s.failed(err)
	}
}

func equalSettings(a, b settingValues) bool {
	return a.Theme == b.Theme && a.SnapToGrid == b.SnapToGrid &&
		slices.Equal(a.RecentFiles, b.RecentFiles) && slices.Equal(a.WindowLayout, b.WindowLayout)
}

func (s *settings) save() error {
	data, err := json.MarshalIndent(s.v, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
		return fmt.Errorf("remember settings: %w", err)
	}
	if err := writeAtomic(s.path, append(data, '\n')); err != nil {
		return fmt.Errorf("remember settings: %w", err)
	}
	return nil
}

const appName = "Threatboard" // as in FyneApp.toml

// newFyneApp makes the Fyne app with Fyne's own preferences kept in memory
// only (see settingValues): Fyne keeps them in a file only for an app that
// has an ID when it is made. The ID is set right after, for everything
// else Fyne keys by it.
func newFyneApp(icon fyne.Resource) fyne.App {
	meta := fyne.AppMetadata{Name: appName, Version: assets.Version, Icon: icon}
	fyneapp.SetMetadata(meta)
	fy := fyneapp.NewWithID("")
	meta.ID = AppID
	meta.Release = fy.Settings().BuildType() == fyne.BuildRelease
	fyneapp.SetMetadata(meta)
	return fy
}
