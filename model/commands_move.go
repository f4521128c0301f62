package model

import (
	"fmt"
	"slices"
)

type moveCmd struct {
	diagram string
	ids     []string
	key     []string // ids sorted: moves of the same selection merge
	delta   Point

	// Recorded by the first Do: what moves, with its geometry before and
	// after. Undo restores the before values and a redo writes the after
	// values, so no float sum is ever subtracted again.
	recorded bool
	elems    []string
	eOld     []Rect
	eNew     []Rect
	bounds   []string
	bOld     []boundaryGeo
	bNew     []boundaryGeo
	flows    []string
	fOld     [][]Point
	fNew     [][]Point
}

type boundaryGeo struct {
	r   Rect
	pts []Point
}

// Move shifts elements, boundaries (a box, or every point of a line) and the
// waypoints of flows that are selected or whose two ends both move. Moves of
// the same selection in the same diagram merge, so one drag is one undo step.
func Move(diagramID string, ids []string, delta Point) Command {
	key := slices.Clone(ids)
	slices.Sort(key)
	return &moveCmd{diagram: diagramID, ids: slices.Clone(ids), key: slices.Compact(key), delta: delta}
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
		if err := c.record(d); err != nil {
			return err
		}
	}
	return c.apply(d, c.eNew, c.bNew, c.fNew)
}

// record finds what moves and computes where it goes.
func (c *moveCmd) record(d *Diagram) error {
	if !finite(c.delta.X, c.delta.Y) {
		return fmt.Errorf("move: invalid distance %v", c.delta)
	}
	c.elems, c.eOld, c.eNew = nil, nil, nil
	c.bounds, c.bOld, c.bNew = nil, nil, nil
	c.flows, c.fOld, c.fNew = nil, nil, nil
	var flowIDs []string
	for _, id := range c.key {
		if e := d.Element(id); e != nil {
			c.elems = append(c.elems, id)
			c.eOld = append(c.eOld, e.Bounds)
			c.eNew = append(c.eNew, e.Bounds.Moved(c.delta))
		} else if b := d.Boundary(id); b != nil {
			c.bounds = append(c.bounds, id)
			old, moved := boundaryGeo{b.Bounds, b.Points}, boundaryGeo{b.Bounds, b.Points}
			if b.Shape == BoundaryBox {
				moved.r = b.Bounds.Moved(c.delta)
			} else {
				moved.pts = shifted(b.Points, c.delta)
			}
			c.bOld = append(c.bOld, old)
			c.bNew = append(c.bNew, moved)
		} else if f := d.flowAt(id); f != nil {
			flowIDs = append(flowIDs, id)
		} else {
			return fmt.Errorf("move: object %q in diagram %q: %w", id, d.ID, errNotFound)
		}
	}
	// A flow whose two ends move keeps its shape: its waypoints move too.
	for _, id := range c.elems {
		for _, f := range d.flowsAt(id) {
			if _, found := slices.BinarySearch(c.elems, otherEnd(f, id)); found {
				flowIDs = append(flowIDs, f.ID)
			}
		}
	}
	slices.Sort(flowIDs)
	for _, id := range slices.Compact(flowIDs) {
		f := d.flowAt(id)
		c.flows = append(c.flows, id)
		c.fOld = append(c.fOld, f.Waypoints)
		c.fNew = append(c.fNew, shifted(f.Waypoints, c.delta))
	}
	c.recorded = true
	return nil
}

func otherEnd(f *Flow, id string) string {
	if f.From == id {
		return f.To
	}
	return f.From
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

// apply writes one of the recorded states. It looks every object up first
// and changes nothing if one is missing.
func (c *moveCmd) apply(d *Diagram, es []Rect, bs []boundaryGeo, fs [][]Point) error {
	for _, id := range c.elems {
		if d.Element(id) == nil {
			return fmt.Errorf("move: element %q in diagram %q: %w", id, d.ID, errNotFound)
		}
	}
	for _, id := range c.bounds {
		if d.Boundary(id) == nil {
			return fmt.Errorf("move: boundary %q in diagram %q: %w", id, d.ID, errNotFound)
		}
	}
	for _, id := range c.flows {
		if d.flowAt(id) == nil {
			return fmt.Errorf("move: flow %q in diagram %q: %w", id, d.ID, errNotFound)
		}
	}
	for i, id := range c.elems {
		d.Element(id).Bounds = es[i]
	}
	for i, id := range c.bounds {
		b := d.Boundary(id)
		b.Bounds, b.Points = bs[i].r, bs[i].pts
	}
	for i, id := range c.flows {
		d.flowAt(id).Waypoints = fs[i]
	}
	return nil
}

func (c *moveCmd) Undo(m *Model) {
	if d := m.Diagram(c.diagram); d != nil {
		_ = c.apply(d, c.eOld, c.bOld, c.fOld) // Undo follows its Do: every object is there
	}
}

// Merge absorbs the next move of the same selection in the same diagram.
func (c *moveCmd) Merge(next Command) bool {
	n, ok := next.(*moveCmd)
	if !ok || n.diagram != c.diagram || !slices.Equal(n.key, c.key) ||
		!slices.Equal(n.elems, c.elems) || !slices.Equal(n.bounds, c.bounds) || !slices.Equal(n.flows, c.flows) {
		return false
	}
	c.delta = c.delta.Add(n.delta)
	c.eNew, c.bNew, c.fNew = n.eNew, n.bNew, n.fNew
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
	f := d.flowAt(c.flow)
	if f == nil {
		return fmt.Errorf("reconnect: flow %q in diagram %q: %w", c.flow, c.diagram, errNotFound)
	}
	if err := checkEnds(d, c.from, c.to); err != nil {
		return fmt.Errorf("reconnect flow %q: %w", c.flow, err)
	}
	c.oldFrom, c.oldTo = f.From, f.To
	f.From, f.To = c.from, c.to
	d.flowsChanged()
	return nil
}

func (c *reconnectCmd) Undo(m *Model) {
	d := m.Diagram(c.diagram)
	if f := d.flowAt(c.flow); f != nil {
		f.From, f.To = c.oldFrom, c.oldTo
		d.flowsChanged()
	}
}
