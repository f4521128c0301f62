package model

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestTouchedNamesAllItChanges applies random edits, undos and redos, and
// whenever the history says which objects a step changed (LastChange with
// Known set), checks that nothing else of the diagrams changed: the same
// objects, the same pointers, in the same order, with the same ends, and
// putting back the named objects' old values gives back the old diagrams.
// A view that redraws only the named objects then draws what a full redraw
// would.
func TestTouchedNamesAllItChanges(t *testing.T) {
	steps := 400
	if testing.Short() {
		steps = 100
	}
	known := map[string]int{} // over all seeds: labels of steps that said what they touched
	for seed := uint64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
			var m *Model
			if seed%2 == 0 {
				m = editModel()
			} else {
				m = Synthetic(30, 40, 5, int64(seed))
			}
			r := rand.New(rand.NewPCG(seed, 7))
			g := &editGen{r: r}
			h := NewHistory(m)
			for i := range steps {
				before := m.Clone()
				ptrs := objectPointers(m)
				seq := h.LastChange().Seq
				label := ""
				switch p := r.IntN(100); {
				case p < 10:
					label = "undo " + h.UndoLabel()
					if h.Undo() != nil {
						continue
					}
				case p < 16:
					label = "redo " + h.RedoLabel()
					if h.Redo() != nil {
						continue
					}
				default:
					name, c, _ := g.command(m)
					apply := h.Merge
					if r.IntN(4) == 0 {
						apply = h.Do
					}
					if apply(c) != nil {
						if h.LastChange().Seq != seq {
							t.Fatalf("step %d: a refused %s counts as a change", i, name)
						}
						continue
					}
					label = name
				}
				ch := h.LastChange()
				if ch.Seq != seq+1 {
					t.Fatalf("step %d (%s): change %d follows %d", i, label, ch.Seq, seq)
				}
				if !ch.Known {
					continue
				}
				known[label]++
				if err := sameExceptTouched(before, m, ptrs, ch); err != nil {
					t.Fatalf("step %d (%s) touched %s %v: %v", i, label, ch.Diagram, ch.IDs, err)
				}
			}
		})
	}
	for _, want := range []string{"rename", "move", "resize", "set element property", "set flow property",
		"add threat", "set waypoints", "undo Rename", "redo Move"} {
		if known[want] == 0 {
			t.Errorf("no step %q said what it touched: %v", want, known)
		}
	}
}

// objectPointers lists the elements, flows and boundaries of every diagram
// as they are in memory.
func objectPointers(m *Model) []any {
	var ps []any
	for _, d := range m.Diagrams {
		ps = append(ps, d)
		for _, e := range d.Elements {
			ps = append(ps, e)
		}
		for _, f := range d.Flows {
			ps = append(ps, f, f.From+"→"+f.To)
		}
		for _, b := range d.Boundaries {
			ps = append(ps, b)
		}
	}
	return ps
}

// sameExceptTouched reports how the diagrams of after differ from before
// other than in the objects ch names.
func sameExceptTouched(before, after *Model, ptrs []any, ch Change) error {
	if !slices.Equal(objectPointers(after), ptrs) {
		return fmt.Errorf("objects were added, removed, replaced, reordered or reconnected")
	}
	d := after.Diagram(ch.Diagram)
	if d == nil {
		return fmt.Errorf("no diagram %q", ch.Diagram)
	}
	restored := after.Clone()
	rd, bd := restored.Diagram(ch.Diagram), before.Diagram(ch.Diagram)
	for _, id := range ch.IDs {
		switch {
		case bd.Element(id) != nil:
			*rd.Element(id) = *bd.Element(id)
		case bd.Flow(id) != nil:
			*rd.Flow(id) = *bd.Flow(id)
		case bd.Boundary(id) != nil:
			*rd.Boundary(id) = *bd.Boundary(id)
		default:
			return fmt.Errorf("%q is no element, flow or boundary of the diagram", id)
		}
	}
	// Everything outside the diagrams may change (a deleted threat's
	// actions): compare the diagrams alone.
	x := before.Clone()
	x.Diagrams = restored.Diagrams
	want, err := Encode(before)
	if err != nil {
		return err
	}
	got, err := Encode(x)
	if err != nil {
		return err
	}
	if !bytes.Equal(got, want) {
		return fmt.Errorf("the diagrams changed beyond the named objects")
	}
	return nil
}
