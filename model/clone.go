package model

import "slices"

// Clone returns a deep copy of m: editing the copy never changes m. The
// copy's lookup indexes are built, as lookups otherwise build them on first
// use: goroutines may read the copy at once while nobody changes it.
func (m *Model) Clone() *Model {
	c := *m
	c.Sessions = cloneEach(m.Sessions, func(s *Session) *Session {
		s2 := *s
		s2.Participants = slices.Clone(s.Participants)
		return &s2
	})
	c.Diagrams = cloneEach(m.Diagrams, (*Diagram).clone)
	c.AttackTrees = cloneEach(m.AttackTrees, (*AttackTree).clone)
	c.Actions = cloneEach(m.Actions, func(a *Action) *Action { a2 := *a; return &a2 })
	return &c
}

// cloneEach copies a slice of pointers and what they point to; nil stays nil.
func cloneEach[T any](s []*T, clone func(*T) *T) []*T {
	if s == nil {
		return nil
	}
	out := make([]*T, len(s))
	for i, v := range s {
		if v != nil {
			out[i] = clone(v)
		}
	}
	return out
}

func (d *Diagram) clone() *Diagram {
	c := &Diagram{ID: d.ID, Title: d.Title, Description: d.Description, Checklist: d.Checklist, Parent: d.Parent}
	if d.Background != nil {
		bg := *d.Background
		c.Background = &bg
	}
	c.Elements = cloneEach(d.Elements, (*Element).clone)
	c.Flows = cloneEach(d.Flows, (*Flow).clone)
	c.Boundaries = cloneEach(d.Boundaries, (*Boundary).clone)
	c.Reindex()
	c.flowIndex()
	return c
}

func (e *Element) clone() *Element {
	c := *e
	c.Common = e.Common.clone()
	return &c
}

func (f *Flow) clone() *Flow {
	c := *f
	c.Waypoints = slices.Clone(f.Waypoints)
	c.Common = f.Common.clone()
	return &c
}

func (b *Boundary) clone() *Boundary {
	c := *b
	c.Points = slices.Clone(b.Points)
	return &c
}

func (c Common) clone() Common {
	c.Tags = slices.Clone(c.Tags)
	c.Controls = slices.Clone(c.Controls)
	c.Threats = cloneEach(c.Threats, func(t *Threat) *Threat { t2 := *t; return &t2 })
	c.Dismissed = slices.Clone(c.Dismissed)
	c.Discussed = slices.Clone(c.Discussed)
	return c
}

func (t *AttackTree) clone() *AttackTree {
	c := *t
	if t.Root != nil {
		c.Root = t.Root.clone()
	}
	return &c
}

func (n *Node) clone() *Node {
	c := *n
	c.Countermeasures = slices.Clone(n.Countermeasures)
	c.Children = cloneEach(n.Children, (*Node).clone)
	return &c
}
