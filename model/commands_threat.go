package model

import (
	"fmt"
	"slices"
)

type addThreatCmd struct {
	diagram, target string
	t               *Threat
}

// AddThreat records t against an element or flow. A threat without an ID is
// given a fresh one.
func AddThreat(diagramID, targetID string, t *Threat) Command {
	if t.ID == "" {
		t.ID = NewID()
	}
	return &addThreatCmd{diagram: diagramID, target: targetID, t: t}
}

func (c *addThreatCmd) Label() string { return "Add threat" }

func (c *addThreatCmd) Do(m *Model) error {
	tc, err := threatTarget(m, c.diagram, c.target)
	if err != nil {
		return fmt.Errorf("add threat: %w", err)
	}
	if m.hasID(c.t.ID) {
		return fmt.Errorf("add threat: ID %q is already taken", c.t.ID)
	}
	if err := checkThreat(m, c.t); err != nil {
		return fmt.Errorf("add threat %q: %w", c.t.ID, err)
	}
	tc.Threats = append(tc.Threats, c.t)
	return nil
}

func (c *addThreatCmd) Undo(m *Model) {
	if tc, err := threatTarget(m, c.diagram, c.target); err == nil {
		if i := slices.Index(tc.Threats, c.t); i >= 0 {
			tc.Threats = nilIfEmpty(removeAt(tc.Threats, i))
		}
	}
}

func threatTarget(m *Model, diagramID, targetID string) (*Common, error) {
	d, err := diagramOf(m, diagramID)
	if err != nil {
		return nil, err
	}
	return commonOf(d, targetID)
}

type editThreatCmd struct {
	diagram, target string
	t, old          *Threat
}

// EditThreat replaces the threat with t's ID on an element or flow by a copy of t.
func EditThreat(diagramID, targetID string, t Threat) Command {
	return &editThreatCmd{diagram: diagramID, target: targetID, t: &t}
}

func (c *editThreatCmd) Label() string { return "Edit threat" }

func (c *editThreatCmd) Do(m *Model) error {
	tc, err := threatTarget(m, c.diagram, c.target)
	if err != nil {
		return fmt.Errorf("edit threat: %w", err)
	}
	i := threatIn(tc.Threats, c.t.ID)
	if i < 0 {
		return fmt.Errorf("edit threat: threat %q on %q: %w", c.t.ID, c.target, errNotFound)
	}
	if err := checkThreat(m, c.t); err != nil {
		return fmt.Errorf("edit threat %q: %w", c.t.ID, err)
	}
	c.old, tc.Threats[i] = tc.Threats[i], c.t
	return nil
}

func (c *editThreatCmd) Undo(m *Model) {
	if tc, err := threatTarget(m, c.diagram, c.target); err == nil {
		if i := slices.Index(tc.Threats, c.t); i >= 0 {
			tc.Threats[i] = c.old
		}
	}
}

type deleteThreatCmd struct {
	diagram, target, id string
	old                 removed[*Threat]
	links               []link
}

// DeleteThreat removes a threat from an element or flow. Actions and attack
// trees that referred to it forget it; Undo restores them.
func DeleteThreat(diagramID, targetID, threatID string) Command {
	return &deleteThreatCmd{diagram: diagramID, target: targetID, id: threatID}
}

func (c *deleteThreatCmd) Label() string { return "Delete threat" }

func (c *deleteThreatCmd) Do(m *Model) error {
	tc, err := threatTarget(m, c.diagram, c.target)
	if err != nil {
		return fmt.Errorf("delete threat: %w", err)
	}
	i := threatIn(tc.Threats, c.id)
	if i < 0 {
		return fmt.Errorf("delete threat: threat %q on %q: %w", c.id, c.target, errNotFound)
	}
	c.old = removed[*Threat]{i, tc.Threats[i]}
	tc.Threats = nilIfEmpty(removeAt(tc.Threats, i))
	c.links = unlink(m, map[string]bool{c.id: true}, false)
	return nil
}

func (c *deleteThreatCmd) Undo(m *Model) {
	if tc, err := threatTarget(m, c.diagram, c.target); err == nil {
		tc.Threats = insertAt(tc.Threats, c.old.at, c.old.v)
	}
	relink(c.links)
}

type dismissCmd struct {
	diagram, target, rule string
	dismissed             bool
	old                   []string
}

// Dismiss marks a rule's suggestion for an element or flow as not applicable
// (dismissed true), or offers it again (false). Dismissing what is already
// dismissed changes nothing.
func Dismiss(diagramID, targetID, ruleID string, dismissed bool) Command {
	return &dismissCmd{diagram: diagramID, target: targetID, rule: ruleID, dismissed: dismissed}
}

func (c *dismissCmd) Label() string {
	if c.dismissed {
		return "Dismiss suggestion"
	}
	return "Restore suggestion"
}

func (c *dismissCmd) Do(m *Model) error {
	tc, err := threatTarget(m, c.diagram, c.target)
	if err != nil {
		return fmt.Errorf("dismiss: %w", err)
	}
	if c.rule == "" {
		return fmt.Errorf("dismiss on %q: no rule ID", c.target)
	}
	c.old = tc.Dismissed
	i := slices.Index(tc.Dismissed, c.rule)
	switch {
	case c.dismissed && i < 0:
		tc.Dismissed = append(slices.Clip(tc.Dismissed), c.rule)
	case !c.dismissed && i >= 0:
		tc.Dismissed = nilIfEmpty(slices.Delete(slices.Clone(tc.Dismissed), i, i+1))
	}
	return nil
}

func (c *dismissCmd) Undo(m *Model) {
	if tc, err := threatTarget(m, c.diagram, c.target); err == nil {
		tc.Dismissed = c.old
	}
}

// checkThreat tells why a threat's values would not load (a level or
// decision out of range), if they would not.
func checkThreat(m *Model, t *Threat) error {
	return firstProblem(m, func(v *validator) { v.common(&Common{Threats: []*Threat{t}}, 0, "elements", 0) })
}
