package model

import "errors"

// DismissedCount counts the suggestions dismissed on every element and flow
// of the model: what RestoreDismissed would offer again.
func (m *Model) DismissedCount() int {
	n := 0
	for _, d := range m.Diagrams {
		for _, e := range d.Elements {
			n += len(e.Dismissed)
		}
		for _, f := range d.Flows {
			n += len(f.Dismissed)
		}
	}
	return n
}

// dismissedList is one element's or flow's dismissed rule IDs, by ID.
type dismissedList struct {
	diagram, target string
	rules           []string
}

type restoreDismissedCmd struct {
	old []dismissedList // what Do emptied, in document order
}

// RestoreDismissed offers every dismissed suggestion of the model again:
// it empties the dismissed list of every element and flow of every diagram.
// It fails, changing nothing, when nothing is dismissed.
func RestoreDismissed() Command { return &restoreDismissedCmd{} }

func (c *restoreDismissedCmd) Label() string { return "Restore dismissed suggestions" }

func (c *restoreDismissedCmd) Do(m *Model) error {
	if m.DismissedCount() == 0 {
		return errors.New("restore dismissed suggestions: none is dismissed")
	}
	c.old = c.old[:0]
	for _, d := range m.Diagrams {
		take := func(id string, obj *Common) {
			if len(obj.Dismissed) > 0 {
				c.old = append(c.old, dismissedList{d.ID, id, obj.Dismissed})
				obj.Dismissed = nil
			}
		}
		for _, e := range d.Elements {
			take(e.ID, &e.Common)
		}
		for _, f := range d.Flows {
			take(f.ID, &f.Common)
		}
	}
	return nil
}

func (c *restoreDismissedCmd) Undo(m *Model) {
	for _, l := range c.old {
		if tc, err := threatTarget(m, l.diagram, l.target); err == nil {
			tc.Dismissed = l.rules
		}
	}
}
