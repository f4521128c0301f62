package canvas

import (
	"fmt"

	"github.com/threatboard/threatboard/model"
)

// Copy puts copies of the selected objects on the shared clipboard.
func (e *Editor) Copy() {
	d := e.diagram()
	if d == nil || e.sel.len() == 0 {
		return
	}
	e.clip.copyFrom(d, e.sel.ids)
}

// Cut copies the selection and deletes it.
func (e *Editor) Cut() {
	if e.sel.len() == 0 {
		return
	}
	e.Copy()
	e.deleteIDs("Cut", e.sel.list())
}

// Paste adds fresh copies of the clipboard's objects, from this diagram or
// another, and selects them.
func (e *Editor) Paste() {
	if e.clip.Empty() || e.diagram() == nil {
		return
	}
	e.paste(e.clip, "Paste", nil)
}

// PasteAt pastes with the copies' top-left corner at p, in diagram units.
func (e *Editor) PasteAt(p model.Point) {
	if e.clip.Empty() || e.diagram() == nil {
		return
	}
	e.paste(e.clip, "Paste", &p)
}

// Duplicate copies the selection in place, offset, without touching the clipboard.
func (e *Editor) Duplicate() {
	d := e.diagram()
	if d == nil || e.sel.len() == 0 {
		return
	}
	var c Clipboard
	c.copyFrom(d, e.sel.ids)
	e.paste(&c, "Duplicate", nil)
}

func (e *Editor) paste(c *Clipboard, label string, at *model.Point) {
	cmd, ids := c.pasteInto(e.diagramID, label, at)
	if e.edit(cmd) {
		e.Select(ids...)
	}
}

// DeleteSelection deletes the selected objects; an element's flows go with it.
func (e *Editor) DeleteSelection() {
	if e.sel.len() == 0 {
		return
	}
	e.deleteIDs("Delete", e.sel.list())
}

func (e *Editor) deleteIDs(label string, ids []string) {
	e.edit(model.Batch(fmt.Sprintf("%s %s", label, count(len(ids), "object")), model.Delete(e.diagramID, ids)))
}

// BringToFront draws the selected elements above all others.
func (e *Editor) BringToFront() { e.reorder(true) }

// SendToBack draws the selected elements below all others.
func (e *Editor) SendToBack() { e.reorder(false) }

func (e *Editor) reorder(front bool) {
	d := e.diagram()
	if d == nil {
		return
	}
	var ids []string
	for _, id := range e.sel.ids {
		if e.sc.element(d, id) != nil {
			ids = append(ids, id)
		}
	}
	if len(ids) > 0 {
		e.edit(model.Reorder(e.diagramID, ids, front))
	}
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
