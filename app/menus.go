package app

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/canvas"
)

// menus holds the main menu and the toolbar, and enables their items to
// match the document (undo, redo) and the selection.
type menus struct {
	a        *App
	main     *fyne.MainMenu
	toolbar  *widget.Toolbar
	undo     *fyne.MenuItem
	redo     *fyne.MenuItem
	recent   *fyne.MenuItem
	snap     *fyne.MenuItem
	restore  *fyne.MenuItem   // Edit › Restore Dismissed Suggestions, off when there are none
	themes   []*fyne.MenuItem // light, dark and system, in themeNames order
	undoTool *widget.ToolbarAction
	redoTool *widget.ToolbarAction
	shown    string // the state the menus were last drawn for
}

// snapItem is the View menu's check item that turns snapping to the grid on
// and off for every diagram, and remembers the choice.
func (mu *menus) snapItem() *fyne.MenuItem {
	a := mu.a
	mu.snap = fyne.NewMenuItem("Snap to Grid", func() {
		on := !a.settings.v.SnapToGrid
		a.settings.update(func(v *settingValues) { v.SnapToGrid = on })
		mu.snap.Checked = on
		for _, v := range a.views {
			v.ed.SetSnap(on)
		}
		mu.main.Refresh()
	})
	mu.snap.Checked = a.settings.v.SnapToGrid
	return mu.snap
}

// exportItem is File › Export, a submenu with an item per other format.
func (mu *menus) exportItem() *fyne.MenuItem {
	export := fyne.NewMenuItem("Export", nil)
	export.ChildMenu = fyne.NewMenu("")
	for _, x := range reportExports {
		export.ChildMenu.Items = append(export.ChildMenu.Items, fyne.NewMenuItem(x.label+"…", func() { mu.a.exportReportDialog(x) }))
	}
	export.ChildMenu.Items = append(export.ChildMenu.Items, fyne.NewMenuItemSeparator())
	for _, f := range exportFormats {
		export.ChildMenu.Items = append(export.ChildMenu.Items, fyne.NewMenuItem(f.label+"…", func() { mu.a.exportAs(f) }))
	}
	export.ChildMenu.Items = append(export.ChildMenu.Items, fyne.NewMenuItem("Invitation…", mu.a.exportInvitation))
	return export
}

type themeName struct{ label, name string }

// themeNames are the View menu's themes and the names applyTheme knows.
var themeNames = []themeName{
	{"Light Theme", "light"}, {"Dark Theme", "dark"}, {"System Theme", ""},
}

// themeItems are the View menu's theme choices; the one in use is checked.
func (mu *menus) themeItems() []*fyne.MenuItem {
	a := mu.a
	mu.themes = make([]*fyne.MenuItem, len(themeNames))
	for i, t := range themeNames {
		mu.themes[i] = fyne.NewMenuItem(t.label, func() {
			applyTheme(a.fy, t.name)
			a.settings.update(func(v *settingValues) { v.Theme = t.name })
			mu.checkTheme()
			mu.main.Refresh()
		})
	}
	mu.checkTheme()
	return mu.themes
}

func (mu *menus) checkTheme() {
	current := mu.a.settings.v.Theme
	for i, it := range mu.themes {
		it.Checked = themeNames[i].name == current
	}
}

func shortcut(k fyne.KeyName, mod fyne.KeyModifier) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: mod}
}

const (
	primary  = fyne.KeyModifierShortcutDefault // ctrl, or cmd on macOS
	shiftMod = fyne.KeyModifierShift
)

