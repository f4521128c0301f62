package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/canvas"
	"github.com/threatboard/threatboard/model"
)

// App is one Threatboard window and the document it edits.
type App struct {
	fy  fyne.App
	win fyne.Window
	doc *document

	files    fileChooser
	ask      prompter
	rec      *recovery
	clip     *canvas.Clipboard
	autosave *autosaver
	// checklists are the built-in ones and the user's own; a diagram names
	// the one it walks.
	checklists []*analysis.Checklist
	loadErrs   []error

	tabs     *container.DocTabs
	views    []*diagramView // one per tab, in tab order
	palette  *fyne.Container
	side     *container.AppTabs
	props    *propertiesPanel
	threats  *threatsPanel
	trees    *treesPanel
	register *registerView
	status   *statusBar
	menus    *menus
	// quitting is set once the user confirmed closing, so the close
	// intercept lets the window go.
	quitting bool
	// background runs slow work off the UI thread (see Options).
	background func(func())
}

// Options configure a window; the zero value gives the desktop defaults.
type Options struct {
	// RecoveryDir holds the autosaved recovery copy; empty means the user's
	// cache folder.
	RecoveryDir string
	files       fileChooser
	ask         prompter
	// background runs slow work (writing files) off the UI thread; the work
	// hands its result back with fyne.Do. Nil means a new goroutine.
	background func(func())
}

// New opens a window on m, which was loaded from path ("" for a model never
// saved, such as the built-in example).
func New(fy fyne.App, m *model.Model, path string, opt Options) *App {
	a := &App{fy: fy, win: fy.NewWindow("Threatboard"), clip: &canvas.Clipboard{}}
	a.doc = newDocument(m, path) // the panels read it while the window is built
	a.files, a.ask, a.background = opt.files, opt.ask, opt.background
	if a.background == nil {
		a.background = func(f func()) { go f() }
	}
	if a.files == nil {
		a.files = nativeChooser{a.win}
	}
	if a.ask == nil {
		a.ask = fynePrompter{a.win}
	}
	dir := opt.RecoveryDir
	if dir == "" {
		if d, err := defaultRecoveryDir(); err == nil {
			dir = d
		}
	}
	if dir != "" {
		a.rec = &recovery{dir: dir}
	}
	applyTheme(fy, fy.Preferences().String(themeKey))
	a.checklists, a.loadErrs = analysis.LoadChecklists(userDataDir("checklists"))

	a.props = newPropertiesPanel(a)
	a.threats = newThreatsPanel(a)
	a.trees = newTreesPanel(a)
	a.register = newRegisterView(a)
	a.status = newStatusBar()
	a.side = container.NewAppTabs(
		container.NewTabItem("Properties", a.props.object()),
		container.NewTabItem("Threats", a.threats.object()),
		container.NewTabItem("Attack trees", a.trees.object()),
	)
	a.tabs = container.NewDocTabs()
	a.tabs.CreateTab = a.newDiagramTab
	a.tabs.CloseIntercept = a.confirmDeleteDiagram
	a.tabs.OnSelected = func(*container.TabItem) {
		// Hidden editors are not refreshed on every edit; catch up on showing.
		a.withEditor((*canvas.Editor).Refresh)
		a.selectionChanged()
	}
	a.palette = container.NewStack()
	a.menus = newMenus(a)

	center := container.NewVSplit(a.tabs, a.register.object())
	center.Offset = 0.72
	main := container.NewHSplit(center, a.side)
	main.Offset = 0.7
	body := container.NewBorder(nil, nil, a.palette, nil, main)
	a.win.SetContent(container.NewBorder(a.menus.toolbar, a.status.object(), nil, nil, body))
	a.win.SetCloseIntercept(a.closeRequested)
	a.win.Resize(fyne.NewSize(1500, 920))

	a.setDocument(a.doc)
	a.autosave = startAutosave(a)
	if len(a.loadErrs) > 0 {
		a.ask.Error(fmt.Errorf("some checklists could not be loaded: %w", errors.Join(a.loadErrs...)))
	}
	return a
}

// userDataDir is a folder of the user's own files (checklists, rules) in
// their config directory, or "" when there is none.
func userDataDir(name string) string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "threatboard", name)
}

