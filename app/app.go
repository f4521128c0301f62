package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

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
	settings *settings
	rec      *recovery
	clip     *canvas.Clipboard
	autosave *autosaver
	// cat holds the checklists and threat rules, built-in and the user's own.
	cat      *analysis.Catalog
	loadErrs []error
	// picked holds the background image paths (as stored) that the user
	// chose in this run's dialog: only those may lie outside the model's
	// folder (see backgroundFile).
	picked map[string]bool

	// tabs has no close buttons: closing a tab deleted its diagram, which
	// nobody expects of a tab; Diagram › Delete Diagram does that.
	tabs     *container.AppTabs
	views    []*diagramView // one per tab, in tab order
	palette  *fyne.Container
	side     *container.AppTabs
	props    *propertiesPanel
	threats  *threatsPanel
	trees    *treesPanel
	register *registerView
	actions  *actionsView
	lint     *lintView
	bottom   *container.AppTabs // the threat register, lint findings and actions
	split    *container.Split   // the diagram and the bottom panels | the side panel
	status   *statusBar
	menus    *menus
	// quitting is set once the user confirmed closing, so the close
	// intercept lets the window go.
	quitting bool
	// panelsGen counts panel refreshes asked for; a scheduled refresh runs
	// only if no later one was asked for.
	panelsGen int
	// background and later run work off the UI thread and after a delay
	// (see Options).
	background func(func())
	later      func(time.Duration, func())
	// ui runs f on the UI thread: what background work hands back (see
	// Options).
	ui func(func())
	// snap is the latest snapshot of the document (see snapshot).
	snap snapshotCache
	// now is the clock: what is overdue and whether the review is due.
	now func() time.Time
	// ticker calls f on the UI thread every d until stopped (session
	// mode's timer); nil means no ticking, as in tests.
	ticker func(d time.Duration, f func()) (stop func())
	walk   *sessionMode // session mode, while it runs
	// showCoverage draws each element's coverage mark on the diagrams;
	// the marks were last computed for the edit count coverageEdits.
	showCoverage                 bool
	coverageShown                bool
	coverageEdits, coverageViews int
	sessions                     *sessionsPanel // the Sessions window's panel, while it is open
	banner                       *fyne.Container
	// reportChoices and reportLogo are the last report export's options.
	reportChoices reportChoices
	reportLogo    string
	// firstFrame reports the first frame drawn, when measuring start-up.
	firstFrame *firstFrame
}

// Options configure a window; the zero value gives the desktop defaults.
type Options struct {
	// RecoveryDir holds the autosaved recovery copy; empty means the user's
	// cache folder.
	RecoveryDir string
	// settings are what the app remembers between runs; nil keeps them in
	// memory only.
	settings *settings
	files    fileChooser
	ask      prompter
	// background runs slow work (writing files) off the UI thread; the work
	// hands its result back with fyne.Do. Nil means a new goroutine.
	background func(func())
	// later runs f on the UI thread after d; nil means a timer and fyne.Do.
	later func(d time.Duration, f func())
	// ui runs f on the UI thread; nil means fyne.Do. Tests that run the
	// background on goroutines queue f here and run it on their own.
	ui func(func())
	// now tells the time; nil means the system clock.
	now func() time.Time
	// ticker: see App.ticker. Nil means the desktop's when now and later
	// are nil too, and none otherwise.
	ticker func(d time.Duration, f func()) (stop func())
}

