package canvas

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/drawing"
	"github.com/threatboard/threatboard/model"
)

// renamer is the inline entry shown over an element, flow label or boundary
// name while it is renamed.
type renamer struct {
	id    string
	entry *renameEntry
}

// renameEntry is an Entry that reports Esc and losing the focus, which end a rename.
type renameEntry struct {
	widget.Entry
	onCancel, onFocusLost func()
}

func newRenameEntry() *renameEntry {
	r := &renameEntry{}
	r.ExtendBaseWidget(r)
	return r
}

func (r *renameEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		r.onCancel()
		return
	}
	r.Entry.TypedKey(k)
}

func (r *renameEntry) FocusLost() {
	r.Entry.FocusLost()
	r.onFocusLost()
}

// StartRename shows an entry over the object with the given ID holding its
// name; Enter or a click elsewhere renames it, Esc leaves it as it was.
func (e *Editor) StartRename(id string) {
	d := e.diagram()
	if d == nil || !e.exists(id) {
		return
	}
	e.commitRename()
	en := newRenameEntry()
	en.SetText(nameOf(d, id))
	rn := &renamer{id: id, entry: en}
	en.OnSubmitted = func(string) { e.commitRename() }
	en.onCancel = e.cancelRename
	en.onFocusLost = func() {
		if e.renaming == rn {
			e.commitRename()
		}
	}
	e.renaming = rn
	e.redrawOverlay()
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
		c.Focus(en)
	}
}

// Renaming reports whether an inline rename is in progress.
func (e *Editor) Renaming() bool { return e.renaming != nil }

// commitRename applies the name typed into the entry, if any rename is in progress.
func (e *Editor) commitRename() {
	rn := e.renaming
	if rn == nil {
		return
	}
	e.renaming = nil
	d := e.diagram()
	if d != nil && e.exists(rn.id) && rn.entry.Text != nameOf(d, rn.id) {
		e.do(model.Rename(e.diagramID, rn.id, rn.entry.Text))
	}
	e.focusSelf()
	e.catchUp()
	e.redrawOverlay() // the entry goes
}

func (e *Editor) cancelRename() {
	if e.renaming == nil {
		return
	}
	e.renaming = nil
	e.focusSelf()
	e.redrawOverlay()
}

func (e *Editor) focusSelf() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
		c.Focus(e)
	}
}

func nameOf(d *model.Diagram, id string) string {
	if el := d.Element(id); el != nil {
		return el.Name
	}
	if f := d.Flow(id); f != nil {
		return f.Name
	}
	if b := d.Boundary(id); b != nil {
		return b.Name
	}
	return ""
}

// renameBox is where the rename entry goes: over the element, or over the
// flow's label, or at the boundary's name.
func (e *Editor) renameBox(id string, min fyne.Size) (fyne.Position, fyne.Size) {
	d := e.diagram()
	var r model.Rect
	switch {
	case e.sc.element(d, id) != nil:
		r = e.sc.element(d, id).Bounds
	case d.Flow(id) != nil:
		f := d.Flow(id)
		r = drawing.LabelRect(f, e.sc.path(id))
	case d.Boundary(id) != nil:
		b := d.Boundary(id)
		r = b.Bounds
		if b.Shape == model.BoundaryLine && len(b.Points) > 0 {
			r = model.Rect{X: b.Points[0].X, Y: b.Points[0].Y}
		}
		r.H = 0
	}
	pos, size := e.vp.rectToScreen(r)
	w := max(size.Width, 160)
	c := fyne.NewPos(pos.X+size.Width/2, pos.Y+size.Height/2)
	return fyne.NewPos(c.X-w/2, c.Y-min.Height/2), fyne.NewSize(w, min.Height)
}
