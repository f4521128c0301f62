package canvas

import (
	"math"

	"github.com/threatboard/threatboard/model"
)

// Pointer tolerances in screen pixels; hit-testing divides them by the zoom
// so that a handle is as easy to grab at 10% as at 800%.
const (
	handleRadius = 5 // half the side of a drawn handle
	grabRadius   = 7 // how far from a handle's centre a press still grabs it
	lineTol      = 5 // how far from a flow or boundary line a press still hits it
)

// part is what a point on the canvas lands on.
type part int

const (
	partNone      part = iota
	partElement        // an element's shape
	partFlow           // a flow's polyline
	partLabel          // a flow's label
	partBoundary       // a boundary's line or a box's edge
	partResize         // a resize handle of a selected element or box; index: corner
	partConnector      // a connect handle of a selected element; index: side
	partWaypoint       // a waypoint of a selected flow; index into Waypoints
	partSegment        // a selected flow's segment; index: where a new waypoint goes
	partPoint          // a point of a selected line boundary; index into Points
	partPhoto          // the unlocked background photo where nothing else is
	partPhotoSize      // a corner handle of the selected photo; index: corner
)

// Corners of a rectangle, in the order resize handles are numbered.
const (
	cornerTopLeft = iota
	cornerTopRight
	cornerBottomRight
	cornerBottomLeft
)

// hit is the result of hit-testing one point.
type hit struct {
	part  part
	id    string // the element, flow or boundary
	index int    // handle, waypoint or point number, for the parts that have one
}

// corners are the resize handle positions of r, in corner order.
func corners(r model.Rect) [4]model.Point {
	return [4]model.Point{{X: r.X, Y: r.Y}, {X: r.X + r.W, Y: r.Y}, {X: r.X + r.W, Y: r.Y + r.H}, {X: r.X, Y: r.Y + r.H}}
}

// connectors are the connect handle positions of r: the middles of its top,
// right, bottom and left sides, which lie on every shape's outline.
func connectors(r model.Rect) [4]model.Point {
	c := r.Center()
	return [4]model.Point{{X: c.X, Y: r.Y}, {X: r.X + r.W, Y: c.Y}, {X: c.X, Y: r.Y + r.H}, {X: r.X, Y: c.Y}}
}

func near(p, q model.Point, r float64) bool { return math.Abs(p.X-q.X) <= r && math.Abs(p.Y-q.Y) <= r }

// hitTest finds what p (in diagram units) lands on, front to back: the
// handles of the selection and the connectors of the hovered element
// (hover, or ""), flow labels, elements (front-most first), flows,
// then boundaries. A box boundary is hit on its edge only, so the elements
// it surrounds stay clickable.
func hitTest(d *model.Diagram, sc *scene, sel *selection, hover string, p model.Point, zoom float64) hit {
	if d == nil {
		return hit{}
	}
	grab, tol := grabRadius/zoom, lineTol/zoom
	if h := hitHandles(d, sc, sel, p, grab, tol); h.part != partNone {
		return h
	}
	if e := sc.element(d, hover); e != nil && e.Kind.Connectable() && !sel.has(hover) {
		for i, c := range connectors(e.Bounds) {
			if near(p, c, grab) {
				return hit{part: partConnector, id: hover, index: i}
			}
		}
	}
	if sc.indexed(d) {
		if g := sc.grid.frontLabel(sc.flows, p); g != nil {
			return hit{part: partLabel, id: g.f.ID}
		}
		if e := sc.grid.frontElement(d, p); e != nil {
			return hit{part: partElement, id: e.ID}
		}
		if g := sc.grid.frontFlow(sc.flows, p, tol); g != nil {
			return hit{part: partFlow, id: g.f.ID}
		}
	} else if h := hitScan(d, sc, p, tol); h.part != partNone {
		return h
	}
	for i := len(d.Boundaries) - 1; i >= 0; i-- {
		if b := d.Boundaries[i]; boundaryHit(b, p, tol) {
			return hit{part: partBoundary, id: b.ID}
		}
	}
	return hit{}
}