// New opens a window on m, which was loaded from path ("" for a model never
// saved, such as the built-in example).
func New(fy fyne.App, m *model.Model, path string, opt Options) *App {
	a := &App{fy: fy, win: fy.NewWindow("Threatboard"), clip: &canvas.Clipboard{}}
	a.doc = newDocument(m, path) // the panels read it while the window is built
	a.files, a.ask, a.background, a.settings = opt.files, opt.ask, opt.background, opt.settings
	if a.settings == nil {
		a.settings = &settings{}
	}
	if a.background == nil {
		a.background = func(f func()) { go f() }
	}
	a.later = opt.later
	a.ui = opt.ui
	if a.ui == nil {
		a.ui = fyne.Do
	}
	a.now, a.ticker = opt.now, opt.ticker
	// The desktop's ticker runs only on real time: a window whose clock or
	// timers a test fakes never gets a goroutine that ticks on its own
	// and touches widgets while the test does.
	if a.ticker == nil && opt.now == nil && opt.later == nil {
		a.ticker = everyTick
	}
	if a.now == nil {
		a.now = time.Now
	}
	if a.later == nil {
		a.later = func(d time.Duration, f func()) { time.AfterFunc(d, func() { fyne.Do(f) }) }
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
		a.rec = newRecovery(dir)
	}
	applyTheme(fy, a.settings.v.Theme)
	a.cat, a.loadErrs = analysis.LoadCatalog(userDataDir("checklists"), userDataDir("rules"))

	a.props = newPropertiesPanel(a)
	a.threats = newThreatsPanel(a)
	a.trees = newTreesPanel(a)
	a.register = newRegisterView(a)
	a.actions = newActionsView(a)
	a.lint = newLintView(a)
	a.status = newStatusBar()
	a.side = container.NewAppTabs(
		container.NewTabItem("Properties", a.props.object()),
		container.NewTabItem("Threats", a.threats.object()),
		container.NewTabItem("Attack trees", a.trees.object()),
	)
	a.tabs = container.NewAppTabs()
	a.tabs.OnSelected = func(*container.TabItem) {
		// Hidden editors are not redrawn on every edit; catch up on showing.
		a.withEditor((*canvas.Editor).DocumentChanged)
		a.fitCurrent()
		a.selectionChanged()
	}
	a.palette = container.NewStack()
	a.menus = newMenus(a)

	a.bottom = container.NewAppTabs(
		container.NewTabItem("Threat register", a.register.object()),
		container.NewTabItem("Lint", a.lint.object()),
		container.NewTabItem("Actions", a.actions.object()),
		container.NewTabItem("Attack tree", a.trees.drawn()),
	)
	center := container.NewVSplit(a.tabs, a.bottom)
	center.Offset = 0.72
	a.split = container.NewHSplit(center, sidePanel(a.side))
	a.split.Offset = sideOffset(a.settings)
	body := container.NewBorder(nil, nil, a.palette, nil, a.split)
	a.banner = container.NewVBox()
	a.win.SetContent(container.NewBorder(container.NewVBox(a.menus.toolbar, a.banner), a.status.object(), nil, nil, body))
	a.win.SetCloseIntercept(a.closeRequested)
	a.win.SetOnDropped(a.dropped)
	a.win.Resize(windowSize(a.settings))

	a.setDocument(a.doc)
	a.showBanner()
	a.autosave = &autosaver{}
	if len(a.loadErrs) > 0 {
		a.ask.Error(fmt.Errorf("some checklists or rules were left out: %w", errors.Join(a.loadErrs...)))
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
	if cl, _ := a.cat.ChecklistFor(d); cl != nil {
		return cl
	}
	if cl := a.cat.Checklist(analysis.ChecklistSTRIDE); cl != nil {
		return cl
	}
	return &analysis.Checklist{ID: d.Checklist, Name: d.Checklist}
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
	if a.banner != nil {
		a.showBanner()
	}
	a.historyChanged()
	// The new editors get their size at the next layout; fit after it.
	a.later(50*time.Millisecond, a.fitCurrent)
}

// do applies an edit to the document; an edit the model refuses is shown.
func (a *App) do(c model.Command) {
	if err := a.doc.h.Do(c); err != nil {
		a.ask.Error(fmt.Errorf("%s: %w", c.Label(), err))
	}
}

// typed applies an edit made by typing into a field: it merges into the
// undo step before it when that was an edit of the same field, so that a
// word typed is one undo step.
func (a *App) typed(c model.Command) {
	if err := a.doc.h.Merge(c); err != nil {
		a.ask.Error(fmt.Errorf("%s: %w", c.Label(), err))
	}
}

// historyChanged brings everything that shows the document up to date
// after an edit, undo or redo.
func (a *App) historyChanged() {
	a.doc.edits++
	a.syncTabs()
	a.syncBackgrounds()
	// Only the visible editor redraws; the others catch up when shown. The
	// editor skips this when the edit was its own.
	a.withEditor((*canvas.Editor).DocumentChanged)
	a.win.SetTitle(windowTitle(a.doc.m, a.doc.dirty()))
	a.menus.update()
	a.status.show(a, a.target())
	a.schedulePanels()
	a.lint.schedule()
	if a.doc.dirty() {
		a.edited()
	}
}

// panelDelay gathers the edits of a drag (dozens a second) into one update
// of the side panel and the register, which cost far more than a drag step:
// they follow panelDelay after the last edit of a burst.
const panelDelay = 120 * time.Millisecond

// schedulePanels refreshes the panels once the edits pause.
func (a *App) schedulePanels() {
	a.panelsGen++
	gen := a.panelsGen
	a.later(panelDelay, func() {
		if gen == a.panelsGen {
			a.refreshPanels()
		}
	})
}

// fitCurrent zooms the visible diagram to fit the first time it is shown.
func (a *App) fitCurrent() {
	if v := a.currentView(); v != nil && !v.fitted {
		v.fitOnce()
		a.status.show(a, a.target())
	}
	if v := a.currentView(); v == nil || v.fitted {
		a.firstFrame.arm()
	}
}

// selectionChanged shows the newly selected objects in the side panel.
func (a *App) selectionChanged() {
	a.menus.update()
	a.refreshPanels()
}

func (a *App) refreshPanels() {
	a.panelsGen++ // a refresh still scheduled has nothing left to do
	a.applyCoverage()
	if a.walk != nil {
		// Session mode hides the panels; its own shows the step.
		if !a.walk.selecting {
			a.walk.fill()
		}
		return
	}
	t := a.target()
	a.props.show(t)
	a.threats.show(t)
	a.trees.refresh()
	a.register.refresh()
	a.actions.refresh()
	if a.sessions != nil {
		a.sessions.refresh()
	}
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
