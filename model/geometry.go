package model

import (
	"math"
	"slices"
)

// Geometry of the diagram: shape outlines, where a flow meets them, what a
// click hits and which trust boundaries a flow crosses. Every function here
// accepts degenerate input (zero-size shapes, coincident points, empty
// polylines) and answers without NaN or panic, because a half-drawn diagram
// produces all of those.

// Border is where the ray from the element's centre toward the point toward
// leaves the element's outline: the rectangle of an actor, note or store
// (a store is drawn as two lines, but flows attach at its box), the ellipse
// inscribed in Bounds for a process and the outer one of a multi-process.
// When toward is the centre itself there is no direction, and the centre is
// returned.
func (e *Element) Border(toward Point) Point {
	c := e.Bounds.Center()
	d := toward.Sub(c)
	if d.X == 0 && d.Y == 0 {
		return c
	}
	a, b := math.Abs(e.Bounds.W)/2, math.Abs(e.Bounds.H)/2
	if e.round() && a > 0 && b > 0 {
		t := 1 / math.Hypot(d.X/a, d.Y/b)
		return c.Add(d.scale(t))
	}
	// Rectangle, or an ellipse flattened to a segment, which is the same thing.
	t := math.Inf(1)
	if d.X != 0 {
		t = a / math.Abs(d.X)
	}
	if d.Y != 0 {
		t = math.Min(t, b/math.Abs(d.Y))
	}
	if math.IsInf(t, 0) { // a huge shape seen from a hair off its centre
		return c
	}
	return c.Add(d.scale(t))
}

// Hit reports whether p lies on or inside the element's shape: a click in the
// corner of a process's bounding box misses it.
func (e *Element) Hit(p Point) bool {
	r := e.Bounds.canon()
	if !r.Contains(p) {
		return false
	}
	a, b := r.W/2, r.H/2
	if !e.round() || a == 0 || b == 0 {
		return true
	}
	c := r.Center()
	dx, dy := (p.X-c.X)/a, (p.Y-c.Y)/b
	return dx*dx+dy*dy <= 1
}

func (e *Element) round() bool { return e.Kind == Process || e.Kind == MultiProcess }

// FlowPath is the polyline a flow is drawn along: from the border of its
// source through its waypoints to the border of its target, each end clipped
// toward its neighbouring point. It is nil when an end element is missing.
func (d *Diagram) FlowPath(f *Flow) []Point {
	return d.AppendFlowPath(nil, f)
}

// AppendFlowPath appends the flow's path (see FlowPath) to dst and returns
// the extended slice, for callers that reuse one buffer per flow. dst is
// returned unchanged when an end element is missing.
func (d *Diagram) AppendFlowPath(dst []Point, f *Flow) []Point {
	from, to := d.Element(f.From), d.Element(f.To)
	if from == nil || to == nil {
		return dst
	}
	first, last := to.Bounds.Center(), from.Bounds.Center()
	if n := len(f.Waypoints); n > 0 {
		first, last = f.Waypoints[0], f.Waypoints[n-1]
	}
	dst = slices.Grow(dst, len(f.Waypoints)+2)
	dst = append(dst, from.Border(first))
	dst = append(dst, f.Waypoints...)
	return append(dst, to.Border(last))
}

// DistToPolyline is the distance from p to the nearest point of the polyline
// pts; +Inf for an empty polyline, the distance to the point for a single one.
func DistToPolyline(p Point, pts []Point) float64 {
	switch len(pts) {
	case 0:
		return math.Inf(1)
	case 1:
		return dist(p, pts[0])
	}
	best := math.Inf(1)
	for i := 1; i < len(pts); i++ {
		best = math.Min(best, distToSegment(p, pts[i-1], pts[i]))
	}
	return best
}

func distToSegment(p, a, b Point) float64 {
	ab, ap := b.Sub(a), p.Sub(a)
	l2 := ab.X*ab.X + ab.Y*ab.Y
	if l2 == 0 {
		return dist(p, a)
	}
	t := math.Max(0, math.Min(1, (ap.X*ab.X+ap.Y*ab.Y)/l2))
	return dist(p, a.Add(ab.scale(t)))
}

