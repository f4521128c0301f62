package analysis

import (
	"math"
	"slices"

	"github.com/threatboard/threatboard/model"
)

// boundaryIndex answers the two geometric questions analysis asks of a
// diagram's trust boundaries, which boundaries a flow's path crosses and
// whether an element sits inside a boundary box, with the answers of
// model.(*Boundary).Crosses and Encloses. The facts of the rule engine and
// lint both use it.
//
// It files the boundaries' segments (a line's segments and a box's four
// sides) under the cells of a uniform grid that each segment actually passes
// through, not the cells of its bounding box, and it sizes the cells so that
// the filing stays proportional to the number of segments whatever their
// shape: a line of 100,000 points running back and forth across the whole
// diagram fills as many cells as a tidy one. A question then tests only the
// segments filed under the cells that the flow's own segments pass through.
type boundaryIndex struct {
	d    *model.Diagram
	segs []indexSeg
	// ends gives, per boundary, the end of its segments in segs (they are
	// filed boundary by boundary, and so is every cell).
	ends  []int32
	boxes []int32     // boundaries that are boxes, for the inside/outside test
	rects []crossBox  // per boundary: a box's rectangle
	grid  segmentGrid // segment indexes per cell
	// sides files only the boxes' sides, for enclosure: a ray from an
	// element need not wade through the lines' segments.
	sides    segmentGrid
	sideSegs []indexSeg
	// Stamps tell which boundary a question has already found and which
	// segment a step of a path has already tested (a segment filed under
	// several cells comes up once per cell), without clearing anything
	// between questions.
	hit   []uint32 // per boundary: the question that found it
	seen  []uint32 // per segment: the step that tested it
	query uint32
	step  uint32
	// tested counts segment-against-segment tests: the work a hostile
	// shape would multiply.
	tested int
}

// indexSeg is one segment of a boundary.
type indexSeg struct {
	a, b     model.Point
	boundary int32
}

func newBoundaryIndex(d *model.Diagram) *boundaryIndex {
	x := &boundaryIndex{d: d, rects: make([]crossBox, len(d.Boundaries)), hit: make([]uint32, len(d.Boundaries))}
	n, sides := 0, 0
	for _, b := range d.Boundaries {
		switch b.Shape {
		case model.BoundaryLine:
			n += max(len(b.Points)-1, 1)
		case model.BoundaryBox:
			n, sides = n+4, sides+4
		}
	}
	x.segs, x.sideSegs = make([]indexSeg, 0, n), make([]indexSeg, 0, sides)
	x.ends = make([]int32, len(d.Boundaries))
	for i, b := range d.Boundaries {
		var pts []model.Point
		switch b.Shape {
		case model.BoundaryLine:
			pts = b.Points
		case model.BoundaryBox:
			r := b.Bounds
			c := crossBoxOf(model.Point{X: r.X, Y: r.Y}, model.Point{X: r.X + r.W, Y: r.Y + r.H})
			x.rects[i] = c
			x.boxes = append(x.boxes, int32(i))
			pts = []model.Point{{X: c.x0, Y: c.y0}, {X: c.x1, Y: c.y0}, {X: c.x1, Y: c.y1}, {X: c.x0, Y: c.y1}, {X: c.x0, Y: c.y0}}
		}
		if len(pts) == 1 {
			pts = []model.Point{pts[0], pts[0]} // a dot still meets a path through it
		}
		for k := 1; k < len(pts); k++ {
			x.segs = append(x.segs, indexSeg{pts[k-1], pts[k], int32(i)})
			if b.Shape == model.BoundaryBox {
				x.sideSegs = append(x.sideSegs, indexSeg{pts[k-1], pts[k], int32(i)})
			}
		}
		x.ends[i] = int32(len(x.segs))
	}
	x.seen = make([]uint32, len(x.segs))
	x.grid = newSegmentGrid(x.segs)
	x.sides = newSegmentGrid(x.sideSegs)
	return x
}

