// Package layout places diagram elements automatically: the layered
// (Sugiyama-style) layout that imports without positions, quick capture and
// Arrange › Tidy layout share. It is headless, pure Go, and never imports
// Fyne.
package layout

import (
	"cmp"
	"math"
	"slices"

	"github.com/threatboard/threatboard/model"
)

// The spacing of the layered layout, in diagram units.
const (
	LayerGap = 80.0 // between the widest elements of two neighbouring layers
	NodeGap  = 40.0 // between two elements of one layer
	// sweeps is how many down-and-up passes of barycentre ordering run: the
	// crossings rarely drop further after a few.
	sweeps = 4
)

// Layered returns new bounds for the elements whose IDs are in ids (all
// elements when ids is empty), placed left to right along the flows;
// elements not in ids stay where they are and are avoided.
//
// Layers follow the longest path along the flows (a cycle is broken at the
// flow that closes it, in the diagram's order); the order inside a layer
// reduces crossings by the barycentre of each element's neighbours. Sizes
// are kept. The result is deterministic: the same diagram gives the same
// bounds.
func Layered(d *model.Diagram, ids []string) map[string]model.Rect {
	g := newGraph(d, ids)
	if len(g.nodes) == 0 {
		return map[string]model.Rect{}
	}
	g.breakCycles()
	g.assignLayers()
	g.order()
	return g.place(d)
}

type node struct {
	el    *model.Element
	layer int
	pos   float64 // position within its layer while ordering
	out   []int   // successors, after cycle breaking
	in    []int   // predecessors, after cycle breaking
}

type graph struct {
	nodes  []node
	layers [][]int
	fixed  []model.Rect // elements that stay, to avoid
}

// newGraph collects the movable elements in diagram order and the flows
// between them; a flow to itself or a repeated pair adds nothing.
func newGraph(d *model.Diagram, ids []string) *graph {
	g := &graph{}
	want := make(map[string]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	index := make(map[string]int, len(d.Elements))
	for _, e := range d.Elements {
		if e == nil {
			continue
		}
		if len(ids) == 0 || want[e.ID] {
			index[e.ID] = len(g.nodes)
			g.nodes = append(g.nodes, node{el: e})
		} else {
			g.fixed = append(g.fixed, e.Bounds)
		}
	}
	type pair struct{ a, b int }
	seen := make(map[pair]bool, len(d.Flows))
	for _, f := range d.Flows {
		if f == nil {
			continue
		}
		a, okA := index[f.From]
		b, okB := index[f.To]
		if !okA || !okB || a == b || seen[pair{a, b}] {
			continue
		}
		seen[pair{a, b}] = true
		g.nodes[a].out = append(g.nodes[a].out, b)
		g.nodes[b].in = append(g.nodes[b].in, a)
	}
	return g
}

// breakCycles reverses every edge that closes a cycle in a depth-first
// search started from each node in turn, in diagram order. What is left is
// acyclic, and the same diagram always loses the same edges.
func (g *graph) breakCycles() {
	const (
		unseen = iota
		active
		done
	)
	state := make([]int, len(g.nodes))
	type frame struct{ n, next int }
	var stack []frame
	var back [][2]int
	for start := range g.nodes {
		if state[start] != unseen {
			continue
		}
		state[start] = active
		stack = append(stack[:0], frame{start, 0})
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.next == len(g.nodes[top.n].out) {
				state[top.n] = done
				stack = stack[:len(stack)-1]
				continue
			}
			m := g.nodes[top.n].out[top.next]
			top.next++
			switch state[m] {
			case unseen:
				state[m] = active
				stack = append(stack, frame{m, 0})
			case active:
				back = append(back, [2]int{top.n, m})
			}
		}
	}
	for _, e := range back {
		a, b := e[0], e[1]
		g.nodes[a].out = remove(g.nodes[a].out, b)
		g.nodes[b].in = remove(g.nodes[b].in, a)
		if !slices.Contains(g.nodes[b].out, a) {
			g.nodes[b].out = append(g.nodes[b].out, a)
			g.nodes[a].in = append(g.nodes[a].in, b)
		}
	}
}

func remove(s []int, v int) []int {
	if i := slices.Index(s, v); i >= 0 {
		return slices.Delete(s, i, i+1)
	}
	return s
}

// assignLayers puts each node one layer right of its furthest predecessor
// (longest path), in topological order (Kahn's algorithm, diagram order
// among the ready nodes).
func (g *graph) assignLayers() {
	indeg := make([]int, len(g.nodes))
	for i := range g.nodes {
		indeg[i] = len(g.nodes[i].in)
	}
	queue := make([]int, 0, len(g.nodes))
	for i := range g.nodes {
		if indeg[i] == 0 {
			queue = append(queue, i)
		}
	}
	top := 0
	for head := 0; head < len(queue); head++ {
		n := queue[head]
		for _, m := range g.nodes[n].out {
			g.nodes[m].layer = max(g.nodes[m].layer, g.nodes[n].layer+1)
			if indeg[m]--; indeg[m] == 0 {
				queue = append(queue, m)
			}
		}
		top = max(top, g.nodes[n].layer)
	}
	g.layers = make([][]int, top+1)
	for i := range g.nodes {
		l := g.nodes[i].layer
		g.nodes[i].pos = float64(len(g.layers[l]))
		g.layers[l] = append(g.layers[l], i)
	}
}

