package model

import "slices"

// Fragment is a piece of a diagram on the clipboard: deep copies, detached
// from any document.
type Fragment struct {
	Elements   []*Element
	Flows      []*Flow
	Boundaries []*Boundary
}

// Empty reports whether the fragment holds nothing to paste.
func (fr Fragment) Empty() bool {
	return len(fr.Elements) == 0 && len(fr.Flows) == 0 && len(fr.Boundaries) == 0
}

// CopyFragment copies the selected elements and boundaries of d, and the
// flows whose two ends are both selected, in document order. Unknown IDs
// are ignored: the selection may name objects just deleted.
func CopyFragment(d *Diagram, ids []string) Fragment {
	sel := make(map[string]bool, len(ids))
	for _, id := range ids {
		sel[id] = true
	}
	var fr Fragment
	for _, e := range d.Elements {
		if sel[e.ID] {
			fr.Elements = append(fr.Elements, e.clone())
		}
	}
	for _, f := range d.Flows {
		if sel[f.From] && sel[f.To] && d.Element(f.From) != nil && d.Element(f.To) != nil {
			fr.Flows = append(fr.Flows, f.clone())
		}
	}
	for _, b := range d.Boundaries {
		if sel[b.ID] {
			fr.Boundaries = append(fr.Boundaries, b.clone())
		}
	}
	return fr
}

// Paste makes the command that adds a copy of fr to a diagram, moved by
// offset, and returns it with the IDs of the new objects (elements,
// flows, boundaries), e.g. to select them. Everything gets fresh IDs, the
// threats on pasted objects too; flows are reconnected to the copies of their
// ends, and a flow whose ends are not both in the fragment is left out.
// A pasted multi-process does not open its original's child diagram.
func Paste(diagramID string, fr Fragment, offset Point) (Command, []string) {
	newID := map[string]string{}
	var cmds []Command
	var ids []string
	for _, e := range fr.Elements {
		c := e.clone()
		c.ID, c.Child = NewID(), ""
		c.Bounds = c.Bounds.Moved(offset)
		freshThreats(&c.Common)
		c.Discussed = nil // a copy is a new object: nobody discussed it yet
		newID[e.ID] = c.ID
		cmds = append(cmds, AddElement(diagramID, c))
		ids = append(ids, c.ID)
	}
	for _, f := range fr.Flows {
		from, okFrom := newID[f.From]
		to, okTo := newID[f.To]
		if !okFrom || !okTo {
			continue
		}
		c := f.clone()
		c.ID, c.From, c.To = NewID(), from, to
		c.Waypoints = shifted(c.Waypoints, offset)
		freshThreats(&c.Common)
		c.Discussed = nil
		cmds = append(cmds, AddFlow(diagramID, c))
		ids = append(ids, c.ID)
	}
	for _, b := range fr.Boundaries {
		c := b.clone()
		c.ID = NewID()
		if c.Shape == BoundaryBox {
			c.Bounds = c.Bounds.Moved(offset)
		}
		c.Points = shifted(c.Points, offset)
		cmds = append(cmds, AddBoundary(diagramID, c))
		ids = append(ids, c.ID)
	}
	return Batch("Paste "+plural(len(ids), "object", "objects"), cmds...), slices.Clip(ids)
}

func freshThreats(c *Common) {
	for _, t := range c.Threats {
		t.ID = NewID()
	}
}
