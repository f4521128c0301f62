package analysis

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/threatboard/threatboard/model"
)

func leafNode(id string, p, cost float64, skill int) *model.Node {
	return &model.Node{ID: id, Title: "leaf " + id, Type: model.Leaf, Probability: p, Cost: cost, Skill: skill}
}

func andNode(id string, children ...*model.Node) *model.Node {
	return &model.Node{ID: id, Title: "and " + id, Type: model.And, Children: children}
}

func orNode(id string, children ...*model.Node) *model.Node {
	return &model.Node{ID: id, Title: "or " + id, Type: model.Or, Children: children}
}

func nearly(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

func TestEvaluateTree(t *testing.T) {
	tests := map[string]struct {
		root    *model.Node
		want    NodeValue
		cheap   []string
		likely  []string
		nodeID  string // also check this node's value
		nodeVal NodeValue
	}{
		"single leaf": {
			root:   leafNode("a", 0.3, 100, 2),
			want:   NodeValue{0.3, 100, 2},
			cheap:  []string{"a"},
			likely: []string{"a"},
		},
		"leaf level wins over probability": {
			root:   &model.Node{ID: "a", Type: model.Leaf, Level: model.Medium, Probability: 0.9},
			want:   NodeValue{MediumProbability, 0, 0},
			cheap:  []string{"a"},
			likely: []string{"a"},
		},
		"and multiplies, sums and takes the max skill": {
			root:   andNode("r", leafNode("a", 0.5, 10, 2), leafNode("b", 0.4, 20, 4)),
			want:   NodeValue{0.2, 30, 4},
			cheap:  []string{"r", "a", "b"},
			likely: []string{"r", "a", "b"},
		},
		"or combines, takes the min cost and min skill": {
			root:   orNode("r", leafNode("a", 0.5, 10, 3), leafNode("b", 0.4, 5, 2)),
			want:   NodeValue{1 - 0.5*0.6, 5, 2},
			cheap:  []string{"r", "b"},
			likely: []string{"r", "a"},
		},
		"unrated skill takes no part": {
			root:   orNode("r", leafNode("a", 0.5, 10, 0), leafNode("b", 0.4, 5, 3)),
			want:   NodeValue{0.7, 5, 3},
			cheap:  []string{"r", "b"},
			likely: []string{"r", "a"},
		},
		"all skills unrated": {
			root:   andNode("r", leafNode("a", 0.5, 1, 0), leafNode("b", 0.5, 1, 0)),
			want:   NodeValue{0.25, 2, 0},
			cheap:  []string{"r", "a", "b"},
			likely: []string{"r", "a", "b"},
		},
		"ties go to the first child": {
			root:   orNode("r", leafNode("a", 0.5, 10, 1), leafNode("b", 0.5, 10, 1)),
			want:   NodeValue{0.75, 10, 1},
			cheap:  []string{"r", "a"},
			likely: []string{"r", "a"},
		},
		"countermeasure in place lowers a leaf": {
			root: orNode("r",
				&model.Node{ID: "a", Type: model.Leaf, Probability: 0.8, Cost: 1, Countermeasures: []model.Countermeasure{
					{Title: "MFA", Strength: 0.75, InPlace: true},
					{Title: "planned", Strength: 0.9},
				}},
				leafNode("b", 0.3, 2, 1)),
			want:    NodeValue{1 - 0.8*0.7, 1, 1},
			cheap:   []string{"r", "a"},
			likely:  []string{"r", "b"},
			nodeID:  "a",
			nodeVal: NodeValue{0.2, 1, 0},
		},
		"countermeasure on an inner node": {
			root: &model.Node{ID: "r", Type: model.And,
				Countermeasures: []model.Countermeasure{{Strength: 0.5, InPlace: true}, {Strength: 0.5, InPlace: true}},
				Children:        []*model.Node{leafNode("a", 0.8, 1, 1)}},
			want:   NodeValue{0.2, 1, 1},
			cheap:  []string{"r", "a"},
			likely: []string{"r", "a"},
		},
		"nested paths": {
			root: orNode("r",
				andNode("x", leafNode("x1", 0.9, 50, 1), leafNode("x2", 0.9, 60, 1)),
				orNode("y", leafNode("y1", 0.1, 200, 5), leafNode("y2", 0.2, 30, 2)),
			),
			// x: p .81 cost 110 skill 1; y: p 1-.9*.8=.28 cost 30 skill 2
			want:    NodeValue{1 - 0.19*0.72, 30, 1},
			cheap:   []string{"r", "y", "y2"},
			likely:  []string{"r", "x", "x1", "x2"},
			nodeID:  "y",
			nodeVal: NodeValue{0.28, 30, 2},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r, err := EvaluateTree(&model.AttackTree{ID: "t", Title: "T", Root: tc.root})
			if err != nil {
				t.Fatal(err)
			}
			if !nearly(r.Root.Probability, tc.want.Probability) || r.Root.Cost != tc.want.Cost || r.Root.Skill != tc.want.Skill {
				t.Errorf("root = %+v, want %+v", r.Root, tc.want)
			}
			if !slices.Equal(r.CheapestPath, tc.cheap) {
				t.Errorf("CheapestPath = %v, want %v", r.CheapestPath, tc.cheap)
			}
			if !slices.Equal(r.LikeliestPath, tc.likely) {
				t.Errorf("LikeliestPath = %v, want %v", r.LikeliestPath, tc.likely)
			}
			if rv, ok := r.Node(tc.root.ID); !ok || rv != r.Root {
				t.Errorf("Node(root) = %+v, %v; want the root value", rv, ok)
			}
			if tc.nodeID != "" {
				v, ok := r.Node(tc.nodeID)
				if !ok || !nearly(v.Probability, tc.nodeVal.Probability) || v.Cost != tc.nodeVal.Cost || v.Skill != tc.nodeVal.Skill {
					t.Errorf("Node(%s) = %+v, %v; want %+v", tc.nodeID, v, ok, tc.nodeVal)
				}
			}
			if _, ok := r.Node("nope"); ok {
				t.Error("Node(unknown) found something")
			}
		})
	}
}

