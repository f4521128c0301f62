package model

import (
	"fmt"
	"slices"
)

// setCmd overwrites one value of the document (a name, a rectangle, a list
// of points) and keeps the value it replaced for Undo. The commands that
// follow a drag merge: the first keeps its old value and takes the last new one.
type setCmd[T any] struct {
	op      string // what is set; merging needs the same op, diagram and ID
	label   string
	diagram string
	id      string
	value   T
	old     T
	// field locates the value in the document, or says why it cannot.
	field func(m *Model) (*T, error)
	// check says why value is not allowed there, when it is not.
	check func(T) error
}

func (c *setCmd[T]) Label() string { return c.label }

func (c *setCmd[T]) Do(m *Model) error {
	p, err := c.field(m)
	if err == nil && c.check != nil {
		err = c.check(c.value)
	}
	if err == nil {
		err = checkSizes(c.value) // a file with a longer text or list would not load again
	}
	if err != nil {
		return fmt.Errorf("%s: %w", c.op, err)
	}
	c.old, *p = *p, c.value
	return nil
}

func (c *setCmd[T]) Undo(m *Model) {
	if p, err := c.field(m); err == nil {
		*p = c.old
	}
}

func (c *setCmd[T]) Merge(next Command) bool {
	n, ok := next.(*setCmd[T])
	if !ok || n.op != c.op || n.diagram != c.diagram || n.id != c.id {
		return false
	}
	c.value = n.value
	return true
}

// Resize sets the bounds of an element or of a box boundary. Resizes of the
// same object merge, so one drag of a handle is one undo step.
func Resize(diagramID, id string, bounds Rect) Command {
	return &setCmd[Rect]{op: "resize", label: "Resize", diagram: diagramID, id: id, value: bounds,
		check: checkRect,
		field: func(m *Model) (*Rect, error) {
			d, err := diagramOf(m, diagramID)
			if err != nil {
				return nil, err
			}
			if e := d.Element(id); e != nil {
				return &e.Bounds, nil
			}
			if b := d.Boundary(id); b != nil && b.Shape == BoundaryBox {
				return &b.Bounds, nil
			}
			return nil, fmt.Errorf("element or box boundary %s in diagram %s: %w", excerpt(id), excerpt(diagramID), errNotFound)
		}}
}

// Rename sets the name of an element, flow or boundary.
func Rename(diagramID, id, name string) Command {
	return &setCmd[string]{op: "rename", label: "Rename", diagram: diagramID, id: id, value: name,
		field: func(m *Model) (*string, error) {
			d, err := diagramOf(m, diagramID)
			if err != nil {
				return nil, err
			}
			if b := d.Boundary(id); b != nil {
				return &b.Name, nil
			}
			c, err := commonOf(d, id)
			if err != nil {
				return nil, err
			}
			return &c.Name, nil
		}}
}

// commonField locates a field of an element's or flow's common part.
func commonField[T any](diagramID, id string, f func(*Common) *T) func(m *Model) (*T, error) {
	return func(m *Model) (*T, error) {
		d, err := diagramOf(m, diagramID)
		if err != nil {
			return nil, err
		}
		c, err := commonOf(d, id)
		if err != nil {
			return nil, err
		}
		return f(c), nil
	}
}

// SetControls replaces the security controls table of an element or flow.
func SetControls(diagramID, id string, controls []Control) Command {
	return &setCmd[[]Control]{op: "set controls", label: "Edit controls", diagram: diagramID, id: id,
		value: nilIfEmpty(slices.Clone(controls)),
		field: commonField(diagramID, id, func(c *Common) *[]Control { return &c.Controls })}
}

// SetTags replaces the tags of an element or flow.
func SetTags(diagramID, id string, tags []string) Command {
	return &setCmd[[]string]{op: "set tags", label: "Edit tags", diagram: diagramID, id: id,
		value: nilIfEmpty(slices.Clone(tags)),
		field: commonField(diagramID, id, func(c *Common) *[]string { return &c.Tags })}
}

// nilIfEmpty makes "no items" one value, so that an emptied list and a list
// never set look the same in the document.
func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

func flowField[T any](diagramID, flowID string, f func(*Flow) *T) func(m *Model) (*T, error) {
	return func(m *Model) (*T, error) {
		d, err := diagramOf(m, diagramID)
		if err != nil {
			return nil, err
		}
		fl := d.Flow(flowID)
		if fl == nil {
			return nil, fmt.Errorf("flow %s in diagram %s: %w", excerpt(flowID), excerpt(diagramID), errNotFound)
		}
		return f(fl), nil
	}
}

// SetWaypoints sets the bends of a flow. Successive calls for the same flow
// merge into one undo step.
func SetWaypoints(diagramID, flowID string, pts []Point) Command {
	return &setCmd[[]Point]{op: "set waypoints", label: "Reroute flow", diagram: diagramID, id: flowID,
		value: nilIfEmpty(slices.Clone(pts)), check: checkPoints,
		field: flowField(diagramID, flowID, func(f *Flow) *[]Point { return &f.Waypoints })}
}

// MoveLabel sets how far a flow's label sits from the middle of the flow.
// Successive calls for the same flow merge into one undo step.
func MoveLabel(diagramID, flowID string, offset Point) Command {
	return &setCmd[Point]{op: "move label", label: "Move label", diagram: diagramID, id: flowID,
		value: offset, check: func(p Point) error { return checkPoints([]Point{p}) },
		field: flowField(diagramID, flowID, func(f *Flow) *Point { return &f.LabelOffset })}
}

