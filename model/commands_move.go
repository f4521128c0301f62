package model

import (
	"fmt"
	"slices"
)

type moveCmd struct {
	diagram string
	key     []string // the selection, sorted: moves of the same selection merge
	delta   Point

	// Recorded by the first Do: what moves, with its geometry before and
	// after. Undo writes the before values and a redo the after values, so
	// no float sum is ever subtracted again and undo is exact.
	recorded bool
	items    []moveItem
}

// moveItem is one moved object: an element or box boundary (rectangle),
// or a line boundary or flow (points).
type moveItem struct {
	id             string
	what           moved
	oldR, newR     Rect
	oldPts, newPts []Point
}

type moved uint8

const (
	movedElement moved = iota
	movedBox
	movedLine
	movedFlow
)

// Move shifts elements, boundaries (a box, or every point of a line) and the
// waypoints of flows that are selected or whose two ends both move. Moves of
// the same selection in the same diagram merge, so one drag is one undo step.
func Move(diagramID string, ids []string, delta Point) Command {
	key := slices.Clone(ids)
	slices.Sort(key)
	return &moveCmd{diagram: diagramID, key: slices.Compact(key), delta: delta}
}

func (c *moveCmd) Label() string {
	if len(c.key) == 1 {
		return "Move"
	}
	return "Move " + plural(len(c.key), "object", "objects")
}

func (c *moveCmd) Do(m *Model) error {
	d, err := diagramOf(m, c.diagram)
	if err != nil {
		return fmt.Errorf("move: %w", err)
	}
	if !c.recorded {
		return c.record(d)
	}
	if err := c.check(d); err != nil { // a redo: the objects are there unless the document was changed behind the history's back
		return err
	}
	c.apply(d, false)
	return nil
}

// record finds what moves, computes where it goes and moves it.
func (c *moveCmd) record(d *Diagram) error {
	if !finite(c.delta.X, c.delta.Y) {
		return fmt.Errorf("move: invalid distance %v", c.delta)
	}
	items := make([]moveItem, 0, len(c.key))
	for _, id := range c.key {
		if e := d.Element(id); e != nil {
			items = append(items, moveItem{id: id, what: movedElement, oldR: e.Bounds, newR: e.Bounds.Moved(c.delta)})
		} else if b := d.Boundary(id); b != nil && b.Shape == BoundaryBox {
			items = append(items, moveItem{id: id, what: movedBox, oldR: b.Bounds, newR: b.Bounds.Moved(c.delta)})
		} else if b != nil {
			items = append(items, moveItem{id: id, what: movedLine, oldPts: b.Points, newPts: shifted(b.Points, c.delta)})
		} else if f := d.Flow(id); f != nil {
			items = append(items, moveItem{id: id, what: movedFlow, oldPts: f.Waypoints, newPts: shifted(f.Waypoints, c.delta)})
		} else {
			return fmt.Errorf("move: object %s in diagram %s: %w", excerpt(id), excerpt(d.ID), errNotFound)
		}
	}
	// A flow whose two ends move keeps its shape: its waypoints move too.
	// Each is found from its source end only, and not again when selected;
	// a straight flow has nothing to move.
	selected := func(id string) bool { _, ok := slices.BinarySearch(c.key, id); return ok }
	for _, it := range items {
		if it.what != movedElement {
			continue
		}
		d.eachFlowAt(it.id, func(f *Flow) {
			if f.From == it.id && len(f.Waypoints) > 0 && selected(f.To) && !selected(f.ID) {
				items = append(items, moveItem{id: f.ID, what: movedFlow, oldPts: f.Waypoints, newPts: shifted(f.Waypoints, c.delta)})
			}
		})
	}
	for _, it := range items {
		var err error
		if it.what == movedElement || it.what == movedBox {
			err = checkRect(it.newR)
		} else {
			err = checkPoints(it.newPts)
		}
		if err != nil {
			return fmt.Errorf("move %s: %w", excerpt(it.id), err)
		}
	}
	c.items, c.recorded = items, true
	c.apply(d, false)
	return nil
}