// next starts a question: the stamps of the last one no longer count.
func (x *boundaryIndex) next() {
	x.query++
	if x.query == 0 { // wrapped: old stamps could be mistaken for new ones
		clear(x.hit)
		x.query = 1
	}
}

// nextStep starts the test of one segment of a path.
func (x *boundaryIndex) nextStep() {
	x.step++
	if x.step == 0 {
		clear(x.seen)
		x.step = 1
	}
}

// crossing calls fn, in no particular order, with each boundary that path
// crosses, until fn returns true; it reports whether fn did.
func (x *boundaryIndex) crossing(path []model.Point, fn func(boundary int32) bool) bool {
	if len(path) == 0 || len(x.d.Boundaries) == 0 {
		return false
	}
	x.next()
	first, last := path[0], path[len(path)-1]
	for _, i := range x.boxes {
		if r := x.rects[i]; r.contains(first) != r.contains(last) {
			x.hit[i] = x.query
			if fn(i) {
				return true
			}
		}
	}
	if len(path) == 1 {
		path = []model.Point{first, first}
	}
	for k := 1; k < len(path); k++ {
		a, b := path[k-1], path[k]
		box := crossBoxOf(a, b)
		x.nextStep()
		stop := x.grid.cells(a, b, func(k int, cell []int32) bool {
			if h := x.grid.hulls[k]; h != nil && !h.near(a, b, x.grid.size) {
				return false // the path passes the cell's crowd of segments by
			}
			for i := 0; i < len(cell); i++ {
				s := cell[i]
				sg := &x.segs[s]
				if x.hit[sg.boundary] == x.query {
					// Found already: skip the rest of its segments here,
					// which come next in the cell.
					skip, _ := slices.BinarySearch(cell[i:], x.ends[sg.boundary])
					i += skip - 1
					continue
				}
				if x.seen[s] == x.step {
					continue
				}
				x.seen[s] = x.step
				x.tested++
				if box.meets(crossBoxOf(sg.a, sg.b)) && model.SegmentsIntersect(a, b, sg.a, sg.b) {
					x.hit[sg.boundary] = x.query
					if fn(sg.boundary) {
						return true
					}
				}
			}
			return false
		})
		if stop {
			return true
		}
	}
	return false
}

// crosses reports whether path crosses any boundary.
func (x *boundaryIndex) crosses(path []model.Point) bool {
	return x.crossing(path, func(int32) bool { return true })
}

