package analysis

import (
	"errors"
	"fmt"
	"math"

	"github.com/threatboard/threatboard/model"
)

// Attack-tree values flow from the leaves up to the root (DESIGN.md §4):
//
//	probability  AND = ∏p          OR = 1 − ∏(1 − p)
//	cost         AND = Σcost       OR = min cost
//	skill        AND = max skill   OR = min skill
//
// A leaf's probability is its Level's when one is set (see LevelProbability),
// else its Probability. Every countermeasure in place on a node, leaf or
// not, turns that node's probability p into p·(1 − strength). Cost 0 means
// the step is free. Skill 0 means not rated: it takes no part in min and max,
// and a node whose leaves are all unrated has skill 0.

// The probabilities that stand for a leaf's Low/Medium/High level. They sit
// inside the bands of LikelihoodOf, so a tree of one leaf rated Medium
// proposes a Medium likelihood.
const (
	LowProbability    = 0.05
	MediumProbability = 0.25
	HighProbability   = 0.6
)

// LevelProbability is the probability a Low/Medium/High level stands for; 0
// for an unset level.
func LevelProbability(l model.Level) float64 {
	switch l {
	case model.Low:
		return LowProbability
	case model.Medium:
		return MediumProbability
	case model.High:
		return HighProbability
	}
	return 0
}

// NodeValue is what one node of an attack tree evaluates to.
type NodeValue struct {
	Probability float64 // after the countermeasures in place
	Cost        float64 // the cheapest way to achieve the node
	Skill       int     // 0 when no leaf below it rates the skill
}

// TreeResult is an evaluated attack tree.
type TreeResult struct {
	Root NodeValue
	// CheapestPath is the cheapest attack: the IDs of the nodes an attacker
	// achieves, in document order, taking at each OR node the child with the
	// lowest cost and at each AND node every child. It starts at the root.
	CheapestPath []string
	// LikeliestPath is the most likely attack, taking at each OR node the
	// child with the highest probability.
	LikeliestPath []string

	index  idIndex
	nodes  []*model.Node
	values []NodeValue
}

// Node is the value of the node with the given ID.
func (r *TreeResult) Node(id string) (NodeValue, bool) {
	i, ok := r.index.find(r.nodes, id)
	if !ok {
		return NodeValue{}, false
	}
	return r.values[i], true
}

// EvaluateTree validates the tree (see ValidateTree) and computes every
// node's probability, cost and skill and the cheapest and likeliest paths.
// An invalid tree yields no result and an error that joins every problem.
func EvaluateTree(t *model.AttackTree) (*TreeResult, error) {
	f := flatten(t, "")
	if len(f.errs) > 0 {
		var errs []error
		for _, e := range f.errors() {
			errs = append(errs, e)
		}
		title := ""
		if t != nil {
			title = t.Title
		}
		return nil, fmt.Errorf("attack tree %q: %w", title, errors.Join(errs...))
	}
	return f.evaluate(), nil
}

// evaluate computes a valid flat tree. The walk has already set every node's
// starting value (see visit); walking the pre-order backwards meets every
// child before its parent, so each node is final when it is reached and is
// then folded into its parent. The pass reads only the compact arrays, never
// the nodes themselves.
func (f *flatTree) evaluate() *TreeResult {
	n := len(f.nodes)
	vals := f.vals
	// For OR nodes, the child with the lowest cost. A valid tree's problems
	// need no paths, so the positions' memory is free to hold it.
	cheap := f.pos
	clear(cheap)
	likely := make([]int32, n) // for OR nodes, the child with the highest probability
	k := len(f.guarded) - 1

	for i := int32(n - 1); i >= 0; i-- {
		v := &vals[i]
		if model.NodeType(f.types[i]) == model.Or {
			v.Probability = 1 - v.Probability // it held ∏(1 − p)
		}
		if k >= 0 && f.guarded[k].at == i {
			v.Probability *= f.guarded[k].factor
			k--
		}
		p := f.parent[i]
		if p < 0 {
			continue
		}
		pv := &vals[p]
		switch model.NodeType(f.types[p]) {
		case model.And:
			pv.Probability *= v.Probability
			pv.Cost += v.Cost
			pv.Skill = max(pv.Skill, v.Skill)
		case model.Or:
			pv.Probability *= 1 - v.Probability
			// Children arrive last to first, so "<=" keeps the first of
			// equals; cost starts at +Inf, so the first child always wins.
			if v.Cost <= pv.Cost {
				pv.Cost = v.Cost
				cheap[p] = i
			}
			if likely[p] == 0 || v.Probability >= vals[likely[p]].Probability {
				likely[p] = i // 0 is the root, never a child: it means "none yet"
			}
			if v.Skill > 0 && (pv.Skill == 0 || v.Skill < pv.Skill) {
				pv.Skill = v.Skill
			}
		}
	}

	return &TreeResult{
		Root:          vals[0],
		CheapestPath:  f.pathIDs(cheap),
		LikeliestPath: f.pathIDs(likely),
		index:         f.index,
		nodes:         f.nodes,
		values:        vals,
	}
}

// startValue is a node's value before its children are folded in: a leaf's
// own values, or the identities of the AND and OR folds (an OR node's
// probability holds ∏(1 − p) until it is final; cost starts at +Inf for min;
// skill 0 stands for "none yet").
func startValue(n *model.Node) NodeValue {
	switch n.Type {
	case model.Leaf:
		p := n.Probability
		if n.Level != model.LevelUnset {
			p = LevelProbability(n.Level)
		}
		return NodeValue{Probability: p, Cost: n.Cost, Skill: n.Skill}
	case model.Or:
		return NodeValue{Probability: 1, Cost: math.Inf(1)}
	}
	return NodeValue{Probability: 1} // AND: the identities of ∏, Σ and max
}

// countermeasureFactor is what the countermeasures in place multiply a
// node's probability by: ∏(1 − strength).
func countermeasureFactor(n *model.Node) float64 {
	q := 1.0
	for _, c := range n.Countermeasures {
		if c.InPlace {
			q *= 1 - c.Strength
		}
	}
	return q
}

// pathIDs lists, in pre-order, the nodes of the attack that takes every child
// of an AND node and the chosen child of an OR node.
func (f *flatTree) pathIDs(chosen []int32) []string {
	on := make([]bool, len(f.nodes))
	on[0] = true
	ids := []string{f.nodes[0].ID}
	for i := 1; i < len(f.nodes); i++ {
		p := f.parent[i]
		if !on[p] || model.NodeType(f.types[p]) == model.Or && chosen[p] != int32(i) {
			continue
		}
		on[i] = true
		ids = append(ids, f.nodes[i].ID)
	}
	return ids
}
