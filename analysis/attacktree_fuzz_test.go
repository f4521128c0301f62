package analysis

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/threatboard/threatboard/model"
)

// treeFromBytes builds an attack tree from fuzz input. Each node reads a few
// bytes: its type, how many children it has, its values, and whether a child
// is a new node or one built before (which makes shared subtrees, repeated
// IDs and cycles). It builds at most 200 nodes.
func treeFromBytes(data []byte) *model.AttackTree {
	next := func() byte {
		if len(data) == 0 {
			return 0
		}
		b := data[0]
		data = data[1:]
		return b
	}
	var made []*model.Node
	var build func(depth int) *model.Node
	build = func(depth int) *model.Node {
		op := next()
		if op >= 240 && len(made) > 0 {
			return made[int(next())%len(made)] // reuse: shared node or cycle
		}
		n := &model.Node{ID: "n" + strconv.Itoa(len(made)), Type: model.NodeType(op % 4)}
		if op%7 == 0 && len(made) > 0 {
			n.ID = made[int(next())%len(made)].ID // a repeated ID on a new node
		}
		made = append(made, n)
		switch v := next(); {
		case v < 200:
			n.Probability = float64(v) / 199
		case v < 250:
			n.Level = model.Level(v % 5)
		default:
			n.Probability = []float64{math.NaN(), -0.5, 2, math.Inf(1), 0, 0}[v-250]
		}
		n.Cost = float64(int(next()) - 20)
		n.Skill = int(next()%8) - 1
		if c := next(); c > 200 {
			n.Countermeasures = append(n.Countermeasures, model.Countermeasure{Strength: float64(c-200) / 40, InPlace: c%2 == 0})
		}
		kids := int(next() % 5)
		if depth > 12 || len(made) >= 200 {
			kids = 0
		}
		for range kids {
			if next() == 255 {
				n.Children = append(n.Children, nil)
				continue
			}
			n.Children = append(n.Children, build(depth+1))
		}
		return n
	}
	if len(data) > 0 && data[0] == 0 {
		return &model.AttackTree{Title: "empty"}
	}
	return &model.AttackTree{Title: "fuzz", Root: build(0)}
}

// FuzzEvaluateTree checks that any tree either evaluates to values in range
// with paths that start at the root, or fails with located problems, and
// never panics or hangs.
func FuzzEvaluateTree(f *testing.F) {
	f.Add([]byte{2, 100, 10, 3, 0, 2, 1, 50, 5, 2, 0, 0, 1, 150, 7, 1, 0, 0})
	f.Add([]byte{3, 10, 1, 1, 0, 1, 241, 0})        // an OR node that contains itself
	f.Add([]byte{7, 10, 1, 1, 0, 2, 1, 9, 9, 9, 0}) // repeated ID
	f.Add([]byte{0})
	f.Add([]byte{1, 255, 0, 0, 210, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		tree := treeFromBytes(data)
		r, err := EvaluateTree(tree)
		problems := ValidateTree(tree, "")
		if (err != nil) != (len(problems) > 0) {
			t.Fatalf("EvaluateTree error %v but ValidateTree found %d problems", err, len(problems))
		}
		for _, p := range problems {
			if !strings.HasPrefix(p.Path, "root") || p.Reason == "" {
				t.Fatalf("problem %+v is not located", p)
			}
		}
		if err != nil {
			return
		}
		v := r.Root
		if !isProbability(v.Probability) || v.Cost < 0 || math.IsInf(v.Cost, 0) || v.Skill < 0 || v.Skill > MaxSkill {
			t.Fatalf("root value out of range: %+v", v)
		}
		for _, path := range [][]string{r.CheapestPath, r.LikeliestPath} {
			if len(path) == 0 || path[0] != tree.Root.ID {
				t.Fatalf("path %v does not start at the root %s", path, tree.Root.ID)
			}
			for _, id := range path {
				if _, ok := r.Node(id); !ok {
					t.Fatalf("path node %s has no value", id)
				}
			}
		}
	})
}
