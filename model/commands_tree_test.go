package model

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// treeModel is editModel with a tree of three levels:
//
//	ng (OR) ─ na (AND) ─ na1, na2
//	        └ nb (leaf)
func treeModel() *Model {
	m := editModel()
	m.AttackTrees = append(m.AttackTrees, &AttackTree{ID: "tr2", Title: "Steal data", Root: &Node{
		ID: "ng", Title: "Steal data", Type: Or, Children: []*Node{
			{ID: "na", Title: "Break in", Type: And, Children: []*Node{
				{ID: "na1", Title: "Find a hole", Type: Leaf, Probability: 0.5, Skill: 3},
				{ID: "na2", Title: "Get past the WAF", Type: Leaf, Level: Low, Cost: 200},
			}},
			{ID: "nb", Title: "Bribe an admin", Type: Leaf, Level: Medium, Cost: 5000, Skill: 1},
		}}})
	return m
}

// shape is the tree as "id(child id(…) …)", to compare structure at a glance.
func shape(n *Node) string {
	if len(n.Children) == 0 {
		return n.ID
	}
	parts := make([]string, len(n.Children))
	for i, c := range n.Children {
		parts[i] = shape(c)
	}
	return n.ID + "(" + strings.Join(parts, " ") + ")"
}

func TestTreeNodeCommands(t *testing.T) {
	tests := map[string]struct {
		cmd   Command
		shape string // the tree tr2 after Do; empty when Do must fail
		err   string // a part of the error when it fails
		check func(t *testing.T, tr *AttackTree)
	}{
		"add a leaf last": {
			cmd:   AddNode("tr2", "na", &Node{ID: "na3", Type: Leaf, Probability: 0.1}, -1),
			shape: "ng(na(na1 na2 na3) nb)",
		},
		"add a leaf first": {
			cmd:   AddNode("tr2", "ng", &Node{ID: "nc", Type: Leaf, Level: High}, 0),
			shape: "ng(nc na(na1 na2) nb)",
		},
		"add a sub-tree with fresh IDs": {
			cmd: AddNode("tr2", "ng", &Node{Type: And, Title: "Phish", Children: []*Node{{Type: Leaf, Level: Low}}}, 5),
			check: func(t *testing.T, tr *AttackTree) {
				add := tr.Root.Children[2]
				if add.ID == "" || add.Children[0].ID == "" || add.Title != "Phish" {
					t.Errorf("added %+v, want fresh IDs", add)
				}
			},
			shape: "", // checked above: the IDs are random
		},
		"add under a leaf": {
			cmd: AddNode("tr2", "nb", &Node{ID: "nc", Type: Leaf}, 0),
			err: "only an AND or OR node has children",
		},
		"add under an unknown node": {
			cmd: AddNode("tr2", "zz", &Node{ID: "nc", Type: Leaf}, 0),
			err: "not found",
		},
		"add to an unknown tree": {
			cmd: AddNode("zz", "ng", &Node{ID: "nc", Type: Leaf}, 0),
			err: "not found",
		},
		"add a taken ID": {
			cmd: AddNode("tr2", "ng", &Node{ID: "p", Type: Leaf}, 0),
			err: `node ID "p" is already taken`,
		},
		"add a leaf with a probability and a level": {
			cmd: AddNode("tr2", "ng", &Node{ID: "nc", Type: Leaf, Probability: 0.3, Level: Medium}, 0),
			err: "give one of them",
		},
		"add a leaf with a bad probability": {
			cmd: AddNode("tr2", "ng", &Node{ID: "nc", Type: Leaf, Probability: 1.5}, 0),
			err: "outside 0..1",
		},
		"edit a leaf's values": {
			cmd:   EditNode("tr2", Node{ID: "nb", Title: "Bribe", Type: Leaf, Probability: 0.3, Cost: 10, Skill: 2}),
			shape: "ng(na(na1 na2) nb)",
			check: func(t *testing.T, tr *AttackTree) {
				b := tr.Node("nb")
				if b.Title != "Bribe" || b.Probability != 0.3 || b.Level != LevelUnset || b.Skill != 2 {
					t.Errorf("b is %+v", b)
				}
			},
		},
		"edit keeps the children": {
			cmd:   EditNode("tr2", Node{ID: "na", Title: "Break in quietly", Type: Or, Children: []*Node{{ID: "ignored"}}}),
			shape: "ng(na(na1 na2) nb)",
		},
		"edit a node with children into a leaf": {
			cmd: EditNode("tr2", Node{ID: "na", Type: Leaf}),
			err: "has children",
		},
		"edit with both a probability and a level": {
			cmd: EditNode("tr2", Node{ID: "nb", Type: Leaf, Probability: 0.3, Level: Medium}),
			err: "give one of them",
		},
		"edit with a skill out of range": {
			cmd: EditNode("tr2", Node{ID: "nb", Type: Leaf, Skill: 6}),
			err: "skill 6 is outside",
		},
		"edit an unknown node": {
			cmd: EditNode("tr2", Node{ID: "zz", Type: Leaf}),
			err: "not found",
		},
		"delete a sub-tree": {
			cmd:   DeleteNode("tr2", "na"),
			shape: "ng(nb)",
		},
		"delete a leaf": {
			cmd:   DeleteNode("tr2", "na2"),
			shape: "ng(na(na1) nb)",
		},
		"delete the root": {
			cmd: DeleteNode("tr2", "ng"),
			err: "delete the tree instead",
		},
		"delete an unknown node": {
			cmd: DeleteNode("tr2", "zz"),
			err: "not found",
		},
		"move a leaf up": {
			cmd:   MoveNode("tr2", "na2", "ng", 0),
			shape: "ng(na2 na(na1) nb)",
		},
		"move a leaf down": {
			cmd:   MoveNode("tr2", "nb", "na", 1),
			shape: "ng(na(na1 nb na2))",
		},
		"reorder among siblings": {
			cmd:   MoveNode("tr2", "na1", "na", -1),
			shape: "ng(na(na2 na1) nb)",
		},
		"move under itself": {
			cmd: MoveNode("tr2", "na", "na", 0),
			err: "cannot move under itself",
		},
		"move under a leaf": {
			cmd: MoveNode("tr2", "na1", "nb", 0),
			err: "only an AND or OR node has children",
		},
		"move the root": {
			cmd: MoveNode("tr2", "ng", "na", 0),
			err: "root cannot move",
		},
		"edit the tree's info": {
			cmd:   EditTreeInfo("tr2", "Exfiltrate", "t1", true),
			shape: "ng(na(na1 na2) nb)",
			check: func(t *testing.T, tr *AttackTree) {
				if tr.Title != "Exfiltrate" || tr.Target != "t1" || !tr.FeedsLikelihood {
					t.Errorf("tree is %+v", tr)
				}
			},
		},
		"edit the tree's info with an unknown target": {
			cmd: EditTreeInfo("tr2", "Exfiltrate", "zz", true),
			err: `unknown element or threat "zz"`,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			m := treeModel()
			h := NewHistory(m)
			before := encode(t, m)
			err := h.Do(tc.cmd)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("Do: error %v, want one saying %q", err, tc.err)
				}
				if !bytes.Equal(encode(t, m), before) {
					t.Fatal("a failed command changed the document")
				}
				return
			}
			if err != nil {
				t.Fatalf("Do: %v", err)
			}
			tr := m.AttackTree("tr2")
			if tc.shape != "" {
				if got := shape(tr.Root); got != tc.shape {
					t.Errorf("tree is %s, want %s", got, tc.shape)
				}
			}
			if tc.check != nil {
				tc.check(t, tr)
			}
			if ps := Validate(m); len(ps) > 0 {
				t.Fatalf("the edit left an invalid document: %v", ps)
			}
			after := encode(t, m)
			if err := h.Undo(); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(encode(t, m), before) {
				t.Fatal("Undo did not give back the original bytes")
			}
			if err := h.Redo(); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(encode(t, m), after) {
				t.Fatal("Redo did not give back the edited bytes")
			}
		})
	}
}

func TestTreeLookups(t *testing.T) {
	tr := treeModel().AttackTree("tr2")
	tests := map[string]struct{ id, node, parent string }{
		"the root":      {"ng", "ng", ""},
		"a child":       {"na", "na", "ng"},
		"a grandchild":  {"na2", "na2", "na"},
		"an unknown ID": {"zz", "", ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			id := func(n *Node) string {
				if n == nil {
					return ""
				}
				return n.ID
			}
			if got := id(tr.Node(tc.id)); got != tc.node {
				t.Errorf("Node(%q) = %q, want %q", tc.id, got, tc.node)
			}
			if got := id(tr.Parent(tc.id)); got != tc.parent {
				t.Errorf("Parent(%q) = %q, want %q", tc.id, got, tc.parent)
			}
		})
	}
	if !slices.Equal([]bool{tr.Node("na2").Rated(), tr.Node("na1").Rated()}, []bool{true, false}) {
		t.Error("Rated: a leaf with a level is rated by it, one without by its probability")
	}
}
