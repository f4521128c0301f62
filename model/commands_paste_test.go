package model

import (
	"bytes"
	"slices"
	"testing"
)

func TestCopyFragment(t *testing.T) {
	tests := map[string]struct {
		ids                       []string
		elements, flows, boundary []string
	}{
		"nothing":             {nil, nil, nil, nil},
		"one end of a flow":   {[]string{"a"}, []string{"a"}, nil, nil},
		"both ends":           {[]string{"p", "a"}, []string{"a", "p"}, []string{"f1"}, nil},
		"three and a line":    {[]string{"s", "a", "p", "bl"}, []string{"a", "p", "s"}, []string{"f1", "f2", "f3"}, []string{"bl"}},
		"unknown is ignored":  {[]string{"zz", "bb"}, nil, nil, []string{"bb"}},
		"a flow alone is not": {[]string{"f1"}, nil, nil, nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			fr := CopyFragment(d1(editModel()), tc.ids)
			wantIDs(t, "elements", ids(fr.Elements, func(e *Element) string { return e.ID }), orEmpty(tc.elements))
			wantIDs(t, "flows", ids(fr.Flows, func(f *Flow) string { return f.ID }), orEmpty(tc.flows))
			wantIDs(t, "boundaries", ids(fr.Boundaries, func(b *Boundary) string { return b.ID }), orEmpty(tc.boundary))
			if fr.Empty() != (len(tc.elements)+len(tc.flows)+len(tc.boundary) == 0) {
				t.Errorf("Empty = %v", fr.Empty())
			}
		})
	}
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func TestCopyFragmentIsDetached(t *testing.T) {
	m := editModel()
	fr := CopyFragment(d1(m), []string{"a", "p"})
	d1(m).Element("p").Threats[0].Title = "changed"
	d1(m).Flow("f1").Waypoints[0].X = -1
	if fr.Elements[1].Threats[0].Title == "changed" || fr.Flows[0].Waypoints[0].X == -1 {
		t.Error("the fragment shares data with the diagram")
	}
}

func TestPaste(t *testing.T) {
	tests := map[string]struct {
		into string
		ids  []string
	}{
		"same diagram":          {"d1", []string{"a", "p", "mp", "bl", "bb"}},
		"other diagram":         {"d2", []string{"s", "a", "p"}},
		"multi-process alone":   {"d1", []string{"mp"}},
		"boundaries only":       {"d2", []string{"bb", "bl"}},
		"flow with one end out": {"d1", []string{"a"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			m := editModel()
			orig := encode(t, m)
			fr := CopyFragment(d1(m), tc.ids)
			offset := Point{20, 30}
			cmd, newIDs := Paste(tc.into, fr, offset)
			if err := cmd.Do(m); err != nil {
				t.Fatal(err)
			}
			if ps := Validate(m); len(ps) > 0 {
				t.Fatalf("paste left an invalid document: %v", ps)
			}
			d := m.Diagram(tc.into)
			if want := len(fr.Elements) + len(fr.Flows) + len(fr.Boundaries); len(newIDs) != want {
				t.Fatalf("%d new IDs, want %d", len(newIDs), want)
			}
			for i, e := range fr.Elements {
				c := d.Element(newIDs[i])
				if c == nil || c.Name != e.Name || c.Bounds != e.Bounds.Moved(offset) || c.Child != "" {
					t.Errorf("copy of %s: %+v", e.ID, c)
				}
				for k, th := range c.Threats {
					if th.ID == e.Threats[k].ID || th.Title != e.Threats[k].Title {
						t.Errorf("threat copy %+v of %+v", th, e.Threats[k])
					}
				}
			}
			for i, f := range fr.Flows {
				c := d.Flow(newIDs[len(fr.Elements)+i])
				if c == nil || !slices.Contains(newIDs, c.From) || !slices.Contains(newIDs, c.To) {
					t.Fatalf("flow copy of %s: %+v", f.ID, c)
				}
				if len(f.Waypoints) > 0 && c.Waypoints[0] != f.Waypoints[0].Add(offset) {
					t.Errorf("waypoint %v, want %v", c.Waypoints[0], f.Waypoints[0].Add(offset))
				}
			}
			for i, b := range fr.Boundaries {
				c := d.Boundary(newIDs[len(fr.Elements)+len(fr.Flows)+i])
				if c == nil || c.Shape != b.Shape || c.Bounds != b.Bounds && c.Bounds != b.Bounds.Moved(offset) {
					t.Errorf("boundary copy of %s: %+v", b.ID, c)
				}
			}
			cmd.Undo(m)
			if !bytes.Equal(encode(t, m), orig) {
				t.Error("undo of paste did not restore the document")
			}
			// The same fragment pastes again, with other fresh IDs.
			again, againIDs := Paste(tc.into, fr, offset)
			if err := again.Do(m); err != nil {
				t.Fatal(err)
			}
			for _, id := range againIDs {
				if slices.Contains(newIDs, id) {
					t.Errorf("ID %s reused by a second paste", id)
				}
			}
		})
	}
}

func TestClone(t *testing.T) {
	m := editModel()
	m.Sessions[0].Participants = []Participant{{"Alice", "developer"}}
	m.Diagrams[0].Background = &Background{Path: "wb.jpg", Bounds: Rect{0, 0, 10, 10}, Opacity: 0.5}
	m.AttackTrees[0].Root = &Node{ID: "n1", Type: Or, Children: []*Node{{ID: "n2", Type: Leaf,
		Countermeasures: []Countermeasure{{Title: "MFA", Strength: 0.5}}}}}
	orig := encode(t, m)
	c := m.Clone()
	if !bytes.Equal(encode(t, c), orig) {
		t.Fatal("clone encodes differently")
	}
	edits := map[string]func(c *Model){
		"participant":    func(c *Model) { c.Sessions[0].Participants[0].Name = "Eve" },
		"background":     func(c *Model) { c.Diagrams[0].Background.Opacity = 1 },
		"element bounds": func(c *Model) { c.Diagrams[0].Elements[0].Bounds.X = 99 },
		"tag":            func(c *Model) { c.Diagrams[0].Elements[0].Tags[0] = "robot" },
		"control":        func(c *Model) { c.Diagrams[0].Elements[1].Controls[0].InPlace = false },
		"threat":         func(c *Model) { c.Diagrams[0].Elements[1].Threats[0].Title = "x" },
		"waypoint":       func(c *Model) { c.Diagrams[0].Flows[0].Waypoints[0].Y = 1 },
		"line point":     func(c *Model) { c.Diagrams[0].Boundaries[0].Points[0].Y = 1 },
		"node":           func(c *Model) { c.AttackTrees[0].Root.Children[0].Title = "x" },
		"countermeasure": func(c *Model) { c.AttackTrees[0].Root.Children[0].Countermeasures[0].InPlace = true },
		"action":         func(c *Model) { c.Actions[0].Title = "x" },
		"reorder": func(c *Model) {
			c.Diagrams[0].Elements[0], c.Diagrams[0].Elements[1] = c.Diagrams[0].Elements[1], c.Diagrams[0].Elements[0]
		},
	}
	for name, edit := range edits {
		t.Run(name, func(t *testing.T) {
			edit(m.Clone())
			if !bytes.Equal(encode(t, m), orig) {
				t.Error("editing the clone changed the original")
			}
		})
	}
}