func newMenus(a *App) *menus {
	mu := &menus{a: a}
	item := func(label string, sc fyne.Shortcut, action func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, action)
		it.Shortcut = sc
		return it
	}
	edit := func(f func(*canvas.Editor), sc fyne.Shortcut) func() {
		return func() { a.editorOrFocused(sc, f) }
	}
	zoom := func(f func(*canvas.Editor)) func() {
		return func() { a.withEditor(f); a.status.show(a, a.target()) }
	}

	mu.recent = fyne.NewMenuItem("Open Recent", nil)
	mu.recent.ChildMenu = fyne.NewMenu("")
	file := fyne.NewMenu("File",
		item("New", shortcut(fyne.KeyN, primary), a.newModel),
		item("Open…", shortcut(fyne.KeyO, primary), a.open),
		mu.recent,
		item("Import…", nil, a.importFile),
		fyne.NewMenuItemSeparator(),
		item("Save", shortcut(fyne.KeyS, primary), func() { a.save(nil) }),
		item("Save As…", shortcut(fyne.KeyS, primary|shiftMod), func() { a.saveAs(nil) }),
		mu.exportItem(),
		fyne.NewMenuItemSeparator(),
		item("Quit", shortcut(fyne.KeyQ, primary), a.closeRequested),
	)
	file.Items[len(file.Items)-1].IsQuit = true

	// Undo and redo use Fyne's own shortcuts: the desktop driver turns
	// ctrl+Z and ctrl+Y into them before it looks at the menus, so a custom
	// ctrl+Z would only work while the diagram had the keyboard focus.
	mu.undo = item("Undo", &fyne.ShortcutUndo{}, a.undo)
	mu.redo = item("Redo", shortcut(fyne.KeyZ, primary|shiftMod), a.redo)
	editMenu := fyne.NewMenu("Edit",
		mu.undo, mu.redo,
		fyne.NewMenuItemSeparator(),
		item("Cut", &fyne.ShortcutCut{}, edit((*canvas.Editor).Cut, &fyne.ShortcutCut{})),
		item("Copy", &fyne.ShortcutCopy{}, edit((*canvas.Editor).Copy, &fyne.ShortcutCopy{})),
		item("Paste", &fyne.ShortcutPaste{}, edit((*canvas.Editor).Paste, &fyne.ShortcutPaste{})),
		item("Duplicate", shortcut(fyne.KeyD, primary), func() { a.withEditor((*canvas.Editor).Duplicate) }),
		item("Delete", nil, func() { a.withEditor((*canvas.Editor).DeleteSelection) }),
		item("Bring to Front", nil, func() { a.withEditor((*canvas.Editor).BringToFront) }),
		item("Send to Back", nil, func() { a.withEditor((*canvas.Editor).SendToBack) }),
		fyne.NewMenuItemSeparator(),
		item("Select All", &fyne.ShortcutSelectAll{}, edit((*canvas.Editor).SelectAll, &fyne.ShortcutSelectAll{})),
		fyne.NewMenuItemSeparator(),
		mu.restoreItem(),
	)
	// ctrl+y redoes too, as on Windows; the menu shows one shortcut per item.
	a.win.Canvas().AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { a.redo() })

	view := fyne.NewMenu("View",
		item("Zoom In", shortcut(fyne.KeyEqual, primary), zoom((*canvas.Editor).ZoomIn)),
		item("Zoom Out", shortcut(fyne.KeyMinus, primary), zoom((*canvas.Editor).ZoomOut)),
		item("Zoom to Fit", shortcut(fyne.Key1, primary), zoom((*canvas.Editor).ZoomToFit)),
		item("Zoom to Selection", shortcut(fyne.Key2, primary), zoom((*canvas.Editor).ZoomToSelection)),
		item("Actual Size", shortcut(fyne.Key0, primary), zoom((*canvas.Editor).ZoomReset)),
		fyne.NewMenuItemSeparator(),
		mu.snapItem(),
		fyne.NewMenuItemSeparator(),
	)
	view.Items = append(view.Items, mu.themeItems()...)
	diagram := fyne.NewMenu("Diagram",
		item("Add Diagram", nil, a.addDiagram),
		item("Rename Diagram…", nil, a.renameDiagram),
		item("Delete Diagram", nil, func() {
			if v := a.currentView(); v != nil {
				a.deleteDiagram(v.diagramID)
			}
		}),
		fyne.NewMenuItemSeparator(),
		item("Quick Capture…", shortcut(fyne.KeyK, primary), a.quickCapture),
		item("Background Image…", nil, a.backgroundDialog),
	)
	arrange := fyne.NewMenu("Arrange",
		item("Tidy Layout", shortcut(fyne.KeyL, primary|shiftMod), a.tidyLayout),
	)
	mu.main = fyne.NewMainMenu(file, editMenu, view, diagram, arrange, a.sessionMenu(), a.helpMenu())
	a.win.SetMainMenu(mu.main)

	mu.undoTool = widget.NewToolbarAction(theme.ContentUndoIcon(), a.undo)
	mu.redoTool = widget.NewToolbarAction(theme.ContentRedoIcon(), a.redo)
	mu.toolbar = widget.NewToolbar(
		widget.NewToolbarAction(theme.DocumentCreateIcon(), a.newModel),
		widget.NewToolbarAction(theme.FolderOpenIcon(), a.open),
		widget.NewToolbarAction(theme.DocumentSaveIcon(), func() { a.save(nil) }),
		widget.NewToolbarSeparator(),
		mu.undoTool, mu.redoTool,
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.ZoomInIcon(), zoom((*canvas.Editor).ZoomIn)),
		widget.NewToolbarAction(theme.ZoomOutIcon(), zoom((*canvas.Editor).ZoomOut)),
		widget.NewToolbarAction(theme.ZoomFitIcon(), zoom((*canvas.Editor).ZoomToFit)),
	)
	return mu
}