// boundaryHit is model.Boundary.Hit with a bounding-box test first, for the
// hit-test loop: a point is near a box's edge when it is inside the box
// grown by tol but not inside the box shrunk by tol (a square band, so just
// off a corner it reaches a little further than the model's distance).
func boundaryHit(b *model.Boundary, p model.Point, tol float64) bool {
	switch b.Shape {
	case model.BoundaryBox:
		r := b.Bounds
		if r.W < 0 || r.H < 0 {
			return b.Hit(p, tol) // inside-out boxes are rare; the model canonicalises
		}
		outer := p.X >= r.X-tol && p.X <= r.X+r.W+tol && p.Y >= r.Y-tol && p.Y <= r.Y+r.H+tol
		inner := p.X > r.X+tol && p.X < r.X+r.W-tol && p.Y > r.Y+tol && p.Y < r.Y+r.H-tol
		return outer && !inner
	case model.BoundaryLine:
		if len(b.Points) == 0 {
			return false
		}
		lo, hi := b.Points[0], b.Points[0]
		for _, q := range b.Points[1:] {
			lo.X, lo.Y = math.Min(lo.X, q.X), math.Min(lo.Y, q.Y)
			hi.X, hi.Y = math.Max(hi.X, q.X), math.Max(hi.Y, q.Y)
		}
		if p.X < lo.X-tol || p.X > hi.X+tol || p.Y < lo.Y-tol || p.Y > hi.Y+tol {
			return false
		}
		return nearPolyline(p, b.Points, tol)
	}
	return false
}

// hitScan is hitTest's search of labels, elements and flows without the
// grid: every object is tried, front to back.
func hitScan(d *model.Diagram, sc *scene, p model.Point, tol float64) hit {
	for i := len(sc.flows) - 1; i >= 0; i-- {
		if g := &sc.flows[i]; g.label.W > 0 && g.label.Contains(p) {
			return hit{part: partLabel, id: g.f.ID}
		}
	}
	for i := len(d.Elements) - 1; i >= 0; i-- {
		if e := d.Elements[i]; e.Hit(p) {
			return hit{part: partElement, id: e.ID}
		}
	}
	for i := len(sc.flows) - 1; i >= 0; i-- {
		g := &sc.flows[i]
		b := g.box
		if p.X < b.X-tol || p.X > b.X+b.W+tol || p.Y < b.Y-tol || p.Y > b.Y+b.H+tol {
			continue // most flows are far from any one point
		}
		if nearPolyline(p, g.path, tol) {
			return hit{part: partFlow, id: g.f.ID}
		}
	}
	return hit{}
}

func hitHandles(d *model.Diagram, sc *scene, sel *selection, p model.Point, grab, tol float64) hit {
	for _, id := range sel.ids {
		if e := sc.element(d, id); e != nil {
			for i, c := range corners(e.Bounds) {
				if near(p, c, grab) {
					return hit{part: partResize, id: id, index: i}
				}
			}
			if e.Kind.Connectable() {
				for i, c := range connectors(e.Bounds) {
					if near(p, c, grab) {
						return hit{part: partConnector, id: id, index: i}
					}
				}
			}
			continue
		}
		if g := sc.geom(id); g != nil {
			f := g.f
			for i, w := range f.Waypoints {
				if near(p, w, grab) {
					return hit{part: partWaypoint, id: id, index: i}
				}
			}
			path := sc.path(id)
			for i := 1; i < len(path); i++ {
				if model.DistToPolyline(p, path[i-1:i+1]) <= tol {
					return hit{part: partSegment, id: id, index: i - 1}
				}
			}
			continue
		}
		if b := d.Boundary(id); b != nil {
			switch b.Shape {
			case model.BoundaryBox:
				for i, c := range corners(b.Bounds) {
					if near(p, c, grab) {
						return hit{part: partResize, id: id, index: i}
					}
				}
			case model.BoundaryLine:
				for i, q := range b.Points {
					if near(p, q, grab) {
						return hit{part: partPoint, id: id, index: i}
					}
				}
			}
		}
	}
	return hit{}
}

// inRect lists, in diagram order, the elements, flows and boundaries lying
// wholly inside r: what a rubber band selects.
func inRect(d *model.Diagram, sc *scene, r model.Rect) []string {
	var ids []string
	for _, b := range d.Boundaries {
		bb := b.Bounds
		if b.Shape == model.BoundaryLine {
			bb = model.Bounds(b.Points)
		}
		if r.ContainsRect(bb) {
			ids = append(ids, b.ID)
		}
	}
	for _, e := range d.Elements {
		if r.ContainsRect(e.Bounds) {
			ids = append(ids, e.ID)
		}
	}
	for _, g := range sc.flows {
		if len(g.path) > 0 && r.ContainsRect(g.box) {
			ids = append(ids, g.f.ID)
		}
	}
	return ids
}
