package drawing

import (
	"math"

	"github.com/threatboard/threatboard/model"
)

// Coverage is how far sessions have discussed an element: the mark drawn
// at the bottom left of its shape when coverage is shown.
type Coverage uint8

const (
	NoCoverage   Coverage = iota // no mark: coverage not shown, or nothing to discuss
	NotDiscussed                 // an empty ring
	Partly                       // a ring half filled
	Discussed                    // a full disc
)

// AppendCoverage appends the coverage mark of e: a ring of the badge's
// size, empty, half filled (the left half) or filled.
func AppendCoverage(dst []Item, e *model.Element, c Coverage) []Item {
	if c == NoCoverage || c > Discussed {
		return dst
	}
	p := CoverageCentre(e.Kind, e.Bounds)
	r := float64(MarkerRadius)
	box := model.Rect{X: p.X - r, Y: p.Y - r, W: 2 * r, H: 2 * r}
	switch c {
	case Discussed:
		return append(dst, Item{Kind: Circle, ID: e.ID, Box: box, Fill: Selection, Stroke: Selection, Width: StrokeWidth})
	case Partly:
		dst = append(dst, Item{Kind: Circle, ID: e.ID, Box: box, Fill: Fill, Stroke: Selection, Width: StrokeWidth})
		return append(dst, Item{Kind: Polygon, ID: e.ID, Points: halfDisc(p, r), Fill: Selection, Stroke: Selection, Width: StrokeWidth})
	}
	return append(dst, Item{Kind: Circle, ID: e.ID, Box: box, Fill: Fill, Stroke: Selection, Width: StrokeWidth})
}

// halfDisc is the left half of the disc of radius r about c, as a polygon.
func halfDisc(c model.Point, r float64) []model.Point {
	const n = 12
	pts := make([]model.Point, 0, n+1)
	for i := 0; i <= n; i++ {
		a := math.Pi/2 + math.Pi*float64(i)/n // from the top, round the left, to the bottom
		pts = append(pts, model.Point{X: c.X + r*math.Cos(a), Y: c.Y - r*math.Sin(a)})
	}
	return pts
}

// CoverageCentre puts the coverage mark at the shape's bottom left, across
// from the open-threat badge: on the outline of a circle, just inside the
// corner of a box.
func CoverageCentre(k model.Kind, r model.Rect) model.Point {
	if k == model.Process || k == model.MultiProcess {
		d := math.Min(r.W, r.H) / 2
		c := r.Center()
		return model.Point{X: c.X - d*math.Sqrt2/2, Y: c.Y + d*math.Sqrt2/2}
	}
	return model.Point{X: r.X + MarkerRadius + 3, Y: r.Y + r.H - MarkerRadius - 3}
}
