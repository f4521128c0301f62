package model

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestCommandsRefuseWhatWouldNotLoad gives every kind of command an input
// that would put the document over a limit Decode enforces (a text, a list,
// a count per diagram or per model, a tree's depth, a parent cycle) and
// checks that it is refused, with a message naming the limit, before
// anything changes.
func TestCommandsRefuseWhatWouldNotLoad(t *testing.T) {
	long := strings.Repeat("x", DefaultLimits.StringLength+1)
	box := Rect{X: 0, Y: 0, W: 10, H: 10}
	leaf := func(title string) *Node { return &Node{Title: title, Type: Leaf} }
	cases := map[string]struct {
		limits func(*Limits) // lowers a count, so that the model at hand fills it
		setup  func(*Model)  // shapes the model before the snapshot
		cmd    func() Command
		want   string
	}{
		"add element: name": {cmd: func() Command {
			return AddElement("d1", &Element{Kind: Process, Bounds: box, Common: Common{Name: long}})
		}, want: "the name is"},
		"add element: ID": {cmd: func() Command {
			return AddElement("d1", &Element{ID: long, Kind: Process, Bounds: box})
		}, want: "the id is"},
		"add element: privilege level": {cmd: func() Command {
			return AddElement("d1", &Element{Kind: Process, Bounds: box, PrivilegeLevel: long})
		}, want: "the privilegeLevel is"},
		"add element: a tag": {cmd: func() Command {
			return AddElement("d1", &Element{Kind: Process, Bounds: box, Common: Common{Tags: []string{"ok", long}}})
		}, want: "the tags[1] is"},
		"add element: too many tags": {cmd: func() Command {
			return AddElement("d1", &Element{Kind: Process, Bounds: box, Common: Common{Tags: make([]string, DefaultLimits.ListLength+1)}})
		}, want: "over the limit"},
		"add element: a threat's justification": {cmd: func() Command {
			return AddElement("d1", &Element{Kind: Process, Bounds: box, Common: Common{Threats: []*Threat{{ID: "tn", Justification: long}}}})
		}, want: "the threats[0].justification is"},
		"add element: a control's notes": {cmd: func() Command {
			return AddElement("d1", &Element{Kind: Process, Bounds: box, Common: Common{Controls: []Control{{Name: "TLS", Notes: long}}}})
		}, want: "the controls[0].notes is"},
		"add element: the diagram is full": {limits: func(l *Limits) { l.ElementsPerDiagram = 5 }, cmd: func() Command {
			return AddElement("d1", &Element{Kind: Process, Bounds: box})
		}, want: "already 5 elements"},
		"add flow: protocol": {cmd: func() Command {
			return AddFlow("d1", &Flow{From: "e1", To: "e2", Protocol: long})
		}, want: "the protocol is"},
		"add flow: too many waypoints": {cmd: func() Command {
			return AddFlow("d1", &Flow{From: "e1", To: "e2", Waypoints: make([]Point, DefaultLimits.ListLength+1)})
		}, want: "waypoints"},
		"add flow: the diagram is full": {limits: func(l *Limits) { l.FlowsPerDiagram = 2 }, cmd: func() Command {
			return AddFlow("d1", &Flow{From: "e1", To: "e2"})
		}, want: "already 2 flows"},
		"add boundary: description": {cmd: func() Command {
			return AddBoundary("d1", &Boundary{Shape: BoundaryBox, Bounds: box, Description: long})
		}, want: "the description is"},
		"add boundary: too many points": {cmd: func() Command {
			return AddBoundary("d1", &Boundary{Shape: BoundaryLine, Points: make([]Point, DefaultLimits.ListLength+1)})
		}, want: "points"},
		"add boundary: the diagram is full": {limits: func(l *Limits) { l.BoundariesPerDiagram = 2 }, cmd: func() Command {
			return AddBoundary("d1", &Boundary{Shape: BoundaryBox, Bounds: box})
		}, want: "already 2 boundaries"},
		"add diagram: title": {cmd: func() Command { return AddDiagram(&Diagram{Title: long}) }, want: "the title is"},
		"add diagram: an element's owner": {cmd: func() Command {
			return AddDiagram(&Diagram{Elements: []*Element{{ID: "en", Kind: Store, Bounds: box, Common: Common{Owner: long}}}})
		}, want: "the elements[0].owner is"},
		"add diagram: background path": {cmd: func() Command {
			return AddDiagram(&Diagram{Background: &Background{Path: long, Bounds: box}})
		}, want: "the background.path is"},
		"add diagram: too many": {limits: func(l *Limits) { l.Diagrams = 2 }, cmd: func() Command {
			return AddDiagram(&Diagram{Title: "Third"})
		}, want: "already 2 diagrams"},
		"add diagram: parent cycle": {setup: func(m *Model) {
			// A parent naming no element (which no loaded model has) that
			// the new diagram's element would answer, closing a circle.
			d2 := m.Diagram("d2")
			d2.Elements = append(d2.Elements, &Element{ID: "e7", Kind: MultiProcess, Bounds: box})
			d2.Reindex()
			d2.Parent = "zz"
		}, cmd: func() Command {
			return AddDiagram(&Diagram{ID: "dn", Parent: "e7", Elements: []*Element{{ID: "zz", Kind: MultiProcess, Bounds: box}}})
		}, want: "lead back"},
		"open in depth: description": {setup: addMultiProcess, cmd: func() Command {
			return AddChildDiagram("d1", "e6", &Diagram{Description: long})
		}, want: "the description is"},
		"open in depth: too many diagrams": {setup: addMultiProcess, limits: func(l *Limits) { l.Diagrams = 2 }, cmd: func() Command {
			return AddChildDiagram("d1", "e6", &Diagram{})
		}, want: "already 2 diagrams"},
		"add attack tree: a node's title": {cmd: func() Command {
			return AddAttackTree(&AttackTree{Title: "T", Root: &Node{ID: "r", Type: Or, Children: []*Node{{ID: "c", Title: long}}}})
		}, want: "the root.children[0].title is"},
		"add attack tree: too many": {limits: func(l *Limits) { l.AttackTrees = 1 }, cmd: func() Command {
			return AddAttackTree(&AttackTree{Title: "T", Root: &Node{ID: "r", Type: Leaf}})
		}, want: "already 1 attack trees"},
		"edit attack tree: a countermeasure": {cmd: func() Command {
			t := fullModel().AttackTrees[0]
			t.Root.Children[0].Countermeasures = []Countermeasure{{Title: long}}
			return EditAttackTree(t)
		}, want: "countermeasures[0].title is"},
		"add node: title": {cmd: func() Command { return AddNode("a1", "n1", leaf(long), -1) }, want: "title is"},
		"add node: too many countermeasures": {cmd: func() Command {
			n := leaf("step")
			n.Countermeasures = make([]Countermeasure, DefaultLimits.ListLength+1)
			return AddNode("a1", "n1", n, -1)
		}, want: "countermeasures"},
		"add node: too deep": {limits: func(l *Limits) { l.TreeDepth = 3 }, cmd: func() Command {
			return AddNode("a1", "n3", &Node{Type: And, Children: []*Node{leaf("deeper")}}, -1)
		}, want: "deeper than 3 levels"},
		"edit node: title": {cmd: func() Command {
			return EditNode("a1", Node{ID: "n2", Title: long, Type: Leaf})
		}, want: "title is"},
		"edit tree info: title": {cmd: func() Command { return EditTreeInfo("a1", long, "", false) }, want: "title is"},
		"add threat: title": {cmd: func() Command {
			return AddThreat("d1", "e1", &Threat{Title: long})
		}, want: "the title is"},
		"add threat: too many on one element": {limits: func(l *Limits) { l.ListLength = 1 }, cmd: func() Command {
			return AddThreat("d1", "e2", &Threat{Title: "Another"})
		}, want: "already 1 threats"},
		"edit threat: mitigation": {cmd: func() Command {
			t := *fullModel().Diagrams[0].Elements[1].Threats[0]
			t.Mitigation = long
			return EditThreat("d1", "e2", t)
		}, want: "the mitigation is"},
		"add threats: ticket": {cmd: func() Command {
			return AddThreats([]ThreatAdd{{"d1", "e1", &Threat{Title: "A"}}, {"d1", "e4", &Threat{Ticket: long}}})
		}, want: "the ticket is"},
		"add threats: the second fills an element": {limits: func(l *Limits) { l.ListLength = 1 }, cmd: func() Command {
			return AddThreats([]ThreatAdd{{"d1", "e1", &Threat{Title: "A"}}, {"d1", "e1", &Threat{Title: "B"}}})
		}, want: "already 1 threats"},
		"dismiss: rule ID": {cmd: func() Command { return Dismiss("d1", "e1", long, true) }, want: "the text is"},
		"dismiss: too many": {limits: func(l *Limits) { l.ListLength = 1 }, cmd: func() Command {
			return Dismiss("d1", "e2", "R-OTHER", true)
		}, want: "already 1 dismissed"},
		"discuss: category": {cmd: func() Command {
			return Discuss("d1", "e1", Discussion{Category: long, Outcome: NothingFound})
		}, want: "the category is"},
		"discuss: too many": {limits: func(l *Limits) { l.ListLength = 2 }, cmd: func() Command {
			return Discuss("d1", "e2", Discussion{Category: "tampering", Outcome: NothingFound})
		}, want: "already 2 discussions"},
		"add session: notes": {cmd: func() Command { return AddSession(&Session{Notes: long}) }, want: "the notes is"},
		"add session: a participant's role": {cmd: func() Command {
			return AddSession(&Session{Participants: []Participant{{Name: "Ann", Role: long}}})
		}, want: "the participants[0].role is"},
		"add session: too many participants": {cmd: func() Command {
			return AddSession(&Session{Participants: make([]Participant, DefaultLimits.ListLength+1)})
		}, want: "participants"},
		"add session: too many": {limits: func(l *Limits) { l.ListLength = 1 }, cmd: func() Command {
			return AddSession(&Session{})
		}, want: "already 1 sessions"},
		"edit session: notes": {cmd: func() Command {
			s := *fullModel().Sessions[0]
			s.Notes = long
			return EditSession(s)
		}, want: "the notes is"},
		"add action: owner": {cmd: func() Command { return AddAction(&Action{Title: "Fix", Owner: long}) }, want: "the owner is"},
		"add action: too many": {limits: func(l *Limits) { l.ListLength = 1 }, cmd: func() Command {
			return AddAction(&Action{Title: "Fix"})
		}, want: "already 1 actions"},
		"edit action: review note": {cmd: func() Command {
			a := *fullModel().Actions[0]
			a.ReviewNote = long
			return EditAction(a)
		}, want: "the reviewNote is"},
		"edit model details: description": {cmd: func() Command {
			i := fullModel().Info()
			i.Description = long
			return SetInfo(i)
		}, want: "the description is"},
		"rename":           {cmd: func() Command { return Rename("d1", "e1", long) }, want: "the text is"},
		"rename diagram":   {cmd: func() Command { return RenameDiagram("d1", long) }, want: "the text is"},
		"choose checklist": {cmd: func() Command { return SetChecklist("d1", long) }, want: "the text is"},
		"set tags: a tag":  {cmd: func() Command { return SetTags("d1", "e1", []string{long}) }, want: "the entry [0] is"},
		"set tags: too many": {cmd: func() Command {
			return SetTags("d1", "e1", make([]string, DefaultLimits.ListLength+1))
		}, want: "over the limit"},
		"set controls: notes": {cmd: func() Command {
			return SetControls("d1", "e1", []Control{{Name: "MFA", Notes: long}})
		}, want: "the entry [0].notes is"},
		"set waypoints: too many": {cmd: func() Command {
			return SetWaypoints("d1", "f1", make([]Point, DefaultLimits.ListLength+1))
		}, want: "over the limit"},
		"set points: too many": {cmd: func() Command {
			return SetPoints("d1", "b1", make([]Point, DefaultLimits.ListLength+1))
		}, want: "over the limit"},
		"place background: path": {cmd: func() Command {
			return PlaceBackground("d1", &Background{Path: long, Bounds: box, Opacity: 1})
		}, want: "the path is"},
		"set property": {cmd: func() Command { return SetProp("d1", "e2", "privilegeLevel", long) }, want: "the text is"},
		"paste: a name": {cmd: func() Command {
			c, _ := Paste("d1", Fragment{Elements: []*Element{
				{ID: "p1", Kind: Process, Bounds: box},
				{ID: "p2", Kind: Process, Bounds: box, Common: Common{Name: long}},
			}}, Point{X: 10, Y: 10})
			return c
		}, want: "the name is"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			m := fullModel()
			if tc.setup != nil {
				tc.setup(m)
			}
			if tc.limits != nil {
				saved := DefaultLimits
				tc.limits(&DefaultLimits)
				t.Cleanup(func() { DefaultLimits = saved })
			}
			before, err := Encode(m)
			if err != nil {
				t.Fatal(err)
			}
			err = tc.cmd().Do(m)
			if err == nil {
				t.Fatal("the edit was done")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not say %q", err, tc.want)
			}
			if len(err.Error()) > 2000 {
				t.Errorf("an error of %d bytes: it should quote the input short", len(err.Error()))
			}
			after, err := Encode(m)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(before, after) {
				t.Error("the refused edit changed the document")
			}
		})
	}
}

