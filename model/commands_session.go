package model

import (
	"fmt"
	"slices"
)

// The commands of a session's bookkeeping: the meetings and who came,
// what was discussed (coverage), the actions agreed and their review, and
// the date of the next session.

type addSessionCmd struct{ s *Session }

// AddSession appends a session. A session without an ID is given a fresh one.
func AddSession(s *Session) Command {
	if s.ID == "" {
		s.ID = NewID()
	}
	return &addSessionCmd{s: s.clone()}
}

func (c *addSessionCmd) Label() string { return "Add session" }

func (c *addSessionCmd) Do(m *Model) error {
	if err := firstError(room(len(m.Sessions), DefaultLimits.ListLength, "sessions"), checkSizes(c.s)); err != nil {
		return fmt.Errorf("add session %s: %w", excerpt(c.s.ID), err)
	}
	if m.hasID(c.s.ID) {
		return fmt.Errorf("add session: ID %s is already taken", excerpt(c.s.ID))
	}
	if err := firstProblem(m, func(v *validator) { v.session(c.s, len(m.Sessions)) }); err != nil {
		return fmt.Errorf("add session %s: %w", excerpt(c.s.ID), err)
	}
	m.Sessions = append(m.Sessions, c.s)
	return nil
}

func (c *addSessionCmd) Undo(m *Model) {
	if i := slices.Index(m.Sessions, c.s); i >= 0 {
		m.Sessions = nilIfEmpty(removeAt(m.Sessions, i))
	}
}

type editSessionCmd struct{ s, old *Session }

// EditSession replaces the session with s's ID by a copy of s.
func EditSession(s Session) Command { return &editSessionCmd{s: s.clone()} }

func (c *editSessionCmd) Label() string { return "Edit session" }

func (c *editSessionCmd) Do(m *Model) error {
	i := slices.IndexFunc(m.Sessions, func(s *Session) bool { return s.ID == c.s.ID })
	if i < 0 {
		return fmt.Errorf("edit session %s: %w", excerpt(c.s.ID), errNotFound)
	}
	if err := firstError(checkSizes(c.s), firstProblem(m, func(v *validator) { v.session(c.s, i) })); err != nil {
		return fmt.Errorf("edit session %s: %w", excerpt(c.s.ID), err)
	}
	c.old, m.Sessions[i] = m.Sessions[i], c.s
	return nil
}

func (c *editSessionCmd) Undo(m *Model) {
	if i := slices.Index(m.Sessions, c.s); i >= 0 {
		m.Sessions[i] = c.old
	}
}

type deleteSessionCmd struct {
	id  string
	old removed[*Session]
}

// DeleteSession removes a session and its list of participants.
func DeleteSession(id string) Command { return &deleteSessionCmd{id: id} }

func (c *deleteSessionCmd) Label() string { return "Delete session" }

func (c *deleteSessionCmd) Do(m *Model) error {
	i := slices.IndexFunc(m.Sessions, func(s *Session) bool { return s.ID == c.id })
	if i < 0 {
		return fmt.Errorf("delete session %s: %w", excerpt(c.id), errNotFound)
	}
	c.old = removed[*Session]{i, m.Sessions[i]}
	m.Sessions = nilIfEmpty(removeAt(m.Sessions, i))
	return nil
}

func (c *deleteSessionCmd) Undo(m *Model) {
	m.Sessions = insertAt(m.Sessions, c.old.at, c.old.v)
}

func (s *Session) clone() *Session {
	c := *s
	c.Participants = slices.Clone(s.Participants)
	return &c
}

type discussCmd struct {
	diagram, target string
	d               Discussion
	old             []Discussion
}

// Discuss records that the checklist category d.Category of an element or
// flow was discussed, replacing what an earlier discussion of that
// category recorded.
func Discuss(diagramID, targetID string, d Discussion) Command {
	return &discussCmd{diagram: diagramID, target: targetID, d: d}
}

func (c *discussCmd) Label() string {
	if c.d.Outcome == NothingFound {
		return "Nothing found"
	}
	return "Record discussion"
}

