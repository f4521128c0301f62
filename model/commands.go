package model

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// The edit commands. Each constructor returns a Command that addresses the
// objects it edits by ID. Do checks everything before it changes anything,
// so a failing Do leaves the document untouched; it records what it replaces
// so that Undo restores the exact former values, slices and positions.
// A command is redone by calling Do again on the document as Undo left it.

// errNotFound is wrapped by every error about an unknown ID.
var errNotFound = errors.New("not found")

func diagramOf(m *Model, id string) (*Diagram, error) {
	if d := m.Diagram(id); d != nil {
		return d, nil
	}
	return nil, fmt.Errorf("diagram %s: %w", excerpt(id), errNotFound)
}

// commonOf finds the element or flow with the given ID.
func commonOf(d *Diagram, id string) (*Common, error) {
	if e := d.Element(id); e != nil {
		return &e.Common, nil
	}
	if f := d.Flow(id); f != nil {
		return &f.Common, nil
	}
	return nil, fmt.Errorf("element or flow %s in diagram %s: %w", excerpt(id), excerpt(d.ID), errNotFound)
}

// hasID reports whether any object of the model already carries id: IDs are
// unique across the whole document, as the file format requires.
func (m *Model) hasID(id string) bool {
	for _, s := range m.Sessions {
		if s.ID == id {
			return true
		}
	}
	for _, d := range m.Diagrams {
		if d.ID == id || d.Element(id) != nil || d.Flow(id) != nil || d.Boundary(id) != nil {
			return true
		}
		for _, e := range d.Elements {
			if threatIn(e.Threats, id) >= 0 {
				return true
			}
		}
		for _, f := range d.Flows {
			if threatIn(f.Threats, id) >= 0 {
				return true
			}
		}
	}
	for _, t := range m.AttackTrees {
		if t.ID == id || t.Root.hasID(id) {
			return true
		}
	}
	return slices.ContainsFunc(m.Actions, func(a *Action) bool { return a.ID == id })
}

func (n *Node) hasID(id string) bool {
	if n == nil {
		return false
	}
	return n.ID == id || slices.ContainsFunc(n.Children, func(c *Node) bool { return c.hasID(id) })
}

// firstProblem turns what the validator found about one new object into
// an error: an edit never makes a document that would not load.
func firstProblem(m *Model, check func(v *validator)) error {
	var ps problems
	check(&validator{m: m, ps: &ps, lim: DefaultLimits})
	if r := ps.result(); len(r) > 0 {
		return errors.New(r[0].Msg)
	}
	return nil
}

// room tells why a list that holds n items cannot take one more: a file
// holding more than limit would not load.
func room(n, limit int, what string) error {
	if n >= limit {
		return fmt.Errorf("there are already %d %s, the most a file can hold", n, what)
	}
	return nil
}

// firstError is the first of errs that is not nil: the checks of an edit
// in order, the first failing one reported.
func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// link is a reference that a deletion left pointing at nothing: a
// diagram's parent, a multi-process's child diagram, an attack tree's
// target, an action's threat. The deleting command clears it, so that the
// document stays valid, and its Undo restores it.
type link struct {
	field *string
	value string
}

// unlink clears every reference to an ID in gone. Element children are
// only scanned when diagrams went away (children name diagrams).
func unlink(m *Model, gone map[string]bool, diagramsGone bool) []link {
	if len(gone) == 0 {
		return nil
	}
	var ls []link
	clear := func(p *string) {
		if *p != "" && gone[*p] {
			ls = append(ls, link{p, *p})
			*p = ""
		}
	}
	for _, d := range m.Diagrams {
		clear(&d.Parent)
		if diagramsGone {
			for _, e := range d.Elements {
				clear(&e.Child)
			}
		}
	}
	for _, t := range m.AttackTrees {
		clear(&t.Target)
	}
	for _, a := range m.Actions {
		clear(&a.ThreatID)
	}
	return ls
}

func relink(ls []link) {
	for _, l := range ls {
		*l.field = l.value
	}
}

// goneIDs collects the IDs a deletion takes away with an element or flow:
// its own and those of its threats.
func goneIDs(gone map[string]bool, id string, c *Common) {
	gone[id] = true
	for _, t := range c.Threats {
		gone[t.ID] = true
	}
}

func threatIn(ts []*Threat, id string) int {
	return slices.IndexFunc(ts, func(t *Threat) bool { return t.ID == id })
}

// finite reports whether every value is a coordinate within MaxCoordinate
// of the origin (NaN is not).
func finite(vs ...float64) bool {
	for _, v := range vs {
		if !(math.Abs(v) <= MaxCoordinate) {
			return false
		}
	}
	return true
}

func checkRect(r Rect) error {
	if !finite(r.X, r.Y, r.W, r.H) || r.W <= 0 || r.H <= 0 {
		return fmt.Errorf("invalid bounds %v: want numbers within ±%g and a positive size", r, MaxCoordinate)
	}
	return nil
}

func checkPoints(pts []Point) error {
	for i, p := range pts {
		if !finite(p.X, p.Y) {
			return fmt.Errorf("invalid point %d %v: want numbers within ±%g", i, p, MaxCoordinate)
		}
	}
	return nil
}

// insertAt puts v at position i of s, shifting the rest back.
func insertAt[T any](s []T, i int, v T) []T { return slices.Insert(s, i, v) }

// removeAt takes the item at position i out of s.
func removeAt[T any](s []T, i int) []T {
	s = slices.Delete(s, i, i+1)
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

type batchCmd struct {
	label string
	cmds  []Command
}

// Batch groups commands into one undo step. Its Do runs them in order; when
// one fails, those already done are undone and the error is returned.
func Batch(label string, cmds ...Command) Command {
	return &batchCmd{label: label, cmds: slices.Clone(cmds)}
}

func (c *batchCmd) Label() string { return c.label }

func (c *batchCmd) Do(m *Model) error {
	for i, sub := range c.cmds {
		if err := sub.Do(m); err != nil {
			for j := i - 1; j >= 0; j-- {
				c.cmds[j].Undo(m)
			}
			return fmt.Errorf("%s: %w", c.label, err)
		}
	}
	return nil
}

func (c *batchCmd) Undo(m *Model) {
	for i := len(c.cmds) - 1; i >= 0; i-- {
		c.cmds[i].Undo(m)
	}
}
