package drawing

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/threatboard/threatboard/model"
)

func leaf(id string, p, cost float64) *model.Node {
	return &model.Node{ID: id, Title: "leaf " + id, Type: model.Leaf, Probability: p, Cost: cost, Skill: 2}
}

func gate(id string, typ model.NodeType, children ...*model.Node) *model.Node {
	return &model.Node{ID: id, Title: "goal " + id, Type: typ, Children: children}
}

// boxes maps each node ID to its box: the first Rect drawn with the node's
// ID and the node's outline style (the likeliest path's halo is dashed).
func boxes(l *List) map[string]model.Rect {
	out := map[string]model.Rect{}
	for _, it := range l.Items {
		if it.Kind == Rect && it.Fill == Fill {
			out[it.ID] = it.Box
		}
	}
	return out
}

func TestTreeLayout(t *testing.T) {
	// r(OR): a (cheap, unlikely), b(AND: c, d) (dear, likely)
	tree := &model.AttackTree{ID: "t", Title: "goal", Root: gate("r", model.Or,
		leaf("a", 0.1, 5),
		gate("b", model.And, leaf("c", 0.9, 100), leaf("d", 0.9, 100)),
	)}
	tree.Root.Children[0].Countermeasures = []model.Countermeasure{{Title: "MFA", Strength: 0.5, InPlace: true}}
	l, err := Tree(tree, TreeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	bx := boxes(l)
	if len(bx) != 5 {
		t.Fatalf("%d node boxes, want 5", len(bx))
	}
	for _, id := range []string{"a", "b"} {
		if bx[id].Y <= bx["r"].Y+bx["r"].H {
			t.Errorf("child %s at y %v is not below the root", id, bx[id].Y)
		}
	}
	if c := bx["b"].Center().X; c != (bx["c"].Center().X+bx["d"].Center().X)/2 {
		t.Errorf("b is not centred over its children")
	}
	ids := []string{"r", "a", "b", "c", "d"}
	for i, p := range ids {
		for _, q := range ids[i+1:] {
			if bx[p].Intersects(bx[q]) {
				t.Errorf("boxes of %s and %s overlap", p, q)
			}
		}
	}
	var texts []string
	strokes := map[string]Role{}
	for _, it := range l.Items {
		if it.Kind == Text {
			texts = append(texts, it.Text)
		}
		if it.Kind == Rect && it.Fill == Fill {
			strokes[it.ID] = it.Stroke
		}
	}
	all := strings.Join(texts, "|")
	for _, want := range []string{"OR", "AND", "• MFA (50%, in place)", "p 0.05 · cost 5 · skill 2", "p 0.81 · cost 200 · skill 2"} {
		if !strings.Contains(all, want) {
			t.Errorf("no text %q in %q", want, all)
		}
	}
	// The cheapest attack is r→a; the likeliest r→b→c,d.
	for id, want := range map[string]Role{"r": Selection, "a": Selection, "b": Ink, "c": Ink} {
		if strokes[id] != want {
			t.Errorf("node %s outlined in role %v, want %v", id, strokes[id], want)
		}
	}
	halo := map[string]bool{}
	for _, it := range l.Items {
		if it.Kind == Rect && it.Stroke == Likeliest {
			halo[it.ID] = true
		}
	}
	for id, want := range map[string]bool{"r": true, "a": false, "b": true, "c": true, "d": true} {
		if halo[id] != want {
			t.Errorf("node %s on the likeliest path: %v, want %v", id, halo[id], want)
		}
	}
}

func TestTreeCollapsed(t *testing.T) {
	tree := &model.AttackTree{ID: "t", Root: gate("r", model.And, gate("b", model.Or, leaf("c", 0.5, 1), leaf("d", 0.5, 1)), leaf("e", 0.5, 1))}
	l, err := Tree(tree, TreeOptions{Collapsed: map[string]bool{"b": true}})
	if err != nil {
		t.Fatal(err)
	}
	bx := boxes(l)
	if _, ok := bx["c"]; ok || len(bx) != 3 {
		t.Errorf("boxes %v: want r, b and e only", bx)
	}
	found := false
	for _, it := range l.Items {
		found = found || it.ID == "b" && it.Text == "+2 folded"
	}
	if !found {
		t.Error("the folded node does not say how many nodes it hides")
	}
}

func TestTreeInvalid(t *testing.T) {
	bad := &model.AttackTree{ID: "t", Title: "broken", Root: gate("r", model.Or)}
	if _, err := Tree(bad, TreeOptions{}); err == nil {
		t.Error("an OR node without children was drawn")
	}
}

// bigTree builds a tree of n nodes, every inner node with 2 to 6 children.
func bigTree(n int) *model.AttackTree {
	rng := rand.New(rand.NewPCG(1, 2))
	nodes := []*model.Node{{ID: "n0", Title: "root goal", Type: model.Or}}
	for i := 0; len(nodes) < n; i++ {
		p := nodes[i]
		if p.Type == model.Leaf {
			p.Type = model.Or
		}
		for k := 2 + rng.IntN(5); k > 0 && len(nodes) < n; k-- {
			c := &model.Node{ID: "n" + strconv.Itoa(len(nodes)), Title: "sub-goal number " + strconv.Itoa(len(nodes)), Type: model.Leaf,
				Probability: rng.Float64(), Cost: float64(rng.IntN(1000)), Skill: 1 + rng.IntN(5)}
			if rng.IntN(2) == 0 {
				p.Type = model.And
			}
			p.Children = append(p.Children, c)
			nodes = append(nodes, c)
		}
	}
	return &model.AttackTree{ID: "t", Title: "big", Root: nodes[0]}
}

// BenchmarkTree lays out and draws a tree of 1,000 nodes (target: < 20 ms).
func BenchmarkTree(b *testing.B) {
	t := bigTree(1000)
	if _, err := Tree(t, TreeOptions{}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		Tree(t, TreeOptions{})
	}
}
