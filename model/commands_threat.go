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
	if err := firstError(room(len(tc.Threats), DefaultLimits.ListLength, "threats on it"), checkSizes(c.t)); err != nil {
		return fmt.Errorf("add threat %s: %w", excerpt(c.t.ID), err)
	}
	if m.hasID(c.t.ID) {
		return fmt.Errorf("add threat: ID %s is already taken", excerpt(c.t.ID))
	}
	if err := checkThreat(m, c.t); err != nil {
		return fmt.Errorf("add threat %s: %w", excerpt(c.t.ID), err)
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
		return fmt.Errorf("edit threat: threat %s on %s: %w", excerpt(c.t.ID), excerpt(c.target), errNotFound)
	}
	if err := firstError(checkSizes(c.t), checkThreat(m, c.t)); err != nil {
		return fmt.Errorf("edit threat %s: %w", excerpt(c.t.ID), err)
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
		return fmt.Errorf("delete threat: threat %s on %s: %w", excerpt(c.id), excerpt(c.target), errNotFound)
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
		return fmt.Errorf("dismiss on %s: no rule ID", excerpt(c.target))
	}
	i := slices.Index(tc.Dismissed, c.rule)
	if c.dismissed && i < 0 {
		if err := firstError(room(len(tc.Dismissed), DefaultLimits.ListLength, "dismissed suggestions on it"), checkSizes(c.rule)); err != nil {
			return fmt.Errorf("dismiss on %s: %w", excerpt(c.target), err)
		}
	}
	c.old = tc.Dismissed
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

// ThreatAdd is one threat for AddThreats and the element or flow it goes on.
type ThreatAdd struct {
	DiagramID, TargetID string
	Threat              *Threat
}

type addThreatsCmd struct {
	adds    []ThreatAdd
	targets []*Common // per add: where it went
}

// AddThreats adds many threats as one edit (the analysis's suggestions, all
// at once), in time linear in the model and the threats: AddThreat looks
// every ID of the model up again for each threat. It checks every threat
// before it adds any; a threat without an ID is given one.
func AddThreats(adds []ThreatAdd) Command {
	adds = slices.Clone(adds)
	for _, a := range adds {
		if a.Threat != nil && a.Threat.ID == "" {
			a.Threat.ID = NewID()
		}
	}
	return &addThreatsCmd{adds: adds}
}

func (c *addThreatsCmd) Label() string { return "Add threats" }

func (c *addThreatsCmd) Do(m *Model) error {
	var ps problems
	v := &validator{m: m, ps: &ps, lim: DefaultLimits}
	taken := map[string]bool{}
	v.eachID(false, func(id, _ string) { taken[id] = true })
	targets := make([]*Common, len(c.adds))
	added := map[*Common]int{} // threats this edit adds, per target
	for i, a := range c.adds {
		if a.Threat == nil {
			return fmt.Errorf("add threats: threat %d is missing", i)
		}
		tc, err := threatTarget(m, a.DiagramID, a.TargetID)
		if err != nil {
			return fmt.Errorf("add threats: %w", err)
		}
		if err := firstError(room(len(tc.Threats)+added[tc], DefaultLimits.ListLength, "threats on it"), checkSizes(a.Threat)); err != nil {
			return fmt.Errorf("add threat %s to %s: %w", excerpt(a.Threat.ID), excerpt(a.TargetID), err)
		}
		added[tc]++
		if taken[a.Threat.ID] {
			return fmt.Errorf("add threats: ID %s is already taken", excerpt(a.Threat.ID))
		}
		taken[a.Threat.ID] = true
		v.common(&Common{Threats: []*Threat{a.Threat}}, 0, "elements", 0)
		if r := ps.result(); len(r) > 0 {
			return fmt.Errorf("add threat %s: %s", excerpt(a.Threat.ID), r[0].Msg)
		}
		targets[i] = tc
	}
	for i, a := range c.adds {
		targets[i].Threats = append(targets[i].Threats, a.Threat)
	}
	c.targets = targets
	return nil
}

func (c *addThreatsCmd) Undo(m *Model) {
	added := make(map[*Threat]bool, len(c.adds))
	for _, a := range c.adds {
		added[a.Threat] = true
	}
	done := map[*Common]bool{}
	for _, tc := range c.targets {
		if done[tc] {
			continue
		}
		done[tc] = true
		tc.Threats = nilIfEmpty(slices.DeleteFunc(tc.Threats, func(t *Threat) bool { return added[t] }))
	}
}
