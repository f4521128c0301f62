package model

import (
	"fmt"
	"slices"
)

type addElementCmd struct {
	diagram string
	e       *Element
}

// AddElement puts e on top of the diagram (last in Elements, drawn in
// front). An element without an ID is given a fresh one.
func AddElement(diagramID string, e *Element) Command {
	if e.ID == "" {
		e.ID = NewID()
	}
	return &addElementCmd{diagram: diagramID, e: e}
}

func (c *addElementCmd) Label() string { return "Add " + c.e.Kind.String() }

func (c *addElementCmd) Do(m *Model) error {
	d, err := diagramOf(m, c.diagram)
	if err != nil {
		return fmt.Errorf("add element: %w", err)
	}
	if err := firstError(room(len(d.Elements), DefaultLimits.ElementsPerDiagram, "elements in the diagram"), checkSizes(c.e)); err != nil {
		return fmt.Errorf("add element %s: %w", excerpt(c.e.ID), err)
	}
	if m.hasID(c.e.ID) {
		return fmt.Errorf("add element: ID %s is already taken", excerpt(c.e.ID))
	}
	if i := slices.IndexFunc(m.Diagrams, func(x *Diagram) bool { return x.Parent == c.e.ID }); i >= 0 {
		// A parent naming no element (which no loaded model has): the new
		// element would adopt the diagram, and could close a circle.
		return fmt.Errorf("add element: ID %s is named as the parent of diagram %s", excerpt(c.e.ID), excerpt(m.Diagrams[i].ID))
	}
	if err := firstProblem(m, func(v *validator) { v.elementAt(d, c.e, 0, len(d.Elements)) }); err != nil {
		return fmt.Errorf("add element %s: %w", excerpt(c.e.ID), err)
	}
	d.Elements = append(d.Elements, c.e)
	if d.index != nil && len(d.index) == len(d.Elements)-1 {
		d.index[c.e.ID] = len(d.Elements) - 1 // appending keeps every other position
	} else {
		d.Reindex()
	}
	return nil
}

func (c *addElementCmd) Undo(m *Model) {
	d := m.Diagram(c.diagram)
	if n := len(d.Elements); n > 0 && d.Elements[n-1] == c.e {
		d.Elements = removeAt(d.Elements, n-1)
		delete(d.index, c.e.ID)
		return
	}
	if i := d.ElementIndex(c.e.ID); i >= 0 {
		d.Elements = removeAt(d.Elements, i)
		d.Reindex()
	}
}

type addFlowCmd struct {
	diagram string
	f       *Flow
}

// AddFlow appends f to the diagram. Both ends must exist and be connectable
// (not notes). A flow without an ID is given a fresh one.
func AddFlow(diagramID string, f *Flow) Command {
	if f.ID == "" {
		f.ID = NewID()
	}
	return &addFlowCmd{diagram: diagramID, f: f}
}

func (c *addFlowCmd) Label() string { return "Add flow" }

func (c *addFlowCmd) Do(m *Model) error {
	d, err := diagramOf(m, c.diagram)
	if err != nil {
		return fmt.Errorf("add flow: %w", err)
	}
	if err := firstError(room(len(d.Flows), DefaultLimits.FlowsPerDiagram, "flows in the diagram"), checkSizes(c.f)); err != nil {
		return fmt.Errorf("add flow %s: %w", excerpt(c.f.ID), err)
	}
	if m.hasID(c.f.ID) {
		return fmt.Errorf("add flow: ID %s is already taken", excerpt(c.f.ID))
	}
	if err := firstProblem(m, func(v *validator) { v.flow(d, c.f, 0, len(d.Flows)) }); err != nil {
		return fmt.Errorf("add flow %s: %w", excerpt(c.f.ID), err)
	}
	d.Flows = append(d.Flows, c.f)
	d.flowsAdded(c.f)
	return nil
}

func (c *addFlowCmd) Undo(m *Model) {
	d := m.Diagram(c.diagram)
	i := len(d.Flows) - 1 // where Do put it
	if i < 0 || d.Flows[i] != c.f {
		i = slices.Index(d.Flows, c.f)
	}
	if i >= 0 {
		d.Flows = removeAt(d.Flows, i)
		d.flowsRemoved(c.f)
	}
}