// update enables undo and redo to match the history and lists the recent
// files. It runs after every edit, so it redraws only when something changed.
func (mu *menus) update() {
	h := mu.a.doc.h
	recent := recentFiles(mu.a.settings)
	dismissed := mu.a.doc.m.DismissedCount()
	state := fmt.Sprint(h.CanUndo(), h.UndoLabel(), h.CanRedo(), h.RedoLabel(), recent, dismissed)
	if state == mu.shown {
		return
	}
	mu.shown = state
	mu.restore.Disabled = dismissed == 0

	mu.undo.Label, mu.undo.Disabled = "Undo", !h.CanUndo()
	if l := h.UndoLabel(); l != "" {
		mu.undo.Label = "Undo " + l
	}
	mu.redo.Label, mu.redo.Disabled = "Redo", !h.CanRedo()
	if l := h.RedoLabel(); l != "" {
		mu.redo.Label = "Redo " + l
	}
	setEnabled(mu.undoTool, h.CanUndo())
	setEnabled(mu.redoTool, h.CanRedo())

	var items []*fyne.MenuItem
	for _, p := range recent {
		items = append(items, fyne.NewMenuItem(filepath.Base(p)+"  —  "+filepath.Dir(p), func() { mu.a.openPath(p) }))
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem("No recent files", nil)
		none.Disabled = true
		items = append(items, none)
	}
	mu.recent.ChildMenu.Items = items
	mu.main.Refresh()
}

func setEnabled(t *widget.ToolbarAction, on bool) {
	if on {
		t.Enable()
	} else {
		t.Disable()
	}
}

// editorOrFocused runs a clipboard or select-all action on the diagram, or,
// when a text field has the focus, hands the shortcut to that field: the
// main menu sees the shortcut first, and ctrl+c in a text field copies text.
func (a *App) editorOrFocused(sc fyne.Shortcut, f func(*canvas.Editor)) {
	ed := a.editor()
	if focused, ok := a.win.Canvas().Focused().(fyne.Shortcutable); ok && (ed == nil || focused != fyne.Shortcutable(ed)) {
		switch s := sc.(type) {
		case *fyne.ShortcutCut:
			s.Clipboard = a.fy.Clipboard()
		case *fyne.ShortcutCopy:
			s.Clipboard = a.fy.Clipboard()
		case *fyne.ShortcutPaste:
			s.Clipboard = a.fy.Clipboard()
		}
		focused.TypedShortcut(sc)
		return
	}
	if ed != nil {
		f(ed)
	}
}

// undo and redo show their effect in the side panel at once, in the field
// being typed in too (ctrl+z there reaches the menu first).
func (a *App) undo() {
	if a.doc.h.CanUndo() {
		_ = a.doc.h.Undo()
		a.refreshPanels()
		a.props.syncAll()
	}
}

func (a *App) redo() {
	if a.doc.h.CanRedo() {
		if err := a.doc.h.Redo(); err != nil {
			a.ask.Error(err)
		}
		a.refreshPanels()
		a.props.syncAll()
	}
}
