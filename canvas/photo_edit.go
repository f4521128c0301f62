package canvas

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/threatboard/threatboard/model"
)

// The background photo as something the user edits on the canvas: an
// unlocked photo is hit where no shape, flow or boundary is (they lie on
// top), selected on its own, moved by a drag inside it and scaled by its
// corner handles. A locked photo is never hit: the canvas behaves over it
// exactly as over empty space.

// minPhotoSide is the smallest width or height a scale leaves the photo, in
// diagram units: small enough to tuck it away, big enough to grab again.
const minPhotoSide = 40

// editablePhoto is the diagram's background when the user may select and
// edit it on the canvas: there is one and it is not locked.
func (e *Editor) editablePhoto() *model.Background {
	d := e.diagram()
	if d == nil || d.Background == nil || d.Background.Locked {
		return nil
	}
	return d.Background
}

// PhotoSelected reports whether the background photo is selected. The
// photo is selected alone: selecting a shape deselects it and the other way
// round. Locking, removing or undoing it away deselects it.
func (e *Editor) PhotoSelected() bool { return e.photoSel && e.editablePhoto() != nil }

// SelectPhoto selects the background photo, or deselects it, when the
// diagram has an unlocked one.
func (e *Editor) SelectPhoto(on bool) {
	on = on && e.editablePhoto() != nil
	if on == e.photoSel {
		return
	}
	e.photoSel = on
	shapes := on && e.sel.replace()
	e.selectionChanged() // the photo's selection is shown where the shapes' is
	if shapes {
		e.redraw()
		return
	}
	e.redrawOverlay()
}

// hitPhoto refines what the shapes' hit-test found at p: the handles of a
// selected photo lie above everything, its body below everything.
func (e *Editor) hitPhoto(h hit, p model.Point) hit {
	b := e.editablePhoto()
	if b == nil {
		return h
	}
	if e.photoSel {
		grab := grabRadius / e.vp.zoom
		for i, c := range corners(b.Bounds) {
			if near(p, c, grab) {
				return hit{part: partPhotoSize, index: i}
			}
		}
	}
	if h.part == partNone && b.Bounds.Contains(p) {
		return hit{part: partPhoto}
	}
	return h
}

func isPhoto(h hit) bool { return h.part == partPhoto || h.part == partPhotoSize }

// shiftDown reports whether shift is held now or was at the press: shift
// frees a scale's aspect ratio, and may be pressed in the middle of a drag.
func (e *Editor) shiftDown() bool {
	if e.mods&fyne.KeyModifierShift != 0 {
		return true
	}
	d, ok := fyne.CurrentApp().Driver().(desktop.Driver)
	return ok && d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
}

// dragPhoto is one step of a drag of the photo: a move, or a scale by the
// grabbed corner. The steps merge into one undo step.
func (e *Editor) dragPhoto() {
	g := &e.g
	delta := g.cur.Sub(g.start)
	r := g.orig
	if g.mode == modePhotoMove {
		r.X, r.Y = r.X+delta.X, r.Y+delta.Y
	} else {
		r = scalePhoto(g.orig, g.hit.index, delta, !e.shiftDown())
	}
	if e.dragStep(model.MoveBackground(e.diagramID, r)) {
		e.updated(nil) // the renderer moves the photo's one image; no shape changed
	}
}

// nudgePhoto moves the selected photo by d with the arrow keys; consecutive
// nudges merge into one undo step, as the shapes' do.
func (e *Editor) nudgePhoto(d model.Point) {
	r := e.diagram().Background.Bounds
	r.X, r.Y = r.X+d.X, r.Y+d.Y
	if e.apply(model.MoveBackground(e.diagramID, r), e.h.Merge) {
		e.updated(nil)
	}
}

// scalePhoto moves corner c of r by d, keeping the opposite corner fixed and
// each side at least minPhotoSide. With keep set the result has r's aspect
// ratio: the side the pointer changed more, in proportion, decides the
// scale, so that a drag along one side alone scales too.
func scalePhoto(r model.Rect, c int, d model.Point, keep bool) model.Rect {
	w, h := cornerDragged(r, c, d, minPhotoSide)
	if keep && r.W > 0 && r.H > 0 {
		s, sy := w/r.W, h/r.H
		if math.Abs(math.Log(sy)) > math.Abs(math.Log(s)) {
			s = sy
		}
		s = math.Max(s, minPhotoSide/math.Min(r.W, r.H))
		w, h = r.W*s, r.H*s
	}
	return anchoredOpposite(r, c, w, h)
}

// LockPhoto locks or unlocks the background photo: locked, clicks and drags
// over it go to the canvas as if it were not there.
func (e *Editor) LockPhoto(locked bool) {
	if b := e.diagram().Background; b != nil && b.Locked != locked {
		e.editPhoto(model.LockBackground(e.diagramID, locked))
	}
}

// TurnPhoto turns the background photo by quarter turns, clockwise when positive.
func (e *Editor) TurnPhoto(quarterTurns int) {
	if e.diagram().Background != nil {
		e.editPhoto(model.RotateBackground(e.diagramID, quarterTurns))
	}
}

// RemovePhoto takes the background photo away (an undoable edit).
func (e *Editor) RemovePhoto() {
	if e.diagram().Background != nil {
		e.editPhoto(model.RemoveBackground(e.diagramID))
	}
}

// editPhoto applies an edit of the photo and redraws. The history does not
// name the photo as an object edited in place, so the diagram is redrawn
// in full, as for an edit made in the background dialog.
func (e *Editor) editPhoto(c model.Command) {
	if e.do(c) {
		e.invalidate(changedDocument)
	}
}

// photoMenu is the context menu of the photo: what the background dialog
// does, at the pointer.
func (e *Editor) photoMenu() *fyne.Menu {
	items := []*fyne.MenuItem{
		fyne.NewMenuItem("Lock background image", func() { e.LockPhoto(true) }),
		fyne.NewMenuItem("Turn left", func() { e.TurnPhoto(-1) }),
		fyne.NewMenuItem("Turn right", func() { e.TurnPhoto(1) }),
		fyne.NewMenuItem("Remove background image", e.RemovePhoto),
	}
	if e.OnBackgroundImage != nil {
		items = append(items, fyne.NewMenuItemSeparator(), fyne.NewMenuItem("Background image…", e.OnBackgroundImage))
	}
	return fyne.NewMenu("", items...)
}

// unlockItem is the empty canvas's way back to a locked photo, which can
// no longer be clicked; nil when there is none.
func (e *Editor) unlockItem() *fyne.MenuItem {
	d := e.diagram()
	if d == nil || d.Background == nil || !d.Background.Locked {
		return nil
	}
	return fyne.NewMenuItem("Unlock background image", func() { e.LockPhoto(false) })
}

// drawPhotoFrame draws the selected photo's frame and corner handles.
func (r *editorRenderer) drawPhotoFrame(handle func(model.Point)) {
	if !r.ed.PhotoSelected() {
		return
	}
	b := r.ed.diagram().Background
	pos, size := r.ed.vp.rectToScreen(b.Bounds)
	r.overlay.rect(nil, r.col.primary, 1.5, pos, size)
	for _, c := range corners(b.Bounds) {
		handle(c)
	}
}