// addMultiProcess puts a multi-process that opens nothing yet in d1.
func addMultiProcess(m *Model) {
	d := m.Diagram("d1")
	d.Elements = append(d.Elements, &Element{ID: "e6", Kind: MultiProcess, Bounds: Rect{X: 600, Y: 20, W: 100, H: 100}})
	d.Reindex()
}

// TestEncodeCountsObjectsAsDecodeDoes holds the count EncodeForSave checks
// against Limits.Objects to the decoder's: the file loads with exactly
// that many allowed, not with one fewer.
func TestEncodeCountsObjectsAsDecodeDoes(t *testing.T) {
	for name, m := range map[string]*Model{"full": fullModel(), "synthetic": Synthetic(30, 40, 3, 1), "empty": {}} {
		t.Run(name, func(t *testing.T) {
			data, _, objects, err := encodeLimited(m, 0)
			if err != nil {
				t.Fatal(err)
			}
			lim := DefaultLimits
			lim.Objects = objects
			if _, err := DecodeWithLimits(data, lim); err != nil {
				t.Errorf("with %d objects allowed: %v", objects, err)
			}
			lim.Objects = objects - 1
			if _, err := DecodeWithLimits(data, lim); err == nil || !strings.Contains(err.Error(), "objects") {
				t.Errorf("with %d objects allowed: %v, want a refusal", objects-1, err)
			}
		})
	}
}