// checkEnds tells why a flow may not run from one element to another.
func checkEnds(d *Diagram, from, to string) error {
	for _, id := range []string{from, to} {
		e := d.Element(id)
		if e == nil {
			return fmt.Errorf("end %s in diagram %s: %w", excerpt(id), excerpt(d.ID), errNotFound)
		}
		if !e.Kind.Connectable() {
			return fmt.Errorf("end %s is a %s, which flows cannot connect to", excerpt(id), e.Kind)
		}
	}
	return nil
}

type addBoundaryCmd struct {
	diagram string
	b       *Boundary
}

// AddBoundary appends a trust boundary to the diagram: a line of at least
// two points or a box. A boundary without an ID is given a fresh one.
func AddBoundary(diagramID string, b *Boundary) Command {
	if b.ID == "" {
		b.ID = NewID()
	}
	return &addBoundaryCmd{diagram: diagramID, b: b}
}

func (c *addBoundaryCmd) Label() string { return "Add trust boundary" }

func (c *addBoundaryCmd) Do(m *Model) error {
	d, err := diagramOf(m, c.diagram)
	if err != nil {
		return fmt.Errorf("add boundary: %w", err)
	}
	if err := firstError(room(len(d.Boundaries), DefaultLimits.BoundariesPerDiagram, "boundaries in the diagram"), checkSizes(c.b)); err != nil {
		return fmt.Errorf("add boundary %s: %w", excerpt(c.b.ID), err)
	}
	if m.hasID(c.b.ID) {
		return fmt.Errorf("add boundary: ID %s is already taken", excerpt(c.b.ID))
	}
	if err := firstProblem(m, func(v *validator) { v.boundary(c.b, "") }); err != nil {
		return fmt.Errorf("add boundary %s: %w", excerpt(c.b.ID), err)
	}
	d.Boundaries = append(d.Boundaries, c.b)
	return nil
}

func (c *addBoundaryCmd) Undo(m *Model) {
	d := m.Diagram(c.diagram)
	if i := slices.Index(d.Boundaries, c.b); i >= 0 {
		d.Boundaries = removeAt(d.Boundaries, i)
	}
}

func checkBoundary(shape BoundaryShape, pts []Point, r Rect) error {
	switch shape {
	case BoundaryLine:
		if len(pts) < 2 {
			return fmt.Errorf("a line boundary needs at least two points, not %d", len(pts))
		}
		return checkPoints(pts)
	case BoundaryBox:
		return checkRect(r)
	}
	return fmt.Errorf("invalid boundary shape %d", int(shape))
}

// removed is an object taken out of a slice and the position it held.
type removed[T any] struct {
	at int
	v  T
}

type deleteCmd struct {
	diagram string
	ids     []string

	// What the last Do took out, positions ascending, for Undo.
	elements   []removed[*Element]
	flows      []removed[*Flow]
	boundaries []removed[*Boundary]
	links      []link
}

// Delete removes elements, flows and boundaries by ID. An element's flows go
// with it. References to what went (a child diagram's parent, an attack
// tree's target, an action's threat) are cleared. Undo puts every object
// back at its former position and restores the references.
func Delete(diagramID string, ids []string) Command {
	return &deleteCmd{diagram: diagramID, ids: slices.Clone(ids)}
}

func (c *deleteCmd) Label() string { return "Delete " + plural(len(c.ids), "object", "objects") }

func (c *deleteCmd) Do(m *Model) error {
	d, err := diagramOf(m, c.diagram)
	if err != nil {
		return fmt.Errorf("delete: %w", err)
	}
	elems := map[int]bool{}
	flows := map[*Flow]bool{}
	bounds := map[int]bool{}
	for _, id := range c.ids {
		if i := d.ElementIndex(id); i >= 0 {
			elems[i] = true
			d.eachFlowAt(id, func(f *Flow) { flows[f] = true })
		} else if f := d.Flow(id); f != nil {
			flows[f] = true
		} else if i := slices.IndexFunc(d.Boundaries, func(b *Boundary) bool { return b.ID == id }); i >= 0 {
			bounds[i] = true
		} else {
			return fmt.Errorf("delete: object %s in diagram %s: %w", excerpt(id), excerpt(d.ID), errNotFound)
		}
	}
	c.elements, d.Elements = take(d.Elements, func(i int, _ *Element) bool { return elems[i] })
	c.flows, d.Flows = take(d.Flows, func(_ int, f *Flow) bool { return flows[f] })
	c.boundaries, d.Boundaries = take(d.Boundaries, func(i int, _ *Boundary) bool { return bounds[i] })
	gone := map[string]bool{}
	for _, r := range c.elements {
		goneIDs(gone, r.v.ID, &r.v.Common)
	}
	for _, r := range c.flows {
		goneIDs(gone, r.v.ID, &r.v.Common)
	}
	c.links = unlink(m, gone, false)
	if len(c.elements) > 0 {
		ids := make([]string, len(c.elements))
		for i, r := range c.elements {
			ids[i] = r.v.ID
		}
		d.elementsMoved(c.elements[0].at, 0, ids...)
	}
	d.flowsRemoved(values(c.flows)...)
	return nil
}

