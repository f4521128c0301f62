package canvas

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/threatboard/threatboard/model"
)

// FocusGained is part of fyne.Focusable.
func (e *Editor) FocusGained() {}

// FocusLost forgets held keys: their release goes elsewhere.
func (e *Editor) FocusLost() { e.held = heldKeys{} }

// TypedRune is part of fyne.Focusable; the canvas takes no text.
func (e *Editor) TypedRune(rune) {}

// KeyDown tracks space (drag pans) and ctrl (scroll zooms).
func (e *Editor) KeyDown(k *fyne.KeyEvent) { e.hold(k.Name, true) }

// KeyUp is the counterpart of KeyDown.
func (e *Editor) KeyUp(k *fyne.KeyEvent) { e.hold(k.Name, false) }

// hold records whether space or ctrl (or the command key) is held down.
func (e *Editor) hold(name fyne.KeyName, down bool) {
	switch name {
	case fyne.KeySpace:
		e.held.space = down
	case desktop.KeyControlLeft, desktop.KeyControlRight, desktop.KeySuperLeft, desktop.KeySuperRight:
		e.held.ctrl = down
	}
}

// TypedKey deletes, nudges with the arrow keys and cancels with Esc.
func (e *Editor) TypedKey(k *fyne.KeyEvent) {
	step := 1.0
	if e.snap {
		step = gridSize
	}
	switch k.Name {
	case fyne.KeyDelete, fyne.KeyBackspace:
		if e.PhotoSelected() {
			e.RemovePhoto()
			return
		}
		e.DeleteSelection()
	case fyne.KeyEscape:
		e.Cancel()
	case fyne.KeyLeft:
		e.nudge(model.Point{X: -step})
	case fyne.KeyRight:
		e.nudge(model.Point{X: step})
	case fyne.KeyUp:
		e.nudge(model.Point{Y: -step})
	case fyne.KeyDown:
		e.nudge(model.Point{Y: step})
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyF2:
		if e.sel.len() == 1 {
			e.StartRename(e.sel.ids[0])
		}
	}
}

// Cancel abandons what is in progress: a rename, a boundary line or flow
// being drawn, a chosen tool, a palette drag; with nothing in progress it
// clears the selection.
func (e *Editor) Cancel() {
	switch {
	case e.renaming != nil:
		e.cancelRename()
	case e.ghost != nil:
		e.ghost = nil
		e.ghostOff = true // until the palette drag ends
		e.redrawOverlay()
	case e.tool != ToolSelect || e.line != nil || e.flowFrom != "":
		e.resetTool()
	default:
		e.Select()
	}
}

// nudge moves the selected elements and boundaries by d: consecutive nudges
// of the same selection merge into one undo step, as a drag does.
func (e *Editor) nudge(d model.Point) {
	if e.PhotoSelected() {
		e.nudgePhoto(d)
		return
	}
	ids := e.movable()
	if len(ids) == 0 {
		return
	}
	if e.apply(model.Move(e.diagramID, ids, d), e.h.Merge) {
		e.updated(ids)
	}
}

// movable lists the selected elements and boundaries: flows follow their ends.
func (e *Editor) movable() []string {
	d := e.diagram()
	var ids []string
	for _, id := range e.sel.ids {
		if e.sc.element(d, id) != nil || d.Boundary(id) != nil {
			ids = append(ids, id)
		}
	}
	return ids
}

// TypedShortcut handles the editing and zoom shortcuts with the platform's
// modifier (ctrl, or cmd on macOS): undo, redo (also shift+z and y), cut,
// copy, paste, duplicate (d), select all, zoom in (+ or =), out (-), 100%
// (0), to fit (1) and to the selection (2).
func (e *Editor) TypedShortcut(s fyne.Shortcut) {
	switch s := s.(type) {
	case *fyne.ShortcutUndo:
		e.Undo()
	case *fyne.ShortcutRedo:
		e.Redo()
	case *fyne.ShortcutCut:
		e.Cut()
	case *fyne.ShortcutCopy:
		e.Copy()
	case *fyne.ShortcutPaste:
		e.Paste()
	case *fyne.ShortcutSelectAll:
		e.SelectAll()
	case *desktop.CustomShortcut:
		e.customShortcut(s)
	}
}

func (e *Editor) customShortcut(s *desktop.CustomShortcut) {
	mod := fyne.KeyModifierShortcutDefault
	if s.Modifier&mod == 0 {
		return
	}
	shift := s.Modifier&fyne.KeyModifierShift != 0
	switch s.KeyName {
	case fyne.KeyZ:
		if shift {
			e.Redo()
		} else {
			e.Undo()
		}
	case fyne.KeyY:
		e.Redo()
	case fyne.KeyD:
		e.Duplicate()
	case fyne.KeyEqual, fyne.KeyPlus:
		e.ZoomIn()
	case fyne.KeyMinus:
		e.ZoomOut()
	case fyne.Key0:
		e.ZoomReset()
	case fyne.Key1:
		e.ZoomToFit()
	case fyne.Key2:
		e.ZoomToSelection()
	}
}

// Undo reverts the last edit of the shared history, whichever editor made it.
func (e *Editor) Undo() {
	e.applying = true
	_ = e.h.Undo() // nothing to undo is not an error to report
	e.applying = false
	e.catchUp()
}

// Redo applies the edit Undo last reverted.
func (e *Editor) Redo() {
	e.applying = true
	err := e.h.Redo()
	e.applying = false
	if err != nil && err != model.ErrNothingToUndo && e.OnError != nil {
		e.OnError(err)
	}
	e.catchUp()
}
