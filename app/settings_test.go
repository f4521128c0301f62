package app

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestDecodeSettings(t *testing.T) {
	tests := map[string]struct {
		in      string
		want    settingValues
		wantErr string // part of the message; "" for none
	}{
		"empty object": {in: `{}`},
		"all": {in: `{"theme": "dark", "snapToGrid": true, "recentFiles": ["/a.json", "/b.json"], "windowLayout": [1200, 800, 0.65]}`,
			want: settingValues{Theme: "dark", SnapToGrid: true, RecentFiles: []string{"/a.json", "/b.json"}, WindowLayout: []float64{1200, 800, 0.65}}},
		"fyne's keys are left alone": {in: `{"fyne:fileDialogLastFolder": "file:///home", "windowWidth": 1234, "theme": "light"}`,
			want: settingValues{Theme: "light"}},
		"syntax error":      {in: "{\n  \"theme\": \"dark\",\n  oops\n}", wantErr: "line 3, column 3"},
		"wrong type":        {in: "{\"snapToGrid\": \"yes\"}", wantErr: "line 1, column 20: snapToGrid: a text, where true or false belongs"},
		"empty file":        {in: ``, wantErr: "unexpected end of JSON input"},
		"unknown theme":     {in: `{"theme": "neon"}`, wantErr: `theme: "neon"`},
		"short layout":      {in: `{"windowLayout": [1, 2]}`, wantErr: "windowLayout: 2 numbers"},
		"negative size":     {in: `{"windowLayout": [-1, 2, 0.5]}`, wantErr: "windowLayout: -1 is not a size"},
		"huge size":         {in: `{"windowLayout": [1e300, 2, 0.5]}`, wantErr: "is not a size"},
		"empty recent file": {in: `{"recentFiles": ["/a", ""]}`, wantErr: "recentFiles: an empty file name"},
		"too many recent":   {in: `{"recentFiles": ["1","2","3","4","5","6","7","8","9"]}`, wantErr: "recentFiles: 9 files"},
		"not an object":     {in: `[1, 2]`, wantErr: "line 1, column 1: a list, where an object belongs"},
		"not a number":      {in: `{"windowLayout": [1, "2", 3]}`, wantErr: "line 1, column 24: windowLayout: a text, where a number belongs"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := decodeSettings([]byte(tc.in))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want one saying %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !equalSettings(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

// Every change is in the file at once, and the file reads back as it was
// written.
func TestSettingsSavedAndLoaded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "threatboard", "settings.json") // the folder is made on the first save
	s, err := loadSettings(path, "")
	if err != nil {
		t.Fatal(err)
	}
	s.failed = func(err error) { t.Error(err) }
	addRecent(s, "/models/a.json")
	s.update(func(v *settingValues) { v.Theme, v.SnapToGrid = "dark", true })
	s.update(func(v *settingValues) { v.WindowLayout = []float64{1024, 700, 0.7} })

	again, err := loadSettings(path, "")
	if err != nil {
		t.Fatal(err)
	}
	if !equalSettings(again.v, s.v) {
		t.Errorf("read back %+v, saved %+v", again.v, s.v)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("the folder holds %d files, want settings.json alone (no temporary files left)", len(entries))
	}
}

// A change that changes nothing does not write the file.
func TestSettingsUnchangedNotWritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), "settings.json")
	s := &settings{path: path}
	s.update(func(v *settingValues) { v.Theme = "" })
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an update that changed nothing wrote the file (%v)", err)
	}
}

