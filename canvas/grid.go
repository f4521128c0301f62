package canvas

import (
	"math"

	"github.com/threatboard/threatboard/model"
)

// cellSize is the side of a grid cell in diagram units: a few elements wide,
// so a point's cell holds a handful of candidates.
const (
	cellSize = 256.0
	maxCells = 1 << 16 // bigger diagrams get bigger cells, not more memory
)

// grid buckets elements and flows by the cells their bounding boxes cover,
// so that hit-testing a point tries a few candidates instead of the whole
// diagram. Objects moved since the grid was built are tried on top of it
// (see moved), so a drag needs no rebuild.
type grid struct {
	x0, y0     float64
	size       float64
	cols, rows int
	elems      [][]int32 // cell → positions in Diagram.Elements, ascending
	flows      [][]int32 // cell → positions in scene.flows, ascending
	nElems     int       // len(Diagram.Elements) when built

	movedEl   []int32 // elements moved since the build
	movedFl   []int32 // flows whose geometry changed since the build
	isMovedEl []bool
	isMovedFl []bool
}

func (g *grid) build(d *model.Diagram, flows []flowGeom) {
	*g = grid{nElems: len(d.Elements)}
	var ext model.Rect
	first := true
	add := func(r model.Rect) {
		if first {
			ext, first = r, false
		} else {
			ext = ext.Union(r)
		}
	}
	for _, e := range d.Elements {
		add(e.Bounds)
	}
	for i := range flows {
		add(flows[i].reach())
	}
	g.size = cellSize
	for (ext.W/g.size+1)*(ext.H/g.size+1) > maxCells {
		g.size *= 2
	}
	g.x0, g.y0 = ext.X, ext.Y
	g.cols, g.rows = int(ext.W/g.size)+1, int(ext.H/g.size)+1
	g.elems = make([][]int32, g.cols*g.rows)
	g.flows = make([][]int32, g.cols*g.rows)
	for i, e := range d.Elements {
		g.insert(g.elems, e.Bounds, int32(i))
	}
	for i := range flows {
		g.insert(g.flows, flows[i].reach(), int32(i))
	}
	g.isMovedEl = make([]bool, len(d.Elements))
	g.isMovedFl = make([]bool, len(flows))
}

func (g *grid) insert(cells [][]int32, r model.Rect, i int32) {
	c0, r0, c1, r1 := g.span(r)
	for y := r0; y <= r1; y++ {
		for x := c0; x <= c1; x++ {
			cells[y*g.cols+x] = append(cells[y*g.cols+x], i)
		}
	}
}

// span is the range of cells r overlaps, clamped to the grid.
func (g *grid) span(r model.Rect) (c0, r0, c1, r1 int) {
	clamp := func(v float64, n int) int { return max(0, min(n-1, int(math.Floor(v)))) }
	c0, c1 = clamp((r.X-g.x0)/g.size, g.cols), clamp((r.X+r.W-g.x0)/g.size, g.cols)
	r0, r1 = clamp((r.Y-g.y0)/g.size, g.rows), clamp((r.Y+r.H-g.y0)/g.size, g.rows)
	return c0, r0, c1, r1
}

func (g *grid) markElement(i int) {
	if i >= 0 && i < len(g.isMovedEl) && !g.isMovedEl[i] {
		g.isMovedEl[i] = true
		g.movedEl = append(g.movedEl, int32(i))
	}
}

func (g *grid) markFlow(i int) {
	if i >= 0 && i < len(g.isMovedFl) && !g.isMovedFl[i] {
		g.isMovedFl[i] = true
		g.movedFl = append(g.movedFl, int32(i))
	}
}

// frontElement is the front-most element whose shape holds p, or nil.
func (g *grid) frontElement(d *model.Diagram, p model.Point) *model.Element {
	best := -1
	// Outside the grid the clamped cell is a neighbour whose shapes miss p.
	c0, r0, _, _ := g.span(model.Rect{X: p.X, Y: p.Y})
	cell := g.elems[r0*g.cols+c0]
	for k := len(cell) - 1; k >= 0; k-- {
		if i := int(cell[k]); d.Elements[i].Hit(p) {
			best = i
			break
		}
	}
	for _, i := range g.movedEl {
		if int(i) > best && d.Elements[i].Hit(p) {
			best = int(i)
		}
	}
	if best < 0 {
		return nil
	}
	return d.Elements[best]
}

// frontFlow is the front-most flow passing within tol of p, or nil.
func (g *grid) frontFlow(flows []flowGeom, p model.Point, tol float64) *flowGeom {
	best := -1
	try := func(i int) {
		f := &flows[i]
		b := f.box
		if i <= best || p.X < b.X-tol || p.X > b.X+b.W+tol || p.Y < b.Y-tol || p.Y > b.Y+b.H+tol {
			return
		}
		if nearPolyline(p, f.path, tol) {
			best = i
		}
	}
	c0, r0, c1, r1 := g.span(model.Rect{X: p.X - tol, Y: p.Y - tol, W: 2 * tol, H: 2 * tol})
	for y := r0; y <= r1; y++ {
		for x := c0; x <= c1; x++ {
			cell := g.flows[y*g.cols+x]
			for k := len(cell) - 1; k >= 0 && int(cell[k]) > best; k-- {
				try(int(cell[k]))
			}
		}
	}
	for _, i := range g.movedFl {
		try(int(i))
	}
	if best < 0 {
		return nil
	}
	return &flows[best]
}

// frontLabel is the front-most flow whose label holds p, or nil.
func (g *grid) frontLabel(flows []flowGeom, p model.Point) *flowGeom {
	best := -1
	try := func(i int) {
		if f := &flows[i]; i > best && f.label.W > 0 && f.label.Contains(p) {
			best = i
		}
	}
	c0, r0, c1, r1 := g.span(model.Rect{X: p.X, Y: p.Y})
	for y := r0; y <= r1; y++ {
		for x := c0; x <= c1; x++ {
			cell := g.flows[y*g.cols+x]
			for k := len(cell) - 1; k >= 0 && int(cell[k]) > best; k-- {
				try(int(cell[k]))
			}
		}
	}
	for _, i := range g.movedFl {
		try(int(i))
	}
	if best < 0 {
		return nil
	}
	return &flows[best]
}

// nearPolyline reports whether p lies within tol of the polyline: the same
// answer as model.DistToPolyline(p, path) <= tol, but each segment's box is
// tested first and distances are compared squared, since a point in a
// crowded cell is near many flows' boxes and far from nearly all segments.
func nearPolyline(p model.Point, path []model.Point, tol float64) bool {
	if len(path) == 1 {
		return model.DistToPolyline(p, path) <= tol
	}
	for i := 1; i < len(path); i++ {
		a, b := path[i-1], path[i]
		if p.X < min(a.X, b.X)-tol || p.X > max(a.X, b.X)+tol || p.Y < min(a.Y, b.Y)-tol || p.Y > max(a.Y, b.Y)+tol {
			continue
		}
		dx, dy := b.X-a.X, b.Y-a.Y
		t := 0.0
		if l2 := dx*dx + dy*dy; l2 > 0 {
			t = max(0, min(1, ((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l2))
		}
		ex, ey := p.X-(a.X+t*dx), p.Y-(a.Y+t*dy)
		if ex*ex+ey*ey <= tol*tol {
			return true
		}
	}
	return false
}

// reach is what a flow covers: its path and its label.
func (f *flowGeom) reach() model.Rect {
	if f.label.W > 0 {
		return f.box.Union(f.label)
	}
	return f.box
}