func TestSaveRefusesTooManyObjects(t *testing.T) {
	saved := DefaultLimits
	t.Cleanup(func() { DefaultLimits = saved })
	m := fullModel()
	_, _, objects, err := encodeLimited(m, 0)
	if err != nil {
		t.Fatal(err)
	}
	DefaultLimits.Objects = objects - 1
	if _, err := EncodeForSave(m); err == nil || !strings.Contains(err.Error(), "objects and list entries") {
		t.Errorf("EncodeForSave = %v, want a refusal", err)
	}
	DefaultLimits.Objects = objects
	if _, err := EncodeForSave(m); err != nil {
		t.Errorf("EncodeForSave at the limit: %v", err)
	}
}

// TestEditsMakeNoParentCycle: the edits that give a diagram a parent (a new
// diagram, a child diagram, an element a parent reference names) refuse to
// close a circle of parents, which Decode refuses; nested child diagrams
// stay valid.
func TestEditsMakeNoParentCycle(t *testing.T) {
	box := Rect{X: 0, Y: 0, W: 10, H: 10}
	// dangling makes d2's parent name "zz", an element no diagram holds:
	// no loaded model has such a reference, a model built in code may.
	dangling := func(m *Model) {
		m.Diagram("d2").Parent = "zz"
	}
	cases := map[string]struct {
		setup func(*Model)
		cmd   func() Command
		ok    bool
	}{
		"a new diagram holding the parent of its parent": {
			setup: func(m *Model) {
				dangling(m)
				d2 := m.Diagram("d2")
				d2.Elements = append(d2.Elements, &Element{ID: "e7", Kind: MultiProcess, Bounds: box})
				d2.Reindex()
			},
			cmd: func() Command {
				return AddDiagram(&Diagram{ID: "dn", Parent: "e7", Elements: []*Element{{ID: "zz", Kind: MultiProcess, Bounds: box}}})
			},
		},
		"a child diagram holding the parent of its parent": {
			setup: func(m *Model) {
				addMultiProcess(m)
				m.Diagram("d1").Parent = "zz"
			},
			cmd: func() Command {
				return AddChildDiagram("d1", "e6", &Diagram{ID: "dn", Elements: []*Element{{ID: "zz", Kind: MultiProcess, Bounds: box}}})
			},
		},
		"an element a parent reference names": {
			setup: dangling,
			cmd:   func() Command { return AddElement("d2", &Element{ID: "zz", Kind: MultiProcess, Bounds: box}) },
		},
		"a child of a child": {
			setup: func(m *Model) {
				d2 := m.Diagram("d2")
				d2.Elements = append(d2.Elements, &Element{ID: "e7", Kind: MultiProcess, Bounds: box})
				d2.Reindex()
			},
			cmd: func() Command { return AddChildDiagram("d2", "e7", &Diagram{Title: "Deeper"}) },
			ok:  true,
		},
		"a pasted multi-process": {
			cmd: func() Command {
				c, _ := Paste("d2", CopyFragment(fullModel().Diagram("d1"), []string{"e3"}), Point{})
				return c
			},
			ok: true,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			m := fullModel()
			if tc.setup != nil {
				tc.setup(m)
			}
			before, err := Encode(m)
			if err != nil {
				t.Fatal(err)
			}
			err = tc.cmd().Do(m)
			if tc.ok {
				if err != nil {
					t.Fatal(err)
				}
				if ps := Validate(m); len(ps) > 0 {
					t.Errorf("the edit made an invalid model: %v", ps)
				}
				return
			}
			if err == nil {
				t.Fatal("the edit was done")
			}
			if after, _ := Encode(m); !bytes.Equal(before, after) {
				t.Error("the refused edit changed the document")
			}
		})
	}
}