// SetPoints sets the points of a line boundary (at least two). Successive
// calls for the same boundary merge into one undo step.
func SetPoints(diagramID, boundaryID string, pts []Point) Command {
	return &setCmd[[]Point]{op: "set points", label: "Reshape boundary", diagram: diagramID, id: boundaryID,
		value: slices.Clone(pts),
		check: func(pts []Point) error { return checkBoundary(BoundaryLine, pts, Rect{}) },
		field: func(m *Model) (*[]Point, error) {
			d, err := diagramOf(m, diagramID)
			if err != nil {
				return nil, err
			}
			if b := d.Boundary(boundaryID); b != nil && b.Shape == BoundaryLine {
				return &b.Points, nil
			}
			return nil, fmt.Errorf("line boundary %s in diagram %s: %w", excerpt(boundaryID), excerpt(diagramID), errNotFound)
		}}
}

// RenameDiagram sets a diagram's title (its use case).
func RenameDiagram(id, title string) Command {
	return &setCmd[string]{op: "rename diagram", label: "Rename diagram", id: id, value: title,
		field: func(m *Model) (*string, error) {
			d, err := diagramOf(m, id)
			if err != nil {
				return nil, err
			}
			return &d.Title, nil
		}}
}

// SetChecklist chooses the checklist a diagram's elements are walked
// through: "stride", "linddun" or the ID of a user's own checklist.
func SetChecklist(id, checklist string) Command {
	return &setCmd[string]{op: "choose checklist", label: "Choose checklist", id: id, value: checklist,
		field: func(m *Model) (*string, error) {
			d, err := diagramOf(m, id)
			if err != nil {
				return nil, err
			}
			return &d.Checklist, nil
		}}
}

// Info is the model's own metadata, edited as one.
type Info struct {
	Title          string
	Owner          string
	Description    string
	Scope          string
	Classification string
	Version        string
	NextSession    Date
}

// Info returns the model's metadata.
func (m *Model) Info() Info {
	return Info{m.Title, m.Owner, m.Description, m.Scope, m.Classification, m.Version, m.NextSession}
}

func (m *Model) setInfo(i Info) {
	m.Title, m.Owner, m.Description, m.Scope = i.Title, i.Owner, i.Description, i.Scope
	m.Classification, m.Version, m.NextSession = i.Classification, i.Version, i.NextSession
}

type setInfoCmd struct{ info, old Info }

// SetInfo replaces the model's metadata: title, owner, description, scope,
// classification, version and next session date.
func SetInfo(info Info) Command { return &setInfoCmd{info: info} }

func (c *setInfoCmd) Label() string { return "Edit model details" }

func (c *setInfoCmd) Do(m *Model) error {
	if err := checkSizes(c.info); err != nil {
		return fmt.Errorf("edit model details: %w", err)
	}
	c.old = m.Info()
	m.setInfo(c.info)
	return nil
}

func (c *setInfoCmd) Undo(m *Model) { m.setInfo(c.old) }

// Merge absorbs the next edit of the details (typing into one of them).
func (c *setInfoCmd) Merge(next Command) bool {
	n, ok := next.(*setInfoCmd)
	if ok {
		c.info = n.info
	}
	return ok
}

type setPropCmd struct {
	diagram, id, key string
	value, old       any
}

// SetProp sets an analysis property of an element or flow by its key in the
// property table (ElementProperties, FlowProperties).
func SetProp(diagramID, id, key string, value any) Command {
	return &setPropCmd{diagram: diagramID, id: id, key: key, value: value}
}

func (c *setPropCmd) Label() string {
	for _, table := range [][]Property{elementProperties, flowProperties} {
		for _, p := range table {
			if p.Key == c.key {
				return "Set " + p.Label
			}
		}
	}
	return "Set property"
}

func (c *setPropCmd) Do(m *Model) error {
	if err := checkSizes(c.value); err != nil {
		return fmt.Errorf("set property %s: %w", c.key, err)
	}
	d, err := diagramOf(m, c.diagram)
	if err != nil {
		return fmt.Errorf("set property: %w", err)
	}
	if e := d.Element(c.id); e != nil {
		old, ok := e.Prop(c.key)
		if !ok {
			return fmt.Errorf("set property: %s %s has no property %s", e.Kind, excerpt(c.id), excerpt(c.key))
		}
		if err := e.SetProp(c.key, c.value); err != nil {
			return fmt.Errorf("set property of %s: %w", excerpt(c.id), err)
		}
		c.old = old
		return nil
	}
	if f := d.Flow(c.id); f != nil {
		old, ok := f.Prop(c.key)
		if !ok {
			return fmt.Errorf("set property: flow %s has no property %s", excerpt(c.id), excerpt(c.key))
		}
		if err := f.SetProp(c.key, c.value); err != nil {
			return fmt.Errorf("set property of %s: %w", excerpt(c.id), err)
		}
		c.old = old
		return nil
	}
	return fmt.Errorf("set property: element or flow %s in diagram %s: %w", excerpt(c.id), excerpt(c.diagram), errNotFound)
}

// Merge absorbs the next setting of the same property of the same object
// (typing into its field).
func (c *setPropCmd) Merge(next Command) bool {
	n, ok := next.(*setPropCmd)
	if !ok || n.diagram != c.diagram || n.id != c.id || n.key != c.key {
		return false
	}
	c.value = n.value
	return true
}

func (c *setPropCmd) Undo(m *Model) {
	d := m.Diagram(c.diagram)
	if e := d.Element(c.id); e != nil {
		_ = e.SetProp(c.key, c.old) // the value it had: always valid
	} else if f := d.Flow(c.id); f != nil {
		_ = f.SetProp(c.key, c.old)
	}
}
