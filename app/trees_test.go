package app

import (
	"math"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/threatboard/threatboard/model"
)

// newTreeFixture is the test model with one attack tree whose root is an OR
// node, shown in the trees panel with the root selected.
func newTreeFixture(t *testing.T) (*fixture, *treesPanel) {
	t.Helper()
	f := newFixture(t, testModel())
	p := f.a.trees
	p.addTree()
	p.nodeID = f.a.doc.m.AttackTrees[0].Root.ID
	return f, p
}

func TestNodeFormShowsWhatApplies(t *testing.T) {
	tests := map[string]struct {
		node   model.Node
		rating string // chosen in the form, when not empty
		typ    string // chosen in the form, when not empty
		want   []string
	}{
		"an OR node":            {node: model.Node{Type: model.Or}, want: []string{"Title", "Type"}},
		"an AND node":           {node: model.Node{Type: model.And}, want: []string{"Title", "Type"}},
		"a leaf rated by level": {node: model.Node{Type: model.Leaf, Level: model.Medium}, want: []string{"Title", "Type", "Rated by", "Level", "Cost", "Skill"}},
		"a leaf rated by probability": {node: model.Node{Type: model.Leaf, Probability: 0.3},
			want: []string{"Title", "Type", "Rated by", "Probability", "Cost", "Skill"}},
		"switched to probability": {node: model.Node{Type: model.Leaf, Level: model.High}, rating: rateByProbability,
			want: []string{"Title", "Type", "Rated by", "Probability", "Cost", "Skill"}},
		"an OR node made a leaf": {node: model.Node{Type: model.Or}, typ: "leaf",
			want: []string{"Title", "Type", "Rated by", "Level", "Cost", "Skill"}},
		"a leaf made an AND node": {node: model.Node{Type: model.Leaf}, typ: "and", want: []string{"Title", "Type"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			test.NewTempApp(t)
			f := newNodeForm(&tc.node)
			if tc.typ != "" {
				f.typ.SetSelected(tc.typ)
			}
			if tc.rating != "" {
				f.rating.SetSelected(tc.rating)
			}
			if got := f.labels(); !slices.Equal(got, tc.want) {
				t.Errorf("fields %v, want %v", got, tc.want)
			}
		})
	}
}

func TestNodeFormValues(t *testing.T) {
	leaf := model.Node{ID: "l", Title: "Step", Type: model.Leaf, Level: model.Medium, Cost: 1000, Skill: 2}
	tests := map[string]struct {
		edit func(f *nodeForm)
		want model.Node
		err  string
	}{
		"unchanged": {edit: func(*nodeForm) {}, want: leaf},
		"a typed probability replaces the level": {
			edit: func(f *nodeForm) { f.rating.SetSelected(rateByProbability); f.prob.SetText("0.3") },
			want: model.Node{ID: "l", Title: "Step", Type: model.Leaf, Probability: 0.3, Cost: 1000, Skill: 2},
		},
		"a level chosen": {
			edit: func(f *nodeForm) { f.level.SetSelected("high") },
			want: model.Node{ID: "l", Title: "Step", Type: model.Leaf, Level: model.High, Cost: 1000, Skill: 2},
		},
		"no skill rating":         {edit: func(f *nodeForm) { f.skill.SetText("") }, want: model.Node{ID: "l", Title: "Step", Type: model.Leaf, Level: model.Medium, Cost: 1000}},
		"a fractional skill":      {edit: func(f *nodeForm) { f.skill.SetText("2.5") }, err: "skill: a whole number from 1 to 5"},
		"skill 0":                 {edit: func(f *nodeForm) { f.skill.SetText("0") }, err: "skill: a whole number from 1 to 5"},
		"skill 6":                 {edit: func(f *nodeForm) { f.skill.SetText("6") }, err: "skill: a whole number from 1 to 5"},
		"a probability above one": {edit: func(f *nodeForm) { f.rating.SetSelected(rateByProbability); f.prob.SetText("1.5") }, err: "probability:"},
		"a negative cost":         {edit: func(f *nodeForm) { f.cost.SetText("-1") }, err: "cost:"},
		"made an OR node": {
			edit: func(f *nodeForm) { f.typ.SetSelected("or"); f.title.SetText(" Goal ") },
			want: model.Node{ID: "l", Title: "Goal", Type: model.Or},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			test.NewTempApp(t)
			n := leaf
			f := newNodeForm(&n)
			tc.edit(f)
			got, err := f.node()
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one saying %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.ID != tc.want.ID || got.Title != tc.want.Title || got.Type != tc.want.Type || got.Probability != tc.want.Probability ||
				got.Level != tc.want.Level || got.Cost != tc.want.Cost || got.Skill != tc.want.Skill {
				t.Errorf("node %+v, want %+v", got, tc.want)
			}
		})
	}
}

// A probability typed into a new leaf is the one the tree computes with,
// not the Medium level the leaf was created with.
func TestTypedProbabilityCounts(t *testing.T) {
	f, p := newTreeFixture(t)
	p.addChild(model.Leaf)
	leaf := p.byID[p.nodeID]
	form := newNodeForm(leaf)
	form.rating.SetSelected(rateByProbability)
	form.prob.SetText("0.3")
	v, err := form.node()
	if err != nil {
		t.Fatal(err)
	}
	p.do(model.EditNode(p.treeID, v))
	if len(f.ask.errs) > 0 {
		t.Fatal(f.ask.errs)
	}
	if got := p.values.Root.Probability; math.Abs(got-0.3) > 1e-9 {
		t.Errorf("the goal's probability is %v, want the typed 0.3", got)
	}
}

func TestTreeFeedsLikelihood(t *testing.T) {
	f, p := newTreeFixture(t)
	threat := func() model.Level { r, _ := f.a.doc.m.Threat("t1"); return r.Threat.Likelihood }
	tree := f.a.doc.m.AttackTrees[0]
	p.addChild(model.Leaf) // rated Medium
	leaf := p.nodeID
	if got := threat(); got != model.High {
		t.Fatalf("a tree that feeds nothing changed the likelihood to %s", got)
	}
	steps := []struct {
		name string
		edit model.Command
		want model.Level
	}{
		{"feeding turned on", model.EditTreeInfo(tree.ID, tree.Title, "t1", true), model.Medium},
		{"the leaf made low", model.EditNode(tree.ID, model.Node{ID: leaf, Title: "Phish", Type: model.Leaf, Level: model.Low}), model.Low},
		{"a probability that falls in high", model.EditNode(tree.ID, model.Node{ID: leaf, Title: "Phish", Type: model.Leaf, Probability: 0.7}), model.High},
	}
	for _, s := range steps {
		p.do(s.edit)
		if len(f.ask.errs) > 0 {
			t.Fatalf("%s: %v", s.name, f.ask.errs)
		}
		if got := threat(); got != s.want {
			t.Errorf("%s: likelihood %s, want %s", s.name, got, s.want)
		}
	}
	for i := len(steps) - 1; i > 0; i-- {
		f.a.undo()
		if got, want := threat(), steps[i-1].want; got != want {
			t.Errorf("undoing %s: likelihood %s, want %s", steps[i].name, got, want)
		}
	}
	f.a.undo()
	if got := threat(); got != model.High || f.a.doc.m.AttackTrees[0].FeedsLikelihood {
		t.Errorf("undoing %s: likelihood %s, want high as it was", steps[0].name, got)
	}
	f.a.redo()
	if got := threat(); got != model.Medium {
		t.Errorf("redoing %s: likelihood %s, want medium", steps[0].name, got)
	}
}
