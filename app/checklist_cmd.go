package app

import (
	"fmt"

	"github.com/threatboard/threatboard/model"
)

// setChecklist chooses the checklist a diagram walks. The model's command
// set has no edit for this one field, so the shell keeps it here; it follows
// the same contract (by ID, no change on error, exact undo).
type setChecklist struct {
	diagram, to, was string
}

func (c *setChecklist) Label() string { return "Choose checklist" }

func (c *setChecklist) Do(m *model.Model) error {
	d := m.Diagram(c.diagram)
	if d == nil {
		return fmt.Errorf("choose checklist: no diagram %q", c.diagram)
	}
	c.was, d.Checklist = d.Checklist, c.to
	return nil
}

func (c *setChecklist) Undo(m *model.Model) {
	if d := m.Diagram(c.diagram); d != nil {
		d.Checklist = c.was
	}
}
