package model

import (
	"errors"
	"fmt"
	"slices"
)

type addDiagramCmd struct{ d *Diagram }

// AddDiagram appends a diagram (a use case). A diagram without an ID is
// given a fresh one.
func AddDiagram(d *Diagram) Command {
	if d.ID == "" {
		d.ID = NewID()
	}
	return &addDiagramCmd{d: d}
}

func (c *addDiagramCmd) Label() string { return "Add diagram" }

func (c *addDiagramCmd) Do(m *Model) error {
	if err := firstError(room(len(m.Diagrams), DefaultLimits.Diagrams, "diagrams"), checkSizes(c.d)); err != nil {
		return fmt.Errorf("add diagram %s: %w", excerpt(c.d.ID), err)
	}
	if err := freshIDs(m, c.d); err != nil {
		return fmt.Errorf("add diagram: %w", err)
	}
	if err := firstError(
		firstProblem(m, func(v *validator) { v.diagram(c.d, len(m.Diagrams)) }),
		parentCycle(m, c.d),
	); err != nil {
		return fmt.Errorf("add diagram %s: %w", excerpt(c.d.ID), err)
	}
	m.Diagrams = append(m.Diagrams, c.d)
	return nil
}

func (c *addDiagramCmd) Undo(m *Model) {
	if i := slices.Index(m.Diagrams, c.d); i >= 0 {
		m.Diagrams = removeAt(m.Diagrams, i)
	}
}

type deleteDiagramCmd struct {
	id    string
	old   removed[*Diagram]
	links []link
}

// DeleteDiagram removes a diagram. References to it and to what it holds
// (a multi-process's child, a child diagram's parent, an attack tree's
// target, an action's threat) are cleared; Undo restores them.
func DeleteDiagram(id string) Command { return &deleteDiagramCmd{id: id} }

func (c *deleteDiagramCmd) Label() string { return "Delete diagram" }

func (c *deleteDiagramCmd) Do(m *Model) error {
	i := slices.IndexFunc(m.Diagrams, func(d *Diagram) bool { return d.ID == c.id })
	if i < 0 {
		return fmt.Errorf("delete diagram %s: %w", excerpt(c.id), errNotFound)
	}
	d := m.Diagrams[i]
	c.old = removed[*Diagram]{i, d}
	m.Diagrams = removeAt(m.Diagrams, i)
	gone := map[string]bool{d.ID: true}
	for _, e := range d.Elements {
		goneIDs(gone, e.ID, &e.Common)
	}
	for _, f := range d.Flows {
		goneIDs(gone, f.ID, &f.Common)
	}
	c.links = unlink(m, gone, true)
	return nil
}

func (c *deleteDiagramCmd) Undo(m *Model) {
	m.Diagrams = insertAt(m.Diagrams, c.old.at, c.old.v)
	relink(c.links)
}

type addTreeCmd struct{ t *AttackTree }

// AddAttackTree appends an attack tree. A tree without an ID is given a fresh one.
func AddAttackTree(t *AttackTree) Command {
	if t.ID == "" {
		t.ID = NewID()
	}
	return &addTreeCmd{t: t}
}

func (c *addTreeCmd) Label() string { return "Add attack tree" }

func (c *addTreeCmd) Do(m *Model) error {
	if err := room(len(m.AttackTrees), DefaultLimits.AttackTrees, "attack trees"); err != nil {
		return fmt.Errorf("add attack tree: %w", err)
	}
	if m.hasID(c.t.ID) {
		return fmt.Errorf("add attack tree: ID %s is already taken", excerpt(c.t.ID))
	}
	if err := checkTree(m, c.t, nil); err != nil {
		return fmt.Errorf("add attack tree %s: %w", excerpt(c.t.ID), err)
	}
	m.AttackTrees = append(m.AttackTrees, c.t)
	return nil
}

func (c *addTreeCmd) Undo(m *Model) {
	if i := slices.Index(m.AttackTrees, c.t); i >= 0 {
		m.AttackTrees = removeAt(m.AttackTrees, i)
	}
}

type editTreeCmd struct{ t, old *AttackTree }

// EditAttackTree replaces the attack tree with t's ID by a deep copy of t,
// so that the editor may go on changing its own tree.
func EditAttackTree(t *AttackTree) Command { return &editTreeCmd{t: t.clone()} }

func (c *editTreeCmd) Label() string { return "Edit attack tree" }

func (c *editTreeCmd) Do(m *Model) error {
	i := slices.IndexFunc(m.AttackTrees, func(t *AttackTree) bool { return t.ID == c.t.ID })
	if i < 0 {
		return fmt.Errorf("edit attack tree %s: %w", excerpt(c.t.ID), errNotFound)
	}
	if err := checkTree(m, c.t, m.AttackTrees[i]); err != nil {
		return fmt.Errorf("edit attack tree %s: %w", excerpt(c.t.ID), err)
	}
	c.old, m.AttackTrees[i] = m.AttackTrees[i], c.t
	return nil
}

func (c *editTreeCmd) Undo(m *Model) {
	if i := slices.Index(m.AttackTrees, c.t); i >= 0 {
		m.AttackTrees[i] = c.old
	}
}

type deleteTreeCmd struct {
	id  string
	old removed[*AttackTree]
}

// DeleteAttackTree removes an attack tree.
func DeleteAttackTree(id string) Command { return &deleteTreeCmd{id: id} }

func (c *deleteTreeCmd) Label() string { return "Delete attack tree" }

