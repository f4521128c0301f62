package analysis

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/threatboard/threatboard/model"
)

// randomTree builds a balanced attack tree of exactly n nodes: the shape is
// laid out breadth first, every inner node getting 2 to 6 children, AND or
// OR at random, and the leaves random values, a fifth of them with a
// countermeasure. The nodes are then allocated depth first, the order in
// which the decoder allocates a tree read from a file.
func randomTree(n int, seed uint64) *model.AttackTree {
	rng := rand.New(rand.NewPCG(seed, 1))
	kids := make([][2]int, n) // first child and count, by breadth-first number
	next := 1
	for i := 0; next < n; i++ {
		k := min(2+rng.IntN(5), n-next)
		kids[i] = [2]int{next, k}
		next += k
	}
	var build func(i int) *model.Node
	build = func(i int) *model.Node {
		nd := &model.Node{ID: "n" + strconv.Itoa(i), Title: "goal " + strconv.Itoa(i)}
		first, k := kids[i][0], kids[i][1]
		if k == 0 {
			nd.Type = model.Leaf
			nd.Probability = 0.01 + 0.98*rng.Float64()
			nd.Cost = float64(rng.IntN(10000))
			nd.Skill = 1 + rng.IntN(MaxSkill)
			if rng.IntN(5) == 0 {
				nd.Countermeasures = []model.Countermeasure{{Title: "control", Strength: rng.Float64(), InPlace: true}}
			}
			return nd
		}
		nd.Type = model.And
		if rng.IntN(2) == 0 {
			nd.Type = model.Or
		}
		nd.Children = make([]*model.Node, k)
		for j := range k {
			nd.Children[j] = build(first + j)
		}
		return nd
	}
	return &model.AttackTree{ID: "bench", Title: "Benchmark", Root: build(0)}
}

func TestRandomTreeIsValid(t *testing.T) {
	tree := randomTree(1000, 7)
	r, err := EvaluateTree(tree)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.values) != 1000 {
		t.Errorf("evaluated %d nodes, want 1000", len(r.values))
	}
	if p := r.Root.Probability; p <= 0 || p >= 1 {
		t.Errorf("root probability %v", p)
	}
	for i, n := range r.nodes {
		if v, ok := r.Node(n.ID); !ok || v != r.values[i] {
			t.Fatalf("Node(%q) = %+v, %v; want %+v", n.ID, v, ok, r.values[i])
		}
	}
}

// BenchmarkEvaluateTree evaluates (validation included) random balanced
// trees: 10,000 nodes is the most a file may hold, 100,000 the target of
// under 20 ms.
func BenchmarkEvaluateTree(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		tree := randomTree(n, 1)
		b.Run("nodes="+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := EvaluateTree(tree); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