func values[T any](rs []removed[T]) []T {
	out := make([]T, len(rs))
	for i, r := range rs {
		out[i] = r.v
	}
	return out
}

func (c *deleteCmd) Undo(m *Model) {
	d := m.Diagram(c.diagram)
	d.Elements = putBack(d.Elements, c.elements)
	d.Flows = putBack(d.Flows, c.flows)
	d.Boundaries = putBack(d.Boundaries, c.boundaries)
	relink(c.links)
	if len(c.elements) > 0 {
		d.elementsMoved(c.elements[0].at, len(c.elements))
	}
	d.flowsAdded(values(c.flows)...)
}

// take removes the items for which out is true, keeping the others'
// order, and returns them with their former positions in ascending order.
func take[T any](s []T, out func(i int, v T) bool) ([]removed[T], []T) {
	var taken []removed[T]
	for i, v := range s {
		if out(i, v) {
			taken = append(taken, removed[T]{i, v})
		}
	}
	if len(taken) == 0 {
		return nil, s
	}
	kept := make([]T, 0, len(s)-len(taken))
	for i, v := range s {
		if !out(i, v) {
			kept = append(kept, v)
		}
	}
	return taken, kept
}

// putBack reverses take: inserting in ascending order of position puts each
// item exactly where it was.
func putBack[T any](s []T, rs []removed[T]) []T {
	for _, r := range rs {
		s = insertAt(s, r.at, r.v)
	}
	return s
}

type reorderCmd struct {
	diagram string
	ids     []string
	toFront bool
	moved   []removed[*Element] // former positions, ascending
}

// Reorder brings elements to the front (drawn last) or sends them to the
// back, keeping their order among themselves.
func Reorder(diagramID string, ids []string, toFront bool) Command {
	return &reorderCmd{diagram: diagramID, ids: slices.Clone(ids), toFront: toFront}
}

func (c *reorderCmd) Label() string {
	if c.toFront {
		return "Bring to front"
	}
	return "Send to back"
}

func (c *reorderCmd) Do(m *Model) error {
	d, err := diagramOf(m, c.diagram)
	if err != nil {
		return fmt.Errorf("reorder: %w", err)
	}
	at := map[int]bool{}
	for _, id := range c.ids {
		i := d.ElementIndex(id)
		if i < 0 {
			return fmt.Errorf("reorder: element %s in diagram %s: %w", excerpt(id), excerpt(d.ID), errNotFound)
		}
		at[i] = true
	}
	var rest []*Element
	c.moved, rest = take(d.Elements, func(i int, _ *Element) bool { return at[i] })
	block := make([]*Element, len(c.moved))
	for k, r := range c.moved {
		block[k] = r.v
	}
	if c.toFront {
		d.Elements = append(rest, block...)
	} else {
		d.Elements = append(block, rest...)
	}
	d.elementsMoved(c.changedFrom(), 0)
	return nil
}

// changedFrom is the first position Reorder changes.
func (c *reorderCmd) changedFrom() int {
	if c.toFront {
		return c.moved[0].at
	}
	return 0
}

func (c *reorderCmd) Undo(m *Model) {
	d := m.Diagram(c.diagram)
	n := len(c.moved)
	var rest []*Element
	if c.toFront {
		rest = slices.Clone(d.Elements[:len(d.Elements)-n])
	} else {
		rest = slices.Clone(d.Elements[n:])
	}
	d.Elements = putBack(rest, c.moved)
	d.elementsMoved(c.changedFrom(), 0)
}