// order reduces crossings: each sweep sorts every layer by the mean
// position of the node's neighbours in the layer before it (left to right),
// then in the layer after it (right to left). Nodes without neighbours
// there keep their place; ties keep the previous order.
func (g *graph) order() {
	if len(g.layers) < 2 {
		return
	}
	for range sweeps {
		for l := 1; l < len(g.layers); l++ {
			g.sortLayer(l, func(n *node) []int { return n.in })
		}
		for l := len(g.layers) - 2; l >= 0; l-- {
			g.sortLayer(l, func(n *node) []int { return n.out })
		}
	}
}

func (g *graph) sortLayer(l int, neighbours func(*node) []int) {
	layer := g.layers[l]
	key := make(map[int]float64, len(layer))
	for _, n := range layer {
		sum, count := 0.0, 0
		for _, m := range neighbours(&g.nodes[n]) {
			sum += g.nodes[m].pos
			count++
		}
		if count == 0 {
			key[n] = g.nodes[n].pos
		} else {
			key[n] = sum / float64(count)
		}
	}
	slices.SortStableFunc(layer, func(a, b int) int { return cmp.Compare(key[a], key[b]) })
	for i, n := range layer {
		g.nodes[n].pos = float64(i)
	}
}

// place turns layers and orders into bounds: a column per layer, as wide as
// its widest element, elements centred in their column and stacked with
// NodeGap, each column centred on the tallest. Elements without flows
// would make a tall first column; they go in a grid below instead. The
// block starts at the top-left of the elements' current bounds, or, if it
// would overlap an element that stays, right of all of those.
func (g *graph) place(d *model.Diagram) map[string]model.Rect {
	isolated := func(n int) bool { return len(g.nodes[n].in) == 0 && len(g.nodes[n].out) == 0 }
	var alone []int
	for l, layer := range g.layers {
		kept := layer[:0]
		for _, n := range layer {
			if isolated(n) {
				alone = append(alone, n)
			} else {
				kept = append(kept, n)
			}
		}
		g.layers[l] = kept
	}
	slices.Sort(alone) // diagram order
	widths := make([]float64, len(g.layers))
	heights := make([]float64, len(g.layers))
	tallest := 0.0
	for l, layer := range g.layers {
		for i, n := range layer {
			b := g.nodes[n].el.Bounds
			widths[l] = max(widths[l], b.W)
			heights[l] += b.H
			if i > 0 {
				heights[l] += NodeGap
			}
		}
		tallest = max(tallest, heights[l])
	}
	rel := make([]model.Rect, len(g.nodes))
	x := 0.0
	for l, layer := range g.layers {
		if len(layer) == 0 {
			continue
		}
		y := (tallest - heights[l]) / 2
		for _, n := range layer {
			b := g.nodes[n].el.Bounds
			rel[n] = model.Rect{X: x + (widths[l]-b.W)/2, Y: y, W: b.W, H: b.H}
			y += b.H + NodeGap
		}
		x += widths[l] + LayerGap
	}
	g.grid(alone, rel, x-LayerGap, tallest)
	origin := g.origin(rel)
	out := make(map[string]model.Rect, len(g.nodes))
	for i, n := range g.nodes {
		out[n.el.ID] = rel[i].Moved(origin)
	}
	return out
}

// grid places the elements without flows in rows below the layered block
// (width w, height h; both 0 when there is none): at least as many columns
// as make a square, more when the block above is wider.
func (g *graph) grid(alone []int, rel []model.Rect, w, h float64) {
	if len(alone) == 0 {
		return
	}
	cellW, cellH := 0.0, 0.0
	for _, n := range alone {
		cellW = max(cellW, g.nodes[n].el.Bounds.W)
		cellH = max(cellH, g.nodes[n].el.Bounds.H)
	}
	cols := int(math.Ceil(math.Sqrt(float64(len(alone)))))
	if fit := int((w + NodeGap) / (cellW + NodeGap)); fit > cols {
		cols = fit
	}
	top := 0.0
	if h > 0 {
		top = h + LayerGap
	}
	for i, n := range alone {
		b := g.nodes[n].el.Bounds
		cx := float64(i%cols) * (cellW + NodeGap)
		cy := top + float64(i/cols)*(cellH+NodeGap)
		rel[n] = model.Rect{X: cx + (cellW-b.W)/2, Y: cy + (cellH-b.H)/2, W: b.W, H: b.H}
	}
}

// origin picks where the block of rel (relative to 0,0) goes.
func (g *graph) origin(rel []model.Rect) model.Point {
	first := g.nodes[0].el.Bounds
	origin := model.Point{X: first.X, Y: first.Y}
	for _, n := range g.nodes[1:] {
		origin.X = min(origin.X, n.el.Bounds.X)
		origin.Y = min(origin.Y, n.el.Bounds.Y)
	}
	if len(g.fixed) == 0 || !g.overlaps(rel, origin) {
		return origin
	}
	right := g.fixed[0]
	for _, r := range g.fixed[1:] {
		right = right.Union(r)
	}
	return model.Point{X: right.X + right.W + LayerGap, Y: right.Y}
}

func (g *graph) overlaps(rel []model.Rect, origin model.Point) bool {
	for _, r := range rel {
		m := r.Moved(origin)
		for _, f := range g.fixed {
			if m.Intersects(f) {
				return true
			}
		}
	}
	return false
}
