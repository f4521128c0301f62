package model

import "errors"

// Command is one edit of the document. Do applies it; Undo reverts exactly
// what Do did, so undoing every command restores the original document.
// Commands address objects by ID, never by pointer, so that a command stays
// valid after other commands were undone and redone.
type Command interface {
	Do(m *Model) error
	Undo(m *Model)
	// Label names the edit for the Edit menu: "Move 3 elements".
	Label() string
}

// Merger is a Command that can absorb the next command, so that one drag of
// many small moves, or a word typed into a field, is one undo step. Merge
// reports whether it absorbed next; next has been applied already and its
// effect is now part of the receiver. Merging happens only where the caller
// asks for it (History.Merge).
type Merger interface {
	Command
	Merge(next Command) bool
}

// History is the undo stack of one model, shared by the editor and the tests.
type History struct {
	m     *Model
	stack []Command
	next  int // stack[:next] are done, stack[next:] can be redone
	// saved is the position at the last save, or -1 when it was truncated away.
	saved int
	// merging is off after Undo, Redo and a save, so that Merge then
	// starts a new step.
	merging bool
	// OnChanged is called after every Do, Undo and Redo.
	OnChanged func()
	seq       uint64  // counts the changes
	last      Command // the command of the last change: done, undone or merged
}

// Change is what the history's last Do, Merge, Undo or Redo changed, as
// far as its command says (see Toucher): the objects of one diagram that
// were edited in place. When Known is false anything may have changed.
type Change struct {
	// Seq counts the changes: a view that saw Seq-1 last has missed none.
	Seq     uint64
	Known   bool
	Diagram string
	IDs     []string
}

// Changes counts the changes so far: Do, Merge, Undo and Redo.
func (h *History) Changes() uint64 { return h.seq }

// LastChange says what the last change did, so that a view can redraw only
// that. It asks the command only now: a drag's steps, which the editor draws
// itself, pay nothing for it.
func (h *History) LastChange() Change {
	ch := Change{Seq: h.seq}
	if t, ok := h.last.(Toucher); ok {
		ch.Diagram, ch.IDs, ch.Known = t.Touched()
	}
	return ch
}

// ErrNothingToUndo is returned by Undo and Redo when the stack has no step.
var ErrNothingToUndo = errors.New("nothing to undo or redo")

// NewHistory starts an empty history for m.
func NewHistory(m *Model) *History { return &History{m: m} }

// Model is the document the history edits.
func (h *History) Model() *Model { return h.m }

// Do applies c as a step of its own. When it fails the document is
// unchanged and nothing is recorded.
func (h *History) Do(c Command) error {
	if err := c.Do(h.m); err != nil {
		return err
	}
	h.push(c)
	return nil
}

// Merge applies c and makes it part of the last step when that step absorbs
// it (a Merger of the same kind on the same object) and nothing was undone,
// redone or saved since; otherwise c is a new step. The editor calls it for
// each step of a drag after the first and each keystroke in a field, the
// places where a user expects one undo step for many edits.
func (h *History) Merge(c Command) error {
	if err := c.Do(h.m); err != nil {
		return err
	}
	if h.merging && h.next > 0 && h.next == len(h.stack) {
		if mg, ok := h.stack[h.next-1].(Merger); ok && mg.Merge(c) {
			h.changed(c)
			return nil
		}
	}
	h.push(c)
	return nil
}

func (h *History) push(c Command) {
	if h.saved > h.next {
		h.saved = -1 // the saved state was in the redo tail we drop
	}
	h.stack = append(h.stack[:h.next], c)
	h.next++
	h.merging = true
	h.changed(c)
}

// Undo reverts the last step.
func (h *History) Undo() error {
	if !h.CanUndo() {
		return ErrNothingToUndo
	}
	h.next--
	h.stack[h.next].Undo(h.m)
	h.merging = false
	h.changed(h.stack[h.next])
	return nil
}

// Redo applies the step Undo last reverted.
func (h *History) Redo() error {
	if !h.CanRedo() {
		return ErrNothingToUndo
	}
	if err := h.stack[h.next].Do(h.m); err != nil {
		return err
	}
	h.next++
	h.merging = false
	h.changed(h.stack[h.next-1])
	return nil
}

// CanUndo reports whether there is a step to undo.
func (h *History) CanUndo() bool { return h.next > 0 }

// CanRedo reports whether there is a step to redo.
func (h *History) CanRedo() bool { return h.next < len(h.stack) }

// UndoLabel is the label of the step Undo would revert, or "".
func (h *History) UndoLabel() string {
	if !h.CanUndo() {
		return ""
	}
	return h.stack[h.next-1].Label()
}

// RedoLabel is the label of the step Redo would apply, or "".
func (h *History) RedoLabel() string {
	if !h.CanRedo() {
		return ""
	}
	return h.stack[h.next].Label()
}

// MarkSaved records that the document as it is now was saved.
func (h *History) MarkSaved() { h.saved = h.next; h.merging = false }

// Dirty reports whether the document differs from the last save.
func (h *History) Dirty() bool { return h.saved != h.next }

// changed records what c (just done or undone) changed and tells OnChanged.
func (h *History) changed(c Command) {
	h.seq++
	h.last = c
	if h.OnChanged != nil {
		h.OnChanged()
	}
}
