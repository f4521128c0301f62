package app

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/model"
)

func TestViewMenuMarksTheTheme(t *testing.T) {
	f := newFixture(t, testModel())
	checked := func() []string {
		var out []string
		for _, it := range f.a.menus.themes {
			if it.Checked {
				out = append(out, it.Label)
			}
		}
		return out
	}
	if got := checked(); !slices.Equal(got, []string{"System Theme"}) {
		t.Errorf("at start %v are checked, want the system theme", got)
	}
	for _, it := range f.a.menus.themes {
		it.Action()
		if got := checked(); !slices.Equal(got, []string{it.Label}) {
			t.Errorf("after choosing %s, %v are checked", it.Label, got)
		}
		if f.a.menus.checkTheme(); !slices.Equal(checked(), []string{it.Label}) {
			t.Errorf("%s is not what the settings remember (%q)", it.Label, f.a.settings.v.Theme)
		}
	}
}

// A file with problems stays in Open Recent, as the user will fix it.
func TestInvalidFileStaysRecent(t *testing.T) {
	f := newFixture(t, testModel())
	path := filepath.Join(t.TempDir(), "broken.threatboard.json")
	if err := os.WriteFile(path, []byte(`{"version": 1, "diagrams": [{"id": 7}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	addRecent(f.a.settings, path)
	f.a.openPath(path)
	if len(f.ask.errs) != 1 {
		t.Fatalf("errors = %v", f.ask.errs)
	}
	if r := recentFiles(f.a.settings); !slices.Equal(r, []string{path}) {
		t.Errorf("recent = %v, want the file with problems kept", r)
	}
}

// The layout is remembered in the settings file: a new run, reading it,
// opens its window as the last one closed.
func TestWindowLayoutRemembered(t *testing.T) {
	path := filepath.Join(t.TempDir(), "settings.json")
	f := newFixture(t, testModel())
	f.a.settings = &settings{path: path, failed: func(err error) { t.Error(err) }}
	if got := windowSize(f.a.settings); got != defaultWindowSize {
		t.Errorf("first size %v, want %v", got, defaultWindowSize)
	}
	f.a.win.Resize(fyne.NewSize(1111, 777))
	f.a.split.Offset = 0.6
	f.a.closeRequested()

	set, err := loadSettings(path, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := windowSize(set); got != fyne.NewSize(1111, 777) {
		t.Errorf("size after closing %v, want 1111x777", got)
	}
	g := New(f.a.fy, testModel(), "", Options{RecoveryDir: t.TempDir(), settings: set, files: f.files, ask: f.ask,
		background: func(w func()) { w() }, later: f.a.later})
	t.Cleanup(g.autosave.wait)
	if g.split.Offset != 0.6 {
		t.Errorf("a new window's offset %v", g.split.Offset)
	}
	set.v.WindowLayout = []float64{3, 700, 0.6}
	if got := windowSize(set); got.Width != minWindowSize.Width {
		t.Errorf("a sliver of a window comes back %v wide", got.Width)
	}
}

// Selecting an object with a very long name must not widen the side panel.
func TestSidePanelKeepsItsWidth(t *testing.T) {
	m := testModel()
	m.Diagrams[0].Elements = append(m.Diagrams[0].Elements, &model.Element{ID: "long", Kind: model.Note,
		Bounds: model.Rect{X: 0, Y: 400, W: 200, H: 40}, Common: model.Common{Name: strings.Repeat("a long note name ", 30)}})
	f := newFixture(t, m)
	side := f.a.split.Trailing
	before := side.MinSize().Width
	for _, tab := range []int{0, 1} {
		f.a.side.SelectIndex(tab)
		for _, id := range []string{"e1", "long", "f1"} {
			f.a.selectObject("d1", id)
			if w := side.MinSize().Width; w != before {
				t.Errorf("tab %d, %s selected: side panel min width %v, was %v", tab, id, w, before)
			}
		}
	}
}

func TestTabsDoNotDeleteAndChildShowsTheWayBack(t *testing.T) {
	m := testModel()
	mp := &model.Element{ID: "mp", Kind: model.MultiProcess, Bounds: model.Rect{X: 500, Y: 40, W: 90, H: 90},
		Common: model.Common{Name: "Identity provider"}, Child: "d3"}
	m.Diagrams[0].Elements = append(m.Diagrams[0].Elements, mp)
	m.Diagrams = append(m.Diagrams, &model.Diagram{ID: "d3", Title: "Inside the IdP", Parent: "mp"})
	f := newFixture(t, m)
	var _ *container.AppTabs = f.a.tabs // app tabs have no close button
	child := f.a.views[2]
	if !child.crumbs.Visible() {
		t.Fatal("the child diagram shows no way back up")
	}
	if got := texts(child.crumbs); !slices.Equal(got, []string{"[Authentication]", "› Identity provider ›", "Inside the IdP"}) {
		t.Errorf("breadcrumb %v", got)
	}
	if f.a.views[0].crumbs.Visible() {
		t.Error("a top-level diagram shows a breadcrumb")
	}
	f.a.showDiagram("d3")
	child.crumbs.Objects[0].(*widget.Button).OnTapped()
	if v := f.a.currentView(); v.diagramID != "d1" || !slices.Equal(v.ed.Selection(), []string{"mp"}) {
		t.Errorf("back up: diagram %s, selection %v", v.diagramID, v.ed.Selection())
	}
	f.a.do(model.Rename("d1", "mp", "IdP"))
	if got := texts(child.crumbs); !slices.Contains(got, "› IdP ›") {
		t.Errorf("after renaming the multi-process the breadcrumb is %v", got)
	}
}

// TestWindowFitsTheScreen keeps the window's smallest size inside a
// 1600 × 1000 screen with the example open: the register's filters, whose
// choices are as wide as the longest element name, once made it 1,662
// pixels wide, cutting the side panel off at the right.
func TestWindowFitsTheScreen(t *testing.T) {
	m, err := model.Decode(assets.Example())
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, m)
	if got := f.a.win.Content().MinSize(); got.Width > 1600 || got.Height > 1000 {
		t.Errorf("the window needs at least %v, more than a 1600 × 1000 screen", got)
	}
}

// TestSessionModeFitsTheScreen: the presentation layout must fit a
// projector's 1600 × 1000 too.
func TestSessionModeFitsTheScreen(t *testing.T) {
	m, err := model.Decode(assets.Example())
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, m)
	f.a.startSessionMode()
	if got := f.a.win.Content().MinSize(); got.Width > 1600 || got.Height > 1000 {
		t.Errorf("session mode needs at least %v, more than a 1600 × 1000 screen", got)
	}
}
