package model

// Toucher is a Command that edits objects of one diagram in place, so that
// a view of the diagram can redraw only those: it adds, deletes and reorders
// nothing, leaves every flow's ends where they are, keeps every object the
// same value in memory and changes no diagram's own fields. (It may change
// what lies outside the diagrams, such as an action that referred to a
// deleted threat.) Touched is valid after Do and names the same objects for
// Undo; ok is false when the command cannot say, and a view then redraws
// everything. A command that does not implement Toucher is treated so too.
type Toucher interface {
	Command
	Touched() (diagramID string, ids []string, ok bool)
}

var (
	_ Toucher = (*setCmd[string])(nil)
	_ Toucher = (*setPropCmd)(nil)
	_ Toucher = (*moveCmd)(nil)
	_ Toucher = (*addThreatCmd)(nil)
	_ Toucher = (*editThreatCmd)(nil)
	_ Toucher = (*deleteThreatCmd)(nil)
	_ Toucher = (*dismissCmd)(nil)
	_ Toucher = (*addThreatsCmd)(nil)
	_ Toucher = (*batchCmd)(nil)
)

// Touched names the object when the value set is a field of an element,
// flow or boundary; a diagram's background, title or checklist and the
// model's own fields are not.
func (c *setCmd[T]) Touched() (string, []string, bool) {
	if c.diagram == "" || c.id == "" {
		return "", nil, false
	}
	return c.diagram, []string{c.id}, true
}

func (c *setPropCmd) Touched() (string, []string, bool) {
	return c.diagram, []string{c.id}, true
}

// Touched names what moves: the selection and the flows whose waypoints
// follow it.
func (c *moveCmd) Touched() (string, []string, bool) {
	if !c.recorded {
		return "", nil, false
	}
	ids := make([]string, len(c.items))
	for i, it := range c.items {
		ids[i] = it.id
	}
	return c.diagram, ids, true
}

// The threat commands change the threats of one element or flow, which its
// open-threat badge counts.

func (c *addThreatCmd) Touched() (string, []string, bool) {
	return c.diagram, []string{c.target}, true
}

func (c *editThreatCmd) Touched() (string, []string, bool) {
	return c.diagram, []string{c.target}, true
}

func (c *deleteThreatCmd) Touched() (string, []string, bool) {
	return c.diagram, []string{c.target}, true
}

func (c *dismissCmd) Touched() (string, []string, bool) {
	return c.diagram, []string{c.target}, true
}

// Touched names the targets when every threat goes to the same diagram.
func (c *addThreatsCmd) Touched() (string, []string, bool) {
	if len(c.adds) == 0 {
		return "", nil, false
	}
	d := c.adds[0].DiagramID
	seen := make(map[string]bool, len(c.adds))
	ids := make([]string, 0, len(c.adds))
	for _, a := range c.adds {
		if a.DiagramID != d {
			return "", nil, false
		}
		if !seen[a.TargetID] {
			seen[a.TargetID] = true
			ids = append(ids, a.TargetID)
		}
	}
	return d, ids, true
}

// Touched is the union of the parts' when each part can say and all edit
// the same diagram.
func (c *batchCmd) Touched() (string, []string, bool) {
	var (
		diagram string
		ids     []string
	)
	for i, sub := range c.cmds {
		t, ok := sub.(Toucher)
		if !ok {
			return "", nil, false
		}
		d, sids, ok := t.Touched()
		if !ok || (i > 0 && d != diagram) {
			return "", nil, false
		}
		diagram = d
		ids = append(ids, sids...)
	}
	if len(c.cmds) == 0 {
		return "", nil, false
	}
	return diagram, ids, true
}
