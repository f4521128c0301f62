package canvas

import (
	"fmt"

	"github.com/threatboard/threatboard/model"
)

// pasteOffset shifts a paste into the diagram it was copied from, so that the
// copy does not hide the original.
const pasteOffset = 20

// Clipboard holds copied diagram objects. The editors of one window share
// one, so that objects copied in one diagram paste into another.
type Clipboard struct {
	from   string // diagram the objects were copied from
	frag   model.Fragment
	pastes int // pastes into the source diagram so far, for the offset
}

// Empty reports whether there is nothing to paste.
func (c *Clipboard) Empty() bool { return c == nil || c.frag.Empty() }

// copyFrom replaces the clipboard's content with copies of the objects ids
// name in d. Flows go along only when both their ends do, whether or not
// they were selected themselves: a flow without its ends cannot exist.
func (c *Clipboard) copyFrom(d *model.Diagram, ids []string) {
	*c = Clipboard{from: d.ID, frag: model.CopyFragment(d, ids)}
}

// pasteInto builds the command that adds fresh copies of the clipboard's
// objects to diagram to, and returns it with the new objects' IDs. With at
// set, the copies' top-left corner goes there (a paste from the context
// menu); otherwise they keep their place, offset when pasted into their own
// diagram.
func (c *Clipboard) pasteInto(to string, label string, at *model.Point) (model.Command, []string) {
	var off model.Point
	switch {
	case at != nil:
		ext := c.extent()
		off = at.Sub(model.Point{X: ext.X, Y: ext.Y})
	case to == c.from:
		c.pastes++
		off = model.Point{X: float64(pasteOffset * c.pastes), Y: float64(pasteOffset * c.pastes)}
	}
	cmd, ids := model.Paste(to, c.frag, off)
	return model.Batch(fmt.Sprintf("%s %s", label, count(len(ids), "object")), cmd), ids
}

// extent is the rectangle holding the copied elements and boundaries.
func (c *Clipboard) extent() model.Rect {
	var rs []model.Rect
	for _, e := range c.frag.Elements {
		rs = append(rs, e.Bounds)
	}
	for _, b := range c.frag.Boundaries {
		if b.Shape == model.BoundaryLine {
			rs = append(rs, model.Bounds(b.Points))
		} else {
			rs = append(rs, b.Bounds)
		}
	}
	if len(rs) == 0 {
		return model.Rect{}
	}
	r := rs[0]
	for _, s := range rs[1:] {
		r = r.Union(s)
	}
	return r
}