// checklist is the checklist diagram d walks: the one it names, else STRIDE.
func (a *App) checklist(d *model.Diagram) *analysis.Checklist {
	want := d.Checklist
	if want == "" {
		want = analysis.ChecklistSTRIDE
	}
	for _, c := range a.checklists {
		if c.ID == want {
			return c
		}
	}
	for _, c := range a.checklists {
		if c.ID == analysis.ChecklistSTRIDE {
			return c
		}
	}
	return &analysis.Checklist{ID: want, Name: want}
}

// Window is the app's window.
func (a *App) Window() fyne.Window { return a.win }

// setDocument shows d in the window: one tab per diagram, fresh panels.
func (a *App) setDocument(d *document) {
	a.doc = d
	d.h.OnChanged = a.historyChanged
	a.views = a.views[:0]
	items := make([]*container.TabItem, 0, len(d.m.Diagrams))
	for _, dg := range d.m.Diagrams {
		v := a.newView(dg.ID)
		a.views = append(a.views, v)
		items = append(items, v.tab)
	}
	a.tabs.SetItems(items)
	if len(items) > 0 {
		a.tabs.SelectIndex(0)
	}
	a.palette.Objects = []fyne.CanvasObject{canvas.NewPalette(a.editor)}
	a.palette.Refresh()
	a.historyChanged()
}

// do applies an edit to the document; an edit the model refuses is shown.
func (a *App) do(c model.Command) {
	if err := a.doc.h.Do(c); err != nil {
		a.ask.Error(fmt.Errorf("%s: %w", c.Label(), err))
	}
}

// historyChanged brings everything that shows the document up to date
// after an edit, undo or redo.
func (a *App) historyChanged() {
	a.doc.edits++
	a.syncTabs()
	// Only the visible editor redraws; the others catch up when shown. The
	// editor skips this when the edit was its own.
	a.withEditor((*canvas.Editor).Refresh)
	a.win.SetTitle(windowTitle(a.doc.m, a.doc.dirty()))
	a.menus.update()
	a.refreshPanels()
}

// selectionChanged shows the newly selected objects in the side panel.
func (a *App) selectionChanged() {
	a.menus.update()
	a.refreshPanels()
}

func (a *App) refreshPanels() {
	t := a.target()
	a.props.show(t)
	a.threats.show(t)
	a.trees.refresh()
	a.register.refresh()
	a.status.show(a, t)
}

// target is the current diagram and what is selected in it.
type target struct {
	d   *model.Diagram
	ids []string
}

func (t target) key() string {
	if t.d == nil {
		return ""
	}
	return t.d.ID + ":" + strings.Join(t.ids, ",")
}

// common is the element's or flow's shared part when exactly one of them is
// selected, else nil.
func (t target) common() *model.Common {
	if t.d == nil || len(t.ids) != 1 {
		return nil
	}
	if e := t.d.Element(t.ids[0]); e != nil {
		return &e.Common
	}
	if f := t.d.Flow(t.ids[0]); f != nil {
		return &f.Common
	}
	return nil
}

func (a *App) target() target {
	v := a.currentView()
	if v == nil {
		return target{}
	}
	d := a.doc.m.Diagram(v.diagramID)
	if d == nil {
		return target{}
	}
	return target{d: d, ids: v.ed.Selection()}
}

func (a *App) currentView() *diagramView {
	i := a.tabs.SelectedIndex()
	if i < 0 || i >= len(a.views) {
		return nil
	}
	return a.views[i]
}

// editor is the editor of the selected tab, or nil.
func (a *App) editor() *canvas.Editor {
	if v := a.currentView(); v != nil {
		return v.ed
	}
	return nil
}

// withEditor runs f on the current editor, if there is one.
func (a *App) withEditor(f func(*canvas.Editor)) {
	if ed := a.editor(); ed != nil {
		f(ed)
	}
}

// selectObject shows the diagram with the given ID and selects id in it.
func (a *App) selectObject(diagramID, id string) {
	for i, v := range a.views {
		if v.diagramID == diagramID {
			a.tabs.SelectIndex(i)
			v.ed.Select(id)
			a.win.Canvas().Focus(v.ed)
			return
		}
	}
}

// hint is the quiet text a panel shows when it has nothing to edit.
func hint(s string) fyne.CanvasObject {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.LowImportance
	return l
}