// The first run of this version takes over what Fyne's preferences file
// remembered, into its own file.
func TestSettingsTakeOverFynePreferences(t *testing.T) {
	dir := t.TempDir()
	legacy := filepath.Join(dir, "preferences.json")
	if err := os.WriteFile(legacy, []byte(`{"recentFiles":["/m/a.json"],"snapToGrid":true,"theme":"light","windowLayout":[1300,900,0.66]}`+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "threatboard", "settings.json")
	s, err := loadSettings(path, legacy)
	if err != nil {
		t.Fatal(err)
	}
	want := settingValues{Theme: "light", SnapToGrid: true, RecentFiles: []string{"/m/a.json"}, WindowLayout: []float64{1300, 900, 0.66}}
	if !equalSettings(s.v, want) {
		t.Errorf("took over %+v, want %+v", s.v, want)
	}
	if again, err := loadSettings(path, ""); err != nil || !equalSettings(again.v, want) {
		t.Errorf("the settings file holds %+v (%v), want what was taken over", again.v, err)
	}
	// A broken or missing Fyne file is no error: there was nothing to keep.
	for _, legacy := range []string{filepath.Join(dir, "none.json"), writeFile(t, dir, "broken.json", "{")} {
		if s, err := loadSettings(filepath.Join(t.TempDir(), "settings.json"), legacy); err != nil || !equalSettings(s.v, settingValues{}) {
			t.Errorf("%s: %+v, %v", filepath.Base(legacy), s.v, err)
		}
	}
}

// A settings file that cannot be used is kept aside, not overwritten by the
// next change, and the error says where the problem is.
func TestBrokenSettingsKeptAside(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "settings.json", "{\n  \"theme\": 3\n}\n")
	s, err := loadSettings(path, "")
	if err == nil || !strings.Contains(err.Error(), "line 2, column 12: theme: a number, where a text belongs") || !strings.Contains(err.Error(), "settings.json.broken") {
		t.Fatalf("error %v, want the place and the copy kept aside", err)
	}
	if !equalSettings(s.v, settingValues{}) {
		t.Errorf("started from %+v, want the defaults", s.v)
	}
	s.update(func(v *settingValues) { v.Theme = "dark" })
	if data, err := os.ReadFile(path + ".broken"); err != nil || !strings.Contains(string(data), `"theme": 3`) {
		t.Errorf("the broken file is not kept: %q, %v", data, err)
	}
}

// A save that fails is reported; the change holds for this run.
func TestSettingsSaveFailureReported(t *testing.T) {
	blocked := writeFile(t, t.TempDir(), "a-file", "") // a file where the folder should be
	var errs []error
	s := &settings{path: filepath.Join(blocked, "settings.json"), failed: func(err error) { errs = append(errs, err) }}
	addRecent(s, "/m/a.json")
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "remember settings") {
		t.Errorf("errors %v, want one about remembering the settings", errs)
	}
	if !slices.Equal(recentFiles(s), []string{"/m/a.json"}) {
		t.Errorf("recent %v after a failed save", recentFiles(s))
	}
}

// newFyneApp names the app as FyneApp.toml does, which `fyne package` reads.
func TestAppIdentityMatchesPackaging(t *testing.T) {
	data, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"ID": AppID, "Name": appName} {
		m := regexp.MustCompile(`(?m)^\s*` + key + `\s*=\s*"([^"]*)"`).FindSubmatch(data)
		if m == nil || string(m[1]) != want {
			t.Errorf("FyneApp.toml's %s is %q, the app's %q", key, m, want)
		}
	}
}

func FuzzDecodeSettings(f *testing.F) {
	f.Add([]byte(`{"theme":"dark","snapToGrid":true,"recentFiles":["/a"],"windowLayout":[1200,800,0.7]}`))
	f.Add([]byte(`{"windowLayout":[1,2]}`))
	f.Add([]byte("{\n\"theme\": 3}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := decodeSettings(data)
		if err != nil {
			return
		}
		// What loads can be used: the window comes back at a sane size.
		s := &settings{v: v}
		if size := windowSize(s); size.Width < minWindowSize.Width || size.Height < minWindowSize.Height {
			t.Errorf("window size %v from %q", size, data)
		}
		if o := sideOffset(s); o <= 0.2 || o >= 0.95 {
			t.Errorf("side offset %v from %q", o, data)
		}
	})
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