func shifted(pts []Point, delta Point) []Point {
	if pts == nil {
		return nil
	}
	out := make([]Point, len(pts))
	for i, p := range pts {
		out[i] = p.Add(delta)
	}
	return out
}

// check says which recorded object is missing, if one is.
func (c *moveCmd) check(d *Diagram) error {
	for _, it := range c.items {
		if c.locate(d, it) == nil {
			return fmt.Errorf("move: object %s in diagram %s: %w", excerpt(it.id), excerpt(d.ID), errNotFound)
		}
	}
	return nil
}

// apply writes the recorded geometry, before or after the move, to the
// objects that are there.
func (c *moveCmd) apply(d *Diagram, before bool) {
	for _, it := range c.items {
		r, pts := it.newR, it.newPts
		if before {
			r, pts = it.oldR, it.oldPts
		}
		switch o := c.locate(d, it).(type) {
		case *Element:
			o.Bounds = r
		case *Boundary:
			if it.what == movedBox {
				o.Bounds = r
			} else {
				o.Points = pts
			}
		case *Flow:
			o.Waypoints = pts
		}
	}
}

// locate finds a moved object; nil when it is gone.
func (c *moveCmd) locate(d *Diagram, it moveItem) any {
	switch it.what {
	case movedElement:
		if e := d.Element(it.id); e != nil {
			return e
		}
	case movedBox, movedLine:
		if b := d.Boundary(it.id); b != nil {
			return b
		}
	case movedFlow:
		if f := d.Flow(it.id); f != nil {
			return f
		}
	}
	return nil
}

func (c *moveCmd) Undo(m *Model) {
	if d := m.Diagram(c.diagram); d != nil {
		c.apply(d, true)
	}
}

// Merge absorbs the next move of the same selection in the same diagram.
func (c *moveCmd) Merge(next Command) bool {
	n, ok := next.(*moveCmd)
	if !ok || n.diagram != c.diagram || !slices.Equal(n.key, c.key) || len(n.items) != len(c.items) {
		return false
	}
	for i := range c.items {
		if c.items[i].id != n.items[i].id {
			return false
		}
	}
	for i := range c.items {
		c.items[i].newR, c.items[i].newPts = n.items[i].newR, n.items[i].newPts
	}
	c.delta = c.delta.Add(n.delta)
	return true
}

type reconnectCmd struct {
	diagram, flow  string
	from, to       string
	oldFrom, oldTo string
}

// Reconnect sets the two ends of a flow. Both must exist and be connectable.
func Reconnect(diagramID, flowID, from, to string) Command {
	return &reconnectCmd{diagram: diagramID, flow: flowID, from: from, to: to}
}

func (c *reconnectCmd) Label() string { return "Reconnect flow" }

func (c *reconnectCmd) Do(m *Model) error {
	d, err := diagramOf(m, c.diagram)
	if err != nil {
		return fmt.Errorf("reconnect: %w", err)
	}
	f := d.Flow(c.flow)
	if f == nil {
		return fmt.Errorf("reconnect: flow %s in diagram %s: %w", excerpt(c.flow), excerpt(c.diagram), errNotFound)
	}
	if err := checkEnds(d, c.from, c.to); err != nil {
		return fmt.Errorf("reconnect flow %s: %w", excerpt(c.flow), err)
	}
	c.oldFrom, c.oldTo = f.From, f.To
	f.From, f.To = c.from, c.to
	d.flowReconnected(f, c.oldFrom, c.oldTo)
	return nil
}

func (c *reconnectCmd) Undo(m *Model) {
	d := m.Diagram(c.diagram)
	if f := d.Flow(c.flow); f != nil {
		f.From, f.To = c.oldFrom, c.oldTo
		d.flowReconnected(f, c.from, c.to)
	}
}
