package analysis

import (
	"slices"

	"github.com/threatboard/threatboard/model"
)

// crossIndex answers which trust boundaries a flow crosses, as
// model.(*Diagram).CrossedBoundaries does, from the boundaries' edges laid
// out once per diagram in a coarse grid. Lint asks for every flow without
// protocol or encryption, and the app lints after each edit: a flow then
// meets only the edges near its path instead of every boundary of the
// diagram. TestCrossedBoundaries holds it to the model's answer.
type crossIndex struct {
	d     *model.Diagram
	grid  crossGrid
	edges []crossEdge // line segments and box sides, by boundary in diagram order
	boxes []int       // indices of box boundaries, for the inside/outside test
	rects []crossBox  // per boundary: a box boundary's rectangle
	hit   []int       // per boundary: the flow (query) that found it crossed
	seen  []int       // per edge: the path segment (pass) that last tested it
	query int
	pass  int
}

type crossEdge struct {
	a, b     model.Point
	box      crossBox
	boundary int
}

// crossBox is a rectangle as its two extreme corners, with the comparisons a
// bounding box test needs and none of the NaN handling of math.Min and
// math.Max (a validated model has no NaN, and a NaN fails every comparison
// here as it fails the model's own test).
type crossBox struct{ x0, y0, x1, y1 float64 }

func crossBoxOf(pts ...model.Point) crossBox {
	b := crossBox{pts[0].X, pts[0].Y, pts[0].X, pts[0].Y}
	for _, p := range pts[1:] {
		b = b.add(p)
	}
	return b
}

func (b crossBox) add(p model.Point) crossBox {
	if p.X < b.x0 {
		b.x0 = p.X
	}
	if p.X > b.x1 {
		b.x1 = p.X
	}
	if p.Y < b.y0 {
		b.y0 = p.Y
	}
	if p.Y > b.y1 {
		b.y1 = p.Y
	}
	return b
}

func (b crossBox) union(c crossBox) crossBox {
	return b.add(model.Point{X: c.x0, Y: c.y0}).add(model.Point{X: c.x1, Y: c.y1})
}

func (b crossBox) meets(c crossBox) bool {
	return b.x0 <= c.x1 && c.x0 <= b.x1 && b.y0 <= c.y1 && c.y0 <= b.y1
}

func (b crossBox) contains(p model.Point) bool {
	return p.X >= b.x0 && p.X <= b.x1 && p.Y >= b.y0 && p.Y <= b.y1
}

func newCrossIndex(d *model.Diagram) *crossIndex {
	x := &crossIndex{d: d, rects: make([]crossBox, len(d.Boundaries)), hit: make([]int, len(d.Boundaries))}
	for i, b := range d.Boundaries {
		var pts []model.Point
		switch b.Shape {
		case model.BoundaryLine:
			pts = b.Points
		case model.BoundaryBox:
			r := b.Bounds
			c := crossBoxOf(model.Point{X: r.X, Y: r.Y}, model.Point{X: r.X + r.W, Y: r.Y + r.H})
			x.rects[i] = c
			x.boxes = append(x.boxes, i)
			pts = []model.Point{{X: c.x0, Y: c.y0}, {X: c.x1, Y: c.y0}, {X: c.x1, Y: c.y1}, {X: c.x0, Y: c.y1}, {X: c.x0, Y: c.y0}}
		}
		if len(pts) == 1 {
			pts = []model.Point{pts[0], pts[0]} // a dot still meets a path through it
		}
		for k := 1; k < len(pts); k++ {
			x.edges = append(x.edges, crossEdge{pts[k-1], pts[k], crossBoxOf(pts[k-1], pts[k]), i})
		}
	}
	x.seen = make([]int, len(x.edges))
	x.grid = newCrossGrid(x.edges)
	return x
}

// crossed lists, in diagram order, the boundaries the flow's path crosses:
// a box with one end of the path inside and the other outside, or any
// boundary an edge of which the path meets.
func (x *crossIndex) crossed(f *model.Flow) []*model.Boundary {
	if len(x.d.Boundaries) == 0 {
		return nil
	}
	path := x.d.FlowPath(f)
	if len(path) == 0 {
		return nil
	}
	x.query++
	var found []int
	first, last := path[0], path[len(path)-1]
	for _, i := range x.boxes {
		if r := x.rects[i]; r.contains(first) != r.contains(last) {
			x.hit[i] = x.query
			found = append(found, i)
		}
	}
	if len(path) == 1 {
		path = []model.Point{first, first}
	}
	for k := 1; k < len(path); k++ {
		a, b := path[k-1], path[k]
		seg := crossBoxOf(a, b)
		x.pass++
		x.grid.each(seg, func(e int) {
			ed := &x.edges[e]
			if x.seen[e] == x.pass || x.hit[ed.boundary] == x.query {
				return
			}
			x.seen[e] = x.pass
			if seg.meets(ed.box) && model.SegmentsIntersect(a, b, ed.a, ed.b) {
				x.hit[ed.boundary] = x.query
				found = append(found, ed.boundary)
			}
		})
	}
	if len(found) == 0 {
		return nil
	}
	slices.Sort(found)
	out := make([]*model.Boundary, len(found))
	for k, i := range found {
		out[k] = x.d.Boundaries[i]
	}
	return out
}

// crossGrid buckets edges by the cells of a uniform grid that their bounding
// boxes cover.
type crossGrid struct {
	extent crossBox
	n      int     // cells per side
	cw, ch float64 // cell size
	cells  [][]int // edge indices per cell, row-major
}

func newCrossGrid(edges []crossEdge) crossGrid {
	if len(edges) == 0 {
		return crossGrid{}
	}
	g := crossGrid{extent: edges[0].box}
	for _, e := range edges[1:] {
		g.extent = g.extent.union(e.box)
	}
	// About one edge per cell on average; a long edge covers a row of them.
	g.n = 1
	for g.n*g.n < len(edges) && g.n < 128 {
		g.n *= 2
	}
	g.cw = max((g.extent.x1-g.extent.x0)/float64(g.n), 1e-9)
	g.ch = max((g.extent.y1-g.extent.y0)/float64(g.n), 1e-9)
	g.cells = make([][]int, g.n*g.n)
	for i, e := range edges {
		g.span(e.box, func(c int) { g.cells[c] = append(g.cells[c], i) })
	}
	return g
}

// span calls fn with every cell that b covers, clipped to the grid.
func (g *crossGrid) span(b crossBox, fn func(cell int)) {
	if g.n == 0 || !b.meets(g.extent) {
		return
	}
	cell := func(v, lo, size float64) int {
		f := (v - lo) / size // clamped before the conversion, which overflows past int
		if f >= float64(g.n) {
			return g.n - 1
		}
		return max(0, int(f))
	}
	c0, r0 := cell(b.x0, g.extent.x0, g.cw), cell(b.y0, g.extent.y0, g.ch)
	c1, r1 := cell(b.x1, g.extent.x0, g.cw), cell(b.y1, g.extent.y0, g.ch)
	for r := r0; r <= r1; r++ {
		for c := c0; c <= c1; c++ {
			fn(r*g.n + c)
		}
	}
}

// each calls fn with every edge in the cells b covers; an edge spanning
// several of them comes once per cell.
func (g *crossGrid) each(b crossBox, fn func(edge int)) {
	g.span(b, func(c int) {
		for _, e := range g.cells[c] {
			fn(e)
		}
	})
}