func (c *deleteTreeCmd) Do(m *Model) error {
	i := slices.IndexFunc(m.AttackTrees, func(t *AttackTree) bool { return t.ID == c.id })
	if i < 0 {
		return fmt.Errorf("delete attack tree %s: %w", excerpt(c.id), errNotFound)
	}
	c.old = removed[*AttackTree]{i, m.AttackTrees[i]}
	m.AttackTrees = removeAt(m.AttackTrees, i)
	return nil
}

func (c *deleteTreeCmd) Undo(m *Model) {
	m.AttackTrees = insertAt(m.AttackTrees, c.old.at, c.old.v)
}

type openCmd struct {
	diagram, element string
	child            *Diagram
}

// AddChildDiagram adds the diagram a multi-process opens into ("go in depth
// into the services behind the double circle"): child becomes a new diagram
// whose parent is the element, and the element opens it. The element must
// be a multi-process that does not open a diagram yet. A child without an
// ID is given a fresh one.
func AddChildDiagram(diagramID, elementID string, child *Diagram) Command {
	if child.ID == "" {
		child.ID = NewID()
	}
	child.Parent = elementID
	return &openCmd{diagram: diagramID, element: elementID, child: child}
}

func (c *openCmd) Label() string { return "Open in depth" }

func (c *openCmd) Do(m *Model) error {
	d, err := diagramOf(m, c.diagram)
	if err != nil {
		return fmt.Errorf("open in depth: %w", err)
	}
	e := d.Element(c.element)
	switch {
	case e == nil:
		return fmt.Errorf("open in depth: element %s in diagram %s: %w", excerpt(c.element), excerpt(c.diagram), errNotFound)
	case e.Kind != MultiProcess:
		return fmt.Errorf("open in depth: %s is a %s; only a multi-process opens into a diagram", excerpt(c.element), e.Kind)
	case e.Child != "":
		return fmt.Errorf("open in depth: multi-process %s already opens diagram %s", excerpt(c.element), excerpt(e.Child))
	}
	if err := firstError(room(len(m.Diagrams), DefaultLimits.Diagrams, "diagrams"), checkSizes(c.child)); err != nil {
		return fmt.Errorf("open in depth %s: %w", excerpt(c.child.ID), err)
	}
	if err := freshIDs(m, c.child); err != nil {
		return fmt.Errorf("open in depth: %w", err)
	}
	if err := firstError(
		firstProblem(m, func(v *validator) { v.diagram(c.child, len(m.Diagrams)) }),
		parentCycle(m, c.child),
	); err != nil {
		return fmt.Errorf("open in depth %s: %w", excerpt(c.child.ID), err)
	}
	m.Diagrams = append(m.Diagrams, c.child)
	e.Child = c.child.ID
	return nil
}

func (c *openCmd) Undo(m *Model) {
	if i := slices.Index(m.Diagrams, c.child); i >= 0 {
		m.Diagrams = removeAt(m.Diagrams, i)
	}
	if d := m.Diagram(c.diagram); d != nil {
		if e := d.Element(c.element); e != nil {
			e.Child = ""
		}
	}
}

// checkTree tells why tree would not load in place of old (nil when it is
// new): a node ID used twice or elsewhere in the model, a missing root, a
// value out of range, a tree too deep, an unknown target.
func checkTree(m *Model, tree, old *AttackTree) error {
	if err := checkSizes(tree); err != nil {
		return err
	}
	mine := map[string]bool{}
	if old != nil {
		old.Root.eachID(func(id string) { mine[id] = true })
	}
	seen := map[string]bool{tree.ID: true}
	var err error
	tree.Root.eachID(func(id string) {
		switch {
		case err != nil:
		case id == "":
			err = fmt.Errorf("a node has no ID")
		case seen[id] || !mine[id] && m.hasID(id):
			err = fmt.Errorf("node ID %s is already taken", excerpt(id))
		}
		seen[id] = true
	})
	if err != nil {
		return err
	}
	return firstProblem(m, func(v *validator) { v.tree(tree, len(m.AttackTrees)) })
}

func (n *Node) eachID(fn func(string)) {
	if n == nil {
		return
	}
	fn(n.ID)
	for _, c := range n.Children {
		c.eachID(fn)
	}
}

// parentCycle tells whether adding d to the model would make the parents of
// diagrams lead in a circle, which Decode refuses. A new diagram's
// elements are new, so only a parent that names none of the model's
// elements (which a loaded model has not) could lead back to it.
func parentCycle(m *Model, d *Diagram) error {
	var ps problems
	grown := &Model{Diagrams: append(slices.Clip(m.Diagrams), d)}
	v := validator{m: grown, ps: &ps, lim: DefaultLimits}
	v.parentCycles()
	if r := ps.result(); len(r) > 0 {
		return errors.New(r[0].Msg)
	}
	return nil
}

// freshIDs tells which ID of a new diagram, or of what it holds, is taken
// in the model or used twice in the diagram, if one is.
func freshIDs(m *Model, d *Diagram) error {
	seen := map[string]bool{}
	fresh := func(id string) error {
		if seen[id] || m.hasID(id) {
			return fmt.Errorf("ID %s is already taken", excerpt(id))
		}
		seen[id] = true
		return nil
	}
	ids := []string{d.ID}
	for _, e := range d.Elements {
		ids = append(ids, e.ID)
		for _, t := range e.Threats {
			ids = append(ids, t.ID)
		}
	}
	for _, f := range d.Flows {
		ids = append(ids, f.ID)
		for _, t := range f.Threats {
			ids = append(ids, t.ID)
		}
	}
	for _, b := range d.Boundaries {
		ids = append(ids, b.ID)
	}
	for _, id := range ids {
		if err := fresh(id); err != nil {
			return err
		}
	}
	return nil
}
