package model

import (
	"bytes"
	"errors"
	"testing"
)

func TestHistoryEmpty(t *testing.T) {
	h := NewHistory(editModel())
	if h.CanUndo() || h.CanRedo() || h.Dirty() {
		t.Errorf("new history: CanUndo %v, CanRedo %v, Dirty %v", h.CanUndo(), h.CanRedo(), h.Dirty())
	}
	if h.UndoLabel() != "" || h.RedoLabel() != "" {
		t.Errorf("labels %q, %q", h.UndoLabel(), h.RedoLabel())
	}
	if err := h.Undo(); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("Undo = %v", err)
	}
	if err := h.Redo(); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("Redo = %v", err)
	}
}

func TestHistoryUndoRedoLabelsDirty(t *testing.T) {
	m := editModel()
	h := NewHistory(m)
	changed := 0
	h.OnChanged = func() { changed++ }
	orig := encode(t, m)

	if err := h.Do(Rename("d1", "a", "Employee")); err != nil {
		t.Fatal(err)
	}
	if err := h.Do(SetProp("d1", "s", "isLog", true)); err != nil {
		t.Fatal(err)
	}
	if got, want := h.UndoLabel(), "Set Is a log"; got != want {
		t.Errorf("UndoLabel = %q, want %q", got, want)
	}
	if !h.Dirty() {
		t.Error("not dirty after edits")
	}
	h.MarkSaved()
	saved := encode(t, m)
	if h.Dirty() {
		t.Error("dirty right after MarkSaved")
	}
	if err := h.Undo(); err != nil {
		t.Fatal(err)
	}
	if !h.Dirty() || !h.CanRedo() || h.RedoLabel() != "Set Is a log" || h.UndoLabel() != "Rename" {
		t.Errorf("after Undo: Dirty %v, CanRedo %v, labels %q/%q", h.Dirty(), h.CanRedo(), h.UndoLabel(), h.RedoLabel())
	}
	if err := h.Redo(); err != nil {
		t.Fatal(err)
	}
	if h.Dirty() || !bytes.Equal(encode(t, m), saved) {
		t.Error("Redo back to the saved state is dirty or different")
	}
	// A failing edit records nothing and calls nobody.
	before := changed
	if err := h.Do(Rename("d1", "ghost", "x")); err == nil {
		t.Error("rename of an unknown ID succeeded")
	}
	if changed != before || h.UndoLabel() != "Set Is a log" {
		t.Errorf("failed Do was recorded: OnChanged %d→%d, UndoLabel %q", before, changed, h.UndoLabel())
	}
	for h.CanUndo() {
		if err := h.Undo(); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(encode(t, m), orig) {
		t.Error("undoing everything did not give back the original")
	}
	// A new edit after undo drops the redo tail, and with it the saved state.
	if err := h.Do(Rename("d1", "p", "Gateway")); err != nil {
		t.Fatal(err)
	}
	if h.CanRedo() {
		t.Error("redo tail kept after a new edit")
	}
	if err := h.Undo(); err != nil {
		t.Fatal(err)
	}
	if !h.Dirty() {
		t.Error("not dirty although the saved state can no longer be reached")
	}
	if changed != 8 {
		t.Errorf("OnChanged called %d times, want 8", changed)
	}
}

func TestHistoryMerge(t *testing.T) {
	// Every step after the first is applied with Merge, as a drag or typing
	// does, unless it says do: then it is a discrete edit (Do).
	type step struct {
		cmd func() Command
		do  bool
	}
	move := func(ids ...string) func() Command {
		return func() Command { return Move("d1", ids, Point{0.1, 0.7}) }
	}
	tests := map[string]struct {
		steps     []step
		wantSteps int
	}{
		"one drag of moves":         {[]step{{cmd: move("a", "p")}, {cmd: move("p", "a")}, {cmd: move("a", "p")}}, 1},
		"two drags":                 {[]step{{cmd: move("a")}, {cmd: move("a")}, {cmd: move("a"), do: true}, {cmd: move("a")}}, 2},
		"discrete moves":            {[]step{{cmd: move("a")}, {cmd: move("a"), do: true}, {cmd: move("a"), do: true}}, 3},
		"other selection":           {[]step{{cmd: move("a")}, {cmd: move("a", "p")}, {cmd: move("p")}}, 3},
		"other diagram":             {[]step{{cmd: move("a")}, {cmd: func() Command { return Move("d2", []string{"x"}, Point{1, 1}) }}}, 2},
		"move then resize":          {[]step{{cmd: move("p")}, {cmd: func() Command { return Resize("d1", "p", Rect{1, 1, 5, 5}) }}}, 2},
		"resizes of one element":    {[]step{{cmd: func() Command { return Resize("d1", "p", Rect{1, 1, 5, 5}) }}, {cmd: func() Command { return Resize("d1", "p", Rect{1, 1, 6, 7}) }}}, 1},
		"resizes of two elements":   {[]step{{cmd: func() Command { return Resize("d1", "p", Rect{1, 1, 5, 5}) }}, {cmd: func() Command { return Resize("d1", "a", Rect{1, 1, 6, 7}) }}}, 2},
		"waypoints of one flow":     {[]step{{cmd: func() Command { return SetWaypoints("d1", "f1", []Point{{1, 1}}) }}, {cmd: func() Command { return SetWaypoints("d1", "f1", []Point{{2, 2}}) }}}, 1},
		"waypoints of two flows":    {[]step{{cmd: func() Command { return SetWaypoints("d1", "f1", []Point{{1, 1}}) }}, {cmd: func() Command { return SetWaypoints("d1", "f2", []Point{{2, 2}}) }}}, 2},
		"label drags":               {[]step{{cmd: func() Command { return MoveLabel("d1", "f1", Point{1, 1}) }}, {cmd: func() Command { return MoveLabel("d1", "f1", Point{2, 3}) }}}, 1},
		"boundary point drags":      {[]step{{cmd: func() Command { return SetPoints("d1", "bl", []Point{{1, 1}, {2, 2}}) }}, {cmd: func() Command { return SetPoints("d1", "bl", []Point{{1, 1}, {3, 3}}) }}}, 1},
		"a name typed":              {[]step{{cmd: func() Command { return Rename("d1", "a", "x") }}, {cmd: func() Command { return Rename("d1", "a", "xy") }}}, 1},
		"two names typed":           {[]step{{cmd: func() Command { return Rename("d1", "a", "x") }}, {cmd: func() Command { return Rename("d1", "p", "xy") }}}, 2},
		"a property typed":          {[]step{{cmd: func() Command { return SetProp("d1", "p", "privilegeLevel", "r") }}, {cmd: func() Command { return SetProp("d1", "p", "privilegeLevel", "root") }}}, 1},
		"details typed":             {[]step{{cmd: func() Command { return SetInfo(Info{Title: "A"}) }}, {cmd: func() Command { return SetInfo(Info{Title: "AB"}) }}}, 1},
		"renames as discrete edits": {[]step{{cmd: func() Command { return Rename("d1", "a", "x") }}, {cmd: func() Command { return Rename("d1", "a", "xy") }, do: true}}, 2},
		"two label drags":           {[]step{{cmd: func() Command { return MoveLabel("d1", "f1", Point{1, 1}) }}, {cmd: func() Command { return MoveLabel("d1", "f1", Point{2, 3}) }, do: true}}, 2},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			m := editModel()
			h := NewHistory(m)
			orig := encode(t, m)
			for i, s := range tc.steps {
				apply := h.Merge
				if i == 0 || s.do {
					apply = h.Do
				}
				if err := apply(s.cmd()); err != nil {
					t.Fatalf("step %d: %v", i, err)
				}
			}
			edited := encode(t, m)
			steps := 0
			for h.CanUndo() {
				if err := h.Undo(); err != nil {
					t.Fatal(err)
				}
				steps++
			}
			if steps != tc.wantSteps {
				t.Errorf("%d undo steps, want %d", steps, tc.wantSteps)
			}
			if !bytes.Equal(encode(t, m), orig) {
				t.Error("undo did not restore the original bytes")
			}
			for h.CanRedo() {
				if err := h.Redo(); err != nil {
					t.Fatal(err)
				}
			}
			if !bytes.Equal(encode(t, m), edited) {
				t.Error("redo did not give back the edited bytes")
			}
		})
	}
}

// After an Undo the next move starts a new step even if it could merge.
func TestHistoryNoMergeAfterUndo(t *testing.T) {
	m := editModel()
	h := NewHistory(m)
	for _, c := range []Command{Move("d1", []string{"a"}, Point{1, 0}), Rename("d1", "a", "x")} {
		if err := h.Do(c); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.Undo(); err != nil {
		t.Fatal(err)
	}
	if err := h.Do(Move("d1", []string{"a"}, Point{1, 0})); err != nil {
		t.Fatal(err)
	}
	n := 0
	for h.CanUndo() {
		_ = h.Undo()
		n++
	}
	if n != 2 {
		t.Errorf("%d steps, want 2", n)
	}
	if got := d1(m).Element("a").Bounds.X; got != 0 {
		t.Errorf("x = %v after undoing everything", got)
	}
}
