package app

import (
	"fmt"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/model"
)

// feedCmd is an edit of an attack tree followed by the likelihood the tree
// then proposes for the threat it feeds, so that one undo takes both back.
// The likelihood is worked out when the step is done (and again when it is
// redone, on the same document), as it depends on the tree after the edit.
type feedCmd struct {
	tree string
	edit model.Command
	set  model.Command // nil when the likelihood stayed as it was
}

// feeding wraps an edit of the tree treeID in a feedCmd.
func feeding(treeID string, edit model.Command) model.Command {
	return &feedCmd{tree: treeID, edit: edit}
}

func (c *feedCmd) Label() string { return c.edit.Label() }

func (c *feedCmd) Do(m *model.Model) error {
	if err := c.edit.Do(m); err != nil {
		return err
	}
	c.set = nil
	t := m.AttackTree(c.tree)
	if t == nil {
		return nil
	}
	// A tree that does not evaluate proposes nothing; the panel shows why.
	p, ok, err := analysis.ProposeLikelihood(m, t)
	if err != nil || !ok || !p.Changes() {
		return nil
	}
	ref, _ := m.Threat(p.ThreatID)
	th := *ref.Threat
	th.Likelihood = p.Proposed
	set := model.EditThreat(ref.Diagram.ID, ref.TargetID(), th)
	if err := set.Do(m); err != nil {
		c.edit.Undo(m)
		return fmt.Errorf("set the likelihood the tree proposes: %w", err)
	}
	c.set = set
	return nil
}

func (c *feedCmd) Undo(m *model.Model) {
	if c.set != nil {
		c.set.Undo(m)
	}
	c.edit.Undo(m)
}