func TestValidateTree(t *testing.T) {
	shared := leafNode("s", 0.5, 1, 1)
	cyclic := orNode("c")
	cyclic.Children = []*model.Node{leafNode("c1", 0.5, 1, 1), cyclic}
	tests := map[string]struct {
		tree *model.AttackTree
		want []string // Error() of each problem, in order
	}{
		"valid": {
			tree: &model.AttackTree{Root: orNode("r", leafNode("a", 0.5, 1, 1), andNode("b", leafNode("c", 0.5, 1, 1)))},
		},
		"no root": {
			tree: &model.AttackTree{},
			want: []string{`attackTrees[3].root: the tree has no root goal`},
		},
		"empty and": {
			tree: &model.AttackTree{Root: orNode("r", leafNode("a", 0.5, 1, 1), leafNode("b", 0.5, 1, 1), andNode("x"))},
			want: []string{`attackTrees[3].root.children[2] ("and x"): AND node has no children`},
		},
		"empty or root": {
			tree: &model.AttackTree{Root: orNode("r")},
			want: []string{`attackTrees[3].root ("or r"): OR node has no children`},
		},
		"leaf without values": {
			tree: &model.AttackTree{Root: andNode("r", leafNode("a", 0, 10, 1))},
			want: []string{`attackTrees[3].root.children[0] ("leaf a"): leaf has neither a probability nor a level`},
		},
		"leaf with children": {
			tree: &model.AttackTree{Root: &model.Node{ID: "r", Type: model.Leaf, Probability: 0.5, Children: []*model.Node{leafNode("a", 0.5, 1, 1)}}},
			want: []string{`attackTrees[3].root: leaf has 1 children; make it an AND or OR node`},
		},
		"values out of range": {
			tree: &model.AttackTree{Root: orNode("r",
				leafNode("a", 1.5, 1, 1),
				leafNode("b", math.NaN(), 1, 1),
				leafNode("c", 0.5, -2, 1),
				leafNode("d", 0.5, math.Inf(1), 6),
				&model.Node{ID: "e", Title: "E", Type: model.Leaf, Level: model.Level(9)},
				&model.Node{ID: "f", Title: "F", Type: model.Leaf, Probability: 0.5, Countermeasures: []model.Countermeasure{{Title: "WAF", Strength: 1.2}}},
			)},
			want: []string{
				`attackTrees[3].root.children[0] ("leaf a"): probability 1.5 is outside 0..1`,
				`attackTrees[3].root.children[1] ("leaf b"): probability NaN is outside 0..1`,
				`attackTrees[3].root.children[2] ("leaf c"): cost -2 is not a finite amount of zero or more`,
				`attackTrees[3].root.children[3] ("leaf d"): cost +Inf is not a finite amount of zero or more`,
				`attackTrees[3].root.children[3] ("leaf d"): skill 6 is outside 0..5 (0 means not rated)`,
				`attackTrees[3].root.children[4] ("E"): unknown level 9`,
				`attackTrees[3].root.children[5].countermeasures[0] ("WAF"): strength 1.2 is outside 0..1`,
			},
		},
		"unknown type": {
			tree: &model.AttackTree{Root: &model.Node{ID: "r", Title: "R", Probability: 0.5}},
			want: []string{`attackTrees[3].root ("R"): unknown node type 0`},
		},
		"repeated ID": {
			tree: &model.AttackTree{Root: orNode("r", leafNode("a", 0.5, 1, 1), andNode("b", leafNode("a", 0.3, 1, 1)))},
			want: []string{`attackTrees[3].root.children[1].children[0] ("leaf a"): ID "a" repeated (first at attackTrees[3].root.children[0])`},
		},
		"shared subtree": {
			tree: &model.AttackTree{Root: orNode("r", shared, andNode("b", shared))},
			want: []string{`attackTrees[3].root.children[1].children[0] ("leaf s"): the same node is reached twice (a cycle or a shared subtree; first at attackTrees[3].root.children[0])`},
		},
		"cycle": {
			tree: &model.AttackTree{Root: andNode("r", cyclic)},
			want: []string{`attackTrees[3].root.children[0].children[1] ("or c"): the same node is reached twice (a cycle or a shared subtree; first at attackTrees[3].root.children[0])`},
		},
		"cycle without IDs": {
			tree: func() *model.AttackTree {
				n := &model.Node{Title: "loop", Type: model.Or}
				n.Children = []*model.Node{n}
				return &model.AttackTree{Root: n}
			}(),
			want: []string{
				`attackTrees[3].root ("loop"): node has no ID`,
				`attackTrees[3].root.children[0] ("loop"): the same node is reached twice (a cycle or a shared subtree)`,
			},
		},
		"null child": {
			tree: &model.AttackTree{Root: orNode("r", leafNode("a", 0.5, 1, 1), nil)},
			want: []string{`attackTrees[3].root.children[1]: child is missing (null)`},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			errs := ValidateTree(tc.tree, "attackTrees[3]")
			var got []string
			for _, e := range errs {
				got = append(got, e.Error())
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("ValidateTree =\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
			_, err := EvaluateTree(tc.tree)
			if (err == nil) != (len(tc.want) == 0) {
				t.Errorf("EvaluateTree error = %v, want one exactly when invalid", err)
			}
			if err != nil {
				var te *TreeError
				if !errors.As(err, &te) || !strings.HasPrefix(te.Path, "root") {
					t.Errorf("EvaluateTree error %v does not carry a *TreeError with a path from root", err)
				}
			}
		})
	}
}

func TestValidateTreeManyRepeats(t *testing.T) {
	root := orNode("r")
	for range 500 {
		root.Children = append(root.Children, leafNode("x", 0.5, 1, 1))
	}
	errs := ValidateTree(&model.AttackTree{Root: root}, "")
	if len(errs) != 499 {
		t.Fatalf("%d problems, want 499 repeats", len(errs))
	}
	for i, e := range errs {
		want := fmt.Sprintf(`root.children[%d] ("leaf x"): ID "x" repeated (first at root.children[0])`, i+1)
		if e.Error() != want {
			t.Fatalf("problem %d = %s, want %s", i, e, want)
		}
	}
}

func TestValidateTreeTooDeep(t *testing.T) {
	root := andNode("n0")
	n := root
	for i := 1; i <= maxTreeDepth; i++ {
		c := andNode("n" + strconv.Itoa(i))
		n.Children = []*model.Node{c}
		n = c
	}
	n.Type = model.Leaf
	n.Probability = 0.5
	errs := ValidateTree(&model.AttackTree{Root: root}, "")
	if len(errs) != 1 || !strings.Contains(errs[0].Reason, "deeper than") || errs[0].NodeID != n.ID {
		t.Fatalf("ValidateTree = %v, want one problem at the node past the depth bound", errs)
	}
}

func TestValidateTrees(t *testing.T) {
	m := &model.Model{AttackTrees: []*model.AttackTree{
		{Root: leafNode("a", 0.5, 1, 1)},
		{Root: andNode("b")},
	}}
	errs := ValidateTrees(m)
	if len(errs) != 1 || errs[0].Path != "attackTrees[1].root" || errs[0].NodeID != "b" {
		t.Fatalf("ValidateTrees = %v, want the empty AND of the second tree", errs)
	}
}

func TestLikelihoodOf(t *testing.T) {
	tests := map[string]struct {
		p    float64
		want model.Level
	}{
		"zero":           {0, model.Low},
		"just below low": {0.0999, model.Low},
		"low threshold":  {LowBelow, model.Medium},
		"medium":         {0.3, model.Medium},
		"medium edge":    {MediumBelow, model.High},
		"certain":        {1, model.High},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := LikelihoodOf(tc.p); got != tc.want {
				t.Errorf("LikelihoodOf(%v) = %v, want %v", tc.p, got, tc.want)
			}
		})
	}
	for _, l := range []model.Level{model.Low, model.Medium, model.High} {
		if got := LikelihoodOf(LevelProbability(l)); got != l {
			t.Errorf("level %v → probability %v → %v", l, LevelProbability(l), got)
		}
	}
	if LevelProbability(model.LevelUnset) != 0 {
		t.Error("unset level has a probability")
	}
}