// SegmentsIntersect reports whether the closed segments ab and cd share a
// point, touching ends and collinear overlaps included. The segments and
// their ends are put in one order first, so that a touch decided by the
// last bit of a float comes out the same however the question is asked.
func SegmentsIntersect(a, b, c, d Point) bool {
	if less(b, a) {
		a, b = b, a
	}
	if less(d, c) {
		c, d = d, c
	}
	if less(c, a) || c == a && less(d, b) {
		a, b, c, d = c, d, a, b
	}
	o1, o2 := orient(a, b, c), orient(a, b, d)
	o3, o4 := orient(c, d, a), orient(c, d, b)
	if o1*o2 < 0 && o3*o4 < 0 {
		return true
	}
	// Collinear cases: an end of one segment lies on the other.
	return o1 == 0 && onSegment(a, b, c) ||
		o2 == 0 && onSegment(a, b, d) ||
		o3 == 0 && onSegment(c, d, a) ||
		o4 == 0 && onSegment(c, d, b)
}

func less(p, q Point) bool { return p.X < q.X || p.X == q.X && p.Y < q.Y }

// orient is the sign of the turn a→b→c: 1 counter-clockwise, -1 clockwise, 0 collinear.
func orient(a, b, c Point) int {
	v := (b.X-a.X)*(c.Y-a.Y) - (b.Y-a.Y)*(c.X-a.X)
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}

// onSegment reports whether p, known to be collinear with ab, lies between a and b.
func onSegment(a, b, p Point) bool {
	return p.X >= math.Min(a.X, b.X) && p.X <= math.Max(a.X, b.X) &&
		p.Y >= math.Min(a.Y, b.Y) && p.Y <= math.Max(a.Y, b.Y)
}

// PolylineMiddle is the point halfway along the polyline, where a flow's
// label sits by default. It is the zero Point for an empty polyline.
func PolylineMiddle(pts []Point) Point {
	if len(pts) == 0 {
		return Point{}
	}
	total := 0.0
	for i := 1; i < len(pts); i++ {
		total += dist(pts[i-1], pts[i])
	}
	half := total / 2
	for i := 1; i < len(pts); i++ {
		l := dist(pts[i-1], pts[i])
		if l > 0 && half <= l {
			return pts[i-1].Add(pts[i].Sub(pts[i-1]).scale(half / l))
		}
		half -= l
	}
	return pts[0] // every segment has zero length
}

// Bounds is the smallest rectangle holding every point; the zero Rect for none.
func Bounds(pts []Point) Rect {
	if len(pts) == 0 {
		return Rect{}
	}
	lo, hi := pts[0], pts[0]
	for _, p := range pts[1:] {
		lo = Point{math.Min(lo.X, p.X), math.Min(lo.Y, p.Y)}
		hi = Point{math.Max(hi.X, p.X), math.Max(hi.Y, p.Y)}
	}
	return Rect{lo.X, lo.Y, hi.X - lo.X, hi.Y - lo.Y}
}

// RectBetween is the rectangle spanned by two opposite corners in any order,
// such as the start and end of a rubber-band drag.
func RectBetween(a, b Point) Rect { return Bounds([]Point{a, b}) }

// Intersects reports whether r and s overlap or touch.
func (r Rect) Intersects(s Rect) bool {
	r, s = r.canon(), s.canon()
	return r.X <= s.X+s.W && s.X <= r.X+r.W && r.Y <= s.Y+s.H && s.Y <= r.Y+r.H
}

// ContainsRect reports whether s lies wholly inside r (edges included).
func (r Rect) ContainsRect(s Rect) bool {
	r, s = r.canon(), s.canon()
	return s.X >= r.X && s.Y >= r.Y && s.X+s.W <= r.X+r.W && s.Y+s.H <= r.Y+r.H
}

// Inset shrinks r by d on every side (a negative d grows it). A rectangle
// shrunk past nothing collapses to its centre rather than turning inside out.
func (r Rect) Inset(d float64) Rect {
	r = r.canon()
	c := r.Center()
	w, h := math.Max(0, r.W-2*d), math.Max(0, r.H-2*d)
	return Rect{c.X - w/2, c.Y - h/2, w, h}
}