func TestSaveRefusesTreesOverLimits(t *testing.T) {
	deep := &Node{ID: "r", Type: And}
	n := deep
	for i := range DefaultLimits.TreeDepth {
		c := &Node{ID: fmt.Sprintf("n%d", i), Type: And}
		n.Children = []*Node{c}
		n = c
	}
	wide := &Node{ID: "r", Type: Or}
	for i := range DefaultLimits.NodesPerTree {
		wide.Children = append(wide.Children, &Node{ID: fmt.Sprintf("n%d", i), Type: Leaf})
	}
	for name, tc := range map[string]struct {
		root *Node
		want string
	}{
		"too deep":  {deep, "levels deep"},
		"too large": {wide, "nodes"},
	} {
		t.Run(name, func(t *testing.T) {
			m := fullModel()
			m.AttackTrees = append(m.AttackTrees, &AttackTree{ID: "big", Root: tc.root})
			if _, err := EncodeForSave(m); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("EncodeForSave = %v, want a refusal saying %q", err, tc.want)
			}
			data, err := Encode(m)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Decode(data); err == nil {
				t.Error("Decode loads the tree: the limit the test assumes is not the decoder's")
			}
		})
	}
}

// TestCommandErrorsQuoteShort: an edit naming an unknown object by a huge
// ID says so with an excerpt of the ID, not the whole of it.
func TestCommandErrorsQuoteShort(t *testing.T) {
	long := strings.Repeat("x", 1<<20)
	for name, cmd := range map[string]Command{
		"rename":          Rename("d1", long, "name"),
		"rename diagram":  RenameDiagram(long, "title"),
		"delete":          Delete("d1", []string{long}),
		"move":            Move(long, []string{"e1"}, Point{X: 1}),
		"reconnect":       Reconnect("d1", "f1", long, "e2"),
		"edit threat":     EditThreat("d1", "e2", Threat{ID: long}),
		"delete session":  DeleteSession(long),
		"edit action":     EditAction(Action{ID: long}),
		"delete node":     DeleteNode("a1", long),
		"move node":       MoveNode("a1", "n2", long, 0),
		"open in depth":   AddChildDiagram("d1", long, &Diagram{}),
		"delete tree":     DeleteAttackTree(long),
		"set property":    SetProp("d1", long, "protocol", "TLS"),
		"edit tree info":  EditTreeInfo(long, "t", "", false),
		"remove backdrop": RemoveBackground(long),
	} {
		t.Run(name, func(t *testing.T) {
			err := cmd.Do(fullModel())
			if err == nil {
				t.Fatal("the edit was done")
			}
			if len(err.Error()) > 400 {
				t.Errorf("an error of %d bytes: %.200s…", len(err.Error()), err)
			}
		})
	}
}
