package layout

import (
	"fmt"
	"maps"
	"testing"

	"github.com/threatboard/threatboard/model"
)

// diagram builds a diagram of processes e0..e(n-1) at the origin, with a
// flow for each pair in flows.
func diagram(n int, flows ...[2]int) *model.Diagram {
	d := &model.Diagram{ID: "d"}
	for i := range n {
		d.Elements = append(d.Elements, &model.Element{
			ID: fmt.Sprintf("e%d", i), Kind: model.Process,
			Bounds: model.Rect{W: 100 + float64(i%3)*10, H: 60 + float64(i%2)*20},
		})
	}
	for i, f := range flows {
		d.Flows = append(d.Flows, &model.Flow{ID: fmt.Sprintf("f%d", i), From: fmt.Sprintf("e%d", f[0]), To: fmt.Sprintf("e%d", f[1])})
	}
	return d
}

func checkNoOverlap(t *testing.T, d *model.Diagram, got map[string]model.Rect) {
	t.Helper()
	all := make(map[string]model.Rect, len(d.Elements))
	for _, e := range d.Elements {
		all[e.ID] = e.Bounds
	}
	maps.Copy(all, got)
	ids := make([]string, 0, len(all))
	for _, e := range d.Elements {
		ids = append(ids, e.ID)
	}
	for i, a := range ids {
		for _, b := range ids[i+1:] {
			ra, rb := all[a], all[b]
			if ra.X < rb.X+rb.W && rb.X < ra.X+ra.W && ra.Y < rb.Y+rb.H && rb.Y < ra.Y+ra.H {
				t.Errorf("%s %v overlaps %s %v", a, ra, b, rb)
			}
		}
	}
}

func TestLayered(t *testing.T) {
	tests := map[string]struct {
		n     int
		flows [][2]int
		// leftOf lists pairs whose first element must end up strictly left
		// of the second.
		leftOf [][2]int
		// sameColumn lists pairs that must share a layer.
		sameColumn [][2]int
		// below lists pairs whose first element must lie wholly below the second.
		below [][2]int
	}{
		"chain": {n: 4, flows: [][2]int{{0, 1}, {1, 2}, {2, 3}},
			leftOf: [][2]int{{0, 1}, {1, 2}, {2, 3}}},
		"reversed diagram order": {n: 3, flows: [][2]int{{2, 1}, {1, 0}},
			leftOf: [][2]int{{2, 1}, {1, 0}}},
		"longest path decides": {n: 4, flows: [][2]int{{0, 1}, {1, 2}, {0, 2}, {2, 3}},
			leftOf: [][2]int{{1, 2}, {0, 1}}},
		"fan out shares a layer": {n: 4, flows: [][2]int{{0, 1}, {0, 2}, {0, 3}},
			leftOf: [][2]int{{0, 1}, {0, 3}}, sameColumn: [][2]int{{1, 2}, {2, 3}}},
		"cycle": {n: 3, flows: [][2]int{{0, 1}, {1, 2}, {2, 0}},
			leftOf: [][2]int{{0, 1}, {1, 2}}},
		"two-cycle and self flow": {n: 2, flows: [][2]int{{0, 1}, {1, 0}, {1, 1}},
			leftOf: [][2]int{{0, 1}}},
		// Elements without flows make a grid, not one tall column.
		"no flows": {n: 5, sameColumn: [][2]int{{0, 3}, {1, 4}}},
		"some without flows": {n: 5, flows: [][2]int{{0, 1}},
			leftOf: [][2]int{{0, 1}, {2, 3}}, below: [][2]int{{2, 0}, {3, 1}}},
		"disconnected parts": {n: 4, flows: [][2]int{{0, 1}, {2, 3}},
			leftOf: [][2]int{{0, 1}, {2, 3}}, sameColumn: [][2]int{{0, 2}, {1, 3}}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			d := diagram(tc.n, tc.flows...)
			got := Layered(d, nil)
			if len(got) != tc.n {
				t.Fatalf("got %d bounds, want %d", len(got), tc.n)
			}
			checkNoOverlap(t, d, got)
			id := func(i int) string { return fmt.Sprintf("e%d", i) }
			for _, p := range tc.leftOf {
				a, b := got[id(p[0])], got[id(p[1])]
				if a.X+a.W >= b.X {
					t.Errorf("e%d %v is not left of e%d %v", p[0], a, p[1], b)
				}
			}
			for _, p := range tc.sameColumn {
				a, b := got[id(p[0])].Center(), got[id(p[1])].Center()
				if a.X != b.X {
					t.Errorf("e%d (x %v) and e%d (x %v) are not in one column", p[0], a.X, p[1], b.X)
				}
			}
			for _, p := range tc.below {
				a, b := got[id(p[0])], got[id(p[1])]
				if a.Y <= b.Y+b.H {
					t.Errorf("e%d %v is not below e%d %v", p[0], a, p[1], b)
				}
			}
			for _, e := range d.Elements {
				if r := got[e.ID]; r.W != e.Bounds.W || r.H != e.Bounds.H {
					t.Errorf("%s changed size: %v → %v", e.ID, e.Bounds, r)
				}
			}
		})
	}
}