// crossed lists, in diagram order, the boundaries the flow's path crosses;
// nil when it crosses none or an end is missing.
func (x *boundaryIndex) crossed(f *model.Flow) []*model.Boundary {
	if len(x.d.Boundaries) == 0 {
		return nil
	}
	var found []int32
	x.crossing(x.d.FlowPath(f), func(i int32) bool {
		found = append(found, i)
		return false
	})
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

// encloses reports whether a boundary box holds r. A box that holds r holds
// its centre, and a ray from the centre to the right leaves the box through
// its right side: the boxes to test are those with a side along the ray.
func (x *boundaryIndex) encloses(r model.Rect) bool {
	if len(x.boxes) == 0 {
		return false
	}
	x.next()
	c := model.Point{X: r.X + r.W/2, Y: r.Y + r.H/2}
	end := model.Point{X: max(c.X, x.sides.extent.x1), Y: c.Y}
	return x.sides.cells(c, end, func(_ int, cell []int32) bool {
		for _, s := range cell {
			i := x.sideSegs[s].boundary
			if x.hit[i] == x.query {
				continue
			}
			x.hit[i] = x.query
			if b := x.d.Boundaries[i]; b.Encloses(r) {
				return true
			}
		}
		return false
	})
}

// segmentGrid files segments under the cells of a uniform grid that they
// pass through, in one flat list per grid (cell k's segments are
// items[start[k]:start[k+1]]).
type segmentGrid struct {
	extent     crossBox
	ox, oy     float64 // the grid's top left corner, a little before the extent's
	size       float64 // a cell's side
	inv        float64 // 1/size: the walk over cells multiplies, dividing costs more
	cols, rows int
	start      []int32
	items      []int32
	// hulls holds a convex outline of the segments of each crowded cell: a
	// path that passes it by meets none of them, however many overlap
	// there.
	hulls map[int]hull
}

// crowded is the number of segments in a cell past which a hull is kept.
const crowded = 32

// The grid starts before the extent by these fractions of a cell, across
// and down, different and far from simple ratios: a line through the
// extent's corner (its diagonal, the side of a box) then seldom runs along
// the grid's borders or through its corners, where the slack files a
// segment under the cells on both sides.
const originX, originY = 0.2928932, 0.6180340

// Cells are at least this many times the segments' total length over their
// count, so that a segment passes through a few cells on average.
const cellsPerSegment = 4

func newSegmentGrid(segs []indexSeg) segmentGrid {
	if len(segs) == 0 {
		return segmentGrid{}
	}
	g := segmentGrid{extent: crossBoxOf(segs[0].a, segs[0].b)}
	length := 0.0
	for _, s := range segs {
		g.extent = g.extent.union(crossBoxOf(s.a, s.b))
		length += math.Abs(s.b.X-s.a.X) + math.Abs(s.b.Y-s.a.Y)
	}
	n := float64(len(segs))
	w, h := g.extent.x1-g.extent.x0, g.extent.y1-g.extent.y0
	// About two cells per segment over the extent; no narrower than the
	// segments' length allows (so that they fill a few cells each, however
	// long), nor so narrow that one side has more cells than segments.
	g.size = max(math.Sqrt(w*h/(2*n)), length/(cellsPerSegment*n), max(w, h)/(cellsPerSegment*n))
	if !(g.size > 0) || math.IsInf(g.size, 0) {
		g.size = 1 // all segments are one point, or the extent is absurd
	}
	g.inv = 1 / g.size
	g.ox, g.oy = g.extent.x0-originX*g.size, g.extent.y0-originY*g.size
	g.cols = min(int((g.extent.x1-g.ox)*g.inv)+1, 4*len(segs)+2)
	g.rows = min(int((g.extent.y1-g.oy)*g.inv)+1, 4*len(segs)+2)
	// One pass over the geometry lists each segment's cells, in segment
	// order (segment i's are cells[ends[i]:ends[i+1]]); a counting sort by
	// cell then files them, so that a cell lists its segments in boundary
	// order.
	// A segment passes through at most its length in cells along each axis
	// and a few more where it starts, ends or grazes a border.
	cells := make([]int32, 0, int(min(length/g.size, 8*n))+3*len(segs))
	ends := make([]int32, len(segs)+1)
	count := make([]int32, g.cols*g.rows+1)
	for i, s := range segs {
		g.columns(s.a, s.b, func(c, r0, r1 int) bool {
			for k := r0*g.cols + c; k <= r1*g.cols+c; k += g.cols {
				cells = append(cells, int32(k))
				count[k+1]++
			}
			return false
		})
		ends[i+1] = int32(len(cells))
	}
	for k := 1; k < len(count); k++ {
		count[k] += count[k-1]
	}
	g.start = count
	g.items = make([]int32, len(cells))
	fill := slices.Clone(count[:len(count)-1])
	for i := range segs {
		for _, k := range cells[ends[i]:ends[i+1]] {
			g.items[fill[k]] = int32(i)
			fill[k]++
		}
	}
	var lengths []float64 // squared, per segment, once for every crowded cell
	for k := range g.cols * g.rows {
		cell := g.items[g.start[k]:g.start[k+1]]
		if len(cell) <= crowded {
			continue
		}
		if g.hulls == nil {
			g.hulls = map[int]hull{}
			lengths = make([]float64, len(segs))
			for i, s := range segs {
				dx, dy := s.b.X-s.a.X, s.b.Y-s.a.Y
				lengths[i] = dx*dx + dy*dy
			}
		}
		g.hulls[k] = slab(segs, lengths, cell, g.size)
	}
	return g
}

// cells calls fn with the segments of each cell that the segment ab passes
// through, until fn returns true; it reports whether fn did.
func (g *segmentGrid) cells(a, b model.Point, fn func(k int, cell []int32) bool) bool {
	return g.cellIndexes(a, b, func(k int) bool {
		if s, e := g.start[k], g.start[k+1]; s < e {
			return fn(k, g.items[s:e])
		}
		return false
	})
}

// slack widens every cell range by a sliver of a cell, so that a point on a
// cell's border, or one rounding puts there, counts for the cells on both
// sides: two segments that meet are always filed under a common cell.
const slack = 1e-6

// cellIndexes calls fn with the index of each cell that the segment ab
// passes through, column by column, until fn returns true. The grid is
// clipped to its extent: a segment outside it meets no filed segment.
func (g *segmentGrid) cellIndexes(a, b model.Point, fn func(k int) bool) bool {
	return g.columns(a, b, func(c, r0, r1 int) bool {
		for r := r0; r <= r1; r++ {
			if fn(r*g.cols + c) {
				return true
			}
		}
		return false
	})
}

// columns calls fn with each column c of the grid that the segment ab
// passes through and the rows r0 to r1 it passes there, until fn returns
// true; it reports whether fn did.
func (g *segmentGrid) columns(a, b model.Point, fn func(c, r0, r1 int) bool) bool {
	if g.cols == 0 {
		return false
	}
	if b.X < a.X {
		a, b = b, a
	}
	box := crossBoxOf(a, b)
	if !box.meets(g.extent) {
		return false
	}
	e := &g.extent
	c0 := g.clamp((max(a.X, e.x0)-g.ox)*g.inv-slack, g.cols)
	c1 := g.clamp((min(b.X, e.x1)-g.ox)*g.inv+slack, g.cols)
	// The slope, unless ab is so steep that it overflows: then the whole
	// height of ab counts in its column or two, which holds the answer.
	slope, sloped := 0.0, false
	if dx := b.X - a.X; dx > 0 {
		slope = (b.Y - a.Y) / dx
		sloped = !math.IsInf(slope, 0)
	}
	for c := c0; c <= c1; c++ {
		// The part of ab within this column's x range.
		ylo, yhi := box.y0, box.y1
		if sloped {
			// The first and last columns reach to the ends of ab, the
			// clamp having put there whatever lies beyond the grid.
			l, r := a.X, b.X
			if c > 0 {
				l = max(l, g.ox+float64(c)*g.size)
			}
			if c < g.cols-1 {
				r = min(r, g.ox+float64(c+1)*g.size)
			}
			ya := a.Y + slope*(l-a.X)
			yb := a.Y + slope*(r-a.X)
			ylo, yhi = min(ya, yb), max(ya, yb)
		}
		r0 := g.clamp((max(ylo, e.y0)-g.oy)*g.inv-slack, g.rows)
		r1 := g.clamp((min(yhi, e.y1)-g.oy)*g.inv+slack, g.rows)
		if fn(c, r0, r1) {
			return true
		}
	}
	return false
}

// clamp turns a position in cells into a cell number within n, before the
// conversion to int, which overflows for values past its range.
func (g *segmentGrid) clamp(v float64, n int) int {
	switch {
	case !(v > 0):
		return 0
	case v >= float64(n-1):
		return n - 1
	}
	return int(v)
}

// crossBox is a rectangle as its two extreme corners, with the comparisons a
// bounding box test needs (a validated model has no NaN, and a NaN fails
// every comparison here as it fails the model's own test).
type crossBox struct{ x0, y0, x1, y1 float64 }

func crossBoxOf(a, b model.Point) crossBox {
	return crossBox{min(a.X, b.X), min(a.Y, b.Y), max(a.X, b.X), max(a.Y, b.Y)}
}

func (b crossBox) union(c crossBox) crossBox {
	return crossBox{min(b.x0, c.x0), min(b.y0, c.y0), max(b.x1, c.x1), max(b.y1, c.y1)}
}

func (b crossBox) meets(c crossBox) bool {
	return b.x0 <= c.x1 && c.x0 <= b.x1 && b.y0 <= c.y1 && c.y0 <= b.y1
}

func (b crossBox) contains(p model.Point) bool {
	return p.X >= b.x0 && p.X <= b.x1 && p.Y >= b.y0 && p.Y <= b.y1
}

// hull is a convex polygon, its corners in order; it may be flat.
type hull []model.Point

// slab returns the rectangle, aligned with the cell's longest segment, that
// holds the cell's segments, widened by a sliver of a cell against
// rounding. Segments crowd a cell when they overlap along one line, and
// then the rectangle is as thin as that line: a path beside it is rejected
// at once. It costs one pass, where a convex hull needs a sort.
func slab(segs []indexSeg, lengths []float64, cell []int32, size float64) hull {
	longest := cell[0]
	for _, i := range cell {
		if lengths[i] > lengths[longest] {
			longest = i
		}
	}
	best := lengths[longest]
	u := model.Point{X: segs[longest].b.X - segs[longest].a.X, Y: segs[longest].b.Y - segs[longest].a.Y}
	if l := math.Sqrt(best); l > 0 {
		u = model.Point{X: u.X / l, Y: u.Y / l}
	} else {
		u = model.Point{X: 1}
	}
	v := model.Point{X: -u.Y, Y: u.X}
	o := segs[cell[0]].a // measure from a near point: large coordinates lose less
	lu, hu, lv, hv := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, i := range cell {
		for _, p := range [2]model.Point{segs[i].a, segs[i].b} {
			dx, dy := p.X-o.X, p.Y-o.Y
			pu, pv := dx*u.X+dy*u.Y, dx*v.X+dy*v.Y
			// Plain comparisons: the built-in min and max also order
			// NaNs and signed zeros, which a validated model has not, at
			// a cost this loop over every crowded segment feels.
			if pu < lu {
				lu = pu
			}
			if pu > hu {
				hu = pu
			}
			if pv < lv {
				lv = pv
			}
			if pv > hv {
				hv = pv
			}
		}
	}
	m := size * 1e-6
	lu, hu, lv, hv = lu-m, hu+m, lv-m, hv+m
	at := func(pu, pv float64) model.Point {
		return model.Point{X: o.X + pu*u.X + pv*v.X, Y: o.Y + pu*u.Y + pv*v.Y}
	}
	return hull{at(lu, lv), at(hu, lv), at(hu, hv), at(lu, hv)}
}

func cross(o, a, b model.Point) float64 {
	return (a.X-o.X)*(b.Y-o.Y) - (a.Y-o.Y)*(b.X-o.X)
}

// near reports whether the segment ab meets the hull or passes within a
// sliver of it (a millionth of a cell of size cell): the margin keeps a
// touch that rounding decides on the side of testing the segments.
func (h hull) near(a, b model.Point, cell float64) bool {
	tol := cell * 1e-6
	if len(h) >= 3 {
		inside := true
		for i := range h {
			if cross(h[i], h[(i+1)%len(h)], a) < 0 {
				inside = false
				break
			}
		}
		if inside {
			return true
		}
	}
	for i := range h {
		p, q := h[i], h[(i+1)%len(h)]
		if model.SegmentsIntersect(a, b, p, q) || segmentDist(a, b, p, q) <= tol {
			return true
		}
	}
	return false
}

// segmentDist is the distance between the segments ab and pq when they do
// not cross: the least distance of an end of one to the other.
func segmentDist(a, b, p, q model.Point) float64 {
	return min(pointSegDist(a, p, q), pointSegDist(b, p, q), pointSegDist(p, a, b), pointSegDist(q, a, b))
}

func pointSegDist(p, a, b model.Point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = max(0, min(1, ((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l2))
	}
	return math.Hypot(p.X-(a.X+t*dx), p.Y-(a.Y+t*dy))
}
