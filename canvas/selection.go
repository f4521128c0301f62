package canvas

import "slices"

// selection is the editor's selected objects, in the order they were
// selected. It is view state: never saved and never part of undo.
type selection struct {
	ids []string
	set map[string]bool
}

func (s *selection) has(id string) bool { return s.set[id] }

func (s *selection) len() int { return len(s.ids) }

// replace makes ids the selection and reports whether it changed.
func (s *selection) replace(ids ...string) bool {
	if len(ids) == len(s.ids) {
		same := true
		for _, id := range ids {
			if !s.set[id] {
				same = false
				break
			}
		}
		if same {
			return false
		}
	}
	s.ids = s.ids[:0]
	s.set = make(map[string]bool, len(ids))
	for _, id := range ids {
		if !s.set[id] {
			s.set[id] = true
			s.ids = append(s.ids, id)
		}
	}
	return true
}

// toggle adds id when absent and removes it when present.
func (s *selection) toggle(id string) {
	if s.set == nil {
		s.set = make(map[string]bool)
	}
	if s.set[id] {
		delete(s.set, id)
		s.ids = slices.DeleteFunc(s.ids, func(x string) bool { return x == id })
		return
	}
	s.set[id] = true
	s.ids = append(s.ids, id)
}

// keep drops the ids for which exists is false (objects deleted or undone away)
// and reports whether any were dropped.
func (s *selection) keep(exists func(string) bool) bool {
	n := len(s.ids)
	s.ids = slices.DeleteFunc(s.ids, func(id string) bool {
		if exists(id) {
			return false
		}
		delete(s.set, id)
		return true
	})
	return len(s.ids) != n
}

// list is a copy of the selected IDs for callers outside the editor.
func (s *selection) list() []string { return slices.Clone(s.ids) }
