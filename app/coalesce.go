package app

import "github.com/threatboard/threatboard/model"

// typing wraps the edits made while a user types into one field so that the
// whole run of keystrokes is one undo step. Two typing commands merge when
// they edit the same field (key).
type typing struct {
	key  string
	cmds []model.Command
}

func typed(key string, c model.Command) model.Command {
	return &typing{key: key, cmds: []model.Command{c}}
}

func (t *typing) Do(m *model.Model) error {
	for i, c := range t.cmds {
		if err := c.Do(m); err != nil {
			for j := i - 1; j >= 0; j-- {
				t.cmds[j].Undo(m)
			}
			return err
		}
	}
	return nil
}

func (t *typing) Undo(m *model.Model) {
	for i := len(t.cmds) - 1; i >= 0; i-- {
		t.cmds[i].Undo(m)
	}
}

func (t *typing) Label() string { return t.cmds[0].Label() }

func (t *typing) Merge(next model.Command) bool {
	n, ok := next.(*typing)
	if !ok || n.key != t.key {
		return false
	}
	t.cmds = append(t.cmds, n.cmds...)
	return true
}