// TestLayeredCrossings: a layout of two layers whose flows cross in the
// diagram order comes out with none crossing.
func TestLayeredCrossings(t *testing.T) {
	// e0→e5, e1→e4, e2→e3: in diagram order every pair crosses.
	d := diagram(6, [2]int{0, 5}, [2]int{1, 4}, [2]int{2, 3})
	got := Layered(d, nil)
	for i, f := range d.Flows {
		for _, g := range d.Flows[i+1:] {
			a1, a2 := got[f.From].Center().Y, got[f.To].Center().Y
			b1, b2 := got[g.From].Center().Y, got[g.To].Center().Y
			if (a1 < b1) != (a2 < b2) {
				t.Errorf("flows %s and %s cross", f.ID, g.ID)
			}
		}
	}
}

func TestLayeredDeterministic(t *testing.T) {
	m := model.Synthetic(300, 500, 0, 7)
	first := Layered(m.Diagrams[0], nil)
	for range 3 {
		if again := Layered(m.Diagrams[0], nil); !maps.Equal(first, again) {
			t.Fatal("two layouts of the same diagram differ")
		}
	}
	checkNoOverlap(t, m.Diagrams[0], first)
}

// TestLayeredSubset: only the named elements move, and they avoid the rest.
func TestLayeredSubset(t *testing.T) {
	d := diagram(5, [2]int{0, 1}, [2]int{1, 2}, [2]int{3, 4})
	// e3 and e4 stay where they are: right where the others would go.
	d.Elements[3].Bounds = model.Rect{X: 0, Y: 0, W: 100, H: 60}
	d.Elements[4].Bounds = model.Rect{X: 200, Y: 20, W: 100, H: 60}
	got := Layered(d, []string{"e0", "e1", "e2"})
	if len(got) != 3 {
		t.Fatalf("got bounds for %d elements, want 3: %v", len(got), got)
	}
	if _, ok := got["e3"]; ok {
		t.Error("e3 was not asked for but got new bounds")
	}
	checkNoOverlap(t, d, got)
	if !(got["e0"].X < got["e1"].X && got["e1"].X < got["e2"].X) {
		t.Errorf("the chain is not left to right: %v", got)
	}
}

func TestLayeredEmpty(t *testing.T) {
	if got := Layered(&model.Diagram{}, nil); len(got) != 0 {
		t.Errorf("empty diagram: got %v", got)
	}
	if got := Layered(diagram(2), []string{"nope"}); len(got) != 0 {
		t.Errorf("unknown ID: got %v", got)
	}
}

// BenchmarkLayered1000 lays out 1,000 elements and 1,500 flows: Tidy layout
// of such a diagram must take less than a second.
func BenchmarkLayered1000(b *testing.B) {
	m := model.Synthetic(1000, 1500, 0, 1)
	d := m.Diagrams[0]
	b.ReportAllocs()
	for b.Loop() {
		Layered(d, nil)
	}
}