func TestProposeLikelihood(t *testing.T) {
	threat := &model.Threat{ID: "th", Title: "Account takeover", Likelihood: model.Low}
	m := &model.Model{
		Diagrams: []*model.Diagram{{ID: "d", Elements: []*model.Element{
			{ID: "e", Kind: model.Process, Common: model.Common{Threats: []*model.Threat{threat}}},
		}}},
	}
	likely := orNode("r", leafNode("a", 0.5, 1, 1), leafNode("b", 0.2, 1, 1)) // 0.6 → high
	tests := map[string]struct {
		tree    *model.AttackTree
		ok      bool
		wantErr bool
		want    Proposal
	}{
		"feeds a threat": {
			tree: &model.AttackTree{ID: "t", Target: "th", FeedsLikelihood: true, Root: likely},
			ok:   true,
			want: Proposal{TreeID: "t", ThreatID: "th", Probability: 0.6, Current: model.Low, Proposed: model.High},
		},
		"does not feed": {
			tree: &model.AttackTree{ID: "t", Target: "th", Root: likely},
		},
		"targets an element": {
			tree: &model.AttackTree{ID: "t", Target: "e", FeedsLikelihood: true, Root: likely},
		},
		"dangling target": {
			tree: &model.AttackTree{ID: "t", Target: "gone", FeedsLikelihood: true, Root: likely},
		},
		"invalid tree": {
			tree:    &model.AttackTree{ID: "t", Target: "th", FeedsLikelihood: true, Root: andNode("x")},
			wantErr: true,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			p, ok, err := ProposeLikelihood(m, tc.tree)
			if (err != nil) != tc.wantErr || ok != tc.ok {
				t.Fatalf("ProposeLikelihood = %+v, %v, %v", p, ok, err)
			}
			if !ok {
				return
			}
			if !nearly(p.Probability, tc.want.Probability) {
				t.Errorf("Probability = %v, want %v", p.Probability, tc.want.Probability)
			}
			p.Probability = tc.want.Probability
			if p != tc.want {
				t.Errorf("Proposal = %+v, want %+v", p, tc.want)
			}
			if !p.Changes() {
				t.Error("Changes = false for low → high")
			}
		})
	}

	t.Run("all trees", func(t *testing.T) {
		m.AttackTrees = []*model.AttackTree{
			{ID: "broken", Title: "Broken", Target: "th", FeedsLikelihood: true, Root: andNode("x")},
			{ID: "quiet", Target: "th", Root: likely},
			{ID: "t", Target: "th", FeedsLikelihood: true, Root: likely},
		}
		ps, err := ProposeLikelihoods(m)
		if err == nil || !strings.Contains(err.Error(), `attack tree "Broken"`) {
			t.Errorf("error = %v, want the broken tree's", err)
		}
		if len(ps) != 1 || ps[0].TreeID != "t" {
			t.Errorf("proposals = %+v, want the feeding valid tree's only", ps)
		}
	})
}