func (c *discussCmd) Do(m *Model) error {
	tc, err := threatTarget(m, c.diagram, c.target)
	if err != nil {
		return fmt.Errorf("record discussion: %w", err)
	}
	switch {
	case c.d.Category == "":
		return fmt.Errorf("record discussion of %s: missing checklist category", excerpt(c.target))
	case c.d.Outcome < ThreatsFound || c.d.Outcome > NothingFound:
		return fmt.Errorf("record discussion of %s: invalid outcome %d", excerpt(c.target), int(c.d.Outcome))
	}
	i := slices.IndexFunc(tc.Discussed, func(e Discussion) bool { return e.Category == c.d.Category })
	if i < 0 {
		if err := firstError(room(len(tc.Discussed), DefaultLimits.ListLength, "discussions of it"), checkSizes(c.d)); err != nil {
			return fmt.Errorf("record discussion of %s: %w", excerpt(c.target), err)
		}
	}
	c.old = tc.Discussed
	next := slices.Clone(tc.Discussed)
	if i >= 0 {
		next[i] = c.d
	} else {
		next = append(next, c.d)
	}
	tc.Discussed = next
	return nil
}

func (c *discussCmd) Undo(m *Model) {
	if tc, err := threatTarget(m, c.diagram, c.target); err == nil {
		tc.Discussed = c.old
	}
}

// Discussion returns the recorded discussion of a checklist category, if any.
func (c *Common) Discussion(category string) (Discussion, bool) {
	for _, d := range c.Discussed {
		if d.Category == category {
			return d, true
		}
	}
	return Discussion{}, false
}

type addActionCmd struct{ a *Action }

// AddAction appends a follow-up action. An action without an ID is given a
// fresh one.
func AddAction(a *Action) Command {
	if a.ID == "" {
		a.ID = NewID()
	}
	c := *a
	return &addActionCmd{a: &c}
}

func (c *addActionCmd) Label() string { return "Add action" }

func (c *addActionCmd) Do(m *Model) error {
	if err := firstError(room(len(m.Actions), DefaultLimits.ListLength, "actions"), checkSizes(c.a)); err != nil {
		return fmt.Errorf("add action %s: %w", excerpt(c.a.ID), err)
	}
	if m.hasID(c.a.ID) {
		return fmt.Errorf("add action: ID %s is already taken", excerpt(c.a.ID))
	}
	if err := firstProblem(m, func(v *validator) { v.action(c.a, len(m.Actions)) }); err != nil {
		return fmt.Errorf("add action %s: %w", excerpt(c.a.ID), err)
	}
	m.Actions = append(m.Actions, c.a)
	return nil
}

func (c *addActionCmd) Undo(m *Model) {
	if i := slices.Index(m.Actions, c.a); i >= 0 {
		m.Actions = nilIfEmpty(removeAt(m.Actions, i))
	}
}

type editActionCmd struct{ a, old *Action }

// EditAction replaces the action with a's ID by a copy of a.
func EditAction(a Action) Command { return &editActionCmd{a: &a} }

func (c *editActionCmd) Label() string {
	if c.a.Reviewed.IsZero() {
		return "Edit action"
	}
	return "Review action"
}

func (c *editActionCmd) Do(m *Model) error {
	i := slices.IndexFunc(m.Actions, func(a *Action) bool { return a.ID == c.a.ID })
	if i < 0 {
		return fmt.Errorf("edit action %s: %w", excerpt(c.a.ID), errNotFound)
	}
	if err := firstError(checkSizes(c.a), firstProblem(m, func(v *validator) { v.action(c.a, i) })); err != nil {
		return fmt.Errorf("edit action %s: %w", excerpt(c.a.ID), err)
	}
	c.old, m.Actions[i] = m.Actions[i], c.a
	return nil
}

func (c *editActionCmd) Undo(m *Model) {
	if i := slices.Index(m.Actions, c.a); i >= 0 {
		m.Actions[i] = c.old
	}
}

type deleteActionCmd struct {
	id  string
	old removed[*Action]
}

// DeleteAction removes a follow-up action.
func DeleteAction(id string) Command { return &deleteActionCmd{id: id} }

func (c *deleteActionCmd) Label() string { return "Delete action" }

func (c *deleteActionCmd) Do(m *Model) error {
	i := slices.IndexFunc(m.Actions, func(a *Action) bool { return a.ID == c.id })
	if i < 0 {
		return fmt.Errorf("delete action %s: %w", excerpt(c.id), errNotFound)
	}
	c.old = removed[*Action]{i, m.Actions[i]}
	m.Actions = nilIfEmpty(removeAt(m.Actions, i))
	return nil
}

func (c *deleteActionCmd) Undo(m *Model) {
	m.Actions = insertAt(m.Actions, c.old.at, c.old.v)
}

// SetNextSession plans the next session on day d; the zero Date unplans it.
func SetNextSession(d Date) Command {
	return &setCmd[Date]{op: "plan next session", label: "Plan next session", value: d,
		field: func(m *Model) (*Date, error) { return &m.NextSession, nil }}
}
