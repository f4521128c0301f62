package canvas

import (
	"slices"

	"github.com/threatboard/threatboard/model"
)

// pasteOffset shifts a paste into the diagram it was copied from, so that the
// copy does not hide the original.
const pasteOffset = 20

// Clipboard holds copied diagram objects. The editors of one window share
// one, so that objects copied in one diagram paste into another.
type Clipboard struct {
	from       string // diagram the objects were copied from
	elements   []*model.Element
	flows      []*model.Flow
	boundaries []*model.Boundary
	pastes     int // pastes into the source diagram so far, for the offset
}

// Empty reports whether there is nothing to paste.
func (c *Clipboard) Empty() bool {
	return c == nil || len(c.elements)+len(c.flows)+len(c.boundaries) == 0
}

// copyFrom replaces the clipboard's content with copies of the objects ids
// name in d. Flows go along only when both their ends do, whether or not
// they were selected themselves: a flow without its ends cannot exist.
func (c *Clipboard) copyFrom(d *model.Diagram, ids []string) {
	*c = Clipboard{from: d.ID}
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	for _, e := range d.Elements {
		if want[e.ID] {
			c.elements = append(c.elements, cloneElement(e))
		}
	}
	for _, f := range d.Flows {
		if want[f.From] && want[f.To] {
			c.flows = append(c.flows, cloneFlow(f))
		}
	}
	for _, b := range d.Boundaries {
		if want[b.ID] {
			c.boundaries = append(c.boundaries, cloneBoundary(b))
		}
	}
}

// pasteInto builds the commands that add fresh copies of the clipboard's
// objects to diagram to, with fresh IDs and flows reconnected to the copies.
// It returns them as one batch and the new objects' IDs. With at set, the
// copies' top-left corner goes there (a paste from the context menu);
// otherwise they keep their place, offset when pasted into their own diagram.
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
	var cmds []model.Command
	var ids []string
	newID := make(map[string]string)
	for _, b := range c.boundaries {
		nb := cloneBoundary(b)
		nb.ID = model.NewID()
		nb.Bounds = nb.Bounds.Moved(off)
		for i := range nb.Points {
			nb.Points[i] = nb.Points[i].Add(off)
		}
		cmds = append(cmds, model.AddBoundary(to, nb))
		ids = append(ids, nb.ID)
	}
	for _, e := range c.elements {
		ne := cloneElement(e)
		ne.ID = model.NewID()
		newID[e.ID] = ne.ID
		ne.Bounds = ne.Bounds.Moved(off)
		ne.Child = "" // a child diagram belongs to one multi-process
		for _, t := range ne.Threats {
			t.ID = model.NewID()
		}
		cmds = append(cmds, model.AddElement(to, ne))
		ids = append(ids, ne.ID)
	}
	for _, f := range c.flows {
		nf := cloneFlow(f)
		nf.ID = model.NewID()
		nf.From, nf.To = newID[f.From], newID[f.To]
		for i := range nf.Waypoints {
			nf.Waypoints[i] = nf.Waypoints[i].Add(off)
		}
		for _, t := range nf.Threats {
			t.ID = model.NewID()
		}
		cmds = append(cmds, model.AddFlow(to, nf))
		ids = append(ids, nf.ID)
	}
	return model.Batch(label, cmds...), ids
}

// extent is the rectangle holding the copied elements and boundaries.
func (c *Clipboard) extent() model.Rect {
	var rs []model.Rect
	for _, e := range c.elements {
		rs = append(rs, e.Bounds)
	}
	for _, b := range c.boundaries {
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

func cloneCommon(c model.Common) model.Common {
	c.Tags = slices.Clone(c.Tags)
	c.Controls = slices.Clone(c.Controls)
	c.Dismissed = slices.Clone(c.Dismissed)
	threats := make([]*model.Threat, len(c.Threats))
	for i, t := range c.Threats {
		cp := *t
		threats[i] = &cp
	}
	if c.Threats != nil {
		c.Threats = threats
	}
	return c
}

func cloneElement(e *model.Element) *model.Element {
	cp := *e
	cp.Common = cloneCommon(e.Common)
	return &cp
}

func cloneFlow(f *model.Flow) *model.Flow {
	cp := *f
	cp.Waypoints = slices.Clone(f.Waypoints)
	cp.Common = cloneCommon(f.Common)
	return &cp
}

func cloneBoundary(b *model.Boundary) *model.Boundary {
	cp := *b
	cp.Points = slices.Clone(b.Points)
	return &cp
}
