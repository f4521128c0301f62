package analysis

import (
	"math"

	"github.com/threatboard/threatboard/model"
)

// boundaryGrid buckets the boundaries of a diagram into a uniform grid of
// cells, so that finding the boundaries near a flow or an element costs the
// few cells it covers rather than a look at every boundary: a whole-model
// analysis stays linear in elements and flows for any number of boundaries.
type boundaryGrid struct {
	origin model.Point
	cell   float64
	cols   int
	rows   int
	cells  [][]int32 // boundary indexes (into diagramFacts.bounds) per cell
	stamp  []uint32  // per boundary: the query that last returned it
	query  uint32
}

// gridCells is about how many cells the grid has along its longer side.
const gridCells = 64

func newBoundaryGrid(bounds []boundaryBox) *boundaryGrid {
	if len(bounds) == 0 {
		return nil
	}
	ext := bounds[0].box
	for _, bb := range bounds[1:] {
		ext = ext.Union(bb.box)
	}
	cell := math.Max(ext.W, ext.H) / gridCells
	if !(cell > 0) || math.IsInf(cell, 0) {
		return nil // degenerate or absurd extent: callers fall back to a scan
	}
	g := &boundaryGrid{
		origin: model.Point{X: ext.X, Y: ext.Y},
		cell:   cell,
		cols:   int(ext.W/cell) + 1,
		rows:   int(ext.H/cell) + 1,
		stamp:  make([]uint32, len(bounds)),
	}
	g.cells = make([][]int32, g.cols*g.rows)
	for i, bb := range bounds {
		// A line boundary registers each segment's box, so that a long
		// bent line does not claim the whole rectangle it spans.
		if bb.b.Shape == model.BoundaryLine && len(bb.b.Points) > 1 {
			for j := 1; j < len(bb.b.Points); j++ {
				g.insert(int32(i), model.Bounds(bb.b.Points[j-1:j+1]))
			}
			continue
		}
		g.insert(int32(i), bb.box)
	}
	return g
}

func (g *boundaryGrid) span(r model.Rect) (c0, r0, c1, r1 int) {
	clamp := func(v float64, n int) int {
		i := int(math.Floor(v / g.cell))
		return min(max(i, 0), n-1)
	}
	return clamp(r.X-g.origin.X, g.cols), clamp(r.Y-g.origin.Y, g.rows),
		clamp(r.X+r.W-g.origin.X, g.cols), clamp(r.Y+r.H-g.origin.Y, g.rows)
}

func (g *boundaryGrid) insert(i int32, r model.Rect) {
	c0, r0, c1, r1 := g.span(r)
	for y := r0; y <= r1; y++ {
		for x := c0; x <= c1; x++ {
			cell := &g.cells[y*g.cols+x]
			if n := len(*cell); n == 0 || (*cell)[n-1] != i {
				*cell = append(*cell, i)
			}
		}
	}
}

// near calls fn once for each boundary registered in a cell that r touches,
// until fn returns true; it reports whether fn did.
func (g *boundaryGrid) near(r model.Rect, fn func(i int32) bool) bool {
	g.query++
	c0, r0, c1, r1 := g.span(r)
	for y := r0; y <= r1; y++ {
		for x := c0; x <= c1; x++ {
			for _, i := range g.cells[y*g.cols+x] {
				if g.stamp[i] == g.query {
					continue
				}
				g.stamp[i] = g.query
				if fn(i) {
					return true
				}
			}
		}
	}
	return false
}
