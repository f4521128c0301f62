package model

// Point is a position in diagram units (1 unit = 1 pixel at 100% zoom).
type Point struct{ X, Y float64 }

// Rect is an axis-aligned rectangle: top-left corner and size.
type Rect struct{ X, Y, W, H float64 }

// Add returns p moved by d.
func (p Point) Add(d Point) Point { return Point{p.X + d.X, p.Y + d.Y} }

// Sub returns the vector from q to p.
func (p Point) Sub(q Point) Point { return Point{p.X - q.X, p.Y - q.Y} }

// Center is the middle of r.
func (r Rect) Center() Point { return Point{r.X + r.W/2, r.Y + r.H/2} }

// Contains reports whether p lies inside r or on its edge.
func (r Rect) Contains(p Point) bool {
	return p.X >= r.X && p.X <= r.X+r.W && p.Y >= r.Y && p.Y <= r.Y+r.H
}

// Moved returns r shifted by d.
func (r Rect) Moved(d Point) Rect { return Rect{r.X + d.X, r.Y + d.Y, r.W, r.H} }