// Union is the smallest rectangle holding r and s.
func (r Rect) Union(s Rect) Rect {
	r, s = r.canon(), s.canon()
	return Bounds([]Point{{r.X, r.Y}, {r.X + r.W, r.Y + r.H}, {s.X, s.Y}, {s.X + s.W, s.Y + s.H}})
}

// canon turns a rectangle with a negative width or height into the same
// area with a positive one.
func (r Rect) canon() Rect {
	if r.W < 0 {
		r.X, r.W = r.X+r.W, -r.W
	}
	if r.H < 0 {
		r.Y, r.H = r.Y+r.H, -r.H
	}
	return r
}

// corners is the closed outline of r: top-left, top-right, bottom-right,
// bottom-left and top-left again.
// It is an array so that callers keep it off the heap.
func (r Rect) corners() [5]Point {
	r = r.canon()
	return [5]Point{{r.X, r.Y}, {r.X + r.W, r.Y}, {r.X + r.W, r.Y + r.H}, {r.X, r.Y + r.H}, {r.X, r.Y}}
}

// Crosses reports whether the polyline path crosses the boundary: for a line
// boundary, whether the two polylines meet; for a box, whether path meets the
// box's edge (one end inside and one outside, or passing through).
func (b *Boundary) Crosses(path []Point) bool {
	var edge []Point
	switch b.Shape {
	case BoundaryLine:
		edge = b.Points
	case BoundaryBox:
		if len(path) == 0 {
			return false
		}
		r := b.Bounds.canon()
		if r.Contains(path[0]) != r.Contains(path[len(path)-1]) {
			return true
		}
		c := r.corners()
		edge = c[:]
	default:
		return false
	}
	return polylinesMeet(path, edge)
}

func polylinesMeet(p, q []Point) bool {
	if len(p) == 1 {
		p = []Point{p[0], p[0]} // a single point meets what passes through it
	}
	if len(q) == 1 {
		q = []Point{q[0], q[0]}
	}
	for i := 1; i < len(p); i++ {
		for j := 1; j < len(q); j++ {
			if boxesMeet(p[i-1], p[i], q[j-1], q[j]) && SegmentsIntersect(p[i-1], p[i], q[j-1], q[j]) {
				return true
			}
		}
	}
	return false
}

// boxesMeet reports whether the bounding boxes of the segments ab and cd
// overlap or touch. It compares the ends themselves: a Rect's far edge,
// X+W, is rounded, and a segment ending exactly on the other would seem to
// stop short of it.
func boxesMeet(a, b, c, d Point) bool {
	return min(a.X, b.X) <= max(c.X, d.X) && min(c.X, d.X) <= max(a.X, b.X) &&
		min(a.Y, b.Y) <= max(c.Y, d.Y) && min(c.Y, d.Y) <= max(a.Y, b.Y)
}

// Encloses reports whether the rectangle r (an element's bounds) lies inside
// a box boundary. A line boundary encloses nothing.
func (b *Boundary) Encloses(r Rect) bool {
	return b.Shape == BoundaryBox && b.Bounds.ContainsRect(r)
}

// Hit reports whether p lies within tol of the boundary's line or of its
// box's edge: the inside of a box is not a hit, so a click there reaches the
// elements the box surrounds.
func (b *Boundary) Hit(p Point, tol float64) bool {
	switch b.Shape {
	case BoundaryLine:
		return DistToPolyline(p, b.Points) <= tol
	case BoundaryBox:
		c := b.Bounds.corners()
		return DistToPolyline(p, c[:]) <= tol
	}
	return false
}

// CrossedBoundaries lists, in diagram order, the boundaries a flow's path
// crosses; nil when it crosses none or an end is missing.
func (d *Diagram) CrossedBoundaries(f *Flow) []*Boundary {
	path := d.FlowPath(f)
	if path == nil {
		return nil
	}
	var out []*Boundary
	for _, b := range d.Boundaries {
		if b.Crosses(path) {
			out = append(out, b)
		}
	}
	return out
}

func (p Point) scale(k float64) Point { return Point{p.X * k, p.Y * k} }

func dist(p, q Point) float64 { return math.Hypot(p.X-q.X, p.Y-q.Y) }
